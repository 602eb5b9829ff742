# ruff: noqa: F811 - the fixtures of page_fixtures are imported by name
"""U1, U2, B3, B8 on the retention overview (/bewaren/): the list of dossiers falling due is the
page's main list: a stated default order (the earliest due date first), every sortable column
both ways, an unknown sort falls back, a result count, filters (action, file) that stay set
until cleared; the other lists keep their own pages; each sweep that destroyed links its
destruction report."""

from dataclasses import replace
from datetime import timedelta

import pytest

from retention.models import SweepRun
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.retention.page_fixtures import TODAY, plan, rw, rw_built, rw_copy  # noqa: F401

pytestmark = pytest.mark.django_db

OVERVIEW = "/bewaren/"


def due_world(rw, monkeypatch):
    """Three dossiers of the keeper's file and one of another Veiligheidshuis, falling due."""
    first = rw.planned(DossierRef("weegploeg", "W-2026-0003"), due_on=TODAY - timedelta(2))
    second = rw.planned(DossierRef("weegploeg", "W-2026-0001"), due_on=TODAY + timedelta(5))
    third = replace(
        rw.planned(DossierRef("weegploeg", "W-2026-0002"), due_on=TODAY + timedelta(9)),
        action="vernietigen",
    )
    elsewhere = rw.planned(rw.elders_ref, due_on=TODAY)
    plan(monkeypatch, [third, elsewhere, second, first])
    return [first.ref.key, second.ref.key, third.ref.key]


def listed(response) -> list[str]:
    return [item.ref.key for item in response.context["due"]]


def test_u2_b3_the_due_list_states_its_default_order_and_counts(rw, monkeypatch):
    order = due_world(rw, monkeypatch)
    response = verified_client(rw.keeper).get(OVERVIEW)
    assert listed(response) == order
    assert "3 resultaten" in response.text
    assert "de vroegste vervaldatum eerst" in response.text
    assert 'aria-sort="ascending"' in response.text  # the due column sorts now
    assert rw.elders_ref.key not in response.text


def test_u2_b3_each_column_sorts_both_ways_and_an_unknown_sort_falls_back(rw, monkeypatch):
    order = due_world(rw, monkeypatch)
    client = verified_client(rw.keeper)
    assert listed(client.get(OVERVIEW, {"sort": "-due"})) == order[::-1]
    assert listed(client.get(OVERVIEW, {"sort": "dossier"})) == sorted(order)
    assert listed(client.get(OVERVIEW, {"sort": "-dossier"})) == sorted(order, reverse=True)
    by_action = listed(client.get(OVERVIEW, {"sort": "action"}))
    assert by_action == [order[0], order[1], order[2]]  # archiveren before vernietigen
    assert listed(client.get(OVERVIEW, {"sort": "-action"}))[0] == order[2]
    fallback = client.get(OVERVIEW, {"sort": "subject"})  # no sort by anything personal
    assert fallback.status_code == 200 and listed(fallback) == order
    assert "de vroegste vervaldatum eerst" in fallback.text


def test_u2_b3_the_filters_stay_set_until_cleared(rw, monkeypatch):
    order = due_world(rw, monkeypatch)
    client = verified_client(rw.keeper)
    destroyed = client.get(OVERVIEW, {"action": "vernietigen"})
    assert listed(destroyed) == [order[2]] and "1 resultaat" in destroyed.text
    assert "Filters wissen" in destroyed.text
    kept = client.get(OVERVIEW)
    assert kept.status_code == 302 and kept.url == f"{OVERVIEW}?action=vernietigen"
    assert listed(client.get(kept.url)) == [order[2]]
    # a section's page is not a filter: it is not remembered and clears nothing
    assert "Filters wissen" not in client.get(OVERVIEW, {"holds": "2"}).text
    client.get(OVERVIEW, {"filters": "reset"})
    assert listed(client.get(OVERVIEW)) == order


def test_u2_b3_a_file_the_user_does_not_keep_is_no_filter(rw, monkeypatch):
    order = due_world(rw, monkeypatch)
    client = verified_client(rw.keeper)
    assert listed(client.get(OVERVIEW, {"file": rw.elders_file.pk})) == order
    assert listed(client.get(OVERVIEW, {"file": rw.weegploeg_file.pk})) == order
    assert listed(client.get(OVERVIEW, {"action": "anders"})) == order


def test_u2_b3_sorting_goes_back_to_the_first_page_and_pages_keep_the_sort(rw, monkeypatch):
    plan(
        monkeypatch,
        [rw.planned(DossierRef("weegploeg", f"W-2026-{i:04d}"), due_on=TODAY) for i in range(12)],
    )
    client = verified_client(rw.keeper)
    second = client.get(OVERVIEW, {"sort": "-dossier", "page": 2})
    assert listed(second) == ["W-2026-0001", "W-2026-0000"]
    first = client.get(OVERVIEW, {"sort": "-dossier"}).text
    assert "?sort=-dossier&amp;page=2" in first
    assert 'href="?page=2&amp;sort=dossier"' not in second.text
    assert 'href="?sort=dossier"' in second.text  # the header drops the page


def test_b8_a_sweep_that_destroyed_links_its_destruction_report(rw):
    run = SweepRun.objects.create(as_of=TODAY, trigger="beat", destroyed=2)
    quiet = SweepRun.objects.create(as_of=TODAY, trigger="beat", archived=1)
    content = verified_client(rw.keeper).get(OVERVIEW).text
    assert f'href="/bewaren/vernietigingen/{run.pk}/rapport.pdf"' in content
    assert f'href="/bewaren/vernietigingen/{run.pk}/rapport.csv"' in content
    assert f"/bewaren/vernietigingen/{quiet.pk}/" not in content
    assert "de nieuwste eerst" in content or "nieuwste eerst" in content
