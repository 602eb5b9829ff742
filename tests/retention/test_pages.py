# ruff: noqa: F811 - the fixtures of page_fixtures are imported by name
"""B3, B5, B6, C11, O3 on the keeper's pages: the overview (due, failed, held, sweeps, terms),
a hold recorded and ended, a reactivation, the terms edited; both sides of every permission:
the keeper may, a deelnemer and a beheerder get 403, the uitvoerder of another Veiligheidshuis
404 on what they do not keep. No names on the pages, numbers only in the URLs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from retention.models import DossierSweepState, Hold, Reactivation, RetentionTerms, SweepRun
from retention.services.holds import record_hold
from subjects import registry
from tests.conftest import verified_client
from tests.retention.page_fixtures import TODAY, plan, rw, rw_built, rw_copy  # noqa: F401
from tests.security.panels import is_empty, items, overdue, panel
from tests.weegploeg.factories import PERSON

pytestmark = pytest.mark.django_db

OVERVIEW = "/bewaren/"
LATER = TODAY + timedelta(days=60)


def dossier(ref, step=""):
    return f"/bewaren/dossiers/{ref.file_label}/{ref.key}/{step}"


def a_hold(rw, ref=None):
    return record_hold(
        ref or rw.weegploeg_ref,
        reasons="Lopend onderzoek.",
        controller_decision="Besluit kernpartijen.",
        until=LATER,
        by=rw.keeper,
    )


def test_b3_o3_the_overview_is_for_keepers_only(rw):
    content = verified_client(rw.keeper).get(OVERVIEW).content.decode()
    assert '<h1 class="utrecht-heading-1">Bewaren</h1>' in content
    assert f'data-testid="terms-{rw.weegploeg_file.pk}"' in content
    assert f'data-testid="terms-{rw.ico_file.pk}"' in content
    assert f'data-testid="terms-{rw.elders_file.pk}"' not in content
    assert "Van uw bestanden is de komende vier weken niets aan de beurt." in content
    for user in (rw.agent, rw.beheerder):
        assert verified_client(user).get(OVERVIEW).status_code == 403
    assert verified_client(rw.stranger).get(OVERVIEW).status_code == 200


def test_b3_the_overview_shows_what_falls_due_of_the_kept_files_only(rw, clock):
    """B3: four weeks before a year after the last processing, the archiving shows."""
    record_hold(
        rw.elders_ref,
        reasons="Onderzoek loopt.",
        controller_decision="Verantwoordelijke: langer bewaren.",
        until=TODAY + timedelta(days=500),
        by=rw.stranger,
    )
    clock.move_to("2027-11-10 10:00 +01:00")
    content = verified_client(rw.keeper).get(OVERVIEW).content.decode()
    assert f'data-testid="due-{rw.weegploeg_ref.key}"' in content
    assert f'data-testid="due-{rw.elders_ref.key}"' not in content
    assert "Archieftermijn verstreken" in content
    assert PERSON["surname"] not in content
    other = verified_client(rw.stranger).get(OVERVIEW).content.decode()
    assert f'data-testid="due-{rw.elders_ref.key}"' in other and "(bewaard)" in other


def test_u1_b3_the_dashboard_lists_each_dossier_falling_due_for_its_keeper_only(rw, clock):
    """U1, B3: the keeper's panel names each dossier that falls due in four weeks, what will
    happen and when, with a link to its retention page; a held dossier is not due; a keeper of
    other files sees only theirs; a partner gets no panel; nothing due: one line."""
    assert is_empty(verified_client(rw.keeper).get("/").content.decode(), "retention-due")
    record_hold(
        rw.elders_ref,
        reasons="Onderzoek loopt.",
        controller_decision="Verantwoordelijke: langer bewaren.",
        until=TODAY + timedelta(days=500),
        by=rw.stranger,
    )
    clock.move_to("2027-11-10 10:00 +01:00")
    dashboard = verified_client(rw.keeper).get("/").content.decode()
    shown = items(dashboard, "retention-due")
    mine = [line for line in shown if line.startswith(f"{rw.weegploeg_ref.key}:")]
    assert mine and "archief" in mine[0]
    assert f'href="/bewaren/dossiers/weegploeg/{rw.weegploeg_ref.key}/"' in dashboard
    assert rw.elders_ref.key not in dashboard
    assert PERSON["surname"] not in dashboard
    other = verified_client(rw.stranger).get("/").content.decode()
    assert rw.weegploeg_ref.key not in (panel(other, "retention-due") or "")
    assert rw.elders_ref.key not in (panel(other, "retention-due") or "")  # held: not due
    assert panel(verified_client(rw.agent).get("/").content.decode(), "retention-due") is None


def test_b3_the_due_list_is_paginated(rw, monkeypatch):
    plan(
        monkeypatch, [rw.planned(rw.weegploeg_ref, due_on=TODAY + timedelta(i)) for i in range(12)]
    )
    client = verified_client(rw.keeper)
    first = client.get(OVERVIEW).content.decode()
    assert "Pagina 1 van 2" in first and "?page=2" in first
    assert "Pagina 2 van 2" in client.get(OVERVIEW + "?page=2").content.decode()


def test_o3_a_failed_dossier_is_an_alarm_on_the_overview_and_the_dashboard(rw):
    DossierSweepState.objects.create(
        file_label="weegploeg",
        dossier_key=rw.weegploeg_ref.key,
        action="vernietigen",
        failed_at=timezone.now(),
        failure="Database niet bereikbaar",
        attempts=3,
    )
    content = verified_client(rw.keeper).get(OVERVIEW).content.decode()
    assert f'data-testid="failed-{rw.weegploeg_ref.key}"' in content
    assert "Database niet bereikbaar" in content and 'role="alert"' in content
    assert (
        'data-testid="failed-W' not in verified_client(rw.stranger).get(OVERVIEW).content.decode()
    )
    dashboard = verified_client(rw.keeper).get("/").content.decode()
    (alarm,) = overdue(dashboard, "retention-due")
    assert alarm.startswith(f"{rw.weegploeg_ref.key}: De bewaarronde is mislukt")
    assert f'href="/bewaren/dossiers/weegploeg/{rw.weegploeg_ref.key}/"' in dashboard
    assert 'href="/bewaren/"' in dashboard
    # the panel and the menu link are for keepers only
    assert 'href="/bewaren/"' not in verified_client(rw.agent).get("/").content.decode()


def test_o3_recent_sweeps_are_listed(rw):
    run = SweepRun.objects.create(as_of=TODAY, trigger="beat", destroyed=2, failed=1)
    content = verified_client(rw.keeper).get(OVERVIEW).content.decode()
    assert f'data-testid="run-{run.pk}"' in content


def test_b6_the_keeper_records_a_hold_on_the_page(rw):
    client = verified_client(rw.keeper)
    page = dossier(rw.weegploeg_ref)
    assert client.get(page).status_code == 200
    assert client.get(page + "bewaarbesluit/").status_code == 200
    response = client.post(
        page + "bewaarbesluit/",
        {"reasons": "Lopend onderzoek.", "controller_decision": "Besluit.", "until": LATER},
    )
    assert response.status_code == 302 and response["Location"] == page
    hold = Hold.objects.get()
    assert hold.dossier_key == rw.weegploeg_ref.key
    assert 'data-testid="held"' in client.get(page).content.decode()
    overview = client.get(OVERVIEW).content.decode()
    assert f'data-testid="hold-{hold.pk}"' in overview


def test_b6_a_hold_form_keeps_what_was_typed_and_names_what_is_wrong(rw):
    client = verified_client(rw.keeper)
    response = client.post(
        dossier(rw.weegploeg_ref, "bewaarbesluit/"),
        {"reasons": "Getypte reden.", "controller_decision": "Besluit.", "until": TODAY},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Getypte reden." in content
    assert "De einddatum van een bewaarbesluit ligt in de toekomst." in content
    assert not Hold.objects.exists()


def test_b6_who_does_not_keep_the_dossier_cannot_hold_it(rw):
    data = {"reasons": "r", "controller_decision": "d", "until": LATER}
    for step in ("", "bewaarbesluit/"):
        assert verified_client(rw.stranger).get(dossier(rw.weegploeg_ref, step)).status_code == 404
        assert verified_client(rw.agent).get(dossier(rw.weegploeg_ref, step)).status_code == 403
    assert (
        verified_client(rw.stranger)
        .post(dossier(rw.weegploeg_ref, "bewaarbesluit/"), data)
        .status_code
        == 404
    )
    assert (
        verified_client(rw.beheerder)
        .post(dossier(rw.weegploeg_ref, "bewaarbesluit/"), data)
        .status_code
        == 403
    )
    assert not Hold.objects.exists()
    assert verified_client(rw.keeper).get(dossier(rw.elders_ref)).status_code == 404


def test_b6_ending_a_hold_asks_for_confirmation(rw):
    hold = a_hold(rw)
    client = verified_client(rw.keeper)
    url = f"/bewaren/bewaarbesluiten/{hold.pk}/beeindigen/"
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 200
    hold.refresh_from_db()
    assert hold.ended_at is None
    for user, status in ((rw.stranger, 404), (rw.agent, 403)):
        assert verified_client(user).post(url, {"confirm": "on"}).status_code == status
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.ended_by == rw.keeper
    assert f'data-testid="hold-{hold.pk}"' not in client.get(OVERVIEW).content.decode()


def test_b5_the_keeper_reactivates_an_archived_dossier_on_the_page(rw):
    ref = rw.archive()
    client = verified_client(rw.keeper)
    assert "heractiveren/" in client.get(dossier(ref)).content.decode()
    for user, status in ((rw.stranger, 404), (rw.agent, 403)):
        response = verified_client(user).post(
            dossier(ref, "heractiveren/"), {"instructed_by": "X", "reason": "Y"}
        )
        assert response.status_code == status
    response = client.post(
        dossier(ref, "heractiveren/"),
        {"instructed_by": "Mr. De Boer, voorzitter", "reason": "Nieuw signaal."},
    )
    assert response.status_code == 302
    row = Reactivation.objects.get()
    assert row.instructed_by == "Mr. De Boer, voorzitter"
    assert not registry.get(ref.file_label).state(ref).archived
    overview = client.get(OVERVIEW).content.decode()
    assert f'data-testid="reactivation-{row.pk}"' in overview


def test_b5_a_dossier_not_in_the_archive_is_not_reactivated(rw):
    response = verified_client(rw.keeper).post(
        dossier(rw.ico_ref, "heractiveren/"), {"instructed_by": "X", "reason": "Getypt."}
    )
    assert response.status_code == 200
    assert "Dit dossier staat niet in het archief." in response.content.decode()
    assert "Getypt." in response.content.decode()
    assert not Reactivation.objects.exists()


def test_c11_b4_the_keeper_edits_the_terms_and_sees_what_is_wrong(rw):
    url = f"/bewaren/bestanden/{rw.ico_file.pk}/termijnen/"
    client = verified_client(rw.keeper)
    assert 'value="12"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "archive_after_months": "24",
            "archive_from": "laatst-geagendeerd",
            "destroy_after_months": "18",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "de vernietigingstermijn moet langer zijn dan de archieftermijn" in content
    assert 'value="18"' in content and 'value="24"' in content
    assert not RetentionTerms.objects.exists()
    response = client.post(
        url,
        {
            "archive_after_months": "24",
            "archive_from": "laatst-geagendeerd",
            "destroy_after_months": "72",
        },
    )
    assert response.status_code == 302
    terms = RetentionTerms.objects.get(data_file=rw.ico_file)
    assert (terms.archive_after_months, terms.destroy_after_months) == (24, 72)
    assert terms.updated_by == rw.keeper


def test_c11_only_the_keeper_edits_the_terms(rw):
    url = f"/bewaren/bestanden/{rw.ico_file.pk}/termijnen/"
    data = {
        "archive_after_months": "1",
        "archive_from": "laatste-verwerking",
        "destroy_after_months": "2",
    }
    for user, status in ((rw.beheerder, 403), (rw.agent, 403), (rw.stranger, 404)):
        assert verified_client(user).get(url).status_code == status
        assert verified_client(user).post(url, data).status_code == status
    assert verified_client(rw.keeper).get("/bewaren/bestanden/999999/termijnen/").status_code == 404
    assert not RetentionTerms.objects.exists()


def test_a_dossier_is_found_by_its_number_and_a_name_stays_out_of_the_url(rw):
    client = verified_client(rw.keeper)
    response = client.get(
        "/bewaren/dossier/", {"file_label": "weegploeg", "number": rw.weegploeg_ref.key}
    )
    assert response.status_code == 302 and response["Location"] == dossier(rw.weegploeg_ref)
    response = client.get("/bewaren/dossier/", {"file_label": "weegploeg", "number": "Jansen"})
    assert (
        response.status_code == 200 and "utrecht-form-field--invalid" in response.content.decode()
    )
