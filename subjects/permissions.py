"""The permission kernel both files share (P8, S1): object permissions on groups, synced from
what the dossier's state wants, and read back with EXISTS over the group permission table.

Guardian's `get_objects_for_user` builds `id IN (user perms) OR id IN (group perms)`, which scans
the whole permission table at national scale; an EXISTS over the direct foreign-key table joined
to the user's groups uses the index on (content_object, group, permission) instead."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Subquery


def permission_ids(app_label: str, *codenames: str) -> list[int]:
    """The pks of the named permissions of one app, in the order asked."""
    found = dict(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ).values_list("codename", "pk")
    )
    return [found[codename] for codename in codenames]


def sync_group_permissions(permission_model, obj, wanted: set[tuple[int, int]]) -> None:
    """Make the (group pk, permission pk) rows of `obj` in `permission_model` (a guardian
    `GroupObjectPermissionBase` with a direct foreign key) exactly `wanted`."""
    rows = permission_model.objects.filter(content_object=obj)
    current = set(rows.values_list("group_id", "permission_id"))
    for group_id, permission_id in current - wanted:
        rows.filter(group_id=group_id, permission_id=permission_id).delete()
    permission_model.objects.bulk_create(
        permission_model(content_object=obj, group_id=group_id, permission_id=permission_id)
        for group_id, permission_id in wanted - current
    )


def held(permission_model, user, app_label: str, codename: str) -> Exists:
    """EXISTS a row of `permission_model` for the outer object's pk, with this permission, for
    one of `user`'s groups. Filter a queryset of the file's root model with it."""
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).values("pk")[:1]
    groups = get_user_model().groups.through.objects.filter(user_id=user.pk).values("group_id")
    return Exists(
        permission_model.objects.filter(
            content_object=OuterRef("pk"),
            permission_id=Subquery(permission),
            group_id__in=groups,
        )
    )


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
