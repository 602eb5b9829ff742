"""The ICO files through the registry of subjects/ only, as rights and retention use them: find,
export (R4 groundwork), last processing (B1), archive (B3) and destroy (B8)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from cases.models import Case
from security.models import AuditEntry
from subjects import registry
from subjects.registry import DossierRef, Identity
from tests.cases.transfer_fixtures import Agendering, full_case
from tests.weegploeg.factories import PERSON

pytestmark = pytest.mark.django_db


@pytest.fixture
def ag(region):
    return Agendering(region)


@pytest.fixture
def file():
    return registry.get("ico")


def identity(**changes):
    fields = {key: PERSON[key] for key in ("surname", "given_names", "date_of_birth", "prefix")}
    return Identity(**{**fields, **changes})


def test_the_ico_file_registers_itself(file):
    assert file in registry.files()
    assert file.label == "ico"


def test_find_dossiers_by_name_and_date_of_birth_or_bsn(ag, file):
    case = ag.agendeer(ag.assessment())
    case.bsn = "111222333"
    case.save()
    expected = [DossierRef("ico", case.number)]
    assert list(file.find_dossiers(identity(given_names="piet"))) == expected
    assert list(file.find_dossiers(identity(surname="Ander", bsn="111222333"))) == expected
    assert list(file.find_dossiers(identity(date_of_birth=date(2000, 1, 1)))) == []


def test_export_gives_data_purposes_recipients_and_sources(ag, file):
    case = full_case(ag)[Case]
    with translation.override("en"):
        sections = file.export(DossierRef("ico", case.number), by=ag.keeper)
    assert [section.title for section in sections] == [
        "Personal details",
        "Signals",
        "Analysis",
        "Plan of approach and measures",
        "Related people",
        "Disclosures and exports",
        "Meetings, decisions and closing",
        "Copies and checks of the file",
    ]
    naw, signals, analysis, plan, related, disclosures, closing, copies = sections
    assert {"Name": "Piet Jansen"} in naw.data
    assert {signal["Brought in by"] for signal in signals.data} == {
        ag.wp.politie.name,
        ag.wp.om.name,
    }
    assert analysis.data and plan.data and closing.data and copies.data
    # The related person's role and why, not their own name and address (AVG 15(4)).
    assert related.data == [
        {
            "Role": "Achterblijver (family member in the Netherlands)",
            "Why": "Moeder van Piet Jansen, betrokken bij het plan.",
        }
    ]
    for section in sections:
        assert section.purposes and section.recipients and section.sources, section.title
    # Recipients: the participating parties and the casusoverleg the copy went to; not a party
    # that takes no part, and the partner only where it received a disclosure.
    assert ag.wp.rvdk.name in naw.recipients and ag.wp.politie.name in naw.recipients
    assert "ICO CTER elders" in naw.recipients
    assert ag.wp.zandvoort.name not in naw.recipients
    assert ag.wp.extern.name not in naw.recipients
    assert disclosures.recipients == [ag.wp.extern.name]
    assert disclosures.sources == [ag.wp.politie.name]  # disclosure and export both by politie
    assert "The i2o weegploeg" in naw.sources and ag.wp.politie.name in signals.sources


def test_b1_last_processing_date_through_the_registry(ag, file):
    case = ag.agendeer(ag.assessment())
    ref = DossierRef("ico", case.number)
    assert file.last_processed_on(ref) == timezone.localdate(case.last_processed_at)


def test_b3_archive_through_the_registry(ag, file):
    case = ag.agendeer(ag.assessment())
    file.archive(DossierRef("ico", case.number), by=None)
    case.refresh_from_db()
    assert case.status == "archived" and case.archived_at is not None


def test_b8_destroy_leaves_nothing_of_the_case_not_even_audit_entries(ag, file):
    from config.audit import kind_of
    from weegploeg.models import Assessment, CaseTransfer

    dossier = full_case(ag)
    case = dossier[Case]
    rows = {model: obj for model, obj in dossier.items() if model is not CaseTransfer}
    keys = [(ContentType.objects.get_for_model(model), obj.pk) for model, obj in rows.items()]
    assert all(
        AuditEntry.objects.filter(content_type=ct, object_pk=str(pk)).exists() for ct, pk in keys
    )
    copied = case.copies_out.get().to_case_number

    counts = file.destroy(DossierRef("ico", case.number), by=None)
    assert counts[kind_of(Case)] == 1 and counts[kind_of(AuditEntry)] > 1  # per kind (B8)

    for model, obj in rows.items():
        assert not model.objects.filter(pk=obj.pk).exists(), model.__name__
    # Only the destruction record remains: the dossier's number and nothing of the person.
    left = AuditEntry.objects.filter(
        pk__in=[
            e.pk
            for ct, pk in keys
            for e in AuditEntry.objects.filter(content_type=ct, object_pk=str(pk))
        ]
    )
    assert [(e.action, e.changes, e.additional_data["destroyed"]) for e in left] == [
        (AuditEntry.Action.DELETE, None, True)
    ]
    # The other files keep their own dossiers: the weegploeg's and the copy elsewhere.
    assert Assessment.objects.filter(number=dossier[CaseTransfer].assessment.number).exists()
    assert Case.objects.filter(number=copied).exists()
    assert [ref.key for ref in file.find_dossiers(identity())] == [copied]


def test_b8_destroy_purges_the_entries_of_rows_deleted_earlier(ag, file):
    """B8, finding 10: a goal replaced by set_goals leaves CREATE and DELETE entries of a row
    that is gone; destroying the case must purge them too."""
    from cases import services
    from cases.models import PlanGoal

    case = ag.agendeer(ag.assessment())
    services.set_goals(case, ["deradicalise"], by=ag.keeper)
    replaced = case.goals.get()
    services.set_goals(case, ["risks"], by=ag.keeper)
    ct = ContentType.objects.get_for_model(PlanGoal)
    old = AuditEntry.objects.filter(content_type=ct, object_pk=str(replaced.pk))
    assert set(old.values_list("action", flat=True)) == {
        AuditEntry.Action.CREATE,
        AuditEntry.Action.DELETE,
    }

    file.destroy(DossierRef("ico", case.number), by=None)

    assert not old.exists()
