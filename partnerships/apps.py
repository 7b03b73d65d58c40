from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from home.answers.store import crawl_from
        from home.answers.tags import watch_app
        from home.headless import register_preview
        from partnerships.api import preview_course, preview_index, preview_partnership
        from partnerships.models import CoursePage, PartnershipIndexPage, PartnershipPage

        watch_app(self.label)
        crawl_from("partnerships", "courses")
        register_preview(PartnershipIndexPage, preview_index)
        register_preview(PartnershipPage, preview_partnership)
        register_preview(CoursePage, preview_course)
