"""Issue 13: the indexes the lists' queries need at national scale exist, and only where they can
(the embedded SQLite default of `make run` gets no pg_trgm index; test_embedded_default migrates
it). Which plan PostgreSQL picks is not asserted here: on the tables of a test it would rather
scan; the EXPLAIN at scale is in the issue's report and `docs/performance.md`."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from cases.constants import OPEN_MEASURE_STATUSES

pytestmark = pytest.mark.django_db


def index_definitions(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return dict(cursor.fetchall())


@pytest.mark.parametrize(
    ("table", "number_index", "name_index"),
    [
        ("weegploeg_assessment", "assessment_number_trgm", "assessment_name_key_trgm"),
        ("cases_case", "case_number_trgm", "case_name_key_trgm"),
    ],
)
def test_issue13_a_search_by_number_or_name_has_a_trigram_index(table, number_index, name_index):
    """The lists search `UPPER(number) LIKE '%...%'` and `name_key LIKE '%...%'`."""
    found = index_definitions(table)
    assert "USING gin (upper((number)::text) gin_trgm_ops)" in found[number_index]
    assert "USING gin (name_key gin_trgm_ops)" in found[name_index]


def test_issue13_c3_the_open_measures_have_a_partial_index_by_case_and_deadline():
    state = MigrationLoader(connection).project_state()
    (index,) = [
        index
        for index in state.models["cases", "measure"].options["indexes"]
        if index.name == "measure_open_by_case"
    ]
    assert index.fields == ["case", "deadline"]
    assert dict(index.condition.children) == {"status__in": OPEN_MEASURE_STATUSES}
    assert "WHERE" in index_definitions("cases_measure")["measure_open_by_case"]


@pytest.mark.parametrize(
    ("table", "index", "column", "keys"),
    [
        ("weegploeg_assessment", "assessment_keys_per_region", "veiligheidshuis_id", ""),
        # the meeting form's external partners join the cases' keys too (C4, P6)
        ("cases_case", "case_keys_per_casusoverleg", "casusoverleg_id", ", id"),
    ],
)
def test_issue13_s2_the_numbers_of_a_files_dossiers_are_read_from_an_index(
    table, index, column, keys
):
    """The access log's rule (`dossier_keys`) reads a file's dossier numbers from the index
    alone; the plain index on the same column is gone, the covering one leads with it."""
    found = index_definitions(table)
    assert found[index].endswith(f"USING btree ({column}{keys}) INCLUDE (number)")
    assert [name for name, sql in found.items() if sql.endswith(f"btree ({column})")] == []


def test_issue13_c4_p6_a_partys_current_cases_are_read_from_an_index():
    """The external partners who may attend a meeting (`attending_partners`) are found from
    their current participations alone, each with its case."""
    found = index_definitions("cases_caseparticipant")["active_participation_of_party"]
    assert found.endswith("USING btree (party_id) INCLUDE (case_id) WHERE (until IS NULL)")


def test_issue13_the_open_assessments_have_a_partial_index():
    """The weegploeg's panels start from the open, unarchived dossiers (`weegploeg.dashboard`)."""
    found = index_definitions("weegploeg_assessment")["assessment_open"]
    assert "WHERE" in found and "'open'" in found and "archived_at IS NULL" in found


def test_issue13_p8_a_dossiers_permission_rows_are_checked_from_one_index():
    """A list read in its own order checks each assessment against the reader's groups from the
    index (dossier, permission, group) alone; it also serves the foreign key, whose own index is
    gone. The unique constraint (group, permission, dossier) stays."""
    found = index_definitions("weegploeg_assessmentgrouppermission")
    assert found["assessment_permission_check"].endswith(
        "USING btree (content_object_id, permission_id, group_id)"
    )
    assert [sql for sql in found.values() if sql.endswith("btree (content_object_id)")] == []
    assert [
        sql
        for sql in found.values()
        if "UNIQUE" in sql and sql.endswith("(group_id, permission_id, content_object_id)")
    ]


def test_issue13_w6_the_agenderingen_are_listed_from_an_index_in_their_order():
    found = index_definitions("weegploeg_casetransfer")["transfer_list_order"]
    assert found.endswith("USING btree (transferred_at, id)")
