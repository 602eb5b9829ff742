"""Pages of the ICO files of the casusoverleggen (C1-C7, C9, C12, S1, S2, P6, U2). Thin: every
read goes through `cases.permissions` and `cases.disclosure_services.disclosures_for`, every
change through the services.

Whoever may not see a case gets 404, never 403; a change page answers 404 to whoever may not
keep the case. An external partner sees no case at all: only what was disclosed to it (C6)."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView

from cases import disclosure_services, forms, meeting_services, services
from cases.constants import OPEN_MEASURE_STATUSES, CasePart, CaseStatus, Goal
from cases.history import case_history
from cases.models import (
    Case,
    CaseMeeting,
    CaseParticipant,
    CasusOverleg,
    Closing,
    Disclosure,
    Discussion,
    Measure,
    ProgressNote,
    Transfer,
)
from cases.permissions import get_visible_case, keepable_cases, may_see_cases, visible_cases
from config.audit import AccessLoggedMixin, log_access, log_access_many
from parties.constants import Function, PartyRole
from parties.models import Party, User
from parties.permissions import functions_of, may_act, membership_of
from parties.views import PAGE_SIZE, SessionSearchMixin, add_service_errors
from subjects.matching import normalise_name

# --- who may use the pages --------------------------------------------------------------------


def kept_overleggen(user):
    """The casusoverleggen whose file `user` keeps as uitvoerder."""
    if not (may_act(user) and Function.UITVOERDER in functions_of(user)):
        return CasusOverleg.objects.none()
    regions = membership_of(user).party.veiligheidshuizen.values("pk")
    return CasusOverleg.objects.filter(veiligheidshuis__in=regions)


def meeting_overleggen(user):
    """The casusoverleggen whose meetings `user` sees: those they chair or keep."""
    if not may_act(user):
        return CasusOverleg.objects.none()
    return CasusOverleg.objects.filter(
        Q(chairs=user) | Q(pk__in=kept_overleggen(user).values("pk"))
    ).distinct()


class CasesMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_see_cases(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def overdue_filter(prefix: str = "measures__"):
    return Q(
        **{
            f"{prefix}status__in": OPEN_MEASURE_STATUSES,
            f"{prefix}deadline__lt": timezone.localdate(),
        }
    )


# --- the case list ----------------------------------------------------------------------------


class CaseListView(CasesMixin, SessionSearchMixin, ListView):
    """The cases the user may see, with search by number or name and filters on casusoverleg
    and status; per case the number of overdue measures (C3)."""

    template_name = "cases/case_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "cases"
    search_session_key = "cases:case-search"
    url_filters = ("casusoverleg", "status")

    @cached_property
    def overleggen(self):
        visible = visible_cases(self.request.user).values("casusoverleg")
        return list(CasusOverleg.objects.filter(pk__in=visible).order_by("name"))

    def get_queryset(self):
        cases = (
            visible_cases(self.request.user)
            .select_related("casusoverleg")
            .annotate(overdue_count=Count("measures", filter=overdue_filter(), distinct=True))
        )
        status = self.request.GET.get("status", "")
        status = status if status in CaseStatus.values else ""
        overleg = self.request.GET.get("casusoverleg", "")
        overleg = overleg if overleg in {str(o.pk) for o in self.overleggen} else ""
        query = self.search_term
        if query:
            name = normalise_name(query)
            matches = Q(number__icontains=query)
            if name:
                matches |= Q(name_key__contains=name)
            cases = cases.filter(matches)
        if status:
            cases = cases.filter(status=status)
        if overleg:
            cases = cases.filter(casusoverleg_id=overleg)
        self.filters = {"casusoverleg": overleg, "status": status}
        return cases.order_by("-last_processed_at", "-pk")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            statuses=CaseStatus.choices,
            overleggen=self.overleggen,
            may_meet=meeting_overleggen(user).exists(),
            **kwargs,
        )


# --- the case page ----------------------------------------------------------------------------

CASE_CONTENTS = (
    Prefetch(
        "participants",
        queryset=CaseParticipant.objects.select_related("party").order_by("since", "pk"),
    ),
    "signals__brought_by",
    "findings",
    "goals",
    Prefetch(
        "measures",
        queryset=Measure.objects.select_related("owner").prefetch_related(
            Prefetch("notes", queryset=ProgressNote.objects.select_related("written_by"))
        ),
    ),
    Prefetch(
        "progress_notes",
        queryset=ProgressNote.objects.select_related("written_by", "measure"),
    ),
    "related_people",
    Prefetch("closings", queryset=Closing.objects.select_related("decided_by", "reopened_by")),
    "checks__checked_by",
    Prefetch(
        "discussions",
        queryset=Discussion.objects.select_related("meeting", "casemanager").order_by(
            "-meeting__held_on", "-pk"
        ),
    ),
    Prefetch(
        "transfers",
        queryset=Transfer.objects.select_related("transferred_by", "checked_by").order_by(
            "-transferred_at"
        ),
    ),
)


class CaseDetailView(CasesMixin, AccessLoggedMixin, DetailView):
    """The file of one case; every view writes an access entry (S2)."""

    template_name = "cases/case_detail.html"
    context_object_name = "case"

    def get_object(self, queryset=None):
        case = get_visible_case(self.request.user, self.kwargs["number"])
        case = Case.objects.select_related("casusoverleg", "casemanager").get(pk=case.pk)
        prefetch_related_objects([case], *CASE_CONTENTS)
        today = timezone.localdate()
        for measure in case.measures.all():
            measure.is_overdue = (
                measure.status in OPEN_MEASURE_STATUSES and measure.deadline < today
            )
        return case

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        may_keep = keepable_cases(user).filter(pk=case.pk).exists()
        disclosures = []
        if may_keep:
            disclosures = list(
                case.disclosures.select_related("partner", "provider", "disclosed_by")
            )
        membership = membership_of(user)
        party_id = membership.party_id if membership else None
        reportable = {
            measure.pk
            for measure in case.measures.all()
            if may_keep or case.casemanager_id == user.pk or measure.owner_id == party_id
        }
        return super().get_context_data(
            may_keep=may_keep,
            is_active=case.status == CaseStatus.ACTIVE,
            disclosures=disclosures,
            reportable=reportable,
            overdue_count=sum(1 for m in case.measures.all() if m.is_overdue),
            history=case_history(case),
            **kwargs,
        )


# --- changes to one case (uitvoerder) ---------------------------------------------------------


class CaseActionView(FormView):
    """A form about one case whose valid submission calls one service. Only for who may keep
    the case (404 for everyone else); a closed case refuses the page until it is reopened (C5)."""

    template_name = "cases/action_form.html"
    needs_status = CaseStatus.ACTIVE
    title = ""
    intro = ""
    success_message = ""

    def get_case(self):
        return keepable_cases(self.request.user).filter(number=self.kwargs["number"]).first()

    def dispatch(self, request, *args, **kwargs):
        self.case = self.get_case()
        if self.case is None:
            raise Http404
        if self.needs_status and self.case.status != self.needs_status:
            if self.case.status == CaseStatus.CLOSED:
                message = _("This case is closed: reopen it first to change it.")
            else:
                message = _("This case cannot be changed in its present state.")
            messages.error(request, message)
            return self.back()
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("cases:case-detail", number=self.case.number)

    def participating_parties(self):
        return Party.objects.filter(
            pk__in=self.case.participants.filter(until__isnull=True).values("party")
        ).order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def form_valid(self, form):
        self.form = form
        try:
            response = self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response or self.back()


class ParticipantCreateView(CaseActionView):
    form_class = forms.ParticipantForm
    title = gettext_lazy("Add a participant")
    intro = gettext_lazy(
        "A party of this casusoverleg, or an external partner whose confidentiality "
        "declaration is recorded (P6)."
    )
    success_message = gettext_lazy("The participant has been added.")

    def get_form_kwargs(self):
        overleg = self.case.casusoverleg
        parties = (
            Party.objects.active_on(timezone.localdate())
            .filter(
                Q(pk__in=overleg.participants.values("pk"))
                | Q(role=PartyRole.EXTERN, veiligheidshuizen=overleg.veiligheidshuis_id)
            )
            .exclude(pk__in=self.case.participants.filter(until__isnull=True).values("party"))
            .distinct()
            .order_by("name")
        )
        return {**super().get_form_kwargs(), "parties": parties}

    def perform(self, data):
        services.add_participant(self.case, data["party"], by=self.request.user)


class GoalsView(CaseActionView):
    form_class = forms.GoalsForm
    title = gettext_lazy("Set the goals of the plan")
    success_message = gettext_lazy("The goals have been recorded.")

    def get_initial(self):
        return {"goals": list(self.case.goals.values_list("goal", flat=True))}

    def perform(self, data):
        services.set_goals(self.case, data["goals"], by=self.request.user)


class MeasureCreateView(CaseActionView):
    form_class = forms.MeasureForm
    title = gettext_lazy("Add a measure")
    success_message = gettext_lazy("The measure has been added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "parties": self.participating_parties()}

    def perform(self, data):
        services.add_measure(self.case, by=self.request.user, **data)


class ProgressCreateView(CaseActionView):
    """Progress of a measure: the keeper, the casemanager and members of the owning party."""

    form_class = forms.ProgressForm
    title = gettext_lazy("Report progress")
    success_message = gettext_lazy("The progress has been recorded.")

    def get_case(self):
        case = visible_cases(self.request.user).filter(number=self.kwargs["number"]).first()
        if case is None:
            return None
        self.measure = (
            Measure.objects.select_related("case__casusoverleg", "owner")
            .filter(case=case, pk=self.kwargs["pk"])
            .first()
        )
        if self.measure is None or not services.may_report_on(self.request.user, self.measure):
            return None
        return case

    def get_initial(self):
        return {"status": self.measure.status}

    def get_context_data(self, **kwargs):
        return super().get_context_data(measure=self.measure, **kwargs)

    def perform(self, data):
        services.report_progress(
            self.measure, by=self.request.user, text=data["text"], status=data["status"]
        )


class RelatedPersonCreateView(CaseActionView):
    form_class = forms.RelatedPersonForm
    title = gettext_lazy("Add a related person")
    intro = gettext_lazy("Only people the plan of approach needs (C2), with the reason.")
    success_message = gettext_lazy("The related person has been added.")

    def perform(self, data):
        services.add_related_person(self.case, by=self.request.user, **data)


class AdviseClosingView(CaseActionView):
    form_class = forms.AdviseClosingForm
    title = gettext_lazy("Advise closing")
    intro = gettext_lazy("The advice of the casusoverleg to the driehoek to close the case (C5).")
    success_message = gettext_lazy("The advice to close has been recorded.")

    def perform(self, data):
        services.advise_closing(self.case, by=self.request.user, **data)


class DecideClosingView(CaseActionView):
    form_class = forms.DecideClosingForm
    title = gettext_lazy("Close the case")
    intro = gettext_lazy(
        "The decision of the driehoek, with its reason and date. The case becomes read-only "
        "until it is reopened."
    )
    success_message = gettext_lazy("The case has been closed.")

    def perform(self, data):
        services.decide_closing(
            self.case, by=self.request.user, reason=data["reason"], decided_on=data["decided_on"]
        )


class ReopenView(CaseActionView):
    form_class = forms.ReopenForm
    needs_status = CaseStatus.CLOSED
    title = gettext_lazy("Reopen the case")
    intro = gettext_lazy("The closing stays in the file with the reason for reopening.")
    success_message = gettext_lazy("The case has been reopened.")

    def perform(self, data):
        services.reopen(self.case, by=self.request.user, reason=data["reason"])


class CheckCreateView(CaseActionView):
    form_class = forms.CheckForm
    needs_status = None
    title = gettext_lazy("Record check")
    intro = gettext_lazy(
        "Check that the file is correct and complete (C9). When you corrected something, say what."
    )
    success_message = gettext_lazy("The check has been recorded.")

    def perform(self, data):
        services.record_check(self.case, by=self.request.user, **data)


class DisclosureCreateView(CaseActionView):
    form_class = forms.DisclosureForm
    title = gettext_lazy("Disclose to a partner")
    intro = gettext_lazy(
        "The partner receives a copy of exactly the chosen parts as they are now, and nothing "
        "else of the case (C6)."
    )
    success_message = gettext_lazy("The disclosure has been recorded.")

    def get_form_kwargs(self):
        parties = self.participating_parties()
        return {
            **super().get_form_kwargs(),
            "partners": parties.filter(role=PartyRole.EXTERN),
            "providers": parties,
        }

    def perform(self, data):
        disclosure_services.disclose(self.case, by=self.request.user, **data)


class ExportCreateView(CaseActionView):
    form_class = forms.ExportForm
    title = gettext_lazy("Record an export")
    intro = gettext_lazy(
        "Before case data are downloaded or exported, record the permission of the party that "
        "provided them (C7)."
    )
    submit_label = gettext_lazy("Record and download")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "providers": self.participating_parties()}

    def perform(self, data):
        """Records the export, then answers with the case as a JSON file, named by its number
        only; the download is a read of the case (S2)."""
        export = disclosure_services.record_export(self.case, by=self.request.user, **data)
        content = disclosure_services.export_document(self.case, export)
        log_access(self.case)
        response = HttpResponse(
            json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="casus-{self.case.number}.json"'
        response["Cache-Control"] = "no-store"
        return response


# --- case meetings (C4) -----------------------------------------------------------------------


class MeetingMixin:
    def dispatch(self, request, *args, **kwargs):
        self.overleggen = meeting_overleggen(request.user)
        if not self.overleggen.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class MeetingListView(MeetingMixin, ListView):
    template_name = "cases/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"

    def get_queryset(self):
        return (
            CaseMeeting.objects.filter(casusoverleg__in=self.overleggen.values("pk"))
            .select_related("casusoverleg", "chair")
            .prefetch_related(Prefetch("attendees", queryset=Party.objects.order_by("name")))
            .annotate(case_count=Count("discussions"))
            .order_by("-held_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters={}, may_keep=kept_overleggen(self.request.user).exists(), **kwargs
        )


class MeetingCreateView(FormView):
    template_name = "cases/meeting_form.html"
    form_class = forms.MeetingForm

    def dispatch(self, request, *args, **kwargs):
        self.overleggen = kept_overleggen(request.user).order_by("name")
        if not self.overleggen.exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        overleggen = self.overleggen
        parties = (
            Party.objects.filter(
                Q(casusoverleggen__in=overleggen)
                | Q(
                    role=PartyRole.EXTERN,
                    declarations__isnull=False,
                    pk__in=CaseParticipant.objects.filter(
                        case__casusoverleg__in=overleggen, until__isnull=True
                    ).values("party"),
                )
            )
            .distinct()
            .order_by("name")
        )
        return {
            **super().get_form_kwargs(),
            "overleggen": overleggen,
            "chairs": User.objects.filter(chair_of_overleg_filter(overleggen)).distinct(),
            "parties": parties,
            "cases": keepable_cases(self.request.user)
            .filter(status=CaseStatus.ACTIVE, casusoverleg__in=overleggen)
            .order_by("number"),
        }

    def form_valid(self, form):
        try:
            meeting = meeting_services.hold_meeting(by=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, _("The meeting has been recorded."))
        return redirect("cases:meeting-detail", pk=meeting.pk)


def chair_of_overleg_filter(overleggen):
    return Q(
        pk__in=CasusOverleg.chairs.through.objects.filter(casusoverleg__in=overleggen).values(
            "user"
        )
    )


class MeetingDetailView(MeetingMixin, TemplateView):
    """The agenda of a meeting: per case the measures due or overdue, and a form per case for
    what the discussion ended with; the chair approves the minutes, after which the page is
    read-only. Every view writes an access entry per case shown (S2)."""

    template_name = "cases/meeting_detail.html"

    @cached_property
    def meeting(self):
        meeting = (
            CaseMeeting.objects.select_related("casusoverleg", "chair")
            .prefetch_related(Prefetch("attendees", queryset=Party.objects.order_by("name")))
            .filter(pk=self.kwargs["pk"], casusoverleg__in=self.overleggen.values("pk"))
            .first()
        )
        if meeting is None:
            raise Http404
        return meeting

    @cached_property
    def items(self):
        return meeting_services.agenda(self.meeting)

    @cached_property
    def casemanagers(self):
        """Users acting for a party taking part in one of the cases on the agenda."""
        cases = [item.case for item in self.items]
        parties = CaseParticipant.objects.filter(case__in=cases, until__isnull=True).values("party")
        return list(
            User.objects.filter(membership__party__in=parties).order_by(
                "last_name", "first_name", "pk"
            )
        )

    @property
    def is_open(self):
        return self.meeting.approved_at is None

    def item_forms(self, bound=None):
        result = []
        for item in self.items:
            prefix = f"case-{item.discussion.pk}"
            if bound is not None and bound.prefix == prefix:
                form = bound
            else:
                discussion = item.discussion
                form = forms.DiscussionForm(
                    prefix=prefix,
                    casemanagers=self.casemanagers,
                    initial={
                        "minutes": discussion.minutes,
                        "approach": discussion.approach,
                        "casemanager": discussion.casemanager_id,
                        "informing": discussion.informing,
                    },
                )
            result.append((item, form))
        return result

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access_many([item.case for item in self.items])
        return response

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            meeting=self.meeting,
            items=self.item_forms(kwargs.pop("bound", None)),
            is_open=self.is_open,
            may_record=self.is_open
            and (
                meeting_services.is_chair(user, self.meeting)
                or services.is_keeper(user, self.meeting.casusoverleg)
            ),
            is_chair=meeting_services.is_chair(user, self.meeting),
            approve_form=kwargs.pop("approve_form", None) or forms.ApproveForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if "approve" in request.POST:
            return self.approve(request)
        item = next(
            (i for i in self.items if str(i.discussion.pk) == request.POST.get("discussion", "")),
            None,
        )
        if item is None:
            raise Http404
        form = forms.DiscussionForm(
            request.POST, prefix=f"case-{item.discussion.pk}", casemanagers=self.casemanagers
        )
        if form.is_valid():
            try:
                meeting_services.record_discussion(
                    item.discussion, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as denied:
                raise Http404 from denied
            else:
                messages.success(
                    request,
                    _("The discussion of %(number)s has been recorded.")
                    % {"number": item.case.number},
                )
                return redirect("cases:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(bound=form))

    def approve(self, request):
        if not meeting_services.is_chair(request.user, self.meeting):
            raise Http404
        form = forms.ApproveForm(request.POST)
        if form.is_valid():
            try:
                meeting_services.approve_minutes(self.meeting, by=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The minutes have been approved."))
                return redirect("cases:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(approve_form=form))


# --- the external partner's page (C6) ---------------------------------------------------------


class DisclosureListView(ListView):
    """What was disclosed to the user's party, and nothing else."""

    template_name = "cases/disclosure_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "disclosures"

    def dispatch(self, request, *args, **kwargs):
        membership = membership_of(request.user)
        if membership is None or not may_act(request.user) or not membership.party.is_external:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            disclosure_services.disclosures_for(self.request.user)
            .select_related("case", "provider")
            .distinct()
            .order_by("-disclosed_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters={}, **kwargs)


class DisclosureDetailView(AccessLoggedMixin, DetailView):
    """Exactly the copy that was disclosed; every view writes an access entry (S2)."""

    template_name = "cases/disclosure_detail.html"
    context_object_name = "disclosure"

    def get_object(self, queryset=None):
        disclosure = disclosure_services.get_disclosure_for(self.request.user, self.kwargs["pk"])
        return Disclosure.objects.select_related("provider").get(pk=disclosure.pk)

    def get_context_data(self, **kwargs):
        goals = (self.object.snapshot.get(CasePart.PLAN) or {}).get("goals", [])
        labels = dict(Goal.choices)
        return super().get_context_data(goals=[labels.get(g, g) for g in goals], **kwargs)
