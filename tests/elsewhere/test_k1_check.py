"""K1: within one installation the uitvoerder asks whether a person is known at another
Veiligheidshuis: hit by BSN or by name and date of birth, "mogelijk" by surname and date of
birth alone, no hit; the own Veiligheidshuis left out; archived answered as archived; nothing
of the dossier nor its number in the answer; the legal-basis gate from both sides (C10); the
audit on both sides (S2)."""

import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import translation

from elsewhere import selectors
from elsewhere.models import Check, Pseudonym
from elsewhere.pseudonyms import HIT, POSSIBLE
from parties.constants import AccessLevel, Function
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef
from tests.elsewhere.conftest import ask, dossier, give_basis
from tests.factories import data_file, make_user

pytestmark = pytest.mark.django_db


def only_answer(found: Check) -> dict:
    (answer,) = found.answers
    return answer


def test_k1_hit_by_bsn(asking, holding, with_basis):
    """K1: the same BSN is a hit, whatever the name."""
    dossier(holding, bsn="111222333")
    answer = only_answer(ask(asking, surname="Anders", given_names="Klaas", bsn="111222333"))
    assert answer["match"] == HIT
    assert answer["veiligheidshuis"] == "Veiligheidshuis Zaanstreek"
    assert answer["file"] == "weegploeg"
    assert answer["state"] == "active"
    assert answer["contact"] == f"Test Gebruiker <{holding.uitvoerder.email}>"
    assert answer["source"] == ""


def test_k1_hit_by_name_and_date_of_birth(asking, holding, with_basis):
    """K1: the normalised full name and the date of birth make a hit (no BSN on either side)."""
    dossier(holding)
    assert only_answer(ask(asking, given_names="PIET", surname=" jansen "))["match"] == HIT


def test_k1_surname_and_date_of_birth_only_is_possible_never_a_hit(asking, holding, with_basis):
    """K1: a near match (the surname and date of birth, another given name) is "mogelijk",
    for the other side to confirm, never a hit."""
    dossier(holding)
    found = ask(asking, given_names="Pieter")
    assert only_answer(found)["match"] == POSSIBLE
    assert HIT not in json.dumps(found.answers)


def test_k1_no_hit(asking, holding, with_basis):
    """K1: another person is no hit: no answers at all."""
    dossier(holding)
    assert ask(asking, date_of_birth=date(1991, 5, 17)).answers == []
    assert ask(asking, surname="Pietersen").answers == []


def test_k1_own_veiligheidshuis_left_out(asking, holding, with_basis):
    """K1: the answer names each OTHER Veiligheidshuis: the asker's own is left out."""
    dossier(asking)
    assert ask(asking).answers == []
    dossier(holding)
    assert only_answer(ask(asking))["veiligheidshuis"] == "Veiligheidshuis Zaanstreek"


def test_k1_archived_dossier_answered_as_archived(asking, holding, with_basis):
    """K1: an archived dossier is answered, as archived; reactivated, as active again."""
    held = dossier(holding)
    file = registry.get("weegploeg")
    ref = DossierRef("weegploeg", held.number)
    file.archive(ref, by=holding.uitvoerder)
    assert only_answer(ask(asking))["state"] == "archived"
    file.reactivate(ref, by=holding.uitvoerder)
    assert only_answer(ask(asking))["state"] == "active"


def test_k1_no_content_and_no_dossier_number_in_any_answer(asking, holding, with_basis):
    """K1: the answer holds no dossier number, no name, no BSN, no date of birth."""
    held = dossier(holding, bsn="111222333")
    found = ask(asking, bsn="111222333")
    text = json.dumps(found.answers) + json.dumps(found.unanswered)
    assert found.answers
    for secret in (held.number, "Jansen", "Piet", "111222333", "1990", "Deelde filmpjes"):
        assert secret not in text
    assert set(only_answer(found)) == {
        "veiligheidshuis",
        "file",
        "state",
        "match",
        "contact",
        "source",
    }


def test_k1_casusoverleg_answered_by_its_name(asking, beheerder, with_basis):
    """K1: a case in a casusoverleg with a basis is answered with the casusoverleg's name."""
    from tests.cases.factories import Ico
    from tests.factories import VeiligheidshuisFactory

    elsewhere = VeiligheidshuisFactory(code="amsterdam", name="Veiligheidshuis Amsterdam")
    ico = Ico(elsewhere, name="ICO Radicalisering Amsterdam")
    give_basis(ico.overleg, beheerder)
    ico.open_case(surname="Jansen", given_names="Piet", date_of_birth=date(1990, 5, 17))
    answer = only_answer(ask(asking))
    assert answer["file"] == "ICO Radicalisering Amsterdam"
    assert answer["veiligheidshuis"] == "Veiligheidshuis Amsterdam"
    assert answer["contact"] == f"Test Gebruiker <{ico.keeper.email}>"


# The legal-basis gate (K1, C10), from both sides.


def test_k1_keeper_with_basis_may_ask(asking, with_basis):
    """K1: the uitvoerder who keeps the file, with a basis: may."""
    assert selectors.check_refusal(asking.uitvoerder, data_file(asking.region)) is None
    assert ask(asking).pk


def test_k1_keeper_without_basis_is_refused_with_the_reason(asking, holding, beheerder):
    """K1, C10: no basis in the asking file's covenant: not offered, and the reason is given."""
    give_basis(holding.region, beheerder)  # the other side has one
    with translation.override("nl"):
        reason = selectors.check_refusal(asking.uitvoerder, data_file(asking.region))
        assert reason and "geen grondslag" in reason
        with pytest.raises(PermissionDenied, match="geen grondslag"):
            ask(asking)
    assert not Check.objects.exists()


@pytest.mark.parametrize("who", ["agent", "officier", "other_uitvoerder", "readonly"])
def test_k1_non_keeper_is_refused(asking, holding, with_basis, who):
    """K1: only the uitvoerder of the file: a politie or OM member with read-write, the
    uitvoerder of another Veiligheidshuis, an uitvoerder with read only: refused."""
    user = {
        "agent": asking.agent,
        "officier": asking.officier,
        "other_uitvoerder": holding.uitvoerder,
        "readonly": lambda: make_user(
            asking.haarlem,
            Function.UITVOERDER,
            files=[(asking.region, AccessLevel.READ)],
        ),
    }[who]
    user = user() if callable(user) else user
    assert "uitvoerder" in selectors.check_refusal(user, data_file(asking.region))
    with pytest.raises(PermissionDenied):
        ask(asking, who=user)
    assert not Check.objects.exists()


def test_k1_file_without_basis_is_not_answered(asking, holding, beheerder):
    """K1, C10: the holding file records no basis: its dossiers are not published, so not
    answered; its basis recorded, they are; removed again, they are not."""
    give_basis(asking.region, beheerder)
    dossier(holding)
    assert not Pseudonym.objects.exists()
    assert ask(asking).answers == []
    give_basis(holding.region, beheerder)
    assert only_answer(ask(asking))["match"] == HIT
    from elsewhere.services import remove_basis

    remove_basis(data_file(holding.region), by=beheerder)
    assert not Pseudonym.objects.exists()
    assert ask(asking).answers == []


# Both sides see the check (K1, S2).


def test_k1_the_askers_trail_records_who_asked_and_the_outcome(asking, holding, with_basis):
    """K1, S2: the Check's audit entry names the asking uitvoerder and holds the answers."""
    dossier(holding)
    found = ask(asking)
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Check),
        object_pk=str(found.pk),
        action=AuditEntry.Action.CREATE,
    )
    assert entry.actor == asking.uitvoerder
    assert "Veiligheidshuis Zaanstreek" in json.dumps(entry.changes)
    assert HIT in json.dumps(entry.changes)


def test_k1_the_holding_dossiers_trail_records_the_check(asking, holding, with_basis):
    """K1, S2: the holding dossier's trail has an entry: the asker (actor), when, for which
    Veiligheidshuis, and the outcome; a dossier that was not a match has none."""
    held = dossier(holding)
    other = dossier(holding, surname="Anders", date_of_birth=date(1980, 1, 1))
    ref = DossierRef("weegploeg", held.number)
    before = AuditEntry.objects.for_dossier(ref).count()
    found = ask(asking)
    entry = AuditEntry.objects.for_dossier(ref).order_by("-pk").first()
    assert AuditEntry.objects.for_dossier(ref).count() == before + 1
    assert entry.actor == asking.uitvoerder
    assert entry.action == AuditEntry.Action.ACCESS
    assert entry.timestamp >= found.asked_at
    assert entry.additional_data["known_elsewhere"]["asked_by"] == "Veiligheidshuis Kennemerland"
    assert entry.additional_data["known_elsewhere"]["match"] == HIT
    assert entry.object_pk == str(found.pk)
    other_ref = DossierRef("weegploeg", other.number)
    assert not any(
        "known_elsewhere" in (e.additional_data or {})
        for e in AuditEntry.objects.for_dossier(other_ref)
    )


def test_k2_a_peers_check_is_answered_and_on_the_holding_trail(holding, with_basis):
    """K2, S2: `answering.answer` for a check from a peer: the same answers, and the holding
    dossier's trail names the peer that asked, about the IncomingCheck row."""
    from elsewhere import pseudonyms
    from elsewhere.answering import answer
    from elsewhere.models import IncomingCheck, Peer
    from tests.elsewhere.conftest import identity

    held = dossier(holding)
    peer = Peer.objects.create(
        name="Installatie Utrecht", base_url="https://utrecht.example", certificate="-"
    )
    record = IncomingCheck.objects.create(peer=peer, pseudonym_count=2)
    found = answer(
        pseudonyms.of_identity(identity()),
        files=selectors.published_files(),
        asking=peer.name,
        record=record,
    )
    assert [h.ref for h in found] == [DossierRef("weegploeg", held.number)]
    assert found[0].answer.match == HIT
    entry = AuditEntry.objects.for_dossier(found[0].ref).order_by("-pk").first()
    assert entry.additional_data["known_elsewhere"]["asked_by"] == "Installatie Utrecht"
    assert entry.content_type == ContentType.objects.get_for_model(IncomingCheck)
