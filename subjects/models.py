"""The person-data kernel: what every file records about the person it is about (NAW, date of
birth, optional BSN). Each file app has its own concrete tables (ARCHITECTURE: files are kept
apart); they inherit these fields."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from subjects.bsn import BSNValidator
from subjects.dates import DATE_OF_BIRTH
from subjects.guard import NoForbiddenCategory
from subjects.matching import normalise_name

POSTCODE = RegexValidator(
    r"^\d{4} ?[A-Z]{2}$", _("Enter a Dutch postcode, for example 2011 AB."), "invalid_postcode"
)
MUNICIPALITY_CODE = RegexValidator(
    r"^\d{4}$", _("The municipality code has four digits."), "invalid_municipality_code"
)


# The NAW of a subject as forms, copies between files and the API carry it, in display order.
PERSON_FIELDS = (
    "given_names",
    "prefix",
    "surname",
    "date_of_birth",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "municipality",
    "municipality_code",
)

# C8 on every free-text field (VH 9.3, 14.8): names pass the terms that are also Dutch names.
FREE_TEXT = [NoForbiddenCategory()]
NAME_TEXT = [NoForbiddenCategory(kind="name")]


class PersonData(models.Model):
    """Name, address and date of birth (NAW) of a subject, with an optional BSN."""

    # The municipality's code says where, not who: it is what the file's permissions use.
    PERSONAL_DATA_FIELDS = tuple(name for name in PERSON_FIELDS if name != "municipality_code")

    surname = models.CharField(_("surname"), max_length=200, validators=NAME_TEXT)
    prefix = models.CharField(
        _("prefix"), max_length=20, blank=True, help_text=_("e.g. van der"), validators=NAME_TEXT
    )
    given_names = models.CharField(_("given names"), max_length=200, validators=NAME_TEXT)
    date_of_birth = models.DateField(_("date of birth"), validators=DATE_OF_BIRTH)
    street = models.CharField(_("street"), max_length=200, blank=True, validators=FREE_TEXT)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[POSTCODE])
    municipality = models.CharField(_("municipality"), max_length=100, validators=FREE_TEXT)
    municipality_code = models.CharField(
        _("municipality code"), max_length=4, validators=[MUNICIPALITY_CODE], db_index=True
    )
    bsn = models.CharField(
        _("BSN"), max_length=9, blank=True, validators=[BSNValidator()], db_index=True
    )
    name_key = models.CharField(_("name key"), max_length=400, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.postcode = self.postcode.replace(" ", "").upper()
        self.name_key = normalise_name(self.given_names, self.prefix, self.surname)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return full_name_of(self.given_names, self.prefix, self.surname)


def full_name_of(given_names: str, prefix: str, surname: str) -> str:
    """A person's name as every page shows it: given names, prefix and surname, the empty
    ones left out (also for a dossier read as a row, `config.choice_fields.DossierChoiceField`)."""
    return " ".join(part for part in (given_names, prefix, surname) if part)


class DossierSequence(models.Model):
    """The last number given per file and prefix (`subjects.numbering`)."""

    key = models.CharField(_("file and prefix"), max_length=80, primary_key=True)
    last = models.PositiveIntegerField(_("last number given"))

    class Meta:
        verbose_name = _("dossier number sequence")
        verbose_name_plural = _("dossier number sequences")

    def __str__(self):
        return self.key


class Restriction(models.Model):
    """R1, AVG 18: one item of a dossier restricted (afgeschermd): it stays, but ordinary reads
    no longer show it (`subjects.restriction`); the access answer still does."""

    file_label = models.CharField(_("file"), max_length=40)
    dossier_key = models.CharField(_("dossier"), max_length=80)
    item_model = models.CharField(_("kind of item"), max_length=100)
    item_pk = models.PositiveBigIntegerField(_("item"))
    reason = models.TextField(_("reason"), validators=[NoForbiddenCategory()])
    restricted_at = models.DateTimeField(_("restricted at"), auto_now_add=True)
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restricted by"),
    )

    class Meta:
        verbose_name = _("restriction")
        verbose_name_plural = _("restrictions")
        constraints = [
            models.UniqueConstraint(
                fields=["item_model", "item_pk"], name="one_restriction_per_item"
            )
        ]
        indexes = [models.Index(fields=["file_label", "dossier_key"])]

    def __str__(self):
        label = _("Restriction")
        return f"{label} #{self.pk}"


class MeetingSightBase(models.Model):
    """A group that sees a meeting of a file: it holds the view permission on a dossier on the
    meeting's agenda (ADR 0011). Derived from the agenda and the dossiers' permission rows, and
    kept by the file's `subjects.sight.Sight` (ADR 0039): a list of meetings reads the rows of
    the user's groups, not every agenda item of the dossiers they may see. Each file adds its
    `meeting` and a unique constraint on (group, meeting), whose leading column serves the read
    by group; the meeting's own index serves its refresh. No personal data: a meeting and a
    group."""

    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("group"),
    )
    # How many items of the agenda the group sees: what a member of this one group is shown.
    items = models.PositiveIntegerField(_("number of agenda items"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"#{self.pk}"
