"""Serializer fields for Wagtail's API v2 (`api_fields` on our page models).

Each field reads the page it serializes, so that what a page points at is delivered in the page's
own language: relations point at the source-language objects (see `locales.languages.
in_source_locale`), and the reader of a Kazakh page wants the Kazakh topic, teacher or partner, or
the nearest fallback. Lookups go through a `Localiser` kept in the serializer context; the API view
fills it for a whole listing in a few queries (see `cms.api_v2`), and without one each object is
looked up on its own.
"""

from django.apps import apps
from django.utils import translation
from rest_framework import serializers
from wagtail.models import Page, TranslatableMixin

from home.images import COVER_FILTERS, serialize_image
from locales.languages import content_language_codes, fallback_chain
from locales.resolution import visible_pages, without_unfinished_translations


class Localiser:
    """The translations of related objects, looked up in bulk and kept for one request.

    `localise(obj, language_code)` walks the language's fallback chain (kk -> en -> zh-hans) and
    returns the first translation found. A page must also be one the reader may see (`visible`, by
    default `locales.resolution.visible_pages`); a related page with no visible version is left
    out (None).
    """

    def __init__(self, visible=None):
        self.visible = visible
        # (model, translation_key) -> {language_code: object}
        self._found = {}

    def _visible(self):
        if self.visible is None:
            self.visible = visible_pages(Page.objects.all())
        return self.visible

    def prefetch(self, objects):
        """Look up every content-language version of `objects`: one query per model."""
        by_model = {}
        for obj in objects:
            if isinstance(obj, TranslatableMixin):
                key = (type(obj), obj.translation_key)
                if key not in self._found:
                    by_model.setdefault(type(obj), set()).add(obj.translation_key)
        for model, keys in by_model.items():
            queryset = model._default_manager.filter(
                translation_key__in=keys, locale__language_code__in=content_language_codes()
            ).select_related("locale")
            if issubclass(model, Page):
                queryset = queryset.filter(pk__in=self._visible().values("pk"))
            if not issubclass(model, Page):
                # Snippet translations still holding source text are not served as translated.
                queryset = without_unfinished_translations(queryset)
            for key in keys:
                self._found[(model, key)] = {}
            for translated in queryset:
                self._found[(model, translated.translation_key)][translated.locale.language_code] = translated
        return self

    def found_objects(self):
        """Every version found so far, to fetch what they point at in turn."""
        return [obj for versions in self._found.values() for obj in versions.values()]

    def localise(self, obj, language_code):
        if obj is None:
            return None
        if not isinstance(obj, TranslatableMixin):
            return obj
        key = (type(obj), obj.translation_key)
        if key not in self._found:
            self.prefetch([obj])
        versions = self._found[key]
        for code in fallback_chain(language_code):
            if code in versions:
                return versions[code]
        # A related page that no reader may see is left out; a snippet with no translation in the
        # chain (its language is not a content language) is delivered as it is.
        return None if isinstance(obj, Page) else obj

    def localise_all(self, objects, language_code):
        localised = (self.localise(obj, language_code) for obj in objects)
        return [obj for obj in localised if obj is not None]


def get_localiser(context):
    """The request's Localiser, created on first use when the view did not provide one."""
    if context.get("localiser") is None:
        view = context.get("view")
        visible = view.get_base_queryset() if hasattr(view, "get_base_queryset") else None
        context["localiser"] = Localiser(visible)
    return context["localiser"]


def page_language(context):
    """The language of the page being serialized (set by `PageStreamField`), if any."""
    page = context.get("page")
    return page.locale.language_code if page is not None else None


def localise_for_page(obj, context):
    """`obj` in the language of the page in `context` (for blocks inside a page's StreamField)."""
    language_code = page_language(context)
    if obj is None or language_code is None:
        return obj
    return get_localiser(context).localise(obj, language_code)


# -- What related objects look like --------------------------------------------------------------


def topic_data(topic):
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


def related_page_data(page):
    return {"id": page.pk, "title": page.title, "locale": page.locale.language_code}


def person_summary(person):
    return person.summary_data()


def person_data(person):
    return person.delivery_data()


def institution_data(institution):
    return institution.delivery_data()


# -- Serializer fields -----------------------------------------------------------------------------


class PageField(serializers.Field):
    """A read-only field computed from the whole page rather than one attribute."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class ImageRenditionsField(serializers.Field):
    """An image foreign key as the shared image shape (home.images): renditions, sizes, srcset."""

    def __init__(self, filters=COVER_FILTERS, **kwargs):
        self.filters = filters
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, image):
        # Image.description is not translatable (WAGTAIL8.md); it is the best alt text a chosen
        # image has outside a block. Never the title, which is often a file name.
        return serialize_image(image, alt_text=getattr(image, "description", ""), filters=self.filters)


class LocalisedRelationField(PageField):
    """A many-to-many relation, each object in the page's language, as plain data.

    `represent` turns one object into data. Related pages with no version the reader may see are
    left out.
    """

    def __init__(self, represent, **kwargs):
        self.represent = represent
        super().__init__(**kwargs)

    def to_representation(self, page):
        objects = getattr(page, self.field_name).all()
        localiser = get_localiser(self.context)
        return [self.represent(obj) for obj in localiser.localise_all(objects, page.locale.language_code)]


class ChoiceLabelField(PageField):
    """The label of a `choices` field's value, in the page's language."""

    def __init__(self, field_name, **kwargs):
        self.choice_field_name = field_name
        super().__init__(**kwargs)

    def to_representation(self, page):
        with translation.override(page.locale.language_code):
            return getattr(page, f"get_{self.choice_field_name}_display")()


class ChoiceListLabelsField(PageField):
    """A `home.fields.ChoiceListField` as [{code, label}], labels in the page's language."""

    def to_representation(self, page):
        field = page._meta.get_field(self.field_name)
        with translation.override(page.locale.language_code):
            return field.labels(getattr(page, self.field_name))


class PageStreamField(PageField):
    """A StreamField whose blocks know the page they belong to (`context["page"]`).

    Blocks use it to deliver chosen snippets in the page's language, and rich text rendered as
    HTML links to pages in the page's language rather than the request's.
    """

    def to_representation(self, page):
        value = getattr(page, self.field_name)
        context = {**self.context, "page": page}
        context["localiser"] = get_localiser(self.context)
        with translation.override(page.locale.language_code):
            return value.stream_block.get_api_representation(value, context=context)


class SiteSettingsField(PageField):
    """The footer data (home.SiteSettings) in the page's language, or the nearest fallback."""

    def to_representation(self, page):
        SiteSettings = apps.get_model("home", "SiteSettings")  # its module imports this one
        footer = SiteSettings.nearest(fallback_chain(page.locale.language_code))
        return site_settings_data(footer) if footer else None


def site_settings_data(site_settings):
    return site_settings.delivery_data()
