"""Django settings for hzdigital.

State lives under ``HZDIGITAL_HOME`` (default ``./var``): the SQLite database and the
DuckDB warehouse, so two runs never share state by accident. ``DATABASE_URL`` switches
the OLTP store to PostgreSQL.
"""

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("HZDIGITAL_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)

# A development secret is fine for the demo on loopback; deployments set their own.
SECRET_KEY = os.environ.get("HZDIGITAL_SECRET_KEY", "hzdigital-demo-not-secret")
DEBUG = os.environ.get("HZDIGITAL_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("HZDIGITAL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "hzdigital.plan",
    "hzdigital.dashboard",
    "simple_history",
    "hzdigital.accounts",
    "hzdigital.supervision",
    "hzdigital.projects",
    "hzdigital.techlist",
    "hzdigital.reports",
    "hzdigital.talent",
    "hzdigital.support",
    "hzdigital.index",
    "hzdigital.benchmark",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hzdigital.middleware.ChosenLanguageMiddleware",
    "hzdigital.dashboard.edition_reads.EditionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hzdigital.middleware.WarehouseBusyMiddleware",
]

ROOT_URLCONF = "hzdigital.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "hzdigital.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HOME / 'hzdigital.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite lets one writer in at a time; a second (an Excel upload behind another) waits this
    # many seconds before it gives up with "busy" (Python's default is 5).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = HOME / "static"

LOGIN_URL = "/admin/login/"

# Uploaded evidence (progress-report attachments) lives with the rest of the state.
MEDIA_ROOT = HOME / "media"

# Reminder emails (supervision send_reminders) print to the console in the demo; a deployment
# names its SMTP backend here.
EMAIL_BACKEND = os.environ.get(
    "HZDIGITAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("HZDIGITAL_FROM_EMAIL", "hzdigital@localhost")
