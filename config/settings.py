"""Django settings: every value comes from the environment (see `config/environment.py`).

With no environment set the application runs on the embedded default: SQLite and a Celery
broker on the filesystem, both in `data/`. The defaults are the safe production ones; the demo
(`make run`) and the tests relax only what they must, through the same variables.
"""

import secrets
from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.environment import env, setting

BASE_DIR = Path(__file__).resolve().parent.parent

DATA_DIR = BASE_DIR / setting(
    "DATA_DIR",
    default="data",
    help_text="Folder for the embedded database, the filesystem broker and the generated "
    "secret key; relative to the project folder unless absolute.",
)
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _generated_secret_key() -> str:
    """A random key kept in the data folder, so no secret ever sits in the repository."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = (
    setting(
        "SECRET_KEY",
        default="",
        help_text="Django's secret key. Empty: a random key is generated once in `DATA_DIR`.",
        group="Security",
    )
    or _generated_secret_key()
)
DEBUG = setting(
    "DEBUG", default=False, cast=bool, help_text="Django's debug mode. Never in production."
)
DEMO_MODE = setting(
    "DEMO_MODE",
    default=False,
    cast=bool,
    help_text="Demo: the sign-in page shows the current codes of the demo users. "
    "Never in production.",
)
ALLOWED_HOSTS = setting(
    "ALLOWED_HOSTS",
    default=["localhost", "127.0.0.1"],
    cast=list,
    help_text="Host names this site answers to, comma-separated.",
)
CSRF_TRUSTED_ORIGINS = setting(
    "CSRF_TRUSTED_ORIGINS",
    default=[],
    cast=list,
    help_text="Origins trusted for forms behind a proxy, e.g. `https://vh.example.nl`.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "guardian",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "csp",
    "parties",
    "subjects",
    "security",
    "rights",
    "retention",
    "weegploeg",
    "cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.audit.AuditMiddleware",
    "config.api.ApiHeadersMiddleware",
    "config.caching.NoStoreMiddleware",
    "config.api.RefuseNulMiddleware",
    "parties.middleware.AccessMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Form widgets render with the design system's classes (templates/django/forms/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parties.context_processors.acting_as",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url_config(
        setting(
            "DATABASE_URL",
            default="",
            help_text="Database, e.g. `postgres://user:pass@db:5432/vh`. Empty: SQLite in "
            "`DATA_DIR`.",
            group="Services",
        )
        or f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = setting(
    "DATABASE_CONN_MAX_AGE",
    default=0,
    cast=int,
    help_text="Seconds a database connection is kept open between requests.",
    group="Services",
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url_config(
        setting(
            "CACHE_URL",
            default="locmemcache://",
            help_text="Cache, e.g. `redis://redis:6379/1`. Holds no personal data.",
            group="Services",
        )
    )
}

# --- sign-in (S4) -----------------------------------------------------------------------------
AUTH_USER_MODEL = "parties.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "two_factor:login"
OTP_TOTP_ISSUER = "Veiligheidshuis"
TWO_FACTOR_LOGIN_TIMEOUT = 300

SESSION_IDLE_MINUTES = setting(
    "SESSION_IDLE_MINUTES",
    default=15,
    cast=int,
    help_text="A session ends after this many minutes without a request.",
    group="Security",
)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True  # each request pushes the expiry on: an idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = setting(
    "LOCKOUT_FAILURES",
    default=5,
    cast=int,
    help_text="Failed sign-ins after which the user name, and separately the address, is "
    "locked out.",
    group="Security",
)
AXES_COOLOFF_TIME = timedelta(
    minutes=setting(
        "LOCKOUT_MINUTES",
        default=30,
        cast=int,
        help_text="Minutes a lock-out lasts.",
        group="Security",
    )
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "parties.signin.username_from_attempt"
AXES_VERBOSE = False  # its log lines name the user
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# --- cookies and headers ----------------------------------------------------------------------
SECURE_COOKIES = setting(
    "SECURE_COOKIES",
    default=True,
    cast=bool,
    help_text="Send cookies only over HTTPS. Off only for the local demo over plain HTTP.",
    group="Security",
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = setting(
    "HSTS_SECONDS",
    default=31536000,
    cast=int,
    help_text="Strict-Transport-Security max-age, sent on HTTPS responses.",
    group="Security",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_SSL_REDIRECT = setting(
    "SECURE_SSL_REDIRECT",
    default=False,
    cast=bool,
    help_text="Redirect plain HTTP to HTTPS here (usually the proxy in front does this).",
    group="Security",
)
if setting(
    "BEHIND_TLS_PROXY",
    default=False,
    cast=bool,
    help_text="Trust the proxy's `X-Forwarded-Proto` header to tell HTTPS requests.",
    group="Security",
):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # the design system's icons are data URLs
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- audit (S2) -------------------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "security.AuditEntry"
AUDITLOG_MASK_CALLABLE = "config.audit.mask_completely"
AUDITLOG_DISABLE_REMOTE_ADDR = False
# django-auditlog's own migrations create its default table even when the model is swapped,
# which breaks flush (jazzband/django-auditlog#804). Unmigrated, the swapped model gets no table.
MIGRATION_MODULES = {"auditlog": None}
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous user with object permissions
GUARDIAN_RAISE_403 = False

# --- language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

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

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "parties.authentication.PartyTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["parties.permissions.IsVerifiedMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["config.api_input.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "config.api_input.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "config.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Veiligheidshuis API",
    "DESCRIPTION": "REST API of the Veiligheidshuis case-meeting files (NLGov API Design Rules).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Paths relative to `servers` (config.openapi), which names the major version.
    "SCHEMA_PATH_PREFIX_TRIM": True,
    # Request bodies apart from answers: without read-only fields, with what input must meet
    # (a text that may not be blank has `minLength: 1`).
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.adr_postprocessing_hook",
    ],
    # Published to anyone: a wrong token header must not turn the description into a 401.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "weegploeg.constants.AssessmentStatus",
        "PartyRoleEnum": "parties.constants.PartyRole",
        "CaseStatusEnum": "cases.constants.CaseStatus",
        "MeasureStatusEnum": "cases.constants.MeasureStatus",
        "RelatedRoleEnum": "cases.constants.RelatedRole",
    },
}
API_VERSION = SPECTACULAR_SETTINGS["VERSION"]
API_CONTACT_NAME = setting(
    "API_CONTACT_NAME",
    default="Functioneel beheer Veiligheidshuis",
    help_text="Who answers questions about the API: `info.contact` of the OpenAPI document.",
    group="API",
)
API_CONTACT_URL = setting(
    "API_CONTACT_URL",
    default="https://veiligheidshuis.localhost/",
    help_text="Web address of the API's contact (`info.contact.url`).",
    group="API",
)
API_CONTACT_EMAIL = setting(
    "API_CONTACT_EMAIL",
    default="api@veiligheidshuis.localhost",
    help_text="E-mail address of the API's contact (`info.contact.email`).",
    group="API",
)

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = setting(
    "CELERY_BROKER_URL",
    default="filesystem://",
    help_text="Celery broker, e.g. `redis://redis:6379/0`. Empty: a folder in `DATA_DIR`, "
    "no server needed.",
    group="Services",
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue = DATA_DIR / "celery"
    for _folder in ("queue", "processed"):
        (_queue / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue / "queue"),
        "data_folder_out": str(_queue / "queue"),
        "processed_folder": str(_queue / "processed"),
        "store_processed": False,
    }
else:
    # Above the hard time limit, so a running task is never handed to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 50 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 45 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "parties-end-departed-parties": {
        "task": "parties.tasks.end_departed_parties",
        "schedule": crontab(minute=5),
    },
    "parties-resync-user-groups": {
        "task": "parties.tasks.resync_user_groups",
        "schedule": crontab(hour=2, minute=5),
    },
    "weegploeg-resync-permissions": {
        "task": "weegploeg.tasks.resync_permissions",
        "schedule": crontab(hour=2, minute=15),
    },
    "cases-resync-permissions": {
        "task": "cases.tasks.resync_permissions",
        "schedule": crontab(hour=2, minute=25),
    },
}

# --- logging: no personal data in log lines ---------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
ADMINS = []  # error mails would carry request data
