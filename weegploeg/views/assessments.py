"""The list of assessments, the dossier page and the queue of the periodic check (W4, W5, P7)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from config.pages import PAGE_SIZE, SessionSearchMixin, SortedListMixin
from config.read_audit import AccessLoggedPageMixin
from elsewhere.selectors import asked_about
from subjects.matching import normalise_name
from subjects.registry import dossier_of
from subjects.restriction import marked, reading_restricted
from weegploeg import next_steps, selectors
from weegploeg.models import (
    AdditionalInformation,
    AgendaItem,
    Analysis,
    CaseTransfer,
    Check,
    CriterionFinding,
    Decision,
    ExpertAdvice,
    Signal,
)
from weegploeg.models.assessment import check_from, status_rank
from weegploeg.views.access import KeeperMixin, WeegploegMixin, is_keeper
from weegploeg.views.elsewhere import dossier_offers


def with_order_keys(assessments):
    """The keys of the stated default order (U2): open before decided, then the day the
    periodic check falls due (the earliest first)."""
    return assessments.annotate(
        # the keys of the index `assessment_list_order` (issue 13)
        status_rank=status_rank(),
        check_from=check_from(),
        check_due_at=ExpressionWrapper(
            check_from() + timedelta(days=settings.CHECK_DAYS),
            output_field=DateTimeField(),
        ),
    )


ASSESSMENT_SORTS = {
    "status": ("status_rank", "check_from"),
    "number": ("number_order",),
    "due": ("check_from",),
    "processed": ("last_processed_at",),
}


class AssessmentListView(
    WeegploegMixin, SessionSearchMixin, SortedListMixin, AccessLoggedPageMixin, ListView
):
    """The assessments the user may see, with search by number or name and a status filter
    (archived dossiers only when filtered for, B3); the names shown are a read of each dossier on
    the page (S2). Sorted by default open before decided, then by the check due (U2)."""

    template_name = "weegploeg/assessment_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"
    search_session_key = "weegploeg:assessment-search"
    url_filters = ("status", "sort")
    sorts = ASSESSMENT_SORTS
    default_sort = "status"

    def get(self, request, *args, **kwargs):
        if request.GET.get("filters") == "reset":  # "Clear filters" clears the search too
            request.session.pop(self.search_session_key, None)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.url == request.path:
            # "All but archived" is a choice too: say so, or the remembered filter returns.
            return redirect(f"{request.path}?status=")
        return response

    def get_queryset(self):
        # The number of signals is kept on the assessment (issue 13).
        assessments = with_order_keys(selectors.visible_assessments(self.request.user))
        status = self.request.GET.get("status", "")
        status = status if status in dict(selectors.list_statuses()) else ""
        query = self.search_term
        if query:
            name = normalise_name(query)
            matches = Q(number__icontains=query)
            if name:
                matches |= Q(name_key__contains=name)
            assessments = assessments.filter(matches)
        assessments = selectors.listed(assessments, status)  # B3: archived only when asked
        self.filters = {"status": status}
        return self.sorted(assessments)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            filters_set=bool(self.filters["status"] or self.search_term),
            statuses=selectors.list_statuses(),
            may_keep=is_keeper(self.request.user),
            may_enter_signals=selectors.may_enter_signals(self.request.user),
            **kwargs,
        )


PARTS = {
    # part: (url name, label); what each part shows is `part_contents`
    "overview": ("weegploeg:assessment-detail", gettext_lazy("Overview")),
    "signals": ("weegploeg:assessment-signals", gettext_lazy("Signals")),
    "analysis": ("weegploeg:assessment-analysis", gettext_lazy("Analysis and decision")),
    "meetings": ("weegploeg:assessment-meetings", gettext_lazy("Meetings")),
    "history": ("weegploeg:assessment-history", gettext_lazy("History")),
}


def part_contents(part: str):
    """What a part of the dossier shows, built at each read: the item querysets leave the
    restricted rows out unless built inside `reading_restricted` (R6), and mark the restricted
    ones the keeper reads (issue 13: no query of their own)."""
    if part == "signals":
        return (Prefetch("signals", queryset=marked(Signal).select_related("brought_by")),)
    if part == "analysis":
        return (
            Prefetch(
                "analyses",
                queryset=Analysis.objects.select_related("framework", "recorded_by")
                .prefetch_related(
                    # In the referentiekader's order, the findings' own (W2).
                    Prefetch(
                        "findings", queryset=CriterionFinding.objects.select_related("criterion")
                    )
                )
                .order_by("-recorded_at", "-pk"),
            ),
            Prefetch(
                "additional_information",
                queryset=marked(AdditionalInformation).select_related("party"),
            ),
            Prefetch("expert_advice", queryset=marked(ExpertAdvice)),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related(
                    "decided_by", "reopened_by"
                ).prefetch_related("advised_parties"),
            ),
        )
    if part == "meetings":
        return (
            Prefetch(
                "case_transfers", queryset=CaseTransfer.objects.select_related("transferred_by")
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("meeting", "decision").order_by(
                    "-meeting__held_on"
                ),
            ),
        )
    if part == "history":
        return (Prefetch("checks", queryset=Check.objects.select_related("checked_by")),)
    return ()


class AssessmentDetailView(WeegploegMixin, AccessLoggedPageMixin, DetailView):
    """The dossier (U1, U3): a summary (number, status, subject, gemeente, the next step and
    what is due) with the actions that can succeed now, then one part under a sub-navigation,
    each part its own URL. Every part answers 404 to whoever may not see the dossier, shows the
    restricted items to the keeper only, marked (R6), and writes an access entry (S2)."""

    template_name = "weegploeg/assessment_detail.html"
    context_object_name = "assessment"
    part = "overview"

    def get_object(self, queryset=None):
        assessment = selectors.get_assessment_page(self.request.user, self.kwargs["number"])
        # R6: the keeper of the file sees the restricted items, marked; nobody else sees them.
        with reading_restricted(selectors.sees_restricted(self.request.user, assessment)):
            prefetch_related_objects([assessment], *part_contents(self.part))
        return assessment

    def get_template_names(self):
        return [f"weegploeg/dossier/{self.part}.html"]

    def get_context_data(self, **kwargs):
        assessment = self.object
        state = next_steps.dossier_state(
            self.request.user, assessment, may_keep_it=assessment.kept_by_reader
        )
        tabs = [
            {
                "label": label,
                "url": reverse(url_name, kwargs={"number": assessment.number}),
                "current": part == self.part,
            }
            for part, (url_name, label) in PARTS.items()
        ]
        overview = reverse("weegploeg:assessment-detail", kwargs={"number": assessment.number})
        breadcrumbs = (
            []
            if self.part == "overview"
            else [
                {"label": _("Dossier %(number)s") % {"number": assessment.number}, "url": overview}
            ]
        )
        return super().get_context_data(
            state=state,
            may_keep=state.may_keep,
            # K1: for the keeper, on the dossier's overview
            known_elsewhere=dossier_offers(self.request.user, assessment)
            if self.part == "overview" and assessment.kept_by_reader
            else [],
            # K1: the keeper sees who asked elsewhere about this person and found the dossier.
            asked_about=asked_about(dossier_of(assessment))
            if self.part == "history" and assessment.kept_by_reader
            else None,
            tabs=tabs,
            part=self.part,
            breadcrumbs=breadcrumbs,
            **kwargs,
        )


class AssessmentSignalsView(AssessmentDetailView):
    part = "signals"


class AssessmentAnalysisView(AssessmentDetailView):
    part = "analysis"


class AssessmentMeetingsView(AssessmentDetailView):
    part = "meetings"


class AssessmentHistoryView(AssessmentDetailView):
    part = "history"


class CheckQueueView(KeeperMixin, SortedListMixin, ListView):
    """W5: the assessments not checked for CHECK_DAYS days, open before decided and the
    longest unchecked first by default."""

    template_name = "weegploeg/check_queue.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"
    sorts = ASSESSMENT_SORTS
    default_sort = "status"

    def get_queryset(self):
        queue = selectors.check_queue_for(self.request.user, days=settings.CHECK_DAYS)
        return self.sorted(with_order_keys(queue))

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=settings.CHECK_DAYS, filters={}, **kwargs)
