"""The weegploeg's panels on the dashboard (U1) and its quick action for the politie and the OM:
assessments waiting for an analysis or a decision, periodic checks due (W5), and the coming
weegploeg meetings with their agendas (W7). Each line names the dossier by its number and the
thing due, and links straight to where it is done. Decided and archived dossiers never appear:
the work on them is done.

The rules of who sees which dossier are the selectors'; a panel that does not concern the user
(no weegploeg file) is left out."""

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, QuickAction, WorkPanel, first_rows
from weegploeg import next_steps, selectors
from weegploeg.constants import AssessmentStatus
from weegploeg.models import Analysis

KEEPER = frozenset({Function.UITVOERDER})
# The kernpartijen decide together in the weegploeg: their members see what waits for it.
DECIDING = frozenset({Function.UITVOERDER, Function.DEELNEMER})


# What the panels of analyses and decisions show of a dossier: read from the open dossiers'
# index alone (`assessment_open`), not from each of the 30,000 open rows (issue 13).
SHOWN = ("number", "created_at")


def _open(assessments):
    """Only dossiers with work left: open and not archived."""
    return assessments.filter(status=AssessmentStatus.OPEN, archived_at__isnull=True)


def _content(items: list[DueItem], count: int, more_url: str = "") -> PanelContent:
    return PanelContent(items=items, count=count, more_url=more_url)


def _url(name: str, number: str) -> str:
    return reverse(f"weegploeg:{name}", kwargs={"number": number})


def waiting_for_analysis(user) -> PanelContent | None:
    """The open dossiers the uitvoerder keeps that have no analysis yet, oldest first."""
    if not selectors.is_keeper(user):
        return None
    analysed = Analysis.objects.filter(assessment=OuterRef("pk"))
    waiting = _open(selectors.keepable_assessments(user)).filter(~Exists(analysed)).only(*SHOWN)
    rows, count = first_rows(waiting.order_by("created_at", "pk"))
    items = [
        DueItem(
            dossier=row.number,
            what=_("Record the analysis"),
            url=_url("analysis-create", row.number),
            detail=_("In the file since %(date)s")
            % {"date": date_format(timezone.localtime(row.created_at), "d-m-Y")},
        )
        for row in rows
    ]
    more = reverse("weegploeg:assessment-list") + "?status=open"
    return _content(items, count, more)


def waiting_for_decision(user) -> PanelContent | None:
    """The open, analysed dossiers the user sees: for the uitvoerder, to record the decision;
    for a member of a kernpartij, what the weegploeg is to decide. The day of the coming
    weegploeg meeting with the dossier on its agenda is its deadline."""
    if not selectors.may_use_file(user):
        return None
    keeper = selectors.is_keeper(user)
    assessments = selectors.keepable_assessments(user) if keeper else None
    if assessments is None:
        assessments = selectors.visible_assessments(user)
    today = timezone.localdate()
    analysed = Analysis.objects.filter(assessment=OuterRef("pk"))
    waiting = (
        _open(assessments)
        .only(*SHOWN)
        .filter(Exists(analysed))
        .annotate(
            meeting_on=Min(
                "agenda_items__meeting__held_on",
                filter=Q(agenda_items__meeting__held_on__gte=today),
            )
        )
    )
    rows, count = first_rows(waiting.order_by("meeting_on", "created_at", "pk"))
    items = [
        DueItem(
            dossier=row.number,
            what=_("Record the decision") if keeper else _("Decision of the weegploeg"),
            url=_url("decision-create" if keeper else "assessment-analysis", row.number),
            deadline=row.meeting_on,
            detail=_("On the agenda of the weegploeg meeting") if row.meeting_on else "",
        )
        for row in rows
    ]
    return _content(items, count, reverse("weegploeg:assessment-list") + "?status=open")


def checks_due(user) -> PanelContent | None:
    """W5: the dossiers the uitvoerder keeps whose periodic check is due (`CHECK_DAYS`): exactly
    the check queue, decided dossiers included, since the check covers the whole file until it
    is destroyed (CTER 8.3); the day it fell due is the deadline."""
    if not selectors.is_keeper(user):
        return None
    due = selectors.check_queue_for(user, days=settings.CHECK_DAYS)
    # Read in order from `assessment_check_queue`, the count over its keys (issue 13).
    rows, count = first_rows(due, counted_apart=True)
    items = [
        DueItem(
            dossier=row.number,
            what=_("Periodic check"),
            url=_url("check-create", row.number),
            deadline=next_steps.check_due_on(row),
        )
        for row in rows
    ]
    return _content(items, count, reverse("weegploeg:check-queue"))


def coming_meetings(user) -> PanelContent | None:
    """W7: the agendas of the coming weegploeg meetings, one line per open dossier on them that
    the user sees; the meeting's day is the deadline. A meeting with an item the user sees is
    one they see (`selectors.meetings_for`), so the items alone decide."""
    if not selectors.may_use_file(user):
        return None
    today = timezone.localdate()
    # The coming meetings the user sees, first (issue 13): few, where probing every item of
    # the country's coming meetings against the permission rows read 10,000 of them for a
    # politie member. The same items: a meeting with an item the user sees is one they see.
    coming = selectors.meetings_for(user).filter(held_on__gte=today)
    agenda = (
        selectors.visible_agenda_items(user)
        .filter(meeting__in=coming.values("pk"))
        .filter(assessment__status=AssessmentStatus.OPEN, assessment__archived_at__isnull=True)
        .select_related("meeting", "assessment")
        .order_by("meeting__held_on", "assessment__number_order", "pk")
    )
    rows, count = first_rows(agenda)
    items = [
        DueItem(
            dossier=row.assessment.number,
            what=_("On the agenda of the weegploeg meeting"),
            url=reverse("weegploeg:meeting-detail", kwargs={"pk": row.meeting_id}),
            deadline=row.meeting.held_on,
        )
        for row in rows
    ]
    return _content(items, count, reverse("weegploeg:meeting-list"))


PANELS = [
    WorkPanel(
        key="weegploeg-analysis",
        title=gettext_lazy("Assessments waiting for an analysis"),
        functions=KEEPER,
        content=waiting_for_analysis,
        empty=gettext_lazy("No assessment waits for an analysis."),
        order=20,
    ),
    WorkPanel(
        key="weegploeg-decision",
        title=gettext_lazy("Assessments waiting for a decision"),
        functions=DECIDING,
        content=waiting_for_decision,
        empty=gettext_lazy("No assessment waits for a decision."),
        order=21,
    ),
    WorkPanel(
        key="weegploeg-meetings",
        title=gettext_lazy("Coming weegploeg meetings"),
        functions=DECIDING,
        content=coming_meetings,
        empty=gettext_lazy("No weegploeg meeting is planned."),
        order=22,
    ),
    WorkPanel(
        key="weegploeg-checks",
        title=gettext_lazy("Periodic checks due"),
        functions=KEEPER,
        content=checks_due,
        empty=gettext_lazy("No periodic check is due."),
        order=23,
    ),
]

# W1: politie and OM members (and whoever else may enter a signal: the same rule as the
# intake's) see "Signaal invoeren" on their dashboard.
ACTIONS = [
    QuickAction(
        label=gettext_lazy("Enter a signal"),
        url_name="weegploeg:signal-create",
        visible=selectors.may_enter_signals,
        order=10,
    )
]
