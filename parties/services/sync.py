"""A user's groups, derived from their party, functions and file authorisations (P5, P6, P8)."""

from datetime import date

from django.contrib.auth.models import Group
from django.db import transaction

from parties import groups
from parties.constants import WORKING_FUNCTIONS, AccessLevel, Function
from parties.models import FileAuthorisation, Membership, Party, User
from parties.permissions import access_refusal


def _file_groups_of(user: User, membership: Membership, codes: set[str]) -> list[Group]:
    """P8: the group of the user's party for every file they are authorised for, and the keeper
    group of every file they keep (uitvoerder of its Veiligheidshuis, read-write): the rule of
    `parties.permissions.kept_authorisations`, which the pages ask (ADR 0018). `codes`: the
    user's functions."""
    if not codes & WORKING_FUNCTIONS:
        return []  # beheerder and FG alone give no access to dossiers
    authorisations = FileAuthorisation.objects.live().filter(user=user)
    authorisations = list(authorisations.select_related("file__keeper_group"))
    wanted = groups.file_groups_for_files(membership.party, [a.file for a in authorisations])
    if Function.UITVOERDER in codes:
        regions = set(membership.party.veiligheidshuizen.values_list("pk", flat=True))
        wanted += [
            authorisation.file.keeper_group
            for authorisation in authorisations
            if authorisation.level == AccessLevel.READWRITE
            and authorisation.file.veiligheidshuis_id in regions
        ]
    return wanted


def sync_user_groups(user: User, *, today: date | None = None) -> None:
    """Give the user exactly the groups of their party, functions and file authorisations, or
    none at all when they may not act (P5, P6, P8). The one function that sets a user's groups:
    called on every change of membership, function, party or authorisation, and by the jobs."""
    wanted: list[Group] = []
    if access_refusal(user, today=today) is None:
        membership = user.membership
        wanted.append(membership.party.group)
        by_function = groups.function_groups()
        codes = membership.function_codes()
        wanted += [by_function[code] for code in codes]
        wanted += _file_groups_of(user, membership, set(codes))
    current = set(user.groups.values_list("pk", flat=True))
    keep = {group.pk for group in wanted}
    # What `user.groups.set(wanted)` does, without reading the current groups a second time:
    # the same removals and additions, so the audit log records the same changes.
    if current - keep:
        user.groups.remove(*(current - keep))
    if keep - current:
        user.groups.add(*(group for group in wanted if group.pk not in current))


def _sync_party_users(party: Party) -> None:
    for membership in party.memberships.select_related("user", "party"):
        sync_user_groups(membership.user)


def resync_user_groups() -> int:
    """Daily (P8): every user's groups derived again from memberships and authorisations, so a
    missed event is caught up. Idempotent. Returns the users looked at."""
    done = 0
    for membership in Membership.objects.select_related("user", "party"):
        with transaction.atomic():
            sync_user_groups(membership.user)
        done += 1
    return done
