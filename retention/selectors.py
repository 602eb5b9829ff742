"""What the keeper of files sees of retention (B3, B6, O3): what falls due in the next four
weeks, the dossiers a sweep failed on, the holds in force. The overview page and the dashboard
panel both ask here."""

from django.utils import timezone

from parties.permissions import kept_authorisations
from retention.models import DossierSweepState
from retention.permissions import kept_rows
from retention.services.holds import in_force
from retention.services.sweep import preview

# B3: the preview looks four weeks ahead.
PREVIEW_DAYS = 28

# U2: how the list of dossiers falling due sorts (`?sort=key`, `-key` the other way): by what
# says nothing about a person. The earliest due date first unless asked otherwise.
DUE_SORTS = {
    "due": ("due_on", "key"),
    "dossier": ("key",),
    "file": ("file_name", "due_on", "key"),
    "action": ("action", "due_on", "key"),
}
DUE_DEFAULT_SORT = "due"


def _due_value(item, field: str):
    return item.ref.key if field == "key" else getattr(item, field)


def sort_due(items: list, sort: str = DUE_DEFAULT_SORT) -> list:
    """The dossiers falling due in the order `sort` names (an unknown one: the default)."""
    if sort.lstrip("-") not in DUE_SORTS:
        sort = DUE_DEFAULT_SORT
    fields = DUE_SORTS[sort.lstrip("-")]
    return sorted(
        items,
        key=lambda item: tuple(_due_value(item, field) for field in fields),
        reverse=sort.startswith("-"),
    )


def filter_due(items: list, *, action: str = "", data_file_id: int | None = None) -> list:
    """The dossiers falling due with the action (archive or destroy) and in the file asked."""
    return [
        item
        for item in items
        if (not action or item.action == action)
        and (data_file_id is None or item.data_file_id == data_file_id)
    ]


def due_for(user, *, as_of=None) -> list:
    """The dossiers the user keeps that fall due within four weeks (overdue included)."""
    kept = {granted.file_id for granted in kept_authorisations(user)}
    if not kept:
        return []
    planned = preview(as_of=as_of, days=PREVIEW_DAYS, data_file_ids=kept)
    return [item for item in planned if item.data_file_id in kept]


def failed_for(user) -> list:
    failed = DossierSweepState.objects.filter(failed_at__isnull=False).order_by("-failed_at")
    return kept_rows(user, failed)


def holds_for(user, *, as_of=None) -> list:
    holds = in_force(as_of=as_of or timezone.localdate()).select_related("recorded_by")
    return kept_rows(user, holds.order_by("until", "pk"))
