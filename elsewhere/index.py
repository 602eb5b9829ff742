"""K1-K3: the published index, the pseudonyms of every dossier this installation answers for.

A dossier is published when the file it is kept in (`DossierState.data_file_id`) has a legal
basis for the check (`selectors.published_files`): one `Pseudonym` per kind of its person's
identity (`pseudonyms.of_identity` of the dossier's root, a `subjects.models.PersonData`),
under the current key, with its archived flag. Everything here reaches the files through
`subjects.registry` only.

Writing is a comparison: the rows a dossier should have against the rows it has, so a refresh
that changes nothing writes nothing. The roots are locked (`FOR NO KEY UPDATE`) while their rows
are written, so a destruction running at the same time either comes first (and the root is not
found) or waits and withdraws the rows after (K3)."""

from collections.abc import Iterable

from django.db import transaction

from elsewhere import pseudonyms
from elsewhere.models import Pseudonym
from elsewhere.selectors import published_file_ids, published_files
from subjects import registry
from subjects.registry import DossierRef

CHUNK = 1000
PERSON_FIELDS = ("given_names", "prefix", "surname", "date_of_birth", "bsn")

# A row as compared: (file_label, dossier_key, kind) -> (data_file_id, value, key_id, archived).
_Rows = dict[tuple[str, str, str], tuple[int, str, str, bool]]


def root_model(file) -> type:
    """The model of the file's dossier roots: the one whose path in `dossier_paths` is ""."""
    return next(model for model, path in file.dossier_paths.items() if path == "")


def _key_field(file) -> str:
    """The field of the root that `key_of` reads: the one `dossier_keys` lists."""
    return file.dossier_keys([])._fields[0]


def _wanted(file, roots, *, published: set[int], key: bytes) -> tuple[list[str], _Rows]:
    """The rows `roots` (of `file`) should have: none for a dossier gone or in a file without
    a basis. Returns the roots' keys and the rows."""
    by_key = {file.key_of(root): root for root in roots}
    wanted: _Rows = {}
    if not by_key:
        return [], wanted
    current = pseudonyms.key_id(key)
    for state in file.states(by_key):
        if state.data_file_id not in published:
            continue
        root = by_key[state.ref.key]
        for kind, value in pseudonyms.of_identity(root, key=key).items():
            wanted[(file.label, state.ref.key, kind)] = (
                state.data_file_id,
                value,
                current,
                state.archived,
            )
    return list(by_key), wanted


def _write(file_label: str, keys: list[str], wanted: _Rows) -> tuple[int, int]:
    """Make the rows of the dossiers `keys` be `wanted`: returns (rows written, rows removed)."""
    have = {
        (file_label, row["dossier_key"], row["kind"]): (
            row["pk"],
            (row["data_file_id"], row["value"], row["key_id"], row["archived"]),
        )
        for row in Pseudonym.objects.filter(file_label=file_label, dossier_key__in=keys).values(
            "pk", "dossier_key", "kind", "data_file_id", "value", "key_id", "archived"
        )
    }
    stale = [pk for name, (pk, row) in have.items() if wanted.get(name) != row]
    if stale:
        Pseudonym.objects.filter(pk__in=stale).delete()
    new = [
        Pseudonym(
            file_label=label,
            dossier_key=dossier_key,
            kind=kind,
            data_file_id=data_file_id,
            value=value,
            key_id=key_id,
            archived=archived,
        )
        for (label, dossier_key, kind), (data_file_id, value, key_id, archived) in wanted.items()
        if have.get((label, dossier_key, kind), (None, None))[1] != wanted[label, dossier_key, kind]
    ]
    Pseudonym.objects.bulk_create(new)
    return len(new), len(stale)


def _roots(file, keys=None):
    """The roots of `file` (with `keys`, or those of a `dossier_keys` queryset), locked in the
    transaction, with only what the pseudonyms need."""
    model = root_model(file)
    field = _key_field(file)
    rows = model._base_manager.only(field, *PERSON_FIELDS)
    if keys is not None:
        rows = rows.filter(**{f"{field}__in": keys})
    return rows.select_for_update(no_key=True, of=("self",)).order_by("pk")


def _sync_chunks(file, roots, *, published: set[int], key: bytes) -> int:
    """Publish or withdraw the dossiers of `roots`, a chunk per transaction (rebuild, a file
    whose basis changed): a few queries per chunk, however many dossiers. Returns the rows
    written."""
    written, last = 0, 0
    while True:
        with transaction.atomic():
            chunk = list(roots.filter(pk__gt=last)[:CHUNK])
            if not chunk:
                return written
            keys, wanted = _wanted(file, chunk, published=published, key=key)
            written += _write(file.label, keys, wanted)[0]
        last = chunk[-1].pk


def publish(file_label: str, keys: Iterable[str]) -> int:
    """The dossiers `keys` of the file: their rows made what they should be (published when
    their file has a basis, withdrawn otherwise). Returns the rows written."""
    file = registry.get(file_label)
    keys = list(keys)
    if not keys:
        return 0
    with transaction.atomic():
        roots = list(_roots(file, keys))
        _found, wanted = _wanted(
            file, roots, published=published_file_ids(), key=pseudonyms.current_key()
        )
        written, _removed = _write(file_label, keys, wanted)
    return written


def withdraw(file_label: str, keys: Iterable[str]) -> int:
    """K3: the rows of these dossiers leave the index (a destruction, in its transaction).
    Returns the rows removed."""
    keys = list(keys)
    if not keys:
        return 0
    return Pseudonym.objects.filter(file_label=file_label, dossier_key__in=keys).delete()[0]


def refresh_root(file, root) -> None:
    """A dossier root saved: its rows refreshed in the saving transaction (its person's name,
    its archived flag, its file's basis). Two queries when nothing is published at all."""
    ref = DossierRef(file.label, file.key_of(root))
    with transaction.atomic():
        has_rows = Pseudonym.objects.filter(file_label=ref.file_label, dossier_key=ref.key)
        published = published_file_ids()
        if not published and not has_rows.exists():
            return
        _found, wanted = _wanted(file, [root], published=published, key=pseudonyms.current_key())
        _write(ref.file_label, [ref.key], wanted)


def refresh_file(data_file) -> int:
    """After the file's basis was recorded or removed: every dossier of the file published,
    or all withdrawn. Returns the rows written."""
    published = published_file_ids()
    if data_file.pk not in published:
        Pseudonym.objects.filter(data_file=data_file).delete()
        return 0
    key = pseudonyms.current_key()
    written = 0
    for file in registry.files():
        keys = file.dossier_keys([data_file])
        written += _sync_chunks(file, _roots(file, keys), published=published, key=key)
        # Rows of this file whose dossier is no longer one of its dossiers.
        Pseudonym.objects.filter(file_label=file.label, data_file=data_file).exclude(
            dossier_key__in=keys
        ).delete()
    return written


def rebuild() -> int:
    """Every published dossier's rows afresh (nightly, and after a key rotation): rows of files
    without a basis, of dossiers gone and under another key removed, the rest compared chunk by
    chunk. Returns the rows written."""
    published = published_file_ids()
    key = pseudonyms.current_key()
    Pseudonym.objects.exclude(data_file_id__in=published).delete()
    labels = []
    written = 0
    for file in registry.files():
        labels.append(file.label)
        keys = file.dossier_keys(list(published_files()))
        written += _sync_chunks(file, _roots(file, keys), published=published, key=key)
        Pseudonym.objects.filter(file_label=file.label).exclude(dossier_key__in=keys).delete()
    Pseudonym.objects.exclude(file_label__in=labels).delete()
    return written
