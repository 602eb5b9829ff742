"""Requests of a subject (R1-R7, U3): one intake for every file and every party of a
Veiligheidshuis (Besluit gegevensverwerking door samenwerkingsverbanden, art. 1.1). The request
holds no more personal data than it needs: who asks, whom it is about (to find the dossiers),
and what is asked; a dossier it covers is named by file label and key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import Veiligheidshuis
from rights.constants import (
    NUMBER_LETTERS,
    Channel,
    IdentityMethod,
    Representation,
    RequesterKind,
    RequestKind,
    RequestState,
)
from subjects.bsn import BSNValidator
from subjects.models import FREE_TEXT, NAME_TEXT
from subjects.numbering import order_field

USER = settings.AUTH_USER_MODEL


class RequestOfficer(models.Model):
    """An officer designated to handle requests under the uitvoerder's coordination (CTER
    12.2, VH 18.1)."""

    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("officer")
    )
    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Veiligheidshuis"),
    )
    designated_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("designated by")
    )
    designated_at = models.DateTimeField(_("designated at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request officer")
        verbose_name_plural = _("request officers")

    def __str__(self):
        label = _("Request officer")
        return f"{label} #{self.pk}"


class SubjectRequest(models.Model):
    PERSONAL_DATA_FIELDS = (
        "surname",
        "prefix",
        "given_names",
        "date_of_birth",
        "bsn",
        "representative_name",
        "reply_address",
        "explanation",
        "identity_note",
        "extension_reasons",
    )

    veiligheidshuis = models.ForeignKey(
        Veiligheidshuis,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Veiligheidshuis"),
    )
    number = models.CharField(_("number"), max_length=20, unique=True)
    # Lists order by this, not by the number's text (ADR 0023: past 9,999 a year).
    number_order = order_field(NUMBER_LETTERS)
    kinds = models.JSONField(_("what is asked"), default=list)  # RequestKind values
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("received through"), max_length=20, choices=Channel.choices)
    requester_kind = models.CharField(
        _("requester"), max_length=20, choices=RequesterKind.choices, default=RequesterKind.SUBJECT
    )
    representation = models.CharField(
        _("ground of representation"), max_length=20, choices=Representation.choices, blank=True
    )
    representative_name = models.CharField(
        _("name of the representative"), max_length=200, blank=True, validators=NAME_TEXT
    )
    reply_address = models.TextField(_("address for the answer"), blank=True, validators=FREE_TEXT)
    # Whom the request is about: what the registry needs to find the dossiers (subjects.matching).
    surname = models.CharField(_("surname"), max_length=200, validators=NAME_TEXT)
    prefix = models.CharField(_("prefix"), max_length=50, blank=True, validators=NAME_TEXT)
    given_names = models.CharField(_("given names"), max_length=200, validators=NAME_TEXT)
    date_of_birth = models.DateField(_("date of birth"))
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[BSNValidator()])
    # What the requester asks to change or objects to (CTER 12.5, VH 18.4).
    explanation = models.TextField(_("what is asked, and why"), blank=True, validators=FREE_TEXT)
    # R2: identity first. No copy of a document is kept: only how, by whom and when.
    identity_method = models.CharField(
        _("identity established by"), max_length=20, choices=IdentityMethod.choices, blank=True
    )
    identity_note = models.TextField(_("identity explanation"), blank=True, validators=FREE_TEXT)
    identity_established_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("identity established by"),
    )
    identity_established_at = models.DateTimeField(
        _("identity established at"), null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.RECEIVED
    )
    due_on = models.DateField(_("answer due on"))
    extended_to = models.DateField(_("extended to"), null=True, blank=True)
    extension_reasons = models.TextField(
        _("reasons for the extension"), blank=True, validators=FREE_TEXT
    )
    warned_at = models.DateTimeField(_("warning sent at"), null=True, blank=True)
    alarmed_at = models.DateTimeField(_("alarm sent at"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    received_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("received by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("request of a subject")
        verbose_name_plural = _("requests of subjects")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "due_on"], name="request_state_due")]

    def __str__(self):
        return self.number

    @property
    def identity_established(self) -> bool:
        return self.identity_established_at is not None

    @property
    def deadline(self):
        return self.extended_to or self.due_on

    @property
    def is_closed(self) -> bool:
        """Answered or withdrawn: nothing more is done, no reminder goes out."""
        return self.state in (RequestState.DONE, RequestState.WITHDRAWN)

    @property
    def kind_labels(self) -> list[str]:
        return [str(RequestKind(kind).label) for kind in self.kinds if kind in RequestKind.values]

    @property
    def includes_objection(self) -> bool:
        return RequestKind.OBJECTION in self.kinds


class RequestDossier(models.Model):
    """A dossier the request covers, confirmed by the uitvoerder as being about the requester."""

    request = models.ForeignKey(
        SubjectRequest,
        on_delete=models.CASCADE,
        related_name="dossiers",
        verbose_name=_("request"),
    )
    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40, db_index=True)
    confirmed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier of a request")
        verbose_name_plural = _("dossiers of a request")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "file_label", "dossier_key"], name="one_row_per_request_dossier"
            )
        ]

    def __str__(self):
        label = _("Dossier of a request")
        return f"{label} #{self.pk}"
