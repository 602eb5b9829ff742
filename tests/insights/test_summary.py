"""U6, issue 13, ADR 0028: management information reads a summary worked out by a job. For every
filter the page offers (period, Veiligheidshuis, casusoverleg; the FG, the uitvoerder, another
region's uitvoerder) the summary gives the figures counted live from the tables, requests of
data subjects (R3), data breaches (S3) and archived and destroyed dossiers (B7) among them; the
page says when they were worked out, and what it shows before the first run."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from insights import figures, live, summary
from insights.forms import FiguresFilterForm
from insights.models import FigureSummary, SummaryRun
from insights.selectors import selection_for
from retention.constants import Rule
from retention.services.destruction import destroy_dossier
from security.services import incidents
from subjects import registry
from tests.conftest import verified_client
from tests.insights.fixtures import at
from tests.rights.factories import make_request

pytestmark = pytest.mark.django_db

FIGURES = reverse("insights:figures")
CSV = reverse("insights:figures-csv")
TZ = ZoneInfo("Europe/Amsterdam")


def _more(world):
    """A request and two data breaches (one discovered on the last day of a month), a
    dossier archived and one destroyed: every source of the page has something."""
    with at("2026-11-12"):
        make_request(by=world.keeper, region=world.ag.region, received_on=date(2026, 11, 12))
    with at("2026-12-01"):
        for discovered in (
            datetime(2026, 11, 3, 9, tzinfo=TZ),
            datetime(2026, 11, 30, 23, tzinfo=TZ),
        ):
            incidents.report_incident(
                by=world.ag.wp.agent,
                what_happened="Lijst naar verkeerd adres gemaild.",
                discovered_at=discovered,
                veiligheidshuis=world.ag.region,
            )
        registry.get("weegploeg").archive(world.refs[5], by=world.keeper)
        destroy_dossier(world.refs[4], rule=Rule.DESTROY_TERM, due_on=date(2026, 12, 1))


BREACHES_DISCOVERED = (datetime(2026, 11, 3, 9, tzinfo=TZ), datetime(2026, 11, 30, 23, tzinfo=TZ))
FILTERS = (
    {},  # the default: the last twelve months, every region of the user
    {"first": "2026-10", "last": "2026-12"},
    {"first": "2026-11", "last": "2026-11"},
    {"first": "2026-12", "last": "2027-03"},
    {"first": "2025-01", "last": "2026-10"},
)


def test_u6_r3_s3_b7_the_summary_gives_the_figures_counted_live_for_every_filter(world):
    _more(world)
    with at("2026-12-15"):
        summary.recompute()
        region, overleg = world.ag.region.pk, world.ag.overleg.pk
        checked = 0
        for user in (world.keeper, world.fg, world.stranger):
            for period in FILTERS:
                for narrowed in ({}, {"region": region}, {"casusoverleg": overleg}):
                    form = FiguresFilterForm(user, {**period, **narrowed} or None)
                    chosen = selection_for(user, form if form.is_bound else None)
                    stored, counted = summary.counts(chosen), live.counts(chosen)
                    assert +stored == +counted, (user.username, period, narrowed)
                    assert figures.tables(chosen, stored) == figures.tables(chosen, counted)
                    checked += sum(counted.values())
        # Not a comparison of nothing: every source counted in Kennemerland's November.
        november = selection_for(
            world.keeper,
            FiguresFilterForm(world.keeper, {"first": "2026-11", "last": "2026-12"}),
        )
        found = summary.counts(november)
        assert found[(live.REQUESTS, live.REQUESTS_OVERDUE, date(2026, 11, 1))] == 1
        assert found[(live.BREACHES, "pending", date(2026, 11, 1))] == 2
        assert found[("archived", "on_time", date(2026, 12, 1))] == 1
        assert found[("destroyed", "on_time", date(2026, 12, 1))] == 1
        assert found[("signals", "", date(2026, 11, 1))] == 6  # the destroyed one's kept
        assert checked > 0


def test_u6_a_rerun_writes_the_same_rows(world):
    """Idempotent: the job run twice leaves the same summary (ADR 0028)."""
    first = summary.recompute()
    rows = sorted(FigureSummary.objects.values_list("data_file", "month", "figure", "count"))
    again = summary.recompute()
    assert again.pk == first.pk == 1 and SummaryRun.objects.count() == 1
    assert rows and again.rows == len(rows)
    assert sorted(FigureSummary.objects.values_list("data_file", "month", "figure", "count")) == (
        rows
    )


def test_u6_the_figures_are_those_of_the_last_run_until_the_next(world):
    """What happens after a run shows after the next run, and the page says when it was."""
    client = verified_client(world.keeper)
    period = {"first": "2026-11", "last": "2026-11"}
    archived = ("archived", "on_time", date(2026, 12, 1))
    with at("2026-12-01"):
        before = client.get(FIGURES, period).content.decode()
        registry.get("weegploeg").archive(world.refs[5], by=world.keeper)
        assert summary.counts(selection_for(world.keeper))[archived] == 0
    assert "Bijgewerkt op 01-12-2026 10:00" in before
    assert re.findall(r'data-testid="count">([^<]*)<', before)
    with time_at("2026-12-01 11:55"):
        summary.recompute()
        assert summary.counts(selection_for(world.keeper))[archived] == 1
        after = client.get(FIGURES, period).content.decode()
    assert "Bijgewerkt op 01-12-2026 11:55" in after


def time_at(moment: str):
    import time_machine

    return time_machine.travel(f"{moment} +01:00", tick=False)


def test_u6_before_the_first_run_the_page_says_so_and_offers_a_run(world):
    FigureSummary.objects.all().delete()
    SummaryRun.objects.all().delete()
    client = verified_client(world.fg)
    with at("2026-12-01"):
        response = client.get(FIGURES, {"first": "2026-11", "last": "2026-11"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "De cijfers zijn nog niet berekend." in html
        assert 'data-testid="count"' not in html and "chart-data" not in html
        assert reverse("insights:recompute") in html
        assert client.get(CSV, {"table": "all"}).status_code == 404


def test_u6_the_overseers_may_ask_for_a_run_after_a_confirmation(world):
    for user in (world.keeper, world.fg):
        client = verified_client(user)
        confirm = client.get(reverse("insights:recompute"))
        assert confirm.status_code == 200
        assert "Bijgewerkt" not in confirm.content.decode()  # nothing happened on a GET
        html = confirm.content.decode()
        assert "De cijfers zijn het laatst berekend op 01-12-2026 10:00." in html
        assert 'method="post"' in html


def test_u6_others_get_404_when_they_ask_for_a_run(world):
    """Who may ask is who may see the page (`insights.permissions.may_see_insights`)."""
    from parties.constants import Function
    from tests.factories import make_user

    party = world.ag.wp.politie
    for user in (
        world.ag.wp.agent,
        make_user(party, Function.BEHEERDER, username="beheerder-run"),
        make_user(party, Function.CASEMANAGER, username="casemanager-run"),
    ):
        client = verified_client(user)
        assert client.get(reverse("insights:recompute")).status_code == 404
        assert client.post(reverse("insights:recompute")).status_code == 404
