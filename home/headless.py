"""The headless page: previews, URLs and Wagtail's page serving for a site whose readers' pages are
rendered by a front end from the delivery API."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from home.delivery import API_PREFIX
from home.preview import store_preview
from locales.resolution import front_end_path, visible_pages
from locales.slugs import AsciiSlugs

_preview_documents = {}


def register_preview(model, document):
    """`document(page)` gives the delivery-API document of an unsaved `page` of `model`, for the
    admin's preview. Each app registers its page types in `ready()`, so that models never import
    the API modules built on them."""
    _preview_documents[model] = document


class HeadlessPageMixin(AsciiSlugs):
    """What every page type the delivery API serves shares: readers' pages are the front end's.

    - "Preview" opens the front end with a signed token (HEADLESS_PREVIEW_URL), or a plain page.
    - The page's URL, and so the admin's "View live", is its front-end URL when FRONTEND_BASE_URL
      is set.
    - Wagtail's own page URLs answer a redirect to the front end, or a small JSON pointer to the
      page's API answer; a page readers may not see (unpublished, under an unpublished or
      restricted page) answers 404.
    - What a user may do with it follows their languages (locales.access.LanguagePagePermissions).
    - Its slug is ASCII in every language (locales.slugs.AsciiSlugs).
    - Its text is indexed for search word by word in Chinese, Kazakh and English (locales.search).
    """

    @classmethod
    def get_search_fields(cls):
        # Indexed as locales.search analyses it, so Chinese and Kazakh words are found.
        from locales.search import analysed

        return analysed(super().get_search_fields())

    def permissions_for_user(self, user):
        from locales.access import LanguagePagePermissions

        return LanguagePagePermissions(user, self)

    preview_kind = ""  # the API resource, e.g. "news"
    # A page type without a detail endpoint (an index) names the list a reader reads it through.
    list_resource = ""

    def preview_document(self, request):
        """The API document of this page as it stands in the editor (registered by its app)."""
        for model in type(self).__mro__:
            document = _preview_documents.get(model)
            if document is not None:
                return document(self)
        raise NotImplementedError(f"no preview document is registered for {type(self).__name__}")

    def serve_preview(self, request, mode_name):
        document = self.preview_document(request)
        token = store_preview(self.preview_kind, document)
        front_end = settings.HEADLESS_PREVIEW_URL
        if front_end:
            return redirect(
                front_end.format(token=token, type=self.preview_kind, locale=self.locale.language_code)
            )
        return TemplateResponse(
            request,
            "home/preview.html",
            {
                "page": self,
                "document": document,
                # An index's list; `document.items` in a template would call dict.items().
                "items": document.get("items") or [],
                "kind": self.preview_kind,
                "token": token,
            },
        )

    def get_url_parts(self, request=None):
        if settings.FRONTEND_BASE_URL:
            return (None, settings.FRONTEND_BASE_URL, front_end_path(self))
        return super().get_url_parts(request)

    def get_url(self, request=None, current_site=None):
        # Wagtail gives a path alone when the site has one root, which would open the front-end
        # path on the CMS's own host.
        if settings.FRONTEND_BASE_URL:
            return settings.FRONTEND_BASE_URL + front_end_path(self)
        return super().get_url(request=request, current_site=current_site)

    url = property(get_url)  # Page binds its own get_url to `url`

    def delivery_api_url(self):
        code = self.locale.language_code
        if self.list_resource:
            return f"{API_PREFIX}/{self.list_resource}?locale={code}"
        return f"{API_PREFIX}/{self.preview_kind}/{self.pk}?locale={code}"

    def serve(self, request, *args, **kwargs):
        from wagtail.models import Page

        if not visible_pages(Page.objects.filter(pk=self.pk)).exists():
            raise Http404
        if settings.FRONTEND_BASE_URL:
            return redirect(settings.FRONTEND_BASE_URL + front_end_path(self))
        return JsonResponse(
            {
                "title": self.title,
                "locale": self.locale.language_code,
                "path": front_end_path(self),
                "api_url": self.delivery_api_url(),
            },
            json_dumps_params={"ensure_ascii": False},
        )
