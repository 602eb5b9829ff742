"""The outcomes of a request on its page (R4-R7, U3): `outcome_context` is merged into the
request page's context and shown by the partial `rights/request_outcomes.html`; the
outcomes page shows the same partial on its own. `RequestOutcomeMixin` finds the request
among those the user handles (404 for everyone else: rights.permissions.requests)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from config.audit import ReadKind, log_reads
from rights.constants import LetterKind, RequestKind
from rights.models import ItemChange, Letter
from rights.outcome_constants import ChangeAction
from rights.permissions.requests import handled_requests, may_handle_requests
from rights.services.execution import field_labels, is_late
from rights.services.outcome_common import check_step, item_kind
from rights.services.refusal import describe
from subjects import registry
from subjects.registry import DossierRef

OUTCOME_LETTERS = [LetterKind.ACCESS, LetterKind.REFUSAL, LetterKind.DECISION, LetterKind.NOTICE]


def _file_names(subject_request) -> dict:
    names = {}
    for row in subject_request.dossiers.all():
        ref = DossierRef(row.file_label, row.dossier_key)
        names[(ref.file_label, ref.key)] = registry.get(ref.file_label).data_file(ref).name
    return names


def outcome_context(subject_request, user, *, letters=None) -> dict:
    """What the request page shows of the outcomes (R4-R7): merged into its context and shown
    by the partial `rights/request_outcomes.html`. Nothing of a dossier before the identity is
    recorded (R2). `letters`: all the request's letters, oldest first, when read already."""
    today = timezone.localdate()
    context = {
        "request": subject_request,
        "may_handle": may_handle_requests(user, subject_request.veiligheidshuis),
        "identity_first": not subject_request.identity_established,
        "asked": {kind.value: kind.value in subject_request.kinds for kind in RequestKind},
        "deadline": subject_request.deadline,
        "overdue": subject_request.answered_on is None and today > subject_request.deadline,
        "actions": ChangeAction,
    }
    if context["identity_first"] or not context["may_handle"]:
        return {"outcomes": context}
    names = _file_names(subject_request)
    changes = []
    for change in ItemChange.objects.filter(request=subject_request).prefetch_related("notices"):
        changes.append(
            {
                "change": change,
                "kind": item_kind(change.item_model),
                "fields": field_labels(change.item_model, change.fields),
                "file": names.get((change.file_label, change.dossier_key), change.file_label),
                "late": is_late(change),
                "notices": list(change.notices.all()),
            }
        )
    context.update(
        withholdings=[
            {"withholding": w, "what": describe(w, names)}
            for w in subject_request.withholdings.select_related("ground")
        ],
        changes=changes,
        decision=getattr(subject_request, "objection_decision", None),
        letters=list(
            Letter.objects.filter(request=subject_request, kind__in=OUTCOME_LETTERS)
            .defer("pdf")
            .order_by("-made_at", "-pk")
        )
        if letters is None
        else [letter for letter in reversed(letters) if letter.kind in OUTCOME_LETTERS],
    )
    return {"outcomes": context}


class RequestOutcomeMixin:
    """A page about one request the user handles; the steps past the intake refuse to
    disclose anything before the identity is recorded (R2): back to the outcomes page."""

    needs_identity = True

    def dispatch(self, request, *args, **kwargs):
        self.subject_request = (
            handled_requests(request.user)
            .select_related("veiligheidshuis")
            .filter(number=kwargs["number"])
            .first()
        )
        if self.subject_request is None:
            raise Http404
        if self.needs_identity:
            try:
                check_step(self.subject_request, by=request.user)
            except PermissionDenied as denied:
                raise Http404 from denied
            except ValidationError:
                return redirect(self.outcomes_url())
        return super().dispatch(request, *args, **kwargs)

    def outcomes_url(self):
        return reverse("rights:outcomes", args=[self.subject_request.number])

    def request_page_url(self):
        """The request page of the intake, where it exists; else this outcomes page."""
        try:
            return reverse("rights:request-detail", args=[self.subject_request.number])
        except NoReverseMatch:
            return self.outcomes_url()

    def breadcrumbs(self) -> list[dict]:
        """Under the request's page; the pages under the outcomes also under the outcomes."""
        crumbs = [
            {
                "label": _("Request %(number)s") % {"number": self.subject_request.number},
                "url": self.request_page_url(),
            }
        ]
        if self.request.resolver_match and self.request.resolver_match.url_name != "outcomes":
            crumbs.append({"label": _("Outcomes"), "url": self.outcomes_url()})
        return crumbs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", self.breadcrumbs())
        return super().get_context_data(
            subject_request=self.subject_request,
            outcomes_url=self.outcomes_url(),
            request_page_url=self.request_page_url(),
            **kwargs,
        )


class OutcomesView(RequestOutcomeMixin, TemplateView):
    """The outcomes of one request (R4-R7): what is withheld, the items changed with their
    notices, the objection decided, the letters. Shown before identity too: it then says what
    to do first and shows nothing else."""

    template_name = "rights/outcomes/index.html"
    needs_identity = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **outcome_context(self.subject_request, self.request.user), **kwargs
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_reads(request, [self.subject_request], kind=ReadKind.DETAIL)
        return response
