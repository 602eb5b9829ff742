"""The files people are authorised for, per person (P8)."""

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parties.constants import AccessLevel, FileKind
from parties.models.parties import Party, Veiligheidshuis
from parties.models.users import User


class DataFile(models.Model):
    """A file people are authorised for (P8): the weegploeg of a Veiligheidshuis, or the ICO file
    of one casusoverleg. `kind` is the file label of the subjects registry, `key` the
    Veiligheidshuis code (weegploeg) or the casusoverleg's pk (ICO). Rows are made on demand by
    `parties.services.file_for`; parties imports no file app."""

    kind = models.CharField(_("kind"), max_length=20, choices=FileKind.choices)
    key = models.CharField(_("key"), max_length=100)
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("Veiligheidshuis"),
    )
    name = models.CharField(_("name"), max_length=300)
    keeper_group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="kept_file",
        editable=False,
        verbose_name=_("keeper group"),
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["veiligheidshuis__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="one_file_per_kind_and_key")
        ]

    def __str__(self):
        return self.name


class FileGroup(models.Model):
    """The auth Group of one party for one file: its members are exactly the users of the party
    with a live authorisation for the file (P8). Dossier permissions go to these groups, never to
    a single user."""

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="file_groups", verbose_name=_("party")
    )
    file = models.ForeignKey(
        DataFile, on_delete=models.PROTECT, related_name="party_groups", verbose_name=_("file")
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="file_group",
        editable=False,
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("file group")
        verbose_name_plural = _("file groups")
        constraints = [
            models.UniqueConstraint(fields=["party", "file"], name="one_group_per_party_and_file")
        ]

    def __str__(self):
        label = _("File group")
        return f"{label} #{self.pk}"


class FileAuthorisationQuerySet(models.QuerySet):
    def live(self):
        return self.filter(ended_at__isnull=True)


class FileAuthorisation(models.Model):
    """One person's right to read, or read and record in, one file (P8; VH 8.3b, 10; CTER 8.4,
    15.1b-d). Granted and ended only through `parties.services`, each time with an
    AuthorisationChange (P3)."""

    # Free text typed by the beheerder or uitvoerder: it may name a person.
    PERSONAL_DATA_FIELDS = ("reason",)

    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        related_name="file_authorisations",
        verbose_name=_("user"),
    )
    file = models.ForeignKey(
        DataFile,
        on_delete=models.PROTECT,
        related_name="authorisations",
        verbose_name=_("file"),
    )
    level = models.CharField(_("access"), max_length=20, choices=AccessLevel.choices)
    granted_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    objects = FileAuthorisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("file authorisation")
        verbose_name_plural = _("file authorisations")
        ordering = ["file__name", "-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "file"],
                condition=Q(ended_at__isnull=True),
                name="one_live_authorisation_per_user_and_file",
            )
        ]

    def __str__(self):
        label = _("File authorisation")
        return f"{label} #{self.pk}"

    @property
    def is_live(self) -> bool:
        return self.ended_at is None
