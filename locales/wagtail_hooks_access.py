"""Admin hooks that keep each user's snippet work inside the languages they work in.

Wagtail's snippet views test permissions by model only (a translator allowed to change topics
could open any language's topic), so these hooks refuse the object's language instead. They run
before wagtail-localize's own hooks, which would otherwise answer with the translation editor.
Pages need no such hook: their permissions are granted per language tree (locales.roles). Both
kinds get one more: the translation editor's Publish is refused while strings are unfinished.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation

from locales.access import can_edit, works_in
from locales.translation import save_translated_page, untranslated_count

# Lower runs first; wagtail-localize registers its snippet hooks at the default order 0.
BEFORE_WAGTAIL_LOCALIZE = -10


@hooks.register("before_edit_snippet", order=BEFORE_WAGTAIL_LOCALIZE)
def refuse_editing_in_other_languages(request, instance):
    if isinstance(instance, TranslatableMixin) and not can_edit(request.user, instance):
        raise PermissionDenied
    return refuse_unfinished_publishing(request, instance)


@hooks.register("before_edit_page", order=BEFORE_WAGTAIL_LOCALIZE)
def refuse_unfinished_publishing(request, instance):
    """The translation editor's Publish, refused while strings are untranslated or machine
    output is unconfirmed (locales.views.publishing_refusal)."""
    from locales.views import publishing_refusal

    return publishing_refusal(request, instance)


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


@hooks.register("before_bulk_action")
def refuse_publishing_unfinished_translations(request, action_type, objects, action):
    """The explorer's bulk "Publish" publishes a translation's latest draft, which wagtail-localize
    rendered whenever it last saved it: strings translated since are missing from it, and every
    untranslated one shows the source text. Unfinished translations are refused, as the
    translation editor refuses them; finished ones are rendered afresh, then published."""
    if action_type != "publish":
        return None
    pages = {(page.translation_key, page.locale_id): page for page in objects if isinstance(page, Page)}
    if not pages:
        return None
    translations = Translation.objects.filter(
        source__object_id__in={key for key, _locale in pages}, enabled=True
    ).select_related("source")
    tracked = [
        translation
        for translation in translations
        if (translation.source.object_id, translation.target_locale_id) in pages
    ]
    unfinished = [
        pages[(translation.source.object_id, translation.target_locale_id)]
        for translation in tracked
        if untranslated_count(translation)
    ]
    if not unfinished:
        for translation in tracked:
            rendered = save_translated_page(translation, user=request.user, publish=False)
            # The action publishes the latest revision of the objects it loaded: point them at it.
            pages[
                (translation.source.object_id, translation.target_locale_id)
            ].latest_revision = rendered.latest_revision
        return None
    messages.error(
        request,
        _("Nothing was published: these translations still have untranslated strings: %(titles)s.")
        % {"titles": ", ".join(f"“{page.get_admin_display_title()}”" for page in unfinished)},
    )
    return redirect(action.next_url)
