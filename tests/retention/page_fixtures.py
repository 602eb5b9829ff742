"""Test data of the retention pages (B2-B6): a weegploeg dossier and an ICO case in one
Veiligheidshuis kept by its uitvoerder (`keeper`), with users on the other side of every
permission: a kernpartij deelnemer of the same file (`agent`), a beheerder of the keeper's own
party (`beheerder`) and the uitvoerder of another Veiligheidshuis (`stranger`)."""

from datetime import date

import pytest

from parties.constants import Function
from retention.services.sweep import Planned
from subjects import registry
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering
from tests.clock import NOW
from tests.factories import VeiligheidshuisFactory, data_file, kennemerland, make_user
from tests.module_world import per_module

TODAY = date(2026, 12, 1)


class RetentionWorld:
    def __init__(self, region):
        self.ag = ag = Agendering(region)
        self.keeper = ag.keeper
        self.agent = ag.wp.agent
        self.beheerder = make_user(ag.wp.haarlem, Function.BEHEERDER, username="beheerder-vh")
        assessment = ag.assessment()
        self.case = ag.agendeer(assessment)
        self.weegploeg_ref = DossierRef("weegploeg", assessment.number)
        self.ico_ref = DossierRef("ico", self.case.number)
        self.weegploeg_file = data_file(region)
        self.ico_file = data_file(ag.overleg)
        elders = Agendering(VeiligheidshuisFactory(code="elders-vh", name="Veiligheidshuis Elders"))
        self.stranger = elders.keeper
        self.elders_ref = DossierRef("weegploeg", elders.assessment().number)
        self.elders_file = data_file(elders.region)

    def archive(self, ref=None):
        ref = ref or self.weegploeg_ref
        registry.get(ref.file_label).archive(ref, by=self.keeper)
        return ref

    def planned(self, ref, *, held=False, due_on=TODAY) -> Planned:
        return Planned(
            ref=ref,
            action="archiveren",
            rule="archieftermijn",
            due_on=due_on,
            data_file_id=(self.elders_file if ref == self.elders_ref else self.weegploeg_file).pk,
            file_name="Weegploeg",
            casusoverleg="",
            held=held,
        )


# Built once per module (tests/module_world.py); a module imports all three names.
rw_built, rw_copy = per_module(lambda: RetentionWorld(kennemerland()), name="rw_copy", at=NOW)


@pytest.fixture
def rw(rw_copy, clock):
    """The world, and the clock standing at its day for the test."""
    return rw_copy


def plan(monkeypatch, planned: list[Planned]) -> None:
    """More dossiers due than a test builds cheaply (pagination)."""
    monkeypatch.setattr("retention.selectors.preview", lambda **kwargs: list(planned))
