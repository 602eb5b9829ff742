"""Demo data of the casusoverleggen (C11): the CTER ICO of each Veiligheidshuis and one VH module
("Veelplegers") in Kennemerland, and the weegploeg's "agenderen" assessments put on the agenda
of their region's CTER ICO through the weegploeg's own service (W6). Runs once: a second seed
changes nothing."""

from datetime import date

from django.db import transaction

from cases.constants import IdentityMethod
from cases.models import Case, CasusOverleg
from config.audit import acting_as
from parties.constants import PartyKind, PartyRole
from parties.models import Party, User, Veiligheidshuis

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


def _overleg(name, region, *, covenant, reference, signed, controller, archive, destroy, parties):
    overleg, created = CasusOverleg.objects.get_or_create(
        name=name,
        defaults={
            "veiligheidshuis": region,
            "covenant_title": covenant,
            "covenant_reference": reference,
            "covenant_date": signed,
            "controller": controller,
            "archive_after_years": archive,
            "destroy_after_years": destroy,
        },
    )
    if created:
        overleg.participants.set(parties)
        chair = User.objects.filter(username=CHAIRS[region.code]).first()
        if chair is not None:
            overleg.chairs.set([chair])
    return overleg


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
            controller="De kernpartijen gezamenlijk (CTER 1m)",
            archive=1,
            destroy=5,
            parties=kernpartijen + casuspartijen,
        )
        if region.code == "kennemerland":
            _overleg(
                "Veelplegers",
                region,
                covenant="Specifiek privacyconvenant Veelplegers Kennemerland",
                reference="VH-KEN-VP-2019",
                signed=date(2019, 3, 1),
                controller="Gemeente Haarlem",
                archive=2,
                destroy=6,
                parties=kernpartijen
                + list(parties.filter(kind__in=[PartyKind.RECLASSERING, PartyKind.GGZ])),
            )
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
    ).order_by("number")
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


def seed() -> None:
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        icos = seed_casusoverleggen()
        if Case.objects.exists():
            return
        for region_code, overleg in icos.items():
            _agendeer_region(region_code, overleg)
