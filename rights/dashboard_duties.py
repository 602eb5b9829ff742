"""The dashboard panel of the duty to inform (I1, I2, U1): the duties of the user's party and
of the files they keep that are due within two weeks, overdue first. No names: numbers only."""

from django.db.models import Case, DateField, F, When
from django.utils import timezone

from parties.constants import Function
from parties.dashboard import Panel
from rights.constants import DutyState
from rights.permissions.duties import may_see_duties, visible_duties
from rights.services.duties import due_q, overdue_q, with_review

SHOWN = 10
WITHIN_DAYS = 14


def duties_panel(user) -> dict | None:
    """None for who has no duties to see: the panel is left out."""
    if not may_see_duties(user) or not visible_duties(user).exists():
        return None
    today = timezone.localdate()
    duties = with_review(visible_duties(user)).annotate(
        due=Case(
            When(state=DutyState.POSTPONED, then=F("review_on")),
            default=F("due_on"),
            output_field=DateField(),
        )
    )
    due = duties.filter(due_q(today, within=WITHIN_DAYS))
    shown = list(due.select_related("data_file").order_by("due", "pk")[:SHOWN])
    for duty in shown:
        duty.is_overdue = duty.due is not None and duty.due < today
    return {
        "count": due.count(),
        "overdue": duties.filter(overdue_q(today)).count(),
        "duties": shown,
    }


# I1, U1: the duties of the responsible party and of the uitvoerder who keeps the file.
PANEL = Panel(
    functions=frozenset(
        {Function.UITVOERDER, Function.CASEMANAGER, Function.VOORZITTER, Function.DEELNEMER}
    ),
    template="rights/duties/dashboard_panel.html",
    context=duties_panel,
)
