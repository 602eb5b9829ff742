"""The project, its apps and middleware, the database and the cache."""

import secrets
from pathlib import Path

from config.environment import env, setting

BASE_DIR = Path(__file__).resolve().parent.parent.parent

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
    "django_htmx",
    "parties",
    "subjects",
    "security",
    "rights",
    "retention",
    "insights",
    "weegploeg",
    "cases",
    "elsewhere",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.sessions.IdleSessionMiddleware",
    "config.locale.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.second_factor.SecondFactorMiddleware",  # django-otp's, its query compiled once
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
            # Dates, sorting and query strings of every page, without a {% load %} in each.
            "builtins": ["parties.templatetags.ui"],
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
# Issue 13: a connection kept open between requests saves the connect (and its TLS and
# authentication) on every request; the health check replaces one the database dropped (a
# restart) before a request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = setting(
    "DATABASE_CONN_MAX_AGE",
    default=60,
    cast=int,
    help_text="Seconds a database connection is kept open between requests (0: a new one per "
    "request).",
    group="Services",
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default (issue 13): with SQLite's own settings two people saving at once get
    # "database is locked". WAL lets readers go on while one writes; IMMEDIATE takes the write
    # lock when a transaction starts, so a second writer waits (up to `timeout` seconds) for the
    # first instead of failing on upgrading its read lock, which SQLite cannot wait for.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
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

# A streaming replica for the heavy reads of management information and the reviews
# (config/routers.py, README "Past one machine"); copies the primary's options.
DATABASE_REPLICA_URL = setting(
    "DATABASE_REPLICA_URL",
    default="",
    help_text="A read-only streaming replica of the database, e.g. "
    "`postgres://user:pass@db-replica:5432/vh`: management information and the reviews read "
    "from it. Empty: every read on `DATABASE_URL`.",
    group="Services",
)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **DATABASES["default"],
        **env.db_url_config(DATABASE_REPLICA_URL),
        "TEST": {"MIRROR": "default"},
    }
# Issue 13 (ADR 0035): the query of the user's rights that every request makes before its view
# is planned once per connection, as a prepared statement (`config.compiled`), instead of on
# every request (4 ms of a 11 ms page at national scale). Every other query binds on the client
# and is never prepared. Off behind a PgBouncer older than 1.21, or one without
# `max_prepared_statements`, which cannot keep a prepared statement in transaction mode.
DATABASE_PREPARED_STATEMENTS = setting(
    "DATABASE_PREPARED_STATEMENTS",
    default=True,
    cast=bool,
    help_text="Prepare the query of the user's rights once per PostgreSQL connection. Set to "
    "`false` behind a PgBouncer in transaction mode older than 1.21 or without "
    "`max_prepared_statements`.",
    group="Services",
)
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and DATABASE_PREPARED_STATEMENTS:
        # psycopg prepares nothing while this is None (Django's default); with a number, only
        # a cursor that binds on the server prepares, and only `config.compiled` makes one.
        _database["OPTIONS"] = {"prepare_threshold": 5, **_database.get("OPTIONS", {})}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
