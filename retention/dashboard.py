"""The uitvoerder's dashboard panel of retention (B3, B6, O3, U1): each dossier of the files
they keep that a sweep failed on (an alarm), and each that falls due for archiving or
destruction in the next four weeks, by number, with its date and a link to its retention page.
A held dossier is not due. Numbers only."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from parties.constants import Function
from parties.dashboard import SHOWN, DueItem, PanelContent, WorkPanel
from retention.constants import Action
from retention.permissions import may_see_retention
from retention.selectors import due_for, failed_for


def _dossier_url(file_label: str, key: str) -> str:
    return reverse("retention:dossier", args=[file_label, key])


def retention_content(user) -> PanelContent | None:
    """None for who keeps no file: the panel is left out."""
    if not may_see_retention(user):
        return None
    today = timezone.localdate()
    failed = [
        DueItem(
            dossier=row.dossier_key,
            what=gettext("The retention sweep failed on this dossier: look into it"),
            url=_dossier_url(row.file_label, row.dossier_key),
            deadline=timezone.localdate(row.failed_at),
            urgent=True,
        )
        for row in failed_for(user)
    ]
    # Every failed one is urgent, so sorts first; what falls due comes from `due_for` by its
    # date already. Only the lines shown are made (issue 13: a link each, a thousand due).
    due = [item for item in due_for(user, as_of=today) if not item.held]
    shown = sorted(failed, key=DueItem.sort_key)[:SHOWN]
    shown += [_due_item(item) for item in due[: SHOWN - len(shown)]]
    return PanelContent(
        items=sorted(shown, key=DueItem.sort_key),
        count=len(failed) + len(due),
        more_url=reverse("retention:overview"),
        extra={"failed": len(failed)},
    )


def _due_item(item) -> DueItem:
    return DueItem(
        dossier=item.ref.key,
        what=(
            gettext("Falls due for destruction")
            if item.action == Action.DESTROY
            else gettext("Falls due for the archive")
        ),
        url=_dossier_url(item.ref.file_label, item.ref.key),
        deadline=item.due_on,
        detail=item.file_name,
    )


PANELS = [
    WorkPanel(
        key="retention-due",
        title=_("Archive and destruction"),
        functions=frozenset({Function.UITVOERDER}),
        content=retention_content,
        empty=_("No dossier falls due for the archive or destruction in the next four weeks."),
        order=400,
    )
]
