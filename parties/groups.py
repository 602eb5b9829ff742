"""The auth Groups of parties and functions. Kept in sync by code, never edited by hand (P2)."""

from django.contrib.auth.models import Group, Permission

from parties.constants import FUNCTION_PERMISSIONS, Function

PARTY_GROUP_PREFIX = "partij:"
FUNCTION_GROUP_PREFIX = "functie:"
UITVOERDER_GROUP_PREFIX = "uitvoerders:"


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


def uitvoerder_group(veiligheidshuis) -> Group:
    """The uitvoerders of one Veiligheidshuis: the files of that region open to them."""
    group, _ = Group.objects.get_or_create(name=f"{UITVOERDER_GROUP_PREFIX}{veiligheidshuis.code}")
    return group


def uitvoerder_groups(veiligheidshuizen) -> list[Group]:
    return [uitvoerder_group(region) for region in veiligheidshuizen]
