"""Which cases a user sees, keeps, exports, and who takes part (C1, C7, C11, P8)."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import permissions
from cases.models import Case, CasusOverleg, Closing
from parties.constants import FileKind, PartyRole
from parties.models import ConfidentialityDeclaration, Party
from parties.permissions import authorisations_of


def visible_cases(user, *, from_rows: bool | None = None):
    """Every case `user` may see: the one queryset behind every list, page and endpoint
    (`from_rows`: see `cases.permissions.visible_cases`)."""
    return permissions.visible_cases(user, from_rows=from_rows)


def keepable_cases(user):
    """The cases `user` keeps as uitvoerder."""
    return permissions.keepable_cases(user)


def may_see_cases(user) -> bool:
    return permissions.may_see_cases(user)


def get_visible_case(user, number: str) -> Case:
    """The case, or 404 for anyone who may not see it (never 403)."""
    case = (
        visible_cases(user)
        .select_related("casusoverleg__veiligheidshuis", "casemanager")
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_case_page(user, number: str, **annotations) -> Case:
    """The case of a case page, or 404: read once, with whether `user` keeps it (`may_keep`),
    whether closing is advised (`closing_advised`) and the page's `annotations` in the same
    query (issue 13)."""
    kept = keepable_cases(user).filter(pk=OuterRef("pk"))
    case = (
        visible_cases(user)
        .select_related("casusoverleg__veiligheidshuis", "casemanager")
        .annotate(
            kept_by_reader=Exists(kept), open_closing_advice=Exists(_open_advice()), **annotations
        )
        .filter(number=number)
        .first()
    )
    if case is None:
        raise Http404
    return case


def get_keepable_case(user, number: str) -> Case | None:
    return keepable_cases(user).filter(number=number).first()


def may_keep(user, case: Case) -> bool:
    return keepable_cases(user).filter(pk=case.pk).exists()


def may_export(user, case: Case) -> bool:
    """C7, CTER 8.6, 10.6: who may download or export a case, with the provider's permission
    recorded first. The keeper of the case's file does (CTER 10.1: the uitvoerder records the
    file); a participant asks the keeper, so the whole file never leaves through a reader."""
    return may_keep(user, case)


def may_take_part(casusoverleg: CasusOverleg, party: Party) -> bool:
    """C1, C11, P6: whether `party` can take part in a case of this casusoverleg."""
    return participation_refusal(casusoverleg, party) is None


def case_parties(case: Case):
    """The parties taking part in the case now: the choices of measure owners, providers."""
    return Party.objects.filter(
        pk__in=case.participants.filter(until__isnull=True).values("party")
    ).order_by("name")


def addable_parties(case: Case):
    """C1, P6: the parties that may be added to a case, the choices of the page and the rule of
    `services.add_participant`: a party of its casusoverleg, or an external partner of its
    Veiligheidshuis whose confidentiality declaration is recorded; active today and not taking
    part already."""
    overleg = case.casusoverleg
    return (
        Party.objects.active_on(timezone.localdate())
        .filter(
            Q(pk__in=overleg.participants.values("pk"))
            | Q(
                role=PartyRole.EXTERN,
                veiligheidshuizen=overleg.veiligheidshuis_id,
                pk__in=ConfidentialityDeclaration.objects.values("party"),
            )
        )
        .exclude(pk__in=case.participants.filter(until__isnull=True).values("party"))
        .distinct()
        .order_by("name")
    )


def _open_advice():
    return Closing.objects.filter(
        case=OuterRef("pk"), decided_on__isnull=True, reopened_at__isnull=True
    )


def closing_advised(case: Case) -> bool:
    """C5: the advice to the driehoek to close is recorded and not yet decided on: only then can
    the case be closed (`services.decide_closing`). Read with the case on its page
    (`get_case_page`)."""
    known = case.__dict__.get("open_closing_advice")
    if known is not None:
        return known
    return case.closings.filter(decided_on__isnull=True, reopened_at__isnull=True).exists()


def visible_overleggen(user):
    """The casusoverleggen of the cases `user` may see (the filter of the case list): each of
    those whose file the user is authorised for with a case the user sees (`visible_cases`).
    No case of any other is visible (P8: the user's groups hold the permission rows of the
    files they are authorised for, ADR 0008), so only these few are asked, each from its
    cases' keys (`case_keys_per_casusoverleg`) until one is seen (issue 13: reading the
    casusoverleg of each of the politie's 7,309 visible cases took 12 ms at national
    scale)."""
    authorised = sorted(
        int(granted.key) for granted in authorisations_of(user) if granted.kind == FileKind.ICO
    )
    seen = visible_cases(user, from_rows=False).filter(casusoverleg=OuterRef("pk"))
    return CasusOverleg.objects.filter(pk__in=authorised).filter(Exists(seen))


def sees_restricted(user, case: Case) -> bool:
    """R6: the keeper of the case's file (`parties.permissions.is_file_keeper`) sees its
    restricted items, marked; nobody else sees them."""
    return permissions.is_keeper(user, case.casusoverleg)


def participation_refusal(casusoverleg: CasusOverleg, party: Party) -> str | None:
    """C1, C11, P6: why `party` cannot take part in a case of this casusoverleg, or None. Only
    parties of this casusoverleg, or an external partner whose confidentiality declaration is
    recorded."""
    if party.role == PartyRole.EXTERN:
        if not party.has_declaration():
            return _(
                "%(party)s has no recorded confidentiality declaration: record it before the "
                "partner takes part."
            ) % {"party": party.name}
    elif not casusoverleg.participants.filter(pk=party.pk).exists():
        return _("%(party)s does not take part in this casusoverleg.") % {"party": party.name}
    return None
