"""The auth Groups of parties and functions. Kept in sync by code, never edited by hand (P2)."""

from django.contrib.auth.models import Group, Permission

from parties.constants import FUNCTION_PERMISSIONS, Function

PARTY_GROUP_PREFIX = "partij:"
FUNCTION_GROUP_PREFIX = "functie:"
FILE_GROUP_PREFIX = "bestand:"


def function_group_name(function: str) -> str:
    return f"{FUNCTION_GROUP_PREFIX}{function}"


def new_party_group(party_name: str) -> Group:
    # The name only has to be unique; the link is Party.group. The pk is not known yet.
    group = Group.objects.create(name=f"{PARTY_GROUP_PREFIX}{party_name}"[:150])
    return group


def function_groups() -> dict[str, Group]:
    groups = {g.name: g for g in Group.objects.filter(name__startswith=FUNCTION_GROUP_PREFIX)}
    return {
        function: groups[function_group_name(function)]
        for function in Function.values
        if function_group_name(function) in groups
    }


def sync_function_groups() -> None:
    """Create the function groups and give each exactly its model permissions."""
    for function in Function.values:
        group, _ = Group.objects.get_or_create(name=function_group_name(function))
        wanted = Permission.objects.none()
        for dotted in FUNCTION_PERMISSIONS[function]:
            app_label, codename = dotted.split(".")
            wanted |= Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(wanted)


def sync_function_groups_after_migrate(sender, **kwargs):
    # Sent once per app; permissions of apps migrated later are added on their turn.
    sync_function_groups()


def new_keeper_group(kind: str, key: str) -> Group:
    """The keepers of one file: the uitvoerders of its Veiligheidshuis who may record in it."""
    return Group.objects.create(name=f"{FILE_GROUP_PREFIX}{kind}:{key}:uitvoerders"[:150])


def file_group(party, file) -> Group:
    """The group of `party` for `file`, made on first use (P8). Its name holds no personal data."""
    from parties.models import FileGroup

    row = FileGroup.objects.filter(party=party, file=file).select_related("group").first()
    if row is None:
        group, _ = Group.objects.get_or_create(
            name=f"{FILE_GROUP_PREFIX}{file.kind}:{file.key}:partij:{party.pk}"[:150]
        )
        row, _ = FileGroup.objects.get_or_create(party=party, file=file, defaults={"group": group})
    return row.group


def file_groups(parties, file) -> list[Group]:
    """The groups of `parties` for `file`, with one query when they all exist."""
    from parties.models import FileGroup

    parties = list(parties)
    existing = {
        row.party_id: row.group
        for row in FileGroup.objects.filter(file=file, party__in=parties).select_related("group")
    }
    return [existing.get(party.pk) or file_group(party, file) for party in parties]


def file_groups_for_files(party, files) -> list[Group]:
    """The groups of one party for several files, with one query when they all exist."""
    from parties.models import FileGroup

    files = list(files)
    existing = {
        row.file_id: row.group
        for row in FileGroup.objects.filter(party=party, file__in=files).select_related("group")
    }
    return [existing.get(file.pk) or file_group(party, file) for file in files]
