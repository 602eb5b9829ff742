"""The access log of requests (S2): a request holds personal data of whom it is about, so every
view of it, every search for its dossiers and every list of requests writes access entries.
A read that concerns dossiers (the page of a request that covers them, the candidates found)
writes one entry per dossier too, with the dossier's columns, so the dossier's trail shows
that a request read it. The entries name the request by its number, never the person."""

from config.audit import ReadKind, _access_entry, acting_for, log_reads, write_entries


def _actor(actor_or_request):
    actor = getattr(actor_or_request, "user", actor_or_request)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        return None
    return actor


def log_request_read(actor_or_request, subject_request, *, kind: str, dossiers=()) -> int:
    """One access entry for the request, and one per dossier (`DossierRef`) it showed."""
    with acting_for(_actor(actor_or_request)):
        entries = [_access_entry(subject_request, filled=False, additional_data={"read": kind})]
        entries += [
            _access_entry(
                subject_request, dossier=ref, filled=False, additional_data={"read": kind}
            )
            for ref in dossiers
        ]
        write_entries(entries)
    return len(entries)


def log_request_list(actor_or_request, requests, *, search: bool = False) -> int:
    """A list of requests: one entry per request shown, in one insert."""
    kind = ReadKind.SEARCH if search else ReadKind.LIST
    return log_reads(actor_or_request, list(requests), kind=kind)
