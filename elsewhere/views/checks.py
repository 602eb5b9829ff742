"""K1: the uitvoerder's own checks and the answer of each. A check holds no identity of the
person (`elsewhere.models.Check`), so its page is named by its pk; only the one who asked sees
it, anyone else gets 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from config.pages import PAGE_SIZE, CappedPaginator
from elsewhere.models import Check
from elsewhere.pseudonyms import HIT, POSSIBLE
from parties.permissions import keeps_a_file

WEEGPLOEG = "weegploeg"
STATES = {"active": _("active"), "archived": _("archived")}
MATCHES = {
    HIT: _("known"),
    POSSIBLE: _("possible, to be confirmed by the other side"),
}


def shown_answer(answer: dict) -> dict:
    """One answer as the page shows it: never a possible match as a hit."""
    file = answer.get("file", "")
    return {
        "veiligheidshuis": answer.get("veiligheidshuis", ""),
        "file": _("Weegploeg") if file == WEEGPLOEG else file,
        "state": STATES.get(answer.get("state"), answer.get("state", "")),
        "archived": answer.get("state") == "archived",
        "hit": answer.get("match") == HIT,
        "match": MATCHES.get(answer.get("match"), MATCHES[POSSIBLE]),
        "contact": answer.get("contact", ""),
        "source": answer.get("source", ""),
    }


def outcome_of(check: Check) -> dict:
    """The counts the list shows of a check."""
    answers = check.answers or []
    return {
        "hits": sum(1 for a in answers if a.get("match") == HIT),
        "possible": sum(1 for a in answers if a.get("match") != HIT),
        "unanswered": len(check.unanswered or []),
    }


class OwnChecksMixin:
    def get_queryset(self):
        return Check.objects.filter(asked_by=self.request.user).select_related(
            "data_file__veiligheidshuis"
        )


class CheckListView(OwnChecksMixin, ListView):
    """The checks the user asked, newest first, paginated."""

    template_name = "elsewhere/check_list.html"
    context_object_name = "checks"
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator

    def dispatch(self, request, *args, **kwargs):
        # Only who keeps a file asks; the page is not there for anyone else.
        if not keeps_a_file(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [{"check": check, **outcome_of(check)} for check in context["checks"]]
        return context


class CheckDetailView(OwnChecksMixin, DetailView):
    """The answer of one check: per dossier elsewhere where and whom to call, the peers that
    did not answer; nothing of the dossier's content, nor its number."""

    template_name = "elsewhere/check_detail.html"
    context_object_name = "check"

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        check = self.object
        return super().get_context_data(
            answers=[shown_answer(answer) for answer in check.answers or []],
            unanswered=list(check.unanswered or []),
            **kwargs,
        )
