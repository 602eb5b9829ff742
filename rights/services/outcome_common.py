"""What the services of a request's outcomes (R4-R7) share: who may act, the identity guard,
what was asked, and the dossiers the uitvoerder confirmed."""

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from rights.models import RequestDossier
from rights.permissions.requests import may_handle_requests
from rights.services.guards import require_identity
from subjects.registry import DossierRef, ItemRef


def check_step(subject_request, *, by, kind: str | None = None) -> None:
    """Identity first (R2), then who may act (R1: the uitvoerder or a designated officer of the
    request's Veiligheidshuis), then whether the step was asked for at all."""
    require_identity(subject_request)
    if not may_handle_requests(by, subject_request.veiligheidshuis):
        raise PermissionDenied
    if kind is not None and kind not in subject_request.kinds:
        raise ValidationError(_("The requester did not ask for this."))


def confirmed_refs(subject_request) -> list[DossierRef]:
    """The dossiers the uitvoerder confirmed as being about the requester, in a fixed order."""
    rows = subject_request.dossiers.order_by("file_label", "dossier_key", "pk")
    return [DossierRef(row.file_label, row.dossier_key) for row in rows]


def confirmed_ref(subject_request, file_label: str, dossier_key: str) -> DossierRef:
    """A dossier of the request, refused (on the field `dossier`) unless confirmed for it."""
    found = RequestDossier.objects.filter(
        request=subject_request, file_label=file_label, dossier_key=dossier_key
    ).exists()
    if not found:
        raise ValidationError({"dossier": _("This dossier is not one of the request.")})
    return DossierRef(file_label, dossier_key)


def parse_item(value: str) -> ItemRef | None:
    """An item as the pages and the API name it: "app_label.model:pk"; None for ""."""
    if not value:
        return None
    model, _sep, pk = value.rpartition(":")
    if not model or not pk.isdigit():
        raise ValidationError({"item": _("Choose an item of the dossier.")})
    return ItemRef(model, int(pk))


def item_value(item: ItemRef | None) -> str:
    return f"{item.model}:{item.pk}" if item is not None else ""


def item_kind(model_label: str) -> str:
    """What kind of item a model holds (a signal, a measure), in words: no data of it."""
    try:
        return str(apps.get_model(model_label)._meta.verbose_name)
    except (LookupError, ValueError):
        return _("item")
