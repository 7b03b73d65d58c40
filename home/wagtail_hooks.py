from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import SiteSettings


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cogs"
    menu_label = _("Site settings")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["organisation_name", "locale"]


register_snippet(SiteSettingsViewSet)
