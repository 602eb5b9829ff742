"""The moments an ICO file starts a duty to inform (I3, I5; VH 11.1, 15.5, 17.1), recorded
through `rights.services.start_duty_to_inform`. The uitvoerder of the file carries them out
(VH 11.1, 17.1: the ketenmanager), so no responsible party is named.

- AGENDERING: the case is registered in the casusoverleg (`open_case`: agendering from the
  weegploeg, an intake, or the copy for a subject who moved). VH 17.1: the duty holds from the
  moment the data are recorded, and the subject is informed beforehand; the first meeting comes
  later (docs/adr/0013).
- RELATED_PERSON: a family member or another person is registered in the case (VH 17.1).
- CLOSING: the decision to close the approach (VH 15.5).
"""

from datetime import date

from rights.constants import DutyOccasion
from subjects.registry import DossierRef, item_ref


def _start(case, occasion: DutyOccasion, *, started_on: date, person=None) -> None:
    from cases.permissions import file_of
    from cases.services import FILE_LABEL
    from rights.services import start_duty_to_inform

    start_duty_to_inform(
        ref=DossierRef(FILE_LABEL, case.number),
        data_file=file_of(case.casusoverleg),
        occasion=occasion,
        started_on=started_on,
        person=item_ref(person) if person is not None else None,
    )


def registered(case, *, on: date) -> None:
    """I5, VH 11.1, 17.1: the subject is first put on the agenda of the casusoverleg."""
    _start(case, DutyOccasion.AGENDERING, started_on=on)


def related_person_registered(person, *, on: date) -> None:
    """I5, VH 17.1: a related person registered in the case is informed too."""
    _start(person.case, DutyOccasion.RELATED_PERSON, started_on=on, person=person)


def closed(case, *, on: date) -> None:
    """I3, VH 15.5: the subject is informed of the closing of the approach."""
    _start(case, DutyOccasion.CLOSING, started_on=on)
