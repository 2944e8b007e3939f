"""Settings for Monitor Timeline, all from the environment.

DATABASE_URL   default: an SQLite file in var/ (zero set-up); postgres://... for PostgreSQL
SECRET_KEY     required unless DEBUG is on
DEBUG          off unless "1"/"true"/"yes"
ALLOWED_HOSTS  comma-separated; default localhost only
DB_*           connection pool, timeouts: see monitor_site/database.py
LOG_FORMAT     json (default when DEBUG is off) or text; LOG_LEVEL (default INFO)
"""
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from monitor_site.database import database_config
from monitor_site.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("MONITOR_ALLOW_INSECURE_KEY"):
        SECRET_KEY = "insecure-development-key-not-for-production"
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment (or set DEBUG=1 for development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "events",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (CSRF reads the form): size limits and control characters (issue 14).
    "monitor_site.middleware.RequestGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # anonymous public pages from the cache until the data changes (pagecache/middleware.py)
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: locks out repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "monitor_site.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "monitor_site.wsgi.application"

DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'var' / 'monitor.sqlite3'}"
# Health-checked (optionally pooled) connections, lock and statement timeouts: monitor_site/database.py.
DATABASES = {"default": database_config(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (events.services.jobs): "queue" = run by `manage.py jobs_worker` processes (django-tasks'
# database backend, default on PostgreSQL); "inline" = at once, inside the request (default on SQLite,
# where scripts/run.sh starts no worker).
MONITOR_JOBS = os.environ.get("MONITOR_JOBS") or (
    "queue" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "inline")
if MONITOR_JOBS not in ("queue", "inline"):
    raise ImproperlyConfigured(f"MONITOR_JOBS must be 'queue' or 'inline', not {MONITOR_JOBS!r}")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# Security by default; plain HTTP only when DEBUG is on or explicitly allowed (local runs, tests).
SECURE = not DEBUG and not env_bool("MONITOR_INSECURE_HTTP")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE and not env_bool("MONITOR_BEHIND_TLS_PROXY_NO_REDIRECT")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
# Behind the TLS proxy (deploy/nginx.conf) every request comes from the proxy's address: the visitor's is the
# last one the proxy appended to X-Forwarded-For (axes and the export rate limit read it there).
BEHIND_PROXY = env_bool("MONITOR_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Request sizes (issue 14). Form fields other than files: 2.5 MB at most (Django's default). Whole bodies are
# limited before they are read (monitor_site.middleware.RequestGuardMiddleware): anonymous users 64 KB (the
# login form is < 1 KB); staff the import page's 100 files of 1 MB plus the form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MONITOR_ANONYMOUS_MAX_BODY_BYTES = 64 * 1024
MONITOR_STAFF_MAX_BODY_BYTES = 101 * 1024 * 1024 + 64 * 1024
MONITOR_STAFF_ONLY_PREFIXES = ("/editor/",)
MONITOR_STAFF_PREFIXES = ("/admin/", "/editor/")

# A correction's reason has no length limit in the history (the forms cap it at 5,000 characters).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Login throttling (django-axes): after 5 failed logins for one user name from one address, that pair is locked
# out for an hour (a lock per user name alone would let anyone lock an editor out).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("MONITOR_BEHIND_PROXY") else 0
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("MONITOR_BEHIND_PROXY") \
    else ["REMOTE_ADDR"]

# Content-Security-Policy (django-csp): scripts and styles only from files this site serves; no inline script,
# no inline style, no plug-ins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# Whole pages for anonymous visitors, keyed by the data version (pagecache/). Per process by default;
# PAGE_CACHE_DIR (a folder the app may write) shares them between the machine's gunicorn workers (Django's
# file-based cache), so a page is rendered once per data version and machine instead of once per worker.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_DIR = os.environ.get("PAGE_CACHE_DIR", "")
CACHES = {
    "default": {
        "BACKEND": ("django.core.cache.backends.filebased.FileBasedCache" if PAGE_CACHE_DIR
                    else "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": PAGE_CACHE_DIR or "monitor",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "500"))},
    },
    # Counts of the happening table (headings, facets, bars, the axis) keyed by the counts version
    # (events/selectors/counts.py): per process, apart from the pages so that they outlive a full page cache.
    "counts": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "monitor-counts",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("COUNTS_CACHE_MAX_ENTRIES", "1000"))},
    },
}
# 0 turns the counts cache off; COUNTS_CACHE_ALIAS names the cache it uses.
COUNTS_CACHE_SECONDS = int(os.environ.get("COUNTS_CACHE_SECONDS", "3600"))
COUNTS_CACHE_ALIAS = "counts"
# The counts of a filtered set of happenings are computed with numpy over a per-process snapshot of the happening
# table (events/selectors/facet_index.py), read again when the counts version moves but at most once every
# COUNTS_INDEX_RELOAD_SECONDS (in between, a stale snapshot is not used: SQL counts). COUNTS_INDEX=0: SQL always.
COUNTS_INDEX = os.environ.get("COUNTS_INDEX", "1") != "0"
COUNTS_INDEX_RELOAD_SECONDS = float(os.environ.get("COUNTS_INDEX_RELOAD_SECONDS", "10"))

# The load balancer's health check may come over plain HTTP from the proxy host.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# LOG_FORMAT=json (the default when DEBUG is off): one JSON object a line on stderr; "text" otherwise.
LOGGING = logging_config(os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json"),
                         os.environ.get("LOG_LEVEL", "INFO"))
