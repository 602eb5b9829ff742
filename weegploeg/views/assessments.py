"""The list of assessments, the dossier page and the queue of the periodic check (W4, W5, P7)."""

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, prefetch_related_objects
from django.views.generic import DetailView, ListView

from config.pages import PAGE_SIZE, SessionSearchMixin
from config.read_audit import AccessLoggedPageMixin
from subjects.matching import normalise_name
from subjects.restriction import mark_restricted, reading_restricted
from weegploeg import selectors, services
from weegploeg.models import AgendaItem, Analysis, CriterionFinding, Decision, Signal
from weegploeg.views.access import KeeperMixin, WeegploegMixin, is_keeper


class AssessmentListView(WeegploegMixin, SessionSearchMixin, AccessLoggedPageMixin, ListView):
    """The assessments the user may see, with search by number or name and a status filter
    (archived dossiers only when filtered for, B3); the names shown are a read of each dossier on
    the page (S2)."""

    template_name = "weegploeg/assessment_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"
    search_session_key = "weegploeg:assessment-search"
    url_filters = ("status",)

    def get_queryset(self):
        assessments = selectors.visible_assessments(self.request.user).annotate(
            signal_count=Count("signals")
        )
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
        return assessments.order_by("-last_processed_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search_term=self.search_term,
            filters=self.filters,
            statuses=selectors.list_statuses(),
            may_keep=is_keeper(self.request.user),
            may_enter_signals=selectors.may_enter_signals(self.request.user),
            **kwargs,
        )


def dossier_contents():
    """What the dossier page shows, built at each read: the item querysets leave the
    restricted rows out unless built inside `reading_restricted` (R6)."""
    return (
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


class AssessmentDetailView(WeegploegMixin, AccessLoggedPageMixin, DetailView):
    """The dossier: NAW, signals, analyses, information, advice, decisions, checks, meetings.
    Every view writes an access entry (S2)."""

    template_name = "weegploeg/assessment_detail.html"
    context_object_name = "assessment"

    def get_object(self, queryset=None):
        assessment = selectors.get_visible_assessment(self.request.user, self.kwargs["number"])
        # R6: the keeper of the file sees the restricted items, marked; nobody else sees them.
        with reading_restricted(selectors.sees_restricted(self.request.user, assessment)):
            prefetch_related_objects([assessment], *dossier_contents())
        mark_restricted(selectors.restrictable_rows(assessment))
        return assessment

    def get_context_data(self, **kwargs):
        assessment = self.object
        may_keep = selectors.may_keep(self.request.user, assessment)
        may_agendeer = may_keep and services.is_to_be_agendered(assessment)
        return super().get_context_data(may_keep=may_keep, may_agendeer=may_agendeer, **kwargs)


class CheckQueueView(KeeperMixin, ListView):
    """The assessments not checked for WEEGPLOEG_CHECK_DAYS days, oldest check first."""

    template_name = "weegploeg/check_queue.html"
    paginate_by = PAGE_SIZE
    context_object_name = "assessments"

    def get_queryset(self):
        return selectors.check_queue_for(
            self.request.user, days=settings.WEEGPLOEG_CHECK_DAYS
        ).order_by(F("last_checked_at").asc(nulls_first=True), "created_at", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=settings.WEEGPLOEG_CHECK_DAYS, filters={}, **kwargs)
