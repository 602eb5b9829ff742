"""Language and time, the files, API tokens, static files and mail."""

from django.utils.translation import gettext_lazy as _

from config.environment import setting
from config.settings.base import BASE_DIR, DATA_DIR

# --- language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- the files --------------------------------------------------------------------------------
CHECK_DAYS = setting(
    "CHECK_DAYS",
    default=90,
    cast=int,
    help_text="A dossier of either file (an assessment or a case) enters the uitvoerder's check "
    "queue when it has not been checked for this many days (W5, C9; CTER 8.3, 10.3).",
    group="General",
)
# The old name, read by the weegploeg pages until they read CHECK_DAYS; not a variable of its own.
WEEGPLOEG_CHECK_DAYS = CHECK_DAYS
RETENTION_LEDGER = DATA_DIR / setting(
    "RETENTION_LEDGER",
    default="destructions.jsonl",
    help_text="The ledger of destructions (B8): one line per destroyed dossier (file, number, "
    "dates, rule; no personal data), appended outside the database so that "
    "`manage.py retention_replay` destroys them again after a restore of a backup. Keep it "
    "on other storage than the database's backups; relative to `DATA_DIR` unless absolute.",
    group="General",
)

# --- the API --------------------------------------------------------------------------------
API_TOKEN_DAYS = setting(
    "API_TOKEN_DAYS",
    default=365,
    cast=int,
    help_text="A party's API token stops working this many days after it was issued; the "
    "beheerder then issues a new one (S1, U5).",
    group="General",
)

# --- static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# `npm run build` (part of `make run` and `make test`) puts the design system's CSS here.
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": setting(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
            help_text="Storage for static files; the tests use Django's plain one.",
        )
    },
}

# --- mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = setting(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
    help_text="Django mail backend for deadline warnings.",
    group="Services",
)
DEFAULT_FROM_EMAIL = setting(
    "DEFAULT_FROM_EMAIL",
    default="noreply@veiligheidshuis.localhost",
    help_text="Sender of the application's e-mail.",
    group="Services",
)
