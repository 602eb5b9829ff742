"""The case list and the case page (C1, C3, S2)."""

from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from cases import selectors
from cases.constants import CaseStatus
from cases.history import case_history
from cases.models import (
    Case,
    CaseParticipant,
    Closing,
    Discussion,
    Measure,
    ProgressNote,
    Transfer,
)
from cases.views.access import CasesMixin
from config.pages import PAGE_SIZE, SessionSearchMixin
from config.read_audit import AccessLoggedPageMixin
from subjects.matching import normalise_name
from subjects.restriction import mark_restricted, reading_restricted


class CaseListView(CasesMixin, SessionSearchMixin, AccessLoggedPageMixin, ListView):
    """The cases the user may see, with search by number or name and filters on casusoverleg
    and status; per case the number of overdue measures (C3). Archived cases only when filtered
    for (B3). The names shown are a read of each case on the page (S2)."""

    template_name = "cases/case_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "cases"
    search_session_key = "cases:case-search"
    url_filters = ("casusoverleg", "status")

    @cached_property
    def overleggen(self):
        return list(selectors.visible_overleggen(self.request.user).order_by("name"))

    def get_queryset(self):
        cases = (
            selectors.visible_cases(self.request.user)
            .select_related("casusoverleg")
            .annotate(
                overdue_count=Count(
                    "measures", filter=selectors.overdue_q(prefix="measures__"), distinct=True
                )
            )
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
        cases = selectors.listed(cases, status)  # B3: archived cases only when asked for
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
            may_meet=selectors.may_see_meetings(user),
            **kwargs,
        )


def case_contents():
    """What the case page shows, built at each read: the item querysets leave the restricted
    rows out unless built inside `reading_restricted` (R6)."""
    return (
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


class CaseDetailView(CasesMixin, AccessLoggedPageMixin, DetailView):
    """The file of one case; every view writes an access entry (S2)."""

    template_name = "cases/case_detail.html"
    context_object_name = "case"

    def get_object(self, queryset=None):
        case = selectors.get_visible_case(self.request.user, self.kwargs["number"])
        case = Case.objects.select_related("casusoverleg", "casemanager").get(pk=case.pk)
        # R6: the keeper of the file sees the restricted items, marked; nobody else sees them.
        with reading_restricted(selectors.sees_restricted(self.request.user, case)):
            prefetch_related_objects([case], *case_contents())
        mark_restricted(selectors.restrictable_rows(case))
        today = timezone.localdate()
        for measure in case.measures.all():
            measure.is_overdue = selectors.is_overdue(measure, on=today)
        return case

    def get_context_data(self, **kwargs):
        case, user = self.object, self.request.user
        may_keep = selectors.may_keep(user, case)
        disclosures = []
        if may_keep:
            disclosures = list(
                case.disclosures.select_related("partner", "provider", "disclosed_by")
            )
        reportable = selectors.reportable_measures(user, case, case.measures.all())
        return super().get_context_data(
            may_keep=may_keep,
            is_active=case.status == CaseStatus.ACTIVE,
            disclosures=disclosures,
            reportable=reportable,
            overdue_count=sum(1 for m in case.measures.all() if m.is_overdue),
            history=case_history(case),
            **kwargs,
        )
