"""thidua settings: one file, read from environment variables.

Every variable is listed with its default in README.md ("Cấu hình / Configuration").
Defaults let `make run` and the test suite start with no configuration at all.
"""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from thidua.secretkey import installation_key

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value not in ("True", "False", "true", "false", "1", "0"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value in ("True", "true", "1")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envsecret(name: str, default: str = "") -> str:
    """Read NAME, or the content of the file named by NAME_FILE (Docker/systemd secrets)."""
    if path := os.environ.get(f"{name}_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envheader(name: str, example: str) -> str:
    """NAME as an HTTP header name (e.g. `example`), or "" when unset."""
    header = os.environ.get(name, "")
    if header and not re.fullmatch(r"[A-Za-z0-9-]+", header):
        raise ImproperlyConfigured(f"{name} must be a header name such as {example}, not {header!r}")
    return header


def proxy_header(name: str) -> tuple[str, str] | None:
    """The header the HTTPS proxy sets to "https" (e.g. X-Forwarded-Proto), named by NAME; unset: none."""
    header = envheader(name, "X-Forwarded-Proto")
    return ("HTTP_" + header.upper().replace("-", "_"), "https") if header else None


DEBUG = envbool("THIDUA_DEBUG", "False")
DATA_DIR = Path(os.environ.get("THIDUA_DATA_DIR", BASE_DIR / "data"))
PRODUCTION = os.environ.get("THIDUA_ENV", "development") == "production"
# The configured key, else the installation's own, generated once into DATA_DIR/secret_key (owner only), in
# every mode: no key written in the repository is ever used. Several servers must share one configured key.
SECRET_KEY = envsecret("THIDUA_SECRET_KEY") or installation_key(DATA_DIR)
ALLOWED_HOSTS = os.environ.get("THIDUA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
# The address people reach thidua at, for links in e-mails; by default the port `make run` serves on.
THIDUA_SITE_URL = os.environ.get("THIDUA_SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("THIDUA_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "thidua.apps.ThiduaAdminConfig",  # django.contrib.admin, open to the installation's administrators
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the public portal's sitemap.xml
    "django.contrib.postgres",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    # thidua: data apps, then interface apps
    "activity",
    "workdays",
    "organisations",
    "people",
    "accounts",
    "documents",
    "dissemination",
    "notifications",
    "workflows",
    "awards",
    "movements",
    "achievements",
    "nominations",
    "council",
    "decisions",
    "publishing",
    "api",
    "portal",
    "demo",
    "backups",  # `manage.py backup` and `restore`
]

MIDDLEWARE = [
    "lib.requestid.RequestIdMiddleware",
    "lib.clientip.ClientIpMiddleware",  # the client's address, for the activity log and the rate limits
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lib.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "activity.security.DeniedChangeMiddleware",  # a refused (403) POST/PUT/PATCH/DELETE goes in the log
    "lib.ratelimit.RateLimitMiddleware",  # 429 over THIDUA_RATE_LIMITS, counted per account and per address
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",  # after messages: it says why the session ended
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "lib.utf8.RefuseInvalidUtf8Middleware",  # last, before any view reads the request: 400 for text not UTF-8
    "portal.middleware.PortalMiddleware",  # which public portal (host or /<slug>/): after the others
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Forms render with the project's templates, so templates/django/forms/ may override a widget's
# (the "— chọn —" placeholder of every select).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.scope",
                "notifications.context_processors.inbox",
            ],
        },
    }
]

# Database: SQLite file under DATA_DIR by default (WAL mode), PostgreSQL when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("THIDUA_DB_CONN_MAX_AGE", "60"))
    }
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "thidua.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Passwords: at least THIDUA_PASSWORD_MIN_LENGTH characters, not in the shipped list of common and breached
# passwords (accounts/passwords/, no network), not like the username or names, not only digits; messages in
# Vietnamese (accounts.validators).
THIDUA_PASSWORD_MIN_LENGTH = envint("THIDUA_PASSWORD_MIN_LENGTH", "12")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.MinimumLengthValidator"},
    {"NAME": "accounts.validators.CommonPasswordValidator"},
    {"NAME": "accounts.validators.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.InstallationAdminBackend",  # admin permissions follow the system administrator role
]

# Failed-login lockout (django-axes), counted over the cool-off period: THIDUA_LOGIN_FAILURE_LIMIT failures
# for one username from any addresses lock that username; THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT failures from one
# address for any usernames lock that address (accounts.lockout); the address is lib.clientip's.
AXES_FAILURE_LIMIT = envint("THIDUA_LOGIN_FAILURE_LIMIT", "5")
THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT = envint("THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
AXES_COOLOFF_TIME = envint("THIDUA_LOGIN_COOLOFF_MINUTES", "30") / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "lib.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"  # templates/accounts/locked_out.html, 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor authentication, required in production for every role that reads other people's records
# (accounts.roles.TWO_FACTOR_ROLES). A first device is enrolled only with an administrator's invitation code,
# valid THIDUA_2FA_INVITATION_HOURS; a new device only after a code from the confirmed one.
THIDUA_REQUIRE_2FA = envbool("THIDUA_REQUIRE_2FA", "True" if PRODUCTION else "False")
THIDUA_2FA_INVITATION_HOURS = envint("THIDUA_2FA_INVITATION_HOURS", "72")
OTP_TOTP_ISSUER = "thidua"

# API tokens expire: their owner chooses 30, 90, 180 or 365 days, at most THIDUA_API_TOKEN_MAX_DAYS.
THIDUA_API_TOKEN_MAX_DAYS = envint("THIDUA_API_TOKEN_MAX_DAYS", "365")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["thidua.formats"]
TIME_ZONE = os.environ.get("THIDUA_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"  # never served directly: files go through access-checked views
MAX_UPLOAD_BYTES = envint("THIDUA_MAX_UPLOAD_MB", "10") * 1024 * 1024
# Days before a registration deadline on which units that have not submitted are reminded.
THIDUA_REGISTRATION_REMINDER_DAYS = os.environ.get("THIDUA_REGISTRATION_REMINDER_DAYS", "7,3,1")
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

# Background work: Django Tasks API with the database backend; `manage.py run_worker` runs it. A worker renews
# a lease while it lives; the tasks of a worker whose lease has expired are run again by another, at most
# THIDUA_TASK_MAX_ATTEMPTS times (an e-mail the server refused or did not take in EMAIL_TIMEOUT seconds too).
TASKS = {"default": {"BACKEND": os.environ.get("THIDUA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
THIDUA_TASK_LEASE_SECONDS = envint("THIDUA_TASK_LEASE_SECONDS", "60")
THIDUA_TASK_MAX_ATTEMPTS = envint("THIDUA_TASK_MAX_ATTEMPTS", "5")
EMAIL_TIMEOUT = envint("THIDUA_EMAIL_TIMEOUT", "20")

# Production sends by SMTP; elsewhere (the demo) every e-mail is a file in the outbox, never the console.
EMAIL_BACKEND = os.environ.get(
    "THIDUA_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = Path(os.environ.get("THIDUA_EMAIL_FILE_PATH", DATA_DIR / "outbox"))
EMAIL_HOST = os.environ.get("THIDUA_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("THIDUA_EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("THIDUA_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("THIDUA_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("THIDUA_EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = os.environ.get("THIDUA_DEFAULT_FROM_EMAIL", "thidua@localhost")

# Content-Security-Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# HTTPS whenever debug is off: Secure cookies, and HSTS on every HTTPS response. Browsers keep Secure cookies
# from http://127.0.0.1 and http://localhost too (loopback counts as a secure origin), so `make run` signs in
# over plain HTTP; any other address must be served over HTTPS. The proxy header is trusted only when named.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION or not DEBUG
# Sessions end THIDUA_SESSION_HOURS after the login, or after THIDUA_SESSION_IDLE_MINUTES without a request
# (0: no idle limit) — accounts.middleware.SessionTimeoutMiddleware; API bearer tokens have no session.
SESSION_COOKIE_AGE = envint("THIDUA_SESSION_HOURS", "10") * 3600
THIDUA_SESSION_IDLE_MINUTES = envint("THIDUA_SESSION_IDLE_MINUTES", "30")
# Sessions are read from the cache (CACHES below) and written through to the database: no query per request
# for the session once it is cached; a session evicted from the cache is read from the database again.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = envint("THIDUA_HSTS_SECONDS", "31536000") if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("THIDUA_HSTS_INCLUDE_SUBDOMAINS", "True")
SECURE_HSTS_PRELOAD = envbool("THIDUA_HSTS_PRELOAD", "True")
SECURE_SSL_REDIRECT = envbool("THIDUA_SSL_REDIRECT", "True" if PRODUCTION else "False")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's and bin/run's probe, over plain HTTP
SECURE_PROXY_SSL_HEADER = proxy_header("THIDUA_PROXY_SSL_HEADER")

# Backups (`manage.py backup` / `restore`, the backups app): one folder per backup in THIDUA_BACKUP_DIR with
# the database dump (django-dbbackup's connectors, corrected in backups/connectors.py), the media files and a
# manifest of checksums.
THIDUA_BACKUP_DIR = Path(os.environ.get("THIDUA_BACKUP_DIR", DATA_DIR / "backups"))
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "backups.connectors.SqliteConnector",
    "django.db.backends.postgresql": "backups.connectors.PostgresConnector",
}

NINJA_PAGINATION_PER_PAGE = 50
API_PAGE_MAX = 200
# Long lists count their rows only this far (lib/counting.py): "hơn 10.000 văn bản", pages up to it. A
# search counts its matches up to SEARCH_RANK_LIMIT: that many are ranked by relevance; more ("hơn 1.000 văn
# bản") are shown the latest first (documents/search.py).
LIST_COUNT_CAP = envint("THIDUA_LIST_COUNT_CAP", "10000")
SEARCH_RANK_LIMIT = envint("THIDUA_SEARCH_RANK_LIMIT", "1000")

# --- Client address, cache and rate limits (lib/clientip.py, lib/ratelimit.py) ---
# The header the trusted reverse proxy sets to the client's address (X-Forwarded-For, X-Real-IP): its
# right-most address is the client's. Empty (the default): REMOTE_ADDR, for a thidua reached directly. The
# address goes in every activity log row, the rate limits and the sign-in lockout.
THIDUA_CLIENT_IP_HEADER = envheader("THIDUA_CLIENT_IP_HEADER", "X-Forwarded-For")
# The cache holds the rate limits' counters, the sessions, the accounts' scopes and the inbox counts (kept
# until what they were computed from changes: lib/cacheversions.py): Redis (THIDUA_CACHE_URL, e.g.
# redis://127.0.0.1:6379/1) when there are several application servers — they must share it, or a change
# made through one server would not reach the others' cache —, else files under DATA_DIR shared by one
# machine's workers.
CACHE_URL = os.environ.get("THIDUA_CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
# The public portal's pages (portal/cache.py) apart: visitors' searches, each a page of its own, cannot push
# the sessions and the rate limits' counters out of the default cache.
CACHES["portal"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "portal"}
    if CACHE_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "portal-cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
)


def envrate(name: str, default: str) -> tuple[int, int] | None:
    """NAME as "requests/seconds" (e.g. "120/60"), or "off"."""
    value = os.environ.get(name, default).strip()
    if value.lower() == "off":
        return None
    requests, _slash, seconds = value.partition("/")
    if not (requests.isdigit() and seconds.isdigit() and int(requests) > 0 and int(seconds) > 0):
        raise ImproperlyConfigured(f'{name} must be "requests/seconds" such as 120/60, or off, not {value!r}')
    return int(requests), int(seconds)


# Requests per window, per signed-in account (or API token) and per client address;
# THIDUA_RATE_LIMIT_<BUCKET>_USER and _ADDRESS override them ("off": no limit). Over the limit: 429 with
# Retry-After (lib/ratelimit.py). Login counts the sign-in form's POSTs (django-axes locks failing usernames).
RATE_LIMIT_DEFAULTS = {
    "api": {"user": "120/60", "address": "300/60"},
    "login": {"address": "30/300"},
    "render": {"user": "30/60", "address": "60/60"},  # PDF and DOCX
    "export": {"user": "10/60", "address": "30/60"},  # spreadsheets
    "verify": {"address": "30/60"},  # the public verification of certificates (/xac-minh/)
    "comment": {"address": "5/600"},  # comments sent on the portal's consultations (/lay-y-kien/)
}
THIDUA_RATE_LIMITS = {
    bucket: {
        who: limit
        for who, default in defaults.items()
        if (limit := envrate(f"THIDUA_RATE_LIMIT_{bucket.upper()}_{who.upper()}", default))
    }
    for bucket, defaults in RATE_LIMIT_DEFAULTS.items()
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "lib.requestid.RequestIdFilter"},
        "client_error_one_line": {"()": "thidua.logfilters.ClientErrorOnOneLine"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("THIDUA_LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint narrates every step of every PDF at INFO; its warnings (missing glyphs, bad CSS) show.
        "weasyprint.progress": {"level": "WARNING"},
        # A refused request (403, 400) is one line — method, path, account, reason — not a traceback.
        "django.request": {"filters": ["client_error_one_line"]},
    },
}
