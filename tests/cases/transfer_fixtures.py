"""Test data for the way into and between ICO files (W6, C10, C12): a weegploeg and the CTER ICO
of the same Veiligheidshuis, built through the services."""

from datetime import date

from cases import services as case_services
from cases import transfer_services
from cases.constants import ClosingReason, Goal, IdentityMethod, RelatedRole
from cases.models import CaseMeeting, CasusOverleg, Disclosure, Discussion, Export
from tests.cases.factories import Ico
from tests.factories import VeiligheidshuisFactory, authorise
from tests.weegploeg.factories import Weegploeg, analyse, signal
from weegploeg import services as weegploeg_services
from weegploeg.constants import Outcome


class Agendering:
    """A weegploeg and the CTER ICO of its Veiligheidshuis, with the weegploeg's parties taking
    part in the ICO."""

    def __init__(self, region):
        self.wp = wp = Weegploeg(region)
        self.region = region
        self.keeper = wp.uitvoerder
        self.overleg = CasusOverleg.objects.create(
            name=f"ICO CTER {region.code}",
            veiligheidshuis=region,
            covenant_title="Privacyconvenant CTER Noord-Holland",
            covenant_reference="CTER-NH-2017",
            covenant_date=date(2017, 6, 1),
            controller="De kernpartijen gezamenlijk",
        )
        self.overleg.participants.set([wp.politie, wp.om, wp.haarlem, wp.zandvoort, wp.rvdk])
        # P8: the weegploeg's people work in the ICO too (read-write).
        for user in (wp.uitvoerder, wp.agent, wp.officier, wp.haarlemmer, wp.zandvoorter, wp.raad):
            authorise(user, self.overleg)

    def assessment(self, *, outcome=Outcome.AGENDEREN, advised=None):
        """A decided assessment with two signals (politie and OM) and an analysis."""
        wp = self.wp
        first = signal(by=wp.agent, brought_by=wp.politie, region=wp.region)
        assessment = first.assessment
        signal(
            by=wp.officier,
            brought_by=wp.om,
            region=wp.region,
            assessment=assessment,
            behaviour="Zocht online naar de bouw van explosieven.",
        )
        analyse(assessment, by=self.keeper)
        agenderen = outcome == Outcome.AGENDEREN
        weegploeg_services.decide(
            assessment,
            by=self.keeper,
            outcome=outcome,
            reasons="Substantiële signalen." if agenderen else "Onvoldoende.",
            decided_on=date(2026, 11, 20),
            advice_to_driehoek="Agenderen in het ICO." if agenderen else "",
            advised_parties=([wp.rvdk] if advised is None else advised) if agenderen else [],
        )
        assessment.refresh_from_db()
        return assessment

    def agendeer(self, assessment, *, signals=None, findings=None, by=None, **kwargs):
        signals = assessment.signals.all() if signals is None else signals
        if findings is None:
            findings = [
                f for analysis in assessment.analyses.all() for f in analysis.findings.all()
            ]
        return weegploeg_services.agendeer(
            assessment,
            by=by or self.keeper,
            casusoverleg=kwargs.pop("casusoverleg", self.overleg),
            signal_ids=[row.pk for row in signals],
            finding_ids=[row.pk for row in findings],
            identity_method=kwargs.pop("identity_method", IdentityMethod.BRP),
            identity_note=kwargs.pop("identity_note", "BRP-bevraging door de gemeente"),
        )


def elsewhere() -> Ico:
    """The CTER ICO of another Veiligheidshuis, where a subject may move to."""
    return Ico(VeiligheidshuisFactory(code="elders", name="Veiligheidshuis Elders"))


def full_case(ag: Agendering) -> dict:
    """One agendered case with something in every table of its file, keyed by model; the
    weegploeg's CaseTransfer too."""
    from cases import models
    from weegploeg.models import CaseTransfer

    wp, keeper = ag.wp, ag.keeper
    case = ag.agendeer(ag.assessment())
    case_services.add_related_person(
        case,
        by=keeper,
        role=RelatedRole.ACHTERBLIJVER,
        surname="Jansen-Bakker",
        given_names="Marieke",
        date_of_birth=date(1965, 2, 3),
        address="Grote Markt 117b Haarlem",
        reason="Moeder van Piet Jansen, betrokken bij het plan.",
    )
    case_services.set_goals(case, [Goal.DERADICALISE], by=keeper)
    measure = case_services.add_measure(
        case,
        by=keeper,
        description="Gesprek met Piet Jansen over zijn netwerk.",
        owner=wp.rvdk,
        deadline=date(2026, 12, 31),
    )
    case_services.report_progress(measure, by=keeper, text="Piet Jansen gesproken.")
    case_services.record_check(case, by=keeper, outcome="correct")
    meeting = CaseMeeting.objects.create(
        casusoverleg=ag.overleg, held_on=date(2026, 12, 1), chair=keeper
    )
    Discussion.objects.create(
        meeting=meeting,
        case=case,
        minutes="Piet Jansen besproken.",
        approach="Gesprekken met Piet Jansen.",
        informing="Brief aan Piet Jansen.",
    )
    Disclosure.objects.create(
        case=case,
        partner=wp.extern,
        parts=["naw"],
        snapshot={"naw": {"surname": "Jansen"}},
        necessity="Nodig voor het exitprogramma van Piet Jansen.",
        categories=["naw"],
        provider=wp.politie,
        provider_permission="Akkoord politie, mail 1 december",
        disclosed_by=keeper,
    )
    Export.objects.create(
        case=case,
        exported_by=keeper,
        provider=wp.politie,
        provider_permission="Akkoord politie, mail 2 december",
    )
    other = elsewhere()
    transfer_services.copy_for_moved_subject(
        case,
        to=other.overleg,
        by=keeper,
        requested_by=other.keeper,
        checked_by=other.keeper,
        check_note="Piet Jansen woont nu in Elders; grondslag en noodzaak getoetst.",
    )
    case_services.advise_closing(
        case, by=keeper, advice="Afsluiten: Piet Jansen is verhuisd.", advised_on=date(2027, 1, 5)
    )
    case_services.decide_closing(
        case, by=keeper, reason=ClosingReason.MOVED_AWAY, decided_on=date(2027, 1, 6)
    )
    case.refresh_from_db()
    return {
        models.Case: case,
        models.CaseParticipant: case.participants.first(),
        models.CaseSignal: case.signals.first(),
        models.CaseFinding: case.findings.first(),
        models.Transfer: case.transfers.get(),
        models.CopyOut: case.copies_out.get(),
        models.RelatedPerson: case.related_people.get(),
        models.PlanGoal: case.goals.get(),
        models.Measure: measure,
        models.ProgressNote: case.progress_notes.get(),
        models.Closing: case.closings.get(),
        models.CaseCheck: case.checks.get(),
        models.Discussion: case.discussions.get(),
        models.Disclosure: case.disclosures.get(),
        models.Export: case.exports.get(),
        CaseTransfer: CaseTransfer.objects.get(case_number=case.number),
    }
