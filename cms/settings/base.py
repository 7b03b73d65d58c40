"""Settings shared by every environment.

Everything that differs between machines comes from the environment; `.env.example` at the
top of the repository lists each variable. `dev`, `test` and `production` import this module
and change only what their purpose needs.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms.settings.environment import database_from_url, env, env_bool, env_list

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Our apps first, so their templates and translations win.
    "locales",
    "home",
    "partnerships",
    "news",
    "cms",  # the project: site-wide demo content (cms/demo) and its command
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales (same app label)
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs page's assets locally instead of from a CDN
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.middleware.ApiV2GzipMiddleware",
    # Before sessions, auth and messages: a stored API answer needs none of them.
    "cms.middleware.StoredAnswerMiddleware",
    "cms.middleware.RequestScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# A SQLite file is the embedded default; production points DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": database_from_url(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (shared by every app process), otherwise a per-process cache
# that is only good enough for one process on one machine. The cache holds nothing the product
# cannot lose: while Redis is unreachable every call misses (cms.cache), reads and edits go on,
# and /health/ reports Redis as degraded.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work (django-tasks): re-rendering stored answers after a change, scheduled
# publishing, Wagtail's search and reference index updates. The database queue needs no other
# server; `manage.py run_worker` runs it (`make run` starts one beside the web server). To spread
# workers over many machines, use RQ on Redis: see docs/operations.md.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# The one place where the published languages are declared. The first is the source language
# the editors write in. Adding a language is one line here plus `manage.py migrate` (which
# creates its Locale and home page; see locales.bootstrap).
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("kk", _("Kazakh")),
]
LANGUAGE_CODE = "zh-hans"
# One catalog for the UI strings of all our apps (`make messages` refreshes it). Django would
# find it as the `locales` app's own, but makemessages only files strings from home/, news/,
# partnerships/ and cms/ there when it is named in LOCALE_PATHS. After it, the strings other
# catalogs lack, built from UI_LANGUAGE_FALLBACKS by `make messages` (locales.ui_language).
LOCALE_PATHS = [
    BASE_DIR / "locales" / "locale",
    *(BASE_DIR / "locales" / "fallback" / code for code in ("ru", "en")),
]

# Where a reader is sent when a page has no published translation in the language asked for,
# nearest first. The source language is always the last resort.
LOCALE_FALLBACKS = {
    "kk": ["en", "zh-hans"],
    "en": ["zh-hans"],
}

# How the API maps an Accept-Language tag it does not publish to one it does. Tags are matched
# after the published codes themselves (zh-CN -> zh -> alias), case-insensitively.
API_LANGUAGE_ALIASES = {
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-tw": "zh-hans",
    "zh-hk": "zh-hans",
    "zh-mo": "zh-hans",
    "zh-hant": "zh-hans",
    # Russian is widely read in Kazakhstan; Kazakh readers fall back to English, then Chinese.
    "ru": "kk",
}

WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Asia/Shanghai")

# Languages the admin interface can be shown in (each user picks one in their account).
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("kk", "Қазақша"),
    ("ru", "Русский"),
]
# Interface strings a catalog lacks fall back to the language named here instead of LANGUAGE_CODE
# (Chinese): Wagtail has no Kazakh, so a Kazakh translator reads Russian where Kazakh is missing,
# and Russian falls back to English. Built into catalogs by `make messages` (locales.ui_language):
# a change takes effect once they are rebuilt.
UI_LANGUAGE_FALLBACKS = {"kk": "ru", "ru": "en"}

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = env("STATIC_URL", "/static/")
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page models exceed Django's default of 1,000 fields per form in Wagtail's editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "International Cooperation CMS")
# Full URLs (rendition URLs in the API, links in notification emails) are built from this.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search (PostgreSQL full text, SQLite FTS5) over text that locales.search has
# split into Chinese characters and pairs, Kazakh stems and English stems, for the API, the
# admin and its choosers alike; PostgreSQL's "simple" configuration leaves those terms as they are.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "locales.search", "SEARCH_CONFIG": "simple"}}
# No avatars from Gravatar: the admin must not make requests to outside hosts (blocked in
# mainland China, where every admin screen would hang on them). Wagtail shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Uploads are decoded whole: a broken file is a form error, not a 500 later (home.forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# A new translation stays a draft until its translator publishes it; wagtail-localize's default
# publishes it at once, showing every untranslated string in Chinese. Code that must publish (the
# home-page bootstrap, the demo loader) says so: locales.translation.translate_with_strings.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- API consumers ---------------------------------------------------------------------------
# Front ends on other origins that may call the API from a browser.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
# Where the admin's "Preview" sends editors: the front end's preview page, with {token} (and
# optionally {type} and {locale}) filled in. Empty: the admin shows a plain rendering itself.
HEADLESS_PREVIEW_URL = env("HEADLESS_PREVIEW_URL", "")
PREVIEW_TOKEN_SECONDS = int(env("PREVIEW_TOKEN_SECONDS", "900"))
# A client's repeated views of one page within this window count once.
API_VIEW_WINDOW_SECONDS = int(env("API_VIEW_WINDOW_SECONDS", "600"))
# How long shared caches and browsers may keep delivery-API responses (they revalidate with ETag).
API_CACHE_MAX_AGE = int(env("API_CACHE_MAX_AGE", "60"))
# Stored answers (home.answers): the answer to each canonical delivery read is stored in the
# database when first rendered and read back in one or two queries until something it shows
# changes. Off: every read renders (the same bytes, more slowly).
API_STORED_ANSWERS = env_bool("API_STORED_ANSWERS", True)
# After a change, the background worker renders the answers it made stale, so readers find them
# rendered; off: the next reader of each renders it.
API_RENDER_AHEAD = env_bool("API_RENDER_AHEAD", True)
# The queries a render repeats are built and compiled once per shape and process (locales.prepared);
# off: compiled at every call (the same SQL and answers, a render about three times slower).
PREPARED_QUERIES = env_bool("PREPARED_QUERIES", True)
# Where readers' pages live: the front end's base URL (no trailing slash). "View live" in the
# admin and the site root (/) lead there; empty: / answers a small JSON index of the APIs.
FRONTEND_BASE_URL = env("FRONTEND_BASE_URL", "").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# --- Slugs and machine translation (locales.slugs, locales.machine_translation) ---------------
# Page slugs are ASCII in every language: locales.slugs transliterates Chinese (pinyin) and
# Kazakh titles and slugs when a page or a translation is saved. Unicode slugs stay allowed so
# that the admin's JavaScript copies a Chinese or Kazakh title into the slug intact (with this
# off it drops Kazakh letters and leaves Chinese empty) and the server transliterates it whole.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The translation editor's "Machine translate" button, shown only when an engine is set up
# (locales.machine_translation). MACHINE_TRANSLATION_ENGINE "chat": MACHINE_TRANSLATION_URL is
# the base URL of an OpenAI-compatible chat-completions API (vLLM, llama.cpp, Ollama: ".../v1")
# and MACHINE_TRANSLATION_MODEL the model to ask; the one way to machine-translate Kazakh on
# the college's own servers. "libretranslate" (the default): MACHINE_TRANSLATION_URL names a
# self-hosted LibreTranslate server (no Kazakh; MACHINE_TRANSLATION_CHINESE_CODE is its name
# for Simplified Chinese: "zh" on self-hosted releases, "zh-Hans" on recent ones). Both take
# MACHINE_TRANSLATION_API_KEY and MACHINE_TRANSLATION_TIMEOUT (seconds per request). A failure
# is shown to the translator and changes nothing. Development and tests use an offline
# placeholder instead (cms.settings.dev, cms.settings.test), whose stand-ins never count as
# translated.
MACHINE_TRANSLATION_URL = env("MACHINE_TRANSLATION_URL", "")
MACHINE_TRANSLATION_ENGINE = env("MACHINE_TRANSLATION_ENGINE", "libretranslate")
MACHINE_TRANSLATION_API_KEY = env("MACHINE_TRANSLATION_API_KEY", "")
# A self-hosted model may take a while over a long string; the translator waits at most this.
MACHINE_TRANSLATION_TIMEOUT = float(env("MACHINE_TRANSLATION_TIMEOUT", "60"))
if MACHINE_TRANSLATION_ENGINE not in ("libretranslate", "chat"):
    raise ImproperlyConfigured(
        f"MACHINE_TRANSLATION_ENGINE must be libretranslate or chat; got {MACHINE_TRANSLATION_ENGINE!r}."
    )
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
if MACHINE_TRANSLATION_URL and MACHINE_TRANSLATION_ENGINE == "chat":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "locales.machine_translation.ChatCompletionsTranslator",
        "OPTIONS": {
            "URL": MACHINE_TRANSLATION_URL,
            "MODEL": env("MACHINE_TRANSLATION_MODEL", ""),
            "API_KEY": MACHINE_TRANSLATION_API_KEY,
            "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT,
        },
    }
elif MACHINE_TRANSLATION_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "locales.machine_translation.LibreTranslateTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": MACHINE_TRANSLATION_URL,
            "API_KEY": MACHINE_TRANSLATION_API_KEY,
            "TIMEOUT": MACHINE_TRANSLATION_TIMEOUT,
            "LANGUAGE_CODES": {
                "zh-hans": env("MACHINE_TRANSLATION_CHINESE_CODE", "zh"),
                "en": "en",
                "kk": "kk",
            },
        },
    }
# Machine output is a draft until a person confirms it (saves the string in the translation
# editor): until then it counts as untranslated, so a page with such strings is not published.
# True lets unconfirmed machine output go live (the placeholder's never does).
TRANSLATION_PUBLISH_MACHINE_OUTPUT = env_bool("TRANSLATION_PUBLISH_MACHINE_OUTPUT", False)

# --- Translation agencies' PO files (locales.po) ---------------------------------------------
# What an import accepts: one PO file, one upload (a zip of them) and the files in a zip. A proxy
# in front of the app must let uploads of TRANSLATION_PO_MAX_ARCHIVE_SIZE through.
TRANSLATION_PO_MAX_FILE_SIZE = 5 * 1024 * 1024
TRANSLATION_PO_MAX_ARCHIVE_SIZE = 50 * 1024 * 1024
TRANSLATION_PO_MAX_FILES = 1000
