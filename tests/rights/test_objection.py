"""R7 (VH 18.4, AVG 21): the decision on an objection, with the weighing of interests recorded,
in a letter; upheld, the processing of every dossier of the request ends."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rights.constants import LetterKind, RequestKind
from rights.models import ObjectionDecision
from rights.services.objection import decide_objection
from subjects import registry
from subjects.registry import DossierRef
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.outcome_fixtures import OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

WEIGHING = "Zijn nieuwe baan weegt niet op tegen de zorgen over zijn netwerk."


world_built, world = per_module(lambda: OutcomeWorld(kennemerland()), name="world")


def spy_end_processing(monkeypatch):
    calls = []
    for file in registry.files():
        monkeypatch.setattr(
            file,
            "end_processing",
            lambda ref, *, by, reason: calls.append((ref, by, reason)),
            raising=False,
        )
    return calls


def test_r7_a_rejected_objection_records_the_weighing_in_its_letter(world, monkeypatch):
    calls = spy_end_processing(monkeypatch)
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    decision = decide_objection(
        subject_request,
        by=world.keeper,
        weighing=WEIGHING,
        upheld=False,
        decided_on=timezone.localdate(),
    )
    assert decision.letter.kind == LetterKind.DECISION
    text = pdf_text(decision.letter.pdf)
    assert WEIGHING in text and "Uw verzet is afgewezen." in text
    assert calls == []  # the processing goes on
    with pytest.raises(ValidationError):  # decided once
        decide_objection(
            subject_request,
            by=world.keeper,
            weighing=WEIGHING,
            upheld=True,
            decided_on=timezone.localdate(),
        )


def test_r7_the_weighing_is_required_and_the_date_cannot_lie_ahead(world):
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    with pytest.raises(ValidationError) as refused:
        decide_objection(
            subject_request,
            by=world.keeper,
            weighing="  ",
            upheld=True,
            decided_on=timezone.localdate() + timedelta(days=1),
        )
    assert set(refused.value.message_dict) == {"weighing", "decided_on"}
    access_only = world.request(kinds=[RequestKind.ACCESS])
    with pytest.raises(ValidationError):
        decide_objection(
            access_only,
            by=world.keeper,
            weighing=WEIGHING,
            upheld=False,
            decided_on=timezone.localdate(),
        )
    unidentified = world.request(kinds=[RequestKind.OBJECTION], identified=False)
    with pytest.raises(ValidationError):
        decide_objection(
            unidentified,
            by=world.keeper,
            weighing=WEIGHING,
            upheld=False,
            decided_on=timezone.localdate(),
        )
    assert not ObjectionDecision.objects.exists()


def test_r7_an_upheld_objection_ends_the_processing_of_every_dossier(world, monkeypatch):
    calls = spy_end_processing(monkeypatch)
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    decision = decide_objection(
        subject_request,
        by=world.keeper,
        weighing=WEIGHING,
        upheld=True,
        decided_on=timezone.localdate(),
    )
    assert len(calls) == 3
    assert {ref for ref, _by, _reason in calls} == {
        DossierRef(label, key) for label, key in world.refs()
    }
    assert {by for _ref, by, _reason in calls} == {world.keeper}
    assert all(subject_request.number in reason for _ref, _by, reason in calls)
    assert "Uw verzet is gehonoreerd." in pdf_text(decision.letter.pdf)


def test_r7_an_upheld_objection_closes_the_dossiers_in_their_files(world):
    """Through the registry's real `end_processing`: the active case is closed with the
    objection as its reason, the weegploeg decides "processing ended"; the case that was
    closed already stays as it was."""
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    decide_objection(
        subject_request,
        by=world.keeper,
        weighing=WEIGHING,
        upheld=True,
        decided_on=timezone.localdate(),
    )
    refs = {DossierRef(label, key) for label, key in world.refs()}
    states = {s.ref: s for f in registry.files() for s in f.list_dossiers() if s.ref in refs}
    second = states[DossierRef("ico", world.second.number)]
    assert (second.status, second.decision) == ("closed", "objection")
    assert states[DossierRef("weegploeg", world.assessment_number)].decision == "verzet"
    first = states[DossierRef("ico", world.case.number)]
    assert first.status == "closed" and first.decision != "objection"


def test_r7_u3_u5_the_objection_is_decided_by_the_handler_only(world, monkeypatch):
    spy_end_processing(monkeypatch)
    subject_request = world.request(kinds=[RequestKind.OBJECTION])
    page = f"/rechten/verzoeken/{subject_request.number}/verzet/"
    api = f"/api/v1/verzoeken/{subject_request.number}/verzet"
    for user in (world.other_uitvoerder, world.partner, world.deelnemer):
        client = verified_client(user)
        assert client.get(page).status_code == 404
        assert client.post(page, {"weighing": WEIGHING, "upheld": "no"}).status_code == 404
        assert client.post(api, {}, content_type="application/json").status_code == 404
    client = verified_client(world.keeper)
    kept = client.post(page, {"weighing": WEIGHING, "decided_on": ""})
    assert kept.status_code == 200 and WEIGHING in kept.content.decode()
    bad = client.post(
        api,
        {"weighing": " ", "upheld": False, "decidedOn": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "weighing"
    made = client.post(
        page,
        {"weighing": WEIGHING, "upheld": "no", "decided_on": timezone.localdate().isoformat()},
    )
    assert made.status_code == 302
    shown = client.get(api)
    assert shown.status_code == 200 and shown.json()["upheld"] is False
    outcomes = client.get(f"/rechten/verzoeken/{subject_request.number}/uitkomsten/")
    assert WEIGHING in outcomes.content.decode() and "Afgewezen" in outcomes.content.decode()
