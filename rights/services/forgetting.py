"""A destroyed dossier leaves nothing in `rights` either (B8)."""

from collections import Counter

from django.db import transaction

from rights.constants import LetterKind
from rights.models import (
    DutyToInform,
    ItemChange,
    Letter,
    RequestDossier,
    SubjectRequest,
    Withholding,
)

# Letters about a whole request that hold data of each dossier it covers (R4, R5, R7).
REQUEST_WIDE = [LetterKind.ACCESS, LetterKind.REFUSAL, LetterKind.DECISION]


def forget_dossier(*, file_label: str, dossier_key: str) -> dict[str, int]:
    """`forget_dossiers` for one dossier: the rows deleted per kind, audit entries included."""
    from subjects.registry import DossierRef

    ref = DossierRef(file_label, dossier_key)
    return dict(forget_dossiers([ref]).get(ref, {}))


@transaction.atomic
def forget_dossiers(refs) -> dict:
    """Duties, their postponements and letters, and the letters about the dossiers go with them.
    A request is kept as long as the longest-lived dossier it covers: it goes with the last one.
    Its withholdings and changed items (with their notices) go with the dossier, and so do the
    request's overview, refusal and decision letters, which hold the dossier's data. Every audit
    entry of these rows goes with them, none is written. In a number of queries that does not
    grow with the dossiers (issue 13, `subjects.tracing.delete_traced`). Returns the rows deleted
    per kind of each dossier (DossierRef -> Counter), audit entries included; a request's own
    rows count to the first of its dossiers here."""
    from subjects.tracing import about, delete_traced

    refs = list(refs)
    if not refs:
        return {}
    wanted = about(refs)
    by_key = {(ref.file_label, ref.key): ref for ref in refs}
    seeds = []
    for model in (DutyToInform, Letter, Withholding, ItemChange):
        rows = model.objects.filter(wanted)
        seeds += [(row, by_key[(row.file_label, row.dossier_key)]) for row in rows]
    covered = list(RequestDossier.objects.filter(wanted))
    request_of = {}  # a request -> the first of its dossiers destroyed here
    for row in covered:
        request_of.setdefault(row.request_id, by_key[(row.file_label, row.dossier_key)])
    # The request's letters that hold the dossiers' data (the overview, the refusal, the
    # decision).
    wide = Letter.objects.filter(
        request_id__in=list(request_of), file_label="", kind__in=REQUEST_WIDE
    )
    seeds += [(letter, request_of[letter.request_id]) for letter in wide]
    seeds += [(row, by_key[(row.file_label, row.dossier_key)]) for row in covered]
    counts = {ref: Counter() for ref in refs}
    for ref, found in delete_traced(seeds).items():
        counts[ref] += found
    ended = SubjectRequest.objects.filter(pk__in=list(request_of), dossiers__isnull=True)
    for ref, found in delete_traced([(row, request_of[row.pk]) for row in ended]).items():
        counts[ref] += found
    return counts
