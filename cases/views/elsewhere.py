"""K1: "bekend elders?" on a case, for the keeper of its casusoverleg's ICO file: asked from
that file. The person's identity never goes in a URL: the case's number names it, the check
posts. Whether it is offered and allowed is one rule, `elsewhere.selectors.check_refusal`
(through `elsewhere.views.offer`)."""

from django.urls import reverse
from django.views import View

from cases import selectors
from cases.models import Case
from cases.permissions import file_of
from elsewhere.views.offer import ask, offer
from subjects.registry import Identity


def identity_of(case: Case) -> Identity:
    return Identity(
        surname=case.surname,
        given_names=case.given_names,
        date_of_birth=case.date_of_birth,
        prefix=case.prefix or "",
        bsn=case.bsn or "",
    )


def case_offers(user, case: Case) -> list:
    url = reverse("cases:case-known-elsewhere", kwargs={"number": case.number})
    shown = offer(user, file_of(case.casusoverleg), url=url)
    return [shown] if shown is not None else []


class CaseCheckView(View):
    """Checks the case's person from its ICO file: 404 for a case the user may not see or a
    file they do not keep, the refusal (no basis) with 403."""

    def post(self, request, number):
        case = selectors.get_visible_case(request.user, number)
        back = reverse("cases:case-detail", kwargs={"number": case.number})
        return ask(request, identity_of(case), file_of(case.casusoverleg), back=back)
