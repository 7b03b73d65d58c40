from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself: what spans every content area (the demo content and its command)."""

    name = "cms"
    verbose_name = "CMS"
