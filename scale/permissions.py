"""Object permissions at scale, through the project's own sync (P8, S1).

The permissions a file's sync gives a dossier follow from what the sync reads of it: for an
assessment its Veiligheidshuis and the subject's gemeente
(`weegploeg.permissions.sync_assessment_permissions`); for a case its casusoverleg, its status
and the parties taking part (`cases.permissions.sync_case_permissions`). So the seed runs the
sync itself on one dossier of each such state and copies the rows it made to every other dossier
in that state, in one INSERT ... SELECT. `check_sample` then runs the sync again on a random
sample of dossiers and users and refuses the seed when it would change anything."""

import random

from django.db import connection, transaction

from cases.models import Case, CaseGroupPermission, CaseParticipant
from cases.permissions import sync_case_permissions
from parties.models import User
from parties.services import sync_user_groups
from subjects.sight import refreshing_once
from weegploeg.models import Assessment, AssessmentGroupPermission
from weegploeg.permissions import sync_assessment_permissions


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


ASSESSMENT_STATES = f"""
    SELECT id, veiligheidshuis_id::text || ':' || municipality_code AS state
    FROM {_table(Assessment)}
"""  # noqa: S608 - table names, not input

CASE_STATES = f"""
    SELECT c.id, c.casusoverleg_id::text || ':' || c.status || ':' || coalesce(
               (SELECT string_agg(p.party_id::text, ',' ORDER BY p.party_id)
                FROM {_table(CaseParticipant)} p WHERE p.case_id = c.id AND p.until IS NULL), ''
           ) AS state
    FROM {_table(Case)} c
"""  # noqa: S608 - table names, not input


def _replicate(states_sql: str, roots, permission_model, sync) -> int:
    """Sync one dossier per state, copy its rows to the others. Returns the syncs run."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE seed_states AS {states_sql}")
        cursor.execute("CREATE INDEX ON seed_states (state)")
        cursor.execute("SELECT DISTINCT ON (state) state, id FROM seed_states ORDER BY state, id")
        representatives = dict(cursor.fetchall())
    # Who sees each meeting follows from the rows: worked out once at the end, not per sync
    # (the seed works every meeting out anew after the copies, `refresh_all`).
    with refreshing_once():
        for dossier in roots.filter(pk__in=representatives.values()):
            sync(dossier)
    permissions = _table(permission_model)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {permissions} (content_object_id, group_id, permission_id)
            SELECT s.id, p.group_id, p.permission_id
            FROM seed_states s
            JOIN seed_states r ON r.state = s.state AND r.id = ANY(%s)
            JOIN {permissions} p ON p.content_object_id = r.id
            WHERE s.id <> r.id
            """,  # noqa: S608 - table names, not input
            [list(representatives.values())],
        )
        cursor.execute("DROP TABLE seed_states")
    return len(representatives)


def assessments() -> int:
    return _replicate(
        ASSESSMENT_STATES,
        Assessment.objects.select_related("veiligheidshuis"),
        AssessmentGroupPermission,
        sync_assessment_permissions,
    )


def cases() -> int:
    return _replicate(
        CASE_STATES,
        Case.objects.select_related("casusoverleg__veiligheidshuis"),
        CaseGroupPermission,
        sync_case_permissions,
    )


def _rows(permission_model, pk) -> set:
    return set(
        permission_model.objects.filter(content_object_id=pk).values_list(
            "group_id", "permission_id"
        )
    )


class SampleMismatch(Exception):
    pass


def differences(sample: int, rng: random.Random) -> list[str]:
    """Run the project's syncs on `sample` random assessments, cases and users, in a savepoint
    that is rolled back, and name (by number or pk) those whose rows the sync would change."""
    found = []
    checks = [
        (Assessment, AssessmentGroupPermission, sync_assessment_permissions),
        (Case, CaseGroupPermission, sync_case_permissions),
    ]
    for root, permission_model, sync in checks:
        pks = list(root.objects.values_list("pk", flat=True))
        for pk in rng.sample(pks, k=min(sample, len(pks))):
            before = _rows(permission_model, pk)
            with transaction.atomic():
                dossier = root.objects.get(pk=pk)
                sync(dossier)
                after = _rows(permission_model, pk)
                transaction.set_rollback(True)
            if before != after:
                found.append(f"{root._meta.label} {dossier}")
    pks = list(User.objects.filter(membership__isnull=False).values_list("pk", flat=True))
    for pk in rng.sample(pks, k=min(sample, len(pks))):
        user = User.objects.get(pk=pk)
        before = set(user.groups.values_list("pk", flat=True))
        with transaction.atomic():
            sync_user_groups(user)
            after = set(user.groups.values_list("pk", flat=True))
            transaction.set_rollback(True)
        if before != after:
            found.append(f"{User._meta.label} {pk}")
    return found


def check_sample(sample: int, rng: random.Random) -> None:
    found = differences(sample, rng)
    if found:
        raise SampleMismatch(
            "The seeded permissions differ from what the project's sync gives: "
            + ", ".join(found[:10])
        )
