from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalesConfig(AppConfig):
    name = "locales"
    verbose_name = _("Languages")

    def ready(self):
        from locales import machine_translation, patches, slugs
        from locales.bootstrap import ensure_locales_after_migrate

        patches.apply()
        slugs.install()  # ASCII slugs from Chinese and Kazakh titles and translated slugs
        machine_translation.install()  # machine-translation failures reach the translator

        post_migrate.connect(ensure_locales_after_migrate, sender=self)
