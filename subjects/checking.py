"""The periodic check of correctness and completeness, the same in both files (W5, C9; CTER 8.3,
10.3): a dossier is due when it has not been checked for `CHECK_DAYS` days (never checked:
counted from its creation)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone


def due_for_check(
    dossiers: QuerySet, *, days: int | None = None, now: datetime | None = None
) -> QuerySet:
    """The dossiers of `dossiers` due for their check, the longest unchecked first."""
    days = settings.CHECK_DAYS if days is None else days
    since = (now or timezone.now()) - timedelta(days=days)
    not_checked = Q(last_checked_at__isnull=True, created_at__lt=since) | Q(
        last_checked_at__lt=since
    )
    return dossiers.filter(not_checked).order_by(
        F("last_checked_at").asc(nulls_first=True), "created_at", "pk"
    )


def mark_checked(dossier, check) -> None:
    """The dossier was checked when `check` (a Check or CaseCheck row) was recorded."""
    dossier.last_checked_at = check.checked_at
    dossier.save(update_fields=["last_checked_at"])
