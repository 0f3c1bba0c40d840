"""Settings, read strictly from environment variables.

SOPAP_SECRET_KEY     required, unless SOPAP_DEMO=1 or a test run (then the development key written below is used)
                     or SOPAP_DEBUG=1 (then a random key kept in $SOPAP_DATA_DIR/debug-secret-key)
SOPAP_DEBUG          "1" turns on Django's debug pages
SOPAP_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
SOPAP_DATABASE_URL   postgresql://user:password@host:port/dbname; absent: SQLite in the data directory
SOPAP_DATA_DIR       where the SQLite database and stored files live (default: ./var)
SOPAP_STORAGE_BUCKET an S3-compatible bucket for stored files instead of $SOPAP_DATA_DIR/files, with
                     SOPAP_STORAGE_ENDPOINT_URL, SOPAP_STORAGE_REGION, SOPAP_STORAGE_ACCESS_KEY and
                     SOPAP_STORAGE_SECRET_KEY
SOPAP_PUBLIC_URL     the site's public address (https://sop.example.go.id), printed with a QR code on every decreed
                     SOP's PDF as the start of its verification address (default: http://127.0.0.1:8000)
SOPAP_MAX_UPLOAD_MB  the largest request body accepted, in MB (default 5); a larger one gets 413 unread
SOPAP_SERVE_STATIC   "0" leaves /static/ to a front server (default: the application serves it)
SOPAP_MIGRATE_ON_START  "1" makes `sopap serve` migrate the database before it starts (behind a lock)

The README's table "Pengaturan / Settings" lists every variable, `sopap serve`'s own included.

Production (neither SOPAP_DEBUG nor SOPAP_DEMO) sends cookies with Secure; behind HTTPS also set:
SOPAP_SSL_REDIRECT   "1" redirects every http:// request to https://
SOPAP_HSTS_SECONDS   max-age of Strict-Transport-Security (default 0: no header); 31536000 once HTTPS works
SOPAP_HSTS_SUBDOMAINS  "0" leaves includeSubDomains and preload out of that header, for a host whose
                     subdomains do not all serve HTTPS (default: both in)
SOPAP_BEHIND_PROXY   "1" behind one reverse proxy that sets X-Forwarded-Proto and appends X-Forwarded-For
                     (then the client's address, for login throttling, is the last X-Forwarded-For entry)
SOPAP_CSRF_TRUSTED_ORIGINS  comma-separated origins allowed to post forms (https://sop.example.go.id)
SOPAP_SECURE_COOKIES "0" sends the session and CSRF cookies over plain HTTP too; "1" forces Secure
SOPAP_ADMIN_SITE     "0" unmounts Django's admin site at /admin/ (default: mounted, for staff accounts only)
SOPAP_EMAIL_HOST, SOPAP_EMAIL_PORT, SOPAP_EMAIL_USER, SOPAP_EMAIL_PASSWORD, SOPAP_EMAIL_TLS, SOPAP_EMAIL_SSL,
SOPAP_EMAIL_FROM     the SMTP server of the daily digest (default: mails printed on standard output)
SOPAP_PUBLIC_URL     the site's address, which the links in a mail start with (default http://127.0.0.1:8000)
SOPAP_API_RATE_TOKEN, SOPAP_API_RATE_ANONYMOUS  the JSON API's requests per minute per token (default 600)
                     and per client address without one (default 120)
SOPAP_SERTIFIKAT, SOPAP_SERTIFIKAT_SANDI  the agency's PKCS#12 file and its passphrase, which sign what no
                     uploaded certificate covers (docs/signatures.md)
SOPAP_SERTIFIKAT_KUNCI  the secret the uploaded certificates are encrypted with (default: derived from
                     SOPAP_SECRET_KEY)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return value in {"1", "true", "yes", "on"} if value else default


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a number, got {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name}: expected a number of at least 0, got {raw!r}")
    return value


DEBUG = _flag("SOPAP_DEBUG")
DEMO = _flag("SOPAP_DEMO")
# mypy's Django plugin imports these settings to type the models; it serves nothing.
TESTING = bool(os.environ.get("PYTEST_VERSION")) or "mypy" in sys.modules
# The production server (`sopap serve`): neither debugging, nor the demo, nor a test run.
PRODUCTION = not (DEBUG or DEMO or TESTING)

DATA_DIR = Path(os.environ.get("SOPAP_DATA_DIR") or "var").resolve()

# The key written here is public (it is in the source code): only the demo and the tests may sign with it.
DEVELOPMENT_SECRET_KEY = "sopap-development-key-do-not-use-in-production-0123456789abcdef"
DEBUG_SECRET_KEY_FILE = "debug-secret-key"


def _debug_secret_key() -> str:
    """SOPAP_DEBUG=1 without a key: a random one made once and kept in the data directory (readable by its
    owner only), so that the development server keeps its sessions across restarts without the public key."""
    import secrets

    path = DATA_DIR / DEBUG_SECRET_KEY_FILE
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = os.environ.get("SOPAP_SECRET_KEY", "").strip()
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not (DEMO or TESTING):
    raise ImproperlyConfigured(
        "SOPAP_SECRET_KEY holds the development key written in the source code; set a random secret one "
        "(see docs/deployment.md)"
    )
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SOPAP_SECRET_KEY is required (or set SOPAP_DEBUG=1 for development)")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY if (DEMO or TESTING) else _debug_secret_key()

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("SOPAP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

# Printed on paper: a decreed SOP's PDF keeps the address it was drawn with, so set it before the first decree;
# the links in a mail start with it too.
PUBLIC_URL = (os.environ.get("SOPAP_PUBLIC_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")
if urlparse(PUBLIC_URL).scheme not in {"http", "https"} or not urlparse(PUBLIC_URL).netloc:
    raise ImproperlyConfigured(
        f"SOPAP_PUBLIC_URL: {PUBLIC_URL!r} is not an address; write the scheme and the host, "
        "e.g. https://sop.example.go.id"
    )


# Electronic signatures (docs/signatures.md): the PKCS#12 file of the environment signs for every PD that has
# no certificate uploaded; the uploaded ones are kept encrypted with a key derived from SIGNING_KEY.
SIGNING_CERTIFICATE = os.environ.get("SOPAP_SERTIFIKAT", "").strip()
SIGNING_PASSPHRASE = os.environ.get("SOPAP_SERTIFIKAT_SANDI", "")
SIGNING_KEY = os.environ.get("SOPAP_SERTIFIKAT_KUNCI", "").strip() or SECRET_KEY


def _database(url: str | None) -> dict[str, object]:
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock when a transaction
        # starts, so concurrent writers queue (up to the timeout) instead of failing mid-transaction with
        # "database is locked".
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "sopap.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;",
            },
            # Tests run on a file too (not Django's shared in-memory database), so that a live server's
            # threads have connections of their own and meet the same locking as production.
            "TEST": {"NAME": str(DATA_DIR / "test-sopap.sqlite3")},
        }
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"SOPAP_DATABASE_URL: unsupported scheme {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")),
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        # A server that does not answer (a dropped packet, not a refusal) fails a request, and /healthz,
        # within seconds instead of holding a worker until gunicorn kills it.
        "OPTIONS": {"connect_timeout": 5},
    }


DATABASES = {"default": _database(os.environ.get("SOPAP_DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks_db",
    # django-ninja's templates and static files: /api/docs serves Swagger UI from /static/, as the CSP wants.
    "ninja",
    "sopap.web.shared",
    "sopap.web.jobs",
    "sopap.web.organisations",
    "sopap.web.authoring",
    "sopap.web.workflow",
    "sopap.web.catalog",
    "sopap.web.inventory",
    "sopap.web.monitoring",
    "sopap.web.dashboards",
    "sopap.web.books",
    "sopap.web.importing",
]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The application serves /static/ itself unless a front server takes it over (SOPAP_SERVE_STATIC=0).
SERVE_STATIC = _flag("SOPAP_SERVE_STATIC", default=True)
# In production the files are collected (`sopap serve` does it on start) under names carrying a hash of their
# content, so WhiteNoise can let browsers keep them for a year; a changed file gets a new name. The demo and
# the tests serve the source files as they are, through Django's own view, with nothing to collect.
HASHED_STATIC = PRODUCTION


def _file_storage() -> dict[str, Any]:
    """Where stored files go (rendered downloads, job results): the data directory, or an S3-compatible
    bucket when SOPAP_STORAGE_BUCKET names one (django-storages; boto3 must then be installed). The key
    and secret may instead come from boto3's own places (AWS_* variables, an instance role)."""
    bucket = os.environ.get("SOPAP_STORAGE_BUCKET", "").strip()
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(DATA_DIR / "files")},
        }
    options: dict[str, object] = {
        "bucket_name": bucket,
        # Objects stay private: a download goes through the application, which checks who may have it.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for variable, option in (
        ("SOPAP_STORAGE_ENDPOINT_URL", "endpoint_url"),
        ("SOPAP_STORAGE_REGION", "region_name"),
        ("SOPAP_STORAGE_ACCESS_KEY", "access_key"),
        ("SOPAP_STORAGE_SECRET_KEY", "secret_key"),
    ):
        if value := os.environ.get(variable, "").strip():
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES: dict[str, dict[str, Any]] = {
    "default": _file_storage(),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if HASHED_STATIC
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Background work (django.tasks): rows in the database, run by `sopap worker` on any machine that reaches
# it, so a job survives a restart and a web node never waits for one; `sopap demo` runs the same worker
# in a thread of its own process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    # First: a probe asks by the loopback address over plain HTTP, which the host check and the HTTPS
    # redirect below would refuse.
    "sopap.web.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if HASHED_STATIC and SERVE_STATIC else []),
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sopap.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Nothing above reads the request body (CSRF reads the form only when the view is called), and from
    # here the refusal page has the user, the language and a valid CSRF cookie for its forms.
    "sopap.web.middleware.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes turns a refused login into the lockout page; it wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sopap.web.urls"
CSRF_FAILURE_VIEW = "sopap.web.error_pages.csrf_failure"
WSGI_APPLICATION = "sopap.web.wsgi.application"

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
                "sopap.web.organisations.context.roles",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "organisations:login"
LOGIN_REDIRECT_URL = "tasks"  # the home of a logged-in user: what waits for them
LOGOUT_REDIRECT_URL = "catalog:index"

# ------------------------------------------------------------------------------------------- security
# The demo and development server speak plain HTTP (on a LAN address too, `sopap demo --host 0.0.0.0`),
# where browsers drop Secure cookies; production never sends them in clear.
SESSION_COOKIE_SECURE = _flag("SOPAP_SECURE_COOKIES", default=not (DEBUG or DEMO))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"


def _origins(name: str) -> list[str]:
    # Django compares the whole origin, scheme included: `sop.example.go.id` alone would match no request,
    # and every form posted from it would be refused, so it is refused here, by name, at the start.
    origins = [o.strip().rstrip("/") for o in os.environ.get(name, "").split(",") if o.strip()]
    for origin in origins:
        parsed = urlparse(origin)
        if parsed.scheme not in {"http", "https"} or not parsed.netloc or parsed.path or parsed.query:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write the scheme and the host, e.g. https://sop.example.go.id"
            )
    return origins


CSRF_TRUSTED_ORIGINS = _origins("SOPAP_CSRF_TRUSTED_ORIGINS")
SECURE_SSL_REDIRECT = _flag("SOPAP_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(_number("SOPAP_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("SOPAP_HSTS_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = SECURE_HSTS_INCLUDE_SUBDOMAINS
BEHIND_PROXY = _flag("SOPAP_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's admin site at /admin/: staff accounts only (`python -m sopap.web createsuperuser`; the app's own
# account pages never make one). It is where a superuser reads the append-only logs as stored and corrects the
# organisation tree between two `sopap org-import`s; "0" unmounts it (docs/deployment.md).
ADMIN_SITE = _flag("SOPAP_ADMIN_SITE", default=True)


def _svg_style_hash() -> str:
    # The inline flowchart SVG carries one constant <style>; allowing exactly it by its hash keeps
    # 'unsafe-inline' out of style-src.
    import base64
    import hashlib

    from sopap.core.renderers.svg_style import STYLESHEET

    return "'sha256-" + base64.b64encode(hashlib.sha256(STYLESHEET.encode()).digest()).decode() + "'"


# No inline script, no style attribute, no eval: scripts and styles come from /static/ only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, _svg_style_hash()],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Request bodies: refused above the cap before anything reads them (sopap.web.middleware); below it, form
# fields are parsed in memory up to the same cap and files over FILE_UPLOAD_MAX_MEMORY_SIZE go to disk.
MAX_UPLOAD_BYTES = int(_number("SOPAP_MAX_UPLOAD_MB", 5) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = min(MAX_UPLOAD_BYTES, 2 * 1024 * 1024)

# Login throttling (django-axes): five failures lock the account for a quarter of an hour wherever they come
# from, and twenty lock the address: an office behind one NAT shares it, so it gets room for its typos. The
# admin organisasi unlocks an account on its page (organisations.services.account_unlock).
AUTHENTICATION_BACKENDS = [
    "sopap.web.organisations.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
AXES_HANDLER = "sopap.web.organisations.throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
# A lock ends a quarter of an hour after it began: attempts made while locked do not push it further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "sopap.web.organisations.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "sopap.web.organisations.throttle.client_address"
AXES_VERBOSE = False

# Django's cache: files in SOPAP_DATA_DIR/cache, shared by the workers of one node. It holds the catalog's
# list and search pages (keyed by the generation the database counts up, so never stale: catalog.generation)
# and what an SOP's page draws from its text (keyed by the text's SHA-256). Each node keeps its own.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}

# The JSON API's rate limit (sopap.web.api.access.RateLimit): requests per minute per token, and per client
# address for calls without one, counted in the database (organisations.ApiRateCount) so that every worker
# process and every web node shares the count.
API_RATE_WINDOW = 60
API_RATE_TOKEN = (int(_number("SOPAP_API_RATE_TOKEN", 600)), API_RATE_WINDOW)
API_RATE_ANONYMOUS = (int(_number("SOPAP_API_RATE_ANONYMOUS", 120)), API_RATE_WINDOW)

# E-mail (the daily digest of what is due, sopap.web.monitoring.digest): printed on standard output until
# SOPAP_EMAIL_HOST names an SMTP server. SOPAP_PUBLIC_URL is the address the links in a mail start with.
_EMAIL_HOST = os.environ.get("SOPAP_EMAIL_HOST", "").strip()
_EMAIL_SSL = _flag("SOPAP_EMAIL_SSL")
# STARTTLS on the submission port unless the connection is TLS from the start (port 465); never both.
_EMAIL_TLS = _flag("SOPAP_EMAIL_TLS", default=not _EMAIL_SSL)
if _EMAIL_TLS and _EMAIL_SSL:
    raise ImproperlyConfigured(
        "SOPAP_EMAIL_TLS and SOPAP_EMAIL_SSL: choose one (STARTTLS or TLS from the start)"
    )
MAILERS: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _EMAIL_HOST,
            "port": int(_number("SOPAP_EMAIL_PORT", 587)),
            "username": os.environ.get("SOPAP_EMAIL_USER", "").strip() or None,
            "password": os.environ.get("SOPAP_EMAIL_PASSWORD", "") or None,
            "use_tls": _EMAIL_TLS,
            "use_ssl": _EMAIL_SSL,
            "timeout": 30,
        },
    }
    if _EMAIL_HOST
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
# Without a mail server the digest is printed to the log: an installation chooses to have no e-mail by
# leaving SOPAP_EMAIL_HOST empty, which Django's deploy check would otherwise call a mistake.
SILENCED_SYSTEM_CHECKS = [] if _EMAIL_HOST else ["mail.E001"]
DEFAULT_FROM_EMAIL = os.environ.get("SOPAP_EMAIL_FROM", "").strip() or "sopap <sopap@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
