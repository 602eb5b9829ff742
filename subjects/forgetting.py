"""Destroying a dossier of any file completely (B8): its rows with their audit entries, its
whole trail, its restrictions, and the person's name, BSN and date of birth kept in sessions (the
posted name searches, `config.pages.SessionSearchMixin`). The files' `destroy` and
`destroy_many` call `destroy_roots`; `rights` and `retention` forget their own rows about the
dossier."""

import contextlib
from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import formats, translation

from config.audit import kind_of, purge_batch
from subjects.tracing import about, delete_traced, end_trails

# The session keys of the sign-in itself (Django's "_auth_user_id", django-otp's device): never
# a person's data, and taking them out would sign the user out.
SIGN_IN_KEYS = ("_", "otp_")

# The values of the dossiers destroyed inside `forgetting_batch`, forgotten in one pass at its end.
_PENDING: ContextVar[list[str] | None] = ContextVar("forgetting_batch", default=None)


@contextlib.contextmanager
def forgetting_batch():
    """Destroy many dossiers, then take their persons' values out of the sessions in one pass
    over the stored sessions rather than one pass per dossier (issue 13). Left by an exception,
    nothing is forgotten: the caller's transaction rolls the destructions back. A nested block
    joins the batch already open."""
    if _PENDING.get() is not None:
        yield
        return
    token = _PENDING.set([])
    try:
        yield
        values = _PENDING.get()
    finally:
        _PENDING.reset(token)
    forget_in_sessions(values)


def destroy_roots(roots: dict, *, kinds: Iterable[type], by, counted=None) -> dict:
    """Destroy the dossiers (`roots`: DossierRef -> root, of one file) with everything of
    them, at a cost that grows by the batch, not by the dossier (issue 13, ADR 0029): one
    collector over every root, one purge of their audit entries and trails
    (`subjects.tracing.delete_traced`), their restrictions in one statement, one destruction
    entry each written in one insert (`end_trails`), and the persons' values taken out of the
    sessions in one pass. Returns the rows deleted per kind of each dossier, `counted` (ref ->
    what was deleted about it elsewhere) added."""
    from subjects.models import Restriction

    roots = dict(roots)
    if not roots:
        return {}
    values = [value for root in roots.values() for value in person_values(root)]
    empty = {kind_of(model): 0 for model in kinds}
    counts = {ref: Counter((counted or {}).get(ref, {})) for ref in roots}
    with purge_batch() as batch:  # the destruction entries name every entry purged here (S2)
        ends = end_trails(roots, by=by, batch=batch)
        deleted = delete_traced([(root, ref) for ref, root in roots.items()], trail=list(roots))
        for ref, found in deleted.items():
            counts[ref] += found
        counts = _without_restrictions(Restriction, counts)
        type(ends[0]).objects.bulk_create(ends)
    forget_in_sessions(values)
    return {ref: {**empty, **+found} for ref, found in counts.items()}


def _without_restrictions(model, counts: dict) -> dict:
    """A restriction's reason may name the person: they go with their dossiers (R1, B8)."""
    restrictions = model.objects.filter(about(counts))
    by_key = {(ref.file_label, ref.key): ref for ref in counts}
    found = Counter(restrictions.values_list("file_label", "dossier_key"))
    if found:
        restrictions.delete()
    for key, number in found.items():
        counts[by_key[key]][kind_of(model)] += number
    return counts


def date_forms(day: date) -> list[str]:
    """The ways a date of birth is written: ISO, Dutch (14-03-1987, 14-3-1987, 14/03/1987),
    compact, and in words (14 maart 1987)."""
    forms = {
        day.isoformat(),
        f"{day:%d-%m-%Y}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%Y%m%d}",
        f"{day:%d%m%Y}",
    }
    for language in {settings.LANGUAGE_CODE, "nl", "en"}:
        with translation.override(language):
            forms.add(formats.date_format(day, "j F Y"))
            forms.add(formats.date_format(day, "DATE_FORMAT"))
    return sorted(forms)


def person_values(root) -> list[str]:
    """What names the person of a dossier's root (`subjects.models.PersonData`): the surname,
    the BSN and the date of birth in its usual forms."""
    values = [getattr(root, "surname", ""), getattr(root, "bsn", "")]
    day = getattr(root, "date_of_birth", None)
    if day is not None:
        values += date_forms(day)
    return [value for value in values if value]


def _names(value, needles: list[str]) -> bool:
    if isinstance(value, dict):
        return any(_names(item, needles) for item in value.values()) or any(
            _names(key, needles) for key in value
        )
    if isinstance(value, list | tuple):
        return any(_names(item, needles) for item in value)
    text = str(value).casefold()
    return any(needle in text for needle in needles)


def forget_in_sessions(values: Iterable[str]) -> int:
    """B8: take every value that holds one of `values` (case aside) out of every stored session
    (a posted name search): the user's list simply shows no search. Returns the sessions
    changed. Sessions are kept in the database (Django's default engine). Inside a
    `forgetting_batch` the values wait for its end."""
    pending = _PENDING.get()
    if pending is not None:
        pending.extend(values)
        return 0
    needles = sorted({value.casefold() for value in values if value})
    if not needles:
        return 0
    changed = 0
    for session in Session.objects.iterator():
        data = session.get_decoded()
        kept = {
            key: value
            for key, value in data.items()
            if key.startswith(SIGN_IN_KEYS) or not _names(value, needles)
        }
        if len(kept) != len(data):
            session.session_data = Session.objects.encode(kept)
            session.save(update_fields=["session_data"])
            changed += 1
    return changed
