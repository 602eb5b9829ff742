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
from subjects.models import Restriction
from subjects.restriction import is_restrictable, showing_restricted


def iso(day) -> str:
    return day.isoformat() if day else ""


def address_of(person) -> str:
    """The postal address of a dossier's subject (a `PersonData` root) on one line."""
    parts = (person.street, person.house_number, person.postcode, person.municipality)
    return " ".join(part for part in parts if part)


def person_details(person) -> list[dict[str, str]]:
    """R4: the subject's name, date of birth, address and (when recorded) BSN, each one item
    of the access answer."""
    details = [
        {_("Name"): person.full_name},
        {_("Date of birth"): iso(person.date_of_birth)},
        {_("Address"): address_of(person)},
    ]
    if person.bsn:
        details.append({_("BSN"): person.bsn})
    return details


def withheld_reporter():
    """R4, AVG 15.4: the reporter of a signal is not named to the subject."""
    from subjects.registry import PROTECTION_OF_OTHERS, Withheld

    return Withheld(what=_("Name and contact details of the reporter"), ground=PROTECTION_OF_OTHERS)


def withheld_related_people():
    """R4, AVG 15.4: the related people's own data are not given to the subject."""
    from subjects.registry import PROTECTION_OF_OTHERS, Withheld

    return Withheld(
        what=_("Names, addresses and dates of birth of related people"),
        ground=PROTECTION_OF_OTHERS,
    )


def addressee_of(person):
    """The name and postal address of a dossier's subject (a `PersonData` root), for a letter."""
    from subjects.registry import Addressee

    street = " ".join(part for part in (person.street, person.house_number) if part)
    town = " ".join(part for part in (person.postcode, person.municipality) if part)
    return Addressee(
        name=person.full_name, address="\n".join(part for part in (street, town) if part)
    )


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
    from security.services.chain import delete_entries

    collector = Collector(using=router.db_for_write(type(row)))
    collector.collect([row])
    for instances in collector.data.values():
        for instance in instances:  # the row, and what goes with it (a measure's notes)
            delete_entries(AuditEntry.objects.get_for_object(instance), reason="erasure")
    write_entry(
        row,
        AuditEntry.Action.DELETE,
        by=by,
        changes=None,
        serialized_data=None,
        additional_data={"erased": True},
    )
    Restriction.objects.filter(item_model=row._meta.label_lower, item_pk=row.pk).delete()
    with disable_auditlog():
        row.delete()


@changes_dossier("dossier")
def restrict_row(row, *, reason: str, dossier, ref, by) -> None:
    """R1, AVG 18: restrict one item: it stays, ordinary reads leave it out
    (`subjects.restriction`); the dossier's trail records who restricted it and when, without
    its values. Restricting it again changes nothing."""
    from security.models import AuditEntry

    if not is_restrictable(type(row)):
        raise ValidationError(_("This item cannot be restricted: rectify or erase it instead."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the restriction.")})
    label = row._meta.label_lower
    if Restriction.objects.filter(item_model=label, item_pk=row.pk).exists():
        return
    restriction = Restriction(
        file_label=ref.file_label,
        dossier_key=ref.key,
        item_model=label,
        item_pk=row.pk,
        reason=reason,
        restricted_by=by,
    )
    restriction.full_clean()
    restriction.save()
    write_entry(
        row, AuditEntry.Action.UPDATE, by=by, changes=None, additional_data={"restricted": True}
    )


@changes_dossier("dossier")
def lift_row_restriction(row, *, dossier, by) -> None:
    """R1, AVG 18.3: lift the restriction of one item: ordinary reads see it again; the trail
    records who lifted it and when, without its values. Lifting an unrestricted item changes
    nothing."""
    from security.models import AuditEntry

    deleted, _rows = Restriction.objects.filter(
        item_model=row._meta.label_lower, item_pk=row.pk
    ).delete()
    if deleted:
        write_entry(
            row,
            AuditEntry.Action.UPDATE,
            by=by,
            changes=None,
            additional_data={"restricted": False},
        )


class ItemsMixin:
    """Rectify and erase one item (R1, R6) for a file's registry implementation: the file gives
    its root model (`root_model`) and how a dossier's root is looked up (`dossier_root`)."""

    root_model: type

    def dossier_root(self, ref):
        raise NotImplementedError

    def items_changed(self, root, row) -> None:
        """After an item of the dossier `root` was rectified, restricted, lifted or erased
        (`row`, gone after an erasure but still naming its parents): the file sets the counts
        it keeps on the parent rows again (issue 13, `subjects.counters`)."""

    def rectify(self, ref, item, changes: dict, *, by) -> None:
        """R6: correct one item, validated like any save (C8); the dossier's date moves (B1)."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row, root = dossier_item(ref, item), self.dossier_root(ref)
            with acting_for(by):
                rectify_row(row, changes, dossier=root, by=by)
            self.items_changed(root, row)

    def export(self, ref, *, by):
        """R4: the access answer holds every item, restricted ones included (`_export`)."""
        with showing_restricted():
            return self._export(ref, by=by)

    def restrict(self, ref, item, *, reason: str, by) -> None:
        """R1: restrict one item; ordinary reads leave it out from now on."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row, root = dossier_item(ref, item), self.dossier_root(ref)
            with acting_for(by):
                restrict_row(row, reason=reason, dossier=root, ref=ref, by=by)
            self.items_changed(root, row)

    def lift_restriction(self, ref, item, *, by) -> None:
        """R1: lift the restriction of one item; ordinary reads show it again."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row = dossier_item(ref, item)
            if not Restriction.objects.filter(
                item_model=row._meta.label_lower, item_pk=row.pk
            ).exists():
                return
            root = self.dossier_root(ref)
            with acting_for(by):
                lift_row_restriction(row, dossier=root, by=by)
            self.items_changed(root, row)

    def erase(self, ref, item, *, by) -> None:
        """R1: erase one item (the whole dossier goes through `destroy`)."""
        from subjects.registry import dossier_item

        with transaction.atomic():
            row = dossier_item(ref, item)
            if isinstance(row, self.root_model):
                raise LookupError("Erase the whole dossier through destroy().")
            root = self.dossier_root(ref)
            with acting_for(by):
                erase_row(row, dossier=root, by=by)
            self.items_changed(root, row)
