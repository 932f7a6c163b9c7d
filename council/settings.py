"""Settings for the council portal, read from the environment.

With no environment at all the portal runs embedded: SQLite under var/, Celery tasks run
in-process (eager) and mail is written to files under var/mail/. Production sets
DATABASE_URL (PostgreSQL), REDIS_URL, the mail settings, SECRET_KEY and ALLOWED_HOSTS.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets model forms and querysets take type parameters at run time (for mypy).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """Use SECRET_KEY if given; otherwise keep one random key per checkout under var/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute base of links in mail and calendar feeds, e.g. https://council.example.go.kr
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# HTTPS=1 behind TLS (directly or through a load balancer that sets X-Forwarded-Proto).
HTTPS = env_bool("HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A signed-in session ends after this long without a request (council.web.middleware), and in any
# case after SESSION_COOKIE_AGE (two weeks).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", 60))
SESSION_IDLE_WRITE_SECONDS = 60  # how often a request refreshes the session's last-seen time
# Staff, officials and site administrators confirm each login with a TOTP code (council.accounts.two_factor).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Council portal")
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "council.admin_site.PortalAdminConfig",  # django.contrib.admin, for site administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram lookups for search; its PostgreSQL parts stay unused on SQLite.
    "django.contrib.postgres",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "simple_history",
    "council",
    "members",
    "meetings",
    "plans",
    "annual",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed on the way out (static files are compressed once, by collectstatic). Django
    # pads the compressed body with random bytes against BREACH, and masks the CSRF token per request.
    "django.middleware.gzip.GZipMiddleware",
    "council.web.middleware.KoreanParticlesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "council.web.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "council.web.middleware.IdleSessionMiddleware",
    "council.accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"
WSGI_APPLICATION = "council.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.web.context_processors.portal",
                # Last: stands in for the CSRF token and CSP nonce while a page is rendered for the cache.
                "council.web.page_cache.placeholders",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "council.templatetags.portal",
            ],
        },
    },
]
FORM_RENDERER = "council.web.forms.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", 60)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL and IMMEDIATE transactions keep the embedded database usable with a worker beside the web process.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "council.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "council.accounts.authentication.UsernameOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitations to set a first password last three days

# Login throttling: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed logins count against the account, whatever case or address (username or e-mail) names it.
AXES_USERNAME_CALLABLE = "council.accounts.authentication.lockout_key"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", 0)) or None
AXES_VERBOSE = False

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: downloads go through views that check access
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded documents: PDF, HWP/HWPX, DOCX, XLSX, PPTX and images, at most this many bytes each.
PORTAL_UPLOAD_MAX_BYTES = int(os.environ.get("PORTAL_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Mail: SMTP when EMAIL_HOST is set, otherwise one file per message under var/mail/.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "산학관 협력 협의회 <noreply@council.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", 25)),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS"),
                "use_ssl": env_bool("EMAIL_USE_SSL"),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", 20)),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # The cache fails open: with Redis down, reads miss and writes are dropped (each logged as a
    # warning by django_redis), so pages, sessions (kept in the database too) and the API's rate
    # limits keep working while Redis is away. Short timeouts keep a hung Redis from hanging pages.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", 0.5)),
                "SOCKET_TIMEOUT": float(os.environ.get("REDIS_TIMEOUT", 0.5)),
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "council.cache"
    # Sessions are read from Redis on every page and written through to the database, so a Redis
    # restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Pages and API lists kept until a table they read is written (council.web.page_cache). The table
# revisions live in the cache, so every process must share it: on by default with Redis only.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
TABLE_CACHE_SECONDS = int(os.environ.get("TABLE_CACHE_SECONDS", 600))

# Celery: without REDIS_URL tasks run in-process, so the embedded portal needs no broker.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost//"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Fail fast when Redis is down or frozen: the notice is already in the outbox and the sweep sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "visibility_timeout": 60 * 60,
}
CELERY_BEAT_SCHEDULE = {
    "notices-sweep": {"task": "council.tasks.sweep_notices", "schedule": 60.0},
    "imports-sweep": {"task": "council.tasks.sweep_imports", "schedule": 60.0},
    "reminders-daily": {"task": "council.tasks.run_reminders", "schedule": crontab(hour=8, minute=0)},
}

# Outbox delivery: notices per SMTP connection, and how long a claimed batch is reserved for its worker.
NOTICE_BATCH_SIZE = int(os.environ.get("NOTICE_BATCH_SIZE", 100))
NOTICE_LEASE_SECONDS = int(os.environ.get("NOTICE_LEASE_SECONDS", 300))
# A temporary failure is tried again after 1, 2, 4 … minutes, at most an hour apart: twelve
# attempts span about six hours before a notice is marked failed. Permanent refusals fail at once.
NOTICE_MAX_ATTEMPTS = int(os.environ.get("NOTICE_MAX_ATTEMPTS", 12))
NOTICE_RETRY_SECONDS = int(os.environ.get("NOTICE_RETRY_SECONDS", 60))
NOTICE_RETRY_MAX_SECONDS = int(os.environ.get("NOTICE_RETRY_MAX_SECONDS", 3600))

# API tokens are stored as a SHA-512 digest and expire; My account issues a new one.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", 90))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

REST_FRAMEWORK = {
    # Token first, so a missing or wrong token answers 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "council.api.authentication.LanguageTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Signed in, and every write authorised by the viewset's rules before its body is read.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "council.api.rules.ActionRules",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "council.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "council.api.exceptions.portal_exception_handler",
}
SPECTACULAR_SETTINGS = {
    # In the language the document is asked for (/api/schema/?lang=en), as the rest of it.
    "TITLE": _("Council portal API"),
    "DESCRIPTION": _("Members, meetings and plans of industry-university-government cooperation councils."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The document is a property of the code, not of a deployment: the tests generate and validate it,
    # warnings failing (tests/council/test_settings.py), so `check --deploy` does not build it again.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    # Every operation documents its error answers (400 field errors, 401, 403, 404, 409 …).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "council.api.schema.add_error_responses",
    ],
    # Models share choice field names (kind, status, category); name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "InstitutionKindEnum": "members.models.Institution.Kind",
        "InstitutionSectorEnum": "members.models.Institution.Sector",
        "MembershipRoleEnum": "members.models.Membership.Role",
        "MembershipRouteEnum": "members.models.Membership.Route",
        "MeetingKindEnum": "meetings.models.Meeting.Kind",
        "MeetingStatusEnum": "meetings.models.Meeting.Status",
        "AgendaItemKindEnum": "meetings.models.AgendaItem.Kind",
        "AgendaItemDecisionEnum": "meetings.models.AgendaItem.Decision",
        "InvitationResponseEnum": "meetings.models.Invitation.Response",
        "ActionItemStatusEnum": "meetings.models.ActionItem.Status",
        "BestPracticeCategoryEnum": "members.models.BestPractice.Category",
        "BestPracticeStatusEnum": "members.models.BestPractice.Status",
        "DifficultyKindEnum": "members.models.Difficulty.Kind",
        "DifficultyCategoryEnum": "members.models.Difficulty.Category",
        "DifficultyStatusEnum": "members.models.Difficulty.Status",
        "DifficultyEventKindEnum": "members.models.DifficultyEvent.Kind",
        "AgreementAreaEnum": "members.models.Agreement.Area",
    },
}

# Content Security Policy: scripts only from this site or with the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "filters": {"cache_unavailable": {"()": "council.web.logs.CacheUnavailable"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "council.cache": {"filters": ["cache_unavailable"]}},
}

# Filter drop-downs offer "All" rather than a row of dashes.
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# Terms that end within this many days are flagged in member lists.
MEMBERSHIP_ENDING_SOON_DAYS = 60
