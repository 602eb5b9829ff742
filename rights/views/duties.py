"""The list of duties to inform and a duty's page (I1-I4, U1, U3). Thin: who sees what is in
`rights.permissions.duties`, the reading rules in `rights.services.duties`."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, DateField, Exists, F, IntegerField, OuterRef, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from config.audit import ReadKind
from config.pages import PAGE_SIZE, KeysFirstPaginator, SortedListMixin
from parties.models import DataFile
from rights.constants import DutyState
from rights.dashboard_duties import what_is_due
from rights.forms.duties import DutyFilterForm
from rights.models import DutyToInform
from rights.permissions.duties import may_handle_duty, may_see_duties, visible_duties
from rights.services import duties as services
from rights.services.duty_reads import log_duty_reads
from subjects import registry


class DutiesMixin:
    """404 for who has no duties to see at all (not working in any file)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_duties(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DutyListView(DutiesMixin, SortedListMixin, ListView):
    """The duties the user handles, with filters on state, overdue and file. It shows the
    dossier's number, never a name: no read of personal data. U2: open duties first (to inform,
    postponed), then by the date due."""

    template_name = "rights/duties/duty_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = KeysFirstPaginator  # sorted by the date due: issue 13
    context_object_name = "duties"
    sorts = {
        "due": ("done", "due"),
        "number": ("pk",),
        "dossier": ("dossier_key",),
        "file": ("data_file__name",),
        "state": ("done", "state"),
    }
    default_sort = "due"

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_queryset(self):
        duties = services.with_review(visible_duties(self.request.user)).select_related(
            "data_file", "responsible_party"
        )
        # The files with a duty the user sees, each asked once (issue 13): not every visible
        # duty read to find its file.
        files = DataFile.objects.filter(
            Exists(visible_duties(self.request.user).filter(data_file=OuterRef("pk")))
        ).order_by("name")
        self.filter_form = DutyFilterForm(self.request.GET or None, files=files)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        if data.get("state"):
            duties = duties.filter(state=data["state"])
        if data.get("overdue"):
            duties = duties.filter(services.overdue_q(self.today))
        if data.get("file"):
            duties = duties.filter(data_file=data["file"])
        self.filters = {
            "state": data.get("state", ""),
            "overdue": "on" if data.get("overdue") else "",
            "file": data["file"].pk if data.get("file") else "",
        }
        duties = duties.annotate(
            due=Case(
                When(state=DutyState.POSTPONED, then=F("review_on")),
                default=F("due_on"),
                output_field=DateField(),
            ),
            done=Case(
                When(state__in=[DutyState.TO_INFORM, DutyState.POSTPONED], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        return self.sorted(duties)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter_form=self.filter_form, filters=self.filters, **kwargs
        )
        for duty in context["duties"]:
            duty.is_overdue = duty.state == DutyState.TO_INFORM and duty.due_on < self.today
            duty.is_overdue |= duty.state == DutyState.POSTPONED and bool(
                duty.review_on and duty.review_on < self.today
            )
        context["filtered"] = any(self.filters.values())
        return context


def get_visible_duty(user, pk) -> DutyToInform:
    duty = visible_duties(user).select_related("data_file", "responsible_party").filter(pk=pk)
    duty = duty.first()
    if duty is None:
        raise Http404
    return duty


class DutyDetailView(DutiesMixin, DetailView):
    """One duty: whom to inform (the addressee, through the registry), its postponements, its
    letters and the actions. Showing the addressee is a read of the dossier (S2)."""

    template_name = "rights/duties/duty_detail.html"
    context_object_name = "duty"

    def get_object(self, queryset=None):
        return get_visible_duty(self.request.user, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_duty_reads(request, [self.object], kind=ReadKind.DETAIL)
        return response

    def get_context_data(self, **kwargs):
        duty, user = self.object, self.request.user
        ref = services.dossier_ref(duty)
        try:
            addressee = registry.get(ref.file_label).addressee(ref, services.person_ref(duty))
        except (LookupError, ObjectDoesNotExist):  # a dossier or person gone meanwhile
            addressee = None
        may_handle = may_handle_duty(user, duty)
        state = duty.state
        current = services.current_postponement(duty)
        is_open = state in (DutyState.TO_INFORM, DutyState.POSTPONED)
        return super().get_context_data(
            next_due=what_is_due(duty) if is_open else "",
            next_due_on=(current.review_on if current else duty.due_on) if is_open else None,
            addressee=addressee,
            postponements=duty.postponements.select_related("ground", "recorded_by").order_by(
                "-recorded_at", "-pk"
            ),
            letters=duty.letters.select_related("made_by", "sent_by").order_by("-made_at"),
            is_overdue=services.is_overdue(duty),
            current=current,
            may_handle=may_handle,
            may_postpone=may_handle and state in (DutyState.TO_INFORM, DutyState.POSTPONED),
            may_lift=may_handle and state == DutyState.POSTPONED,
            may_inform=may_handle and state in (DutyState.TO_INFORM, DutyState.POSTPONED),
            may_decline=may_handle and state == DutyState.TO_INFORM,
            may_write=may_handle and state == DutyState.TO_INFORM,
            **kwargs,
        )
