"""K1 ("bekend elders?") page by page: the result of a check and the uitvoerder's own checks
(only the asker sees them, no dossier number, no name), and the beheerder's legal basis per file
(beheerder only). The buttons on the files' pages: test_k1_file_pages.py."""

import pytest
from django.urls import reverse

from elsewhere import services
from elsewhere.models import Check, CheckBasis
from parties.constants import Function
from parties.services import weegploeg_file
from tests.conftest import verified_client
from tests.factories import VeiligheidshuisFactory, make_user
from tests.weegploeg.factories import Weegploeg

pytestmark = pytest.mark.django_db

BASIS = "Het convenant staat de controle toe (test)."
REFERENCE = "Artikel 8.4"


def record_basis(data_file, beheerder):
    beheerder.is_verified = lambda: True  # signed in with both factors
    services.record_basis(data_file, basis=BASIS, reference=REFERENCE, by=beheerder)


@pytest.fixture
def answered(wp):
    """A check of the Kennemerland uitvoerder with a hit, a possible match, an archived dossier
    and a peer that did not answer, made as the service stores it."""
    return Check.objects.create(
        asked_by=wp.uitvoerder,
        data_file=weegploeg_file(wp.region),
        answers=[
            {
                "veiligheidshuis": "Veiligheidshuis Noord-Holland Noord",
                "file": "weegploeg",
                "state": "active",
                "match": "hit",
                "contact": "Noor Uitvoer, uitvoerder.nhn@example.org",
                "source": "",
            },
            {
                "veiligheidshuis": "Veiligheidshuis Zaanstreek-Waterland",
                "file": "ICO CTER Zaanstreek-Waterland",
                "state": "archived",
                "match": "possible",
                "contact": "Zeno Uitvoer, uitvoerder.zw@example.org",
                "source": "",
            },
            {
                "veiligheidshuis": "Veiligheidshuis Utrecht",
                "file": "weegploeg",
                "state": "active",
                "match": "hit",
                "contact": "Ute Uitvoer, ute@example.org",
                "source": "Installatie Utrecht",
            },
        ],
        unanswered=["Installatie Limburg", "Installatie Twente"],
    )


def test_k1_the_result_shows_each_hit_the_possible_match_archived_and_the_silent_peers(
    wp, answered
):
    response = verified_client(wp.uitvoerder).get(
        reverse("elsewhere:check-detail", args=[answered.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    rows = page.split('data-testid="answer"')[1:]
    assert len(rows) == 3
    assert "Veiligheidshuis Noord-Holland Noord" in rows[0] and "Weegploeg" in rows[0]
    assert "<strong>bekend</strong>" in rows[0] and "actief" in rows[0]
    assert "Noor Uitvoer, uitvoerder.nhn@example.org" in rows[0]
    # A possible match is never shown as a hit, and the archived dossier says so.
    assert "ICO CTER Zaanstreek-Waterland" in rows[1] and "gearchiveerd" in rows[1]
    assert "mogelijk, ter bevestiging door de andere kant" in rows[1]
    assert "<strong>bekend</strong>" not in rows[1]
    assert "via installatie Installatie Utrecht" in rows[2]
    assert "Deze installaties gaven geen antwoord: Installatie Limburg, Installatie Twente" in page
    assert 'data-testid="not-known"' not in page


def test_k1_the_result_holds_no_dossier_number_and_no_name_of_the_person(wp):
    """A real check of a person with a dossier elsewhere: the page names the Veiligheidshuis and
    whom to call, not the dossier's number nor the person."""
    from tests.weegploeg.factories import PERSON, signal

    other = Weegploeg(VeiligheidshuisFactory(code="noord-holland-noord", name="VH NHN"))
    held = signal(by=other.uitvoerder, brought_by=other.politie, region=other.region)
    beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
    record_basis(weegploeg_file(wp.region), beheerder)
    record_basis(weegploeg_file(other.region), beheerder)
    from subjects.registry import Identity

    identity = Identity(
        surname=PERSON["surname"],
        given_names=PERSON["given_names"],
        date_of_birth=PERSON["date_of_birth"],
    )
    check = services.check(identity, by=wp.uitvoerder, data_file=weegploeg_file(wp.region))
    page = (
        verified_client(wp.uitvoerder)
        .get(reverse("elsewhere:check-detail", args=[check.pk]))
        .content.decode()
    )
    assert "VH NHN" in page and 'data-testid="answer"' in page
    for secret in (held.assessment.number, PERSON["surname"], PERSON["given_names"], "1990"):
        assert secret not in page


def test_k1_no_answer_is_not_known_elsewhere(wp):
    check = Check.objects.create(asked_by=wp.uitvoerder, data_file=weegploeg_file(wp.region))
    page = (
        verified_client(wp.uitvoerder)
        .get(reverse("elsewhere:check-detail", args=[check.pk]))
        .content.decode()
    )
    assert 'data-testid="not-known"' in page and "Niet bekend elders" in page
    assert 'data-testid="unanswered"' not in page


def test_k1_only_the_uitvoerder_who_asked_sees_the_result(wp, answered, region):
    url = reverse("elsewhere:check-detail", args=[answered.pk])
    assert verified_client(wp.uitvoerder).get(url).status_code == 200
    colleague = make_user(wp.haarlem, Function.UITVOERDER, username="collega", files=[region])
    beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
    for other in (colleague, beheerder, wp.agent):
        assert verified_client(other).get(url).status_code == 404


def test_k1_the_list_shows_the_users_own_checks_only_with_their_outcome(wp, answered, region):
    colleague = make_user(wp.haarlem, Function.UITVOERDER, username="collega", files=[region])
    theirs = Check.objects.create(asked_by=colleague, data_file=weegploeg_file(region))
    page = verified_client(wp.uitvoerder).get(reverse("elsewhere:check-list")).content.decode()
    assert reverse("elsewhere:check-detail", args=[answered.pk]) in page
    assert reverse("elsewhere:check-detail", args=[theirs.pk]) not in page
    assert "bekend in 2 dossiers" in page and "1 mogelijk" in page
    assert "2 installaties gaven geen antwoord" in page
    assert weegploeg_file(region).name in page


def test_k1_the_list_is_paginated(wp, region):
    data_file = weegploeg_file(region)
    Check.objects.bulk_create(Check(asked_by=wp.uitvoerder, data_file=data_file) for _ in range(30))
    client = verified_client(wp.uitvoerder)
    first = client.get(reverse("elsewhere:check-list")).content.decode()
    assert first.count("Niet bekend elders") == 25 and 'rel="next"' in first
    second = client.get(reverse("elsewhere:check-list") + "?page=2").content.decode()
    assert second.count("Niet bekend elders") == 5


def test_k1_the_list_is_there_for_who_keeps_a_file_only(wp):
    assert verified_client(wp.uitvoerder).get(reverse("elsewhere:check-list")).status_code == 200
    assert verified_client(wp.agent).get(reverse("elsewhere:check-list")).status_code == 404


def test_k1_the_menu_links_the_uitvoerders_checks_and_the_beheerders_bases(wp):
    beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
    checks, bases = reverse("elsewhere:check-list"), reverse("elsewhere:basis-list")
    keeper = verified_client(wp.uitvoerder).get("/").content.decode()
    assert checks in keeper and bases not in keeper
    admin = verified_client(beheerder).get("/").content.decode()
    assert bases in admin and checks not in admin
    agent = verified_client(wp.agent).get("/").content.decode()
    assert checks not in agent and bases not in agent


# --- the beheerder's legal basis per file ---


@pytest.fixture
def beheerder(wp):
    return make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")


def test_k1_the_beheerder_lists_the_files_with_their_basis_or_none(wp, beheerder, region):
    other = VeiligheidshuisFactory(code="zaanstreek-waterland", name="VH Zaanstreek")
    with_basis, without = weegploeg_file(region), weegploeg_file(other)
    record_basis(with_basis, beheerder)
    client = verified_client(beheerder)
    page = client.get(reverse("elsewhere:basis-list")).content.decode()
    assert with_basis.name in page and without.name in page
    assert REFERENCE in page and "geen grondslag" in page
    filtered = client.get(reverse("elsewhere:basis-list"), {"veiligheidshuis": other.pk})
    assert without.name in filtered.content.decode()
    assert with_basis.name not in filtered.content.decode()
    missing = client.get(reverse("elsewhere:basis-list"), {"basis": "without"}).content.decode()
    assert without.name in missing and with_basis.name not in missing
    searched = client.get(reverse("elsewhere:basis-list"), {"q": "Zaanstreek"}).content.decode()
    assert without.name in searched and with_basis.name not in searched


def test_k1_the_beheerder_records_changes_and_removes_a_basis(wp, beheerder, region):
    data_file = weegploeg_file(region)
    client = verified_client(beheerder)
    edit = reverse("elsewhere:basis-edit", args=[data_file.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"basis": BASIS, "reference": REFERENCE})
    assert response.status_code == 302
    assert CheckBasis.objects.get(data_file=data_file).reference == REFERENCE
    assert REFERENCE in client.get(edit).content.decode()  # the form shows what is recorded
    client.post(edit, {"basis": BASIS, "reference": "Artikel 9"})
    assert CheckBasis.objects.get(data_file=data_file).reference == "Artikel 9"
    # Incomplete: the form comes back with what was typed, nothing changes.
    response = client.post(edit, {"basis": "Nieuwe tekst", "reference": ""})
    assert response.status_code == 200 and "Nieuwe tekst" in response.content.decode()
    assert CheckBasis.objects.get(data_file=data_file).basis == BASIS
    remove = reverse("elsewhere:basis-remove", args=[data_file.pk])
    confirm = client.get(remove)
    assert confirm.status_code == 200 and "Artikel 9" in confirm.content.decode()
    assert CheckBasis.objects.filter(data_file=data_file).exists()  # not before confirming
    assert client.post(remove).status_code == 302
    assert not CheckBasis.objects.filter(data_file=data_file).exists()


def test_k1_only_the_beheerder_reaches_the_basis_pages(wp, beheerder, region):
    data_file = weegploeg_file(region)
    record_basis(data_file, beheerder)
    pages = [
        reverse("elsewhere:basis-list"),
        reverse("elsewhere:basis-edit", args=[data_file.pk]),
        reverse("elsewhere:basis-remove", args=[data_file.pk]),
    ]
    admin = verified_client(beheerder)
    for url in pages:
        assert admin.get(url).status_code == 200
    for user in (wp.uitvoerder, wp.agent):
        client = verified_client(user)
        for url in pages:
            assert client.get(url).status_code == 403
            assert client.post(url, {"basis": "x", "reference": "y"}).status_code == 403
    assert CheckBasis.objects.get(data_file=data_file).basis == BASIS


def test_k1_the_basis_pages_refuse_a_file_that_does_not_exist(beheerder):
    assert (
        verified_client(beheerder).get(reverse("elsewhere:basis-edit", args=[999])).status_code
        == 404
    )
