"""Issue 13: every page a user opens stays within a budget of queries (12), and makes the same
number of queries however much data there is.

One world, built once for the module: a Veiligheidshuis with its weegploeg and ICO, a user of
every function (uitvoerder, politie, gemeente, casuspartij, voorzitter, external partner, FG,
beheerder), and one "unit" of data of every kind: an assessment waiting for its decision on a
coming weegploeg meeting, a decided one (with its duty to inform), a case with a measure due, on
a coming case meeting and disclosed to the partner, a request of a subject, an incident and a
user of the politie more. Each function opens its dashboard, every page of its menu and one
detail page of each kind it may see, the API's details of an assessment and a case among them
(those that answer 200); then five more units are added, the main case gets five more
measures, and every page is opened again. Each page is opened
once to warm the caches before it is counted. A page that truly needs more than 12 queries has
its own budget below, with the reason; the constancy holds for every page.

Not counted here: the session saved again once a minute to keep the idle timeout going
(`config.sessions`), one UPDATE on the request that does it."""

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from cases import disclosure_services, meeting_services
from cases import services as case_services
from cases.constants import CasePart, IdentityMethod
from insights import summary
from parties.constants import Function
from parties.views.dashboard import SCRIPTING_COOKIE
from security.services import incidents
from security.services.authorisation_reviews import create_due_reviews
from subjects.categories import DataCategory
from tests.cases.factories import PERSON as CASE_PERSON
from tests.cases.transfer_fixtures import Agendering
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, make_user, record_declaration
from tests.retention.due_fixtures import settle
from tests.rights.factories import make_request
from tests.weegploeg.factories import analyse, framework, signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")
BEFORE = datetime(2027, 11, 7, 10, tzinfo=TZ)
NOW = datetime(2027, 11, 10, 10, tzinfo=TZ)
TODAY = NOW.date()

BUDGET = 12
# Pages that need more than BUDGET, each with its reason; still the same at every size. Keyed by
# (function, page), or by page for every function that opens it. Fixed part of every page: the
# session, the user with their rights (one query: with their file authorisations and their
# party's Veiligheidshuizen, `parties.rights`), the second factor's device; a read of personal
# data adds its access entry.
HIGHER = {
    # ADR 0022: the dashboard of a browser that runs JavaScript ("dashboard") reads no panel;
    # htmx loads each panel as a request of its own ("panel:<key>"). Without JavaScript the
    # dashboard reads them all at once: the uitvoerder's thirteen panels of due work from six
    # apps (ADR 0017's registry: a panel per app, parties importing none), each one query for
    # its rows and their count (a window count) where it lists rows; retention's panel reads the
    # stored plans (ADR 0031); the duties' panel, when none is due, one more to tell an empty
    # panel from none (issue 13: it reads the open duties only).
    ("uitvoerder", "dashboard-without-javascript"): 29,
}

FUNCTIONS = (
    "uitvoerder",
    "politie",
    "gemeente",
    "casuspartij",
    "voorzitter",
    "partner",
    "fg",
    "beheerder",
)


def _person(surname: str) -> dict:
    return {**CASE_PERSON, "surname": surname}


def _unit(w, number: int) -> SimpleNamespace:
    """One of everything that shows on a page, through the services."""
    ag, wp, keeper = w.ag, w.wp, w.keeper
    u = SimpleNamespace()
    # Weegploeg: one analysed, on a coming meeting; one decided (its duty to inform follows).
    u.waiting = signal(
        by=wp.agent, brought_by=wp.politie, region=w.region, person={"surname": f"Wacht{number}"}
    ).assessment
    analyse(u.waiting, by=keeper)
    u.wp_meeting = weegploeg_services.hold_meeting(
        by=keeper,
        region=w.region,
        held_on=TODAY + timedelta(days=2),
        present=[wp.politie, wp.om],
        assessments=[u.waiting],
    )
    u.decided = signal(
        by=wp.agent, brought_by=wp.politie, region=w.region, person={"surname": f"Besl{number}"}
    ).assessment
    analyse(u.decided, by=keeper)
    weegploeg_services.decide(
        u.decided,
        by=keeper,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Gewogen.",
        decided_on=BEFORE.date(),
    )
    # ICO: a case with a measure due this week, on a coming meeting, disclosed to the partner.
    u.case = case_services.open_case(
        casusoverleg=ag.overleg,
        person=_person(f"Casus{number}"),
        identity_method=IdentityMethod.BRP,
        identity_note="BRP-bevraging door de gemeente",
        by=keeper,
        participants=[wp.politie, wp.om, wp.haarlem, wp.rvdk],
    )
    u.measure = case_services.add_measure(
        u.case,
        by=keeper,
        description=f"Gesprek {number}.",
        owner=wp.rvdk,
        deadline=TODAY + timedelta(days=3),
    )
    u.police_measure = case_services.add_measure(
        u.case,
        by=keeper,
        description=f"Huisbezoek {number}.",
        owner=wp.politie,
        deadline=TODAY + timedelta(days=4),
    )
    case_services.add_participant(u.case, wp.extern, by=keeper)
    u.disclosure = disclosure_services.disclose(
        u.case,
        by=keeper,
        partner=wp.extern,
        parts=[CasePart.PERSONAL_DETAILS],
        necessity="Nodig voor het gesprek uit het plan.",
        categories=[DataCategory.NAME_AND_ADDRESS],
        provider=wp.politie,
        provider_permission="Politie, teamchef De Wit",
    )
    u.case_meeting = meeting_services.hold_meeting(
        casusoverleg=ag.overleg,
        held_on=TODAY + timedelta(days=1),
        chair=w.chair,
        attendees=[wp.politie, wp.haarlem, wp.rvdk],
        cases=[u.case],
        by=keeper,
    )
    # Rights and oversight.
    u.request = make_request(
        by=keeper, region=w.region, received_on=TODAY - timedelta(days=27), identified=True
    )
    # A user of the politie more, authorised for the weegploeg and the ICO.
    u.colleague = make_user(wp.politie, username=f"collega-{number}", files=[w.region, ag.overleg])
    u.incident = incidents.report_incident(
        by=wp.agent,
        what_happened="Lijst naar verkeerd adres gemaild.",
        discovered_at=BEFORE,
        veiligheidshuis=w.region,
    )
    return u


def _world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.region = VeiligheidshuisFactory(code="kennemerland", name="Veiligheidshuis Kennemerland")
    w.ag = ag = Agendering(w.region)
    w.wp = wp = ag.wp
    w.keeper = ag.keeper
    framework()
    w.chair = make_user(wp.haarlem, Function.VOORZITTER, username="voorzitter", files=[ag.overleg])
    ag.overleg.chairs.set([w.chair])
    w.fg = make_user(wp.haarlem, Function.FG, username="fg")
    w.beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
    record_declaration(wp.extern, by=w.beheerder)
    w.users = {
        "uitvoerder": w.keeper,
        "politie": wp.agent,
        "gemeente": wp.haarlemmer,
        "casuspartij": wp.raad,
        "voorzitter": w.chair,
        "partner": wp.partner,
        "fg": w.fg,
        "beheerder": w.beheerder,
    }
    w.first = _unit(w, 1)
    create_due_reviews(as_of=BEFORE.date())
    return w


def _grow(w, more: int = 5) -> None:
    for number in range(2, 2 + more):
        _unit(w, number)
    for number in range(more):
        case_services.add_measure(
            w.first.case,
            by=w.keeper,
            description=f"Vervolg {number}.",
            owner=w.wp.politie,
            deadline=TODAY + timedelta(days=5),
        )


def detail_pages(w) -> dict[str, str]:
    """One page of each kind about one record: the first unit's."""
    u = w.first
    pages = {}
    for part in ("detail", "signals", "analysis", "meetings", "history"):
        pages[f"assessment-{part}"] = reverse(
            f"weegploeg:assessment-{part}", args=[u.waiting.number]
        )
    pages["weegploeg-meeting"] = reverse("weegploeg:meeting-detail", args=[u.wp_meeting.pk])
    for part in ("detail", "plan", "meetings", "people", "disclosures", "history"):
        pages[f"case-{part}"] = reverse(f"cases:case-{part}", args=[u.case.number])
    pages["case-meeting"] = reverse("cases:meeting-detail", args=[u.case_meeting.pk])
    pages["disclosure"] = reverse("cases:disclosure-detail", args=[u.disclosure.pk])
    duty = u.decided.number
    from rights.models import DutyToInform

    pages["duty"] = reverse(
        "rights:duty-detail", args=[DutyToInform.objects.get(dossier_key=duty).pk]
    )
    pages["request"] = reverse("rights:request-detail", args=[u.request.number])
    pages["incident"] = reverse("security:incident-detail", args=[u.incident.number])
    from security.models import AuthorisationReview

    review = AuthorisationReview.objects.filter(party=w.wp.politie).first()
    pages["authorisation-review"] = reverse("security:review-detail", args=[review.pk])
    pages["retention-dossier"] = reverse("retention:dossier", args=["ico", u.case.number])
    pages["party"] = reverse("parties:party-detail", args=[w.wp.politie.pk])
    pages["user"] = reverse("parties:user-detail", args=[w.wp.agent.pk])
    # The API's details of a dossier, read as a signed-in browser (or script) reads them: the
    # assessment and the case with everything they hold.
    pages["api-assessment"] = f"/api/v1/wegingen/{u.waiting.number}"
    pages["api-case"] = f"/api/v1/casussen/{u.case.number}"
    return pages


# ADR 0022: the dashboard of a browser that runs JavaScript, which htmx fills panel by panel;
# each panel is a request (and a page) of its own. Without JavaScript the dashboard renders
# every panel at once.
WITHOUT_SCRIPTING = "dashboard-without-javascript"


def browser(user):
    """A signed-in client that, like a browser running JavaScript, sends the scripting cookie."""
    client = verified_client(user)
    client.cookies[SCRIPTING_COOKIE] = "1"
    return client


def menu_pages(client) -> dict[str, str]:
    """The dashboard, each of its panels and every item of the user's menu."""
    response = client.get("/")
    assert response.status_code == 200
    pages = {"dashboard": "/", WITHOUT_SCRIPTING: "/"}
    for entry in response.context["pending"]:
        pages[f"panel:{entry['panel'].key}"] = entry["url"]
    menu = response.context["menu"]
    for links in menu.groups.values():
        for entry in links:
            pages[entry["link"].url_name] = entry["url"]
    return pages


def count(client, url, *, scripting=True) -> tuple[int, int]:
    if scripting:
        client.cookies[SCRIPTING_COOKIE] = "1"
    else:
        del client.cookies[SCRIPTING_COOKIE]
    headers = {"HX-Request": "true"} if url.startswith("/overzicht/") else {}
    client.get(url, headers=headers)  # the caches warm
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url, headers=headers).status_code
    client.cookies[SCRIPTING_COOKIE] = "1"
    return status, len(queries.captured_queries)


def walk(w, pages_of) -> dict[str, dict[str, tuple[int, int]]]:
    found = {}
    for function, user in w.users.items():
        client = browser(user)
        found[function] = {
            name: count(client, url, scripting=name != WITHOUT_SCRIPTING)
            for name, url in pages_of[function].items()
        }
    return found


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Every page of every function at one unit of data and at six, (status, queries) each.
    Built once for the module in a transaction rolled back at the end; the clock stands still.
    Requests must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
            transaction.atomic(),
        ):
            with time_machine.travel(BEFORE, tick=False):
                w = _world()
                settle()  # what the commits would have done: the stored due dates (ADR 0021)
                summary.recompute()  # the hourly job: management information's figures (0028)
            with time_machine.travel(NOW, tick=False):
                details = detail_pages(w)
                pages_of = {}
                for function, user in w.users.items():
                    client = browser(user)
                    pages = menu_pages(client)
                    # The detail pages the function may open at all.
                    for name, url in details.items():
                        if client.get(url).status_code == 200:
                            pages[name] = url
                    pages_of[function] = pages
                small = walk(w, pages_of)
            with time_machine.travel(BEFORE, tick=False):
                _grow(w)
                settle()
                summary.recompute()
            with time_machine.travel(NOW, tick=False):
                large = walk(w, pages_of)
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    result = {"small": small, "large": large, "pages": pages_of}
    if os.environ.get("QUERY_BUDGET_REPORT"):  # the counts of every page, for the record
        Path(os.environ["QUERY_BUDGET_REPORT"]).write_text(json.dumps(result, indent=1))
    return result


def budget_of(function: str, page: str) -> int:
    return HIGHER.get((function, page), HIGHER.get(page, BUDGET))


@pytest.mark.parametrize("function", FUNCTIONS)
def test_issue13_every_page_within_budget_and_the_same_at_every_size(measured, function):
    small, large = measured["small"][function], measured["large"][function]
    problems = []
    for page, (status, queries) in small.items():
        grown_status, grown = large[page]
        if status != 200 or grown_status != 200:
            problems.append(f"{page}: answered {status}, then {grown_status}")
        if queries > budget_of(function, page):
            problems.append(f"{page}: {queries} queries, budget {budget_of(function, page)}")
        if grown != queries:
            problems.append(f"{page}: {queries} queries with one unit, {grown} with six")
    assert not problems, "\n".join(problems)


def test_issue13_each_function_opens_its_dashboard_menu_and_details(measured):
    """The walk covers what each function works with: the menu and the detail pages of its
    own dossiers and records (those it may not see answer 404 and are left out)."""
    pages = measured["pages"]
    assert {"dashboard", "weegploeg:assessment-list", "cases:case-list"} <= set(pages["uitvoerder"])
    assert {"assessment-detail", "case-plan", "retention-dossier", "incident"} <= set(
        pages["uitvoerder"]
    )
    assert {"assessment-detail", "case-detail", "duty"} <= set(pages["politie"])
    assert {"api-assessment", "api-case"} <= set(pages["uitvoerder"]) & set(pages["politie"])
    assert {"case-detail", "case-plan", "api-case"} <= set(pages["casuspartij"])
    assert "api-assessment" not in pages["casuspartij"]
    assert "assessment-detail" not in pages["casuspartij"]
    assert {"case-meeting", "cases:meeting-list"} <= set(pages["voorzitter"])
    assert {"disclosure", "cases:disclosure-list"} <= set(pages["partner"])
    assert not {"case-detail", "api-case"} & set(pages["partner"])
    assert {"incident", "authorisation-review", "security:access-log"} <= set(pages["fg"])
    assert {"party", "user", "parties:user-list"} <= set(pages["beheerder"])
