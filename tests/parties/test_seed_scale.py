"""Issue 13: `seed_scale` at a tiny scale makes what the national one makes, in proportion, with
the permissions the project's own sync gives (checked on every dossier here, not a sample),
each function seeing what it should, and an audit trail whose entries carry their dossier and
verify in the hash chain."""

import json
import random
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from cases import sight as case_sight
from cases.constants import CaseStatus, MeasureStatus
from cases.counts import case_counts
from cases.models import Case, CaseGroupPermission, CaseMeetingSight, Disclosure, Measure
from cases.permissions import sync_case_permissions
from cases.selectors import disclosures_for, visible_cases
from parties.constants import FileKind, Function, PartyKind, PartyRole
from parties.models import FileAuthorisation, Party, User, Veiligheidshuis
from parties.permissions import live_authorisations
from parties.services import sync_user_groups
from retention.services.sweep import preview
from scale.plan import make_plan
from scale.run import UNUSUAL_READS_DAYS, NotEmpty, seed
from scale.structure import REASON
from security import anomalies
from security.models import AuditEntry, UnusualRead, UnusualReadsProgress
from security.services.chain import verify_chain
from security.services.unusual_reads import start_from
from subjects.matching import normalise_name
from tests.factories import VeiligheidshuisFactory
from weegploeg import sight as weegploeg_sight
from weegploeg.counts import signals_counted
from weegploeg.models import Assessment, AssessmentGroupPermission, MeetingSight, Signal
from weegploeg.permissions import sync_assessment_permissions
from weegploeg.selectors import visible_assessments

SCALE = 0.0005

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seed for the module, in a transaction rolled back after its last test; each test
    runs in a savepoint inside it, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed(SCALE, sample=5)
        transaction.set_rollback(True)


def _rows(model, pk):
    return set(model.objects.filter(content_object_id=pk).values_list("group_id", "permission_id"))


def _user(function=None, kind=None, role=None):
    users = User.objects.filter(membership__isnull=False).order_by("pk")
    if function:
        users = users.filter(membership__functions__function=function)
    if kind:
        users = users.filter(membership__party__kind=kind)
    if role:
        users = users.filter(membership__party__role=role)
    return users.select_related("membership__party").first()


def _files(user, kind):
    return live_authorisations(user).filter(file__kind=kind).values_list("file__key", flat=True)


def test_issue13_counts_in_proportion(seeded):
    plan = make_plan(SCALE, now=timezone.now())
    assert Veiligheidshuis.objects.count() == plan.regions == 2
    assert Assessment.objects.count() == plan.assessments
    assert Signal.objects.count() == plan.signals
    assert Case.objects.count() == plan.cases
    assert Measure.objects.count() == plan.measures
    assert AuditEntry.objects.count() >= plan.audit_entries
    assert User.objects.count() >= plan.users
    # Every function and kind of party is there (the tiny seed keeps the national shape).
    functions = set(User.objects.values_list("membership__functions__function", flat=True))
    assert functions == set(Function.values) - {None}
    assert set(Party.objects.values_list("role", flat=True)) == set(PartyRole.values)
    # Statuses spread, deadlines past and future, dates over the years.
    assert {"open", "decided"} <= set(Assessment.objects.values_list("status", flat=True))
    assert Assessment.objects.filter(archived_at__isnull=False).exists()
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    today = timezone.localdate()
    open_measures = Measure.objects.filter(status__in=[MeasureStatus.PLANNED, "in_progress"])
    assert open_measures.filter(deadline__lt=today).exists()
    assert open_measures.filter(deadline__gte=today).exists()
    oldest = Case.objects.order_by("created_at").first().created_at
    assert (timezone.now() - oldest).days > 365 * 2
    # The name key is the project's, as PersonData.save would set it.
    for assessment in Assessment.objects.all()[:20]:
        key = normalise_name(assessment.given_names, assessment.prefix, assessment.surname)
        assert assessment.name_key == key
    # Nothing happened after the seed's moment.
    moment = timezone.now()
    assert not Assessment.objects.filter(last_processed_at__gt=moment).exists()
    assert not Case.objects.filter(last_processed_at__gt=moment).exists()
    assert not AuditEntry.objects.filter(timestamp__gt=moment).exists()
    assert not Disclosure.objects.filter(disclosed_at__gt=moment).exists()
    # Nothing is due on the seed's day: as after hourly sweeps (B2-B4).
    assert preview(days=0) == []


def test_issue13_permissions_are_what_the_projects_sync_gives(seeded):
    """Every dossier and user here (the seed itself checks a sample at national scale)."""
    for assessment in Assessment.objects.select_related("veiligheidshuis"):
        before = _rows(AssessmentGroupPermission, assessment.pk)
        assert before, assessment.number
        sync_assessment_permissions(assessment)
        assert _rows(AssessmentGroupPermission, assessment.pk) == before, assessment.number
    for case in Case.objects.select_related("casusoverleg__veiligheidshuis"):
        before = _rows(CaseGroupPermission, case.pk)
        sync_case_permissions(case)
        assert _rows(CaseGroupPermission, case.pk) == before, case.number
    for user in User.objects.filter(membership__isnull=False):
        before = set(user.groups.values_list("pk", flat=True))
        sync_user_groups(user)
        assert set(user.groups.values_list("pk", flat=True)) == before, user.username


def test_issue13_each_function_sees_what_it_should(seeded):
    politie = _user(Function.DEELNEMER, PartyKind.POLITIE)
    regions = Veiligheidshuis.objects.filter(code__in=_files(politie, FileKind.WEEGPLOEG))
    assert set(visible_assessments(politie)) == set(
        Assessment.objects.filter(veiligheidshuis__in=regions)
    )
    gemeente = (
        User.objects.filter(membership__party__kind=PartyKind.GEMEENTE)
        .exclude(membership__functions__function__in=[Function.UITVOERDER, Function.VOORZITTER])
        .exclude(membership__functions__function__in=[Function.FG, Function.BEHEERDER])
        .select_related("membership__party")
        .first()
    )
    party = gemeente.membership.party
    expected = Assessment.objects.filter(
        veiligheidshuis__code__in=_files(gemeente, FileKind.WEEGPLOEG),
        municipality_code=party.municipality_code,
    )
    assert set(visible_assessments(gemeente)) == set(expected)
    keeper = _user(Function.UITVOERDER)
    kept = Veiligheidshuis.objects.filter(code__in=_files(keeper, FileKind.WEEGPLOEG))
    assert set(visible_assessments(keeper)) == set(
        Assessment.objects.filter(veiligheidshuis__in=kept)
    )
    assert set(visible_cases(keeper)) == set(
        Case.objects.filter(casusoverleg__veiligheidshuis__in=kept)
    )
    casuspartij = _user(Function.CASEMANAGER, role=PartyRole.CASUSPARTIJ)
    overleggen = [int(key) for key in _files(casuspartij, FileKind.ICO)]
    taking_part = Case.objects.filter(
        casusoverleg__in=overleggen,
        participants__party=casuspartij.membership.party,
        participants__until__isnull=True,
    ).exclude(status=CaseStatus.ARCHIVED)
    assert set(visible_cases(casuspartij)) == set(taking_part)
    assert not visible_assessments(casuspartij).exists()
    chair = _user(Function.VOORZITTER)
    chaired = [int(key) for key in _files(chair, FileKind.ICO)]
    assert set(visible_cases(chair)) == set(
        Case.objects.filter(casusoverleg__in=chaired, participants__party=chair.membership.party)
    )
    partner = (
        User.objects.filter(membership__party__role=PartyRole.EXTERN)
        .filter(membership__party__declarations__isnull=False)
        .first()
    )
    assert not visible_cases(partner).exists()
    assert not visible_assessments(partner).exists()
    # C6: not once the case is archived (open to the kernpartijen only).
    assert set(disclosures_for(partner)) == set(
        Disclosure.objects.filter(partner=partner.membership.party).exclude(
            case__status=CaseStatus.ARCHIVED
        )
    )
    for nobody in (_user(Function.FG), _user(Function.BEHEERDER)):
        assert not visible_assessments(nobody).exists()
        assert not visible_cases(nobody).exists()


def test_issue13_audit_entries_carry_their_dossier_and_verify(seeded):
    entries = AuditEntry.objects.all()
    assert not entries.filter(dossier_key="").exists()
    numbers = {
        "weegploeg": set(Assessment.objects.values_list("number", flat=True)),
        "ico": set(Case.objects.values_list("number", flat=True)),
    }
    found = Counter()
    for label, key, action in entries.values_list("file_label", "dossier_key", "action"):
        assert key in numbers[label]
        found[action] += 1
    assert found[AuditEntry.Action.CREATE] and found[AuditEntry.Action.ACCESS]
    assert found[AuditEntry.Action.UPDATE]
    assert not entries.filter(actor_id__isnull=False, actor_party_id__isnull=True).exists()
    assert verify_chain().ok


def test_issue13_refuses_a_database_with_data():
    VeiligheidshuisFactory()  # (with or without the module's seed around it)
    with pytest.raises(NotEmpty, match="already holds data"):
        seed(SCALE)
    with pytest.raises(CommandError, match="already holds data"):
        call_command("seed_scale", "--scale", "0.001", "--no-progress")


def test_issue13_the_sample_check_finds_a_permission_the_sync_would_not_give(seeded):
    from scale.permissions import differences

    # The keepers' right to change goes from every assessment: any sample finds it.
    AssessmentGroupPermission.objects.filter(permission__codename="change_assessment").delete()
    found = differences(3, random.Random(1))
    assert len([name for name in found if name.startswith("weegploeg.Assessment")]) == 3


def test_issue13_the_counts_on_the_parent_rows_equal_the_children(seeded):
    """The lists read the counts kept on the parent rows; the bulk load must leave them true."""
    kept = Assessment._base_manager.annotate(real=signals_counted()).values_list(
        "signal_count", "real"
    )
    assert Signal.objects.exists() and all(stored == real for stored, real in kept)
    fields = list(case_counts())
    real = {f"real_{field}": value for field, value in case_counts().items()}
    for row in Case._base_manager.annotate(**real).values(*fields, *real):
        assert [row[field] for field in fields] == [row[f"real_{field}"] for field in fields]
    assert Case._base_manager.filter(open_measure_count__gt=0).exists()


@pytest.mark.parametrize(
    ("model", "file_sight"), [(MeetingSight, weegploeg_sight), (CaseMeetingSight, case_sight)]
)
def test_issue13_the_meetings_each_group_sees_are_worked_out_after_the_bulk_load(
    seeded, model, file_sight
):
    """ADR 0039: which groups see each meeting of both files, kept as rows, as worked out
    afresh."""
    kept = set(model.objects.values_list("meeting_id", "group_id"))
    file_sight.refresh_all()
    assert kept and kept == set(model.objects.values_list("meeting_id", "group_id"))


def test_issue13_s2_the_seeds_fast_seal_is_the_chains_hash():
    """The seed writes the chain's canonical JSON out itself; every entry's hash must be
    `entry_hash`'s (so the seed never falls back to the slow path unnoticed)."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from scale.audit import READ_KINDS, AuditLog, _canonical
    from security.services.chain import entry_hash

    party = SimpleNamespace(pk=7, name="Gemeente Súdwest-Fryslân")
    log = AuditLog(party_of={3: party}, rng=random.Random(1), now=datetime.now(UTC))
    stamp = datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC).timestamp()
    changes = _canonical({"id": ["None", "5"], "surname": ["None", 'Ö\'Brien "x"\n']})
    entries = [
        (stamp, (1, 12, 5, "W-2025-00001", 3, "weegploeg", "W-2025-00001", changes, None)),
        (stamp + 1, (2, 12, 5, "W-2025-00001", None, "weegploeg", "W-2025-00001", None, None)),
        (stamp + 2, (3, 14, 9, "C-2025-100000", 3, "ico", "C-2025-100000", None, READ_KINDS[0])),
    ]
    state = {"id": 100, "sequence": 40, "previous": "0" * 64, "exact": False}
    rows = list(log._rows(entries, state))
    assert state["exact"] is False
    previous = "0" * 64
    for row in rows:
        values = dict(zip(("id", "sequence", "action", "timestamp"), row[:4], strict=True))
        values["timestamp"] = datetime.fromisoformat(values["timestamp"])
        names = ("content_type_id", "object_pk", "object_id", "object_repr", "serialized_data")
        values.update(zip(names, row[4:9], strict=True))
        names = ("changes_text", "changes", "actor_id", "actor_email", "actor_party_id")
        values.update(zip(names, row[9:14], strict=True))
        names = ("actor_party_name", "cid", "remote_addr", "remote_port", "additional_data")
        values.update(zip(names, row[14:19], strict=True))
        values.update(file_label=row[19], dossier_key=row[20])
        for name in ("changes", "additional_data"):
            values[name] = json.loads(values[name]) if values[name] else None
        assert row[-2] == previous
        assert row[-1] == entry_hash(previous, values)
        previous = row[-1]
    log.dir.cleanup()


def test_s2_issue13_the_seeded_readers_held_their_files_before_the_first_read(seeded):
    """The authorisations date from when the members joined, so the seeded reads are not all
    reads outside the readers' files (S2)."""
    first = AuditEntry.objects.order_by("timestamp").values_list("timestamp", flat=True).first()
    seeded_grants = FileAuthorisation.objects.filter(reason=REASON)
    assert seeded_grants.exists()
    assert not seeded_grants.filter(granted_at__gt=first).exists()


def test_s2_issue13_the_seed_works_out_the_unusual_reads_of_its_last_days(seeded):
    since = timezone.now() - timedelta(days=UNUSUAL_READS_DAYS)
    progress = UnusualReadsProgress.objects.get()
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    assert progress.sequence == last
    assert progress.worked_out_at is not None
    # Every read of the last days at night is marked (the rule easiest to see from outside).
    thresholds = anomalies.Thresholds.from_settings()
    reads = AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, timestamp__gte=since, actor_id__isnull=False
    ).values_list("id", "timestamp")
    hour = timezone.localtime
    at_night = {pk for pk, at in reads if anomalies.night_hour(hour(at).hour, thresholds)}
    assert at_night
    marked = UnusualRead.objects.filter(night=True).values_list("entry_id", flat=True)
    assert set(marked) >= at_night
    # Never back: a later start before the watermark leaves it where it is.
    assert start_from(since - timedelta(days=30)) == last
