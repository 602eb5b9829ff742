"""A destroyed dossier leaves nothing in `rights` either (B8)."""

from collections import Counter

from django.db import transaction

from config.audit import delete_with_trail
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


@transaction.atomic
def forget_dossier(*, file_label: str, dossier_key: str) -> dict[str, int]:
    """Duties, their postponements and letters, and the letters about the dossier go with it. A
    request is kept as long as the longest-lived dossier it covers: it goes with the last one.
    Its withholdings and changed items (with their notices) go with the dossier, and so do the
    request's overview, refusal and decision letters, which hold the dossier's data. Every audit
    entry of these rows goes with them (`delete_with_trail`), none is written. Returns the rows
    deleted per kind, audit entries included."""
    about = {"file_label": file_label, "dossier_key": dossier_key}
    counts: Counter = Counter()
    counts += delete_with_trail(DutyToInform.objects.filter(**about))
    counts += delete_with_trail(Letter.objects.filter(**about))
    covered = RequestDossier.objects.filter(**about)
    request_ids = set(covered.values_list("request_id", flat=True))
    # The outcomes about the dossier (withholdings, changed items with their notices), and
    # the request's letters that hold its data (the overview, the refusal, the decision).
    counts += delete_with_trail(Withholding.objects.filter(**about))
    counts += delete_with_trail(ItemChange.objects.filter(**about))
    counts += delete_with_trail(
        Letter.objects.filter(request_id__in=request_ids, file_label="", kind__in=REQUEST_WIDE)
    )
    counts += delete_with_trail(covered)
    counts += delete_with_trail(
        SubjectRequest.objects.filter(pk__in=request_ids, dossiers__isnull=True)
    )
    return dict(counts)
