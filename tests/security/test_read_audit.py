"""S2, finding 6: one hook for reads (`config.audit.log_reads`), and every audit entry carries
the dossier it is about (file label and key), so a dossier's whole trail is found by dossier
(B8)."""

import importlib

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from config.audit import ReadKind, acting_as, log_access, log_access_many, log_reads
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering
from tests.weegploeg.factories import Weegploeg, full_dossier, signal
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db


def two_dossiers(wp):
    first = full_dossier(wp)[Assessment]
    second = signal(
        by=wp.agent, brought_by=wp.politie, region=wp.region, person={"surname": "Anders"}
    ).assessment
    return first, second


def test_s2_log_reads_names_each_dossier_root_once_in_one_insert(region):
    wp = Weegploeg(region)
    first, second = two_dossiers(wp)
    shown = [*first.signals.select_related("assessment"), *second.signals.all(), first]
    shown += list(first.agenda_items.select_related("assessment"))
    with CaptureQueriesContext(connection) as captured:
        written = log_reads(wp.agent, shown, kind=ReadKind.LIST)
    assert written == 2
    inserts = [q for q in captured.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("pk")
    assert [(e.content_type.model, e.object_pk, e.dossier_key) for e in entries] == [
        ("assessment", str(first.pk), first.number),
        ("assessment", str(second.pk), second.number),
    ]
    for entry in entries:
        assert entry.file_label == "weegploeg"
        assert entry.additional_data == {"read": "list"}
        assert entry.actor == wp.agent and entry.actor_party == wp.politie


def test_s2_the_queries_of_log_reads_do_not_grow_with_the_rows(region):
    from weegploeg.models import CriterionFinding, Signal

    wp = Weegploeg(region)
    first, second = two_dossiers(wp)

    def queries(rows):
        with CaptureQueriesContext(connection) as captured:
            log_reads(wp.agent, rows, kind=ReadKind.LIST)
        return len(captured.captured_queries)

    few = queries([*Signal.objects.filter(assessment=first), CriterionFinding.objects.first()])
    many = queries([*Signal.objects.all(), *CriterionFinding.objects.all(), second])
    assert many == few


def test_s2_log_reads_takes_the_request_and_logs_an_object_of_no_dossier_itself(region):
    wp = Weegploeg(region)
    request = RequestFactory().get("/")
    request.user = wp.uitvoerder
    assert log_reads(request, [wp.agent], kind=ReadKind.DETAIL) == 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert entry.content_type.model == "user" and entry.object_pk == str(wp.agent.pk)
    assert entry.file_label == "" and entry.dossier_key == ""
    assert entry.actor == wp.uitvoerder
    assert log_reads(None, []) == 0


def test_s2_a_read_in_a_context_keeps_its_actor(region):
    wp = Weegploeg(region)
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    with acting_as(wp.officier):
        log_reads(None, [assessment], kind=ReadKind.SEARCH)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS)
    assert entry.actor == wp.officier and entry.dossier_key == assessment.number


def test_s2_change_and_access_entries_carry_their_dossier(region):
    """auditlog's own create/update/delete entries and those of log_access(_many)."""
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    goal = case.goals.create(goal="risks")
    log_access(goal)
    log_access_many([case, *case.signals.all()])
    goal_pk = goal.pk
    goal.delete()
    entries = AuditEntry.objects.filter(
        content_type__app_label="cases", content_type__model="case", object_pk=str(case.pk)
    ) | AuditEntry.objects.filter(
        content_type__app_label="cases", content_type__model="plangoal", object_pk=str(goal_pk)
    )
    action = AuditEntry.Action
    assert {e.action for e in entries} == {
        action.CREATE,
        action.UPDATE,
        action.DELETE,
        action.ACCESS,
    }
    assert {(e.file_label, e.dossier_key) for e in entries} == {("ico", case.number)}
    # The m2m change of a decision names its assessment too.
    decision = AuditEntry.objects.filter(
        content_type=ContentType.objects.get(app_label="weegploeg", model="decision")
    )
    assert decision.exists() and not decision.filter(file_label="").exists()


def test_s2_every_audited_model_of_a_file_maps_to_its_dossier_root():
    mapped = {model for file in registry.files() for model in file.dossier_paths}
    file_apps = {model._meta.app_label for model in mapped}
    audited = {model for model in auditlog.get_models() if model._meta.app_label in file_apps}
    assert audited <= mapped, sorted(m.__name__ for m in audited - mapped)


def test_b8_backfill_derives_the_dossier_of_old_entries_rows_deleted_earlier_included(region):
    ag = Agendering(region)
    case = ag.agendeer(ag.assessment())
    goal = case.goals.create(goal="risks")
    goal_pk = goal.pk
    goal.delete()
    AuditEntry.objects.update(file_label="", dossier_key="")

    migration = importlib.import_module("security.migrations.0003_audit_backfill_dossier")
    migration.backfill(apps, None)

    assert not AuditEntry.objects.filter(
        content_type__app_label__in=["cases", "weegploeg"], file_label=""
    ).exists()
    ref = DossierRef("ico", case.number)
    gone = AuditEntry.objects.for_dossier(ref).filter(
        content_type__model="plangoal", object_pk=str(goal_pk)
    )
    assert set(gone.values_list("action", flat=True)) == {
        AuditEntry.Action.CREATE,
        AuditEntry.Action.DELETE,
    }


def test_s2_list_endpoints_and_pages_log_the_rows_they_return(region):
    """The mixins the API's list endpoints and the list pages use (finding 6)."""
    from django.views.generic import ListView
    from rest_framework import mixins, serializers, viewsets
    from rest_framework.permissions import AllowAny
    from rest_framework.test import APIRequestFactory, force_authenticate

    from config.read_audit import AccessLoggedPageMixin, AccessLoggedViewSetMixin
    from weegploeg.models import Signal

    wp = Weegploeg(region)
    first, second = two_dossiers(wp)

    class SignalSerializer(serializers.ModelSerializer):
        class Meta:
            model = Signal
            fields = ["id", "behaviour"]

    class Signals(AccessLoggedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
        queryset = Signal.objects.order_by("pk")
        serializer_class = SignalSerializer
        permission_classes = [AllowAny]

    request = APIRequestFactory().get("/api/v1/signalen", {"search": "x"})
    force_authenticate(request, user=wp.agent)
    response = Signals.as_view({"get": "list"})(request)
    assert response.status_code == 200 and len(response.data["results"]) == 2
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS)
    assert sorted(entries.values_list("dossier_key", flat=True)) == sorted(
        [first.number, second.number]
    )
    assert {e.additional_data["read"] for e in entries} == {"search"}
    assert {e.actor for e in entries} == {wp.agent}
    entries.delete()

    class Page(AccessLoggedPageMixin, ListView):
        queryset = Signal.objects.filter(assessment=second)
        template_name = "base.html"

    page_request = RequestFactory().get("/weegploeg/")
    page_request.user = wp.agent
    Page.as_view()(page_request)
    assert list(entries.values_list("dossier_key", "additional_data")) == [
        (second.number, {"read": "list"})
    ]


def test_s2_reads_one_after_another_outside_a_request_each_name_the_reader(region):
    """A task or service reading two dossiers in a row (an access answer over every file): the
    second read names its reader too, although the first one's audit context has ended."""
    from cases.models import Case
    from subjects import registry
    from subjects.registry import DossierRef
    from tests.subjects.dossier_fixtures import BUILDERS

    built = BUILDERS["weegploeg"](region)
    refs = [built.ref, DossierRef("ico", Case.objects.get().number)]
    for ref in refs * 2:
        registry.get(ref.file_label).export(ref, by=built.keeper)
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, dossier_key__in=[ref.key for ref in refs]
    )
    assert reads.count() >= 4
    assert set(reads.values_list("actor", flat=True)) == {built.keeper.pk}


def test_s2_issue13_every_entry_of_a_read_carries_the_whole_context(region):
    """The audit context (actor, e-mail, party, address, correlation id) is worked out once for
    the entries of one read and given to each of them, not only to the first."""
    from django.urls import reverse

    from tests.conftest import verified_client

    wp = Weegploeg(region)
    first, second = two_dossiers(wp)
    third = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    client = verified_client(wp.uitvoerder)
    assert client.get(reverse("weegploeg:assessment-list")).status_code == 200
    entries = list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ACCESS,
            dossier_key__in=[first.number, second.number, third.number],
        )
    )
    assert len(entries) == 3
    for entry in entries:
        assert (entry.actor, entry.actor_email) == (wp.uitvoerder, wp.uitvoerder.email)
        assert (entry.actor_party, entry.actor_party_name) == (wp.haarlem, wp.haarlem.name)
        assert entry.remote_addr == "127.0.0.1"
    assert len({entry.cid for entry in entries}) == 1


@pytest.mark.django_db(transaction=True)
def test_s2_issue13_the_read_of_one_dossier_is_one_insert_in_no_transaction_of_its_own(region):
    """A dossier's page writes its access entry in one INSERT, not wrapped in the BEGIN and
    COMMIT `bulk_create` puts around even one row (two more round trips on every such page),
    and the entry still carries its reader, the party and the dossier. Several entries are one
    INSERT too."""
    wp = Weegploeg(region)
    first, second = two_dossiers(wp)
    log_reads(wp.agent, [second])  # the reader's party, read once per process and request
    with CaptureQueriesContext(connection) as captured:
        assert log_reads(wp.agent, [first]) == 1
    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    assert statements.count("INSERT") == 1
    assert not {"BEGIN", "COMMIT", "SAVEPOINT"} & set(statements), statements
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("pk")
    assert (entry.actor, entry.actor_party_name) == (wp.agent, wp.politie.name)
    assert (entry.file_label, entry.dossier_key) == ("weegploeg", first.number)
    with CaptureQueriesContext(connection) as captured:
        assert log_reads(wp.agent, [first, second]) == 2
    inserts = [query for query in captured.captured_queries if query["sql"].startswith("INSERT")]
    assert len(inserts) == 1
