from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import images
        from home.answers import invalidation, recording
        from home.answers.store import crawl_from
        from home.answers.tags import watch_app
        from home.api import preview_home
        from home.bootstrap import ensure_home_pages_after_migrate
        from home.headless import register_preview
        from home.models import HomePage

        post_migrate.connect(ensure_home_pages_after_migrate, sender=self)
        watch_app(self.label)
        crawl_from("navigation", "site-settings")
        recording.connect()
        invalidation.connect()
        images.connect()
        register_preview(HomePage, preview_home)
