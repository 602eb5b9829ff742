"""What each file sets for the subject's rights (I4, R3): the contents of the letter that
informs, its contact person, and the term to answer a request. The beheerder keeps them; a file
without its own settings yet gets sensible defaults from its covenant (CTER for the weegploeg,
the VH covenant for a casusoverleg)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parties.constants import FileKind
from parties.models import DataFile
from parties.permissions import is_beheerder
from rights.models import FileRightsSettings

# The fields of the settings the beheerder edits (the form, the API and the defaults).
EDITABLE = (
    "request_term_days",
    "processing",
    "categories",
    "purpose",
    "legal_basis",
    "retention",
    "contact_name",
    "contact_address",
    "contact_phone",
    "contact_email",
    "sender",
)

LEGAL_BASIS = gettext_lazy(
    "Article 6(1)(e) of the General Data Protection Regulation (AVG): a task carried out in the "
    "public interest, and the privacy covenant the partners signed, which makes them joint "
    "controllers."
)

DEFAULTS = {
    FileKind.WEEGPLOEG: {
        "processing": gettext_lazy(
            "Information about you that partners of the Veiligheidshuis brought into the "
            "i2o-weegploeg: the signals about you, their analysis and the decision taken on them."
        ),
        "categories": gettext_lazy(
            "Your name, address, date of birth and citizen service number (BSN); the signals "
            "about your behaviour and who brought them; the analysis against the "
            "referentiekader; the decision of the weegploeg."
        ),
        "purpose": gettext_lazy(
            "To weigh together whether signals of radicalisation or extremism call for a "
            "personal approach, so that violence can be prevented (privacy covenant CTER)."
        ),
        "legal_basis": LEGAL_BASIS,
        "retention": gettext_lazy(
            "The data are kept no longer than needed for this purpose: after the decision they "
            "are archived, and destroyed when the term of the covenant has passed."
        ),
        "sender": gettext_lazy("The uitvoerder of the Veiligheidshuis"),
    },
    FileKind.ICO: {
        "processing": gettext_lazy(
            "Information about you and your situation that the partners of the Veiligheidshuis "
            "share in the casusoverleg: why you are discussed, the plan of approach and the "
            "agreements made about it."
        ),
        "categories": gettext_lazy(
            "Your name, address, date of birth and citizen service number (BSN); information "
            "about your situation (such as housing, work, care, police and justice data) as far "
            "as the casusoverleg needs it; the plan of approach and its measures."
        ),
        "purpose": gettext_lazy(
            "To agree together on a personal approach that prevents or reduces crime and "
            "nuisance, with care where it is needed (covenant of the Veiligheidshuis)."
        ),
        "legal_basis": LEGAL_BASIS,
        "retention": gettext_lazy(
            "The data are kept as long as the approach lasts and then for the term of the "
            "covenant of the casusoverleg, after which they are destroyed."
        ),
        "sender": gettext_lazy("The ketenmanager of the Veiligheidshuis"),
    },
}


def default_settings(data_file: DataFile) -> FileRightsSettings:
    """The settings a file starts from (unsaved), in Dutch: the letter is read in Dutch (U4)."""
    with translation.override("nl"):
        texts = {name: str(text) for name, text in DEFAULTS.get(data_file.kind, {}).items()}
    return FileRightsSettings(data_file=data_file, **texts)


def settings_for(data_file: DataFile) -> FileRightsSettings:
    """The file's settings, or its defaults when the beheerder has set none yet."""
    return settings_by_file([data_file])[data_file.pk]


def settings_by_file(data_files) -> dict[int, FileRightsSettings]:
    """`settings_for` each of `data_files`, by file pk, in one query (issue 13: a page of the
    register of processing activities)."""
    data_files = list(data_files)
    found = {
        settings.data_file_id: settings
        for settings in FileRightsSettings.objects.filter(data_file__in=data_files)
    }
    shown = {}
    for data_file in data_files:
        settings = found.get(data_file.pk)
        if settings is None:
            settings = default_settings(data_file)
        else:
            settings.data_file = data_file
        shown[data_file.pk] = settings
    return shown


def missing_for_letter(settings: FileRightsSettings) -> list[str]:
    """VH 17.1: the letter names whom to contact, with the address and contact details, and
    says what is processed and why. The fields still empty (their names)."""
    required = ("processing", "categories", "purpose", "contact_name", "contact_address")
    missing = [name for name in required if not getattr(settings, name).strip()]
    if not (settings.contact_phone.strip() or settings.contact_email.strip()):
        missing.append("contact_phone")
    return missing


@transaction.atomic
def save_file_settings(data_file: DataFile, *, by, **values) -> FileRightsSettings:
    """The beheerder sets the letter's contents, its contact person and the request term of
    one file (I4, R3). Anyone else is refused."""
    if not is_beheerder(by):
        raise PermissionDenied
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Unknown fields."))
    settings = FileRightsSettings.objects.select_for_update().filter(data_file=data_file).first()
    settings = settings or FileRightsSettings(data_file=data_file)
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(settings, name, value)
    if settings.request_term_days is not None and not 1 <= settings.request_term_days <= 31:
        raise ValidationError(
            {"request_term_days": _("Give a term of 1 to 31 days, or leave it empty.")}
        )
    settings.updated_by = by
    settings.full_clean()
    settings.save()
    return settings
