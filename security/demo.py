"""Demo data of the incident register (S3), a late seeder (after the files): three incidents in
Kennemerland: a data breach whose 72-hour clock runs, a data breach notified to the AP in time
and closed, and a security incident that was no data breach. Synthetic, naming nobody. Runs
once: a second seed changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from config.audit import acting_as
from parties.models import DataFile, User, Veiligheidshuis
from security.models.incidents import ApDecision, Incident, IncidentKind, Nature, SubjectsDecision
from security.services import incidents

REGION = "kennemerland"
REPORTER = "politie"
OVERSEER = "fg"


def _running(region, reporter, fg, now) -> None:
    incident = incidents.report_incident(
        by=reporter,
        veiligheidshuis=region,
        what_happened=(
            "Een agenda van het casusoverleg met dossiernummers en namen is per e-mail naar een "
            "verkeerd extern adres gestuurd."
        ),
        discovered_at=now - timedelta(hours=20),
        affected="De agenda van het casusoverleg van deze week.",
    )
    incidents.update_assessment(
        incident,
        by=fg,
        kind=IncidentKind.DATA_BREACH,
        nature=[Nature.READ],
        data_kinds="Namen, geboortedata en dossiernummers.",
        people_count=12,
        people_estimated=False,
        files=list(DataFile.objects.filter(veiligheidshuis=region)[:1]),
        measures_before="Geen versleuteling van de bijlage.",
        measures_after="De ontvanger is gevraagd de mail te verwijderen en dat te bevestigen.",
    )


def _notified(region, reporter, fg, now) -> None:
    discovered = now - timedelta(days=12)
    incident = incidents.report_incident(
        by=reporter,
        veiligheidshuis=region,
        what_happened="Een laptop met een lokale export van een weegploegoverzicht is gestolen.",
        discovered_at=discovered,
        affected="Een export van het weegploegoverzicht.",
    )
    incidents.update_assessment(
        incident,
        by=fg,
        kind=IncidentKind.DATA_BREACH,
        nature=[Nature.STOLEN],
        data_kinds="Namen en adressen, politiegegevens.",
        criminal_data=True,
        people_count=40,
        people_estimated=True,
        measures_before="De schijf van de laptop was niet versleuteld.",
        measures_after="Aangifte gedaan; exports op laptops zijn voortaan uitgeschakeld.",
        consequences="Risico op stigmatisering en benadering door derden.",
        contact="F. Gegevens, functionaris gegevensbescherming, 023 000 0000.",
        ap_decision=ApDecision.NOTIFY,
        ap_reasons="Politiegegevens van veel personen op een onversleutelde schijf.",
        subjects_decision=SubjectsDecision.INFORM,
        subjects_reasons="Hoog risico voor de betrokkenen.",
        follow_up="Beleid voor lokale exports aangescherpt.",
    )
    incidents.record_notification(
        incident, by=fg, notified_at=discovered + timedelta(hours=30), reference="AP-DEMO-0001"
    )
    incidents.close_incident(incident, by=fg)


def _security_incident(region, reporter, fg, now) -> None:
    incident = incidents.report_incident(
        by=reporter,
        veiligheidshuis=region,
        what_happened="Een onbekende probeerde herhaaldelijk in te loggen op een account.",
        discovered_at=now - timedelta(days=3),
        affected="Eén account; het werd geblokkeerd.",
    )
    incidents.update_assessment(
        incident,
        by=fg,
        kind=IncidentKind.SECURITY_INCIDENT,
        follow_up="Wachtwoord vervangen; tweede factor was actief, er is niets ingezien.",
    )


def seed() -> None:
    region = Veiligheidshuis.objects.filter(code=REGION).first()
    reporter = User.objects.filter(username=REPORTER).first()
    fg = User.objects.filter(username=OVERSEER).first()
    if region is None or reporter is None or fg is None:
        return
    if Incident.objects.filter(veiligheidshuis=region).exists():
        return
    now = timezone.now().replace(second=0, microsecond=0)
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        _notified(region, reporter, fg, now)
        _security_incident(region, reporter, fg, now)
        _running(region, reporter, fg, now)
