from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """The kinds of parties in the CTER and VH covenants; the parties themselves are data (P1)."""

    GEMEENTE = "gemeente", _("Gemeente")
    OM = "om", _("Openbaar Ministerie")
    POLITIE = "politie", _("Politie")
    RVDK = "rvdk", _("Raad voor de Kinderbescherming")
    RECLASSERING = "reclassering", _("Reclassering")
    GGD = "ggd", _("GGD")
    GGZ = "ggz", _("Geestelijke gezondheidszorg")
    VERSLAVINGSZORG = "verslavingszorg", _("Verslavingszorg")
    JEUGDZORG = "jeugdzorg", _("Jeugdzorg")
    LEERPLICHT = "leerplicht", _("Leerplicht en leerlingzaken")
    HALT = "halt", _("Bureau Halt")
    SLACHTOFFERHULP = "slachtofferhulp", _("Slachtofferhulp")
    MAATSCHAPPELIJKE_OPVANG = "opvang", _("Maatschappelijke opvang en begeleid wonen")
    WELZIJN = "welzijn", _("Welzijn")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    DJI = "dji", _("Dienst Justitiële Inrichtingen")
    EXTERN = "extern", _("Externe casuspartner")


class PartyRole(models.TextChoices):
    KERNPARTIJ = "kernpartij", _("Kernpartij")
    CASUSPARTIJ = "casuspartij", _("Casuspartij")
    EXTERN = "extern", _("Externe casuspartner")


# CTER 1: gemeente, OM and politie are kernpartijen; an external case partner is "extern";
# every other kind takes part in cases (VH 2).
DEFAULT_ROLE = {
    PartyKind.GEMEENTE: PartyRole.KERNPARTIJ,
    PartyKind.OM: PartyRole.KERNPARTIJ,
    PartyKind.POLITIE: PartyRole.KERNPARTIJ,
    PartyKind.EXTERN: PartyRole.EXTERN,
}


def default_role(kind: str) -> str:
    return DEFAULT_ROLE.get(kind, PartyRole.CASUSPARTIJ)


class Function(models.TextChoices):
    DEELNEMER = "deelnemer", _("Deelnemer")
    VOORZITTER = "voorzitter", _("Voorzitter")
    CASEMANAGER = "casemanager", _("Casemanager")
    UITVOERDER = "uitvoerder", _("Uitvoerder")
    FG = "fg", _("Functionaris gegevensbescherming")
    BEHEERDER = "beheerder", _("Beheerder")


# Model permissions each function group carries. Object permissions on files go to party
# groups, never here (ARCHITECTURE: no model-level view_* on a file model).
FUNCTION_PERMISSIONS: dict[str, list[str]] = {
    Function.DEELNEMER: [],
    Function.VOORZITTER: [],
    Function.CASEMANAGER: [],
    Function.UITVOERDER: [],
    Function.FG: [
        "parties.view_authorisationchange",
    ],
    Function.BEHEERDER: [
        "parties.manage_authorisations",
        "parties.view_party",
        "parties.view_veiligheidshuis",
        "parties.view_membership",
        "parties.view_confidentialitydeclaration",
        "parties.view_authorisationchange",
    ],
}


class AuthorisationAction(models.TextChoices):
    PARTY_CREATED = "party_created", _("Partij toegevoegd")
    PARTY_CHANGED = "party_changed", _("Partij gewijzigd")
    NOTICE_GIVEN = "notice_given", _("Opzegging vastgelegd")
    DECLARATION_RECORDED = "declaration_recorded", _("Geheimhoudingsverklaring vastgelegd")
    MEMBERSHIP_GRANTED = "membership_granted", _("Lidmaatschap verleend")
    FUNCTIONS_CHANGED = "functions_changed", _("Functies gewijzigd")
    MEMBERSHIP_REVOKED = "membership_revoked", _("Lidmaatschap ingetrokken")
    ACCESS_ENDED = "access_ended", _("Toegang beëindigd (partij uitgetreden)")


class AccessRefusal(models.TextChoices):
    """Why a signed-in user can do nothing (P5, P6)."""

    NO_MEMBERSHIP = "no_membership", _("U bent aan geen partij gekoppeld.")
    MEMBERSHIP_ENDED = "membership_ended", _("Uw lidmaatschap is beëindigd.")
    PARTY_NOT_JOINED = "party_not_joined", _("Uw partij neemt nog niet deel aan het convenant.")
    PARTY_LEFT = "party_left", _("Uw partij neemt niet meer deel aan het convenant.")
    NO_DECLARATION = "no_declaration", _(
        "Voor uw organisatie is nog geen geheimhoudingsverklaring vastgelegd."
    )


NOTICE_PERIOD_MONTHS = 3  # CTER 18.2
