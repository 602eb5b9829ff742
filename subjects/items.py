"""Rectification and erasure of one item of a dossier (R1, R6, CTER 12.5), the same for every
file: the files' registry implementations call these with the dossier the row belongs to, whose
last-processing date then moves (B1)."""

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext as _

from config.audit import acting_for, write_entry
from subjects.dossier import changes_dossier


def rectifiable_fields(row) -> set[str]:
    """The fields of a row that hold what was recorded: not its key, links or bookkeeping."""
    return {
        field.name
        for field in row._meta.concrete_fields
        if field.editable and not field.primary_key and not field.is_relation
    }


@changes_dossier("dossier")
def rectify_row(row, changes: dict, *, dossier, by) -> None:
    """Set the corrected values, validated like any other save (C8 included); auditlog writes
    the UPDATE entry, with the dossier and `by` as its actor."""
    if not changes:
        raise ValidationError(_("Say what is rectified."))
    unknown = sorted(set(changes) - rectifiable_fields(row))
    if unknown:
        raise ValidationError({name: _("This field cannot be rectified.") for name in unknown})
    for name, value in changes.items():
        setattr(row, name, value)
    row.full_clean()
    with acting_for(by):
        row.save()


@changes_dossier("dossier")
def erase_row(row, *, dossier, by) -> None:
    """Erase one item: the row goes, and so do the earlier audit entries about it, which hold its
    values; one DELETE entry without values records the erasure in the dossier's trail."""
    from security.models import AuditEntry

    collector = Collector(using=router.db_for_write(type(row)))
    collector.collect([row])
    for instances in collector.data.values():
        for instance in instances:  # the row, and what goes with it (a measure's notes)
            AuditEntry.objects.get_for_object(instance).delete()
    write_entry(
        row,
        AuditEntry.Action.DELETE,
        by=by,
        changes=None,
        serialized_data=None,
        additional_data={"erased": True},
    )
    with disable_auditlog():
        row.delete()


class ItemsMixin:
    """Rectify and erase one item (R1, R6) for a file's registry implementation: the file gives
    its root model (`root_model`) and how a dossier's root is looked up (`dossier_root`)."""

    root_model: type

    def dossier_root(self, ref):
        raise NotImplementedError

    def rectify(self, ref, item, changes: dict, *, by) -> None:
        """R6: correct one item, validated like any save (C8); the dossier's date moves (B1)."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row = dossier_item(ref, item)
            with acting_for(by):
                rectify_row(row, changes, dossier=self.dossier_root(ref), by=by)

    def erase(self, ref, item, *, by) -> None:
        """R1: erase one item (the whole dossier goes through `destroy`)."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row = dossier_item(ref, item)
            if isinstance(row, self.root_model):
                raise LookupError("Erase the whole dossier through destroy().")
            with acting_for(by):
                erase_row(row, dossier=self.dossier_root(ref), by=by)
