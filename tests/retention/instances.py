"""One row of each retention model that auditlog registers, with recognisable values, for
the test that no str() shows personal data (tests/security/test_audit.py, S2)."""

from datetime import date

from retention import models
from retention.constants import ArchiveFrom, ReactivatedBy
from subjects.registry import DossierRef


def retention_instances(ref: DossierRef, data_file, user) -> dict:
    hold = models.Hold.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        reasons="Herkenbare reden over Achternaam",
        controller_decision="Besluit over Zichtbarevoornaam",
        until=date(2027, 6, 1),
        recorded_by=user,
    )
    reactivation = models.Reactivation.objects.create(
        file_label=ref.file_label,
        dossier_key=ref.key,
        via=ReactivatedBy.CONTROLLER,
        instructed_by="Verantwoordelijke",
        reason="Herkenbare reden van heractivering",
        recorded_by=user,
    )
    terms = models.RetentionTerms.objects.create(
        data_file=data_file,
        archive_after_months=12,
        archive_from=ArchiveFrom.LAST_PROCESSING,
        destroy_after_months=60,
        updated_by=user,
    )
    return {models.Hold: hold, models.Reactivation: reactivation, models.RetentionTerms: terms}
