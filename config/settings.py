"""Settings for every environment, read from environment variables with safe defaults.

Debug is off unless DJANGO_DEBUG is set; with debug off the site refuses to start without a secret key.
The README's settings table lists every variable read here.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

from config import crisis_lines
from config.env import env_bool, env_int, env_json, env_list, env_str, require
from config.private_paths import ensure_private_dir, ensure_private_file
from pages.static_headers import add_static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DJANGO_VAR_DIR", str(BASE_DIR / "var")))
# The database, the search index and the secret key live here: owner-only when created.
ensure_private_dir(VAR_DIR)

DEBUG = env_bool("DJANGO_DEBUG", False)

# A throwaway key is only acceptable on a developer's machine; production must bring its own.
_DEV_ONLY_SECRET_KEY = "insecure-dev-only-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_DEV_ONLY_SECRET_KEY if DEBUG else "")
require("DJANGO_SECRET_KEY", SECRET_KEY, "it is required when DJANGO_DEBUG is off (production).")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "operations",  # before django_tasks_db: its `db_worker` command replaces the library's
    "django_tasks",
    "django_tasks_db",
    "pages",
    "modalities",
    "articles",
    "needs",
    "curated",
    "editorial",
    "search",
    "volunteers",
    "secondfactor",
    "choose",
    "staff",
    "caching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language comes from the address alone (/es/... is Spanish): no cookie, no redirect, no Vary.
    "pages.language.URLLanguageMiddleware",
    # Conditional GET outside the page cache (304s for hits too); the cache answers hits before
    # sessions and the database are touched; compression runs inside it, so pages are stored
    # compressed. See caching/middleware.py.
    "django.middleware.http.ConditionalGetMiddleware",
    "caching.middleware.PageCacheMiddleware",
    "caching.middleware.CompressionMiddleware",
    "pages.middleware.PrivacyHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): passed the second factor
    "secondfactor.middleware.SecondFactorRequiredMiddleware",  # staff pages need it; see the module
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost, so a view's database error becomes the friendly 503 page before anything else sees it.
    "operations.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "pages.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
SQLITE_PATH = VAR_DIR / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _SQLITE_NAME = str(DATABASES["default"]["NAME"])
    if _SQLITE_NAME != ":memory:" and not _SQLITE_NAME.startswith("file:"):
        # Created here, owner-only, before SQLite would create it readable by everyone.
        ensure_private_dir(Path(_SQLITE_NAME).parent)
        ensure_private_file(Path(_SQLITE_NAME))
    # Tests use a file too, so they exercise the same journal and locking as the real site.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Several writers (app threads, the task worker) share one file: WAL lets readers and a writer
    # work at once, IMMEDIATE takes the write lock up front so transactions never fail mid-way
    # with "database is locked", and the timeout makes a writer wait its turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("DJANGO_SQLITE_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Fail fast when the database is away, so visitors get the friendly 503 page quickly.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DJANGO_DB_CONNECT_TIMEOUT", 2
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
# "default" holds small shared state (rate limits); "pages" holds the page cache (caching/), apart
# so that a flood of distinct pages can never push a rate-limit counter out.
CACHE_URL = env_str("DJANGO_CACHE_URL", "locmem://")
PAGE_CACHE_ALIAS = "pages"
if not CACHE_URL.startswith(("redis://", "rediss://", "locmem://")):
    # Anything else (memcached://, a typo) would quietly become per-process memory: refuse instead.
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL={CACHE_URL!r}: use redis://, rediss:// or locmem:// (one process only)."
    )
if CACHE_URL.startswith(("redis://", "rediss://")):
    _SHARED_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    CACHES = {"default": _SHARED_CACHE, PAGE_CACHE_ALIAS: {**_SHARED_CACHE, "KEY_PREFIX": "pages"}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_PAGE_CACHE_MAX_ENTRIES", 1000)},
        },
    }
# How long a cached page may live (0 turns the page cache off). Changes invalidate it at once anyway.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# How often each process asks the database whether content changed elsewhere (one small query).
CONTENT_CHECK_SECONDS = env_int("DJANGO_CONTENT_CHECK_SECONDS", 1)

# --- Auth and sessions (staff only; readers never get a session) -----------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SESSION_COOKIE_AGE = env_int("DJANGO_STAFF_SESSION_SECONDS", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The volunteer form's token ends with the browser session: no lasting trace of a visit on the device.
CSRF_COOKIE_AGE = None
# A form without a valid token gets the site's own 403 page (Django's needs inline styles).
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
LOGIN_URL = "admin:login"
ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The password is half of signing in: the second step clears the count (secondfactor/lockout.py).
AXES_RESET_ON_SUCCESS = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # never store a typed code
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "admin/editorial/locked_out.html"
# Trusted proxies in front of the app; operations.client_address reads it for the whole site.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
# The lockout counts per client address as the rest of the site sees it, not per proxy.
AXES_CLIENT_IP_CALLABLE = "operations.client_address.client_address"

# --- Tags: one vocabulary; "Nightmares" is the existing "nightmares" (editorial/tags.py) -----------
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "editorial.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "editorial.tags.format_tags"

# --- Internationalisation -------------------------------------------------------------------------
# English is served unprefixed, every other language under /<code>/ (config/urls.py). Each name is the
# language's own, so a reader finds it whatever language the page is in; marked so that the link to a
# language can be worded in that language (templates/base.html).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", gettext_noop("English")), ("es", gettext_noop("Español"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files (self-hosted only) --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Hashed names (what every page links to) are cached for ten years, immutable: whitenoise's rule for
# a name that changes whenever the file does. Any other name is rechecked after a minute.
WHITENOISE_MAX_AGE = 60
WHITENOISE_ALLOW_ALL_ORIGINS = False
WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers

# --- Security headers -----------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cookies travel over HTTPS only in production; `make run` serves plain http on 127.0.0.1 and
# turns this off, or the form and the admin could not keep their cookies there.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
X_FRAME_OPTIONS = "DENY"
# No page needs any powerful feature: deny them all, to this site and to anything it could embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "bluetooth", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid", "idle-detection",
        "local-fonts", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "web-share",
        "xr-spatial-tracking",
    )
)  # fmt: skip
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
    }
}

# --- Email and background tasks -------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MODERATOR_EMAILS = env_list("DJANGO_MODERATOR_EMAILS", [])
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker (operations/worker.py) sweeps this often for work a dead worker left behind: task rows
# still RUNNING after TASK_ABANDONED_SECONDS, and whatever each function in TASK_WORKER_SWEEPS finds.
TASK_WORKER_SWEEP_SECONDS = env_int("DJANGO_WORKER_SWEEP_SECONDS", 60)
TASK_ABANDONED_SECONDS = env_int("DJANGO_TASK_ABANDONED_SECONDS", 1800)
TASK_WORKER_SWEEPS = ["volunteers.outbox.sweep"]

# --- The site itself ------------------------------------------------------------------------------
SITE_NAME = env_str("SITE_NAME", "Healing Paths")
# The name staff see beside this site's codes in their authenticator app.
OTP_TOTP_ISSUER = SITE_NAME
# Where the quick exit sends a reader: a neutral page that draws no attention.
QUICK_EXIT_URL = env_str("SITE_QUICK_EXIT_URL", "https://www.bbc.com/weather")
# Crisis lines and emergency numbers: the defaults (the US, then the UK) are in config/crisis_lines.py.
CRISIS_LINES = env_json("SITE_CRISIS_LINES", crisis_lines.CRISIS_LINES)
# The lines that answer in a language other than English, by language code; a language not named here
# gets CRISIS_LINES. Same fields as CRISIS_LINES; each note is written in that language.
CRISIS_LINES_BY_LANGUAGE = env_json("SITE_CRISIS_LINES_BY_LANGUAGE", crisis_lines.CRISIS_LINES_BY_LANGUAGE)
EMERGENCY_NUMBERS = env_json("SITE_EMERGENCY_NUMBERS", crisis_lines.EMERGENCY_NUMBERS)
EMERGENCY_NUMBERS_BY_LANGUAGE = env_json(
    "SITE_EMERGENCY_NUMBERS_BY_LANGUAGE", crisis_lines.EMERGENCY_NUMBERS_BY_LANGUAGE
)

VOLUNTEER_RETENTION_DAYS = env_int("VOLUNTEER_RETENTION_DAYS", 365)
VOLUNTEER_RATE_LIMIT = env_int("VOLUNTEER_RATE_LIMIT", 5)  # enquiries per client per window
VOLUNTEER_RATE_WINDOW_SECONDS = env_int("VOLUNTEER_RATE_WINDOW_SECONDS", 3600)
VOLUNTEER_MIN_FILL_SECONDS = env_int("VOLUNTEER_MIN_FILL_SECONDS", 3)
# A notification still "sending" after this long belongs to a worker that died mid-send: send it again.
# Longer than any live send can take (a few SMTP timeouts), short enough that a crash costs minutes.
VOLUNTEER_OUTBOX_STALE_SECONDS = env_int("VOLUNTEER_OUTBOX_STALE_SECONDS", 300)

SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))
# How often (seconds) each process compares its index with the content version and catches up.
SEARCH_FRESHNESS_SECONDS = env_int("SEARCH_FRESHNESS_SECONDS", 2)
# How long an index write waits for another process's writer before leaving the change to catch-up.
SEARCH_WRITER_TIMEOUT = env_int("SEARCH_WRITER_TIMEOUT", 10)
# Rebuild a missing or broken index in a background thread while the database answers searches.
SEARCH_REBUILD_IN_BACKGROUND = env_bool("SEARCH_REBUILD_IN_BACKGROUND", True)
CONTENT_DIR = BASE_DIR / "content"

# --- Logging: never record what a reader searched for ---------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "strip_query": {"()": "pages.logging.StripQueryStrings"},
        "one_short_line": {"()": "pages.logging.OneShortLine"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["strip_query"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # A forged Host header is routine scanner noise: one line each, never a traceback.
        "django.security.DisallowedHost": {
            "handlers": ["console"],
            "filters": ["one_short_line"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
