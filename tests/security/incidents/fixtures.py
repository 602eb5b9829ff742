"""The world of the incident tests (S3): Kennemerland with its FG and uitvoerder (the
overseers), a deelnemer of the police and a beheerder, and another Veiligheidshuis with an
uitvoerder of its own. Values that are easy to spot, to prove no mail shows them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from parties.constants import Function
from security.services import incidents
from tests.factories import PartyFactory, VeiligheidshuisFactory, make_user

TZ = ZoneInfo("Europe/Amsterdam")
WHAT = "Lijst met Zichtbarenaam en BSN 123456782 naar verkeerd adres gemaild"
AFFECTED = "Agenda met Herkenbaaradres"


def at(moment: datetime, *, tick: bool = True):
    return time_machine.travel(moment, tick=tick)


class World:
    def __init__(self, region, gemeente, politie):
        self.region, self.gemeente, self.politie = region, gemeente, politie
        self.fg = make_user(gemeente, Function.FG, username="fg")
        self.uitvoerder = make_user(gemeente, Function.UITVOERDER, username="uitvoerder")
        self.deelnemer = make_user(politie, Function.DEELNEMER, username="agent")
        self.beheerder = make_user(gemeente, Function.BEHEERDER, username="beheerder")
        self.elsewhere = VeiligheidshuisFactory(code="amsterdam", name="VH Amsterdam")
        amsterdam = PartyFactory(
            gemeente=True, name="Gemeente Amsterdam", veiligheidshuizen=[self.elsewhere]
        )
        self.uitvoerder_elsewhere = make_user(
            amsterdam, Function.UITVOERDER, username="uitvoerder.amsterdam"
        )

    def report(self, *, discovered_at, by=None, region=None):
        return incidents.report_incident(
            by=by or self.deelnemer,
            what_happened=WHAT,
            discovered_at=discovered_at,
            affected=AFFECTED,
            veiligheidshuis=region or self.region,
        )


@pytest.fixture
def world(region, gemeente, politie):
    return World(region, gemeente, politie)
