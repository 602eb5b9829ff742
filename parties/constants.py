from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """The kinds of parties in the CTER and VH covenants; the parties themselves are data (P1)."""

    GEMEENTE = "gemeente", _("Municipality")
    OM = "om", _("Public Prosecution Service")
    POLITIE = "politie", _("Police")
    RVDK = "rvdk", _("Child Protection Board")
    RECLASSERING = "reclassering", _("Probation service")
    GGD = "ggd", _("Municipal public health service (GGD)")
    GGZ = "ggz", _("Mental health care")
    VERSLAVINGSZORG = "verslavingszorg", _("Addiction care")
    JEUGDZORG = "jeugdzorg", _("Youth care")
    LEERPLICHT = "leerplicht", _("Compulsory education and pupil affairs")
    HALT = "halt", _("Bureau Halt")
    SLACHTOFFERHULP = "slachtofferhulp", _("Victim support")
    MAATSCHAPPELIJKE_OPVANG = "opvang", _("Social shelter and supported housing")
    WELZIJN = "welzijn", _("Social welfare")
    WONINGCORPORATIE = "woningcorporatie", _("Housing association")
    DJI = "dji", _("Custodial Institutions Agency")
    EXTERN = "extern", _("External case partner")


class PartyRole(models.TextChoices):
    KERNPARTIJ = "kernpartij", _("Core party (kernpartij)")
    CASUSPARTIJ = "casuspartij", _("Case party (casuspartij)")
    EXTERN = "extern", _("External case partner")


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
    DEELNEMER = "deelnemer", _("Participant")
    VOORZITTER = "voorzitter", _("Chair")
    CASEMANAGER = "casemanager", _("Case manager")
    UITVOERDER = "uitvoerder", _("Uitvoerder")
    FG = "fg", _("Data protection officer")
    BEHEERDER = "beheerder", _("Administrator")


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
        "parties.view_apitoken",
    ],
}


class AuthorisationAction(models.TextChoices):
    PARTY_CREATED = "party_created", _("Party added")
    PARTY_CHANGED = "party_changed", _("Party changed")
    NOTICE_GIVEN = "notice_given", _("Notice recorded")
    DECLARATION_RECORDED = "declaration_recorded", _("Confidentiality declaration recorded")
    MEMBERSHIP_GRANTED = "membership_granted", _("Membership granted")
    FUNCTIONS_CHANGED = "functions_changed", _("Functions changed")
    MEMBERSHIP_REVOKED = "membership_revoked", _("Membership revoked")
    ACCESS_ENDED = "access_ended", _("Access ended (party left)")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    FILE_ACCESS_GRANTED = "file_access_granted", _("File authorisation granted")
    FILE_ACCESS_REVOKED = "file_access_revoked", _("File authorisation revoked")


class FileKind(models.TextChoices):
    """The kinds of files a person is authorised for (P8). The values are the file labels of the
    subjects registry (`weegploeg.files`, `cases.files`)."""

    WEEGPLOEG = "weegploeg", _("weegploeg")
    ICO = "ico", _("casusoverleg (ICO)")


class AccessLevel(models.TextChoices):
    """What a person may do in a file they are authorised for (P8; CTER 15.1b)."""

    READ = "read", _("read")
    READWRITE = "readwrite", _("read and record")


# The functions that do the work of a file. Beheerder and FG give no access to dossier content
# (P8): a user holding only those is never authorised for a file.
WORKING_FUNCTIONS = frozenset(
    {Function.DEELNEMER, Function.VOORZITTER, Function.CASEMANAGER, Function.UITVOERDER}
)


class AccessRefusal(models.TextChoices):
    """Why a signed-in user can do nothing (P5, P6)."""

    NO_MEMBERSHIP = "no_membership", _("You are not linked to any party.")
    MEMBERSHIP_ENDED = "membership_ended", _("Your membership has ended.")
    PARTY_NOT_JOINED = "party_not_joined", _("Your party does not take part in the covenant yet.")
    PARTY_LEFT = "party_left", _("Your party no longer takes part in the covenant.")
    NO_DECLARATION = (
        "no_declaration",
        _("No confidentiality declaration has been recorded for your organisation yet."),
    )


NOTICE_PERIOD_MONTHS = 3  # CTER 18.2
