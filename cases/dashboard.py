"""The work queue of the ICO files on the dashboard (U1): measures overdue and due this week (C3),
cases due for their periodic check (C9), and coming case meetings with their agendas (C4). Each
line names the dossier by its number and the thing due, and links straight to it; closed cases
and finished measures never appear. A measure is named by the start of its description, so the
dashboard logs those lines as reads of their cases (S2)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import selectors
from cases.constants import OPEN_MEASURE_STATUSES, CaseStatus
from cases.models import CaseMeeting, Discussion, Measure
from cases.permissions import kept_casusoverleg_ids
from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, WorkPanel, first_rows
from parties.permissions import may_act, membership_of
from subjects.checking import due_for_check

WEEK = 7
MEASURE_WORDS = 8  # enough of a measure's description to tell it from the case's others


def measures_due_for(user):
    """C3: the keys of the open measures of active cases due within the week or overdue that
    `user` takes care of, soonest first: those of the cases they keep, of the cases they are
    casemanager of, and those their own party owns in the cases they may see (an RvdK member
    finds the RvdK's measures). As (pk, deadline) pairs.

    One query, a union of the three ways, each read from its own index (the keeper's cases, the
    casemanager's, the party's measures): as one condition with OR, PostgreSQL matched every
    measure due in the country against every active case (issue 13: 25-40 ms at national
    scale, 5-15 as a union). A measure found two ways is listed once."""
    if not may_act(user):
        return Measure.objects.none().values_list("pk", "deadline")
    due = Measure.objects.filter(
        case__status=CaseStatus.ACTIVE,
        status__in=OPEN_MEASURE_STATUSES,
        deadline__lt=timezone.localdate() + timedelta(days=WEEK),
    )
    ways = [
        due.filter(case__in=selectors.keepable_cases(user).values("pk")),
        due.filter(case__casemanager=user),
    ]
    membership = membership_of(user)
    if membership is not None:
        visible = selectors.visible_cases(user).values("pk")
        ways.append(due.filter(owner=membership.party_id, case__in=visible))
    first, *others = [way.order_by().values_list("pk", "deadline") for way in ways]
    return first.union(*others).order_by("deadline", "pk")


def measure_url(measure: Measure) -> str:
    url = reverse("cases:case-plan", kwargs={"number": measure.case.number})
    return f"{url}#measure-{measure.pk}"


def measures_panel(user) -> PanelContent | None:
    if not selectors.may_see_cases(user):
        return None
    rows, count = first_rows(
        Measure.objects.select_related("case__casusoverleg", "owner"),
        keys=(pk for pk, _deadline in measures_due_for(user)),
    )
    return PanelContent(
        items=[
            DueItem(
                dossier=measure.case.number,
                what=_("Measure “%(measure)s” (%(status)s)")
                % {
                    "measure": Truncator(measure.description).words(MEASURE_WORDS),
                    "status": measure.get_status_display().lower(),
                },
                url=measure_url(measure),
                deadline=measure.deadline,
                detail=_("%(overleg)s · owned by %(owner)s")
                % {"overleg": measure.case.casusoverleg.name, "owner": measure.owner.name},
                shows=measure,
            )
            for measure in rows
        ],
        count=count,
    )


def checks_due_for(user):
    """C9: the active cases the user keeps that are due for their periodic check."""
    return due_for_check(selectors.keepable_cases(user).filter(status=CaseStatus.ACTIVE))


def checks_panel(user) -> PanelContent | None:
    if not kept_casusoverleg_ids(user):
        return None
    due = checks_due_for(user)
    rows, count = first_rows(due.select_related("casusoverleg"))
    days = timedelta(days=settings.CHECK_DAYS)
    return PanelContent(
        items=[
            DueItem(
                dossier=case.number,
                what=_("Periodic check of the file")
                if case.last_checked_at
                else _("First check of the file"),
                url=reverse("cases:check-create", kwargs={"number": case.number}),
                deadline=timezone.localdate((case.last_checked_at or case.created_at) + days),
                detail=case.casusoverleg.name,
            )
            for case in rows
        ],
        count=count,
    )


def coming_meetings_for(user):
    """C4: the meetings of the casusoverleggen the user chairs or keeps that are coming, or held
    with their minutes not yet approved."""
    if not may_act(user):
        return CaseMeeting.objects.none()
    return CaseMeeting.objects.filter(
        Q(held_on__gte=timezone.localdate()) | Q(approved_at__isnull=True),
        casusoverleg__in=selectors.meeting_overleg_ids(user),
    )


def meetings_panel(user) -> PanelContent | None:
    if not selectors.meeting_overleg_ids(user):
        return None
    coming = coming_meetings_for(user)
    agenda = Discussion.objects.filter(case__status=CaseStatus.ACTIVE).select_related("case")
    rows, count = first_rows(
        coming.select_related("casusoverleg")
        .prefetch_related(
            Prefetch(
                "discussions", queryset=agenda.order_by("case__number_order"), to_attr="agenda"
            )
        )
        .order_by("held_on", "pk")
    )
    today = timezone.localdate()
    items = []
    for meeting in rows:
        numbers = ", ".join(d.case.number for d in meeting.agenda)
        if meeting.held_on < today:
            what = _("Approve the minutes of the meeting of %(date)s") % {
                "date": meeting.held_on.strftime("%d-%m-%Y")
            }
        else:
            what = _("Case meeting of %(date)s") % {"date": meeting.held_on.strftime("%d-%m-%Y")}
        items.append(
            DueItem(
                dossier=meeting.casusoverleg.name,
                what=what,
                url=reverse("cases:meeting-detail", kwargs={"pk": meeting.pk}),
                deadline=meeting.held_on,
                detail=_("Agenda: %(numbers)s") % {"numbers": numbers}
                if numbers
                else _("Nothing on the agenda"),
            )
        )
    return PanelContent(items=items, count=count)


PANELS = (
    WorkPanel(
        key="measures-due",
        title=gettext_lazy("Measures due"),
        functions=frozenset(
            {Function.UITVOERDER, Function.CASEMANAGER, Function.DEELNEMER, Function.VOORZITTER}
        ),
        content=measures_panel,
        empty=gettext_lazy("No measures are overdue or due this week."),
        order=30,
    ),
    WorkPanel(
        key="case-checks-due",
        title=gettext_lazy("Case files to check"),
        functions=frozenset({Function.UITVOERDER}),
        content=checks_panel,
        empty=gettext_lazy("No case file is due for its check."),
        order=40,
    ),
    WorkPanel(
        key="case-meetings",
        title=gettext_lazy("Coming case meetings"),
        functions=frozenset({Function.UITVOERDER, Function.VOORZITTER}),
        content=meetings_panel,
        empty=gettext_lazy("No case meetings are coming."),
        order=35,
    ),
)
