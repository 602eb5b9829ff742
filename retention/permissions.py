"""Who may do what in retention: the keepers of a file (the uitvoerder of its Veiligheidshuis,
authorised to record in it: `parties.permissions.kept_files`) see its retention, record holds
and reactivations on the controller's instruction, and set its terms. Every page, API view
and service asks here. A beheerder who keeps no file may do none of it."""

from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist

from parties.permissions import is_file_keeper, keeps_a_file, kept_authorisations
from subjects import registry
from subjects.registry import DossierRef


def _file_of(ref: DossierRef):
    try:
        return registry.get(ref.file_label).data_file(ref)
    except (KeyError, ObjectDoesNotExist):  # an unknown file, a dossier that is gone
        return None


def may_keep_dossier(user, ref: DossierRef) -> bool:
    """The user keeps the file the dossier is kept in."""
    data_file = _file_of(ref)
    return data_file is not None and is_file_keeper(user, data_file)


def may_keep_file(user, data_file) -> bool:
    return is_file_keeper(user, data_file)


def may_see_retention(user) -> bool:
    """The retention pages, the menu link and the dashboard panel: for who keeps a file."""
    return keeps_a_file(user)


def kept_refs(user, refs: Iterable[DossierRef]) -> set[DossierRef]:
    """Of `refs`, the dossiers the user keeps (one look-up per dossier; a dossier that is gone
    is not among them: its file can no longer be told)."""
    kept = {granted.file_id for granted in kept_authorisations(user)}
    if not kept:
        return set()
    found = set()
    for ref in set(refs):
        data_file = _file_of(ref)
        if data_file is not None and data_file.pk in kept:
            found.add(ref)
    return found


def kept_rows(user, rows) -> list:
    """The rows (holds, reactivations, sweep states: each with `file_label` and `dossier_key`)
    of dossiers the user keeps, in their order."""
    rows = list(rows)
    kept = kept_refs(user, (DossierRef(row.file_label, row.dossier_key) for row in rows))
    return [row for row in rows if DossierRef(row.file_label, row.dossier_key) in kept]
