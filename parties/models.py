from datetime import date

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.constants import (
    AccessLevel,
    AuthorisationAction,
    FileKind,
    Function,
    PartyKind,
    PartyRole,
)


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


class User(AbstractUser):
    """A person who signs in. What they may do follows from their membership (P2)."""

    PERSONAL_DATA_FIELDS = ("username", "first_name", "last_name", "email")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self):
        # No personal data: audit entries store str() of related objects.
        label = _("User")
        return f"{label} #{self.pk}"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """The one party a user acts for (P2). Changed only through `parties.services`."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="membership", verbose_name=_("user")
    )
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("party")
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        permissions = [("manage_authorisations", _("Manage parties and authorisations"))]

    def __str__(self):
        label = _("Membership")
        return f"{label} #{self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None

    def function_codes(self) -> list[str]:
        return sorted(grant.function for grant in self.functions.all())

    def function_labels(self) -> list[str]:
        return [str(Function(code).label) for code in self.function_codes()]


class FunctionGrant(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="functions", verbose_name=_("membership")
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "function"], name="one_grant_per_function"
            )
        ]

    def __str__(self):
        label = _("Function")
        return f"{label} #{self.pk}"


class AuthorisationChange(models.Model):
    """Who granted, changed or revoked what, when and why (P3, CTER 15.1c). Append-only."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        related_name="authorisation_changes_made",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=AuthorisationAction.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisation_changes",
        verbose_name=_("user"),
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="authorisation_changes",
        verbose_name=_("party"),
    )
    file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="authorisation_changes",
        verbose_name=_("file"),
    )
    level = models.CharField(
        _("access"), max_length=20, choices=AccessLevel.choices, blank=True, default=""
    )
    functions_before = models.JSONField(_("functions before"), default=list, blank=True)
    functions_after = models.JSONField(_("functions after"), default=list, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("authorisation change")
        verbose_name_plural = _("authorisation changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        label = _("Authorisation change")
        return f"{label} #{self.pk}"


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


class ApiToken(models.Model):
    """A partner system's key to the API, issued by the beheerder to one party (U5, S1).

    Only the SHA-256 hash of the key is stored; the key itself is shown once, when it is
    issued. The token acts through its own service account, a deelnemer of the party, so it has
    that party's rights and nothing more, and loses them with the party (P5, P6).
    """

    # Free text typed by the beheerder: it should name a system, but may name a person.
    PERSONAL_DATA_FIELDS = ("name",)

    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("party")
    )
    name = models.CharField(
        _("system"), max_length=100, help_text=_("The partner system that uses this token.")
    )
    key_prefix = models.CharField(_("key prefix"), max_length=8)
    key_hash = models.CharField(
        max_length=64, unique=True, db_index=True, editable=False, verbose_name=_("key hash")
    )
    account = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        related_name="api_token",
        verbose_name=_("service account"),
        editable=False,
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False),
                name="api_token_revoked_by_only_when_revoked",
            ),
        ]

    def __str__(self):
        # No personal data and never the key: the prefix tells tokens apart.
        label = _("API token")
        return f"{label} {self.key_prefix}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
