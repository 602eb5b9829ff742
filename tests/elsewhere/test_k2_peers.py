"""K2, P3: the beheerder configures the peer installations (address, certificate, files, limit);
every change is logged like an authorisation: who, when, before, after and why. Nobody else may,
neither by the pages nor by the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from elsewhere.models import Peer, PeerChange
from elsewhere.peers import services
from tests.conftest import verified_client
from tests.elsewhere.k2_data import Installation
from tests.elsewhere.k2_pki import make_pki

pytestmark = pytest.mark.django_db

LIST = "/bekend-elders/installaties/"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("k2-peers-pki"))


@pytest.fixture
def here():
    return Installation("twente", "Veiligheidshuis Twente", with_dossier=False)


@pytest.fixture
def peer(here, pki):
    return here.add_peer(
        "Installatie Noord", base_url="https://noord.example.nl/", certificate=pki.client_b.pem
    )


def test_k2_p3_adding_changing_and_deactivating_a_peer_is_logged_with_before_after_and_why(
    here, peer, pki
):
    assert peer.fingerprint == pki.client_b.fingerprint
    assert peer.base_url == "https://noord.example.nl"
    services.change_peer(
        peer,
        base_url="https://noord2.example.nl",
        certificate=pki.client_a.pem,
        requests_per_minute=5,
        files=[],
        by=here.beheerder,
        reason="Nieuw adres en certificaat",
    )
    services.deactivate_peer(peer, by=here.beheerder, reason="Aansluiting beëindigd")
    added, changed, deactivated = PeerChange.objects.order_by("pk")
    assert (added.action, added.before, added.actor) == ("added", {}, here.beheerder)
    assert added.after["files"] == [here.file.pk] and added.after["active"] is True
    assert changed.before == {**added.after}
    assert changed.after == {
        "name": "Installatie Noord",
        "base_url": "https://noord2.example.nl",
        "fingerprint": pki.client_a.fingerprint,
        "files": [],
        "requests_per_minute": 5,
        "active": True,
    }
    assert changed.reason == "Nieuw adres en certificaat"
    assert deactivated.before["active"] is True and deactivated.after["active"] is False
    assert deactivated.reason == "Aansluiting beëindigd"


def test_k2_p3_a_change_without_a_reason_is_refused_and_changes_nothing(here, peer):
    with pytest.raises(ValidationError):
        services.change_peer(peer, requests_per_minute=1, by=here.beheerder, reason=" ")
    with pytest.raises(ValidationError):
        services.deactivate_peer(peer, by=here.beheerder, reason="")
    peer.refresh_from_db()
    assert (peer.requests_per_minute, peer.active) == (1000, True)
    assert PeerChange.objects.count() == 1


def test_k2_a_text_that_is_not_a_certificate_is_refused(here):
    with pytest.raises(ValidationError) as refused:
        services.add_peer(
            name="X",
            base_url="https://x.example.nl",
            certificate="-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----",
            files=[],
            by=here.beheerder,
            reason="test",
        )
    assert "certificate" in refused.value.error_dict
    assert not Peer.objects.exists()


def test_k2_p3_only_a_beheerder_may_change_peers_in_the_services(here, peer, pki):
    for user in (here.wp.uitvoerder, here.wp.agent):
        user.is_verified = lambda: True
        with pytest.raises(PermissionDenied):
            services.add_peer(
                name="Y",
                base_url="https://y.example.nl",
                certificate=pki.client_a.pem,
                files=[],
                by=user,
                reason="test",
            )
        with pytest.raises(PermissionDenied):
            services.change_peer(peer, requests_per_minute=1, by=user, reason="test")
        with pytest.raises(PermissionDenied):
            services.deactivate_peer(peer, by=user, reason="test")
    assert PeerChange.objects.count() == 1


def _pages(peer):
    return [
        LIST,
        f"{LIST}nieuw/",
        f"{LIST}log/",
        f"{LIST}{peer.pk}/wijzigen/",
        f"{LIST}{peer.pk}/deactiveren/",
    ]


def test_k2_p3_the_beheerder_reaches_the_peer_pages_and_nobody_else(here, peer):
    beheerder = verified_client(here.beheerder)
    for path in _pages(peer):
        assert beheerder.get(path).status_code == 200, path
    for user in (here.wp.uitvoerder, here.wp.agent):
        other = verified_client(user)
        for path in _pages(peer):
            assert other.get(path).status_code == 403, (user, path)
        response = other.post(f"{LIST}{peer.pk}/deactiveren/", {"reason": "weg"})
        assert response.status_code == 403
    peer.refresh_from_db()
    assert peer.active


def test_k2_p3_the_beheerder_adds_changes_and_deactivates_a_peer_by_the_pages(here, pki):
    client = verified_client(here.beheerder)
    response = client.post(
        f"{LIST}nieuw/",
        {
            "name": "Installatie Zuid",
            "base_url": "https://zuid.example.nl",
            "certificate": pki.client_a.pem,
            "files": [here.file.pk],
            "requests_per_minute": 12,
            "reason": "Convenant met Zuid",
        },
    )
    assert response.status_code == 302
    peer = Peer.objects.get(name="Installatie Zuid")
    assert peer.fingerprint == pki.client_a.fingerprint
    page = client.get(LIST).content.decode()
    assert "Installatie Zuid" in page and peer.fingerprint in page

    form = client.get(f"{LIST}{peer.pk}/wijzigen/").context["form"]
    data = {**form.initial, "files": [here.file.pk], "requests_per_minute": 20}
    data["reason"] = "Meer vragen per minuut"
    assert client.post(f"{LIST}{peer.pk}/wijzigen/", data).status_code == 302

    confirm = client.get(f"{LIST}{peer.pk}/deactiveren/").content.decode()
    assert "Installatie Zuid" in confirm
    missing = client.post(f"{LIST}{peer.pk}/deactiveren/", {"reason": ""})
    assert missing.status_code == 200  # the reason is required
    assert client.post(f"{LIST}{peer.pk}/deactiveren/", {"reason": "Einde"}).status_code == 302
    peer.refresh_from_db()
    assert (peer.requests_per_minute, peer.active) == (20, False)

    log = client.get(f"{LIST}log/").content.decode()
    for reason in ("Convenant met Zuid", "Meer vragen per minuut", "Einde"):
        assert reason in log
    assert [c.action for c in PeerChange.objects.order_by("pk")] == [
        "added",
        "changed",
        "deactivated",
    ]


def test_k2_the_menu_offers_the_peer_pages_to_the_beheerder_only(here):
    link = f'href="{LIST}"'
    assert link in verified_client(here.beheerder).get("/").content.decode()
    assert link not in verified_client(here.wp.uitvoerder).get("/").content.decode()
