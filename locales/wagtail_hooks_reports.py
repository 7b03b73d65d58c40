"""Admin URLs and the Reports menu item of the translation status report and PO archives."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from locales import views


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    urls = [
        path("", views.TranslationStatusView.as_view(), name="status"),
        path("export/", views.export_view, name="export"),
        path("import/", views.ImportView.as_view(), name="import"),
    ]
    return [
        path("translation-status/", include((urls, "locales_translation"), namespace="locales_translation"))
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("locales_translation:status"),
        name="translation-status",
        icon_name="site",
        order=9010,
    )
