"""Starting a duty to inform (I1, I3, I5): the file apps call this when their dossier reaches
an occasion; `rights` never looks into the files itself."""

from datetime import date

from dateutil.relativedelta import relativedelta

from parties.models import DataFile, Party
from rights.constants import DutyOccasion
from rights.models import DutyToInform
from subjects.registry import DossierRef, ItemRef

# AVG 14.3(a): within a reasonable period after obtaining the data, at the latest within a month.
INFORM_WITHIN = relativedelta(months=1)


def person_key(person: ItemRef | None) -> str:
    """How a duty names the related person it is for ("" for the subject)."""
    return f"{person.model}:{person.pk}" if person is not None else ""


def start_duty_to_inform(
    *,
    ref: DossierRef,
    data_file: DataFile,
    occasion: DutyOccasion,
    started_on: date,
    responsible_party: Party | None = None,
    person: ItemRef | None = None,
) -> DutyToInform:
    """Record the duty; idempotent for the same occasion, person and day. `responsible_party`
    is the kernpartij that brought the signal (CTER 11.2) or None for the file's uitvoerder
    (VH 17.1); `person` names a related person's row (I5), None for the subject."""
    duty, _created = DutyToInform.objects.get_or_create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        occasion=occasion,
        person=person_key(person),
        started_on=started_on,
        defaults={
            "data_file": data_file,
            "responsible_party": responsible_party,
            "due_on": started_on + INFORM_WITHIN,
        },
    )
    return duty
