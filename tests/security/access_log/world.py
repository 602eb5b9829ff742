"""The world of the access-log tests (S2): a Veiligheidshuis with its casusoverleg, its FG and
uitvoerder, and a second Veiligheidshuis whose people read and are read; reads and changes
written at fixed times."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from config.audit import ReadKind, log_reads, write_entry
from parties.constants import Function
from security.models import AuditEntry
from subjects.registry import DossierRef
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory, make_user

TZ = ZoneInfo("Europe/Amsterdam")


def at(year, month, day, hour=10, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def on(moment: datetime):
    """The clock standing at `moment`."""
    return time_machine.travel(moment, tick=False)


def read(actor, obj, moment: datetime, kind: str = ReadKind.DETAIL) -> AuditEntry:
    """One read of `obj`'s dossier by `actor` at `moment`: the entry the page would write."""
    with on(moment):
        log_reads(actor, [obj], kind=kind)
    return AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).latest("pk")


def worked_out(moment: datetime | None = None):
    """The beat jobs as they run after the reads: the chain seals the entries, then the unusual
    reads are worked out (S2, docs/adr/0027), with the clock at `moment` if given."""
    from security.services.chain import seal_pending
    from security.services.unusual_reads import work_out

    if moment is None:
        seal_pending()
        return work_out()
    with on(moment):
        seal_pending()
        return work_out()


def change(actor, obj, moment: datetime, action=AuditEntry.Action.UPDATE) -> AuditEntry:
    with on(moment):
        return write_entry(obj, action, by=actor, changes={"status": ["a", "b"]})


def ref_of(case) -> DossierRef:
    return DossierRef("ico", case.number)


class World:
    def __init__(self, region):
        self.region = region
        self.ico = Ico(region)
        self.fg = make_user(self.ico.gemeente, Function.FG, username=f"fg-{region.code}")
        self.uitvoerder = self.ico.keeper
        self.agent = self.ico.agent
        self.elsewhere = VeiligheidshuisFactory(code="elders", name="Veiligheidshuis Elders")
        self.other = Ico(self.elsewhere)
        self.other_uitvoerder = self.other.keeper
        self.cases = []

    def case(self):
        case = self.ico.open_case()
        self.cases.append(case)
        return case

    def other_case(self):
        return self.other.open_case()
