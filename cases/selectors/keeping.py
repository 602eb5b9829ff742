"""Who keeps and who chairs a casusoverleg, and who reports on a measure (C3, C4, C11, P8).
Chairing or the uitvoerder's function gives nothing without an authorisation for the file."""

from django.db.models import Q, QuerySet

from cases import permissions
from cases.models import Case, CasusOverleg, Measure
from cases.selectors.cases import visible_cases
from parties.constants import FileKind
from parties.models import User
from parties.permissions import authorisations_of, may_act, membership_of, remembered


def kept_overleggen(user: User) -> QuerySet:
    """The casusoverleggen whose file `user` keeps: the uitvoerder of their Veiligheidshuis with
    read-write on their file (P8); the rule is `cases.permissions`'."""
    return permissions.kept_casusoverleggen(user)


def is_keeper(user: User, casusoverleg: CasusOverleg) -> bool:
    return permissions.is_keeper(user, casusoverleg)


def chaired_overleggen(user: User) -> QuerySet:
    """The casusoverleggen `user` is one of the chairs of, while they may act and are authorised
    for the casusoverleg's file (P8: chairing gives no access by itself)."""
    if not may_act(user):
        return CasusOverleg.objects.none()
    authorised = sorted(
        int(granted.key) for granted in authorisations_of(user) if granted.kind == FileKind.ICO
    )
    return CasusOverleg.objects.filter(chairs=user, pk__in=authorised)


def is_chair_of(user: User, casusoverleg: CasusOverleg) -> bool:
    return chaired_overleggen(user).filter(pk=casusoverleg.pk).exists()


def chair_records(user: User, casusoverleg: CasusOverleg) -> bool:
    """A chair records the outcome of a discussion only with read-write on the file (P8)."""
    return is_chair_of(user, casusoverleg) and permissions.may_record_in(user, casusoverleg)


def chairs_of(overleggen: QuerySet) -> QuerySet:
    """The users who chair one of `overleggen` (the chairs a meeting can have)."""
    return User.objects.filter(
        pk__in=CasusOverleg.chairs.through.objects.filter(casusoverleg__in=overleggen).values(
            "user"
        )
    )


def meeting_overleggen(user: User) -> QuerySet:
    """The casusoverleggen whose meetings `user` takes care of: those they chair or keep."""
    return CasusOverleg.objects.filter(meeting_overleg_q(user, "pk"))


def meeting_overleg_q(user: User, field: str) -> Q:
    """The condition "`field` (a casusoverleg) is one of `meeting_overleggen`", for a query of
    its meetings or their agenda (`meeting_overleg_conditions`, either of them)."""
    chaired, kept = meeting_overleg_conditions(user, field)
    return chaired | kept


def meeting_overleg_conditions(user: User, field: str) -> tuple[Q, Q]:
    """The two ways `field` (a casusoverleg) is one of `meeting_overleggen`: chaired (a
    subquery), kept (written in as values, no query: PostgreSQL estimates from them, issue 13).
    Apart, so that a query can read each from its own index."""
    return (
        Q(**{f"{field}__in": chaired_overleggen(user).values("pk")}),
        Q(**{f"{field}__in": permissions.kept_casusoverleg_ids(user)}),
    )


def meeting_overleg_ids(user: User) -> list[int]:
    """The pks of `meeting_overleggen`, read once per request (the menu and the dashboard)."""
    return remembered(
        user,
        "meeting_overleggen",
        lambda: sorted(meeting_overleggen(user).values_list("pk", flat=True)),
    )


def reportable_measures(user: User, case: Case, measures) -> set[int]:
    """C3, CTER 9.4: the measures of `case` on which `user` reports progress: all of them for
    the keeper; for the casemanager all, and for a member of a party those it owns, each only
    with read-write on the casusoverleg's file (P8)."""
    if not may_act(user):
        return set()
    if is_keeper(user, case.casusoverleg):
        return {measure.pk for measure in measures}
    if not permissions.may_record_in(user, case.casusoverleg):
        return set()
    if case.casemanager_id == user.pk:
        return {measure.pk for measure in measures}
    membership = membership_of(user)
    party_id = membership.party_id if membership is not None else None
    return {measure.pk for measure in measures if measure.owner_id == party_id}


def may_report_on(user: User, measure: Measure) -> bool:
    """The keeper, the casemanager, and members of the party that owns the measure."""
    return measure.pk in reportable_measures(user, measure.case, [measure])


def get_reportable_measure(user: User, number: str, pk) -> Measure | None:
    """The measure of a case `user` may see on which they report progress, or None."""
    measure = (
        Measure.objects.select_related("case__casusoverleg", "owner")
        .filter(case__in=visible_cases(user), case__number=number, pk=pk)
        .first()
    )
    return measure if measure is not None and may_report_on(user, measure) else None
