"""The weegploeg file in the registry of files (subjects.registry): how `rights`, `retention`
and `security` find, list, export, rectify, archive and destroy its dossiers without importing
this app. Each method calls the file's services; the rules live there."""

from collections.abc import Iterator
from datetime import date
from itertools import islice

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import ReadKind, acting_for, log_reads
from parties.services.files import weegploeg_file
from subjects import items, matching
from subjects.forgetting import forgetting_batch
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
from weegploeg import counts, models, services, sight
from weegploeg.constants import AssessmentStatus, Outcome
from weegploeg.files import figures as figure_queries
from weegploeg.files.export import export_assessment
from weegploeg.models import Assessment
from weegploeg.permissions import files_of

# CTER 13.4: the outcomes that put nobody on the agenda of a casusoverleg (B2).
NOT_AGENDERED = (Outcome.NOT_SUBSTANTIAL, Outcome.OBJECTION)


def _day(moment):
    return timezone.localdate(moment) if moment else None


# What a dossier's state reads of its assessment, in this order (`_states`).
_STATE_COLUMNS = (
    "pk",
    "number",
    "status",
    "last_processed_at",
    "created_at",
    "archived_at",
    "veiligheidshuis_id",
)
_STATE_CHUNK = 500


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _current_decisions(assessment_ids: list[int]) -> dict[int, tuple[str, date]]:
    """The outcome and day of each assessment's current decision: its latest (W3)."""
    current: dict[int, tuple[str, date]] = {}
    rows = models.Decision.objects.filter(assessment__in=assessment_ids).order_by(
        "assessment_id", *models.Decision._meta.ordering
    )
    for assessment_id, outcome, decided_on in rows.values_list(
        "assessment_id", "outcome", "decided_on"
    ):
        current.setdefault(assessment_id, (outcome, decided_on))
    return current


class WeegploegFile(items.ItemsMixin):
    root_model = Assessment
    label = services.FILE_LABEL
    dossier_paths = {
        models.Assessment: "",
        models.Signal: "assessment",
        models.Analysis: "assessment",
        models.CriterionFinding: "analysis.assessment",
        models.AdditionalInformation: "assessment",
        models.ExpertAdvice: "assessment",
        models.Decision: "assessment",
        models.AgendaItem: "assessment",
        models.Check: "assessment",
        models.CaseTransfer: "assessment",
    }
    figure_reasons = figure_queries.REASONS

    def key_of(self, root: Assessment) -> str:
        return root.number

    def dossier_root(self, ref: DossierRef) -> Assessment:
        return Assessment.objects.get(number=ref.key)

    def items_changed(self, root: Assessment, row) -> None:
        """The counts kept on the parents of an item rectified, restricted or erased, and who
        sees the meeting of an agenda item erased (ADR 0039)."""
        counts.recount_assessments(root)
        if isinstance(row, models.AgendaItem):
            counts.recount_meetings(row.meeting_id)
            sight.refresh([row.meeting_id])

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

    def data_file(self, ref: DossierRef):
        """P8: the weegploeg file of the dossier's Veiligheidshuis."""
        return weegploeg_file(self.dossier_root(ref).veiligheidshuis)

    def dossier_keys(self, data_files):
        """S2: the numbers of the dossiers of these weegploeg files (keyed by the region's code)."""
        codes = [f.key for f in data_files if f.kind == self.label]
        return Assessment.objects.filter(veiligheidshuis__code__in=codes).values_list(
            "number", flat=True
        )

    def dossier_url(self, ref: DossierRef) -> str:
        """The dossier's page, which checks its own permissions: a number, no personal data."""
        return reverse("weegploeg:assessment-detail", args=[ref.key])

    def addressee(self, ref: DossierRef, person: ItemRef | None) -> Addressee:
        """I4: the subject; a weegploeg dossier registers no other people."""
        if person is not None:
            raise LookupError("No such person in this dossier.")
        return items.addressee_of(self.dossier_root(ref))

    def list_dossiers(self) -> Iterator[DossierState]:
        """Every dossier with its state for retention and oversight: no names."""
        yield from self._states(Assessment.objects.all())

    def state(self, ref: DossierRef) -> DossierState | None:
        return next(self._states(Assessment.objects.filter(number=ref.key)), None)

    def states(self, keys) -> Iterator[DossierState]:
        yield from self._states(Assessment.objects.filter(number__in=list(keys)))

    def _states(self, assessments) -> Iterator[DossierState]:
        """A weegploeg puts nobody on its own agenda in the sense of VH 20.1 (that is the
        casusoverleg's): `last_on_agenda` is None. Decided "not substantial" or ended on an
        objection: not put on the agenda (CTER 13.4, docs/adr/0013)."""
        # Read as rows, a chunk at a time with its decisions and its regions' files (issue 13:
        # a sweep reads the states of every dossier it handles).
        rows = assessments.order_by("pk").values_list(*_STATE_COLUMNS)
        files: dict[int, int] = {}
        for chunk in _chunks(rows.iterator(chunk_size=_STATE_CHUNK), _STATE_CHUNK):
            decisions = _current_decisions([row[0] for row in chunk])
            files.update(files_of({row[6] for row in chunk} - files.keys()))
            for pk, number, status, processed_at, created_at, archived_at, region in chunk:
                decision = decisions.get(pk) if status == AssessmentStatus.DECIDED else None
                outcome, decided_on = decision or ("", None)
                yield DossierState(
                    ref=DossierRef(self.label, number),
                    status=status,
                    decision=outcome,
                    decided_on=decided_on,
                    last_processed_on=timezone.localdate(processed_at),
                    casusoverleg="",
                    data_file_id=files[region],
                    opened_on=timezone.localdate(created_at),
                    last_on_agenda=None,
                    in_progress=False,
                    not_agendered=outcome in NOT_AGENDERED,
                    deceased=False,
                    archived=archived_at is not None,
                    archived_on=_day(archived_at),
                )

    def figures(self, ref: DossierRef | None = None) -> list[Figure]:
        """U6, B7: signals in, decisions by outcome, days to the decision, dossiers opened
        (`weegploeg.files.figures`): of one dossier, or of all (with the archived ones, U6),
        counted in the database."""
        assessments = Assessment._base_manager.all()
        if ref is not None:
            return figure_queries.figures(assessments.filter(number=ref.key))
        return figure_queries.figures(assessments) + figure_queries.archived(assessments)

    def figures_of(self, refs) -> list[Figure]:
        """U6, B7: `figures` of these dossiers together, in as many queries as for one."""
        keys = [ref.key for ref in refs]
        return figure_queries.figures(Assessment._base_manager.filter(number__in=keys))

    def last_processed_on(self, ref: DossierRef):
        return timezone.localdate(self.dossier_root(ref).last_processed_at)

    def archive(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.archive(self.dossier_root(ref), by=by)

    def reactivate(self, ref: DossierRef, *, by) -> None:
        with acting_for(by):
            services.reactivate(self.dossier_root(ref), by=by)

    def end_processing(self, ref: DossierRef, *, by, reason: str) -> None:
        """R7: an upheld objection ends the processing (`services.end_processing`, ADR 0013);
        a second call changes nothing."""
        with transaction.atomic():
            assessment = self.dossier_root(ref)
            if services.objection_upheld(assessment):
                return
            with acting_for(by):
                services.end_processing(assessment, by=by, reason=reason)

    def destroy(self, ref: DossierRef, *, by) -> dict[str, int]:
        """B8: the rows deleted per kind; a second call finds nothing, does nothing: {}."""
        return self.destroy_many([ref], by=by).get(ref, {})

    def destroy_many(self, refs, *, by, nowait: bool = False) -> dict[DossierRef, dict[str, int]]:
        """B8: `destroy` for many dossiers in one transaction, their roots locked in one query
        (`nowait`: raise at once when another transaction holds one) and the sessions read
        once (`forgetting_batch`). A dossier that is not there is left out."""
        keys = [ref.key for ref in refs]
        with transaction.atomic(), forgetting_batch():
            rows = Assessment._base_manager.filter(number__in=keys).order_by("pk")
            found = {a.number: a for a in rows.select_for_update(nowait=nowait)}
            roots = {DossierRef(self.label, key): found[key] for key in keys if key in found}
            # One collector and one purge for all of them (issue 13, ADR 0029).
            return services.destroy_many(roots, by=by, kinds=self.dossier_paths)

    def recipients(self, ref: DossierRef) -> list[Recipient]:
        """W6: the casusoverleggen that received a copy of this dossier."""
        return [
            Recipient(
                kind="transfer",
                party=transfer.casusoverleg_name,
                what=_("Copy to case %(number)s: %(signals)d signal(s), %(findings)d finding(s)")
                % {
                    "number": transfer.case_number,
                    "signals": len(transfer.what.get("signals", [])),
                    "findings": len(transfer.what.get("findings", [])),
                },
                on=timezone.localdate(transfer.transferred_at),
            )
            for transfer in self.dossier_root(ref).case_transfers.order_by("transferred_at", "pk")
        ]

    def _export(self, ref: DossierRef, *, by) -> list[ExportSection]:
        """R4 and CTER 12.3: every text of the dossier (`weegploeg.files.export`). The export is
        a read: logged (S2)."""
        assessment = self.dossier_root(ref)
        log_reads(by, [assessment], kind=ReadKind.EXPORT)
        return export_assessment(assessment)


FILE = WeegploegFile()
