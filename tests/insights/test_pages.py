"""U6 and AVG 30: who sees management information and the register (both sides, page and
CSV), and that no page, chart data or CSV holds a name, a BSN, a dossier number or a count
below 5."""

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from parties.constants import Function
from tests.conftest import verified_client
from tests.factories import data_file, make_user
from tests.insights.fixtures import at

pytestmark = pytest.mark.django_db

SMALL = {"1", "2", "3", "4"}
FIGURES = reverse("insights:figures")
CSV = reverse("insights:figures-csv")
REGISTER = reverse("insights:register")
PERIOD = {"first": "2026-10", "last": "2026-12"}


def assert_nothing_personal(world, text: str):
    for secret in world.secrets():
        assert secret not in text, secret


def chart_data(html: str) -> list[dict]:
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_u6_the_page_for_the_uitvoerder_and_the_fg_holds_no_personal_data_nor_small_counts(world):
    for user in (world.keeper, world.fg):
        with at("2026-12-01"):
            response = verified_client(user).get(FIGURES, PERIOD)
        assert response.status_code == 200
        html = response.content.decode()
        assert_nothing_personal(world, html)
        cells = re.findall(r'data-testid="count">([^<]*)<', html)
        assert cells and not SMALL & set(cells)
        assert "6" in cells and "5" in cells and "&lt;5" in cells  # signals, agenderen, rest
        charts = chart_data(html)
        assert {chart["key"] for chart in charts} >= {"signals", "decisions", "retention"}
        for chart in charts:
            assert not {1, 2, 3, 4} & set(chart["values"])
            assert not SMALL & set(chart["texts"])
        assert 'aria-label="' in html and "<canvas" in html
        assert "vendor/chart.umd.min.js" in html and "insights/charts.js" in html


def test_u6_every_csv_holds_no_personal_data_nor_small_counts(world):
    client = verified_client(world.keeper)
    for table in ("all", "signals", "decisions", "days", "cases", "measures", "retention"):
        with at("2026-12-01"):
            response = client.get(CSV, {**PERIOD, "table": table})
        assert response.status_code == 200, table
        text = response.content.decode()
        assert_nothing_personal(world, text)
        rows = list(csv.reader(io.StringIO(text)))[1:]
        assert rows and not SMALL & {row[2] for row in rows}, table
    with at("2026-12-01"):
        assert client.get(CSV, {**PERIOD, "table": "nothing"}).status_code == 404


def test_u6_others_get_404_for_the_page_and_the_csv(world):
    """A deelnemer, a beheerder and a casemanager see no management information."""
    party = world.ag.wp.politie
    for user in (
        world.ag.wp.agent,
        make_user(party, Function.BEHEERDER, username="beheerder-mi"),
        make_user(party, Function.CASEMANAGER, username="casemanager-mi"),
    ):
        client = verified_client(user)
        assert client.get(FIGURES).status_code == 404
        assert client.get(CSV, {"table": "all"}).status_code == 404


def test_u6_a_user_sees_only_the_regions_of_their_own_veiligheidshuis(world):
    with at("2026-12-01"):
        response = verified_client(world.stranger).get(FIGURES, PERIOD)
    html = response.content.decode()
    assert world.ag.region.name not in html and world.ag.overleg.name not in html
    cells = re.findall(r'data-testid="count">([^<]*)<', html)
    assert "6" not in cells  # Kennemerland's signals are not theirs
    refused = verified_client(world.stranger).get(FIGURES, {**PERIOD, "region": world.ag.region.pk})
    assert refused.status_code == 200
    assert "errorlist" in refused.content.decode() or "invalid" in refused.content.decode()
    assert 'value="2026-10"' in refused.content.decode()  # the input is kept


def test_avg30_the_register_shows_each_file_purpose_terms_and_recipients(world):
    client = verified_client(world.fg)
    weegploeg, ico = data_file(world.ag.region), data_file(world.ag.overleg)
    response = client.get(REGISTER)
    assert response.status_code == 200
    html = response.content.decode()
    assert weegploeg.name in html and ico.name in html
    assert data_file(world.elders.region).name not in html  # not the FG's region
    page = client.get(reverse("insights:processing-activity", args=[ico.pk]))
    text = page.content.decode()
    assert "CTER" in text or "covenant" in text.lower()  # the purpose
    assert "12" in text and "60" in text  # the terms in months
    assert world.ag.wp.politie.name in text  # a recipient with a group for the file
    assert world.ag.wp.om.name in text  # a kernpartij: a controller
    assert_nothing_personal(world, html + text)
    for name in ("insights:register-csv", "insights:register-pdf"):
        download = client.get(reverse(name))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
    exported = client.get(reverse("insights:register-csv")).content.decode()
    assert ico.name in exported and weegploeg.name in exported
    assert_nothing_personal(world, exported)


def test_avg30_the_register_for_the_beheerder_and_not_for_others(world):
    beheerder = make_user(world.ag.wp.haarlem, Function.BEHEERDER, username="beheerder-reg")
    elders_file = data_file(world.elders.region)
    assert verified_client(beheerder).get(REGISTER).status_code == 200
    assert (
        verified_client(beheerder)
        .get(reverse("insights:processing-activity", args=[elders_file.pk]))
        .status_code
        == 200
    )
    for user in (world.ag.wp.agent, world.ag.wp.raad):
        client = verified_client(user)
        assert client.get(REGISTER).status_code == 404
        assert client.get(reverse("insights:register-csv")).status_code == 404
    # The uitvoerder of another region does not see this region's entries.
    stranger = verified_client(world.stranger)
    assert (
        stranger.get(
            reverse("insights:processing-activity", args=[data_file(world.ag.overleg).pk])
        ).status_code
        == 404
    )


def test_u6_the_menu_links_follow_the_permissions(world):
    keeper = verified_client(world.keeper).get(reverse("dashboard")).content.decode()
    assert FIGURES in keeper and REGISTER in keeper
    agent = verified_client(world.ag.wp.agent).get(reverse("dashboard")).content.decode()
    assert FIGURES not in agent and REGISTER not in agent
