"""R1, R2 (CTER 12.2-12.3): one intake covers every file and party; the person's dossiers are
found only through the registry, only in the request's Veiligheidshuis, and only after the
identity is recorded; the handler confirms each match, and may take one back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rights.constants import RequestState
from rights.models import RequestDossier
from rights.services import extension, requests
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import elsewhere
from tests.rights.factories import ABOUT, identify, make_request

pytestmark = pytest.mark.django_db


def test_r1_one_search_finds_the_person_in_every_file_of_the_veiligheidshuis(world):
    other = elsewhere()
    far = other.open_case(**{k: ABOUT[k] for k in ("surname", "given_names", "date_of_birth")})
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    found = requests.find_candidates(subject_request, by=world.keeper)
    assert {c.ref for c in found} == set(world.refs)
    assert DossierRef("ico", far.number) not in {c.ref for c in found}
    for candidate in found:
        kept_in = registry.get(candidate.ref.file_label).data_file(candidate.ref)
        assert candidate.file_name == kept_in.name
    assert not any(c.confirmed for c in found)


def test_r1_nobody_else_is_found(world):
    subject_request = make_request(
        by=world.keeper, region=world.region, identified=True, surname="Anders"
    )
    assert requests.find_candidates(subject_request, by=world.keeper) == []


def test_r1_the_search_is_access_logged_per_dossier_found(world):
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    requests.find_candidates(subject_request, by=world.keeper)
    entries = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(subject_request.pk)
    )
    assert {(e.file_label, e.dossier_key) for e in entries} >= {
        (ref.file_label, ref.key) for ref in world.refs
    }
    assert all(e.additional_data == {"read": "search"} for e in entries)
    assert all(ABOUT["surname"] not in e.object_repr for e in entries)


def test_r1_the_handler_confirms_each_match_and_may_take_one_back(world):
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    for ref in world.refs:
        requests.confirm_dossier(subject_request, ref, by=world.keeper)
    subject_request.refresh_from_db()
    assert subject_request.state == RequestState.IN_PROGRESS
    assert {
        c.ref for c in requests.find_candidates(subject_request, by=world.keeper) if c.confirmed
    } == set(world.refs)
    with pytest.raises(ValidationError):
        requests.confirm_dossier(subject_request, world.ico_ref, by=world.keeper)
    requests.unconfirm_dossier(subject_request, world.ico_ref, by=world.keeper)
    requests.unconfirm_dossier(subject_request, world.weegploeg_ref, by=world.keeper)
    subject_request.refresh_from_db()
    assert subject_request.state == RequestState.IDENTIFIED
    assert not RequestDossier.objects.exists()


def test_r1_only_a_dossier_found_for_the_request_can_be_confirmed(world):
    other = elsewhere()
    far = other.open_case(**{k: ABOUT[k] for k in ("surname", "given_names", "date_of_birth")})
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    for ref in (DossierRef("ico", far.number), DossierRef("ico", "C-0000-00000")):
        with pytest.raises(ValidationError) as refused:
            requests.confirm_dossier(subject_request, ref, by=world.keeper)
        assert "dossier" in refused.value.error_dict


def test_r1_after_the_answer_nothing_is_confirmed_or_taken_back(world):
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    requests.confirm_dossier(subject_request, world.ico_ref, by=world.keeper)
    requests.mark_answered(subject_request, by=world.keeper)
    with pytest.raises(ValidationError):
        requests.unconfirm_dossier(subject_request, world.ico_ref, by=world.keeper)
    with pytest.raises(ValidationError):
        requests.confirm_dossier(subject_request, world.weegploeg_ref, by=world.keeper)


def test_r2_no_step_is_taken_before_the_identity_is_recorded(world):
    subject_request = make_request(by=world.keeper, region=world.region)
    steps = [
        lambda: requests.find_candidates(subject_request, by=world.keeper),
        lambda: requests.confirm_dossier(subject_request, world.ico_ref, by=world.keeper),
        lambda: extension.extend_term(subject_request, by=world.keeper, reasons="Veel werk."),
        lambda: requests.mark_answered(subject_request, by=world.keeper),
    ]
    for step in steps:
        with pytest.raises(ValidationError) as refused:
            step()
        assert "identit" in refused.value.messages[0]
    assert not AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS,
        dossier_key__in=[r.key for r in world.refs],
        object_pk=str(subject_request.pk),
    ).exists()
    assert not RequestDossier.objects.exists()
    identify(subject_request, by=world.keeper)
    assert requests.find_candidates(subject_request, by=world.keeper)


def test_r1_a_request_may_be_withdrawn_before_the_identity(world):
    subject_request = make_request(by=world.keeper, region=world.region)
    requests.withdraw(subject_request, by=world.keeper)
    assert subject_request.state == RequestState.WITHDRAWN
    with pytest.raises(ValidationError):
        identify(subject_request, by=world.keeper)


def test_r1_the_handler_of_another_veiligheidshuis_finds_nothing(world):
    subject_request = make_request(by=world.keeper, region=world.region, identified=True)
    stranger = elsewhere().keeper
    with pytest.raises(PermissionDenied):
        requests.find_candidates(subject_request, by=stranger)
    with pytest.raises(PermissionDenied):
        requests.confirm_dossier(subject_request, world.ico_ref, by=stranger)
