"""A small data set for management information (U6), built through the files' services: in
Veiligheidshuis Kennemerland six weegploeg dossiers whose signals came in November 2026 (five
decided "agenderen" after 15 days, one "not substantial" after 3), one of them agendered as a
case with a measure done on time; and one dossier in another Veiligheidshuis. The summary of
management information is worked out once at the end, on 1 December 2026."""

from datetime import date

import time_machine

from cases import services as case_services
from cases.constants import MeasureStatus
from insights import summary
from subjects.registry import DossierRef
from tests.cases.transfer_fixtures import Agendering
from tests.factories import VeiligheidshuisFactory, make_user
from tests.weegploeg.factories import PERSON, analyse, signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome

BSNS = ("111222333", "123456782")
SURNAMES = tuple(f"Vermeulen{letter}" for letter in "abcdef")


def at(moment: str):
    return time_machine.travel(f"{moment} 10:00 +01:00", tick=False)


class World:
    def __init__(self, region):
        with at("2026-11-05"):
            self.ag = ag = Agendering(region)
            wp = ag.wp
            self.keeper = ag.keeper
            self.assessments = []
            for index, surname in enumerate(SURNAMES):
                person = {"surname": surname, "bsn": BSNS[index] if index < len(BSNS) else ""}
                found = signal(by=wp.agent, brought_by=wp.politie, region=region, person=person)
                analyse(found.assessment, by=self.keeper)
                self.assessments.append(found.assessment)
        with at("2026-11-08"):
            weegploeg_services.decide(
                self.assessments[5],
                by=self.keeper,
                outcome=Outcome.NOT_SUBSTANTIAL,
                reasons="Onvoldoende.",
                decided_on=date(2026, 11, 8),
            )
        with at("2026-11-20"):
            for assessment in self.assessments[:5]:
                weegploeg_services.decide(
                    assessment,
                    by=self.keeper,
                    outcome=Outcome.AGENDEREN,
                    reasons="Substantiële signalen.",
                    decided_on=date(2026, 11, 20),
                    advice_to_driehoek="Agenderen in het ICO.",
                    advised_parties=[wp.rvdk],
                )
            self.assessments[0].refresh_from_db()
            self.case = ag.agendeer(self.assessments[0])
            measure = case_services.add_measure(
                self.case,
                by=self.keeper,
                description="Gesprek over zijn netwerk.",
                owner=wp.rvdk,
                deadline=date(2026, 12, 31),
            )
        with at("2026-11-25"):
            case_services.report_progress(
                measure, by=self.keeper, text="Gesprek gevoerd.", status=MeasureStatus.DONE
            )
        self.fg = make_user(wp.politie, "fg", username="fg-kennemerland")
        elders = VeiligheidshuisFactory(code="elders", name="Veiligheidshuis Elders")
        with at("2026-11-05"):
            self.elders = Agendering(elders)
            self.elders_assessment = signal(
                by=self.elders.wp.agent,
                brought_by=self.elders.wp.politie,
                region=elders,
                person={"surname": "Buitenaf"},
            ).assessment
        self.stranger = self.elders.keeper
        with at("2026-12-01"):
            summary.recompute()  # the job has run: the page reads its summary (ADR 0028)

    @property
    def refs(self):
        return [DossierRef("weegploeg", a.number) for a in self.assessments]

    def secrets(self) -> list[str]:
        """What no page, chart or CSV may hold: the people's names, BSNs, dossier numbers."""
        return [
            *SURNAMES,
            "Buitenaf",
            PERSON["given_names"],
            *BSNS,
            *(a.number for a in self.assessments),
            self.elders_assessment.number,
            self.case.number,
        ]
