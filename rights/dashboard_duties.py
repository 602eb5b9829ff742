"""The dashboard panel of the duty to inform (I1, I2, U1): the duties of the user's party and
of the files they keep that are due within two weeks, overdue first, each naming its dossier by
number and what is to be done. No names: numbers only."""

from django.db.models import Case, DateField, F, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parties.constants import Function
from parties.dashboard import DueItem, PanelContent, WorkPanel, first_rows
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
    """None for who has no duties to see: the panel is left out (as before U1). The visible
    duties due, soonest first, with how many are due (a window over all of them): read from
    the open duties only (issue 13: the dashboard read every duty of the files a user keeps,
    13,000 at national scale, informed ones included, to count those due). One query; one
    more when none is due, to tell an empty panel from none."""
    if not may_see_duties(user):
        return None
    visible = visible_duties(user)
    due = with_review(visible).filter(due_q(timezone.localdate(), within=WITHIN_DAYS))
    due = due.annotate(
        due=Case(
            When(state=DutyState.POSTPONED, then=F("review_on")),
            default=F("due_on"),
            output_field=DateField(),
        )
    )
    rows, count = first_rows(due.select_related("data_file").order_by("due", "pk"))
    if not rows and not visible.exists():
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
    ]
    return PanelContent(items=items, count=count, more_url=reverse("rights:duty-list"))


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
