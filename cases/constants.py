from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.constants import Function


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class Goal(models.TextChoices):
    """The goals of the integral plan of approach (CTER 3a-f)."""

    PREVENT_RADICALISATION = "prevent", _("Prevent further radicalisation")
    DERADICALISE = "deradicalise", _("Promote de-radicalisation")
    CHANGE_BEHAVIOUR = "behaviour", _("Change behaviour")
    LIMIT_RISKS = "risks", _("Limit security risks")
    PREVENT_TRAVEL = "travel", _("Prevent travel to a conflict zone")
    HELP_AND_CARE = "care", _("Organise help and care")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_MEASURE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


class ClosingReason(models.TextChoices):
    """VH 20.2: why a case is closed."""

    RESULT_REACHED = "result", _("Result reached")
    MOVED_AWAY = "moved", _("Moved away")
    UNFINDABLE = "unfindable", _("Unfindable")
    DECEASED = "deceased", _("Deceased")
    # R7, VH 18.4: an upheld objection ends the processing (docs/adr/0013).
    OBJECTION = "objection", _("Objection upheld")


# The reasons the driehoek decides a closing on (VH 20.2); an objection closes through
# `cases.services.end_processing` only.
DECIDED_REASONS = tuple(reason for reason in ClosingReason if reason != ClosingReason.OBJECTION)


class RelatedRole(models.TextChoices):
    """C2, CTER 10.2f-g."""

    ACHTERBLIJVER = "achterblijver", _("Achterblijver (family member in the Netherlands)")
    SOCIAL_NETWORK = "network", _("Person in the social network")


class IdentityMethod(models.TextChoices):
    """C12, VH 13.2: how the identity of the subject was established."""

    BRP = "brp", _("Check in the BRP (population register)")
    IDENTITY_DOCUMENT = "document", _("Identity document")
    POLICE_SYSTEMS = "police", _("Police systems")
    OTHER = "other", _("Other (explained)")


class CasePart(models.TextChoices):
    """The parts of a case that can be disclosed to an external partner (C6)."""

    PERSONAL_DETAILS = "naw", _("Name, address and date of birth")
    SIGNALS = "signals", _("Signals")
    ANALYSIS = "analysis", _("Analysis")
    PLAN = "plan", _("Plan of approach and measures")
    RELATED_PEOPLE = "related", _("Related people")


CASE_PREFIX = "C"


# C4, VH 14.9: the functions a casemanager holds; whoever holds the beheerder's or the FG's
# function is never one (`cases.selectors.casemanager_choices`).
CASEMANAGER_FUNCTIONS = (Function.CASEMANAGER, Function.DEELNEMER)
NEVER_CASEMANAGER = (Function.BEHEERDER, Function.FG)
