"""The history of a case, read from the audit log (S2): who changed what of the case, its
participants, plan and closings, and when. It names the fields that changed but never their
values, so a corrected name does not come back through the history."""

from dataclasses import dataclass
from datetime import datetime

from auditlog import get_logentry_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Case,
    CaseParticipant,
    Closing,
    Measure,
    PlanGoal,
    ProgressNote,
    RelatedPerson,
)

HISTORY_LENGTH = 25
_ACTION = get_logentry_model().Action
ACTION_LABELS = {
    _ACTION.CREATE: _("added"),
    _ACTION.UPDATE: _("changed"),
    _ACTION.DELETE: _("removed"),
}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    party: str
    subject: str
    action: str
    fields: list[str]


def case_history(case: Case, *, limit: int = HISTORY_LENGTH) -> list[HistoryRow]:
    """The latest changes (reads left out) of the case and of the rows of its file: its
    participants, goals, measures, progress notes, related people and closings (the rows a
    reader may see: restricted ones stay out unless read inside `reading_restricted`). One
    query, however long the file: the rows are subqueries of it (issue 13)."""
    entry_model = get_logentry_model()
    rows_by_model = {
        Case: [case.pk],
        CaseParticipant: CaseParticipant.objects.filter(case=case).values("pk"),
        PlanGoal: PlanGoal.objects.filter(case=case).values("pk"),
        Measure: Measure.objects.filter(case=case).values("pk"),
        ProgressNote: ProgressNote.objects.filter(case=case).values("pk"),
        RelatedPerson: RelatedPerson.objects.filter(case=case).values("pk"),
        Closing: Closing.objects.filter(case=case).values("pk"),
    }
    content_types = ContentType.objects.get_for_models(*rows_by_model)
    wanted = Q()
    for model, pks in rows_by_model.items():
        wanted |= Q(content_type=content_types[model], object_id__in=pks)
    models_by_type = {content_type.pk: model for model, content_type in content_types.items()}
    # Every change touches the case's last-processing date (B1); those entries only repeat the
    # change next to them and are left out, so more are read than shown.
    entries = (
        entry_model.objects.filter(wanted)
        .exclude(action=entry_model.Action.ACCESS)
        .select_related("actor")
        .order_by("-timestamp", "-pk")[: limit * 3]
    )
    rows = [
        _row(entry, models_by_type[entry.content_type_id])
        for entry in entries
        if not _only_touched(entry)
    ]
    return rows[:limit]


def _only_touched(entry) -> bool:
    return entry.action == _ACTION.UPDATE and set(entry.changes_dict) <= {"last_processed_at"}


def _row(entry, model) -> HistoryRow:
    actor = entry.actor.display_name if entry.actor else entry.actor_email or ""
    return HistoryRow(
        at=entry.timestamp,
        actor=actor,
        party=entry.actor_party_name,
        subject=str(model._meta.verbose_name),
        action=str(ACTION_LABELS.get(entry.action, "")),
        # Only a change names its fields: an addition would list them all.
        fields=_field_labels(model, entry.changes_dict) if entry.action == _ACTION.UPDATE else [],
    )


def _field_labels(model, changes: dict) -> list[str]:
    """The labels of the changed fields a person can change; derived ones (the name key) are
    left out."""
    labels = []
    for name in changes:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            labels.append(name)
            continue
        if field.editable:
            labels.append(str(field.verbose_name))
    return labels
