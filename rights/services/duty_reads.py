"""Reads of a duty to inform are reads of its dossier (S2): the duty page shows whom to inform,
the letter holds the person's name and address. One access entry per dossier, naming it by its
file and key, so it is found, reviewed and purged with the dossier (B8)."""

from config.audit import ReadKind, log_reads


def log_duty_reads(actor_or_request, duties, *, kind: str = ReadKind.DETAIL) -> int:
    """One access entry per dossier of `duties`, named by the duty's own columns, written in
    one insert however many (`config.audit.log_reads`; a list of 50 duties took 50, issue 13)."""
    seen = {}
    for duty in duties:
        seen.setdefault((duty.file_label, duty.dossier_key), duty)
    return log_reads(actor_or_request, seen.values(), kind=kind)
