from locales import wagtail_hooks_reports  # noqa: F401
