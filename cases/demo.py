"""Demo data of the casusoverleggen (C11): the CTER ICO of each Veiligheidshuis and one VH module
("Veelplegers") in Kennemerland, and the weegploeg's "agenderen" assessments put on the agenda
of their region's CTER ICO through the weegploeg's own service (W6). In each region the cases
are in every state, with plans, measures overdue, due and done, meetings (one approved, one
to come) and disclosures to the partner with a declaration. Runs once: a second seed changes
nothing."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cases import disclosure_services, meeting_services, selectors, services
from cases.constants import (
    CasePart,
    ClosingReason,
    Goal,
    IdentityMethod,
    MeasureStatus,
    RelatedRole,
)
from cases.models import Case, CasusOverleg
from cases.permissions import file_of
from config.audit import acting_as
from parties.constants import AccessLevel, PartyKind, PartyRole
from parties.demo import authorise
from parties.models import Party, User, Veiligheidshuis
from retention.constants import ArchiveFrom
from subjects.categories import DataCategory

CTER_COVENANT = "Privacyconvenant CTER Noord-Holland"
CHAIRS = {
    "kennemerland": "voorzitter.kennemerland",
    "noord-holland-noord": "voorzitter.nhn",
    "zaanstreek-waterland": "voorzitter",
}
UITVOERDERS = {
    "kennemerland": "uitvoerder",
    "noord-holland-noord": "uitvoerder.nhn",
    "zaanstreek-waterland": "uitvoerder.zw",
}


def _region_name(region: Veiligheidshuis) -> str:
    return region.name.removeprefix("Veiligheidshuis ")


def _overleg(name, region, *, covenant, reference, signed, controller, parties):
    overleg, created = CasusOverleg.objects.get_or_create(
        name=name,
        defaults={
            "veiligheidshuis": region,
            "covenant_title": covenant,
            "covenant_reference": reference,
            "covenant_date": signed,
            "controller": controller,
        },
    )
    if created:
        overleg.participants.set(parties)
        chair = User.objects.filter(username=CHAIRS[region.code]).first()
        if chair is not None:
            overleg.chairs.set([chair])
    return overleg


def seed_veelplegers_terms(overleg: CasusOverleg) -> None:
    """VH 20.1, C11: to the non-active archive after two years off the agenda, open again when
    put on the agenda again; destroyed after at most six years. The CTER ICO keeps the
    covenant's defaults (CTER 13: one and five years after the last processing)."""
    from retention.models import RetentionTerms
    from retention.services.terms import set_terms

    data_file = file_of(overleg)
    if RetentionTerms.objects.filter(data_file=data_file).exists():
        return
    set_terms(
        data_file,
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
    )


def seed_casusoverleggen() -> dict[str, CasusOverleg]:
    """The CTER ICO per Veiligheidshuis, and the Veelplegers module in Kennemerland."""
    icos = {}
    for region in Veiligheidshuis.objects.filter(code__in=CHAIRS).order_by("code"):
        parties = Party.objects.filter(veiligheidshuizen=region)
        kernpartijen = list(parties.filter(role=PartyRole.KERNPARTIJ))
        casuspartijen = list(parties.filter(kind__in=[PartyKind.RVDK, PartyKind.RECLASSERING]))
        icos[region.code] = _overleg(
            f"ICO CTER {_region_name(region)}",
            region,
            covenant=CTER_COVENANT,
            reference="CTER-NH-2017",
            signed=date(2017, 6, 1),
            controller="De kernpartijen gezamenlijk",
            parties=kernpartijen + casuspartijen,
        )
        if region.code == "kennemerland":
            veelplegers = _overleg(
                "Veelplegers",
                region,
                covenant="Specifiek privacyconvenant Veelplegers Kennemerland",
                reference="VH-KEN-VP-2019",
                signed=date(2019, 3, 1),
                controller="Gemeente Haarlem",
                parties=kernpartijen
                + list(parties.filter(kind__in=[PartyKind.RECLASSERING, PartyKind.GGZ])),
            )
            seed_veelplegers_terms(veelplegers)
    return icos


def _agendeer_region(region_code: str, overleg: CasusOverleg) -> None:
    from weegploeg import services as weegploeg_services
    from weegploeg.constants import AssessmentStatus, Outcome
    from weegploeg.models import Assessment, CriterionFinding

    keeper = User.objects.filter(username=UITVOERDERS[region_code]).first()
    if keeper is None:
        return
    assessments = Assessment.objects.filter(
        veiligheidshuis=overleg.veiligheidshuis, status=AssessmentStatus.DECIDED
    ).order_by("number_order")
    for assessment in assessments:
        decision = assessment.decisions.first()
        if decision is None or decision.outcome != Outcome.AGENDEREN:
            continue
        analysis = assessment.analyses.order_by("-pk").first()
        findings = CriterionFinding.objects.filter(analysis=analysis)
        weegploeg_services.agendeer(
            assessment,
            by=keeper,
            casusoverleg=overleg,
            signal_ids=list(assessment.signals.values_list("pk", flat=True)),
            finding_ids=list(findings.values_list("pk", flat=True)),
            identity_method=IdentityMethod.BRP,
            identity_note="BRP-bevraging door de gemeente.",
        )


def _party(overleg: CasusOverleg, kind: str) -> Party:
    return Party.objects.filter(veiligheidshuizen=overleg.veiligheidshuis, kind=kind).first()


def _active_case(case, *, keeper, overleg, partner, today):
    """An active case with a plan: goals, a measure overdue, one due soon and one done, an
    achterblijver, the partner taking part and two disclosures to it (C2, C3, C6, VH 6)."""
    politie = _party(overleg, PartyKind.POLITIE)
    rvdk = _party(overleg, PartyKind.RVDK)
    for party in (politie, rvdk, _party(overleg, PartyKind.RECLASSERING), partner):
        if party is not None and not case.participants.filter(party=party).exists():
            services.add_participant(case, party, by=keeper)
    services.set_goals(case, [Goal.DERADICALISE, Goal.HELP_AND_CARE], by=keeper)
    services.add_measure(
        case,
        by=keeper,
        description="Huisbezoek en gesprek met de ouders over de zorgen.",
        owner=rvdk,
        deadline=today - timedelta(days=10),
    )
    services.add_measure(
        case,
        by=keeper,
        description="Persoonsgerichte aanpak bespreken met de wijkagent.",
        owner=politie,
        deadline=today + timedelta(days=5),
    )
    done = services.add_measure(
        case,
        by=keeper,
        description="Aanmelding bij het exitprogramma.",
        owner=partner or politie,
        deadline=today - timedelta(days=20),
    )
    services.report_progress(
        done, by=keeper, text="Aangemeld; intake heeft plaatsgevonden.", status=MeasureStatus.DONE
    )
    services.add_related_person(
        case,
        by=keeper,
        role=RelatedRole.ACHTERBLIJVER,
        surname="Bakker",
        given_names="Marieke",
        address="Kerkstraat 12",
        reason="Moeder; woont met betrokkene samen en is nodig voor het plan.",
    )
    if partner is not None and politie is not None:
        disclosure_services.disclose(
            case,
            by=keeper,
            partner=partner,
            parts=[CasePart.SIGNALS, CasePart.PLAN],
            necessity="Het exitprogramma sluit aan op de signalen en het plan van aanpak.",
            categories=[DataCategory.NUISANCE, DataCategory.APPROACH],
            provider=politie,
            provider_permission="Teamchef politie, e-mail van 12 november",
        )
        disclosure_services.disclose(
            case,
            by=keeper,
            partner=partner,
            parts=[CasePart.ANALYSIS],
            necessity="Het programma stemt de begeleiding af op de weging.",
            categories=[DataCategory.OFFENCES],
            provider=politie,
            provider_permission="Teamchef politie, e-mail van 12 november",
            prosecutor_consent="Officier van justitie, e-mail van 13 november",
        )


def _meetings(cases, *, keeper, chair, overleg, today):
    """An approved meeting two weeks ago and an open one next week, both with the two active
    cases on the agenda (C4)."""
    attendees = [
        party
        for party in Party.objects.filter(pk__in=overleg.participants.values("pk"))
        if party.role == PartyRole.KERNPARTIJ or party.kind == PartyKind.RVDK
    ]
    casemanager = User.objects.filter(username="reclassering").first()
    past = meeting_services.hold_meeting(
        casusoverleg=overleg,
        held_on=today - timedelta(days=14),
        chair=chair,
        attendees=attendees,
        cases=cases,
        by=keeper,
    )
    for discussion in past.discussions.all():
        meeting_services.record_discussion(
            discussion,
            by=chair,
            minutes="Signalen en stand van het plan besproken.",
            approach="De reclassering coördineert; de RvdK legt het huisbezoek af.",
            casemanager=casemanager
            if casemanager is not None
            and selectors.may_be_casemanager(discussion.case, casemanager)
            else None,
            informing="De gemeente informeert betrokkene per brief.",
        )
    meeting_services.approve_minutes(past, by=chair)
    meeting_services.hold_meeting(
        casusoverleg=overleg,
        held_on=today + timedelta(days=7),
        chair=chair,
        attendees=attendees,
        cases=cases,
        by=keeper,
    )


def _enrich_region(region_code: str, overleg: CasusOverleg) -> None:
    """Cases in every state: two active with plans and meetings, one closed, one archived."""
    keeper = User.objects.filter(username=UITVOERDERS[region_code]).first()
    chair = overleg.chairs.first()
    cases = list(overleg.cases.order_by("number_order"))
    if keeper is None or chair is None or len(cases) < 4:
        return
    today = timezone.localdate()
    partner = Party.objects.filter(
        role=PartyRole.EXTERN, veiligheidshuizen=overleg.veiligheidshuis, declarations__isnull=False
    ).first()
    _active_case(cases[0], keeper=keeper, overleg=overleg, partner=partner, today=today)
    _active_case(cases[1], keeper=keeper, overleg=overleg, partner=None, today=today)
    _meetings(cases[:2], keeper=keeper, chair=chair, overleg=overleg, today=today)
    for case, reason in (
        (cases[2], ClosingReason.RESULT_REACHED),
        (cases[3], ClosingReason.MOVED_AWAY),
    ):
        services.advise_closing(
            case,
            by=keeper,
            advice="Het casusoverleg adviseert de driehoek de casus af te sluiten.",
            advised_on=today - timedelta(days=30),
        )
        services.decide_closing(
            case, by=keeper, reason=reason, decided_on=today - timedelta(days=25)
        )
    services.archive(cases[3], by=None)


def authorise_demo_users() -> None:
    """P8, as the README's table says: the uitvoerder every file of its Veiligheidshuis, politie,
    OM and the gemeente the CTER ICO of their regions, each chair its casusoverleg, RvdK and
    Reclassering the ICO files they take part in. Gemeente Alkmaar's deelnemer reads its ICO only
    (read), to show the difference. Idempotent."""
    for overleg in CasusOverleg.objects.select_related("veiligheidshuis"):
        file = file_of(overleg)
        region = overleg.veiligheidshuis.code
        authorise(UITVOERDERS[region], file)
        for chair in overleg.chairs.all():
            authorise(chair.username, file)
        taking_part = set(overleg.participants.values_list("kind", flat=True))
        for username, kind in [("rvdk", PartyKind.RVDK), ("reclassering", PartyKind.RECLASSERING)]:
            if kind in taking_part:
                authorise(username, file)
        if overleg.covenant_title == CTER_COVENANT:
            authorise("politie", file)
            authorise("om", file)
            if region == "noord-holland-noord":
                authorise("gemeente.alkmaar", file, AccessLevel.READ)


def seed() -> None:
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        icos = seed_casusoverleggen()
        authorise_demo_users()
        if Case.objects.exists():
            return
        for region_code, overleg in icos.items():
            _agendeer_region(region_code, overleg)
            _enrich_region(region_code, overleg)
