"""P8, S1, issue 13: the permission filter (`subjects.permissions.held`) selects the dossiers
from the user's permission rows; who sees what is exactly what the EXISTS it replaced gave, for
every function, in both files, for viewing and keeping; in a page (the request's own user) with
the user's group and permission ids written in as values."""

from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Exists, OuterRef, Q, Subquery
from django.test.utils import CaptureQueriesContext

from cases import services as case_services
from cases.constants import IdentityMethod
from cases.models import Case, CaseGroupPermission
from cases.selectors import keepable_cases, visible_cases
from parties import rights
from parties.backends import MemberBackend
from subjects import permissions
from subjects.permissions import held
from tests.cases.factories import PERSON as CASE_PERSON
from tests.cases.transfer_fixtures import Agendering
from tests.factories import VeiligheidshuisFactory
from tests.module_world import per_module
from tests.weegploeg.factories import signal
from weegploeg.models import Assessment, AssessmentGroupPermission
from weegploeg.selectors import keepable_assessments, visible_assessments

pytestmark = pytest.mark.django_db

FILES = (
    (Assessment, AssessmentGroupPermission, "weegploeg", "view_assessment"),
    (Assessment, AssessmentGroupPermission, "weegploeg", "change_assessment"),
    (Case, CaseGroupPermission, "cases", "view_case"),
    (Case, CaseGroupPermission, "cases", "change_case"),
)
FUNCTIONS = ("politie", "gemeente", "casuspartij", "uitvoerder", "partner")


def exists_as_before(permission_model, user, app_label, codename):
    """The filter `held` replaced: an EXISTS over the permission rows of each dossier."""
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).values("pk")[:1]
    groups = get_user_model().groups.through.objects.filter(user_id=user.pk).values("group_id")
    return Exists(
        permission_model.objects.filter(
            content_object=OuterRef("pk"),
            permission_id=Subquery(permission),
            group_id__in=groups,
        )
    )


def _case(ag, surname, participants):
    return case_services.open_case(
        casusoverleg=ag.overleg,
        person={**CASE_PERSON, "surname": surname},
        identity_method=IdentityMethod.BRP,
        identity_note="BRP-bevraging door de gemeente",
        by=ag.keeper,
        participants=participants,
    )


def _dossiers(ag):
    """Assessments of two gemeenten and cases with different parties taking part."""
    wp = ag.wp
    signal(by=wp.agent, brought_by=wp.politie, region=ag.region, person={"surname": "Een"})
    signal(by=wp.agent, brought_by=wp.politie, region=ag.region, person={"surname": "Twee"})
    signal(
        by=wp.agent,
        brought_by=wp.politie,
        region=ag.region,
        person={"surname": "Drie", "municipality": "Zandvoort", "municipality_code": "0473"},
    )
    _case(ag, "Vier", [wp.politie, wp.haarlem, wp.rvdk])
    _case(ag, "Vijf", [wp.politie, wp.om])
    _case(ag, "Zes", [wp.zandvoort, wp.rvdk])


def _world():
    """Two Veiligheidshuizen, each with a weegploeg and an ICO and their dossiers."""
    here = Agendering(VeiligheidshuisFactory(code="kennemerland", name="VH Kennemerland"))
    there = Agendering(VeiligheidshuisFactory(code="zaanstreek", name="VH Zaanstreek"))
    for ag in (here, there):
        _dossiers(ag)
    return here


world_built, world = per_module(_world, name="world")


def _user(ag, function):
    wp = ag.wp
    return {
        "politie": wp.agent,
        "gemeente": wp.haarlemmer,
        "casuspartij": wp.raad,
        "uitvoerder": ag.keeper,
        "partner": wp.partner,
    }[function]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_p8_s1_the_permission_filter_gives_the_rows_the_exists_gave(world, function):
    user = _user(world, function)
    for model, permission_model, app_label, codename in FILES:
        new = set(model.objects.filter(held(permission_model, user, app_label, codename)))
        old = set(
            model.objects.filter(exists_as_before(permission_model, user, app_label, codename))
        )
        assert new == old, (function, codename)


def test_p8_s1_who_sees_what_in_the_small_world(world):
    """The comparison above is not empty-handed: each function sees its own dossiers only."""
    wp = world.wp
    surnames = lambda rows: sorted(row.surname for row in rows)  # noqa: E731
    assert surnames(visible_assessments(wp.agent)) == ["Drie", "Een", "Twee"]
    assert surnames(visible_assessments(wp.haarlemmer)) == ["Een", "Twee"]
    assert surnames(visible_assessments(wp.raad)) == []
    assert surnames(visible_assessments(wp.partner)) == []
    assert surnames(keepable_assessments(world.keeper)) == ["Drie", "Een", "Twee"]
    assert surnames(keepable_assessments(wp.agent)) == []
    assert surnames(visible_cases(wp.agent)) == ["Vier", "Vijf"]
    assert surnames(visible_cases(wp.haarlemmer)) == ["Vier"]
    assert surnames(visible_cases(wp.raad)) == ["Vier", "Zes"]
    assert surnames(visible_cases(wp.partner)) == []
    assert surnames(keepable_cases(world.keeper)) == ["Vier", "Vijf", "Zes"]
    assert surnames(keepable_cases(wp.raad)) == []


def test_p8_issue13_the_filter_reads_its_groups_and_permission_in_the_list_query(world):
    """One query for a page of visible dossiers: the user's groups and the permission are read
    in it, never before it."""
    for rows in (visible_assessments(world.wp.agent), visible_cases(world.wp.agent)):
        with CaptureQueriesContext(connection) as queries:
            assert list(rows.order_by("-last_processed_at", "pk")[:25])
        assert len(queries.captured_queries) == 1


def test_s1_a_revoked_group_takes_the_dossiers_with_it(world):
    """The filter follows the user's group rows as they are at the query, not as read before."""
    agent = world.wp.agent
    visible = visible_assessments(agent)
    assert visible.exists()
    agent.groups.clear()
    assert not visible.exists()
    assert Assessment.objects.exists()


def _as_a_page(user, build):
    """`build()` as a page of `user` builds it: in a request scope with the user's rights kept
    (`parties.middleware.AccessMiddleware`)."""
    with rights.request_scope():
        rights.adopt(user)
        return build()


@pytest.mark.parametrize("function", FUNCTIONS)
def test_p8_issue13_a_page_writes_the_users_groups_in_and_selects_the_same_rows(world, function):
    """For the request's own user the group and permission ids are values in the query, not
    subqueries on the group and permission tables, and the rows are those of the subqueries."""
    user = _user(world, function)
    group_ids = sorted(user.groups.values_list("pk", flat=True))
    groups_table = get_user_model().groups.through._meta.db_table
    for model, permission_model, app_label, codename in FILES:
        condition = _as_a_page(user, partial(held, permission_model, user, app_label, codename))
        rows = model.objects.filter(condition)
        outside = model.objects.filter(held(permission_model, user, app_label, codename))
        assert groups_table in str(outside.query)
        assert set(rows) == set(outside), (function, codename)
        if not group_ids:  # no group (the partner): nothing, without asking the database
            assert condition == Q(pk__in=[])
            continue
        sql = str(rows.query)
        assert groups_table not in sql and Permission._meta.db_table not in sql
        assert f"IN ({', '.join(map(str, group_ids))})" in sql


def test_p8_issue13_a_page_reads_the_groups_with_the_user_no_query_more(world):
    """The request's user read as each request reads it (`MemberBackend.get_user`): the list is
    one query, the groups came with the user."""
    agent = MemberBackend().get_user(world.wp.agent.pk)
    _as_a_page(agent, lambda: list(visible_assessments(agent)))  # the permission id is kept
    with rights.request_scope():
        rights.adopt(agent)
        with CaptureQueriesContext(connection) as queries:
            assert len(list(visible_assessments(agent).order_by("-last_processed_at")[:25])) == 3
    assert len(queries.captured_queries) == 1


def test_p8_issue13_outside_the_group_nothing_inside_a_page(world):
    """Both sides of P8 with the ids written in: each sees its own dossiers, the others none."""
    wp = world.wp
    surnames = lambda user, selector: sorted(  # noqa: E731
        row.surname for row in _as_a_page(user, lambda: list(selector(user)))
    )
    assert surnames(wp.agent, visible_assessments) == ["Drie", "Een", "Twee"]
    assert surnames(wp.haarlemmer, visible_assessments) == ["Een", "Twee"]
    assert surnames(wp.raad, visible_assessments) == []
    assert surnames(wp.partner, visible_assessments) == []
    assert surnames(wp.agent, keepable_assessments) == []
    assert surnames(wp.raad, visible_cases) == ["Vier", "Zes"]
    assert surnames(wp.haarlemmer, visible_cases) == ["Vier"]
    assert surnames(wp.partner, visible_cases) == []
    assert surnames(world.keeper, keepable_cases) == ["Vier", "Vijf", "Zes"]


def test_s1_a_group_taken_within_the_request_is_seen_at_the_next_list(world):
    """A change to the user's groups within a request drops the groups read with the rights
    (`parties.rights.forget`): the next list follows it, both ways."""
    agent = world.wp.agent
    groups = list(agent.groups.all())
    with rights.request_scope():
        rights.adopt(agent)
        assert visible_assessments(agent).exists()
        agent.groups.clear()
        assert not visible_assessments(agent).exists()
        agent.groups.set(groups)
        assert visible_assessments(agent).count() == 3


def test_p8_issue13_without_arrays_a_page_reads_the_groups_in_its_query(world, monkeypatch):
    """The embedded SQLite default has no arrays: the rights carry no group ids and a page's
    filter keeps the subqueries, with the same rows."""
    agent = world.wp.agent
    monkeypatch.setattr(connection, "vendor", "sqlite")
    user = MemberBackend().get_user(agent.pk)
    assert not hasattr(user, "rights_group_ids")
    condition = _as_a_page(user, partial(held, AssessmentGroupPermission, user, *FILES[0][2:]))
    rows = Assessment.objects.filter(condition)
    assert get_user_model().groups.through._meta.db_table in str(rows.query)
    assert sorted(row.surname for row in rows) == ["Drie", "Een", "Twee"]


def test_issue13_the_kept_permission_ids_are_dropped_at_migrate(world):
    """Permission ids are kept per process, and dropped when `migrate` (or a test database's
    flush) may have made them anew."""
    from django.core.management.sql import emit_post_migrate_signal

    wanted = Permission.objects.get(content_type__app_label="cases", codename="view_case").pk
    assert permissions.cached_permission_id("cases", "view_case") == wanted
    assert permissions._PERMISSION_IDS[("cases", "view_case")] == wanted
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert permissions._PERMISSION_IDS == {}
    assert permissions.cached_permission_id("cases", "no_such_permission") is None
    assert ("cases", "no_such_permission") not in permissions._PERMISSION_IDS
