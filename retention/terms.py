"""The retention terms of a file (B2-B4, C11), one place: the terms recorded for a
`parties.DataFile` (`RetentionTerms`), or the covenant's defaults for its kind."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from parties.constants import FileKind
from retention.constants import ArchiveFrom


@dataclass(frozen=True)
class Terms:
    archive_after_months: int
    archive_from: str  # ArchiveFrom
    destroy_after_months: int
    # CTER 13.4: a subject not put on the agenda; None where the file decides no such thing.
    not_agendered_destroy_after_months: int | None


# CTER 13: archived one year and destroyed five years after the last processing; the
# weegploeg destroys what it decided not to put on the agenda within six months.
DEFAULTS = {
    FileKind.WEEGPLOEG: Terms(12, ArchiveFrom.LAST_PROCESSING, 60, 6),
    FileKind.ICO: Terms(12, ArchiveFrom.LAST_PROCESSING, 60, None),
}


def _of(row) -> Terms:
    return Terms(
        archive_after_months=row.archive_after_months,
        archive_from=row.archive_from,
        destroy_after_months=row.destroy_after_months,
        not_agendered_destroy_after_months=row.not_agendered_destroy_after_months,
    )


def terms_for(data_file) -> Terms:
    from retention.models import RetentionTerms

    row = RetentionTerms.objects.filter(data_file=data_file).first()
    return _of(row) if row is not None else DEFAULTS[data_file.kind]


def terms_of_file(data_file_id: int) -> Terms | None:
    """`terms_for` the file with this pk, in one query (its row and its recorded terms); None
    when there is no such file."""
    from parties.models import DataFile

    found = DataFile.objects.filter(pk=data_file_id).select_related("retention_terms").first()
    if found is None:
        return None
    row = getattr(found, "retention_terms", None)
    return _of(row) if row is not None else DEFAULTS[found.kind]


def terms_for_key(kind: str, key) -> Terms:
    """`terms_for` the file of `kind` with `key`, in one query without reading the file."""
    return terms_for_keys(kind, [key])[str(key)]


def terms_for_keys(kind: str, keys) -> dict[str, Terms]:
    """`terms_for_key` of many files of one kind, by key, in one query (a list of
    casusoverleggen with their terms; issue 13)."""
    from retention.models import RetentionTerms

    keys = [str(key) for key in keys]
    rows = RetentionTerms.objects.filter(data_file__kind=kind, data_file__key__in=keys)
    found = {row.data_file.key: _of(row) for row in rows.select_related("data_file")}
    return {key: found.get(key, DEFAULTS[kind]) for key in keys}


def terms_by_file(file_ids, *, kinds: dict[int, str] | None = None) -> dict[int, Terms]:
    """The terms of many files in two queries (a sweep over every dossier), or in one when the
    caller knows their kinds (`kinds`: file pk -> kind)."""
    from parties.models import DataFile
    from retention.models import RetentionTerms

    ids = set(file_ids)
    if not ids:
        return {}
    rows = RetentionTerms.objects.filter(data_file__in=ids)
    recorded = {row.data_file_id: _of(row) for row in rows}
    if kinds is None:
        kinds = dict(DataFile.objects.filter(pk__in=ids - set(recorded)).values_list("pk", "kind"))
    kinds = {pk: kind for pk, kind in kinds.items() if pk in ids and pk not in recorded}
    return {**{pk: DEFAULTS[kind] for pk, kind in kinds.items()}, **recorded}


def months_after(day: date, months: int) -> date:
    return day + relativedelta(months=months)


def describe(terms: Terms) -> str:
    """The terms in words, for the casusoverleg's page and the access answer (R4, B3, B4)."""
    from django.utils.translation import gettext as _

    if terms.archive_from == ArchiveFrom.LAST_AGENDA:
        archive = _(
            "The data go to a non-active archive when the subject has not been on the agenda for "
            "%(months)d months, and are open again only when the subject is put on the agenda "
            "again."
        ) % {"months": terms.archive_after_months}
    else:
        archive = _(
            "The data go to a non-active archive, open to the kernpartijen only, %(months)d months "
            "after the last processing."
        ) % {"months": terms.archive_after_months}
    destroy = _("They are destroyed %(months)d months after the last processing.") % {
        "months": terms.destroy_after_months
    }
    parts = [archive, destroy]
    if terms.not_agendered_destroy_after_months is not None:
        parts.insert(
            0,
            _(
                "Data of a person who is not put on the agenda of a casusoverleg are destroyed "
                "%(months)d months after the decision."
            )
            % {"months": terms.not_agendered_destroy_after_months},
        )
    return " ".join(parts)
