"""One row of each access-log model that auditlog registers, with recognisable values, for the
test that no str() shows personal data (tests/security/test_audit.py, S2)."""

from datetime import date

from django.utils import timezone

from security.models import AccessReview, LogSearch


def access_log_instances(region, user) -> dict:
    search = LogSearch.objects.create(searched_by=user, filters={"user": user.pk})
    review = AccessReview.objects.create(
        veiligheidshuis=region,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        findings="Herkenbare bevinding over Achternaam",
        signed_off_by=user,
        signed_off_at=timezone.now(),
    )
    return {LogSearch: search, AccessReview: review}
