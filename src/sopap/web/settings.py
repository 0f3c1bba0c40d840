"""Settings, read strictly from environment variables.

SOPAP_SECRET_KEY     required, unless SOPAP_DEBUG=1 or SOPAP_DEMO=1 (then a development key is used)
SOPAP_DEBUG          "1" turns on Django's debug pages
SOPAP_ALLOWED_HOSTS  comma-separated host names (default: 127.0.0.1,localhost)
SOPAP_DATABASE_URL   postgresql://user:password@host:port/dbname; absent: SQLite in the data directory
SOPAP_DATA_DIR       where the SQLite database and uploaded files live (default: ./var)
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("SOPAP_DEBUG")
DEMO = _flag("SOPAP_DEMO")

SECRET_KEY = os.environ.get("SOPAP_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or DEMO or os.environ.get("PYTEST_VERSION"):
        SECRET_KEY = "sopap-development-key-do-not-use-in-production-0123456789abcdef"
    else:
        raise ImproperlyConfigured("SOPAP_SECRET_KEY is required (or set SOPAP_DEBUG=1 for development)")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SOPAP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

DATA_DIR = Path(os.environ.get("SOPAP_DATA_DIR") or "var").resolve()


def _database(url: str | None) -> dict[str, object]:
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "sopap.sqlite3")}
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
    "sopap.web.organisations",
    "sopap.web.authoring",
    "sopap.web.workflow",
    "sopap.web.catalog",
    "sopap.web.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sopap.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sopap.web.urls"
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

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The demo and small installations serve static files from Django itself; a front server may take over.
SERVE_STATIC = os.environ.get("SOPAP_SERVE_STATIC", "1") != "0"

LOGIN_URL = "organisations:login"
LOGIN_REDIRECT_URL = "authoring:list"
LOGOUT_REDIRECT_URL = "catalog:index"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _flag("SOPAP_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
