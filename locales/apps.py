from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LocalesConfig(AppConfig):
    name = "locales"
    verbose_name = _("Languages")

    def ready(self):
        import locales.access
        import locales.ui_language  # noqa: F401  (its system check)
        from locales import patches
        from locales.bootstrap import ensure_locales_after_migrate
        from locales.roles import last_app_with_models, setup_roles_after_migrate

        patches.apply()  # the run-time replacements that remain, each with its upstream link

        locales.access.apply()  # each user's work stays in the languages they work in

        from wagtail.signals import page_published

        from locales.translation import note_unchanged_republish

        # A republish with the same texts leaves its translations up to date.
        page_published.connect(note_unchanged_republish, dispatch_uid="locales-unchanged-republish")

        post_migrate.connect(ensure_locales_after_migrate, sender=self)
        # Last, once every app's permissions and the home pages exist.
        post_migrate.connect(setup_roles_after_migrate, sender=last_app_with_models())
