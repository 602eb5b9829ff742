"""Backfill the dossier columns of the audit entries written before they existed (B8, S2).

A dossier's root names itself in `object_repr` (its `__str__` is the dossier number). A row
that still exists reaches its root through its foreign key; a row deleted earlier through the
key its DELETE or UPDATE entry recorded for that foreign key. Entries whose dossier cannot be
derived keep empty columns. The map is frozen here, as the files' `dossier_paths` were when
this was written."""

from django.db import migrations

# (app, model, foreign key to the parent, parent model); parents come first, a root has None.
MODELS = {
    "weegploeg": [
        ("assessment", None, None),
        ("signal", "assessment", "assessment"),
        ("analysis", "assessment", "assessment"),
        ("criterionfinding", "analysis", "analysis"),
        ("additionalinformation", "assessment", "assessment"),
        ("expertadvice", "assessment", "assessment"),
        ("decision", "assessment", "assessment"),
        ("agendaitem", "assessment", "assessment"),
        ("check", "assessment", "assessment"),
        ("casetransfer", "assessment", "assessment"),
    ],
    "cases": [
        ("case", None, None),
        *(
            (name, "case", "case")
            for name in (
                "caseparticipant",
                "casesignal",
                "casefinding",
                "transfer",
                "copyout",
                "relatedperson",
                "plangoal",
                "measure",
                "progressnote",
                "closing",
                "casecheck",
                "discussion",
                "disclosure",
                "export",
            )
        ),
    ],
}
LABELS = {"weegploeg": "weegploeg", "cases": "ico"}


def _recorded_key(changes, field):
    """The parent's key a change recorded for `field` (old value first, then new)."""
    values = (changes or {}).get(field)
    if not isinstance(values, list):
        return None
    for value in values:
        if value not in (None, "None", ""):
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
    return None


def backfill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("security", "AuditEntry")
    for app_label, models in MODELS.items():
        label = LABELS[app_label]
        try:
            apps.get_app_config(app_label)
        except LookupError:
            continue
        numbers: dict[str, dict[int, str]] = {}
        for name, fk, parent in models:
            content_type = ContentType.objects.filter(app_label=app_label, model=name).first()
            model = apps.get_model(app_label, name)
            known: dict[int, str] = {}
            if parent is None:
                known.update(model.objects.values_list("pk", "number"))
            else:
                parents = numbers[parent]
                for pk, parent_pk in model.objects.values_list("pk", f"{fk}_id"):
                    if parent_pk in parents:
                        known[pk] = parents[parent_pk]
            numbers[name] = known
            if content_type is None:
                continue
            entries = AuditEntry.objects.filter(content_type=content_type, file_label="")
            by_key: dict[str, list[int]] = {}
            for entry_pk, object_pk, object_repr, changes in entries.values_list(
                "pk", "object_pk", "object_repr", "changes"
            ).iterator():
                try:
                    pk = int(object_pk)
                except ValueError:
                    continue
                if parent is None:
                    key = known.get(pk) or object_repr
                else:
                    key = known.get(pk) or numbers[parent].get(_recorded_key(changes, fk))
                if key:
                    known.setdefault(pk, key)
                    by_key.setdefault(key[:40], []).append(entry_pk)
            for key, entry_pks in by_key.items():
                for start in range(0, len(entry_pks), 1000):
                    AuditEntry.objects.filter(pk__in=entry_pks[start : start + 1000]).update(
                        file_label=label, dossier_key=key
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_audit_dossier_columns"),
        ("weegploeg", "0004_verbose_names"),
        ("cases", "0003_verbose_names"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
