"""Status changes in one place per file (ARCHITECTURE; issue 8, finding 3): the allowed changes
of both files as tables with guards, refused changes with a Dutch message, and a walk over the
project's code that fails on any module outside a `transitions.py` that sets a status."""

import ast
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from cases import services as case_services
from cases import transitions as case_transitions
from cases.constants import CaseStatus, ClosingReason, MeasureStatus
from cases.models import Measure
from tests.cases.factories import Ico
from tests.weegploeg.factories import analyse, signal
from weegploeg import services as weegploeg_services
from weegploeg import transitions as weegploeg_transitions
from weegploeg.constants import AssessmentStatus, Outcome

ROOT = Path(__file__).resolve().parents[2]
STATUS_FIELDS = {"status"}
WRITERS = {"update", "bulk_update", "update_or_create"}


# --- the walk over the code -------------------------------------------------------------------


def _targets(node):
    if isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _targets(element)
    elif isinstance(node, ast.Starred):
        yield from _targets(node.value)
    else:
        yield node


def status_writes(source: str) -> list[int]:
    """The line numbers where `source` sets a status directly: `x.status = ...` (also in a tuple
    or augmented), `setattr(x, "status", ...)`, `.update(status=...)`,
    `.bulk_update(rows, ["status"])` or `.update_or_create(..., defaults={"status": ...})`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for leaf in _targets(target):
                    if isinstance(leaf, ast.Attribute) and leaf.attr in STATUS_FIELDS:
                        found.append(node.lineno)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            literals = {
                sub.value
                for arg in [*node.args, *(keyword.value for keyword in node.keywords)]
                for sub in ast.walk(arg)
                if isinstance(sub, ast.Constant)
            }
            keywords = {keyword.arg for keyword in node.keywords}
            if (
                name == "setattr"
                and literals & STATUS_FIELDS
                or name in WRITERS
                and (keywords | literals) & STATUS_FIELDS
            ):
                found.append(node.lineno)
    return sorted(set(found))


def project_modules() -> list[Path]:
    """Every Python file of the project under version control or new in the worktree: the
    apps, config, scripts, demo seeding and the tests alike. Nothing is left out."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).exists()]


def test_the_walk_sees_every_way_of_setting_a_status():
    source = "\n".join(
        [
            "case.status = 'closed'",
            "a.status, b = 'x', 1",
            "measure.status += ''",
            "setattr(case, 'status', 'active')",
            "Case.objects.filter(pk=1).update(status='archived')",
            "Case.objects.bulk_update(rows, ['status'])",
            "Case.objects.update_or_create(pk=1, defaults={'status': 'closed'})",
            "status = 'free'",  # a local name, not a status
            "case.filter(status='active')",  # a read
            "Measure(status=measure.status)",  # a new row (a copy), not a change
        ]
    )
    assert status_writes(source) == [1, 2, 3, 4, 5, 6, 7]


def test_no_module_outside_a_transitions_module_sets_a_status():
    modules = project_modules()
    assert any(path.name == "services.py" for path in modules)
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in modules
        if path.name != "transitions.py"
        for line in status_writes(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


# --- the weegploeg file (W3) --------------------------------------------------------------------


def _analysed(wp):
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    return assessment


def _decide(wp, assessment):
    weegploeg_services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende substantieel.",
        decided_on=date(2026, 11, 20),
    )


def test_w3_the_weegploeg_table_holds_decide_and_reopen_only():
    assert set(weegploeg_transitions.ASSESSMENT.transitions) == {
        (AssessmentStatus.OPEN, AssessmentStatus.DECIDED),
        (AssessmentStatus.DECIDED, AssessmentStatus.OPEN),
    }


@pytest.mark.django_db
def test_w3_an_assessment_is_decided_and_reopened_through_its_table(wp):
    assessment = _analysed(wp)
    _decide(wp, assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED
    weegploeg_services.reopen(assessment, by=wp.uitvoerder, reason="Nieuw signaal.")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.OPEN


@pytest.mark.django_db
def test_w3_refused_assessment_transitions_say_why_in_dutch(wp):
    assessment = _analysed(wp)
    transition = weegploeg_transitions.transition
    with translation.override("nl"):
        # Decided without a decision.
        with pytest.raises(ValidationError) as refused:
            transition(assessment, AssessmentStatus.DECIDED, by=wp.uitvoerder)
        assert refused.value.messages == ["Leg eerst het besluit vast."]
        # Reopened while open.
        with pytest.raises(ValidationError) as refused:
            transition(assessment, AssessmentStatus.OPEN, by=wp.uitvoerder)
        assert refused.value.messages == ["Over deze weging is nog niet besloten."]
        _decide(wp, assessment)
        # Decided twice.
        with pytest.raises(ValidationError) as refused:
            transition(assessment, AssessmentStatus.DECIDED, by=wp.uitvoerder)
        assert "heropen haar eerst" in refused.value.messages[0]
        # Reopened without a recorded reopening.
        with pytest.raises(ValidationError) as refused:
            transition(assessment, AssessmentStatus.OPEN, by=wp.uitvoerder)
        assert refused.value.messages == ["Leg eerst de reden van heropening vast."]
    # Nobody: only the retention sweep changes a status without a person, and not this one.
    with pytest.raises(PermissionDenied):
        transition(assessment, AssessmentStatus.OPEN, by=None)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DECIDED


@pytest.mark.django_db
def test_w3_reopening_refused_without_a_reason_leaves_the_decision_alone(wp):
    assessment = _analysed(wp)
    with pytest.raises(ValidationError):
        weegploeg_services.reopen(assessment, by=wp.uitvoerder, reason="Nieuw.")
    _decide(wp, assessment)
    with pytest.raises(ValidationError) as refused:
        weegploeg_services.reopen(assessment, by=wp.uitvoerder, reason="  ")
    assert "reason" in refused.value.message_dict
    assert assessment.decisions.get().reopened_at is None


# --- the ICO files (C3, C5, B3) -----------------------------------------------------------------


@pytest.fixture
def ico(region):
    return Ico(region)


def _advise(ico, case):
    case_services.advise_closing(
        case, by=ico.keeper, advice="Doel bereikt.", advised_on=date(2026, 11, 30)
    )


def _close(ico, case):
    _advise(ico, case)
    case_services.decide_closing(
        case, by=ico.keeper, reason=ClosingReason.RESULT_REACHED, decided_on=date(2026, 12, 1)
    )


def test_c5_the_case_table_closes_reopens_and_archives():
    assert set(case_transitions.CASE.transitions) == {
        (CaseStatus.ACTIVE, CaseStatus.CLOSED),
        (CaseStatus.CLOSED, CaseStatus.ACTIVE),
        (CaseStatus.ACTIVE, CaseStatus.ARCHIVED),
        (CaseStatus.CLOSED, CaseStatus.ARCHIVED),
        (CaseStatus.ARCHIVED, CaseStatus.ACTIVE),  # B5: reactivated as it was
        (CaseStatus.ARCHIVED, CaseStatus.CLOSED),
    }


@pytest.mark.django_db
def test_c5_a_case_is_closed_reopened_and_archived_through_its_table(ico):
    case = ico.open_case()
    _close(ico, case)
    assert case.status == CaseStatus.CLOSED
    case_services.reopen(case, by=ico.keeper, reason="Nieuwe signalen (VH 15.2).")
    assert case.status == CaseStatus.ACTIVE
    case_services.archive(case, by=None)  # B3: the retention sweep, without a person
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED


@pytest.mark.django_db
def test_c5_refused_case_transitions_say_why_in_dutch(ico):
    case = ico.open_case()
    transition = case_transitions.transition
    with translation.override("nl"):
        _advise(ico, case)
        with pytest.raises(ValidationError) as refused:
            transition(case, CaseStatus.CLOSED, by=ico.keeper)  # advised, not decided
        assert refused.value.messages == ["Leg eerst het besluit tot afsluiten vast."]
        with pytest.raises(ValidationError) as refused:
            case_services.reopen(case, by=ico.keeper, reason="Waarom niet.")
        assert refused.value.messages == ["Alleen een gesloten casus wordt heropend."]
        case_services.decide_closing(
            case, by=ico.keeper, reason=ClosingReason.MOVED_AWAY, decided_on=date(2026, 12, 1)
        )
        with pytest.raises(ValidationError) as refused:
            transition(case, CaseStatus.ACTIVE, by=ico.keeper)  # no reopening recorded
        assert refused.value.messages == ["Leg eerst de reden van heropening vast."]
        with pytest.raises(PermissionDenied):
            transition(case, CaseStatus.ACTIVE, by=None)
        case_services.archive(case, by=None)
        with pytest.raises(ValidationError) as refused:
            transition(case, CaseStatus.ACTIVE, by=ico.keeper)
        assert refused.value.messages == [
            "Een casus die gesloten was voor het archiveren, komt gesloten weer beschikbaar."
        ]
        with pytest.raises(ValidationError) as refused:
            case_services.reopen(case, by=ico.keeper, reason="Eerst heractiveren.")
        assert refused.value.messages == ["Alleen een gesloten casus wordt heropend."]
        with pytest.raises(ValidationError) as refused:
            transition(case, CaseStatus.ARCHIVED, by=None)
        assert refused.value.messages == ["Deze casus is al gearchiveerd."]
    case.refresh_from_db()
    assert case.status == CaseStatus.ARCHIVED


MEASURE_MOVES = {
    (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS),
    (MeasureStatus.PLANNED, MeasureStatus.DONE),
    (MeasureStatus.PLANNED, MeasureStatus.CANCELLED),
    (MeasureStatus.IN_PROGRESS, MeasureStatus.DONE),
    (MeasureStatus.IN_PROGRESS, MeasureStatus.CANCELLED),
    (MeasureStatus.DONE, MeasureStatus.IN_PROGRESS),
    (MeasureStatus.CANCELLED, MeasureStatus.PLANNED),
}


@pytest.mark.django_db
@pytest.mark.parametrize("source", MeasureStatus.values)
def test_c3_a_measure_moves_only_as_its_table_allows(ico, source):
    case = ico.open_case()
    assert set(case_transitions.MEASURE.transitions) == MEASURE_MOVES
    for target in MeasureStatus.values:
        # A measure in the status under test (a new row: setting up, not a change).
        measure = Measure.objects.create(
            case=case,
            description="Gesprek met de wijkagent.",
            owner=ico.politie,
            deadline=date(2026, 12, 1),
            status=source,
            created_by=ico.keeper,
        )
        if (source, target) in MEASURE_MOVES:
            case_transitions.transition(measure, target, by=ico.keeper)
            measure.refresh_from_db()
            assert measure.status == target
        else:
            with translation.override("nl"), pytest.raises(ValidationError) as refused:
                case_transitions.transition(measure, target, by=ico.keeper)
            assert list(refused.value.message_dict) == ["status"]
            assert "kan niet" in refused.value.message_dict["status"][0]
            measure.refresh_from_db()
            assert measure.status == source


@pytest.mark.django_db
def test_c3_progress_with_a_refused_status_names_the_status_field(ico):
    case = ico.open_case()
    measure = case_services.add_measure(
        case, by=ico.keeper, description="Intake.", owner=ico.rvdk, deadline=date(2026, 12, 1)
    )
    case_services.report_progress(
        measure, by=ico.keeper, text="Afgerond.", status=MeasureStatus.DONE
    )
    with pytest.raises(ValidationError) as refused:
        case_services.report_progress(
            measure, by=ico.keeper, text="Toch niet.", status=MeasureStatus.PLANNED
        )
    assert list(refused.value.message_dict) == ["status"]
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE
