"""Weegploeg test data, built through the services."""

from datetime import date

from parties.constants import Function
from tests.factories import PartyFactory, make_user, record_declaration
from weegploeg import services
from weegploeg.constants import Finding, Outcome
from weegploeg.models import FrameworkVersion

PERSON = {
    "surname": "Jansen",
    "prefix": "",
    "given_names": "Piet",
    "date_of_birth": date(1990, 5, 17),
    "street": "Grote Markt",
    "house_number": "117b",
    "postcode": "2011RD",
    "municipality": "Haarlem",
    "municipality_code": "0392",
    "bsn": "",
}


def beheerder_of(party=None):
    """A beheerder (W2: the one who publishes the referentiekader) of `party`, or of any party."""
    from parties.models import Party

    party = party or Party.objects.order_by("pk").first() or PartyFactory()
    return make_user(party, Function.BEHEERDER)


def framework(by=None):
    """A published referentiekader; `by` when a beheerder, else a beheerder of by's party."""
    if by is None or not services.may_publish_framework(by):
        by = beheerder_of(by.membership.party if by is not None else None)
    return services.publish_framework(
        by=by,
        criteria=[
            {"code": "R1", "title": "Uitingen die geweld rechtvaardigen"},
            {"code": "R2", "title": "Contacten met extremistische netwerken"},
        ],
    )


def signal(*, by, brought_by, region, person=None, assessment=None, behaviour=None):
    return services.enter_signal(
        by=by,
        brought_by=brought_by,
        region=region,
        behaviour=behaviour or "Deelde filmpjes die geweld verheerlijken.",
        observed_on=date(2026, 11, 1),
        reporter_name="Wijkagent de Vries",
        reporter_contact="06-12345678",
        person=None if assessment else {**PERSON, **(person or {})},
        assessment=assessment,
    )


def analyse(assessment, *, by):
    """An analysis against the current referentiekader (published here when there is none)."""
    version = FrameworkVersion.objects.first() or framework(by)
    return services.record_analysis(
        assessment,
        by=by,
        findings={
            c.pk: (Finding.MET, "Uit de signalen blijkt dit.") for c in version.criteria.all()
        },
    )


def decided(wp, outcome: str, decided_on: date):
    """An assessment of the politie's signal, analysed and decided by the uitvoerder (W2, W3)."""
    assessment = signal(by=wp.agent, brought_by=wp.politie, region=wp.region).assessment
    analyse(assessment, by=wp.uitvoerder)
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=outcome,
        reasons="Afgewogen.",
        decided_on=decided_on,
        advice_to_driehoek="Agenderen." if outcome == Outcome.AGENDEREN else "",
    )
    return assessment


class Weegploeg:
    """The parties and users of one Veiligheidshuis, as the tests need them."""

    def __init__(self, region):
        self.region = region
        self.politie = PartyFactory(name=f"Politie {region.code}", veiligheidshuizen=[region])
        self.om = PartyFactory(om=True, name=f"OM {region.code}", veiligheidshuizen=[region])
        self.haarlem = PartyFactory(
            gemeente=True,
            name=f"Gemeente Haarlem {region.code}",
            municipality_code="0392",
            veiligheidshuizen=[region],
        )
        self.zandvoort = PartyFactory(
            gemeente=True,
            name=f"Gemeente Zandvoort {region.code}",
            municipality_code="0473",
            veiligheidshuizen=[region],
        )
        self.rvdk = PartyFactory(rvdk=True, name=f"RvdK {region.code}", veiligheidshuizen=[region])
        self.extern = PartyFactory(
            extern=True, name=f"Partner {region.code}", veiligheidshuizen=[region]
        )
        # P8: the kernpartij deelnemers and the uitvoerder are authorised for the region's
        # weegploeg; the casuspartij and the partner cannot be.
        weegploeg = [region]
        self.agent = make_user(self.politie, username=f"agent-{region.code}", files=weegploeg)
        self.officier = make_user(self.om, username=f"officier-{region.code}", files=weegploeg)
        self.haarlemmer = make_user(
            self.haarlem, username=f"haarlem-{region.code}", files=weegploeg
        )
        self.zandvoorter = make_user(
            self.zandvoort, username=f"zandvoort-{region.code}", files=weegploeg
        )
        self.raad = make_user(self.rvdk, username=f"raad-{region.code}")
        self.partner = make_user(self.extern, username=f"partner-{region.code}")
        self.uitvoerder = make_user(
            self.haarlem,
            Function.UITVOERDER,
            username=f"uitvoerder-{region.code}",
            files=weegploeg,
        )


def declared(region) -> Weegploeg:
    """A Weegploeg whose partner may act in the application (P6), just not in the weegploeg:
    without its declaration it would be refused everything anyway. Its `beheerder` (of
    Haarlem) recorded the declaration."""
    wp = Weegploeg(region)
    wp.beheerder = make_user(wp.haarlem, Function.BEHEERDER, username="beheerder")
    record_declaration(wp.extern, by=wp.beheerder)
    return wp


def full_dossier(wp: Weegploeg) -> dict:
    """One assessment with something in every table of the file, keyed by model."""
    from weegploeg import models
    from weegploeg.constants import CheckOutcome, Outcome

    entered = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
    assessment = entered.assessment
    analysis = analyse(assessment, by=wp.uitvoerder)
    services.add_information(
        assessment,
        by=wp.uitvoerder,
        party=wp.om,
        gathered_on=date(2026, 11, 2),
        content="Aanvullende informatie over Piet Jansen.",
    )
    services.record_expert_advice(
        assessment,
        by=wp.uitvoerder,
        adviser="NCTV",
        asked_on=date(2026, 11, 3),
        question="Hoe zwaar wegen deze uitingen?",
        advice="Serieus nemen.",
    )
    meeting = services.hold_meeting(
        by=wp.uitvoerder,
        region=wp.region,
        held_on=date(2026, 11, 20),
        present=[wp.politie, wp.om],
        assessments=[assessment],
    )
    services.decide(
        assessment,
        by=wp.uitvoerder,
        outcome=Outcome.NOT_SUBSTANTIAL,
        reasons="Onvoldoende substantieel voor Piet Jansen.",
        decided_on=date(2026, 11, 20),
    )
    services.record_discussion(
        meeting.items.get(), by=wp.uitvoerder, discussion="Piet Jansen besproken."
    )
    services.reopen(assessment, by=wp.uitvoerder, reason="Nieuw signaal.")
    services.record_check(assessment, by=wp.uitvoerder, outcome=CheckOutcome.CORRECT)
    assessment.refresh_from_db()
    return {
        models.Assessment: assessment,
        models.Signal: entered,
        models.Analysis: analysis,
        models.CriterionFinding: analysis.findings.first(),
        models.AdditionalInformation: assessment.additional_information.get(),
        models.ExpertAdvice: assessment.expert_advice.get(),
        models.Decision: assessment.decisions.get(),
        models.AgendaItem: meeting.items.get(),
        models.Check: assessment.checks.get(),
    }
