"""pmpath's settings. Every value comes from a PMPATH_* environment variable (or DATABASE_URL)
with a safe default, so a fresh install needs no configuration. Each variable is documented in
docs/settings.md; tests/core/test_settings_documented.py keeps the two in step."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pmpath.core import env

BASE_DIR = Path(__file__).resolve().parent
TESTING = "pytest" in sys.modules or os.environ.get("PMPATH_TESTING") == "1"

if TESTING and "PMPATH_DATA_DIR" not in os.environ:
    # Tests never write into a developer's real data folder.
    import tempfile

    os.environ["PMPATH_DATA_DIR"] = tempfile.mkdtemp(prefix="pmpath-test-")
DATA_DIR = env.data_dir("PMPATH_DATA_DIR", "./data")
DEBUG = env.env_bool("PMPATH_DEBUG", False)
SECRET_KEY = env.secret_key(DATA_DIR)
ALLOWED_HOSTS = env.env_list("PMPATH_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list("PMPATH_CSRF_TRUSTED_ORIGINS", [])
# The initial sign-up mode; an admin changes it at run time on /instance/ (stored in the
# database, which then wins). invite: sign-up needs an invitation or a reviewer's share link.
REGISTRATION = env.env_choice("PMPATH_REGISTRATION", "open", ("open", "invite", "closed"))
# Outgoing e-mail (reviewer invitations). Without a host, mails are printed to the console.
EMAIL_HOST = env.env_str("PMPATH_EMAIL_HOST", "").strip()
EMAIL_PORT = env.env_int("PMPATH_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.env_str("PMPATH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env.env_str("PMPATH_EMAIL_PASSWORD", "")
EMAIL_USE_SSL = EMAIL_PORT == 465
EMAIL_USE_TLS = EMAIL_PORT == 587
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.env_str("PMPATH_EMAIL_FROM", "pmpath@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
# The address people reach this instance at, for links in e-mails sent by background tasks
# (the weekly digest), where there is no request to read it from.
BASE_URL = env.env_str("PMPATH_BASE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
# The coach's thresholds (pmpath/coach/detectors.py, docs/coach.md).
COACH_FOLLOW_UP_DAYS = env.env_int("PMPATH_COACH_FOLLOW_UP_DAYS", 7, minimum=1, maximum=90)
COACH_INTERVIEW_FOLLOW_UP_DAYS = env.env_int(
    "PMPATH_COACH_INTERVIEW_FOLLOW_UP_DAYS", 3, minimum=1, maximum=60
)
COACH_THANK_YOU_DAYS = env.env_int("PMPATH_COACH_THANK_YOU_DAYS", 1, minimum=0, maximum=14)
COACH_LOW_SCORE = env.env_int("PMPATH_COACH_LOW_SCORE", 60, minimum=0, maximum=100)
COACH_FEEDBACK_RETRY_DAYS = env.env_int(
    "PMPATH_COACH_FEEDBACK_RETRY_DAYS", 14, minimum=1, maximum=80
)
COACH_TRENDS_DAYS = env.env_int("PMPATH_COACH_TRENDS_DAYS", 14, minimum=1, maximum=365)
COACH_MATCH_THRESHOLD = env.env_int("PMPATH_COACH_MATCH_THRESHOLD", 60, minimum=0, maximum=100)
COACH_MATCH_FAR_BELOW = env.env_int("PMPATH_COACH_MATCH_FAR_BELOW", 20, minimum=0, maximum=100)
COACH_DIGEST = env.env_bool("PMPATH_COACH_DIGEST", True)
REDIS_URL = env.env_str("PMPATH_REDIS_URL", "")
# Outgoing fetches (job pages, boards, feeds) refuse non-public addresses except these hosts.
FETCH_ALLOW_HOSTS = env.env_list("PMPATH_FETCH_ALLOW_HOSTS", [])
# Hardening (pmpath/security, docs/security.md). HTTPS: the site is reached over https (usually
# through a reverse proxy): Secure cookies, HSTS and, by default, idle and absolute timeouts.
HTTPS = env.env_bool("PMPATH_HTTPS", False)
# Proxies whose X-Forwarded-For (client address) and X-Forwarded-Proto are believed.
TRUSTED_PROXIES = env.proxy_list("PMPATH_TRUSTED_PROXIES")
LOGIN_MAX_FAILURES = env.env_int("PMPATH_LOGIN_MAX_FAILURES", 5, minimum=1, maximum=1000)
LOGIN_MAX_FAILURES_PER_ADDRESS = env.env_int(
    "PMPATH_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1, maximum=100_000
)
LOGIN_WINDOW_MINUTES = env.env_int("PMPATH_LOGIN_WINDOW_MINUTES", 15, minimum=1, maximum=1440)
API_TOKEN_MAX_FAILURES = env.env_int(
    "PMPATH_API_TOKEN_MAX_FAILURES", 20, minimum=1, maximum=100_000
)
# 0 turns a timeout off. Locally (no PMPATH_HTTPS) a session simply lasts two weeks.
SESSION_IDLE_MINUTES = env.env_int(
    "PMPATH_SESSION_IDLE_MINUTES", 120 if HTTPS else 0, minimum=0, maximum=60 * 24 * 14
)
SESSION_MAX_HOURS = env.env_int(
    "PMPATH_SESSION_MAX_HOURS", 24 * 7 if HTTPS else 0, minimum=0, maximum=24 * 14
)
# Any request body larger than this is refused from its Content-Length, before it is read.
MAX_REQUEST_BYTES = env.env_int("PMPATH_MAX_UPLOAD_MB", 60, minimum=1, maximum=2048) * 2**20
# Optional written critique of practice answers from an OpenAI-compatible endpoint; off unless
# the base URL is set (pmpath/interview/llm.py, docs/interview-feedback.md).
LLM_BASE_URL = env.env_str("PMPATH_LLM_BASE_URL", "").strip()
LLM_MODEL = env.env_str("PMPATH_LLM_MODEL", "").strip()
LLM_API_KEY = env.env_str("PMPATH_LLM_API_KEY", "").strip()
LLM_TIMEOUT = env.env_int("PMPATH_LLM_TIMEOUT", 60, minimum=1, maximum=600)

# Blend sentence-embedding similarity into match scores when the [semantic] extra is installed
# (pmpath/matching/semantic.py, docs/matching.md). Off: the lexical engine alone.
MATCH_SEMANTIC = env.env_bool("PMPATH_SEMANTIC", True)

# PMPATH_DATABASE_POOLED: PostgreSQL sits behind PgBouncer in transaction mode (docs/deploying.md).
DATABASES = {
    "default": env.database(
        os.environ.get("DATABASE_URL"),
        DATA_DIR,
        pooled=env.env_bool("PMPATH_DATABASE_POOLED", False),
    )
}
if TESTING and os.environ.get("PMPATH_TEST_DATABASE_URL"):
    # The suite runs a second time on PostgreSQL when this is set (see Makefile: test-postgres).
    DATABASES = {"default": env.database(os.environ["PMPATH_TEST_DATABASE_URL"], DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    # Installed so /api/v1/docs serves Swagger UI from ninja's own static files, not a CDN.
    "ninja",
    "pmpath.core",
    "pmpath.accounts",
    "pmpath.career",
    "pmpath.jobs",
    "pmpath.network",
    "pmpath.interview",
    "pmpath.portfolio",
    "pmpath.matching",
    "pmpath.trends",
    "pmpath.coach",
    "pmpath.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pmpath.security.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pmpath.security.limits.RequestSizeLimitMiddleware",
    # After the size limit: it reads API bodies.
    "pmpath.api.nul.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "pmpath.security.sessions.SessionTimeoutMiddleware",
    "pmpath.core.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pmpath.urls"
WSGI_APPLICATION = "pmpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "pmpath.core.jinja.environment",
            "autoescape": True,
            "auto_reload": DEBUG,
            # `sharing`: the "Share for review" panel on shareable objects' pages (lazy).
            "context_processors": ["pmpath.core.context.csrf", "pmpath.accounts.context.sharing"],
        },
    },
    {
        # Django's own templates, for the admin only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users. Argon2 itself is covered by
    # tests/accounts/test_passwords.py, which switches it back on.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SECURE = HTTPS or env.env_bool("PMPATH_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The page carries the CSRF token (base.html's hx-headers); no script needs the cookie.
CSRF_COOKIE_HTTPONLY = True
# HSTS only once the site is known to be on https (browsers then refuse plain http for a year).
SECURE_HSTS_SECONDS = (
    env.env_int("PMPATH_HSTS_SECONDS", 365 * 24 * 3600, minimum=0, maximum=2 * 365 * 24 * 3600)
    if HTTPS
    else 0
)
# The trusted proxy terminates TLS and says so; requests from anyone else cannot reach
# gunicorn when it listens on loopback only (docs/deploying.md).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES else None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
TIME_ZONE = env.env_str("PMPATH_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start when it is missing
# Front-end libraries are copied into static/vendor/ from node_modules at install time.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "uploads"
# WhiteNoise serves static files straight from the app folders, so no collectstatic is needed
# for `pmpath serve`; in production `collectstatic` adds compressed, hashed copies.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Widgets render through Jinja2 too: about twice as fast as Django templates for radio lists.
FORM_RENDERER = "pmpath.core.forms_renderer.Jinja2WithFallback"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

HUEY = {
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "name": "pmpath",
    "immediate": TESTING,
    "results": False,
    "utc": True,
    "consumer": {"workers": 2, "worker_type": "thread"},
}
if REDIS_URL:
    HUEY["url"] = REDIS_URL
else:
    HUEY["filename"] = str(DATA_DIR / "tasks.sqlite3")

# With Redis (hosted mode), sessions are read from the cache and written through to the
# database: one SQL statement less on every signed-in request, and nothing lost if Redis is
# flushed. Without it, each process keeps a small local cache and sessions live in the database.
if REDIS_URL and not TESTING:
    CACHES = {
        "default": {
            # Fails soft: with Redis down, pages and sessions carry on from the database.
            "BACKEND": "pmpath.core.cache.SoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pmpath",
            "TIMEOUT": 60 * 60,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Hosted mode keeps each signed-in person's rendered pages in Redis until their data changes
# (pmpath/core/pagecache.py); 0 turns it off. It needs the shared cache, so it is off without
# Redis.
PAGE_CACHE_SECONDS = (
    env.env_int("PMPATH_PAGE_CACHE_SECONDS", 120, minimum=0, maximum=3600)
    if REDIS_URL and not TESTING
    else 0
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"huey": {"level": "WARNING"}},
}
