"""The retention terms of a casusoverleg (C11, B3, B4; VH 20.1) and which cases a list shows
(archived ones only when asked for), read in one place for pages, API and services."""

from django.utils.translation import gettext as _

from cases.constants import CaseStatus
from cases.models import CasusOverleg
from parties.constants import FileKind
from retention.constants import ArchiveFrom
from retention.terms import Terms, describe, terms_for_keys


def casusoverleg_terms(casusoverleg: CasusOverleg) -> Terms:
    """C11: the terms of the casusoverleg's ICO file, recorded or the covenant's defaults."""
    return casusoverleg_terms_by_pk([casusoverleg])[casusoverleg.pk]


def casusoverleg_terms_by_pk(overleggen) -> dict[int, Terms]:
    """`casusoverleg_terms` of many casusoverleggen in one query, by pk (a list of them)."""
    terms = terms_for_keys(FileKind.ICO, [overleg.pk for overleg in overleggen])
    return {int(key): found for key, found in terms.items()}


def describe_terms(casusoverleg: CasusOverleg) -> str:
    """The terms in words (B3, B4), as the access answer gives them."""
    return describe(casusoverleg_terms(casusoverleg))


def reopens_by_agenda(casusoverleg: CasusOverleg) -> bool:
    """VH 20.1: a module whose archive runs from the last time on the agenda opens an archived
    case again by putting it on the agenda; the CTER ICO only on the controller's instruction
    (CTER 13.3, B5)."""
    return casusoverleg.pk in reopening_by_agenda([casusoverleg])


def reopening_by_agenda(overleggen) -> list[int]:
    """The pks of those of `overleggen` whose archive opens again by the agenda
    (`reopens_by_agenda`), their terms read in one query."""
    terms = casusoverleg_terms_by_pk(overleggen)
    return [pk for pk, found in terms.items() if found.archive_from == ArchiveFrom.LAST_AGENDA]


def archived_refusal(casusoverleg: CasusOverleg) -> str:
    """Why an archived case is not changed, and how it opens again (B3, B5; VH 20.1)."""
    if reopens_by_agenda(casusoverleg):
        return _(
            "This case is archived: it is made available again by putting it on the agenda of a "
            "case meeting."
        )
    return _(
        "This case is archived: an archived case is made available again only on the "
        "controller's instruction: ask the controller."
    )


def reopening_text(casusoverleg: CasusOverleg) -> str:
    """How an archived case of this casusoverleg is made available again (the banner, B5)."""
    if reopens_by_agenda(casusoverleg):
        return _("It is made available again by putting it on the agenda of a case meeting.")
    return _("It is made available again only on the controller's instruction.")


def listed(cases, status: str):
    """B3: a list leaves archived cases out unless it is filtered on a status (archived
    included); the case's own page still opens for who may see it."""
    if status:
        return cases.filter(status=status)
    return cases.exclude(status=CaseStatus.ARCHIVED)
