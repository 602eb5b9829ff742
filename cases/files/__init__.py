"""The ICO files in the registry of files (subjects.registry): how `rights`, `retention` and
`security` find, list, export, rectify, archive and destroy the cases of every casusoverleg
without importing this app. All casusoverleggen share the label "ico"; a case number names the
dossier and its casusoverleg. Each method calls the file's services; the rules live there."""

from collections.abc import Iterator
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import counts, models, services, sight
from cases.constants import CaseStatus, ClosingReason
from cases.files import figures as figure_queries
from cases.files.export import export_case
from cases.models import Case
from cases.permissions import file_of
from config.audit import ReadKind, acting_for, log_reads
from parties.permissions import membership_of
from subjects import items, matching
from subjects.registry import (
    Addressee,
    DossierRef,
    DossierState,
    ExportSection,
    Figure,
    Identity,
    ItemRef,
    Recipient,
)


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _in_progress_until(case: Case, *, today) -> date | None:
    """VH 20.1: an active case is in progress while it has open measures (until one is
    written: `date.max`) or a meeting to come (through the day of its last meeting); None when
    it is not in progress on `today`. `case.last_on_agenda` is annotated by `_states`."""
    if case.status != CaseStatus.ACTIVE:
        return None
    if case.open_measure_count > 0:
        return date.max
    if case.last_on_agenda is not None and case.last_on_agenda >= today:
        return case.last_on_agenda
    return None


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
    figure_reasons = figure_queries.REASONS

    def key_of(self, root: Case) -> str:
        return root.number

    def dossier_root(self, ref: DossierRef) -> Case:
        return Case.objects.select_related("casusoverleg").get(number=ref.key)

    def items_changed(self, root: Case, row) -> None:
        """The counts kept on the parents of an item rectified, restricted or erased, and who
        sees the meeting of a discussion erased (ADR 0039)."""
        counts.recount_cases(root)
        if isinstance(row, models.Discussion):
            counts.recount_meetings(row.meeting_id)
            sight.refresh([row.meeting_id])

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

    def dossier_keys(self, data_files):
        """S2: the numbers of the cases of these ICO files (keyed by the casusoverleg's pk)."""
        keys = [int(f.key) for f in data_files if f.kind == self.label]
        return Case.objects.filter(casusoverleg_id__in=keys).values_list("number", flat=True)

    def dossier_url(self, ref: DossierRef) -> str:
        """The dossier's page, which checks its own permissions: a number, no personal data."""
        return reverse("cases:case-detail", args=[ref.key])

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
        """Every case with its state for retention and oversight: no names."""
        yield from self._states(Case.objects.all())

    def state(self, ref: DossierRef) -> DossierState | None:
        return next(self._states(Case.objects.filter(number=ref.key)), None)

    def states(self, keys) -> Iterator[DossierState]:
        yield from self._states(Case.objects.filter(number__in=list(keys)))

    def _states(self, cases) -> Iterator[DossierState]:
        """The decision is the standing decision to close (its reason and date). A case is in
        progress while it is active and has open measures or a meeting to come (VH 20.1)."""
        today = timezone.localdate()
        rows = (
            cases.order_by("pk")
            .select_related("casusoverleg__veiligheidshuis")
            .prefetch_related("closings")
            .annotate(
                last_on_agenda=Max("discussions__meeting__held_on"),
            )
        )
        files: dict[int, int] = {}
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
            if overleg.pk not in files:
                files[overleg.pk] = file_of(overleg).pk
            in_progress_until = _in_progress_until(case, today=today)
            yield DossierState(
                ref=DossierRef(self.label, case.number),
                status=case.status,
                decision=closing.reason if closing else "",
                decided_on=closing.decided_on if closing else None,
                last_processed_on=timezone.localdate(case.last_processed_at),
                casusoverleg=overleg.name,
                data_file_id=files[overleg.pk],
                opened_on=timezone.localdate(case.created_at),
                last_on_agenda=case.last_on_agenda,
                in_progress=in_progress_until is not None,
                not_agendered=False,
                deceased=closing is not None and closing.reason == ClosingReason.DECEASED,
                archived=case.status == CaseStatus.ARCHIVED,
                archived_on=_day(case.archived_at),
                in_progress_until=in_progress_until,
            )

    def figures(self, ref: DossierRef | None = None) -> list[Figure]:
        """U6, B7: cases opened, closed by reason, measures and whether they were done by
        their deadline (`cases.files.figures`): of one case, or of all (with the archived ones,
        U6), counted in the database."""
        cases = Case._base_manager.all()
        if ref is not None:
            return figure_queries.figures(cases.filter(number=ref.key))
        return figure_queries.figures(cases) + figure_queries.archived(cases)

    def figures_of(self, refs) -> list[Figure]:
        """U6, B7: `figures` of these cases together, in as many queries as for one."""
        keys = [ref.key for ref in refs]
        return figure_queries.figures(Case._base_manager.filter(number__in=keys))

    def last_processed_on(self, ref: DossierRef):
        return timezone.localdate(self.dossier_root(ref).last_processed_at)

    def archive(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.archive(self.dossier_root(ref), by=by)

    def reactivate(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.reactivate(self.dossier_root(ref), by=by)

    def end_processing(self, ref: DossierRef, *, by, reason: str) -> None:
        """R7: an upheld objection ends the processing (`services.end_processing`, ADR 0013).
        A case already closed or archived is processed no further: nothing changes, so a
        second call changes nothing."""
        with transaction.atomic():
            case = self.dossier_root(ref)
            if case.status != CaseStatus.ACTIVE:
                return
            with acting_for(by):
                services.end_processing(case, by=by, reason=reason)

    def destroy(self, ref: DossierRef, *, by) -> dict[str, int]:
        """B8: the duty-to-inform and request records that name the case, its rows, every
        audit entry of the dossier (found by its dossier columns, rows deleted earlier
        included, and by row for records of several dossiers) and the person's name in
        sessions, leaving one entry recording the destruction. Nothing of the person is logged
        while doing so. Returns the rows deleted per kind; a second call finds nothing and
        does nothing: {}."""
        return self.destroy_many([ref], by=by).get(ref, {})

    def destroy_many(self, refs, *, by, nowait: bool = False) -> dict[DossierRef, dict[str, int]]:
        """B8: `destroy` for many cases in one transaction, their rows locked in one query
        (`nowait`: raise at once when another transaction holds one), the sessions read once
        (`forgetting_batch`) and the agendas recounted once; one collector and one purge for
        all (ADR 0029). A case that is not there is left out."""
        from config.audit import purge_batch
        from rights.services import forget_dossiers
        from subjects.forgetting import destroy_roots, forgetting_batch

        keys = [ref.key for ref in refs]
        with transaction.atomic(), forgetting_batch():
            rows = Case._base_manager.filter(number__in=keys).order_by("pk")
            found = {case.number: case for case in rows.select_for_update(nowait=nowait)}
            meetings = list(
                models.Discussion.objects.filter(case__in=found.values()).values_list(
                    "meeting", flat=True
                )
            )
            roots = {DossierRef(self.label, key): found[key] for key in keys if key in found}
            # One collector and one purge for all of them (issue 13, ADR 0029).
            with purge_batch():  # the destruction entries name every entry purged (S2)
                counted = forget_dossiers(list(roots))
                destroyed = destroy_roots(roots, kinds=self.dossier_paths, by=by, counted=counted)
            counts.recount_meetings(*meetings)  # their agendas are shorter (issue 13)
            sight.refresh(meetings)  # and may no longer show anything to some (ADR 0039)
            return destroyed

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
        """R4 and CTER 12.3: every text of the case (`cases.files.export`). The export is a
        read: logged (S2)."""
        case = self.dossier_root(ref)
        log_reads(by, [case], kind=ReadKind.EXPORT)
        return export_case(case)


FILE = CasesFile()
