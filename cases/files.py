"""The ICO files in the registry of files (subjects.registry): how `rights`, `retention` and
`security` find, list, export, rectify, archive and destroy the cases of every casusoverleg
without importing this app. All casusoverleggen share the label "ico"; a case number names the
dossier and its casusoverleg. Each method calls the file's services; the rules live there."""

from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import models, services
from cases.constants import CaseStatus, ClosingReason
from cases.models import Case, CaseFinding, Measure
from cases.permissions import file_of
from config.audit import ReadKind, acting_for, log_reads
from parties.permissions import membership_of
from subjects import items, matching
from subjects.categories import DataCategory
from subjects.registry import (
    Addressee,
    DossierRef,
    DossierState,
    ExportItem,
    ExportSection,
    Identity,
    ItemRef,
    Recipient,
    item_ref,
)


def _iso(day) -> str:
    return day.isoformat() if day else ""


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _address(case: Case) -> str:
    parts = (case.street, case.house_number, case.postcode, case.municipality)
    return " ".join(part for part in parts if part)


class CasesFile(items.ItemsMixin):
    root_model = Case
    label = services.FILE_LABEL
    dossier_paths = {
        models.Case: "",
        models.CaseParticipant: "case",
        models.CaseSignal: "case",
        models.CaseFinding: "case",
        models.Transfer: "case",
        models.CopyOut: "case",
        models.RelatedPerson: "case",
        models.PlanGoal: "case",
        models.Measure: "case",
        models.ProgressNote: "case",
        models.Closing: "case",
        models.CaseCheck: "case",
        models.Discussion: "case",
        models.Disclosure: "case",
        models.Export: "case",
    }

    def key_of(self, root: Case) -> str:
        return root.number

    def dossier_root(self, ref: DossierRef) -> Case:
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

    def data_file(self, ref: DossierRef):
        """P8: the ICO file of the case's casusoverleg."""
        return file_of(self.dossier_root(ref).casusoverleg)

    def addressee(self, ref: DossierRef, person: ItemRef | None) -> Addressee:
        """I4, I5: the subject, or a related person registered in the case (VH 17.1)."""
        case = self.dossier_root(ref)
        if person is None:
            return items.addressee_of(case)
        related = case.related_people.filter(pk=person.pk).first()
        if person.model != models.RelatedPerson._meta.label_lower or related is None:
            raise LookupError("No such person in this dossier.")
        name = " ".join(part for part in (related.given_names, related.surname) if part)
        return Addressee(name=name, address=related.address)

    def list_dossiers(self) -> Iterator[DossierState]:
        """Every case with its state for retention and oversight: no names. The decision is
        the standing decision to close (its reason and date)."""
        rows = (
            Case.objects.order_by("pk").select_related("casusoverleg").prefetch_related("closings")
        )
        for case in rows.iterator(chunk_size=500):
            closing = next(
                (
                    c
                    for c in case.closings.all()
                    if c.decided_on is not None and c.reopened_at is None
                ),
                None,
            )
            overleg = case.casusoverleg
            yield DossierState(
                ref=DossierRef(self.label, case.number),
                status=case.status,
                decision=closing.reason if closing else "",
                decided_on=closing.decided_on if closing else None,
                last_processed_on=timezone.localdate(case.last_processed_at),
                casusoverleg=overleg.name,
                archive_after_years=overleg.archive_after_years,
                destroy_after_years=overleg.destroy_after_years,
                deceased=closing is not None and closing.reason == ClosingReason.DECEASED,
                archived=case.status == CaseStatus.ARCHIVED,
                archived_on=_day(case.archived_at),
            )

    def last_processed_on(self, ref: DossierRef):
        return timezone.localdate(self.dossier_root(ref).last_processed_at)

    def archive(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.archive(self.dossier_root(ref), by=by)

    def reactivate(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.reactivate(self.dossier_root(ref), by=by)

    @transaction.atomic
    def destroy(self, ref: DossierRef, *, by) -> None:
        """B8: the case's rows, every audit entry of the dossier (found by its dossier columns,
        rows deleted earlier included) and the duty-to-inform records that name it, leaving one
        destruction record. Nothing of the person is logged while doing so. A second call finds
        nothing and does nothing."""
        from auditlog.context import disable_auditlog

        from config.audit import purge_dossier_trail
        from rights.services import forget_dossier

        case = Case.objects.filter(number=ref.key).first()
        if case is None:
            return
        purge_dossier_trail(ref, root=case, by=by)
        forget_dossier(file_label=self.label, dossier_key=case.number)
        with disable_auditlog():
            case.delete()

    def recipients(self, ref: DossierRef) -> list[Recipient]:
        """R6, CTER 12.6: who received data of the case: disclosures to partners (C6), copies
        to another casusoverleg (C10) and exports (C7), oldest first."""
        case = self.dossier_root(ref)
        found = [
            Recipient(
                kind="disclosure",
                party=disclosure.partner.name,
                what=", ".join(str(part) for part in disclosure.parts),
                on=timezone.localdate(disclosure.disclosed_at),
            )
            for disclosure in case.disclosures.select_related("partner")
        ]
        found += [
            Recipient(
                kind="copy",
                party=copy.to_casusoverleg.name,
                what=_("Copy as case %(number)s") % {"number": copy.to_case_number},
                on=timezone.localdate(copy.copied_at),
            )
            for copy in case.copies_out.select_related("to_casusoverleg")
        ]
        for export in case.exports.select_related("exported_by"):
            membership = membership_of(export.exported_by)
            found.append(
                Recipient(
                    kind="export",
                    party=membership.party.name if membership is not None else "",
                    what=_("Export of the case"),
                    on=timezone.localdate(export.exported_at),
                )
            )
        return sorted(found, key=lambda recipient: recipient.on)

    def _export(self, ref: DossierRef, *, by) -> list[ExportSection]:
        """R4 and CTER 12.3: the data, purposes, (possible) recipients and sources, each item
        with its source, date and category (VH 9.2). The export is a read: logged (S2)."""
        case = self.dossier_root(ref)
        log_reads(by, [case], kind=ReadKind.EXPORT)
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
        weegploeg = _("The i2o weegploeg")
        opened = _day(case.created_at)
        naw_source = transfer_sources[0] if transfer_sources else overleg.name
        measures = list(case.measures.select_related("owner"))
        disclosures = list(case.disclosures.select_related("partner", "provider"))
        findings: list[CaseFinding] = list(case.findings.all())

        def item(data, row, *, source, on, category):
            return ExportItem(
                data=data,
                source=source,
                on=on,
                category=category,
                item=item_ref(row),
            )

        naw = DataCategory.NAME_AND_ADDRESS
        approach, progress = DataCategory.APPROACH, DataCategory.PROGRESS
        return [
            ExportSection(
                title=_("Personal details"),
                items=[
                    item(data, case, source=naw_source, on=opened, category=naw)
                    for data in (
                        {_("Name"): case.full_name},
                        {_("Date of birth"): _iso(case.date_of_birth)},
                        {_("Address"): _address(case)},
                        {_("Identity established by"): str(case.get_identity_method_display())},
                    )
                ],
                purposes=purposes,
                recipients=recipients,
                sources=sorted(set(transfer_sources)) + brought_by,
            ),
            ExportSection(
                title=_("Signals"),
                items=[
                    item(
                        {
                            _("Observed on"): _iso(signal.observed_on),
                            _("Behaviour"): signal.behaviour,
                            _("Brought in by"): signal.brought_by.name,
                        },
                        signal,
                        source=signal.brought_by.name,
                        on=signal.observed_on,
                        category=DataCategory.NUISANCE,
                    )
                    for signal in signals
                ],
                purposes=purposes,
                recipients=recipients,
                sources=brought_by,
            ),
            ExportSection(
                title=_("Analysis"),
                items=[
                    item(
                        {
                            _("Criterion"): finding.criterion,
                            _("Finding"): finding.finding,
                            _("Explanation"): finding.explanation,
                        },
                        finding,
                        source=weegploeg,
                        on=opened,
                        category=approach,
                    )
                    for finding in findings
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[weegploeg],
            ),
            ExportSection(
                title=_("Plan of approach and measures"),
                items=[
                    item(
                        {_("Goal"): str(goal.get_goal_display())},
                        goal,
                        source=overleg.name,
                        on=None,
                        category=approach,
                    )
                    for goal in case.goals.all()
                ]
                + [
                    item(
                        self._measure(measure),
                        measure,
                        source=measure.owner.name,
                        on=_day(measure.created_at),
                        category=approach,
                    )
                    for measure in measures
                ]
                + [
                    item(
                        {_("Progress"): note.text, _("Written on"): _iso(note.written_at.date())},
                        note,
                        source=overleg.name,
                        on=_day(note.written_at),
                        category=progress,
                    )
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
                items=[
                    item(
                        {_("Role"): str(person.get_role_display()), _("Why"): person.reason},
                        person,
                        source=overleg.name,
                        on=None,
                        category=DataCategory.FAMILY,
                    )
                    for person in case.related_people.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[overleg.name],
            ),
            ExportSection(
                title=_("Disclosures"),
                items=[
                    item(
                        {
                            _("To"): disclosure.partner.name,
                            _("On"): _iso(disclosure.disclosed_at.date()),
                            _("Necessity"): disclosure.necessity,
                        },
                        disclosure,
                        source=disclosure.provider.name,
                        on=_day(disclosure.disclosed_at),
                        category=DataCategory.DISCLOSURES,
                    )
                    for disclosure in disclosures
                ],
                purposes=purposes,
                recipients=sorted({disclosure.partner.name for disclosure in disclosures}),
                sources=sorted({disclosure.provider.name for disclosure in disclosures}),
            ),
            ExportSection(
                title=_("Decisions and closing"),
                items=[
                    item(
                        {
                            _("Meeting"): _iso(discussion.meeting.held_on),
                            _("Minutes"): discussion.minutes,
                            _("Approach"): discussion.approach,
                        },
                        discussion,
                        source=overleg.name,
                        on=discussion.meeting.held_on,
                        category=approach,
                    )
                    for discussion in case.discussions.select_related("meeting")
                ]
                + [
                    item(
                        {
                            _("Advice to the driehoek"): closing.advice,
                            _("Advised on"): _iso(closing.advised_on),
                            _("Reason"): str(closing.get_reason_display()),
                            _("Decided on"): _iso(closing.decided_on),
                        },
                        closing,
                        source=overleg.name,
                        on=closing.advised_on,
                        category=progress,
                    )
                    for closing in case.closings.all()
                ],
                purposes=purposes,
                recipients=recipients,
                sources=[overleg.name],
            ),
        ]

    @staticmethod
    def _measure(measure: Measure) -> dict:
        return {
            _("Measure"): measure.description,
            _("Owner"): measure.owner.name,
            _("Deadline"): _iso(measure.deadline),
            _("Status"): str(measure.get_status_display()),
        }


FILE = CasesFile()
