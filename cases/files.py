"""The ICO files in the registry of files (subjects.registry): how `rights` and `retention` find,
export, archive and destroy the cases of every casusoverleg without importing this app. All
casusoverleggen share the label "ico"; a case number names the dossier and its casusoverleg."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services
from cases.models import Case, CaseFinding, Measure
from subjects import matching
from subjects.registry import DossierRef, ExportSection, Identity


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _address(case: Case) -> str:
    parts = (case.street, case.house_number, case.postcode, case.municipality)
    return " ".join(part for part in parts if part)


def _dossier_objects(case: Case) -> list:
    """Every row of the file that belongs to this case, the case last."""
    rows: list = [
        *case.signals.all(),
        *case.findings.all(),
        *case.transfers.all(),
        *case.copies_out.all(),
        *case.participants.all(),
        *case.related_people.all(),
        *case.goals.all(),
        *case.progress_notes.all(),
        *case.measures.all(),
        *case.closings.all(),
        *case.checks.all(),
        *case.discussions.all(),
        *case.disclosures.all(),
        *case.exports.all(),
    ]
    return [*rows, case]


class CasesFile:
    label = services.FILE_LABEL

    def _case(self, ref: DossierRef) -> Case:
        return Case.objects.select_related("casusoverleg").get(number=ref.key)

    def find_dossiers(self, identity: Identity) -> list[DossierRef]:
        found = matching.find_matches(
            Case.objects.all(),
            given_names=identity.given_names,
            prefix=identity.prefix,
            surname=identity.surname,
            date_of_birth=identity.date_of_birth,
            bsn=identity.bsn,
        )
        return [DossierRef(self.label, number) for number in found.values_list("number", flat=True)]

    def last_processed_on(self, ref: DossierRef):
        return timezone.localdate(self._case(ref).last_processed_at)

    def archive(self, ref: DossierRef, *, by) -> None:
        services.archive(self._case(ref), by=by)

    @transaction.atomic
    def destroy(self, ref: DossierRef, *, by) -> None:
        """B8: the case's rows, the audit entries about them and the duty-to-inform records
        that name it. Nothing of the person is logged while doing so."""
        from auditlog.context import disable_auditlog

        from rights.services import forget_dossier
        from security.models import AuditEntry

        case = self._case(ref)
        for row in _dossier_objects(case):
            AuditEntry.objects.get_for_object(row).delete()
        forget_dossier(file_label=self.label, dossier_key=case.number)
        with disable_auditlog():
            case.delete()

    def export(self, ref: DossierRef) -> list[ExportSection]:
        """R4 and CTER 12.3: the data, purposes, (possible) recipients and sources."""
        case = self._case(ref)
        overleg = case.casusoverleg
        purposes = [
            _(
                "Drawing up, carrying out and monitoring the integral plan of approach in the "
                "casusoverleg %(name)s (CTER 9, 10)."
            )
            % {"name": overleg.name}
        ]
        participants = list(case.participants.select_related("party").order_by("party__name"))
        recipients = sorted(
            {p.party.name for p in participants if not p.party.is_external}
            | {
                out.to_casusoverleg.name
                for out in case.copies_out.select_related("to_casusoverleg")
            }
        )
        signals = list(case.signals.select_related("brought_by"))
        brought_by = sorted({signal.brought_by.name for signal in signals})
        transfer_sources = [
            _("The i2o weegploeg")
            if transfer.source_file == "weegploeg"
            else _("Another casusoverleg")
            for transfer in case.transfers.all()
        ]
        weegploeg = [_("The i2o weegploeg")]
        measures = list(case.measures.select_related("owner"))
        disclosures = list(case.disclosures.select_related("partner", "provider"))
        findings: list[CaseFinding] = list(case.findings.all())
        sections = [
            ExportSection(
                title=_("Personal details"),
                data=[
                    {_("Name"): case.full_name},
                    {_("Date of birth"): _iso(case.date_of_birth)},
                    {_("Address"): _address(case)},
                    {_("Identity established by"): str(case.get_identity_method_display())},
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sorted(set(transfer_sources)) + brought_by,
            ),
            ExportSection(
                title=_("Signals"),
                data=[
                    {
                        _("Observed on"): _iso(signal.observed_on),
                        _("Behaviour"): signal.behaviour,
                        _("Brought in by"): signal.brought_by.name,
                    }
                    for signal in signals
                ],
                purposes=purposes,
                recipients=recipients,
                sources=brought_by,
            ),
            ExportSection(
                title=_("Analysis"),
                data=[
                    {
                        _("Criterion"): finding.criterion,
                        _("Finding"): finding.finding,
                        _("Explanation"): finding.explanation,
                    }
                    for finding in findings
                ],
                purposes=purposes,
                recipients=recipients,
                sources=weegploeg,
            ),
            ExportSection(
                title=_("Plan of approach and measures"),
                data=[{_("Goal"): str(goal.get_goal_display())} for goal in case.goals.all()]
                + [self._measure(measure) for measure in measures]
                + [
                    {_("Progress"): note.text, _("Written on"): _iso(note.written_at.date())}
                    for note in case.progress_notes.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sorted({measure.owner.name for measure in measures}) or [overleg.name],
            ),
            ExportSection(
                # AVG 15(4): the export is for the subject, so the related people's own
                # names and addresses stay out; their role and why the plan needs them go in.
                title=_("Related people"),
                data=[
                    {_("Role"): str(person.get_role_display()), _("Why"): person.reason}
                    for person in case.related_people.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[overleg.name],
            ),
            ExportSection(
                title=_("Disclosures"),
                data=[
                    {
                        _("To"): disclosure.partner.name,
                        _("On"): _iso(disclosure.disclosed_at.date()),
                        _("Necessity"): disclosure.necessity,
                    }
                    for disclosure in disclosures
                ],
                purposes=purposes,
                recipients=sorted({disclosure.partner.name for disclosure in disclosures}),
                sources=sorted({disclosure.provider.name for disclosure in disclosures}),
            ),
            ExportSection(
                title=_("Decisions and closing"),
                data=[
                    {
                        _("Meeting"): _iso(discussion.meeting.held_on),
                        _("Minutes"): discussion.minutes,
                        _("Approach"): discussion.approach,
                    }
                    for discussion in case.discussions.select_related("meeting")
                ]
                + [
                    {
                        _("Advice to the driehoek"): closing.advice,
                        _("Advised on"): _iso(closing.advised_on),
                        _("Reason"): str(closing.get_reason_display()),
                        _("Decided on"): _iso(closing.decided_on),
                    }
                    for closing in case.closings.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[overleg.name],
            ),
        ]
        return sections

    @staticmethod
    def _measure(measure: Measure) -> dict:
        return {
            _("Measure"): measure.description,
            _("Owner"): measure.owner.name,
            _("Deadline"): _iso(measure.deadline),
            _("Status"): str(measure.get_status_display()),
        }


FILE = CasesFile()
