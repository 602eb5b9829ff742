"""W7: the weegploeg sessions."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from config.concurrency import bump_version
from parties.constants import PartyRole
from parties.models import User, Veiligheidshuis
from subjects.dossier import changes_dossier
from weegploeg import sight
from weegploeg.counts import recount_meetings
from weegploeg.models import AgendaItem, Meeting
from weegploeg.services._common import _require_keeper, _require_not_archived


@changes_dossier("assessments")
def hold_meeting(
    *, by: User, region: Veiligheidshuis, held_on: date, present, assessments
) -> Meeting:
    """W7: a weegploeg session with the kernpartijen present and the assessments discussed."""
    _require_keeper(by, region)
    present = list(present)
    if any(party.role != PartyRole.KERNPARTIJ for party in present):
        raise ValidationError({"present": _("Only kernpartijen take part in the weegploeg.")})
    meeting = Meeting.objects.create(veiligheidshuis=region, held_on=held_on)
    meeting.present.set(present)
    for assessment in assessments:
        if assessment.veiligheidshuis_id != region.pk:
            raise ValidationError(_("An assessment of another Veiligheidshuis."))
        _require_not_archived(assessment)
        AgendaItem.objects.create(meeting=meeting, assessment=assessment)
    recount_meetings(meeting)
    sight.refresh([meeting])
    return meeting


@changes_dossier("item.assessment")
def record_discussion(
    item: AgendaItem, *, by: User, discussion: str, expected_version: int | None = None
) -> AgendaItem:
    """W7: what was discussed of one assessment; refused when someone else recorded a discussion
    of the meeting after `expected_version` of the meeting was read (S1)."""
    _require_keeper(by, item.meeting.veiligheidshuis)
    _require_not_archived(item.assessment)
    bump_version(item.meeting, expected_version)
    item.discussion = discussion
    item.decision = item.assessment.decisions.first()
    item.full_clean()
    item.save()
    return item
