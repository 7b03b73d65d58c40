"""Delivery API pieces every content area shares: schemas, body blocks, footer and menu."""

from typing import Annotated, Literal

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from wagtail.models import Page

from home.blocks import CaptionedImageBlock
from home.delivery import API_PREFIX, ApiError, check_query, language_choice, locale_info, not_found
from home.images import BODY_SPECS, prefetch_renditions
from home.models import HomePage, SiteSettings
from locales.resolution import (
    LanguageChoice,
    alternates,
    front_end_path,
    nearest_snippet_fields,
    pick_versions,
    visible_pages,
)
from locales.richtext import LocalizedRichText

router = Router(tags=["site"])


# --- Schemas shared by every content type -------------------------------------------------------


class LocaleInfo(Schema):
    requested: str = Field(description="The locale the request asked for (or Accept-Language chose).")
    served: str = Field(description="The locale of the content in this response.")
    fallback: bool = Field(description="True when the content is not in the requested locale.")


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: str = Field(description="webp, jpeg, png or gif")


class Image(Schema):
    id: int
    title: str
    width: int
    height: int
    alt_text: str = Field(description="Empty when the image is decorative.")
    decorative: bool
    renditions: list[Rendition]
    srcset: dict[str, str] = Field(
        description="A ready srcset string per format, e.g. {'webp': 'url 480w, ...'}."
    )


class CaptionedImage(Schema):
    image: Image | None
    caption: str
    credit: str


class ParagraphValue(Schema):
    html: str = Field(description="HTML; internal links point at the same locale's front-end path.")


class ParagraphBlock(Schema):
    type: Literal["paragraph"]
    id: str
    value: ParagraphValue


class ImageBlock(Schema):
    type: Literal["image"]
    id: str
    value: CaptionedImage


class GalleryValue(Schema):
    images: list[CaptionedImage]
    caption: str


class GalleryBlock(Schema):
    type: Literal["gallery"]
    id: str
    value: GalleryValue


class QuoteValue(Schema):
    quote: str
    attribution: str


class QuoteBlock(Schema):
    type: Literal["quote"]
    id: str
    value: QuoteValue


class VideoValue(Schema):
    url: str
    caption: str


class VideoBlock(Schema):
    type: Literal["video"]
    id: str
    value: VideoValue


BodyBlock = Annotated[
    ParagraphBlock | ImageBlock | GalleryBlock | QuoteBlock | VideoBlock,
    Field(discriminator="type"),
]


class Alternate(Schema):
    locale: str
    state: Literal["translated", "out_of_date", "fallback", "missing"] = Field(
        description="translated: published in this locale; out_of_date: published but behind its source; "
        "fallback: a reader of this locale gets another locale's version; missing: nothing to serve."
    )
    served_locale: str | None
    id: int | None
    slug: str | None
    path: str | None = Field(description="Front-end path of the version a reader of this locale gets.")
    api_url: str | None


class Crumb(Schema):
    id: int
    title: str
    path: str


class PageLink(Schema):
    id: int
    title: str
    slug: str
    locale: str
    path: str


class CodeLabel(Schema):
    code: str
    label: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    invalid_params: list[dict] | None = None


# --- Serialising blocks ---------------------------------------------------------------------------


# A photo's representation is its block's own, the same in both APIs.
CAPTIONED_IMAGE = CaptionedImageBlock()


class BlockWriter:
    """Turns StreamField values into the typed block data above, for one reader's language."""

    def __init__(self, choice):
        self.choice = choice
        self.rich_text = LocalizedRichText(choice)

    @staticmethod
    def captioned_image(value):
        return CAPTIONED_IMAGE.get_api_representation(value)

    def block(self, child):
        kind, value = child.block_type, child.value
        if kind == "paragraph":
            data = {"html": self.rich_text(value.source)}
        elif kind == "image":
            data = self.captioned_image(value)
        elif kind == "gallery":
            data = {
                "images": [self.captioned_image(item) for item in value["images"]],
                "caption": value.get("caption") or "",
            }
        elif kind == "quote":
            data = {"quote": value["quote"], "attribution": value.get("attribution") or ""}
        elif kind == "video":
            data = {
                "url": value["video"].url if value.get("video") else "",
                "caption": value.get("caption") or "",
            }
        else:  # a block type added to the model but not yet to the API
            return None
        return {"type": kind, "id": child.id or "", "value": data}

    def stream(self, stream_value, images=()):
        """The blocks of `stream_value`. Links and renditions (with those of `images`, e.g. the
        page's cover) are loaded for the whole body first: a query each, not one per block."""
        children = list(stream_value)
        self.rich_text.prefetch(self._paragraphs(children))
        prefetch_renditions([*images, *self.images(children)])
        return [block for block in (self.block(child) for child in children) if block is not None]

    def link_ids(self, stream_value):
        """Ids of the pages the body's paragraphs link to, to resolve with other pages at once."""
        return self.rich_text.link_ids(self._paragraphs(stream_value))

    @staticmethod
    def _paragraphs(children):
        return [child.value.source for child in children if child.block_type == "paragraph"]

    @staticmethod
    def images(children):
        for child in children:
            if child.block_type == "image":
                yield child.value.get("image")
            elif child.block_type == "gallery":
                yield from (item.get("image") for item in child.value["images"])


def page_link(page):
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "locale": page.locale.language_code,
        "path": front_end_path(page),
    }


def page_alternates(page, model, resource, versions=None):
    """Each published locale's version of `page` with its API URL; none for an unsaved page.

    `versions`: the page's visible versions, when the caller has loaded them already."""
    if not page.pk:
        return []
    return [
        {
            **alt,
            "api_url": f"{API_PREFIX}/{resource}/{alt['id']}?locale={alt['locale']}" if alt["id"] else None,
        }
        for alt in alternates(page, model.objects.all(), LanguageChoice, versions)
    ]


def breadcrumbs(page, references=None):
    """From the language's home page down to the page's parent, each as the reader sees it.

    `references`: a PageReferences made with `ancestors_of=page`, which has them loaded."""
    if references is not None:
        ancestors = references.ancestors
    else:
        ancestors = (
            visible_pages(page.get_ancestors().filter(depth__gte=2))
            .select_related("locale")
            .order_by("depth")
        )
    return [{"id": a.pk, "title": a.title, "path": front_end_path(a)} for a in ancestors]


def localize_objects(objects, choice, images=()):
    """Translatable snippets in the reader's language: {translation_key: nearest version}.

    Relations point at source-language snippets; `result.get(obj.translation_key, obj)` gives
    each in the reader's language, or the object itself when it has no nearer translation. Which
    version is nearest is `nearest_snippet_fields`'s rule, the one every snippet is localised by;
    the versions chosen are then loaded whole. `images` names image fields they deliver (a logo,
    a photo): loaded with them, and their renditions in one more query.
    """
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    nearest = nearest_snippet_fields(model, [obj.translation_key for obj in objects], choice, ["pk"])
    versions = model.objects.filter(pk__in=[fields["pk"] for fields in nearest.values()])
    best = {version.translation_key: version for version in versions.select_related("locale", *images)}
    prefetch_renditions([getattr(version, name) for version in best.values() for name in images], BODY_SPECS)
    return best


# --- Site settings (the footer) and navigation ---------------------------------------------------


class PhoneLine(Schema):
    label: str
    number: str


class SiteSettingsOut(Schema):
    locale: LocaleInfo
    organisation_name: str
    address: str
    postcode: str
    email: str
    phone_lines: list[PhoneLine]
    copyright: str
    icp_number: str
    icp_url: str
    public_security_number: str
    public_security_url: str
    technical_support: str


class MenuItem(Schema):
    id: int
    title: str
    path: str
    type: str = Field(description="The page type, e.g. news.NewsIndexPage.")
    locale: str


class NavigationOut(Schema):
    locale: LocaleInfo
    home: MenuItem
    items: list[MenuItem]


class LocaleQuery(Schema):
    locale: str | None = Field(None, description="A published locale code; default: Accept-Language.")


@router.get(
    "/site-settings",
    response={200: SiteSettingsOut, 400: Problem, 404: Problem},
    summary="The footer: organisation, address, phone lines, filing numbers",
)
def site_settings(request: HttpRequest, query: Query[LocaleQuery]):
    check_query(request, {"locale"})
    choice = language_choice(request, query.locale)
    settings = SiteSettings.nearest(choice.chain)
    if settings is None:
        raise not_found("site settings")
    served = settings.locale.language_code
    return {"locale": locale_info(choice, served), **settings.delivery_data()}


def menu_item(page):
    content_type = ContentType.objects.get_for_id(page.content_type_id)
    return {
        "id": page.pk,
        "title": page.title,
        "path": front_end_path(page),
        # Content types come from Django's own per-process cache of them (schema, not content).
        "type": f"{content_type.app_label}.{content_type.model_class().__name__}",
        "locale": page.locale.language_code,
    }


@router.get(
    "/navigation",
    response={200: NavigationOut, 400: Problem, 404: Problem},
    summary="The menu: the home page and its sections shown in menus",
)
def navigation(request: HttpRequest, query: Query[LocaleQuery]):
    check_query(request, {"locale"})
    choice = language_choice(request, query.locale)
    homes = pick_versions(list(visible_pages(HomePage.objects.all()).select_related("locale")), choice)
    if not homes:
        raise not_found("home page")
    home = next(iter(homes.values()))
    return {
        "locale": locale_info(choice, home.locale.language_code),
        "home": menu_item(home),
        "items": [menu_item(page) for page in menu_sections(choice)],
    }


def menu_sections(choice):
    """The sections shown in menus, each in the nearest language a reader of `choice` gets."""
    # Sections of every language's home, resolved per section so an untranslated one falls back.
    sections = (
        visible_pages(Page.objects.filter(depth=3, show_in_menus=True))
        .select_related("locale")
        .order_by("path")
    )
    best = pick_versions(list(sections), choice)
    # Menu order is the order of the sections under their home page.
    return sorted(best.values(), key=lambda page: page.path[Page.steplen * 2 :])


def raise_for_id(value, name="id"):
    if not 1 <= value <= 2**31 - 1:
        raise ApiError(400, "Invalid identifier", f"'{name}' must be a positive integer.", param=name)


# --- Previews ---------------------------------------------------------------------------------------
#
# The home page and the section indexes have no detail endpoint: a front end builds their screens
# from the list endpoints. Their preview document is what those lists give for the page's language
# under the page's own (unsaved) title and introduction, so the editor sees what a reader will.


def index_document(page, count, items):
    """A page that introduces a list: its own fields, where it sits, and the list's first window.

    The page's `list_resource` is the list endpoint a front end reads for it (e.g. "news"); `count`
    is how many items that list has in all and `items` its first window, as the endpoint serves them.
    """
    code = page.locale.language_code
    model, resource = type(page), page.list_resource
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "locale": locale_info(LanguageChoice(code), code),
        "path": front_end_path(page),
        "introduction": page.introduction,
        "list_url": f"{API_PREFIX}/{resource}?locale={code}",
        "count": count,
        "items": items,
        # Each language's version of the page is read through that language's list.
        "alternates": [
            {**alt, "api_url": f"{API_PREFIX}/{resource}?locale={alt['locale']}" if alt["id"] else None}
            for alt in (alternates(page, model.objects.all(), LanguageChoice) if page.pk else [])
        ],
        "breadcrumbs": breadcrumbs(page),
    }


def preview_home(page):
    """The home page: its introduction, the menu (`/navigation`) and the footer (`/site-settings`)."""
    choice = LanguageChoice(page.locale.language_code)
    sections = menu_sections(choice)
    document = index_document(page, len(sections), [menu_item(s) for s in sections])
    footer = SiteSettings.nearest(choice.chain)
    document["site_settings"] = (
        {"locale": locale_info(choice, footer.locale.language_code), **footer.delivery_data()}
        if footer
        else None
    )
    return document
