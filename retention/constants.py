"""The rules a sweep applies (B2-B6) and what it does, as codes kept in destruction records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveFrom(models.TextChoices):
    """From which date the archive term runs."""

    LAST_PROCESSING = "laatste-verwerking", _("the last processing")
    LAST_AGENDA = "laatst-geagendeerd", _("the last time on the agenda")


class Rule(models.TextChoices):
    """Why a dossier is archived or destroyed: kept in the destruction record (B8)."""

    NOT_AGENDERED = "niet-geagendeerd", _("Not put on the agenda: destroyed")
    ARCHIVE_TERM = "archieftermijn", _("Archive term passed")
    DESTROY_TERM = "vernietigingstermijn", _("Retention term passed")
    DECEASED = "overleden", _("Subject deceased: destroyed at once")
    REPLAY = "herhaling", _("Destroyed again after a restore of the database")


class Action(models.TextChoices):
    ARCHIVE = "archiveren", _("archive")
    DESTROY = "vernietigen", _("destroy")


class Trigger(models.TextChoices):
    BEAT = "beat", _("scheduled (Celery beat)")
    COMMAND = "commando", _("management command")
    PAGE = "pagina", _("started on the page")


class ReactivatedBy(models.TextChoices):
    CONTROLLER = "verantwoordelijke", _("on the controller's instruction")
    AGENDA = "agenda", _("put on the agenda again")
