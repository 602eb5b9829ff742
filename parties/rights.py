"""What one user may do, read once per request (issue 13).

Every rule of `parties.permissions` (and the apps' rules built on it) starts from the same few
facts about a user: the membership and its party, the functions, whether an external party's
confidentiality declaration is recorded, the live file authorisations and the party's
Veiligheidshuizen. A page asks dozens of rules (the menu, the dashboard's panels, the view), so
read one by one they cost dozens of queries. `Rights` holds those facts.

Inside a request (`request_scope`, opened by `parties.middleware.AccessMiddleware`) the rights
of the request's own user (`adopt`) are read once, the membership, party, functions,
declaration and groups in one query, and kept until the request ends, never longer: a right
revoked between two requests counts from the next one. A change to a membership, function, file
authorisation, party, declaration or group membership within the request drops what was read
(`forget`, on the models' signals), so a page that changes rights and then shows the menu shows
the new ones.
Outside a request (a task, a command, a test calling a rule) nothing is kept: each rule reads
the database again, as before."""

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef
from django.utils.functional import empty

from parties.constants import AccessLevel, Function
from parties.rights_read import (
    ARRAYS,
    AUTHORISATION_COLUMNS,
    AUTHORISATIONS,
    FACTS,
    GROUP_IDS,
    MANAGE_AUTHORISATIONS,
    REGION_IDS,
    annotations,
    with_rights,
)


@dataclass(frozen=True)
class Authorisation:
    """One live file authorisation (P8), with what the rules ask of its file."""

    file_id: int
    kind: str
    key: str
    veiligheidshuis_id: int
    level: str
    keeper_group_id: int
    in_party_region: bool  # the file's Veiligheidshuis is one of the user's party's

    @property
    def records(self) -> bool:
        return self.level == AccessLevel.READWRITE


class Rights:
    """The facts about one user that the permission rules read. Each is read when first asked;
    `load` reads them all in one query (on SQLite all but the groups, the file authorisations
    and the regions), or none when the user was read `with_rights` (the request's user:
    `parties.backends.MemberBackend`)."""

    def __init__(self, user):
        self.user = user
        self._remembered: dict = {}

    def remember(self, key, compute):
        """A fact the apps derive from these rights (and their own tables, such as a designated
        officer), computed once for as long as these rights are kept."""
        if key not in self._remembered:
            self._remembered[key] = compute()
        return self._remembered[key]

    @classmethod
    def load(cls, user) -> "Rights":
        from parties.models import User

        if not hasattr(user, "rights_declared"):
            read = with_rights(User.objects.filter(pk=user.pk)).first()
            for name in annotations(None):
                setattr(user, name, bool(read and getattr(read, name)))
            for name in ARRAYS:
                setattr(user, name, getattr(read, name, None))
            user._state.fields_cache["membership"] = (
                read._state.fields_cache.get("membership") if read is not None else None
            )
        membership = user._state.fields_cache.get("membership")
        functions = frozenset(
            code for code in Function.values if getattr(user, f"rights_holds_{code}")
        )
        if membership is not None:
            membership.known_function_codes = sorted(functions)
            membership.user = user
        rights = cls(user)
        rights.__dict__.update(
            membership=membership,
            functions=functions,
            declared=user.rights_declared,
            has_regions=user.rights_has_regions,
            # As Django's ModelBackend answers `has_perm`: active, and a superuser or holding it
            # through a group or directly.
            manages_authorisations=bool(
                user.is_active
                and (
                    user.is_superuser or user.rights_manages_by_group or user.rights_manages_by_user
                )
            ),
            facts={name: getattr(user, f"rights_fact_{name}") for name in FACTS},
            group_ids=_frozen(getattr(user, GROUP_IDS, None)),
        )
        # Read with the user on PostgreSQL; otherwise each is read when first asked.
        granted = getattr(user, AUTHORISATIONS, None)
        if granted is not None:
            rights.authorisations = tuple(Authorisation(**row) for row in granted)
        regions = getattr(user, REGION_IDS, None)
        if regions is not None:
            rights.regions = frozenset(regions) if membership is not None else frozenset()
        return rights

    @cached_property
    def membership(self):
        from parties.models import Membership

        if not getattr(self.user, "is_authenticated", False):
            return None
        try:
            return self.user.membership
        except Membership.DoesNotExist:
            return None

    @cached_property
    def functions(self) -> frozenset[str]:
        """The functions granted, whether or not the user may act today."""
        membership = self.membership
        return frozenset(membership.function_codes()) if membership is not None else frozenset()

    @cached_property
    def declared(self) -> bool:
        """The confidentiality declaration of the user's party is recorded (P6)."""
        membership = self.membership
        return membership is not None and membership.party.has_declaration()

    @cached_property
    def has_regions(self) -> bool:
        """The user's party takes part in a Veiligheidshuis."""
        return bool(self.regions)

    @cached_property
    def manages_authorisations(self) -> bool:
        """The permission to manage parties and authorisations, which the beheerder's function
        group carries (`user.has_perm`)."""
        return self.user.has_perm(MANAGE_AUTHORISATIONS)

    @cached_property
    def facts(self) -> dict[str, bool]:
        from parties.models import User

        if not FACTS or not getattr(self.user, "is_authenticated", False):
            return dict.fromkeys(FACTS, False)
        annotations = {
            f"rights_fact_{name}": expression(OuterRef("pk")) for name, expression in FACTS.items()
        }
        row = User.objects.filter(pk=self.user.pk).annotate(**annotations).values(*annotations)
        found = row.first() or {}
        return {name: bool(found.get(f"rights_fact_{name}")) for name in FACTS}

    def fact(self, name: str) -> bool:
        return self.facts[name]

    @cached_property
    def group_ids(self) -> tuple[int, ...] | None:
        """The pks of the user's groups, read with the rights (`load`); None where they were not
        (rights not kept for a request, or a database without arrays): then whoever needs them
        reads them in its own query (`subjects.permissions.held`)."""
        return None

    @cached_property
    def authorisations(self) -> tuple[Authorisation, ...]:
        """The live file authorisations, whether or not the user may act today."""
        from parties.models import FileAuthorisation, Party

        if not getattr(self.user, "is_authenticated", False):
            return ()
        membership = self.membership
        party_id = membership.party_id if membership is not None else None
        own_region = Party.veiligheidshuizen.through.objects.filter(
            party_id=party_id, veiligheidshuis=OuterRef("file__veiligheidshuis")
        )
        rows = (
            FileAuthorisation.objects.live()
            .filter(user_id=self.user.pk)
            .annotate(in_party_region=Exists(own_region))
            .values_list(*AUTHORISATION_COLUMNS.values())
            .order_by("file_id")
        )
        return tuple(Authorisation(*row) for row in rows)

    @cached_property
    def regions(self) -> frozenset[int]:
        """The pks of the Veiligheidshuizen of the user's party."""
        membership = self.membership
        if membership is None:
            return frozenset()
        return frozenset(membership.party.veiligheidshuizen.values_list("pk", flat=True))


class _Scope:
    def __init__(self):
        self.users: set[int] = set()
        self.rights: dict[int, Rights] = {}
        self.memo: dict = {}


_SCOPE: ContextVar[_Scope | None] = ContextVar("request_rights", default=None)


@contextlib.contextmanager
def request_scope():
    """Keep the rights of the users `adopt`ed inside until the block ends: one request."""
    token = _SCOPE.set(_Scope())
    try:
        yield
    finally:
        _SCOPE.reset(token)


def adopt(user) -> None:
    """`user` acts in this request (signed in, or a partner system's token account): its
    rights are read once for the rest of the request."""
    scope = _SCOPE.get()
    if scope is not None and getattr(user, "pk", None) is not None:
        scope.users.add(user.pk)


def _frozen(group_ids) -> tuple[int, ...] | None:
    return None if group_ids is None else tuple(sorted(group_ids))


def forget(*args, **kwargs) -> None:
    """Rights changed: read them again at the next question (a signal receiver as well)."""
    scope = _SCOPE.get()
    if scope is None:
        return
    for rights in scope.rights.values():
        user = rights.user
        if user._state.fields_cache.get("membership", None) is rights.membership:
            user._state.fields_cache.pop("membership", None)
        for name in [name for name in vars(user) if name.startswith("rights_")]:
            delattr(user, name)
    scope.rights.clear()


def forget_on_change(model) -> None:
    """Cache plumbing, not a business rule: a write to `model`, which some right is derived
    from, drops the rights read in this request."""
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(forget, sender=model, dispatch_uid=f"rights-{model._meta.label}")


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed

    from parties.models import (
        ConfidentialityDeclaration,
        FileAuthorisation,
        FunctionGrant,
        Membership,
        Party,
        User,
    )

    for model in (Membership, FunctionGrant, FileAuthorisation, Party, ConfidentialityDeclaration):
        forget_on_change(model)
    m2m_changed.connect(
        forget, sender=Party.veiligheidshuizen.through, dispatch_uid="rights-party-regions"
    )
    m2m_changed.connect(forget, sender=User.groups.through, dispatch_uid="rights-user-groups")


def request_memo(key, compute):
    """`compute()` once per request for `key`, for a row that does not change within a request
    (a file by its kind and key); each time outside a request. None is not kept."""
    scope = _SCOPE.get()
    if scope is None:
        return compute()
    found = scope.memo.get(key)
    if found is None:
        found = compute()
        if found is not None:
            scope.memo[key] = found
    return found


def _instance(user):
    """The user itself behind `request.user`'s lazy wrappers (authentication's, and the second
    factor's around it), whose own attributes are the wrappers': the rights are kept on the
    instance."""
    while True:
        wrapped = getattr(user, "_wrapped", None)
        if wrapped is None or wrapped is empty:
            return user
        user = wrapped


def kept_rights(user) -> Rights | None:
    """The rights of `user` when they are kept for this request (the request's own user), else
    None: a caller that would inline what they hold only does so for the request's user."""
    scope = _SCOPE.get()
    if scope is None or getattr(user, "pk", None) not in scope.users:
        return None
    return rights_of(user)


def rights_of(user) -> Rights:
    """The rights of `user`: kept for the request when it is the request's own user, read anew
    otherwise."""
    scope = _SCOPE.get()
    pk = getattr(user, "pk", None)
    user = _instance(user)
    if scope is None or pk is None or pk not in scope.users:
        return Rights(user)
    rights = scope.rights.get(pk)
    if rights is None:
        rights = scope.rights[pk] = Rights.load(user)
    elif rights.user is not user and "membership" not in user._state.fields_cache:
        # Another instance of the same user (a view loaded it again): give it the membership.
        user._state.fields_cache["membership"] = rights.membership
    return rights
