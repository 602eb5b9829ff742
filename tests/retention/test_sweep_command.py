"""`manage.py retention_sweep` (B2-B6, O3): a dry run prints the plan as of a date and changes
nothing; a real run sweeps and sums up; a bad date is refused clearly."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import gettext

from retention.models import DestructionRecord, Hold, SweepRun
from retention.services.sweep import preview
from tests.retention.sweep_fixtures import at, fate, not_substantial
from tests.weegploeg.factories import PERSON, Weegploeg

pytestmark = pytest.mark.django_db


def command(*args):
    out, err = StringIO(), StringIO()
    call_command("retention_sweep", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def dossiers(region):
    wp = Weegploeg(region)
    due = not_substantial(wp, on=date(2027, 1, 4))  # destroyed on 2027-07-04
    held = not_substantial(wp, on=date(2027, 1, 4))
    later = not_substantial(wp, on=date(2027, 2, 4))  # 2027-08-04
    Hold.objects.create(
        file_label=held.file_label,
        dossier_key=held.key,
        reasons="Lopende procedure.",
        controller_decision="Langer bewaren.",
        until=date(2028, 1, 1),
        recorded_by=wp.uitvoerder,
    )
    return due, held, later


def test_o3_the_dry_run_prints_the_plan_and_changes_nothing(dossiers):
    due, held, later = dossiers
    out, _ = command("--dry-run", "--as-of", "2027-07-04")
    lines = out.splitlines()
    assert any(due.key in line and "2027-07-04" in line for line in lines)
    (held_line,) = [line for line in lines if held.key in line]
    assert gettext("(held: skipped)") in held_line
    assert gettext("(held: skipped)") not in next(line for line in lines if due.key in line)
    assert later.key not in out
    assert PERSON["surname"] not in out
    assert not SweepRun.objects.exists()
    assert (fate(due), fate(held)) == ("kept", "kept")
    # The plan is the preview's: the held one is marked held.
    plan = {item.ref: item.held for item in preview(as_of=date(2027, 7, 4), days=0)}
    assert plan == {due: False, held: True}
    out, _ = command("--dry-run", "--as-of", "2027-07-04", "--days", "31")
    assert later.key in out


def test_o3_a_real_run_sweeps_as_of_the_date_and_sums_up(dossiers):
    due, held, later = dossiers
    with at(date(2027, 7, 4)):
        out, err = command()
    assert "2027-07-04" in out
    run = SweepRun.objects.get()
    assert (run.destroyed, run.held, run.archived, run.failed) == (1, 1, 0, 0)
    assert (fate(due), fate(held), fate(later)) == ("destroyed", "kept", "kept")
    assert DestructionRecord.objects.filter(dossier_key=due.key).exists()
    for count in (run.destroyed, run.held):
        assert str(count) in out
    out, _ = command("--as-of", "2027-08-04")
    assert fate(later) == "destroyed"


@pytest.mark.parametrize("value", ["04-07-2027", "2027-13-01", "morgen"])
def test_o3_a_bad_as_of_is_refused_clearly(value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        command("--dry-run", "--as-of", value)
    assert not SweepRun.objects.exists()
