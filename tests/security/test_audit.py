"""S2 groundwork: every change and every read of personal data is logged with the actor and
the actor's party, in pages, the API and Celery tasks; masked values are hidden completely;
no personal data in __str__, log lines or error pages."""

import logging

import pytest
from auditlog.diff import get_mask_function
from auditlog.registry import auditlog
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.audit import acting_as, log_access, log_access_many, mask_completely
from parties import services
from parties.constants import Function
from parties.models import FunctionGrant, Membership, User
from security.models import AuditEntry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.conftest import verified_client
from tests.elsewhere.instances import elsewhere_instances
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user
from tests.parties.test_signin import post_password
from tests.retention.instances import retention_instances
from tests.rights.instances import rights_instances
from tests.security.access_log.instances import access_log_instances
from tests.security.incidents.instances import incident_instances
from tests.security.reviews.instances import review_instances
from tests.weegploeg.factories import Weegploeg, full_dossier
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db


def entries_for(instance):
    return AuditEntry.objects.get_for_object(instance)


def test_s2_a_change_through_a_page_records_actor_and_party(beheerder, gemeente, politie):
    agent = make_user(politie)
    client = verified_client(beheerder)
    response = client.post(
        reverse("parties:functions-change", kwargs={"pk": agent.pk}),
        {"functions": [Function.CASEMANAGER], "reason": "Casemanager"},
    )
    assert response.status_code == 302
    grant = FunctionGrant.objects.get(membership__user=agent, function=Function.CASEMANAGER)
    entry = entries_for(grant).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == beheerder
    assert entry.actor_party == gemeente
    assert entry.actor_party_name == gemeente.name
    assert entry.remote_addr == "127.0.0.1"


def test_s2_a_detail_page_of_personal_data_writes_an_access_entry(beheerder, politie):
    agent = make_user(politie)
    client = verified_client(beheerder)
    assert client.get(reverse("parties:user-detail", kwargs={"pk": agent.pk})).status_code == 200
    entry = entries_for(agent).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == beheerder
    assert entry.actor_party == beheerder.membership.party


def test_s2_an_api_read_of_personal_data_writes_an_access_entry(deelnemer, politie):
    client = verified_client(deelnemer)
    response = client.get("/api/v1/gebruikers/mij")
    assert response.status_code == 200
    assert response.json()["party"]["id"] == politie.pk
    entry = entries_for(deelnemer).get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == deelnemer
    assert entry.actor_party == politie


def test_s2_work_outside_a_request_names_its_actor(beheerder, politie):
    agent = make_user(politie)
    with acting_as(beheerder):
        services.change_functions(
            agent.membership, functions=[Function.VOORZITTER], by=beheerder, reason="x"
        )
    grant = FunctionGrant.objects.get(membership__user=agent, function=Function.VOORZITTER)
    entry = entries_for(grant).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == beheerder
    assert entry.actor_party == beheerder.membership.party


def test_s2_access_entries_written_in_one_insert_are_those_log_access_writes(beheerder, politie):
    agents = [make_user(politie, username=f"agent{n}") for n in range(3)]
    fields = ("action", "content_type", "object_pk", "object_id", "object_repr", "actor")
    fields += ("actor_party", "actor_party_name", "actor_email", "remote_addr", "changes")
    with acting_as(beheerder):
        log_access(agents[0])
        with CaptureQueriesContext(connection) as captured:
            log_access_many(agents)
    inserts = [q for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    single, *batched = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_id__in=[agent.pk for agent in agents]
    ).order_by("pk")
    assert [entry.object_id for entry in batched] == [agent.pk for agent in agents]
    first = batched[0]
    assert {f: getattr(first, f) for f in fields} == {f: getattr(single, f) for f in fields}
    assert first.actor == beheerder and first.actor_party == beheerder.membership.party
    assert first.timestamp is not None


def test_s2_system_work_is_named_after_the_job(politie):
    with acting_as(None, system_name="celery:parties.tasks.end_departed_parties"):
        agent = make_user(politie)
    entry = entries_for(agent).get(action=AuditEntry.Action.CREATE)
    assert entry.actor is None
    assert entry.actor_email == "celery:parties.tasks.end_departed_parties"


def test_s2_masked_values_are_hidden_completely():
    assert mask_completely("123456782") == "********"
    assert "5678" not in mask_completely("123456782")
    assert get_mask_function() is mask_completely


# Every model registered with django-auditlog, built with values that are easy to spot.
def _instances(politie, beheerder):
    dossier = full_dossier(Weegploeg(VeiligheidshuisFactory()))
    partner = PartyFactory(extern=True, name="Partner Zichtbaar")
    user = make_user(politie, Function.CASEMANAGER, username="herkenbaar.gebruiker")
    user.first_name, user.last_name, user.email = "Herkenbare", "Achternaam", "zien@example.org"
    user.save()
    services.record_declaration(
        partner,
        signed_on=politie.joined_on,
        signed_by="Zichtbare Ondertekenaar",
        document_reference="GV-1",
        by=beheerder,
    )
    token, _key = services.issue_token(
        politie, name="Systeem van Herkenbare", by=beheerder, reason="Koppeling"
    )
    services.revoke_token(token, by=beheerder, reason="Ingetrokken")  # so revoked_by is set
    token.refresh_from_db()
    weegploeg_file = services.weegploeg_file(politie.veiligheidshuizen.first())
    authorisation = services.grant_file_access(
        user,
        file=weegploeg_file,
        level="read",
        by=None,
        reason="Herkenbare reden voor Achternaam",
    )
    return {
        User: user,
        Membership: user.membership,
        FunctionGrant: user.membership.functions.first(),
        partner.declarations.model: partner.declarations.first(),
        token.__class__: token,
        authorisation.__class__: authorisation,
        **dossier,
        **full_case(Agendering(VeiligheidshuisFactory(code="audit-ico"))),
        **rights_instances(
            DossierRef("weegploeg", dossier[Assessment].number), weegploeg_file, user
        ),
        **retention_instances(
            DossierRef("weegploeg", dossier[Assessment].number), weegploeg_file, user
        ),
        **review_instances(politie, user),
        **incident_instances(weegploeg_file.veiligheidshuis, user),
        **access_log_instances(politie.veiligheidshuizen.first(), user),
        **elsewhere_instances(weegploeg_file, user),
    }


def test_s2_no_registered_model_shows_personal_data_in_str(politie, beheerder):
    instances = _instances(politie, beheerder)
    registered = set(auditlog.get_models())
    missing = registered - set(instances)
    assert not missing, f"Give the str() test an instance of {sorted(m.__name__ for m in missing)}"
    for model, instance in instances.items():
        personal = getattr(model, "PERSONAL_DATA_FIELDS", None)
        related_users = [
            field.name
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is User
        ]
        values = [str(getattr(instance, name)) for name in personal or ()]
        for name in related_users:
            related = getattr(instance, name)
            if related is None:
                continue
            values += [related.username, related.first_name, related.last_name, related.email]
        if model is Membership or model is FunctionGrant:
            owner = instance.user if model is Membership else instance.membership.user
            values += [owner.username, owner.first_name, owner.last_name, owner.email]
        shown = str(instance)
        # Values of one or two characters say nothing when found inside a dossier number.
        for value in (value for value in values if len(value) > 2):
            assert value not in shown, f"{model.__name__}.__str__ shows personal data"


def test_s2_models_with_personal_data_declare_those_fields():
    from cases.models import CaseParticipant, Export
    from rights.models import ItemChange, LegalGround, RequestDossier, RequestOfficer
    from weegploeg.models import CaseTransfer

    links = (Membership, FunctionGrant, CaseParticipant, Export, CaseTransfer)
    links += (RequestDossier, RequestOfficer, ItemChange)
    from elsewhere.models import CheckBasis, Peer
    from retention.models import RetentionTerms

    for model in auditlog.get_models():
        if model in links or model in (LegalGround, RetentionTerms, CheckBasis, Peer):
            # No personal field of their own: a link to a person, a law's ground, terms, a
            # covenant's basis, another installation.
            continue
        assert getattr(model, "PERSONAL_DATA_FIELDS", None), model.__name__


def test_s2_log_lines_of_a_failed_sign_in_carry_no_personal_data(client, deelnemer, caplog):
    caplog.set_level(logging.DEBUG)
    post_password(client, "agent", "fout-wachtwoord-en-geheim")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "agent" not in logged
    assert "fout-wachtwoord-en-geheim" not in logged


def test_s2_error_pages_carry_no_personal_data(beheerder):
    beheerder.first_name, beheerder.last_name = "Bijzondere", "Naamdrager"
    beheerder.save()
    client = verified_client(beheerder)
    page = client.get("/bestaat-niet/").content.decode()
    for value in ("Bijzondere", "Naamdrager", beheerder.username, beheerder.email):
        assert value not in page
