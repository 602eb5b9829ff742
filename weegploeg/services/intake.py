"""W1: a signal enters the weegploeg file."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import PartyRole
from parties.models import Party, User, Veiligheidshuis
from parties.permissions import may_act, membership_of
from subjects import matching
from subjects.dossier import changes_dossier
from subjects.models import PERSON_FIELDS
from subjects.numbering import next_number, year_prefix
from weegploeg.constants import DOSSIER_PREFIX
from weegploeg.counts import recount_assessments
from weegploeg.models import Assessment, Signal
from weegploeg.permissions import is_keeper, may_record_in, sync_assessment_permissions
from weegploeg.services._common import _require_open


def possible_duplicates(region: Veiligheidshuis, **identity):
    """Assessments in the region that are probably about the same person (BSN, or name and
    date of birth): the intake warns instead of making a duplicate."""
    return matching.find_matches(
        Assessment.objects.filter(veiligheidshuis=region),
        **{key: identity.get(key, "") for key in ("given_names", "prefix", "surname", "bsn")},
        date_of_birth=identity["date_of_birth"],
    )


def may_enter_signal_for(user: User, party: Party, region: Veiligheidshuis) -> bool:
    """W1: a member of a kernpartij for their own party, or the uitvoerder on behalf of one;
    never a casuspartij or an external partner. Either authorised to record in the region's
    weegploeg (P8)."""
    if not may_act(user) or party.role != PartyRole.KERNPARTIJ:
        return False
    if not party.veiligheidshuizen.filter(pk=region.pk).exists():
        return False
    membership = membership_of(user)
    if membership.party == party:
        return may_record_in(user, region)
    return is_keeper(user, region)


@changes_dossier("return.assessment")
def enter_signal(
    *,
    by: User,
    brought_by: Party,
    region: Veiligheidshuis,
    behaviour: str,
    observed_on: date,
    reporter_name: str,
    reporter_contact: str,
    person: dict | None = None,
    assessment: Assessment | None = None,
) -> Signal:
    """A signal enters the file (W1, CTER 7.1, 8.2a-c): into the given assessment of the same
    person, or into a new one with the person's NAW."""
    if not may_enter_signal_for(by, brought_by, region):
        raise PermissionDenied
    if assessment is None:
        if not person:
            raise ValidationError(_("Give the subject's name, address and date of birth."))
        assessment = Assessment(
            number=next_number(year_prefix(DOSSIER_PREFIX), Assessment),
            veiligheidshuis=region,
            last_processed_at=timezone.now(),
            **{key: person.get(key, "") for key in PERSON_FIELDS},
        )
        assessment.full_clean()
        assessment.save()
    elif assessment.veiligheidshuis_id != region.pk:
        raise ValidationError(_("This assessment belongs to another Veiligheidshuis."))
    else:
        _require_open(assessment)
    signal = Signal(
        assessment=assessment,
        behaviour=behaviour,
        observed_on=observed_on,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        brought_by=brought_by,
        entered_by=by,
    )
    signal.full_clean()
    signal.save()
    recount_assessments(assessment)
    sync_assessment_permissions(assessment)
    return signal
