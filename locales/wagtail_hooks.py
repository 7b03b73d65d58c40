import locales.wagtail_hooks_access  # noqa: F401
from locales import wagtail_hooks_glossary, wagtail_hooks_listing, wagtail_hooks_reports  # noqa: F401
