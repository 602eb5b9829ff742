"""Regions and the parties that take part in them (P1, P6, P7)."""

from datetime import date

from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parties.constants import PartyKind, PartyRole


class Veiligheidshuis(models.Model):
    """A region: every file belongs to one (P7)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("Veiligheidshuis")
        verbose_name_plural = _("Veiligheidshuizen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartyQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))


class Party(models.Model):
    """An organisation that signed the covenant, or an external case partner (P1)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=PartyKind.choices)
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    veiligheidshuizen = models.ManyToManyField(
        Veiligheidshuis, related_name="parties", verbose_name=_("Veiligheidshuizen")
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("The four-digit CBS municipality code, only for a municipality."),
    )
    joined_on = models.DateField(_("participation from"))
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    left_on = models.DateField(
        _("participation until"),
        null=True,
        blank=True,
        help_text=_("From this date on, the users of the party no longer have access."),
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="party",
        editable=False,
        verbose_name=_("group"),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=PartyKind.GEMEENTE) | Q(municipality_code__regex=r"^\d{4}$"),
                name="gemeente_has_municipality_code",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gt=models.F("joined_on")),
                name="party_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_external(self) -> bool:
        return self.role == PartyRole.EXTERN

    @property
    def is_kernpartij(self) -> bool:
        return self.role == PartyRole.KERNPARTIJ

    def is_active_on(self, day: date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)

    def has_declaration(self) -> bool:
        return self.declarations.exists()


class ConfidentialityDeclaration(models.Model):
    """The signed geheimhoudingsverklaring of an external case partner (CTER 14.2-3, P6)."""

    PERSONAL_DATA_FIELDS = ("signed_by",)

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("party")
    )
    signed_on = models.DateField(_("signed on"))
    signed_by = models.CharField(_("signed by"), max_length=200)
    document_reference = models.CharField(_("document reference"), max_length=100)
    recorded_by = models.ForeignKey(
        "parties.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confidentiality declaration")
        verbose_name_plural = _("confidentiality declarations")
        ordering = ["-signed_on"]

    def __str__(self):
        label = _("Confidentiality declaration")
        return f"{label} {self.document_reference}"
