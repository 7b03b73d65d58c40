from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.blocks import title_images_after_captions
from home.models import SiteSettings
from locales.languages import source_language_code


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cogs"
    menu_label = _("Site settings")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["organisation_name", "locale"]


register_snippet(SiteSettingsViewSet)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def name_images_after_their_captions(request, page):
    # Editors write captions in the source language; translators' captions stay in their blocks.
    if page.locale.language_code == source_language_code():
        title_images_after_captions(page)
