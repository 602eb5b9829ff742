"""B8: after a destruction nothing of the person remains: not in any text, JSON or binary column
of any table of the database, not under MEDIA_ROOT, not in a cache, not in a session; what
remains is the destruction record, which names none of it."""

import json
import os
import pickle
from datetime import date

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection

from retention.constants import Rule
from retention.models import DestructionRecord, Hold
from retention.services.destruction import destroy_dossier
from subjects import registry
from tests.retention.destruction_fixtures import person_dossier

pytestmark = pytest.mark.django_db

SEARCHED = {"TextField", "CharField", "JSONField", "BinaryField", "SlugField", "EmailField"}


def text_columns():
    """Every column of every table that can hold text, found by introspection, not by models."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                if kind in SEARCHED:
                    yield table, column.name, kind


def found_in_database(values) -> list[tuple[str, str, str]]:
    quote = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        for table, column, kind in text_columns():
            text = (
                f"encode({quote(column)}, 'escape')"
                if kind == "BinaryField"
                else f"{quote(column)}::text"
            )
            for value in values:
                cursor.execute(
                    f"SELECT 1 FROM {quote(table)} WHERE {text} ILIKE %s LIMIT 1",  # noqa: S608
                    [f"%{value}%"],
                )
                if cursor.fetchone():
                    found.append((table, column, value))
    return found


def found_in_sessions(values) -> list[str]:
    texts = [json.dumps(s.get_decoded(), default=str).casefold() for s in Session.objects.all()]
    return [value for value in values for text in texts if value.casefold() in text]


def found_in_caches(values) -> list[str]:
    """The caches are Django's local-memory cache (the default): read every entry."""
    found = []
    for alias in settings.CACHES:
        cache = caches[alias]
        assert hasattr(cache, "_cache"), f"{alias}: not a local-memory cache, not inspected"
        for key, stored in cache._cache.items():
            text = f"{key} {pickle.loads(stored)!r}".casefold()  # noqa: S301
            found += [value for value in values if value.casefold() in text]
    return found


def found_in_media(values) -> list[str]:
    found = []
    for folder, _dirs, names in os.walk(settings.MEDIA_ROOT or os.devnull):
        for name in names:
            with open(os.path.join(folder, name), "rb") as stored:
                content = stored.read().decode(errors="ignore")
            found += [f"{name}: {v}" for v in values if v.casefold() in content.casefold()]
    return found


def test_b8_after_destruction_nothing_of_the_person_remains_anywhere(
    region, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"
    settings.MEDIA_ROOT = tmp_path / "media"
    dossier = person_dossier(region)
    values = dossier.values
    # The person is in every place B8 names before the destruction.
    before = {table for table, _column, _value in found_in_database(values)}
    assert {
        "weegploeg_assessment",
        "security_auditentry",
        "rights_subjectrequest",
        "rights_letter",
        "subjects_restriction",
        "retention_hold",
    } <= before
    assert found_in_sessions(values)

    with django_capture_on_commit_callbacks(execute=True):
        record = destroy_dossier(
            dossier.ref, rule=Rule.DESTROY_TERM, due_on=date(2027, 5, 20), by=None
        )

    assert found_in_database(values) == []
    assert found_in_sessions(values) == []
    assert found_in_caches(values) == []
    assert found_in_media(values) == []
    assert not Hold.objects.filter(dossier_key=dossier.ref.key).exists()
    assert registry.get("weegploeg").state(dossier.ref) is None
    # The proof remains, and names none of it (nor does the ledger).
    assert DestructionRecord.objects.get() == record
    ledger = settings.RETENTION_LEDGER.read_text()
    assert dossier.ref.key in ledger
    assert not any(value.casefold() in ledger.casefold() for value in values)
    # The user's session is still signed in: only the search went.
    assert dossier.client.get("/").status_code in (200, 302)
    assert dossier.client.session.get("_auth_user_id")


def test_b8_no_model_stores_files_under_media_root():
    """Nothing is written to MEDIA_ROOT today (letters and exports are kept in the database):
    a model with a file field would need its destruction here."""
    from django.apps import apps
    from django.db.models import FileField

    assert [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ] == []


def test_b8_the_destruction_record_and_its_counts_hold_no_personal_data(
    region, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.RETENTION_LEDGER = tmp_path / "destructions.jsonl"
    dossier = person_dossier(region)
    with django_capture_on_commit_callbacks(execute=True):
        record = destroy_dossier(dossier.ref, rule=Rule.DESTROY_TERM, due_on=None)
    row = DestructionRecord.objects.filter(pk=record.pk).values().get()
    text = json.dumps(row, default=str).casefold()
    assert not any(value.casefold() in text for value in dossier.values)
    assert not any(value.casefold() in str(record).casefold() for value in dossier.values)
