"""A destroyed dossier leaves nothing in `rights` either (B8)."""

from django.db import transaction

from rights.models import DutyToInform, Letter, RequestDossier, SubjectRequest


@transaction.atomic
def forget_dossier(*, file_label: str, dossier_key: str) -> None:
    """Duties, their postponements and letters, and the letters about the dossier go with it. A
    request is kept as long as the longest-lived dossier it covers: it goes with the last one."""
    DutyToInform.objects.filter(file_label=file_label, dossier_key=dossier_key).delete()
    Letter.objects.filter(file_label=file_label, dossier_key=dossier_key).delete()
    covered = RequestDossier.objects.filter(file_label=file_label, dossier_key=dossier_key)
    request_ids = set(covered.values_list("request_id", flat=True))
    covered.delete()
    SubjectRequest.objects.filter(pk__in=request_ids, dossiers__isnull=True).delete()
