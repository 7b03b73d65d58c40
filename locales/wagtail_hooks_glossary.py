"""The glossary in the admin: editors keep the fixed translations of names (locales.models)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from locales.models import GlossaryTerm


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    menu_label = _("Glossary")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["term", "language", "translation", "note"]
    list_filter = ["language"]
    search_fields = ["term", "translation"]


register_snippet(GlossaryViewSet)
