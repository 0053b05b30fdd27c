"""The platform's one settings module, driven by environment variables.

Every value comes from the environment through the typed helpers below, which fail loudly on a
value they cannot read. With `DEBUG` off the platform refuses to start without `SECRET_KEY` and
`ALLOWED_HOSTS`; with no `DATABASE_URL` it uses SQLite under `var/`.
"""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WSCO_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable `name`, or `default`; fail when neither is there."""
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return the variable `name` read as a boolean (1/0, true/false, yes/no, on/off)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true or false).")


def env_int(name: str, default: int) -> int:
    """Return the variable `name` read as a whole number."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_float(name: str, default: float) -> float:
    """Return the variable `name` read as a number."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number.") from None


def env_decimal(name: str, default: str) -> Decimal:
    """Return the variable `name` read as an exact decimal number (money, rates)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        raw = default
    try:
        return Decimal(raw.strip())
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a decimal number.") from None


def env_list(name: str, default: str = "") -> list[str]:
    """Return the variable `name` read as a comma-separated list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Return a Django DATABASES entry for a `postgres://` or `sqlite:///` URL."""
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "wsco",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # A new PostgreSQL connection costs ~9 ms a request: keep them.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if parts.scheme == "sqlite":
        return sqlite_database(Path(unquote(parts.path)))
    raise ImproperlyConfigured(
        f"DATABASE_URL has the scheme {parts.scheme!r}; use postgres:// or sqlite:///."
    )


def sqlite_database(path: Path) -> dict:
    """Return a DATABASES entry for the SQLite file at `path` (creating its folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        # A new connection reads the whole schema at its first query: ~2.5 ms a request.
        "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets the task worker write while the web server reads; IMMEDIATE avoids
            # "database is locked" when a read transaction later wants to write.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DEBUG = env_bool("DEBUG", False)
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-local-development-key-" + "x" * 40)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")
else:
    if not os.environ.get("SECRET_KEY"):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set DEBUG=true for local development, or SECRET_KEY and "
            "ALLOWED_HOSTS for production."
        )
    SECRET_KEY = env_str("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS is not set (a comma-separated list of hosts).")

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # The platform's apps come before allauth so that their templates override allauth's.
    "wsco.core",
    "wsco.accounts",
    "wsco.notifications",
    "wsco.members",
    "wsco.audits",
    "wsco.groups",
    "wsco.standards",
    "wsco.publications",
    "wsco.network",
    "wsco.projects",
    "wsco.certificates",
    "wsco.courses",
    "wsco.awards",
    "wsco.events",
    # Before django_tasks_db: its `db_worker` and `prune_db_task_results` take the place of the
    # library's commands of those names (docs/tasks.md).
    "wsco.tasks",
    "allauth",
    "allauth.account",
    "django_countries",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "wsco.core.structured_logs.RequestIdMiddleware",
    # Next, so that it sees every error the others answer: under /api/ they become JSON.
    "wsco.core.api_errors.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "wsco.urls"
WSGI_APPLICATION = "wsco.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wsco.core.context_processors.site",
                "wsco.notifications.context_processors.notification_bell",
            ],
        },
    }
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": sqlite_database(VAR_DIR / "wsco.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in rate limits and cached pages live in the cache, so every process must share it:
# Redis when configured, else a table of the database (made by the core app's migrations).
# `check --deploy` refuses a cache kept in one process's memory (wsco/core/checks.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "wsco.core.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    # A signed-in request reads its session from Redis; it is written to the database as
    # well, so a restart of Redis signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wsco_cache",
            # Past this many entries Django deletes a third of them, rate-limit counts too:
            # high enough that no flood of sign-in attempts can push the counts out.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 50_000)},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:home"
SITE_ID = 1

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[WSCO] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "wsco.accounts.adapter.AccountAdapter"
# allauth's own limits: failed logins per IP and per account, sign-ups, resets, confirmations.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ro", _("Romanian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Bucharest"
USE_I18N = True
USE_TZ = True
# One date, time and number format per kind and language: templates name them, never write them.
FORMAT_MODULE_PATH = ["wsco.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing folder.
# Uploaded files are served by wsco.core.views.serve_file, which asks the owning app who may read
# each one (docs/files.md): the front server must not serve MEDIA_ROOT itself.
MEDIA_URL = "/files/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "WSCO <secretariat@wsco.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A running task's lease: its worker renews it every third of this; a task whose lease ran out
# is run again, up to TASKS_MAX_ATTEMPTS starts, then failed (docs/tasks.md).
TASKS_LEASE_SECONDS = env_int("TASKS_LEASE_SECONDS", 60)
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 3)
if TASKS_LEASE_SECONDS < 1 or TASKS_MAX_ATTEMPTS < 1:
    raise ImproperlyConfigured("TASKS_LEASE_SECONDS and TASKS_MAX_ATTEMPTS must be at least 1.")

# Content Security Policy: no inline scripts or styles anywhere.
from wsco.courses.videos import FRAME_SOURCES as COURSE_VIDEO_FRAME_SOURCES  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Lessons embed videos from these players only (wsco/courses/videos.py).
        "frame-src": list(COURSE_VIDEO_FRAME_SOURCES),
    }
}

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health report over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One JSON object a line in production (wsco/core/structured_logs.py), text in development.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "wsco.core.structured_logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "wsco.core.structured_logs.JsonFormatter"},
        "text": {"()": "wsco.core.structured_logs.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own console handler would print its records a second time, unformatted.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL}},
}

# Errors go to Sentry when a DSN is given (wsco/core/error_reporting.py); nothing loads without.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    from wsco.core.error_reporting import start_error_reporting

    start_error_reporting(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
        release=env_str("SENTRY_RELEASE", ""),
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )

# The platform's own knobs.
MEMBERS_PAGE_SIZE = 20
# How long a cached page (wsco.core.page_cache) may live; a change to its data ends it sooner.
# On by default with Redis only: from the database cache each page would cost a query and a write.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)
# What each process keeps of the pages it served, in bytes of content (wsco.core.near_cache).
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 32 * 1024 * 1024)
# /health/ answers 503 once a task ready to run has waited longer than this.
HEALTH_TASK_QUEUE_MAX_AGE_SECONDS = env_int("HEALTH_TASK_QUEUE_MAX_AGE_SECONDS", 300)
MEMBERSHIP_REMINDER_DAYS = (30, 0, -30)
UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # Pictures, before they are re-encoded.
UPLOAD_MAX_DOCUMENT_BYTES = env_int("UPLOAD_MAX_DOCUMENT_BYTES", 50 * 1024 * 1024)  # PDFs.
# An audit's evidence (PDF, pictures, XLSX, CSV), and what an XLSX workbook may unzip to (a
# bound against zip bombs: a few kilobytes can unzip to gigabytes).
UPLOAD_MAX_EVIDENCE_BYTES = env_int("UPLOAD_MAX_EVIDENCE_BYTES", 20 * 1024 * 1024)
UPLOAD_MAX_UNZIPPED_BYTES = env_int("UPLOAD_MAX_UNZIPPED_BYTES", 100 * 1024 * 1024)
# A filled-in audit template of more rows than this is imported by a task, with a progress bar.
AUDITS_IMPORT_TASK_ROWS = env_int("AUDITS_IMPORT_TASK_ROWS", 1000)
# How long browsers and proxies keep a file anyone may read (a day: unpublishing takes effect
# within it); files that need a sign-in are never kept by proxies.
FILES_PUBLIC_MAX_AGE = env_int("FILES_PUBLIC_MAX_AGE", 86400)
# With nginx in front: the internal location that serves MEDIA_ROOT (e.g. "/internal-files/"),
# so that the bytes of a file leave through nginx once Django has checked who asks.
FILES_X_ACCEL_REDIRECT = env_str("FILES_X_ACCEL_REDIRECT", "")
# What the PDF renderer may read for one file it embeds, and for one whole document.
PDF_FETCH_MAX_BYTES = env_int("PDF_FETCH_MAX_BYTES", 10 * 1024 * 1024)
PDF_FETCH_MAX_TOTAL_BYTES = env_int("PDF_FETCH_MAX_TOTAL_BYTES", 100 * 1024 * 1024)
# The organization's details on payment instructions and invoices (docs/payments.md). A
# development server shows made-up details so that the pages and PDFs look whole; production
# shows only what is set.
WSCO_LEGAL_NAME = env_str(
    "WSCO_LEGAL_NAME", "World's Smart Cities Organization" if DEBUG else "WSCO"
)
WSCO_ADDRESS = env_str("WSCO_ADDRESS", "1 Demo Street, 010101 Bucharest, Romania" if DEBUG else "")
WSCO_VAT_ID = env_str("WSCO_VAT_ID", "RO00000000" if DEBUG else "")
WSCO_BANK_NAME = env_str("WSCO_BANK_NAME", "Demo Bank" if DEBUG else "")
WSCO_IBAN = env_str("WSCO_IBAN", "RO49AAAA1B31007593840000" if DEBUG else "")
WSCO_BIC = env_str("WSCO_BIC", "AAAAROBU" if DEBUG else "")
# The VAT rate in percent included in every fee ("0": the association charges no VAT).
WSCO_VAT_RATE = env_decimal("WSCO_VAT_RATE", "21" if DEBUG else "0")
# Invoices are numbered <prefix>-<year>-<six digits>, in one sequence a year without gaps.
WSCO_INVOICE_PREFIX = env_str("WSCO_INVOICE_PREFIX", "WSCO")
# At most this many introduction requests a member may send in any 7 days (not counting accepted).
NETWORK_WEEKLY_REQUEST_LIMIT = env_int("NETWORK_WEEKLY_REQUEST_LIMIT", 10)
# The matching index, shared by the task worker and the web workers of one machine.
NETWORK_INDEX_PATH = Path(
    os.environ.get("NETWORK_INDEX_PATH", VAR_DIR / "network" / "matching-index.npz")
)
