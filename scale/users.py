"""Users of every function and party (P2), their file authorisations (P8) and their groups.

Users, memberships, functions, authorisations and the log of each (P3) are written in bulk. The
groups are the project's: `parties.services.sync_user_groups` runs for one user of each kind
(the same party, functions and authorisations) and the groups it gave are given to the others
of that kind, which is what the sync would give each of them (checked by the seed's sample and
by tests/parties/test_seed_scale.py)."""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from parties.constants import AccessLevel, AuthorisationAction, Function, PartyKind
from parties.models import (
    AuthorisationChange,
    FileAuthorisation,
    FunctionGrant,
    Membership,
    Party,
    User,
)
from parties.services import sync_user_groups
from scale.structure import NATIONAL_PARTIES, REASON, Structure, build_overleggen

# Users per kind of party at national scale (5,800 with the staff below).
DEELNEMERS = {
    "gemeente": 2_745,
    "politie": 1_200,
    "om": 400,
    "national": 600,
    "regional": 600,
    "extern": 100,
}
BEHEERDERS = 5
UITVOERDERS_PER_REGION = 3


@dataclass
class Member:
    user: User
    party: Party
    functions: tuple[str, ...]
    files: list = field(default_factory=list)  # (DataFile, level)


@dataclass
class Users:
    members: list[Member]
    beheerder: User
    party_of: dict[int, Party]  # user pk -> party
    uitvoerders: dict[int, list[User]]  # region pk -> users
    readers: dict[int, list[User]]  # weegploeg file pk or ICO file pk -> users authorised
    chairs: dict[int, User]  # casusoverleg pk -> chair
    casemanagers: dict[int, list[User]]  # region pk -> users


def _count(total: int, scale: float, minimum: int) -> int:
    return max(minimum, round(total * scale))


def _member(username, party, functions, files=()) -> Member:
    user = User(username=username, first_name="Gebruiker", last_name=username, is_active=True)
    user.email = f"{username}@example.org"
    return Member(user=user, party=party, functions=tuple(functions), files=list(files))


def _ico_files(region, party) -> list:
    taking_part = [kind for kind, pks in region.participants.items() if party.pk in pks]
    return [region.files[kind] for kind in sorted(taking_part)]


def _plan_members(structure: Structure, scale: float, rng: random.Random) -> list[Member]:
    regions = structure.regions
    members = [
        _member(f"beheerder.{n}", regions[0].hub, [Function.BEHEERDER])
        for n in range(1, _count(BEHEERDERS, scale, 1) + 1)
    ]
    per_region = _count(UITVOERDERS_PER_REGION, scale, 1)
    for region in regions:
        code = region.row.code
        everything = [region.weegploeg, *region.files.values()]
        for n in range(1, per_region + 1):
            members.append(
                _member(
                    f"uitvoerder.{code}.{n}",
                    region.hub,
                    [Function.UITVOERDER],
                    [(f, AccessLevel.READWRITE) for f in everything],
                )
            )
        members.append(_member(f"fg.{code}", region.hub, [Function.FG]))
        for kind, ico in region.files.items():
            slug = kind.split()[-1].lower()
            members.append(
                _member(
                    f"voorzitter.{code}.{slug}",
                    region.hub,
                    [Function.VOORZITTER, Function.DEELNEMER],
                    [(ico, AccessLevel.READWRITE)],
                )
            )

    def level():
        return AccessLevel.READWRITE if rng.random() < 0.8 else AccessLevel.READ

    def spread(kind, parties, files_of, minimum, functions_of=None):
        total = _count(DEELNEMERS[kind], scale, max(minimum, 1))
        for n in range(total):
            party, home = parties[n % len(parties)]
            functions = functions_of(party, n) if functions_of else [Function.DEELNEMER]
            chosen = level()  # one level for all a user's files: users alike share groups
            files = [(f, chosen) for f in files_of(party, home)]
            members.append(_member(f"{party.kind}.{party.pk}.{n + 1}", party, functions, files))

    gemeenten = [(g, r) for r in regions for g in r.gemeenten]
    # The hubs first, so even a tiny seed has a gemeente member in every Veiligheidshuis.
    gemeenten.sort(key=lambda pair: pair[0] is not pair[1].hub)
    spread(
        "gemeente",
        gemeenten,
        lambda p, r: [r.weegploeg, *r.files.values()],
        len(regions),
    )
    units: dict[int, tuple[Party, list]] = {}
    for region in regions:
        for party in region.kernpartijen:
            units.setdefault(party.pk, (party, []))[1].append(region)
    politie = [(p, rs) for p, rs in units.values() if p.kind == PartyKind.POLITIE]
    om = [(p, rs) for p, rs in units.values() if p.kind == PartyKind.OM]

    def unit_files(party, covered):
        return [f for r in covered for f in (r.weegploeg, *r.files.values())]

    spread("politie", politie, unit_files, len(politie))
    spread("om", om, unit_files, len(om))
    national = {name for name, _kind in NATIONAL_PARTIES}
    # A national party's users each work in one Veiligheidshuis, in turn.
    nationals = [(p, r) for r in regions for p in r.casuspartijen if p.name in national]
    regionals = [(p, r) for r in regions for p in r.casuspartijen if p.name not in national]

    def case_functions(party, n):
        if party.kind == PartyKind.RECLASSERING or n % 3 == 0:
            return [Function.CASEMANAGER, Function.DEELNEMER]
        return [Function.DEELNEMER]

    spread("national", nationals, lambda p, r: _ico_files(r, p), len(regions), case_functions)
    spread("regional", regionals, lambda p, r: _ico_files(r, p), 1, case_functions)
    partners = [(p, r) for r in regions for p in r.partners]
    spread("extern", partners, lambda p, r: [], len(regions))
    return members


def build(structure: Structure, plan, rng: random.Random, progress) -> Users:
    build_overleggen(structure)
    members = _plan_members(structure, plan.scale, rng)
    # No password anyone knows: the bench signs its users in itself (force_login).
    unusable = make_password(None)
    for member in members:
        member.user.password = unusable
    User.objects.bulk_create([m.user for m in members])
    started = structure.joined
    memberships = Membership.objects.bulk_create(
        Membership(user=m.user, party=m.party, started_on=started) for m in members
    )
    FunctionGrant.objects.bulk_create(
        FunctionGrant(membership=membership, function=code)
        for membership, m in zip(memberships, members, strict=True)
        for code in sorted(m.functions)
    )
    authorisations = FileAuthorisation.objects.bulk_create(
        FileAuthorisation(user=m.user, file=f, level=lvl, reason=REASON)
        for m in members
        for f, lvl in m.files
    )
    # Granted when the members joined, before the first entry of the trail: `granted_at` is
    # set on creation, and an authorisation of today would make every read of the three years
    # a read outside the reader's files (S2's unusual reads).
    FileAuthorisation.objects.filter(pk__in=[a.pk for a in authorisations]).update(
        granted_at=datetime.combine(started, time.min, tzinfo=UTC)
    )
    changes = [
        AuthorisationChange(
            action=AuthorisationAction.MEMBERSHIP_GRANTED,
            party=m.party,
            user=m.user,
            functions_after=sorted(m.functions),
            reason=REASON,
        )
        for m in members
    ]
    changes += [
        AuthorisationChange(
            action=AuthorisationAction.FILE_ACCESS_GRANTED,
            party=m.party,
            user=m.user,
            file=f,
            level=lvl,
            reason=REASON,
        )
        for m in members
        for f, lvl in m.files
    ]
    AuthorisationChange.objects.bulk_create(changes, batch_size=2000)
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=m.user, name="default", confirmed=True) for m in members
    )
    progress.add(len(members) * 4 + len(changes))
    users = _index(structure, members)
    for region in structure.regions:
        for kind, overleg in region.overleggen.items():
            slug = kind.split()[-1].lower()
            chair = next(
                m.user for m in members if m.user.username.endswith(f"{region.row.code}.{slug}")
            )
            overleg.chairs.set([chair])
            users.chairs[overleg.pk] = chair
    return users


def sync_groups(users: Users) -> int:
    """Every user's groups, through `sync_user_groups` for one user of each kind. Returns the
    number of syncs run."""
    kinds: dict[tuple, list[Member]] = defaultdict(list)
    for m in users.members:
        key = (m.party.pk, m.functions, frozenset((f.pk, lvl) for f, lvl in m.files))
        kinds[key].append(m)
    through = User.groups.through
    rows = []
    for same in kinds.values():
        first = User.objects.get(pk=same[0].user.pk)
        sync_user_groups(first)
        wanted = list(first.groups.values_list("pk", flat=True))
        rows += [through(user_id=m.user.pk, group_id=g) for m in same[1:] for g in wanted]
    # The users of a declared partner were synced already (`record_declaration`).
    through.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(kinds)


def _index(structure: Structure, members: list[Member]) -> Users:
    beheerder = next(m.user for m in members if Function.BEHEERDER in m.functions)
    index = Users(
        members=members,
        beheerder=beheerder,
        party_of={m.user.pk: m.party for m in members},
        uitvoerders=defaultdict(list),
        readers=defaultdict(list),
        chairs={},
        casemanagers=defaultdict(list),
    )
    region_of_file = {}
    for region in structure.regions:
        region_of_file[region.weegploeg.pk] = region.row.pk
        for ico in region.files.values():
            region_of_file[ico.pk] = region.row.pk
    for m in members:
        for f, _level in m.files:
            index.readers[f.pk].append(m.user)
        if Function.UITVOERDER in m.functions:
            index.uitvoerders[region_of_file[m.files[0][0].pk]].append(m.user)
        if Function.CASEMANAGER in m.functions and m.files:
            index.casemanagers[region_of_file[m.files[0][0].pk]].append(m.user)
    return index
