"""Real dossiers for the sweep's tests, made on a given day with time-machine (their last
processing and decision fall on that day), and what became of them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from subjects import registry
from subjects.registry import DossierRef

TZ = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour: int = 10):
    """The clock on `day`; a worker thread of this process sees it too. The clock runs on
    from there: a worker whose clock stood still would never see its own timeouts pass."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=TZ))


def not_substantial(wp, *, on: date, person: dict | None = None) -> DossierRef:
    """A weegploeg dossier decided "not substantial enough" on `on` (CTER 13.4, B2), about
    `person` (the factories' own by default)."""
    from tests.weegploeg.factories import analyse, signal
    from weegploeg import services
    from weegploeg.constants import Outcome

    with at(on):
        assessment = signal(
            by=wp.agent, brought_by=wp.politie, region=wp.region, person=person
        ).assessment
        analyse(assessment, by=wp.uitvoerder)
        services.decide(
            assessment,
            by=wp.uitvoerder,
            outcome=Outcome.NOT_SUBSTANTIAL,
            reasons="Onvoldoende substantieel.",
            decided_on=on,
        )
    return DossierRef("weegploeg", assessment.number)


def case(ico, *, on: date) -> DossierRef:
    """A case of an ICO opened (and last processed) on `on`."""
    with at(on):
        opened = ico.open_case()
    return DossierRef("ico", opened.number)


def fate(ref: DossierRef) -> str:
    """ "destroyed", "archived" or "kept", read through the registry."""
    state = registry.get(ref.file_label).state(ref)
    if state is None:
        return "destroyed"
    return "archived" if state.archived else "kept"


def records(ref: DossierRef):
    from retention.models import DestructionRecord

    return DestructionRecord.objects.filter(file_label=ref.file_label, dossier_key=ref.key)


def sweep(day: date, **options):
    from retention.constants import Trigger
    from retention.services.sweep import run_sweep

    with at(day):
        return run_sweep(trigger=options.pop("trigger", Trigger.COMMAND), **options)
