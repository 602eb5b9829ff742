"""U1, W5, C3, C4, C9, I1-I5, R3, B3, O3, S2, S3, S5, P4: the dashboard is the work queue of each
function. One world with one due item of every kind the panels know, built once for the module
(at two moments: the old dossiers a year ago, the rest three days before "now"), and the
dashboard of every function rendered at "now": which panels it shows, which dossier numbers are
in them, oldest deadline first. A closed case (with an overdue measure on a coming agenda) and a
finished measure never appear; the uitvoerder's dashboard stays within a bound of queries.

ADR 0022: each test runs on both paths of the dashboard, every panel rendered at once (without
JavaScript) and panel by panel (htmx loading each as a request of its own)."""

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.test.utils import override_settings

from cases import meeting_services
from cases import services as case_services
from cases.constants import ClosingReason, IdentityMethod, MeasureStatus
from parties.constants import Function
from parties.views.dashboard import SCRIPTING_COOKIE
from retention.models import DossierSweepState
from rights.models import DutyToInform
from rights.services import duties
from security.services import incidents
from security.services.authorisation_reviews import create_due_reviews
from tests.cases.factories import PERSON as CASE_PERSON
from tests.cases.transfer_fixtures import Agendering
from tests.config.test_query_budget import BUDGET, HIGHER
from tests.conftest import verified_client
from tests.dashboard import PATHS, dashboard_html, placeholders
from tests.factories import VeiligheidshuisFactory, make_user, record_declaration
from tests.retention.due_fixtures import settle
from tests.rights.factories import make_request
from tests.rights.grounds import ground
from tests.security.panels import items, panel
from tests.weegploeg.factories import analyse, framework, signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")
LONG_AGO = datetime(2026, 12, 1, 10, tzinfo=TZ)  # the old dossiers: a year before now
BEFORE = datetime(2027, 11, 7, 10, tzinfo=TZ)  # the rest of the world: three days before now
NOW = datetime(2027, 11, 10, 10, tzinfo=TZ)
TODAY = NOW.date()
# Issue 13: every panel filled; 104 before the rights were read once per request (one more
# since: the unusual reads' queries run with PostgreSQL's JIT off, one SET).
QUERIES = 45
# ADR 0022: with JavaScript the dashboard reads no panel; each panel is a request of its own.
SHELL_QUERIES = 5


def _decided(ag, *, outcome=Outcome.NOT_SUBSTANTIAL, decided_on):
    """A decided assessment, its signal brought by the police (whose duty to inform it is)."""
    wp = ag.wp
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=ag.keeper)
    agenderen = outcome == Outcome.AGENDEREN
    weegploeg_services.decide(
        assessment,
        by=ag.keeper,
        outcome=outcome,
        reasons="Gewogen.",
        decided_on=decided_on,
        advice_to_driehoek="Agenderen in het ICO." if agenderen else "",
        advised_parties=[wp.rvdk] if agenderen else [],
    )
    assessment.refresh_from_db()
    return assessment


def _duty(number):
    return DutyToInform.objects.get(dossier_key=number)


def _case(ag, surname):
    return case_services.open_case(
        casusoverleg=ag.overleg,
        person={**CASE_PERSON, "surname": surname},
        identity_method=IdentityMethod.BRP,
        identity_note="BRP-bevraging door de gemeente",
        by=ag.keeper,
        participants=[ag.wp.politie, ag.wp.om, ag.wp.haarlem, ag.wp.rvdk],
    )


def _world():
    region = VeiligheidshuisFactory(code="kennemerland", name="Veiligheidshuis Kennemerland")
    w = SimpleNamespace()
    with time_machine.travel(LONG_AGO, tick=False):
        ag = Agendering(region)
        wp = ag.wp
        w.ag, w.wp, w.keeper = ag, wp, ag.keeper
        framework()
        # B3: decided a year ago and informed since: falls due for the archive within weeks.
        w.old = _decided(ag, decided_on=LONG_AGO.date())
        duties.record_not_required(
            _duty(w.old.number), reason="De persoon weet het al.", by=wp.agent
        )
        # W5: open and analysed a year ago, never checked.
        w.unchecked = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
        analyse(w.unchecked, by=ag.keeper)
        # C9: a case opened a year ago, never checked; its subject informed since.
        w.unchecked_case = _case(ag, "Oud")
        duties.record_not_required(
            _duty(w.unchecked_case.number), reason="Al geïnformeerd.", by=ag.keeper
        )
    with time_machine.travel(BEFORE, tick=False):
        before = BEFORE.date()
        w.chair = make_user(
            wp.haarlem, Function.VOORZITTER, username="voorzitter", files=[ag.overleg]
        )
        ag.overleg.chairs.set([w.chair])
        w.fg = make_user(wp.haarlem, Function.FG, username="fg")
        w.beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
        record_declaration(wp.extern, by=w.beheerder)
        # Weegploeg: one waiting for its analysis, one analysed on a coming meeting's agenda.
        w.to_analyse = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
        w.to_decide = signal(by=wp.agent, brought_by=wp.politie, region=region).assessment
        analyse(w.to_decide, by=ag.keeper)
        weegploeg_services.hold_meeting(
            by=ag.keeper,
            region=region,
            held_on=TODAY + timedelta(days=2),
            present=[wp.politie, wp.om],
            assessments=[w.to_decide],
        )
        # I1: a duty to inform, open, due within two weeks; I2: one postponed, to look again.
        w.agendered = _decided(
            ag, outcome=Outcome.AGENDEREN, decided_on=before - timedelta(days=20)
        )
        w.postponed = _decided(ag, decided_on=before)
        duties.postpone(
            _duty(w.postponed.number),
            ground=ground("strafbare-feiten"),
            reasons="Lopend strafrechtelijk onderzoek.",
            review_on=TODAY + timedelta(days=5),
            by=wp.agent,
        )
        # C3: the case, with a measure overdue (RvdK), one due this week (politie), one later,
        # and one finished though its deadline passed.
        w.case = ag.agendeer(w.agendered)
        measure = case_services.add_measure
        w.overdue = measure(
            w.case,
            by=ag.keeper,
            description="Gesprek.",
            owner=wp.rvdk,
            deadline=TODAY - timedelta(days=1),
        )
        w.this_week = measure(
            w.case,
            by=ag.keeper,
            description="Huisbezoek.",
            owner=wp.politie,
            deadline=TODAY + timedelta(days=4),
        )
        w.later = measure(
            w.case,
            by=ag.keeper,
            description="Evaluatie.",
            owner=wp.rvdk,
            deadline=TODAY + timedelta(days=30),
        )
        w.finished = measure(
            w.case,
            by=ag.keeper,
            description="Intake.",
            owner=wp.rvdk,
            deadline=TODAY - timedelta(days=2),
        )
        case_services.change_measure_status(w.finished, by=ag.keeper, status=MeasureStatus.DONE)
        # A closed case with an overdue measure, on the agenda of the coming meeting.
        w.closed = _case(ag, "Gesloten")
        w.closed_measure = measure(
            w.closed,
            by=ag.keeper,
            description="Gesprek.",
            owner=wp.rvdk,
            deadline=TODAY - timedelta(days=1),
        )
        # C4: the coming case meeting, chaired by the voorzitter.
        w.meeting = meeting_services.hold_meeting(
            casusoverleg=ag.overleg,
            held_on=TODAY + timedelta(days=1),
            chair=w.chair,
            attendees=[wp.politie, wp.haarlem, wp.rvdk],
            cases=[w.case, w.closed],
            by=ag.keeper,
        )
        case_services.advise_closing(w.closed, by=ag.keeper, advice="Afsluiten.", advised_on=before)
        case_services.decide_closing(
            w.closed, by=ag.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=before
        )
        # R3: a request overdue, one due within the week.
        w.request_overdue = make_request(
            by=ag.keeper, region=region, received_on=before - timedelta(days=60)
        )
        w.request_due = make_request(
            by=ag.keeper, region=region, received_on=TODAY - timedelta(days=27), identified=True
        )
        # O3: a sweep failed on a dossier.
        DossierSweepState.objects.create(
            file_label="weegploeg",
            dossier_key=w.unchecked.number,
            action="vernietigen",
            failed_at=BEFORE,
            failure="Database niet bereikbaar",
            attempts=3,
        )
        # P4: the authorisation reviews of this quarter.
        create_due_reviews(as_of=before)
    with time_machine.travel(NOW - timedelta(hours=10), tick=False):
        # S3: a report of the politie, its 72-hour clock running.
        w.incident = incidents.report_incident(
            by=wp.agent,
            what_happened="Lijst naar verkeerd adres gemaild.",
            discovered_at=NOW - timedelta(hours=12),
            veiligheidshuis=region,
        )
        settle()  # what the commits would have done: the stored due dates (ADR 0021, 0031)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, made once for the module in a transaction rolled back at the end, the clock
    standing still at NOW. Requests must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        w = _world()
        with time_machine.travel(NOW, tick=False):
            yield w
        transaction.set_rollback(True)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=PATHS)
def dashboard(request):
    """The dashboard of a user, every panel rendered at once or loaded panel by panel."""
    return lambda user: dashboard_html(user, request.param)


def shown(html: str) -> dict[str, list[str]]:
    """The panels on the dashboard, in order, each with the dossier (or record) of each item."""
    keys = re.findall(r'<section[^>]*data-testid="panel-([a-z0-9-]+)"', html)
    return {key: [line.split(":")[0] for line in items(html, key)] for key in keys}


def deadlines(html: str, key: str) -> list:
    """The deadline of each item of the panel, in the order shown: a date, or None."""
    found = []
    for li in re.findall(r'<li[^>]*data-testid="due-item"[^>]*>(.*?)</li>', panel(html, key), re.S):
        span = re.search(r'class="vh-due__deadline">(.*?)</span>\s*$', li.strip(), re.S)
        if span is None:
            found.append(None)
            continue
        when = re.search(r'datetime="(\d{4}-\d\d-\d\d)"', span.group(1))
        found.append(date.fromisoformat(when.group(1)) if when else TODAY)
    return found


def oldest_first(dates: list) -> bool:
    keys = [(day is None, day or date.max) for day in dates]
    return keys == sorted(keys)


FUNCTIONS = {
    # function: (the user in the world, the panels shown, in their order)
    "uitvoerder": (
        "keeper",
        [
            "weegploeg-analysis",
            "weegploeg-decision",
            "weegploeg-meetings",
            "weegploeg-checks",
            "measures-due",
            "case-meetings",
            "case-checks-due",
            "duties-due",
            "requests-due",
            "retention-due",
            "incidents",
            "reviews-due",
            "access-log",
        ],
    ),
    "voorzitter": ("chair", ["measures-due", "case-meetings"]),
    "fg": ("fg", ["incidents", "reviews-due", "access-log"]),
    "beheerder": ("beheerder", ["reviews-due"]),
    "politie": (
        "agent",
        ["weegploeg-decision", "weegploeg-meetings", "measures-due", "duties-due"],
    ),
    "rvdk": ("raad", ["measures-due"]),
    "partner": ("partner", []),
}


def user_of(world, function):
    name = FUNCTIONS[function][0]
    return getattr(world, name, None) or getattr(world.wp, name)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_u1_each_function_sees_its_own_panels_and_never_the_closed_case(world, dashboard, function):
    """U1, C3, C4: the panels of the function, no other; the closed case (with an overdue
    measure, on a coming agenda) and the finished measure appear on no dashboard."""
    html = dashboard(user_of(world, function))
    assert list(shown(html)) == FUNCTIONS[function][1]
    assert world.closed.number not in html
    assert f"#measure-{world.closed_measure.pk}" not in html
    assert f"#measure-{world.finished.pk}" not in html
    assert f"#measure-{world.later.pk}" not in html  # due in a month: not yet


@pytest.mark.parametrize("function", FUNCTIONS)
def test_u1_every_panel_lists_the_oldest_deadline_first(world, dashboard, function):
    """U1: in every panel, the items with the oldest deadline first, those without one last; a
    failed retention sweep is an alarm above them all."""
    html = dashboard(user_of(world, function))
    for key in shown(html):
        if key == "incidents":  # its clock is in the detail; one item here
            continue
        dates = deadlines(html, key)
        if key == "retention-due":
            assert items(html, key)[0].startswith(f"{world.unchecked.number}: De bewaarronde")
            dates = dates[1:]
        assert oldest_first(dates), (key, dates)


def test_u1_w5_c3_c4_c9_i1_r3_b3_s2_s3_s5_p4_the_uitvoerder_sees_every_kind_of_due_item(
    world, dashboard
):
    """Every kind of due item, each naming its dossier, in the uitvoerder's panels."""
    w = world
    html = dashboard(w.keeper)
    panels = shown(html)
    assert panels["weegploeg-analysis"] == [w.to_analyse.number]
    assert panels["weegploeg-decision"] == [w.to_decide.number, w.unchecked.number]
    assert panels["weegploeg-meetings"] == [w.to_decide.number]
    # W5: the check covers the whole file, a decided dossier too (the old one, never checked).
    assert panels["weegploeg-checks"] == [w.old.number, w.unchecked.number]
    assert panels["measures-due"] == [w.case.number, w.case.number]  # C3: overdue, this week
    measures = panel(html, "measures-due")
    assert measures.index(f"#measure-{w.overdue.pk}") < measures.index(f"#measure-{w.this_week.pk}")
    assert panels["case-meetings"] == [w.ag.overleg.name]  # C4
    assert f"Agenda: {w.case.number}" in items(html, "case-meetings")[0]
    assert panels["case-checks-due"] == [w.unchecked_case.number]  # C9
    assert panels["duties-due"] == [w.postponed.number, w.agendered.number]  # I2, I1
    assert "uitgesteld" in items(html, "duties-due")[0]
    assert panels["requests-due"] == [w.request_overdue.number, w.request_due.number]  # R3
    assert panels["retention-due"] == [  # O3, B3
        w.unchecked.number,
        w.old.number,
        w.unchecked_case.number,
        w.unchecked.number,
    ]
    assert panels["incidents"] == [w.incident.number]  # S3
    assert "Termijn van 72 uur" in items(html, "incidents")[0]
    region = w.wp.region.name
    assert panels["reviews-due"][-1] == region  # S5: the policy evaluation
    assert w.wp.politie.name in panels["reviews-due"]  # P4
    assert panels["access-log"] == [region]  # S2


def test_u1_the_partners_and_members_see_only_what_their_party_does(world, dashboard):
    """C3, I1, W7: the police sees its own measure and the duties it carries out, what the
    weegploeg is to decide and its coming meeting's agenda; the RvdK its own overdue measure;
    the chair its meeting."""
    w = world
    police = shown(dashboard(w.wp.agent))
    assert police["measures-due"] == [w.case.number]
    assert f"#measure-{w.this_week.pk}" in dashboard(w.wp.agent)
    assert police["duties-due"] == [w.postponed.number, w.agendered.number]
    assert police["weegploeg-decision"] == [w.to_decide.number, w.unchecked.number]
    # W7: the coming weegploeg meeting's dossier the police brought, on a meeting they see.
    assert police["weegploeg-meetings"] == [w.to_decide.number]
    raad = dashboard(w.wp.raad)
    assert shown(raad)["measures-due"] == [w.case.number]
    assert f"#measure-{w.overdue.pk}" in raad
    chair = shown(dashboard(w.chair))
    assert chair == {"measures-due": [], "case-meetings": [w.ag.overleg.name]}
    assert (
        shown(dashboard(w.beheerder))["reviews-due"] == shown(dashboard(w.fg))["reviews-due"][:-1]
    )  # the parties' reviews; the policy evaluation is the overseers'


def test_u1_the_uitvoerders_dashboard_stays_within_a_bound_of_queries(
    world, django_assert_max_num_queries
):
    client = verified_client(world.keeper)
    client.get("/")  # the session and the caches warm
    with django_assert_max_num_queries(QUERIES):
        assert client.get("/").status_code == 200


def test_u1_with_javascript_the_dashboard_reads_no_panel_and_each_panel_stays_in_budget(
    world, django_assert_max_num_queries
):
    """Issue 13, ADR 0022: the page itself reads none of the thirteen panels; each panel, a
    request of its own, stays within the budget. The access log's panel has a budget of its
    own, counted in the budget test."""
    client = verified_client(world.keeper)
    client.cookies[SCRIPTING_COOKIE] = "1"
    client.get("/")
    with django_assert_max_num_queries(SHELL_QUERIES):
        html = client.get("/").content.decode()
    urls = placeholders(html)
    assert len(urls) == len(FUNCTIONS["uitvoerder"][1])
    for url in urls:
        key = url.strip("/").split("/")[-1]
        if f"panel:{key}" in HIGHER:
            continue
        with django_assert_max_num_queries(BUDGET):
            response = client.get(url, headers={"HX-Request": "true"})
        assert f'data-testid="panel-{key}"' in response.content.decode()
