"""The permission kernel both files share (P8, S1): object permissions on groups, synced from
what the dossier's state wants, and read back from the group permission table.

Guardian's `get_objects_for_user` builds `id IN (user perms) OR id IN (group perms)`, which scans
the whole permission table at national scale. `held` selects the dossiers from the user's own
permission rows instead: `pk IN (SELECT content_object_id ... WHERE group_id IN (the user's
groups) AND permission_id = ...)`, which the unique index guardian declares on (group,
permission, content_object) answers by an index-only range per group (issue 13,
`bench.permission_filter`); for the request's own user the groups and the permission are
written in as values."""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.signals import post_migrate


def permission_ids(app_label: str, *codenames: str) -> list[int]:
    """The pks of the named permissions of one app, in the order asked."""
    found = dict(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ).values_list("codename", "pk")
    )
    return [found[codename] for codename in codenames]


def sync_group_permissions(permission_model, obj, wanted: set[tuple[int, int]]) -> bool:
    """Make the (group pk, permission pk) rows of `obj` in `permission_model` (a guardian
    `GroupObjectPermissionBase` with a direct foreign key) exactly `wanted`. Whether any row
    changed (what is derived from the rows then needs working out again)."""
    rows = permission_model.objects.filter(content_object=obj)
    current = set(rows.values_list("group_id", "permission_id"))
    for group_id, permission_id in current - wanted:
        rows.filter(group_id=group_id, permission_id=permission_id).delete()
    permission_model.objects.bulk_create(
        permission_model(content_object=obj, group_id=group_id, permission_id=permission_id)
        for group_id, permission_id in wanted - current
    )
    return current != wanted


def held(
    permission_model,
    user,
    app_label: str,
    codename: str,
    *,
    field: str = "pk",
    from_rows: bool | None = False,
) -> Q:
    """The condition "`user` holds this permission on the row" for a queryset of the file's root
    model: its pk among the objects of the rows of `permission_model` with this permission for
    one of `user`'s groups (P8, S1).

    The same rows as an EXISTS probing the permission table for each dossier, but PostgreSQL
    starts from the user's permission rows (the unique index on (group, permission,
    content_object)): a gemeente's few hundred dossiers among a Veiligheidshuis's tens of
    thousands are read as the few hundred they are, and a list's order and limit can still use
    the list's own index where that is cheaper. Which plan PostgreSQL picks follows its estimate
    of the visible set: for the request's own user, whose groups were read with their rights
    (`parties.rights.Rights.group_ids`), the group and permission ids are written into the query
    as values, so that it estimates from each group's own rows (with the statistics of the
    weegploeg and cases migrations `permission_statistics`) rather than from the average group.
    Elsewhere (a task, a command, another user, SQLite) they stay subqueries of the same query,
    which follow the group rows as they are when the query runs. No query more per page either
    way (the query budget of issue 13): the permission id is read once per process.

    `field` names where the dossier's key is, for a query of the dossier's rows (a foreign key
    such as `case`): the rows are then filtered on the permission rows themselves, without
    reading the dossiers' table in between (issue 13).

    `from_rows` makes PostgreSQL start from the permission rows: they are read first, as an
    array, and the rows of `field` looked up by them through its index (`field = ANY(ARRAY(
    ...))`). For a query of the dossiers' child rows (the agenda items of the cases a user sees),
    whose plan otherwise reads the whole child table to match it against the permission rows
    (a heap fetch per dossier costs more than a scan in the planner's model). The same rows.
    `from_rows=None`: only when the user holds few such rows (`FEW_ROWS` or less), for a list
    read in its own order from an index (of the dossiers or of their child rows), which
    PostgreSQL walks for a user who sees many and must not for one who sees few: even knowing
    that a gemeente sees 703 of 250,000 assessments, it walks the list's index through
    thousands of others, expecting the 703 spread evenly (128 ms against 4 from the rows).
    Whether the user's groups hold few is counted once per process and group set for a while
    (`_holds_few`): it chooses the plan, never the rows."""
    from parties.rights import kept_rights

    rights = kept_rights(user)
    group_ids = rights.group_ids if rights is not None else None
    permission_id = cached_permission_id(app_label, codename) if group_ids is not None else None
    if group_ids is None or permission_id is None:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).values("pk")[:1]
        rows = permission_model.objects.filter(
            permission_id=Subquery(permission), group_id__in=groups_of(user)
        )
    else:
        if not group_ids:
            return Q(**{f"{field}__in": []})
        rows = permission_model.objects.filter(permission_id=permission_id, group_id__in=group_ids)
    rows = rows.values("content_object_id")
    if connections[rows.db].vendor != "postgresql":
        from_rows = False  # no arrays: the plain condition, and nothing to count for it
    elif from_rows is None:
        from_rows = _holds_few(user, rows, permission_model, codename, group_ids)
    if from_rows:
        return Q(AnyOf(F(field), ArraySubquery(rows)))
    return Q(**{f"{field}__in": rows})


def groups_of(user):
    """The pks of `user`'s groups, for a query's `group_id__in`: written out as values where
    the request read them with the user's rights (`parties.rights.Rights.group_ids`, see
    `held`), else a subquery of the user's groups."""
    from parties.rights import kept_rights

    rights = kept_rights(user)
    if rights is not None and rights.group_ids is not None:
        return sorted(rights.group_ids)
    return get_user_model().groups.through.objects.filter(user_id=user.pk).values("group_id")


# Issue 13: up to this many permission rows, a list starts from them.
FEW_ROWS = 2000
# How long a process keeps what it counted for `_holds_few`: a group's rows grow and shrink by
# the dossiers of a day, and a stale answer only picks the slower of two plans for a while.
FEW_KEPT_SECONDS = 300
_few_counted: dict[tuple, tuple[float, bool]] = {}


def _holds_few(user, rows, permission_model, codename: str, group_ids) -> bool:
    """Whether `rows` (`user`'s permission rows) are `FEW_ROWS` or fewer. Counted once per
    process, set of groups and FEW_KEPT_SECONDS where the groups are known (the request's own
    user, `held`); otherwise once per request (`parties.permissions.remembered`)."""

    def count() -> bool:
        return rows[: FEW_ROWS + 1].count() <= FEW_ROWS

    if group_ids is None:
        from parties.permissions import remembered

        return remembered(user, f"few-rows:{permission_model._meta.label_lower}:{codename}", count)
    groups = tuple(sorted(group_ids))
    key = (rows.db, permission_model._meta.label_lower, codename, groups, FEW_ROWS)
    now = time.time()  # moved by time-machine in the tests; a jump only counts again
    found = _few_counted.get(key)
    if found is None or found[0] < now:
        if len(_few_counted) > 10_000:  # one per set of groups: bounded by the users
            _few_counted.clear()
        found = _few_counted[key] = (now + FEW_KEPT_SECONDS, count())
    return found[1]


class AnyOf(Func):
    """`value = ANY(array)`: a value among an array's (PostgreSQL)."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


_PERMISSION_IDS: dict[tuple[str, str], int] = {}


def cached_permission_id(app_label: str, codename: str) -> int | None:
    """The pk of a permission, read once per process: permissions are made by `migrate` and never
    change after it. A permission not (yet) there is not kept; `migrate`, and a test database's
    flush, drop what was kept (`post_migrate`)."""
    key = (app_label, codename)
    found = _PERMISSION_IDS.get(key)
    if found is None:
        found = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            _PERMISSION_IDS[key] = found
    return found


def forget_permission_ids(**kwargs) -> None:
    _PERMISSION_IDS.clear()


post_migrate.connect(forget_permission_ids, dispatch_uid="subjects-permission-ids")


def resync_all(queryset, sync, *, chunk_size: int = 500) -> int:
    """Re-derive the permissions of every dossier in `queryset` with the file's `sync`, in chunks
    of `chunk_size` and one transaction per dossier (daily, and after a party joined, left or
    changed, P7, P8). Idempotent; returns how many dossiers were synced."""
    from django.db import transaction

    done = 0
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), chunk_size):
        for dossier in queryset.filter(pk__in=pks[start : start + chunk_size]):
            with transaction.atomic():
                sync(dossier)
            done += 1
    return done
