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
REGISTRATION = env.env_choice("PMPATH_REGISTRATION", "open", ("open", "closed"))
REDIS_URL = env.env_str("PMPATH_REDIS_URL", "")
# Outgoing fetches (job pages, boards, feeds) refuse non-public addresses except these hosts.
FETCH_ALLOW_HOSTS = env.env_list("PMPATH_FETCH_ALLOW_HOSTS", [])
# Optional written critique of practice answers from an OpenAI-compatible endpoint; off unless
# the base URL is set (pmpath/interview/llm.py, docs/interview-feedback.md).
LLM_BASE_URL = env.env_str("PMPATH_LLM_BASE_URL", "").strip()
LLM_MODEL = env.env_str("PMPATH_LLM_MODEL", "").strip()
LLM_API_KEY = env.env_str("PMPATH_LLM_API_KEY", "").strip()
LLM_TIMEOUT = env.env_int("PMPATH_LLM_TIMEOUT", 60, minimum=1, maximum=600)

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
SESSION_COOKIE_SECURE = env.env_bool("PMPATH_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
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
FORM_RENDERER = "django.forms.renderers.Jinja2"

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
