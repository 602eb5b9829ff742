"""The dashboard panel of the duty to inform (I1, I2, U1): the duties of the user's party and
of the files they keep that are due within two weeks, overdue first, each naming its dossier by
number and what is to be done. No names: numbers only."""

from django.db.models import Case, DateField, F, IntegerField, Sum, Value, When, Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parties.constants import Function
from parties.dashboard import SHOWN, DueItem, PanelContent, WorkPanel
from rights.constants import DutyOccasion, DutyState
from rights.permissions.duties import may_see_duties, visible_duties
from rights.services.duties import due_q, with_review

WITHIN_DAYS = 14


def what_is_due(duty) -> str:
    """The thing due of one duty, in words (U1)."""
    if duty.state == DutyState.POSTPONED:
        return gettext("Look again whether the person can be informed now (informing postponed)")
    if duty.person:
        return gettext("Inform a related person: %(occasion)s") % {
            "occasion": duty.get_occasion_display().lower()
        }
    if duty.occasion == DutyOccasion.OUTCOME:
        return gettext("Inform the subject of the outcome of the weegploeg")
    return gettext("Inform the subject: %(occasion)s") % {
        "occasion": duty.get_occasion_display().lower()
    }


def duties_content(user) -> PanelContent | None:
    """None for who has no duties to see: the panel is left out (as before U1). One query:
    the visible duties, those due first (with how many are due, a window over all of them)."""
    if not may_see_duties(user):
        return None
    today = timezone.localdate()
    is_due = Case(
        When(due_q(today, within=WITHIN_DAYS), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    duties = with_review(visible_duties(user)).annotate(
        due=Case(
            When(state=DutyState.POSTPONED, then=F("review_on")),
            default=F("due_on"),
            output_field=DateField(),
        ),
        is_due=is_due,
        due_total=Window(Sum(is_due)),
    )
    rows = list(duties.select_related("data_file").order_by("-is_due", "due", "pk")[:SHOWN])
    if not rows:
        return None
    items = [
        DueItem(
            dossier=duty.dossier_key,
            what=what_is_due(duty),
            url=reverse("rights:duty-detail", args=[duty.pk]),
            deadline=duty.due,
            detail=duty.data_file.name,
        )
        for duty in rows
        if duty.is_due
    ]
    return PanelContent(items=items, count=rows[0].due_total, more_url=reverse("rights:duty-list"))


# I1, U1: the duties of the responsible party and of the uitvoerder who keeps the file.
PANEL = WorkPanel(
    key="duties-due",
    title=_("Duties to inform"),
    functions=frozenset(
        {Function.UITVOERDER, Function.CASEMANAGER, Function.VOORZITTER, Function.DEELNEMER}
    ),
    content=duties_content,
    empty=_("No duty to inform is due in the next two weeks."),
    order=300,
)
