"""thidua settings: one file, read from environment variables.

Every variable is listed with its default in README.md ("Cấu hình / Configuration").
Defaults let `make run` and the test suite start with no configuration at all.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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


DEBUG = envbool("THIDUA_DEBUG", "False")
DATA_DIR = Path(os.environ.get("THIDUA_DATA_DIR", BASE_DIR / "data"))
PRODUCTION = os.environ.get("THIDUA_ENV", "development") == "production"
# Public, so good for the demo only: production refuses it.
DEVELOPMENT_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = envsecret("THIDUA_SECRET_KEY")
if PRODUCTION and SECRET_KEY in ("", DEVELOPMENT_KEY):  # even with THIDUA_DEBUG on
    raise ImproperlyConfigured("THIDUA_SECRET_KEY must be set in production")
SECRET_KEY = SECRET_KEY or DEVELOPMENT_KEY
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
    "api",
    "demo",
]

MIDDLEWARE = [
    "lib.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lib.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
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
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.InstallationAdminBackend",  # admin permissions follow the system administrator role
]

# Failed-login lockout (django-axes): THIDUA_LOGIN_FAILURE_LIMIT failures lock the username+IP pair.
AXES_FAILURE_LIMIT = envint("THIDUA_LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("THIDUA_LOGIN_COOLOFF_MINUTES", "30") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Two-factor authentication: required for administrators and the secretariat in production.
THIDUA_REQUIRE_2FA = envbool("THIDUA_REQUIRE_2FA", "True" if PRODUCTION else "False")
OTP_TOTP_ISSUER = "thidua"

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

# Background work: Django Tasks API with the database backend; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": os.environ.get("THIDUA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

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

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_AGE = envint("THIDUA_SESSION_HOURS", "10") * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("THIDUA_HSTS_SECONDS", "31536000")

NINJA_PAGINATION_PER_PAGE = 50
API_PAGE_MAX = 200

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
