"""Pages of the i2o-weegploeg file (W1-W5, W7, P7). Thin: every read goes through the queryset
helpers of `weegploeg.permissions`, every change through `weegploeg.services`.

Casuspartijen and external partners see nothing of this file, not even that it exists: every
page answers 404 for them, never 403. A dossier page answers 404 to whoever may not see it, and
a change page to whoever may not keep it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView

from config.audit import AccessLoggedMixin, log_access_many
from parties.constants import Function, PartyRole
from parties.models import Party
from parties.permissions import has_function, is_beheerder, may_act, membership_of
from parties.views import PAGE_SIZE, SessionSearchMixin, add_service_errors
from subjects.matching import normalise_name
from weegploeg import forms, services
from weegploeg.constants import AssessmentStatus
from weegploeg.models import (
    AgendaItem,
    Analysis,
    Assessment,
    CriterionFinding,
    Decision,
    FrameworkVersion,
    Meeting,
    Signal,
)
from weegploeg.permissions import (
    get_visible_assessment,
    keepable_assessments,
    may_use_file,
    visible_assessments,
)

# --- who may use the file ---------------------------------------------------------------------


def is_keeper(user) -> bool:
    return may_act(user) and has_function(user, Function.UITVOERDER)


def regions_of(user):
    return membership_of(user).party.veiligheidshuizen.order_by("name")


class WeegploegMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_use_file(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class KeeperMixin:
    """Pages of the uitvoerder about the whole file of their Veiligheidshuis."""

    def dispatch(self, request, *args, **kwargs):
        if not is_keeper(request.user):
            raise Http404
        self.regions = regions_of(request.user)
        return super().dispatch(request, *args, **kwargs)


# --- assessments ------------------------------------------------------------------------------


class AssessmentListView(WeegploegMixin, SessionSearchMixin, ListView):
    """The assessments the user may see, with search by number or name and a status filter."""

    template_name = "weegploeg/assessment_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"
    search_session_key = "weegploeg:assessment-search"
    url_filters = ("status",)

    def get_queryset(self):
        assessments = visible_assessments(self.request.user).annotate(signal_count=Count("signals"))
        status = self.request.GET.get("status", "")
        status = status if status in AssessmentStatus.values else ""
        query = self.search_term
        if query:
            name = normalise_name(query)
            matches = Q(number__icontains=query)
            if name:
                matches |= Q(name_key__contains=name)
            assessments = assessments.filter(matches)
        if status:
            assessments = assessments.filter(status=status)
        self.filters = {"status": status}
        return assessments.order_by("-last_processed_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            statuses=AssessmentStatus.choices,
            may_keep=is_keeper(self.request.user),
            **kwargs,
        )


DOSSIER_CONTENTS = (
    Prefetch("signals", queryset=Signal.objects.select_related("brought_by")),
    Prefetch(
        "analyses",
        queryset=Analysis.objects.select_related("framework", "recorded_by")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=CriterionFinding.objects.select_related("criterion").order_by(
                    "criterion__order", "criterion__code"
                ),
            )
        )
        .order_by("-recorded_at", "-pk"),
    ),
    "additional_information__party",
    "expert_advice",
    Prefetch(
        "decisions",
        queryset=Decision.objects.select_related("decided_by", "reopened_by").prefetch_related(
            "advised_parties"
        ),
    ),
    "checks__checked_by",
    "case_transfers__transferred_by",
    Prefetch(
        "agenda_items",
        queryset=AgendaItem.objects.select_related("meeting", "decision").order_by(
            "-meeting__held_on"
        ),
    ),
)


class AssessmentDetailView(WeegploegMixin, AccessLoggedMixin, DetailView):
    """The dossier: NAW, signals, analyses, information, advice, decisions, checks, meetings.
    Every view writes an access entry (S2)."""

    template_name = "weegploeg/assessment_detail.html"
    context_object_name = "assessment"

    def get_object(self, queryset=None):
        assessment = get_visible_assessment(self.request.user, self.kwargs["number"])
        prefetch_related_objects([assessment], *DOSSIER_CONTENTS)
        return assessment

    def get_context_data(self, **kwargs):
        assessment = self.object
        may_keep = keepable_assessments(self.request.user).filter(pk=assessment.pk).exists()
        may_agendeer = may_keep and services.is_to_be_agendered(assessment)
        return super().get_context_data(may_keep=may_keep, may_agendeer=may_agendeer, **kwargs)


# --- intake of a signal (W1) ------------------------------------------------------------------


class IntakeView(WeegploegMixin, FormView):
    """A signal for a new or an existing dossier. When the person is probably already in the
    file, the page lists those dossiers (only those the user may see) and asks to add the signal
    to one of them or to confirm a new dossier: never a silent duplicate."""

    template_name = "weegploeg/intake.html"
    form_class = forms.IntakeForm

    @cached_property
    def regions(self):
        return regions_of(self.request.user)

    def get_form_kwargs(self):
        user = self.request.user
        own = membership_of(user).party
        if is_keeper(user):
            parties = (
                Party.objects.active_on(timezone.localdate())
                .filter(role=PartyRole.KERNPARTIJ, veiligheidshuizen__in=self.regions)
                .distinct()
                .order_by("name")
            )
            own = None
        else:
            parties = Party.objects.filter(pk=own.pk)
        return {
            **super().get_form_kwargs(),
            "regions": self.regions,
            "parties": parties,
            "own_party": own,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        region = data.get("region") or self.regions.first()
        duplicates = list(
            services.possible_duplicates(region, **form.person())
            .filter(pk__in=visible_assessments(user).values("pk"))
            .order_by("number")
        )
        by_number = {assessment.number: assessment for assessment in duplicates}
        target = self.request.POST.get("target", "")
        shown = set(self.request.POST.get("shown", "").split(","))
        if duplicates and (not target or set(by_number) - shown):
            return self.render_to_response(
                self.get_context_data(form=form, duplicates=duplicates, target=target)
            )
        if target not in ("", "new") and target not in by_number:
            form.add_error(
                None, _("The chosen dossier is not about this person. Check the details.")
            )
            return self.form_invalid(form)
        existing = by_number.get(target)
        try:
            entered = services.enter_signal(
                by=user,
                brought_by=data["brought_by"],
                region=region,
                behaviour=data["behaviour"],
                observed_on=data["observed_on"],
                reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"],
                person=None if existing else form.person(),
                assessment=existing,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(
                self.get_context_data(form=form, duplicates=duplicates, target=target)
            )
        except PermissionDenied as denied:
            raise Http404 from denied
        number = entered.assessment.number
        messages.success(
            self.request,
            _("The signal has been recorded in dossier %(number)s.") % {"number": number},
        )
        if visible_assessments(user).filter(pk=entered.assessment_id).exists():
            return redirect("weegploeg:assessment-detail", number=number)
        return redirect("weegploeg:assessment-list")


# --- changes to one dossier (uitvoerder) ------------------------------------------------------

OPEN, DECIDED = AssessmentStatus.OPEN, AssessmentStatus.DECIDED


class AssessmentActionView(FormView):
    """A form about one dossier whose valid submission calls one service. Only for who may keep
    the dossier (404 for everyone else); `needs_status` refuses the page in the wrong state,
    so a decided assessment changes only after a recorded reopening (W3)."""

    needs_status = OPEN
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.assessment = keepable_assessments(request.user).filter(number=kwargs["number"]).first()
        if self.assessment is None:
            raise Http404
        if self.needs_status and self.assessment.status != self.needs_status:
            if self.assessment.is_decided:
                message = _("This assessment has been decided: reopen it first to change it.")
            else:
                message = _("This assessment is not decided.")
            messages.error(request, message)
            return self.back()
        return self.refusal() or super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """A response that refuses the page before it is shown, or None."""
        return None

    def back(self):
        return redirect("weegploeg:assessment-detail", number=self.assessment.number)

    def get_context_data(self, **kwargs):
        return super().get_context_data(assessment=self.assessment, **kwargs)

    def form_valid(self, form):
        self.form = form
        try:
            self.perform(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, self.success_message)
        return self.back()


class AnalysisCreateView(AssessmentActionView):
    template_name = "weegploeg/analysis_form.html"
    form_class = forms.AnalysisForm
    success_message = gettext_lazy("The analysis has been recorded.")

    def refusal(self):
        try:
            self.framework = services.current_framework()
        except ValidationError as error:
            messages.error(self.request, error.messages[0])
            return self.back()
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.framework.criteria.all()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework=self.framework, **kwargs)

    def perform(self, data):
        services.record_analysis(
            self.assessment,
            by=self.request.user,
            findings=self.form.findings(),
            summary=data["summary"],
        )


class InformationCreateView(AssessmentActionView):
    template_name = "weegploeg/action_form.html"
    form_class = forms.InformationForm
    title = gettext_lazy("Add information")
    success_message = gettext_lazy("The information has been recorded.")

    def get_form_kwargs(self):
        parties = (
            Party.objects.active_on(timezone.localdate())
            .filter(veiligheidshuizen=self.assessment.veiligheidshuis)
            .order_by("name")
        )
        return {**super().get_form_kwargs(), "parties": parties}

    def perform(self, data):
        services.add_information(self.assessment, by=self.request.user, **data)


class ExpertAdviceCreateView(AssessmentActionView):
    template_name = "weegploeg/action_form.html"
    form_class = forms.ExpertAdviceForm
    title = gettext_lazy("Record expert advice")
    success_message = gettext_lazy("The expert advice has been recorded.")

    def perform(self, data):
        services.record_expert_advice(self.assessment, by=self.request.user, **data)


class DecisionCreateView(AssessmentActionView):
    template_name = "weegploeg/action_form.html"
    form_class = forms.DecisionForm
    title = gettext_lazy("Decide")
    intro = gettext_lazy(
        "One of the two outcomes of CTER 7.4, with reasons. The decision makes the assessment "
        "read-only and starts the duty to inform for each kernpartij that brought a signal."
    )
    success_message = gettext_lazy(
        "The decision has been recorded; the assessment is now read-only."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "region": self.assessment.veiligheidshuis}

    def perform(self, data):
        services.decide(
            self.assessment,
            by=self.request.user,
            outcome=data["outcome"],
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            advice_to_driehoek=data["advice_to_driehoek"],
            advised_parties=data["advised_parties"],
        )


class ReopenView(AssessmentActionView):
    template_name = "weegploeg/action_form.html"
    form_class = forms.ReopenForm
    needs_status = DECIDED
    title = gettext_lazy("Reopen the assessment")
    intro = gettext_lazy(
        "The decision stays in the dossier with the reason for reopening. The assessment can be "
        "changed again and needs a new decision."
    )
    success_message = gettext_lazy("The assessment has been reopened.")

    def perform(self, data):
        services.reopen(self.assessment, by=self.request.user, reason=data["reason"])


class AgenderingView(AssessmentActionView):
    """W6, C12: put a decided "agenderen" assessment on the agenda of a casusoverleg. Lands on
    the new case."""

    template_name = "weegploeg/agendering_form.html"
    form_class = forms.AgenderingForm
    needs_status = DECIDED
    title = gettext_lazy("Put on the agenda of a casusoverleg")
    intro = gettext_lazy(
        "The chosen signals and findings go to a new case in the ICO file as a copy, with the "
        "subject's name, address and date of birth. The parties the weegploeg advised take "
        "part in the case. The transfer is recorded in both files."
    )
    success_message = gettext_lazy("The case has been opened in the ICO file.")

    def refusal(self):
        if not services.is_to_be_agendered(self.assessment):
            messages.error(
                self.request, _('Only an assessment decided as "agenderen" is put on the agenda.')
            )
            return self.back()
        return None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "assessment": self.assessment}

    def perform(self, data):
        self.case = services.agendeer(
            self.assessment,
            by=self.request.user,
            casusoverleg=data["casusoverleg"],
            signal_ids=[row.pk for row in data["signals"]],
            finding_ids=[row.pk for row in data["findings"]],
            identity_method=data["identity_method"],
            identity_note=data["identity_note"],
        )

    def form_valid(self, form):
        response = super().form_valid(form)
        if not hasattr(self, "case"):
            return response
        left_out = ", ".join(party.name for party in self.case.parties_left_out)
        if left_out:
            messages.warning(
                self.request,
                _(
                    "These parties cannot take part yet and were left out: %(parties)s. Add "
                    "them to the case once they can."
                )
                % {"parties": left_out},
            )
        return redirect("cases:case-detail", number=self.case.number)


class CheckCreateView(AssessmentActionView):
    template_name = "weegploeg/action_form.html"
    form_class = forms.CheckForm
    needs_status = None
    title = gettext_lazy("Record check")
    intro = gettext_lazy(
        "Check that the dossier is correct and complete (CTER 8.3). When you corrected "
        "something, say what."
    )
    success_message = gettext_lazy("The check has been recorded.")

    def perform(self, data):
        services.record_check(self.assessment, by=self.request.user, **data)


# --- the periodic check (W5) ------------------------------------------------------------------


class CheckQueueView(KeeperMixin, ListView):
    """The assessments not checked for WEEGPLOEG_CHECK_DAYS days, oldest check first."""

    template_name = "weegploeg/check_queue.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"

    def get_queryset(self):
        due = Assessment.objects.none()
        for region in self.regions:
            due |= services.check_queue(region, days=settings.WEEGPLOEG_CHECK_DAYS)
        return (
            keepable_assessments(self.request.user)
            .filter(pk__in=due.values("pk"))
            .order_by(F("last_checked_at").asc(nulls_first=True), "created_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=settings.WEEGPLOEG_CHECK_DAYS, filters={}, **kwargs)


# --- meetings (W7) ----------------------------------------------------------------------------


class MeetingListView(KeeperMixin, ListView):
    template_name = "weegploeg/meeting_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "meetings"

    def get_queryset(self):
        return (
            Meeting.objects.filter(veiligheidshuis__in=self.regions)
            .select_related("veiligheidshuis")
            .prefetch_related(Prefetch("present", queryset=Party.objects.order_by("name")))
            .annotate(item_count=Count("items"))
            .order_by("-held_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filters={}, **kwargs)


class MeetingCreateView(KeeperMixin, FormView):
    template_name = "weegploeg/meeting_form.html"
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        agenda = (
            keepable_assessments(self.request.user)
            .filter(status=AssessmentStatus.OPEN)
            .order_by("number")
        )
        return {**super().get_form_kwargs(), "regions": self.regions, "assessments": agenda}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting = services.hold_meeting(
                by=self.request.user,
                region=data.get("region") or self.regions.first(),
                held_on=data["held_on"],
                present=data["present"],
                assessments=data["assessments"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as denied:
            raise Http404 from denied
        messages.success(self.request, _("The meeting has been recorded."))
        return redirect("weegploeg:meeting-detail", pk=meeting.pk)


class MeetingDetailView(KeeperMixin, TemplateView):
    """The agenda of one session with what was discussed and decided per assessment. Each item
    has its own small form; every view writes an access entry per dossier shown (S2)."""

    template_name = "weegploeg/meeting_detail.html"

    @cached_property
    def meeting(self):
        return get_object_or_404(
            Meeting.objects.select_related("veiligheidshuis").prefetch_related("present"),
            pk=self.kwargs["pk"],
            veiligheidshuis__in=self.regions,
        )

    @cached_property
    def items(self):
        return list(
            self.meeting.items.filter(assessment__in=keepable_assessments(self.request.user))
            .select_related("assessment", "decision")
            .order_by("assessment__number")
        )

    def item_forms(self, bound=None):
        return [
            (
                item,
                bound
                if bound is not None and bound.prefix == f"item-{item.pk}"
                else forms.DiscussionForm(
                    prefix=f"item-{item.pk}", initial={"discussion": item.discussion}
                ),
            )
            for item in self.items
        ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_access_many([item.assessment for item in self.items])
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, items=self.item_forms(kwargs.pop("bound", None)), **kwargs
        )

    def post(self, request, *args, **kwargs):
        item = next(
            (item for item in self.items if str(item.pk) == request.POST.get("item", "")), None
        )
        if item is None:
            raise Http404
        form = forms.DiscussionForm(request.POST, prefix=f"item-{item.pk}")
        if form.is_valid():
            try:
                services.record_discussion(
                    item, by=request.user, discussion=form.cleaned_data["discussion"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as denied:
                raise Http404 from denied
            else:
                messages.success(
                    request,
                    _("The discussion of %(number)s has been recorded.")
                    % {"number": item.assessment.number},
                )
                return redirect("weegploeg:meeting-detail", pk=self.meeting.pk)
        return self.render_to_response(self.get_context_data(bound=form))


# --- the referentiekader (W2) -----------------------------------------------------------------


class FrameworkMixin:
    """The referentiekader is configuration of the beheerder, not personal data: 403 for others."""

    def dispatch(self, request, *args, **kwargs):
        if not is_beheerder(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FrameworkListView(FrameworkMixin, ListView):
    template_name = "weegploeg/framework_list.html"
    context_object_name = "versions"

    def get_queryset(self):
        return FrameworkVersion.objects.prefetch_related("criteria").select_related("created_by")


class FrameworkCreateView(FrameworkMixin, TemplateView):
    """A new version of the referentiekader, starting from the criteria of the current one."""

    template_name = "weegploeg/framework_form.html"

    def get_context_data(self, **kwargs):
        current = FrameworkVersion.objects.first()
        initial = (
            [
                {"code": c.code, "title": c.title, "description": c.description}
                for c in current.criteria.all()
            ]
            if current
            else []
        )
        kwargs.setdefault("formset", forms.CriterionFormSet(initial=initial, prefix="criteria"))
        kwargs.setdefault("note_form", forms.FrameworkNoteForm())
        return super().get_context_data(current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = forms.CriterionFormSet(request.POST, prefix="criteria")
        note_form = forms.FrameworkNoteForm(request.POST)
        if formset.is_valid() and note_form.is_valid():
            criteria = [
                {key: form.cleaned_data[key] for key in ("code", "title", "description")}
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                version = services.publish_framework(
                    by=request.user, criteria=criteria, note=note_form.cleaned_data["note"]
                )
            except ValidationError as error:
                add_service_errors(note_form, error)
            else:
                messages.success(
                    request,
                    _("Version %(number)s of the referentiekader is in use.")
                    % {"number": version.number},
                )
                return redirect("weegploeg:framework-list")
        return self.render_to_response(self.get_context_data(formset=formset, note_form=note_form))
