from datetime import date

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parties.constants import AuthorisationAction, Function, PartyKind, PartyRole


class Veiligheidshuis(models.Model):
    """A region: every file belongs to one (P7)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
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

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=PartyKind.choices)
    role = models.CharField(_("rol"), max_length=20, choices=PartyRole.choices)
    veiligheidshuizen = models.ManyToManyField(
        Veiligheidshuis, related_name="parties", verbose_name=_("Veiligheidshuizen")
    )
    municipality_code = models.CharField(
        _("gemeentecode"),
        max_length=4,
        blank=True,
        help_text=_("De viercijferige CBS-gemeentecode, alleen voor een gemeente."),
    )
    joined_on = models.DateField(_("deelname vanaf"))
    notice_given_on = models.DateField(_("opgezegd op"), null=True, blank=True)
    left_on = models.DateField(
        _("deelname tot"),
        null=True,
        blank=True,
        help_text=_("Vanaf deze datum hebben de gebruikers van de partij geen toegang meer."),
    )
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="party", editable=False
    )

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
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
        Party, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("partij")
    )
    signed_on = models.DateField(_("ondertekend op"))
    signed_by = models.CharField(_("ondertekend door"), max_length=200)
    document_reference = models.CharField(_("kenmerk document"), max_length=100)
    recorded_by = models.ForeignKey(
        "parties.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("geheimhoudingsverklaring")
        verbose_name_plural = _("geheimhoudingsverklaringen")
        ordering = ["-signed_on"]

    def __str__(self):
        return f"{_('Geheimhoudingsverklaring')} {self.document_reference}"


class User(AbstractUser):
    """A person who signs in. What they may do follows from their membership (P2)."""

    PERSONAL_DATA_FIELDS = ("username", "first_name", "last_name", "email")

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self):
        # No personal data: audit entries store str() of related objects.
        return f"{_('Gebruiker')} #{self.pk}"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """The one party a user acts for (P2). Changed only through `parties.services`."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("gebruiker")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("partij")
    )
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        permissions = [("manage_authorisations", _("Partijen en autorisaties beheren"))]

    def __str__(self):
        return f"{_('Lidmaatschap')} #{self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None

    def function_codes(self) -> list[str]:
        return sorted(grant.function for grant in self.functions.all())

    def function_labels(self) -> list[str]:
        return [str(Function(code).label) for code in self.function_codes()]


class FunctionGrant(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="functions"
    )
    function = models.CharField(_("functie"), max_length=20, choices=Function.choices)
    granted_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("functie")
        verbose_name_plural = _("functies")
        constraints = [
            models.UniqueConstraint(fields=["membership", "function"], name="one_grant_per_function")
        ]

    def __str__(self):
        return f"{_('Functie')} #{self.pk}"


class AuthorisationChange(models.Model):
    """Who granted, changed or revoked what, when and why (P3, CTER 15.1c). Append-only."""

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        related_name="authorisation_changes_made",
        verbose_name=_("door"),
    )
    action = models.CharField(_("handeling"), max_length=30, choices=AuthorisationAction.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisation_changes",
        verbose_name=_("gebruiker"),
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="authorisation_changes", verbose_name=_("partij")
    )
    functions_before = models.JSONField(_("functies voor"), default=list, blank=True)
    functions_after = models.JSONField(_("functies na"), default=list, blank=True)
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("autorisatiewijziging")
        verbose_name_plural = _("autorisatiewijzigingen")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{_('Autorisatiewijziging')} #{self.pk}"
