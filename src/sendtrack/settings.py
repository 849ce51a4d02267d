"""All of sendtrack's settings, read from the environment with safe defaults.

``SENDTRACK_ENV=production`` turns on production settings: ``SECRET_KEY`` and ``ALLOWED_HOSTS``
must then be given, and ``sendtrack check --deploy --fail-level WARNING`` passes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url

from sendtrack.core.logs import logging_config
from sendtrack.env import SettingError, env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parents[2]
# Writable state (SQLite file, generated dev secret, uploads, benchmark reports).
VAR_DIR = Path(env_str("SENDTRACK_VAR_DIR", str(BASE_DIR / "var")))

# "development" (default) or "production".
SENDTRACK_ENV = env_str("SENDTRACK_ENV", "development").strip().lower()
if SENDTRACK_ENV not in {"development", "production"}:
    raise SettingError(f"SENDTRACK_ENV must be development or production, not {SENDTRACK_ENV!r}")
PRODUCTION = SENDTRACK_ENV == "production"

# Debug pages are never shown unless asked for, and never in production.
DEBUG = env_bool("DEBUG", False) and not PRODUCTION

SECRET_KEY = env_secret("SECRET_KEY", required=PRODUCTION, dev_file=VAR_DIR / "secret_key")

# Host names the service answers to; production must list them.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise SettingError("ALLOWED_HOSTS must be set in production")

# Origins trusted for CSRF behind a proxy, e.g. https://send.example.gov.uk
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "govuk_frontend_django",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "sendtrack.core",
    "sendtrack.accounts",
    "sendtrack.casework",
    "sendtrack.documents",
    "sendtrack.improvement",
    "sendtrack.performance",
    "sendtrack.portal",
    "sendtrack.demo",
    "sendtrack.ehcplan",
    "sendtrack.inspection",
    "sendtrack.intake",
    "sendtrack.forecast",
    "sendtrack.jobs",
    "sendtrack.messaging",
]

MIDDLEWARE = [
    "sendtrack.core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sendtrack.accounts.middleware.SessionLimitsMiddleware",
    "sendtrack.accounts.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sendtrack.core.middleware.NoStoreForSignedInMiddleware",
    "sendtrack.casework.middleware.AccessLogUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sendtrack.urls"
WSGI_APPLICATION = "sendtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "sendtrack" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sendtrack.core.context_processors.service",
            ],
            "builtins": [
                "sendtrack.core.templatetags.govuk_breadcrumbs",
                "sendtrack.core.templatetags.govuk_dates",
                "sendtrack.core.templatetags.plain_words",
            ],
        },
    }
]

# DATABASE_URL chooses the database; the default is a SQLite file under var/.
DATABASE_URL = env_str("DATABASE_URL", "").strip() or f"sqlite:///{VAR_DIR / 'sendtrack.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The fixed reads every page makes, prepared once a connection on PostgreSQL (accounts/prepared.py);
# off behind a pooler that switches server connections between transactions.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sendtrack.accounts.backends.PasswordBackend",
    "sendtrack.accounts.oidc.OrganisationSignInBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
# Staff sign-in through their organisation's OpenID Connect provider (mozilla-django-oidc). Each
# organisation's issuer, client id and secret's variable are set by an administrator in the admin;
# these are the parts common to every provider. Nobody gets an account by signing in this way.
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:provider-sign-in-return"
OIDC_RP_SCOPES = "openid email profile"
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_STORE_ID_TOKEN = False
OIDC_STORE_ACCESS_TOKEN = False
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Sessions end after 30 minutes idle and 12 hours after sign-in, whichever comes first. The idle
# expiry is renewed by SessionLimitsMiddleware when it would move by more than a minute, not by
# saving the session on every request.
SESSION_ENGINE = "sendtrack.accounts.sessions"  # Django's database sessions, read by a fixed statement
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_AFTER_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after 10 failed sign-ins for the same email from the same address (Cyber Essentials).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Reverse proxies in front of sendtrack that append to X-Forwarded-For (0: use the connection's address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "sendtrack.accounts.lockout.client_address"

# Everyone who signs in passes a second factor; a development-only switch lets a newcomer try the demo.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
MFA_DEV_BYPASS = env_bool("SENDTRACK_DEV_SKIP_MFA", not PRODUCTION) and not PRODUCTION
if PRODUCTION and (env_bool("SENDTRACK_DEV_SKIP_MFA", False) or not MFA_REQUIRED):
    raise SettingError("Multi-factor authentication cannot be skipped or turned off in production")
# The name authenticator apps show beside the six-digit code.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "sendtrack")
# Each wrong code doubles the wait before the next try (1, 2, 4, 8... seconds).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Run after an import changes a local area's cases: the KPI summaries and forecast the dashboards read.
AFTER_CASE_IMPORT = [
    "sendtrack.performance.services.refresh.refresh_summaries",
    "sendtrack.forecast.services.refresh_forecast",
]
# The 20-week KPIs the reconciliation after an import shows (intake sits below performance).
IMPORT_KPI_FIGURES = "sendtrack.performance.import_figures.twenty_week_figures"

# Columns that parts above casework add to the tracker and its exports (`casework/tracker_columns.py`).
TRACKER_COLUMNS = ["sendtrack.ehcplan.tracker_column.AGENCIES_TO_CONFIRM"]
# The family's responses to a draft plan (portal), shown on the plan's pages (ehcplan, below it).
PLAN_FAMILY_RESPONSES = "sendtrack.portal.selectors.responses_to_draft"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "/static/"
# Where `sendtrack collectstatic` gathers assets for whitenoise (built into the image).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "src" / "sendtrack" / "static"]
# Uploaded files (a child's documents, job results): the file system under MEDIA_ROOT by default;
# STORAGE_BACKEND=s3 keeps them in S3-compatible object storage (install sendtrack[s3]; docs/deploy.md).
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "filesystem").strip().lower()
if STORAGE_BACKEND not in {"filesystem", "s3"}:
    raise SettingError(f"STORAGE_BACKEND must be filesystem or s3, not {STORAGE_BACKEND!r}")
DEFAULT_STORAGE: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET", ""),
            "endpoint_url": env_str("S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("S3_REGION", "") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": env_str("S3_SERVER_SIDE_ENCRYPTION", "AES256")},
        },
    }
    if not DEFAULT_STORAGE["OPTIONS"]["bucket_name"]:
        raise SettingError("S3_BUCKET must be set when STORAGE_BACKEND=s3")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A child's documents: the largest file kept, and the virus scanner every file passes first
# (sendtrack.documents.scanning: the default `no_scan` does NOT scan; `clamd_scan` asks ClamAV).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MEGABYTES", 25) * 1024 * 1024
DOCUMENT_SCANNER = env_str("DOCUMENT_SCANNER", "sendtrack.documents.scanning.no_scan")
CLAMD_ADDRESS = env_str("CLAMD_ADDRESS", "127.0.0.1:3310")
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Email: console in development; SMTP in production from EMAIL_URL-style settings.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sendtrack <no-reply@sendtrack.invalid>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# GOV.UK Notify sends invitations, family updates, decision letters and requests to confirm a draft
# plan's sections when its API key is set (a secret); otherwise EMAIL_BACKEND does. Each message kind
# has a template in Notify.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "").strip()
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk").rstrip("/")
NOTIFY_TEMPLATES = {
    kind: env_str(f"NOTIFY_TEMPLATE_{kind.upper()}", "").strip()
    for kind in (
        "invitation",
        "family_update",
        "decision_letter",
        "decision_letter_email",
        "plan_confirmation",
    )
}
# The reply-to address (its id in Notify's settings) of emails that a family may answer: decision letters.
NOTIFY_EMAIL_REPLY_TO_ID = env_str("NOTIFY_EMAIL_REPLY_TO_ID", "").strip()

# Security headers. The CSP allows no inline script or style.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# The name shown in the header when an installation serves one local area.
SERVICE_NAME = "sendtrack"

# One JSON object a line on standard error (LOG_FORMAT=text for people reading a terminal).
LOG_FORMAT = env_str("LOG_FORMAT", "json").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise SettingError(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = logging_config(level=env_str("LOG_LEVEL", "WARNING").upper(), json=LOG_FORMAT == "json")

# Jobs: "immediate" runs each job inside the process that starts it (development's default);
# "database" queues it in PostgreSQL or SQLite for `sendtrack worker` (production's default).
JOBS_BACKEND = env_str("JOBS_BACKEND", "database" if PRODUCTION else "immediate").strip().lower()
if JOBS_BACKEND not in {"immediate", "database"}:
    raise SettingError(f"JOBS_BACKEND must be immediate or database, not {JOBS_BACKEND!r}")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if JOBS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default"],
    }
}
# Seconds without a heartbeat after which a worker counts as dead and its running job is queued again.
WORKER_STALE_SECONDS = env_int("WORKER_STALE_SECONDS", 60)

# sendtrack serve: gunicorn processes, threads in each, and seconds a request or a shutdown may take.
SERVE_BIND = env_str("SENDTRACK_BIND", "127.0.0.1:8000")
SERVE_WORKERS = env_int("WEB_CONCURRENCY", 2)
SERVE_THREADS = env_int("SERVE_THREADS", 4)
SERVE_TIMEOUT = env_int("SERVE_TIMEOUT", 120)
SERVE_GRACEFUL_TIMEOUT = env_int("SERVE_GRACEFUL_TIMEOUT", 30)
# Addresses of proxies whose X-Forwarded-* headers gunicorn believes.
SERVE_FORWARDED_ALLOW_IPS = env_str("FORWARDED_ALLOW_IPS", "127.0.0.1")

TEST_ARTIFACTS_DIR = VAR_DIR / "test-artifacts"
CSRF_FAILURE_VIEW = "sendtrack.core.views.csrf_failure"

# The address families and staff use, for links in emails (no trailing slash).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Inspection lists: census figures count when their period ends this many months before the call [U].
INSPECTION_LOOKBACK_MONTHS = env_int("INSPECTION_LOOKBACK_MONTHS", 6)
# Children drawn for a rehearsal of inspection tracking: how many, and at least how many in
# alternative provision and on SEN support ([S]: councils' accounts of the handbook, spec A7).
INSPECTION_TRACKING_SAMPLE = {
    "size": env_int("INSPECTION_TRACKING_SIZE", 6),
    "alternative_provision": env_int("INSPECTION_TRACKING_MIN_AP", 1),
    "sen_support": env_int("INSPECTION_TRACKING_MIN_SEN_SUPPORT", 2),
}
# Named here because the portal sits above the inspection app: a tracked child's pack lists the
# family's responses to draft plans, and the inspection pages start the pack job.
TRACKING_PACK_FAMILY_RESPONSES = "sendtrack.portal.services.responses.responses_to_drafts"
START_JOB = "sendtrack.jobs.services.start_job"
