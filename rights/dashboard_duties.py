"""The dashboard panel of the duty to inform (I1, I2, U1): the duties of the user's party and
of the files they keep that are due within two weeks, overdue first, each naming its dossier by
number and what is to be done. No names: numbers only."""

from django.db.models import Case, DateField, F, When
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
    """None for who has no duties to see: the panel is left out (as before U1)."""
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
    shown = due.select_related("data_file").order_by("due", "pk")[:SHOWN]
    items = [
        DueItem(
            dossier=duty.dossier_key,
            what=what_is_due(duty),
            url=reverse("rights:duty-detail", args=[duty.pk]),
            deadline=duty.due,
            detail=duty.data_file.name,
        )
        for duty in shown
    ]
    return PanelContent(items=items, count=due.count(), more_url=reverse("rights:duty-list"))


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
