"""The choices of the subject's rights (CTER 11-12, VH 17-18)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The letters of a request's number ("VZ-2026-0001", `rights.services.intake`).
NUMBER_LETTERS = "VZ"


class DutyOccasion(models.TextChoices):
    """What starts a duty to inform (I1, I3, I5)."""

    OUTCOME = "outcome", _("Outcome of the weegploeg")
    AGENDERING = "agendering", _("First put on the agenda of a casusoverleg")
    RELATED_PERSON = "related_person", _("Person registered in the file")
    CLOSING = "closing", _("Approach closed")


class DutyState(models.TextChoices):
    TO_INFORM = "to_inform", _("To inform")
    INFORMED = "informed", _("Informed")
    POSTPONED = "postponed", _("Postponed")
    NOT_REQUIRED = "not_required", _("Not required")


# The duties still to be done: the only ones that can be due or overdue
# (`rights.services.duties`), and the only ones an index holds (issue 13).
OPEN_DUTY_STATES = (DutyState.TO_INFORM, DutyState.POSTPONED)


class RequestKind(models.TextChoices):
    """R1: what a subject may ask (CTER 12; AVG 15-18, 21)."""

    ACCESS = "access", _("Access (inzage)")
    RECTIFICATION = "rectification", _("Rectification")
    ERASURE = "erasure", _("Erasure")
    RESTRICTION = "restriction", _("Restriction (afscherming)")
    OBJECTION = "objection", _("Objection (verzet)")


class Channel(models.TextChoices):
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    DESK = "desk", _("At the desk")
    CONTACT_POINT = "contact_point", _("Contact point of a partner")


class RequesterKind(models.TextChoices):
    SUBJECT = "subject", _("The subject")
    REPRESENTATIVE = "representative", _("A legal representative")


class Representation(models.TextChoices):
    """CTER 12.2: on what ground a representative acts."""

    MINOR = "minor", _("Parent or guardian of a minor under 16")
    CURATELE = "curatele", _("Curator (curatele)")
    MENTORSCHAP = "mentorschap", _("Mentor (mentorschap)")


class IdentityMethod(models.TextChoices):
    """R2: how the requester's identity was established; no copy of a document is kept."""

    ID_AT_DESK = "id_at_desk", _("Identity document seen at the desk")
    ID_AT_PARTNER = "id_at_partner", _("Identity document seen at a partner's desk")
    DIGID = "digid", _("DigiD")
    OTHER = "other", _("Other (explain)")


class RequestState(models.TextChoices):
    RECEIVED = "received", _("Received")
    IDENTIFIED = "identified", _("Identity established")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SendingMeans(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    HAND = "hand", _("Handed over")


class LetterKind(models.TextChoices):
    INFORMATION = "information", _("Information about the processing")
    ACCESS = "access", _("Access overview")
    EXTENSION = "extension", _("Extension of the term")
    REFUSAL = "refusal", _("Refusal or limitation")
    DECISION = "decision", _("Decision on the request")
    NOTICE = "notice", _("Notice to a recipient")
