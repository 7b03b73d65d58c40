from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalesConfig(AppConfig):
    name = "locales"
    verbose_name = _("Languages")

    def ready(self):
        from locales import patches
        from locales.bootstrap import ensure_locales_after_migrate

        patches.apply()

        post_migrate.connect(ensure_locales_after_migrate, sender=self)
