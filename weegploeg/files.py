"""The weegploeg file in the registry of files (subjects.registry): how `rights` and
`retention` find, export, archive and destroy its dossiers without importing this app."""

from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import PartyKind
from parties.models import Party
from subjects import matching
from subjects.registry import DossierRef, ExportSection, Identity
from weegploeg import services
from weegploeg.models import Assessment


class WeegploegFile:
    label = services.FILE_LABEL

    def _assessment(self, ref: DossierRef) -> Assessment:
        return Assessment.objects.get(number=ref.key)

    def find_dossiers(self, identity: Identity) -> list[DossierRef]:
        found = matching.find_matches(
            Assessment.objects.all(),
            given_names=identity.given_names,
            prefix=identity.prefix,
            surname=identity.surname,
            date_of_birth=identity.date_of_birth,
            bsn=identity.bsn,
        )
        return [DossierRef(self.label, number) for number in found.values_list("number", flat=True)]

    def last_processed_on(self, ref: DossierRef):
        return timezone.localdate(self._assessment(ref).last_processed_at)

    def archive(self, ref: DossierRef, *, by) -> None:
        services.archive(self._assessment(ref), by=by)

    def destroy(self, ref: DossierRef, *, by) -> None:
        services.destroy(self._assessment(ref), by=by)

    def export(self, ref: DossierRef) -> list[ExportSection]:
        """R4 and CTER 12.3: the data, purposes, (possible) recipients and sources."""
        assessment = self._assessment(ref)
        purposes = [_("Weighing signals of radicalisation, extremism and terrorism (CTER 7, 8).")]
        recipients = [
            party.name
            for party in Party.objects.filter(
                veiligheidshuizen=assessment.veiligheidshuis,
                kind__in=[PartyKind.POLITIE, PartyKind.OM, PartyKind.GEMEENTE],
            ).order_by("name")
            if party.kind != PartyKind.GEMEENTE
            or party.municipality_code == assessment.municipality_code
        ]
        # W6: the casusoverleggen the dossier went to as a copy received its data too.
        recipients += sorted(
            set(assessment.case_transfers.values_list("casusoverleg_name", flat=True))
        )
        signals = list(assessment.signals.select_related("brought_by"))
        sources = sorted({signal.brought_by.name for signal in signals})
        sections = [
            ExportSection(
                title=_("Personal details"),
                data=[
                    {_("Name"): assessment.full_name},
                    {_("Date of birth"): assessment.date_of_birth.isoformat()},
                    {
                        _("Address"): " ".join(
                            part
                            for part in (
                                assessment.street,
                                assessment.house_number,
                                assessment.postcode,
                                assessment.municipality,
                            )
                            if part
                        )
                    },
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sources,
            ),
            ExportSection(
                title=_("Signals"),
                data=[
                    {
                        _("Observed on"): signal.observed_on.isoformat(),
                        _("Behaviour"): signal.behaviour,
                        _("Brought in by"): signal.brought_by.name,
                    }
                    for signal in signals
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sources,
            ),
            ExportSection(
                title=_("Analysis"),
                data=[
                    {
                        _("Criterion"): finding.criterion.title,
                        _("Finding"): finding.get_finding_display(),
                        _("Explanation"): finding.explanation,
                    }
                    for analysis in assessment.analyses.all()
                    for finding in analysis.findings.select_related("criterion")
                ]
                + [
                    {_("Additional information"): item.content, _("From"): item.party.name}
                    for item in assessment.additional_information.select_related("party")
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sources
                + [item.party.name for item in assessment.additional_information.all()],
            ),
            ExportSection(
                title=_("Decision"),
                data=[
                    {
                        _("Outcome"): decision.get_outcome_display(),
                        _("Decided on"): decision.decided_on.isoformat(),
                        _("Reasons"): decision.reasons,
                    }
                    for decision in assessment.decisions.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[_("The i2o weegploeg")],
            ),
        ]
        return sections


FILE = WeegploegFile()
