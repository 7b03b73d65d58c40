"""Admin hooks that keep each user's snippet work inside the languages they work in.

Wagtail's snippet views test permissions by model only (a translator allowed to change topics
could open any language's topic), so these hooks refuse the object's language instead. They run
before wagtail-localize's own hooks, which would otherwise answer with the translation editor.
Pages need no hook: their permissions are granted per language tree (locales.roles).
"""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Locale, TranslatableMixin

from locales.access import can_edit, works_in

# Lower runs first; wagtail-localize registers its snippet hooks at the default order 0.
BEFORE_WAGTAIL_LOCALIZE = -10


@hooks.register("before_edit_snippet", order=BEFORE_WAGTAIL_LOCALIZE)
def refuse_editing_in_other_languages(request, instance):
    if isinstance(instance, TranslatableMixin) and not can_edit(request.user, instance):
        raise PermissionDenied


@hooks.register("before_delete_snippet", order=BEFORE_WAGTAIL_LOCALIZE)
def refuse_deleting_in_other_languages(request, instances):
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and not works_in(request.user, instance.locale_id):
            raise PermissionDenied


@hooks.register("before_create_snippet", order=BEFORE_WAGTAIL_LOCALIZE)
def refuse_creating_in_other_languages(request, model):
    if not issubclass(model, TranslatableMixin):
        return
    if not works_in(request.user, _locale_of_new_snippet(request, model)):
        raise PermissionDenied


def _locale_of_new_snippet(request, model):
    """The language the create (or copy) view will save in, as Wagtail's LocaleMixin decides it."""
    match = request.resolver_match
    if match is not None and match.url_name == "copy":
        original = model._default_manager.filter(pk=match.kwargs.get("pk")).first()
        if original is not None:
            return original.locale_id
    code = request.GET.get("locale")
    if code:
        locale = Locale.objects.filter(language_code=code).first()
        return locale.pk if locale else None
    return Locale.get_default().pk
