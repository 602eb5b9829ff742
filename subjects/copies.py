"""What goes along when a subject's data are copied into a case: from the weegploeg (W6, CTER
8.5) or from a case of another casusoverleg (C10, VH 20.2b). Both copy the same fields, as they
are at the moment of copying; a later change at the source leaves the copy as it was."""

from subjects.models import PERSON_FIELDS

SIGNAL_FIELDS = ("behaviour", "observed_on", "brought_by", "reporter_name", "reporter_contact")


def person_copy(dossier) -> dict:
    """The subject's NAW as the source dossier holds it."""
    return {key: getattr(dossier, key) for key in PERSON_FIELDS}


def signal_copy(signal) -> dict:
    """A signal (weegploeg Signal or CaseSignal) as the fields of a new CaseSignal."""
    return {key: getattr(signal, key) for key in SIGNAL_FIELDS}
