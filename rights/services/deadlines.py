"""The term to answer a request (R3; AVG 12.3, VH 18.2-18.4).

The answer is due within the strictest term of the files the request covers: each file sets
its term in days (`FileRightsSettings.request_term_days`), or none, which means one calendar
month (AVG 12.3). Before any dossier is confirmed the term is one month. A request that includes
an objection is decided within four weeks (VH 18.4). The term is extended by two months only
with reasons and only while the first term runs (AVG 12.3)."""

import calendar
from datetime import date, timedelta

from django.db.models import Q

from rights.constants import RequestState
from rights.models import FileRightsSettings
from rights.models.requests import SubjectRequest
from subjects import registry

OBJECTION_TERM = timedelta(weeks=4)  # VH 18.4
EXTENSION_MONTHS = 2  # AVG 12.3
WARN_BEFORE = timedelta(weeks=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or the last day of a shorter month
    (31 January + one month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(received_on: date, term_days: int | None) -> date:
    """The last day of a term that starts on the day of receipt."""
    if term_days is None:
        return add_months(received_on, 1)
    return received_on + timedelta(days=term_days)


def file_terms(refs) -> list[int | None]:
    """The term of the file each dossier is kept in (None: one calendar month)."""
    data_files = {registry.get(ref.file_label).data_file(ref) for ref in refs}
    set_terms = dict(
        FileRightsSettings.objects.filter(data_file__in=data_files).values_list(
            "data_file_id", "request_term_days"
        )
    )
    return [set_terms.get(data_file.pk) for data_file in data_files]


def due_on_for(*, received_on: date, kinds, refs=()) -> date:
    """R3: the strictest term of the files covered; one month while none is confirmed; four
    weeks at most when the request includes an objection."""
    terms = file_terms(refs) if refs else [None]
    due = min(term_end(received_on, days) for days in terms)
    if "objection" in kinds:
        due = min(due, received_on + OBJECTION_TERM)
    return due


def covered_refs(subject_request: SubjectRequest) -> list[registry.DossierRef]:
    return refs_of(subject_request.dossiers.order_by("pk"))


def refs_of(rows) -> list[registry.DossierRef]:
    """The dossiers of a request's rows (`RequestDossier`), as the registry names them."""
    return [registry.DossierRef(row.file_label, row.dossier_key) for row in rows]


def recompute_due(subject_request: SubjectRequest) -> bool:
    """Set `due_on` from the dossiers confirmed now (the caller saves). A moved deadline is
    watched anew: its warning and alarm go out again when due. True when it moved."""
    due = due_on_for(
        received_on=subject_request.received_on,
        kinds=subject_request.kinds,
        refs=covered_refs(subject_request),
    )
    if due == subject_request.due_on:
        return False
    subject_request.due_on = due
    if subject_request.extended_to is None:
        subject_request.warned_at = None
        subject_request.alarmed_at = None
    return True


def extended_deadline(due_on: date) -> date:
    return add_months(due_on, EXTENSION_MONTHS)


def to_warn(today: date):
    """Open requests whose deadline is within a week and that were not warned of yet."""
    return (
        _open()
        .filter(warned_at__isnull=True)
        .filter(_deadline_before(today + WARN_BEFORE, inclusive=True))
    )


def to_alarm(today: date):
    """Open requests whose deadline has passed and that no alarm went out for yet."""
    return _open().filter(alarmed_at__isnull=True).filter(_deadline_before(today))


def due_within(queryset, today: date, *, days: int = 7):
    """Of `queryset`, the open requests due from today up to `days` days ahead."""
    end = today + timedelta(days=days)
    return queryset.filter(_open_q()).filter(
        Q(extended_to__isnull=True, due_on__range=(today, end)) | Q(extended_to__range=(today, end))
    )


def overdue(queryset, today: date):
    return queryset.filter(_open_q()).filter(_deadline_before(today))


def _open_q():
    return ~Q(state__in=[RequestState.DONE, RequestState.WITHDRAWN])


def _open():
    return SubjectRequest.objects.filter(_open_q())


def _deadline_before(day: date, *, inclusive: bool = False):
    lookup = "lte" if inclusive else "lt"
    return Q(extended_to__isnull=True, **{f"due_on__{lookup}": day}) | Q(
        **{f"extended_to__{lookup}": day}
    )
