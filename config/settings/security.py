"""Sign-in (S4), sessions and lock-out, cookies and headers, and the audit log (S2)."""

from datetime import timedelta

from csp.constants import NONE, SELF

from config.environment import setting

# --- sign-in (S4) -----------------------------------------------------------------------------
AUTH_USER_MODEL = "parties.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the user read together with their rights (issue 13).
    "parties.backends.MemberBackend",
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
# Saved only when changed, and by `config.sessions.IdleSessionMiddleware` when its last save is
# over a minute old, which pushes the expiry on: an idle timeout without a write per request.
SESSION_ENGINE = "config.sessions"
SESSION_SAVE_EVERY_REQUEST = False
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
# The client's address, from a trusted proxy's header only (issue 13): one client is locked
# out, not everyone behind the load balancer, and no one dodges it with a made-up header.
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
TRUSTED_PROXIES = setting(
    "TRUSTED_PROXIES",
    default=[],
    cast=list,
    help_text="Addresses or ranges (CIDR) of the load balancers in front, comma-separated: only "
    "from these is `X-Forwarded-For` believed, for the lock-out per address and the address "
    "in the audit log. Empty: the connection's address.",
    group="Security",
)

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
# The old values of a change are read through the base manager: a restricted item (R1), which
# its default manager leaves out, is still rectified with its change logged.
AUDITLOG_USE_BASE_MANAGER = True
# django-auditlog's own migrations create its default table even when the model is swapped,
# which breaks flush (jazzband/django-auditlog#804). Unmigrated, the swapped model gets no table.
MIGRATION_MODULES = {"auditlog": None}
ANONYMOUS_USER_NAME = None  # django-guardian: no anonymous user with object permissions
GUARDIAN_RAISE_403 = False
