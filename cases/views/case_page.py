"""What every part of a case page shows above its content (U1): the summary of the case (what is
due), the sub-navigation of its parts and the keeper's actions, grouped by what they do, with the
next step of the work as the primary action and closing apart. Only what can succeed now is
offered; the action pages and the services refuse the rest as well."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.constants import OPEN_MEASURE_STATUSES, CaseStatus
from cases.models import Case, CaseMeeting, Discussion, Measure

WEEK = 7


@dataclass(frozen=True)
class Part:
    key: str
    label: str
    url_name: str
    keeper_only: bool = False


PARTS = (
    Part("overview", _("Overview"), "cases:case-detail"),
    Part("plan", _("Plan and measures"), "cases:case-plan"),
    Part("meetings", _("Meetings"), "cases:case-meetings"),
    Part("people", _("People involved"), "cases:case-people"),
    Part("disclosures", _("Disclosures"), "cases:case-disclosures", keeper_only=True),
    Part("history", _("History"), "cases:case-history"),
)
PART_KEYS = {part.key: part for part in PARTS}


def tabs(case: Case, current: str, *, keeper: bool) -> list[dict]:
    return [
        {
            "label": part.label,
            "url": reverse(part.url_name, kwargs={"number": case.number}),
            "current": part.key == current,
        }
        for part in PARTS
        if keeper or not part.keeper_only
    ]


@dataclass
class Summary:
    """What is due in a case: its measures overdue and due within the week, its next periodic
    check (C9) and its next meeting (C4)."""

    overdue: int
    due_this_week: int
    open_measures: int
    measures: int
    next_check: date
    check_due: bool
    next_meeting: Discussion | None
    closing_advised: bool


def next_check_on(case: Case) -> date:
    """C9: the day the case falls due for its periodic check (`subjects.checking`)."""
    since = case.last_checked_at or case.created_at
    return timezone.localdate(since + timedelta(days=settings.CHECK_DAYS))


def _measure_filters(today: date) -> dict[str, Q | None]:
    """The measures the summary counts: overdue, due this week, open, all."""
    is_open = Q(status__in=OPEN_MEASURE_STATUSES)
    return {
        "overdue": selectors.overdue_q(on=today),
        "week": is_open & Q(deadline__gte=today, deadline__lt=today + timedelta(WEEK)),
        "open": is_open,
        "all": None,
    }


def _counted(filters: dict[str, Q | None]) -> dict:
    return {key: Count("pk", filter=condition) for key, condition in filters.items()}


def measure_count_annotations(today: date) -> dict:
    """The summary's counts and its next meeting as annotations of the case, read with it
    (issue 13): `measure_counts` and `next_meeting`, one subquery each that answers with a JSON
    object. A subquery per figure (eight) cost more to build and compile than the rest of the
    case's query: 6-8 ms of every part of the case page, against 3-4."""
    measures = Measure.objects.filter(case=OuterRef("pk")).order_by().values("case")
    counts = measures.annotate(counts=JSONObject(**_counted(_measure_filters(today))))
    first = _coming_discussions(today).filter(case=OuterRef("pk"))
    meeting = first.annotate(next_meeting=JSONObject(**NEXT_MEETING_FIELDS))
    return {
        "measure_counts": Subquery(counts.values("counts")[:1]),
        "next_meeting": Subquery(meeting.values("next_meeting")[:1]),
    }


# The summary's next meeting read with the case: the discussion and what the page shows of its
# meeting (`measure_count_annotations`).
NEXT_MEETING_FIELDS = {
    "discussion": "pk",
    "meeting": "meeting_id",
    "held_on": "meeting__held_on",
    "approved_at": "meeting__approved_at",
}


def _coming_discussions(today: date):
    return Discussion.objects.filter(meeting__held_on__gte=today).order_by("meeting__held_on", "pk")


def _next_meeting(case: Case, today: date) -> Discussion | None:
    """The case on the agenda of its next meeting: read with the case where the page annotated
    it (the discussion and its meeting then hold what the page shows of them), else asked."""
    if "next_meeting" not in case.__dict__:
        return _coming_discussions(today).filter(case=case).select_related("meeting").first()
    found = case.next_meeting
    if found is None:
        return None
    discussion = Discussion(pk=found["discussion"], case=case)
    approved_at = found["approved_at"]
    discussion.meeting = CaseMeeting(
        pk=found["meeting"],
        held_on=parse_date(found["held_on"]),
        approved_at=parse_datetime(approved_at) if approved_at else None,
    )
    return discussion


def summary(case: Case) -> Summary:
    """A constant number of queries, whatever the size of the case; the counts of the measures
    are read with the case on its page (`measure_count_annotations`)."""
    today = timezone.localdate()
    filters = _measure_filters(today)
    if "measure_counts" in case.__dict__:
        counts = case.measure_counts or dict.fromkeys(filters, 0)  # None: no measures
    else:
        counts = case.measures.aggregate(**_counted(filters))
    next_meeting = _next_meeting(case, today)
    next_check = next_check_on(case)
    return Summary(
        overdue=counts["overdue"],
        due_this_week=counts["week"],
        open_measures=counts["open"],
        measures=counts["all"],
        next_check=next_check,
        check_due=case.status != CaseStatus.ARCHIVED and next_check <= today,
        next_meeting=next_meeting,
        closing_advised=selectors.closing_advised(case),
    )


@dataclass
class Action:
    label: str
    url: str
    primary: bool = False


@dataclass
class ActionGroup:
    label: str
    actions: list[Action] = field(default_factory=list)
    danger: bool = False
    note: str = ""


def _url(name: str, case: Case) -> str:
    return reverse(name, kwargs={"number": case.number})


def available(case: Case) -> dict[str, bool]:
    """Which of the keeper's actions can succeed now: `selectors.action_refusal`, which the
    action pages ask as well."""
    if case.status != CaseStatus.ACTIVE:
        return dict.fromkeys(("participant", "disclose", "copy", "close", "advise"), False)
    return {key: refusal is None for key, refusal in selectors.action_refusals(case).items()}


def next_step(case: Case, due: Summary, meeting_url: str | None) -> tuple[str, str]:
    """The next step of the work on an active case: record its meeting, advise closing when
    every measure is finished, record its check when due, else add to the plan. Closing itself
    is never the primary action: it stands apart and asks for confirmation."""
    if meeting_url:
        return str(_("Record the meeting")), meeting_url
    if due.measures and not due.open_measures and not due.closing_advised:
        return str(_("Advise closing")), _url("cases:advise-closing", case)
    if due.check_due:
        return str(_("Record check")), _url("cases:check-create", case)
    return str(_("Add a measure")), _url("cases:measure-create", case)


def meeting_to_record(user, case: Case, due: Summary) -> str | None:
    """The meeting page when the case is on the agenda of a meeting held today whose minutes
    are open (the keeper records what its discussion ended with)."""
    meeting = due.next_meeting.meeting if due.next_meeting else None
    if meeting is None or meeting.approved_at or meeting.held_on != timezone.localdate():
        return None
    url = reverse("cases:meeting-detail", kwargs={"pk": meeting.pk})
    return f"{url}#case-{due.next_meeting.pk}"


def action_groups(user, case: Case, due: Summary) -> tuple[Action | None, list[ActionGroup]]:
    """The keeper's actions on the case: the primary one, then the groups; [] for a reader."""
    if case.status == CaseStatus.ARCHIVED:
        return None, []
    can = available(case)
    if case.status == CaseStatus.CLOSED:
        return None, [
            ActionGroup(
                _("File"),
                [
                    Action(_("Reopen"), _url("cases:reopen", case)),
                    Action(_("Record check"), _url("cases:check-create", case)),
                ],
            )
        ]
    label, url = next_step(case, due, meeting_to_record(user, case, due))
    primary = Action(label, url, primary=True)

    def action(label, name):
        return Action(label, _url(name, case))

    groups = [
        ActionGroup(
            _("Plan"),
            [
                action(_("Set the goals of the plan"), "cases:goals"),
                action(_("Add a measure"), "cases:measure-create"),
            ],
        ),
        ActionGroup(
            _("People"),
            [
                *(
                    [action(_("Add a participant"), "cases:participant-create")]
                    if can["participant"]
                    else []
                ),
                action(_("Add a related person"), "cases:related-create"),
            ],
        ),
        ActionGroup(
            _("Sharing"),
            [
                *(
                    [action(_("Disclose to a partner"), "cases:disclosure-create")]
                    if can["disclose"]
                    else []
                ),
                action(_("Record an export"), "cases:export-create"),
                *(
                    [
                        action(
                            _("Copy to the casusoverleg where the subject moved"),
                            "cases:copy-create",
                        )
                    ]
                    if can["copy"]
                    else []
                ),
            ],
        ),
        ActionGroup(
            _("File"),
            [
                action(_("Record check"), "cases:check-create"),
                *([action(_("Advise closing"), "cases:advise-closing")] if can["advise"] else []),
            ],
        ),
    ]
    closing = ActionGroup(_("Close"), danger=True)
    if can["close"]:
        closing.actions.append(action(_("Close the case"), "cases:close"))
    else:
        closing.note = _("The case can be closed once the advice to the driehoek is recorded.")
    groups.append(closing)
    for group in groups:
        group.actions = [a for a in group.actions if a.url != primary.url]
    return primary, [group for group in groups if group.actions or group.note]
