"""One row of each incident model that auditlog registers, with recognisable values, for the
test that no str() shows personal data (tests/security/test_audit.py, S2)."""

from django.utils import timezone

from security.models import Incident


def incident_instances(veiligheidshuis, user) -> dict:
    incident = Incident.objects.create(
        number="INC-2026-0999",
        veiligheidshuis=veiligheidshuis,
        reported_by=user,
        what_happened="Lijst van Achternaam gelekt",
        discovered_at=timezone.now(),
        affected="Adres van Zichtbarevoornaam",
        data_kinds="Herkenbare gegevens",
        consequences="Gevolgen voor Achternaam",
        measures_before="Herkenbare maatregel vooraf",
        measures_after="Herkenbare maatregel achteraf",
        ap_reasons="Herkenbare reden AP",
        subjects_reasons="Herkenbare reden betrokkenen",
        late_reasons="Herkenbare reden vertraging",
        follow_up="Herkenbaar vervolg",
        contact="Herkenbare Contactpersoon",
    )
    return {Incident: incident}
