"""Reads of a duty to inform are reads of its dossier (S2): the duty page shows whom to inform,
the letter holds the person's name and address. One access entry per dossier, naming it by its
file and key, so it is found, reviewed and purged with the dossier (B8)."""

from auditlog import get_logentry_model

from config.audit import ReadKind, write_entry


def log_duty_reads(actor_or_request, duties, *, kind: str = ReadKind.DETAIL) -> int:
    actor = getattr(actor_or_request, "user", actor_or_request)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    seen = {}
    for duty in duties:
        seen.setdefault((duty.file_label, duty.dossier_key), duty)
    for (file_label, dossier_key), duty in seen.items():
        write_entry(
            duty,
            get_logentry_model().Action.ACCESS,
            by=actor,
            file_label=file_label,
            dossier_key=dossier_key,
            additional_data={"read": kind},
        )
    return len(seen)
