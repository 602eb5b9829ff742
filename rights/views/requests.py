"""The request screen (R1-R3, U3): the list of requests with their deadlines, the intake and the
request's page with its steps. Only for who handles requests (the uitvoerder and the officers
it designates): 404 for everyone else. Every view of a request is access-logged (S2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Prefetch, Value, When, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView

from config.audit import ReadKind
from config.pages import PAGE_SIZE, SortedListMixin, add_service_errors
from rights.constants import RequestKind, RequestState
from rights.forms.requests import IntakeForm
from rights.models import Letter, RequestDossier
from rights.permissions.requests import (
    get_handled_request,
    handled_requests,
    may_designate_officers,
    may_handle_requests,
    request_regions,
)
from rights.services import deadlines
from rights.services.extension import extension_refusal
from rights.services.intake import receive_request
from rights.services.request_audit import log_request_list, log_request_read
from rights.services.requests import next_step
from rights.views.outcomes import outcome_context

DUE_FILTERS = {"week": _("Due within a week"), "overdue": _("Overdue")}
STEPS = (
    ("intake", _("Intake")),
    ("identity", _("Identity")),
    ("dossiers", _("Dossiers")),
    ("outcome", _("Outcome")),
    ("answered", _("Answered")),
)


def request_crumbs(subject_request) -> list[dict]:
    """The breadcrumbs of a page under a request's page (U1)."""
    return [
        {
            "label": _("Request %(number)s") % {"number": subject_request.number},
            "url": reverse("rights:request-detail", args=[subject_request.number]),
        }
    ]


class HandlerMixin:
    """Pages for who handles requests in at least one Veiligheidshuis."""

    def dispatch(self, request, *args, **kwargs):
        if not may_handle_requests(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RequestMixin:
    """Pages about one request: 404 unless the user handles its Veiligheidshuis."""

    related: tuple[str, ...] = ()  # what the page shows of the request, read with it

    def dispatch(self, request, *args, **kwargs):
        self.subject_request = get_handled_request(request.user, kwargs["number"], *self.related)
        if self.subject_request is None:
            raise Http404
        return self.refusal(request) or super().dispatch(request, *args, **kwargs)

    def refusal(self, request):
        """A response that refuses the page before it is shown, or None."""
        return None

    def back(self):
        return redirect("rights:request-detail", number=self.subject_request.number)

    below_detail = True  # a page under the request's page: its breadcrumb leads back (U1)

    def get_context_data(self, **kwargs):
        if self.below_detail:
            kwargs.setdefault("breadcrumbs", request_crumbs(self.subject_request))
        return super().get_context_data(subject_request=self.subject_request, **kwargs)


class RequestActionView(RequestMixin, FormView):
    """A form about one request whose valid submission calls one service; its refusal is shown
    on the form."""

    template_name = "rights/requests/action_form.html"
    success_message = ""
    title = ""
    intro = ""
    submit_label = _("Save")
    versioned = True
    needs_identity = True  # R2: refused until the identity is recorded

    def refusal(self, request):
        if self.needs_identity and not self.subject_request.identity_established:
            messages.error(
                request, _("First record how the identity of the requester was established.")
            )
            return self.back()
        return None

    def get_initial(self):
        return {"version": self.subject_request.version} if self.versioned else {}

    def form_valid(self, form):
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, self.success_message)
        return self.back()


class RequestListView(HandlerMixin, SortedListMixin, ListView):
    """U2: open requests first, then by their term; every column sorts."""

    template_name = "rights/requests/list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "requests"
    sorts = {
        "deadline": ("closed", "term"),
        "number": ("number_order",),
        "received": ("received_on",),
        "state": ("closed", "state"),
        "region": ("veiligheidshuis__name",),
    }
    default_sort = "deadline"

    def get_queryset(self):
        queryset = handled_requests(self.request.user).select_related("veiligheidshuis")
        query = self.request.GET
        state = query.get("state", "")
        state = state if state in RequestState.values else ""
        kind = query.get("kind", "")
        kind = kind if kind in RequestKind.values else ""
        due = query.get("due", "")
        due = due if due in DUE_FILTERS else ""
        number = query.get("q", "").strip()[:20]
        today = timezone.localdate()
        if state:
            queryset = queryset.filter(state=state)
        if kind:
            queryset = queryset.filter(kinds__icontains=f'"{kind}"')
        if due == "week":
            queryset = deadlines.due_within(queryset, today)
        elif due == "overdue":
            queryset = deadlines.overdue(queryset, today)
        if number:
            queryset = queryset.filter(number__icontains=number)
        self.filters = {"state": state, "kind": kind, "due": due, "q": number}
        queryset = queryset.annotate(
            term=Coalesce("extended_to", "due_on"),
            closed=Case(
                When(state__in=[RequestState.DONE, RequestState.WITHDRAWN], then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        return self.sorted(queryset)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not hasattr(response, "context_data"):
            return response  # the remembered filters: a redirect
        shown = response.context_data["requests"]
        log_request_list(request, shown, search=bool(self.filters["q"]))
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            states=RequestState.choices,
            kinds=RequestKind.choices,
            due_filters=DUE_FILTERS.items(),
            today=timezone.localdate(),
            may_designate=may_designate_officers(self.request.user),
            **kwargs,
        )


class IntakeView(HandlerMixin, FormView):
    template_name = "rights/requests/intake.html"
    form_class = IntakeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "regions": request_regions(self.request.user)}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        region = data.pop("veiligheidshuis")
        try:
            subject_request = receive_request(by=self.request.user, veiligheidshuis=region, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(
            self.request,
            _("Request %(number)s has been recorded. Now establish the identity of the requester.")
            % {"number": subject_request.number},
        )
        return redirect("rights:request-detail", number=subject_request.number)


class RequestDetailView(RequestMixin, TemplateView):
    """The request with its steps and what comes next (U3). Before the identity is recorded it
    shows only what the intake recorded; nothing of the files (R2)."""

    template_name = "rights/requests/detail.html"
    below_detail = False
    related = ("identity_established_by", "objection_decision")

    def get(self, request, *args, **kwargs):
        # Issue 13: the dossiers and the letters read once, for every part of the page.
        prefetch_related_objects(
            [self.subject_request],
            Prefetch("dossiers", queryset=RequestDossier.objects.order_by("pk")),
            Prefetch("letters", queryset=Letter.objects.defer("pdf").order_by("made_at", "pk")),
        )
        response = super().get(request, *args, **kwargs)
        response.render()
        refs = deadlines.refs_of(self.subject_request.dossiers.all())
        log_request_read(request, self.subject_request, kind=ReadKind.DETAIL, dossiers=refs)
        return response

    def get_context_data(self, **kwargs):
        subject_request = self.subject_request
        step = next_step(subject_request)
        order = [code for code, _label in STEPS]
        current = order.index(step) if step in order else len(order)
        steps = [
            {"code": code, "label": label, "done": index < current, "current": index == current}
            for index, (code, label) in enumerate(STEPS)
        ]
        context = {
            "next_step": step,
            "steps": steps,
            "identity_established": subject_request.identity_established,
            "dossiers": list(subject_request.dossiers.all()),
            "letters": list(subject_request.letters.all()),
            "extension_refusal": extension_refusal(subject_request, timezone.localdate()),
            "today": timezone.localdate(),
        }
        if subject_request.identity_established:
            # R4-R7: the outcomes of the request, shown by their own partial.
            context.update(
                outcome_context(subject_request, self.request.user, letters=context["letters"])
            )
        return super().get_context_data(**context, **kwargs)
