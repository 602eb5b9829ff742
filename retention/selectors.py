"""What the keeper of files sees of retention (B3, B6, O3): what falls due in the next four
weeks, the dossiers a sweep failed on, the holds in force. The overview page and the dashboard
panel both ask here."""

from django.utils import timezone

from parties.permissions import kept_files
from retention.models import DossierSweepState
from retention.permissions import kept_rows
from retention.services.holds import in_force
from retention.services.sweep import preview

# B3: the preview looks four weeks ahead.
PREVIEW_DAYS = 28


def due_for(user, *, as_of=None) -> list:
    """The dossiers the user keeps that fall due within four weeks (overdue included)."""
    kept = set(kept_files(user).values_list("pk", flat=True))
    return [item for item in preview(as_of=as_of, days=PREVIEW_DAYS) if item.data_file_id in kept]


def failed_for(user) -> list:
    failed = DossierSweepState.objects.filter(failed_at__isnull=False).order_by("-failed_at")
    return kept_rows(user, failed)


def holds_for(user, *, as_of=None) -> list:
    holds = in_force(as_of=as_of or timezone.localdate()).select_related("recorded_by")
    return kept_rows(user, holds.order_by("until", "pk"))
