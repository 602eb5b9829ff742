"""K1, C10: the legal basis a file's specific covenant records for "bekend elders?", recorded
or removed by the beheerder; the file's dossiers are published or withdrawn with it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from config.audit import acting_for
from elsewhere import index
from elsewhere.models import CheckBasis
from parties.models import DataFile
from parties.permissions import is_beheerder


def may_record_basis(user) -> bool:
    """Only the beheerder records a file's covenant (configuration, like the peers): the
    same rule as every beheerder's page and service (`parties.permissions.is_beheerder`)."""
    return is_beheerder(user)


def _require_beheerder(by) -> None:
    if not may_record_basis(by):
        raise PermissionDenied(_("Only a beheerder records the legal basis of a file."))


def record_basis(data_file: DataFile, *, basis: str, reference: str, by) -> CheckBasis:
    """Record (or change) the legal basis for the check in the file's covenant and its
    reference there; the file's dossiers are published in the same transaction."""
    _require_beheerder(by)
    basis, reference = (basis or "").strip(), (reference or "").strip()
    errors = {}
    if not basis:
        errors["basis"] = _("State the legal basis for the check.")
    if not reference:
        errors["reference"] = _("State where the covenant records it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_for(by):
        found = CheckBasis.objects.select_for_update().filter(data_file=data_file).first()
        found = found or CheckBasis(data_file=data_file)
        found.basis, found.reference, found.recorded_by = basis, reference, by
        found.full_clean()
        found.save()
        index.refresh_file(data_file)
    return found


def remove_basis(data_file: DataFile, *, by) -> None:
    """The covenant no longer records a basis: the check is not offered from the file and its
    dossiers leave the index, in one transaction. Nothing to remove does nothing."""
    _require_beheerder(by)
    with transaction.atomic(), acting_for(by):
        found = CheckBasis.objects.select_for_update().filter(data_file=data_file).first()
        if found is None:
            return
        found.delete()
        index.refresh_file(data_file)
