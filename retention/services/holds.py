"""Holds (VH 20.2, B6): a dossier kept longer than its term, with recorded reasons. Recording
and ending one by hand: the pages helper. What a sweep asks: below."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from config.audit import acting_for
from retention.models import Hold
from subjects.registry import DossierRef


def record_hold(ref: DossierRef, *, reasons: str, controller_decision: str, until: date, by):
    raise NotImplementedError  # OWNED BY THE PAGES HELPER


def end_hold(hold, *, by):
    raise NotImplementedError  # OWNED BY THE PAGES HELPER


def in_force(*, as_of: date):
    return Hold.objects.filter(ended_at__isnull=True, until__gte=as_of)


def held_dossiers(*, as_of: date) -> set[tuple[str, str]]:
    """(file_label, dossier_key) of every dossier with a hold in force on `as_of`."""
    return set(in_force(as_of=as_of).values_list("file_label", "dossier_key"))


@transaction.atomic
def end_lapsed_holds(*, as_of: date) -> int:
    """End every hold whose date passed before `as_of`: by the system (ended_by None), each end
    in the hold's audit trail (B6)."""
    lapsed = Hold.objects.select_for_update(skip_locked=True).filter(
        ended_at__isnull=True, until__lt=as_of
    )
    ended = 0
    with acting_for(None):
        for hold in lapsed:
            hold.ended_at = timezone.now()
            hold.save(update_fields=["ended_at"])
            ended += 1
    return ended
