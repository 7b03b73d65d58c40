import locales.admin_views  # noqa: F401  (its register_admin_urls hook)
import locales.wagtail_hooks_access  # noqa: F401
from locales import wagtail_hooks_glossary, wagtail_hooks_listing, wagtail_hooks_reports  # noqa: F401
