"""wagtail-localize's admin views as this project serves them.

Each is wagtail-localize's own view, subclassed or called from ours, and registered at the same
address before wagtail-localize registers its own: Wagtail builds the admin's URLs in the order
of the `register_admin_urls` hooks, so every link and every `reverse("wagtail_localize:...")`
reaches these, and nothing of wagtail-localize is replaced.

- "Translate" (pages and snippets) tests only the global submit_translation permission: the user
  must also be allowed to change the object in its own language.
- After "Translate this page" into one language wagtail-localize opens the new draft, which the
  editor who submitted it may not edit: they see the source's section instead.
- "Sync translated pages/snippets": the user must be allowed to change the source, and "Publish
  immediately" needs the right to publish every translation it would publish; a user without it
  is not offered the choice at all. A machine-translation failure shows the form again with the
  reason, the sync undone.
- The editor's "Machine translate" button: a failure sends the translator back to the editor with
  the reason, and no string translation is saved.
- The per-translation PO upload checks the file first (locales.views.checked_upload_pofile).
- Turning a translation back into an alias puts the source-language content live in the target
  language: only someone who may publish the source page may do that.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import convert, edit_translation, submit_translations, update_translations

from locales.access import can_edit, can_publish, works_in
from locales.languages import source_language_code
from locales.machine_translation import MachineTranslationError, editor_url, failure_message

# Before wagtail-localize's own hook (order 0).
BEFORE_WAGTAIL_LOCALIZE = -10


class _CheckedSubmit:
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.has_perm("wagtail_localize.submit_translation") and not can_edit(user, self.get_object()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubmitPageTranslationView(_CheckedSubmit, submit_translations.SubmitPageTranslationView):
    def get_default_success_url(self, translated_page=None):
        if translated_page is not None and not can_edit(self.request.user, translated_page):
            translated_page = None
        return super().get_default_success_url(translated_page)


class SubmitSnippetTranslationView(_CheckedSubmit, submit_translations.SubmitSnippetTranslationView):
    pass


def _may_publish_every_translation(user, source):
    for translation in source.translations.filter(enabled=True):
        try:
            allowed = can_publish(user, translation.get_target_instance())
        except ObjectDoesNotExist:
            # Not created yet: syncing would create it live.
            allowed = works_in(user, translation.target_locale_id)
        if not allowed:
            return False
    return True


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        may_publish = True
        if request.user.has_perm("wagtail_localize.submit_translation"):
            source = get_object_or_404(TranslationSource, id=kwargs["translation_source_id"])
            if not can_edit(request.user, source.get_source_instance()):
                raise PermissionDenied
            may_publish = _may_publish_every_translation(request.user, source)
            if request.method == "POST" and request.POST.get("publish_translations") and not may_publish:
                raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if not may_publish and form is not None:
            form.fields.pop("publish_translations", None)
        return response

    def form_valid(self, form):
        # wagtail-localize's form_valid runs in a transaction: a failure undoes the sync too.
        try:
            return super().form_valid(form)
        except MachineTranslationError as error:
            messages.error(self.request, failure_message(error))
            self.object.refresh_from_db()
            return self.render_to_response(self.get_context_data())


def machine_translate(request, translation_id, *args, **kwargs):
    try:
        with transaction.atomic():
            return edit_translation.machine_translate(request, translation_id, *args, **kwargs)
    except MachineTranslationError as error:
        messages.error(request, failure_message(error))
        return redirect(editor_url(request, translation_id))


def upload_pofile(request, translation_id):
    from locales.views import checked_upload_pofile

    return checked_upload_pofile(edit_translation.upload_pofile, request, translation_id)


def convert_to_alias(request, page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is not None and not request.user.is_superuser:
        source = Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=source_language_code()
        ).first()
        if source is None or not source.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@hooks.register("register_admin_urls", order=BEFORE_WAGTAIL_LOCALIZE)
def register_admin_urls():
    urls = [
        path(
            "submit/page/<int:page_id>/", SubmitPageTranslationView.as_view(), name="submit_page_translation"
        ),
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="submit_snippet_translation",
        ),
        path(
            "update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="update_translations",
        ),
        path("translate/<int:translation_id>/pofile/upload/", upload_pofile, name="upload_pofile"),
        path(
            "translate/<int:translation_id>/machine_translate/", machine_translate, name="machine_translate"
        ),
        path("page/<int:page_id>/convert_to_alias/", convert_to_alias, name="convert_to_alias"),
    ]
    return [path("localize/", include((urls, "cms_localize"), namespace="cms_localize"))]
