"""The items of a request's dossiers that the uitvoerder can point at (R5, R6), read from the
registry's export (so every dossier read is logged as an export, S2). A choice names its
dossier and item as "file_label|dossier_key|app_label.model:pk" (no personal data)."""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from rights.services.outcome_common import check_step, confirmed_refs, item_value
from subjects import registry
from subjects.items import rectifiable_fields
from subjects.registry import DossierRef, ItemRef


@dataclass(frozen=True)
class Target:
    ref: DossierRef
    item: ItemRef | None
    field: str = ""


def target_value(ref: DossierRef, item: ItemRef | None, field: str = "") -> str:
    value = f"{ref.file_label}|{ref.key}|{item_value(item)}"
    return f"{value}|{field}" if field else value


def parse_target(value: str) -> Target | None:
    parts = (value or "").split("|")
    if len(parts) not in (3, 4) or not parts[0] or not parts[1]:
        return None
    item = None
    if parts[2]:
        model, _sep, pk = parts[2].rpartition(":")
        if not model or not pk.isdigit():
            return None
        item = ItemRef(model, int(pk))
    return Target(DossierRef(parts[0], parts[1]), item, parts[3] if len(parts) == 4 else "")


def _summary(data: dict) -> str:
    text = "; ".join(f"{key}: {value}" for key, value in data.items())
    return Truncator(text).chars(90)


def item_choices(subject_request, *, by, whole=False, fields=False) -> list[tuple[str, list]]:
    """Grouped choices, one group per dossier: its items (one per row: a row shown as several
    data, such as the personal details, is one item), with the whole dossier first when
    `whole`, or one choice per rectifiable field of each item when `fields`."""
    check_step(subject_request, by=by)
    groups = []
    for ref in confirmed_refs(subject_request):
        file = registry.get(ref.file_label)
        name = file.data_file(ref).name
        options = []
        if whole:
            options.append((target_value(ref, None), _("The whole dossier")))
        seen: dict[ItemRef, list] = {}
        for section in file.export(ref, by=by):
            for entry in section.items:
                if entry.item is None:
                    continue
                seen.setdefault(entry.item, [str(section.title), {}])[1].update(entry.data)
        for item, (title, data) in seen.items():
            label = f"{title}: {_summary(data)}"
            if not fields:
                options.append((target_value(ref, item), label))
                continue
            try:
                row = registry.dossier_item(ref, item)
            except LookupError:
                continue
            for field in sorted(rectifiable_fields(row)):
                verbose = str(row._meta.get_field(field).verbose_name)
                options.append((target_value(ref, item, field), f"{label} · {verbose}"))
        groups.append((f"{name} ({ref.key})", options))
    return groups
