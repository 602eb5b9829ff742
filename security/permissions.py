"""Who oversees a Veiligheidshuis (S2, S3, P4, S5): the functionaris gegevensbescherming (FG)
and the uitvoerder of a party of that Veiligheidshuis. Every page, API view, task and mail of
`security` asks here; nothing else decides who sees the register, the access log or the reviews.
"""

from django.db.models import QuerySet

from parties.constants import Function
from parties.models import User, Veiligheidshuis
from parties.permissions import functions_of, has_party_regions, party_regions

OVERSIGHT_FUNCTIONS = frozenset({Function.FG, Function.UITVOERDER})


def overseen_region_ids(user) -> frozenset[int]:
    """The pks of the Veiligheidshuizen `user` oversees: those of the user's party, when the
    user holds the FG or uitvoerder function and may act today; none otherwise."""
    if not OVERSIGHT_FUNCTIONS & functions_of(user):
        return frozenset()
    return party_regions(user)


def overseen_regions(user) -> QuerySet:
    """The Veiligheidshuizen `user` oversees (`overseen_region_ids`)."""
    return Veiligheidshuis.objects.filter(pk__in=sorted(overseen_region_ids(user)))


def may_oversee(user, veiligheidshuis: Veiligheidshuis | None = None) -> bool:
    if veiligheidshuis is not None:
        return veiligheidshuis.pk in overseen_region_ids(user)
    return bool(OVERSIGHT_FUNCTIONS & functions_of(user)) and has_party_regions(user)


def overseers_of(veiligheidshuis: Veiligheidshuis) -> list[User]:
    """Everyone who oversees `veiligheidshuis` now: whom a warning or alarm is sent to."""
    candidates = User.objects.filter(
        is_active=True,
        membership__party__veiligheidshuizen=veiligheidshuis,
        membership__functions__function__in=OVERSIGHT_FUNCTIONS,
    ).distinct()
    return [user for user in candidates if may_oversee(user, veiligheidshuis)]


# --- authorisation reviews (P4) ---


def may_review(user, review=None) -> bool:
    """P4 (CTER 15.1f): who carries out the periodic review of granted authorisations.

    The beheerder: the function that grants, changes and revokes functions and memberships
    (the parties' user pages are the beheerder's only) and every file authorisation
    (`parties.services.may_grant`). A review's revocations are carried out through those same
    services at sign-off, so only the beheerder can carry out all of them; an uitvoerder may end
    file authorisations of its own Veiligheidshuizen but not functions, and would leave half a
    review undone. The beheerder reviews every party (as it manages every user); its own rights
    cannot be revoked by itself (the parties services refuse it) and are kept, which the FG sees.
    Overseers (FG, uitvoerder) see the reviews of the parties of their Veiligheidshuizen through
    `may_see_review`, read-only."""
    from parties.permissions import is_beheerder

    return is_beheerder(user)


def may_see_review(user, review=None) -> bool:
    """The reviewer (`may_review`) sees every review; an overseer (`may_oversee`) those of the
    parties of the Veiligheidshuizen it oversees, read-only (the FG watches the beheerder)."""
    if may_review(user, review):
        return True
    if review is None:
        return may_oversee(user)
    regions = overseen_region_ids(user)
    return bool(regions) and review.party.veiligheidshuizen.filter(pk__in=regions).exists()


def reviewers() -> list[User]:
    """Whom an overdue review is reported to: every active user who may review."""
    candidates = User.objects.filter(
        is_active=True, membership__functions__function=Function.BEHEERDER
    ).distinct()
    return [user for user in candidates if _may_review_offline(user)]


def _may_review_offline(user) -> bool:
    """`may_review` for a user not in a request (a mail from beat): the second factor is not
    asked, the function, the permission and may-act are."""
    from parties.permissions import may_act

    return (
        may_act(user)
        and Function.BEHEERDER in functions_of(user)
        and user.has_perm("parties.manage_authorisations")
    )


def may_reinstate(user) -> bool:
    """A suspended account is reinstated by the beheerder, who manages the accounts."""
    return may_review(user)


def may_see_suspensions(user) -> bool:
    """The suspended accounts: the beheerder (who reinstates) and the overseers."""
    return may_reinstate(user) or may_oversee(user)
