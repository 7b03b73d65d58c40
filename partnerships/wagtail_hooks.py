from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from partnerships.models import PartnerInstitution, Person


class PartnerInstitutionViewSet(SnippetViewSet):
    model = PartnerInstitution
    icon = "site"
    menu_label = _("Partner institutions")
    list_display = ["name", "short_name", "country", "locale"]
    search_fields = ["name", "short_name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Teachers and speakers")
    list_display = ["name", "title", "department", "locale"]
    search_fields = ["name"]


class PartnershipsGroup(SnippetViewSetGroup):
    items = (PartnerInstitutionViewSet, PersonViewSet)
    menu_icon = "group"
    menu_label = _("Partners")
    menu_order = 300


register_snippet(PartnershipsGroup)
