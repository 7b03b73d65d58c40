"""Wagtail's own API v2 at /api/v2/, for existing Wagtail headless tooling.

The endpoints are Wagtail's, with these changes to the pages endpoint:

- Pages are visible by the project's rule (`locales.resolution.visible_pages`, as in the delivery
  API): stock v2 hides pages that are not live and view-restricted branches; this also hides pages
  in a locale that is not in `WAGTAIL_CONTENT_LANGUAGES` and pages under an unpublished section,
  from listings, detail by id and the visibility of related pages.
- A listing costs the same number of queries for 5 pages as for 50. Stock v2 fetches each page's
  locale, images, relations and StreamField images one page at a time; `prepare_pages` fetches
  them for the whole page of results, with the images' existing renditions, and finds related
  snippets and pages in each page's language in bulk (`home.api_v2_fields.Localiser`).
- Requests that stock v2 answers with a 500 answer 400: `fields` nested absurdly deep (stock
  recurses once per level until RecursionError), a filter value of the wrong type (`?date=soon`)
  and an offset beyond what the database accepts (on every endpoint). `?search=` with a double
  quote or only spaces, also a 500 in stock v2 on SQLite, is searched as plain text.

and to the images and documents endpoints:

- They list, show and find only the images and documents that published content shows an anonymous
  reader (`published_files`): stock v2 lists every upload with its original's download URL, also
  one chosen only in a draft, on an unpublished or private page, or nowhere.
- A listing costs the same number of queries for 5 images as for 50: stock v2 reads each one's
  tags in a query of its own.
"""

from collections import defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Cast
from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.models import AbstractImage
from wagtail.models import Page, ReferenceIndex, TranslatableMixin

from home.api_v2_fields import Localiser
from home.images import ALL_FILTER_SPECS
from home.models import SiteSettings, ViewCount, ViewCountMixin
from locales.languages import content_language_codes, fallback_chain
from locales.resolution import unfinished_translation, visible_pages

# Real requests nest `fields` one or two levels (`fields=cover_image(title)`); the parser and the
# serializer builder recurse once per level.
MAX_FIELDS_DEPTH = 4
MAX_FIELDS_LENGTH = 1000
# Stock v2 passes any offset to the database, and one beyond a 64-bit integer is a 500 there. No
# listing is anywhere near this long.
MAX_OFFSET = 2**31 - 1


def check_fields_parameter(fields):
    if len(fields) > MAX_FIELDS_LENGTH:
        raise BadRequestError(
            f"fields error: the fields parameter is longer than {MAX_FIELDS_LENGTH} characters"
        )
    depth = deepest = 0
    for char in fields:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    if deepest > MAX_FIELDS_DEPTH:
        raise BadRequestError(f"fields error: fields are nested deeper than {MAX_FIELDS_DEPTH} levels")


class CheckedFindMixin:
    """`find/?id=abc` is a 400 that says what `id` takes, not the ValueError (a 500) that
    Wagtail's `find_object` raises on it."""

    def find_object(self, queryset, request):
        value = request.GET.get("id")
        if value is not None and not (value.isdigit() and int(value) < 2**63):
            raise BadRequestError("id must be a whole number, e.g. id=12")
        return super().find_object(queryset, request)


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view=view)


class _RequestWithQuery:
    """`request` with other query parameters (Django's QueryDict cannot be changed in place)."""

    def __init__(self, request, query):
        self._request = request
        self.GET = query

    def __getattr__(self, name):
        return getattr(self._request, name)


class PlainTextSearchFilter(SearchFilter):
    """Wagtail's `?search=`, safe from the characters that break the SQLite search backend.

    The SQLite backend puts each term between double quotes without escaping them, so a `"` in
    the query is an FTS5 syntax error (a 500; wagtail/wagtail#13227). v2 searches plain text, where
    a quote means nothing: it becomes a space. A query of spaces alone fails in the backend too
    (a 500): it is searched as the empty query, which finds nothing. A NUL character is refused like
    in field filters.
    """

    def filter_queryset(self, request, queryset, view):
        search = request.GET.get("search")
        if search is None:
            return super().filter_queryset(request, queryset, view)
        if "\x00" in search:
            raise BadRequestError("search error: null characters are not allowed")
        query = request.GET.copy()
        query["search"] = search.replace('"', " ").strip()
        return super().filter_queryset(_RequestWithQuery(request, query), queryset, view)


def images_with_renditions():
    """Images with their existing renditions for every filter the API delivers (home.images)."""
    return get_image_model().objects.prefetch_renditions(*ALL_FILTER_SPECS)


def _collect_instances(value, found):
    """Every model instance inside a StreamField value (chosen images, snippets, pages)."""
    if isinstance(value, StreamValue):
        for child in value:
            _collect_instances(child.value, found)
    elif isinstance(value, StructValue | dict):
        for item in value.values():
            _collect_instances(item, found)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            _collect_instances(item, found)
    elif isinstance(value, models.Model):
        found.append(value)


def _image_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractImage)
    ]


def prefetch_images(instances):
    """Fetch the images chosen on `instances` (any models), with their renditions."""
    by_model = defaultdict(list)
    for instance in instances:
        by_model[type(instance)].append(instance)
    for model, group in by_model.items():
        for name in _image_fields(model):
            prefetch_related_objects(group, Prefetch(name, queryset=images_with_renditions()))


def prepare_pages(pages, field_names, localiser):
    """Fetch what serializing `field_names` of `pages` needs, for all pages at once.

    Without this, every page costs its own queries for its locale, each relation, each image and
    its renditions, and the images and snippets chosen in its StreamFields.
    """
    prefetch_related_objects(pages, "locale")
    if "alias_of" in field_names:
        prefetch_related_objects(pages, "alias_of")

    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)

    related = []  # objects the pages point at, to be found in the pages' languages
    stream_instances = []
    for model, group in by_model.items():
        for name in field_names:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.ForeignKey) and issubclass(field.related_model, AbstractImage):
                prefetch_related_objects(group, Prefetch(name, queryset=images_with_renditions()))
            elif isinstance(field, models.ManyToManyField):
                prefetch_related_objects(group, name)
                for page in group:
                    related.extend(getattr(page, name).all())
            elif isinstance(field, StreamField):
                # One query per block type for all the pages (StreamBlock.bulk_to_python) instead of
                # one per block type per page when each page's stream is read lazily.
                values = field.stream_block.bulk_to_python(
                    [list(getattr(page, name).raw_data) for page in group]
                )
                for page, value in zip(group, values, strict=True):
                    setattr(page, name, value)
                    _collect_instances(value, stream_instances)
        if "view_count" in field_names and issubclass(model, ViewCountMixin):
            counts = dict(
                ViewCount.objects.filter(translation_key__in={p.translation_key for p in group}).values_list(
                    "translation_key", "views"
                )
            )
            for page in group:
                page._view_count = counts.get(page.translation_key, 0)

    # Images chosen in blocks were fetched without their renditions.
    stream_images = [obj for obj in stream_instances if isinstance(obj, AbstractImage)]
    prefetch_related_objects(
        stream_images,
        Prefetch(
            "renditions",
            to_attr="prefetched_renditions",
            queryset=(
                get_image_model().get_rendition_model().objects.filter(filter_spec__in=ALL_FILTER_SPECS)
            ),
        ),
    )

    # Related objects in every content language, then the images chosen on those versions
    # (a translated logo may differ from the source's).
    localiser.prefetch(related + [obj for obj in stream_instances if not isinstance(obj, AbstractImage)])
    prefetch_images(localiser.found_objects())
    return pages


class ContentPagesAPIViewSet(CheckedFindMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, limited to the content languages and without N+1 queries."""

    pagination_class = BoundedPagination
    filter_backends = [
        PlainTextSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_fields_parameter(request.GET.get("fields", ""))

    def get_base_queryset(self):
        # Shared by the listing, the detail view, child_of/descendant_of/translation_of and the
        # visibility of related pages: computed once per request.
        if not hasattr(self, "_base_queryset"):
            # The project's rule (locales.resolution, shared with the delivery API) on top of
            # stock v2's live-and-not-restricted: also hidden are pages in a language that is not
            # published and pages under an unpublished section. Applied by id because the search
            # backend filters only on indexed fields (`locale__language_code` is not one).
            visible = visible_pages(Page.objects.all()).values("pk")
            self._base_queryset = super().get_base_queryset().filter(pk__in=visible)
        return self._base_queryset

    def filter_queryset(self, queryset):
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in content_language_codes():
            # The same answer as for a locale that does not exist at all.
            raise Http404("No Locale matches the given query.")
        try:
            return super().filter_queryset(queryset)
        except (ValidationError, ValueError, TypeError) as e:
            # A field filter whose value cannot be converted, e.g. ?date=soon or ?topics=news.
            raise BadRequestError(f"field filter error: {_first_message(e)}") from e

    def get_serializer_class(self):
        if not hasattr(self, "_serializer_class"):
            self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["localiser"] = self.localiser
        return context

    @property
    def localiser(self):
        if not hasattr(self, "_localiser"):
            self._localiser = Localiser(self.get_base_queryset())
        return self._localiser

    def prepare(self, pages):
        return prepare_pages(list(pages), self.get_serializer_class().Meta.fields, self.localiser)

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = self.prepare(self.paginate_queryset(queryset))
        serializer = self.get_serializer(pages, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        instance = self.get_object()
        self.prepare([instance])
        serializer = self.get_serializer(instance)
        return Response(serializer.data)


def _first_message(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)


# -- Images and documents: only what published content shows ---------------------------------------
#
# An image or document is shown when published content an anonymous reader gets points at it:
#
# - a page readers may see (`visible_pages`), in any foreign key, StreamField block (image blocks,
#   galleries) or rich-text embed or link of its row or its inline children;
# - a snippet such a page delivers, chosen in a block or a many-to-many relation, in the version
#   a reader of the page's language gets (`home.api_v2_fields.Localiser`'s rule);
# - a snippet delivered without a page pointing at it (STANDALONE_SNIPPETS), in a content language.
#
# References are read from Wagtail's ReferenceIndex, which records exactly that content: it is
# built from an object's row as saved in the database (`update_reference_index_task` re-reads it by
# id). For a page, that row is the live content: a draft is a Revision, which is not indexed, and
# saving one writes only the page's revision-tracking columns (and no relation). Snippets have no
# drafts. Page and snippet models are registered with the index when Django starts (the snippets
# app looks up the snippet models in its `ready`), in the web server and the worker alike. The
# index leaves many-to-many relations out: those are read from their tables. Which pages are
# visible is decided here, at request time: unpublishing or restricting a page hides its files at
# once. The index itself is updated by a task after each save (at once in tests, by the worker in
# production), so a newly published image is listed once the worker has run that task.

# The footer of each language (the home page's `site_settings`). It names no image or document
# today; one added to it is listed without a change here.
STANDALONE_SNIPPETS = (SiteSettings,)


def _snippet_models():
    """The models other than pages, images and documents whose references the index records."""
    return [
        model
        for model in apps.get_models()
        if ReferenceIndex.is_indexed(model) and not issubclass(model, Page | AbstractImage | AbstractDocument)
    ]


def _content_type(model):
    # The index records an object under its base model (Page for every page type).
    base = model._meta.get_parent_list()[-1] if model._meta.parents else model
    return ContentType.objects.get_for_model(base, for_concrete_model=False)


def _pk_as_text(queryset):
    """The primary keys of `queryset` as the text that ReferenceIndex.object_id holds."""
    return queryset.order_by().annotate(_object_id=Cast("pk", models.CharField())).values("_object_id")


def _delivered_snippets(pages, page_references, snippet_models):
    """{model: pks}: the snippets that `pages` deliver, each in the version a reader of the page's
    language gets: the nearest finished translation in a content language along the language's
    fallback chain, or the chosen snippet itself. One query per relation and model."""
    types = {_content_type(model).pk: model for model in snippet_models}
    chosen = defaultdict(set)  # model -> {(pk, language of the page that chose it)}

    # Chosen in page content (snippet chooser blocks, foreign keys).
    page_language = Page.objects.filter(pk=Cast(OuterRef("object_id"), models.IntegerField())).values(
        "locale__language_code"
    )[:1]
    rows = (
        page_references.filter(to_content_type__in=list(types))
        .annotate(language=Subquery(page_language))
        .order_by()
        .values_list("to_content_type", "to_object_id", "language")
        .distinct()
    )
    for type_id, object_id, language in rows:
        model = types[type_id]
        try:
            chosen[model].add((model._meta.pk.to_python(object_id), language))
        except ValidationError:  # not a key of that model: it names nothing
            continue

    # Chosen in many-to-many relations (ParentalManyToManyField), which the index leaves out.
    for page_model in apps.get_models():
        if not issubclass(page_model, Page):
            continue
        for field in page_model._meta.local_many_to_many:
            if field.related_model not in snippet_models:
                continue
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows = (
                field.remote_field.through.objects.filter(**{f"{source}__in": pages.values("pk")})
                .order_by()
                .values_list(target, f"{source}__locale__language_code")
                .distinct()
            )
            chosen[field.related_model].update(rows)

    delivered = {}
    languages = set(content_language_codes())
    for model, choices in chosen.items():
        pks = {pk for pk, _language in choices}
        if not issubclass(model, TranslatableMixin):
            delivered[model] = pks
            continue
        manager = model._default_manager
        versions = (
            manager.filter(translation_key__in=manager.filter(pk__in=pks).values("translation_key"))
            .annotate(_unfinished=unfinished_translation())
            .order_by()
            .values_list("pk", "translation_key", "locale__language_code", "_unfinished")
        )
        key_of, finished = {}, defaultdict(dict)
        for pk, key, code, unfinished in versions:
            key_of[pk] = key
            if code in languages and not unfinished:
                finished[key][code] = pk
        delivered[model] = set()
        for pk, language in choices:
            if pk not in key_of:  # deleted since the page chose it
                continue
            found = finished[key_of[pk]]
            delivered[model].add(
                next((found[code] for code in fallback_chain(language) if code in found), pk)
            )
    return delivered


def published_files(file_model):
    """The condition, on a queryset of `file_model` (the image or document model), for the files
    that published content shows an anonymous reader (see above).

    A few queries to learn which snippets are delivered, whatever the number of pages, snippets or
    files; the files are then narrowed in the listing's own query.
    """
    pages = visible_pages(Page.objects.all())
    shown = Q(base_content_type=_content_type(Page), object_id__in=_pk_as_text(pages))
    snippet_models = _snippet_models()
    delivered = _delivered_snippets(pages, ReferenceIndex.objects.filter(shown), snippet_models)
    for model, pks in delivered.items():
        shown |= Q(base_content_type=_content_type(model), object_id__in=[str(pk) for pk in pks])
    for model in STANDALONE_SNIPPETS:
        if model in snippet_models:  # only a model that can point at something is indexed
            in_languages = model._default_manager.filter(locale__language_code__in=content_language_codes())
            shown |= Q(base_content_type=_content_type(model), object_id__in=_pk_as_text(in_languages))
    references = ReferenceIndex.objects.filter(
        shown,
        to_content_type=_content_type(file_model),
        # Matched as text: a rich-text embed's id is whatever its HTML says, and casting that to a
        # number would fail on PostgreSQL for one that is not.
        to_object_id=Cast(OuterRef("pk"), models.CharField()),
    )
    # As `pk__in`, a filter the search backend can apply (`id` is an indexed FilterField).
    return Q(pk__in=file_model._default_manager.filter(Exists(references)).values("pk"))


class PrefetchedTagsField(TagsField):
    """Wagtail's tags field, from tags fetched for the whole listing when they were."""

    def to_representation(self, value):
        # (taggit's `is_cached` fails on an object that nothing was prefetched for.)
        if value.prefetch_cache_name in getattr(value.instance, "_prefetched_objects_cache", {}):
            # By name, as stock v2 has the database sort them (in code point order, as SQLite and
            # PostgreSQL's "C" collation do).
            return sorted(tag.name for tag in value.all())
        return super().to_representation(value)


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        if field_class is TagsField:
            field_class = PrefetchedTagsField
        return field_class, kwargs


class PublishedImageSerializer(PrefetchedTagsMixin, ImageSerializer):
    pass


class PublishedDocumentSerializer(PrefetchedTagsMixin, DocumentSerializer):
    pass


class PublishedFilesMixin(CheckedFindMixin):
    """Listing, detail and find limited to `published_files`; a listing's tags in one query."""

    pagination_class = BoundedPagination

    def get_queryset(self):
        # Also called to build the serializer: computed once per request.
        if not hasattr(self, "_published_queryset"):
            self._published_queryset = super().get_queryset().filter(published_files(self.model))
        return self._published_queryset.all()

    def paginate_queryset(self, queryset):
        files = list(super().paginate_queryset(queryset))
        prefetch_related_objects(files, "tags")
        return files


class BoundedImagesAPIViewSet(PublishedFilesMixin, ImagesAPIViewSet):
    base_serializer_class = PublishedImageSerializer


class BoundedDocumentsAPIViewSet(PublishedFilesMixin, DocumentsAPIViewSet):
    base_serializer_class = PublishedDocumentSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ContentPagesAPIViewSet)
api_router.register_endpoint("images", BoundedImagesAPIViewSet)
api_router.register_endpoint("documents", BoundedDocumentsAPIViewSet)
