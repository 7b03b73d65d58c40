"""Delivery API pieces every content area shares: schemas, body blocks, footer and menu."""

from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from wagtail.models import Page

from home.delivery import API_PREFIX, ApiError, check_query, language_choice, locale_info, not_found
from home.images import BODY_FILTERS, serialize_image
from home.models import HomePage, SiteSettings
from home.preview import load_preview
from locales.resolution import (
    LanguageChoice,
    alternates,
    front_end_path,
    pick_versions,
    visible_pages,
    without_unfinished_translations,
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


class BlockWriter:
    """Turns StreamField values into the typed block data above, for one reader's language."""

    def __init__(self, choice):
        self.choice = choice
        self.rich_text = LocalizedRichText(choice)

    def captioned_image(self, value):
        image = value.get("image")
        return {
            "image": serialize_image(
                image,
                alt_text=getattr(image, "contextual_alt_text", "") if image else "",
                decorative=getattr(image, "decorative", False) if image else False,
                filters=BODY_FILTERS,
            )
            if image
            else None,
            "caption": value.get("caption") or "",
            "credit": value.get("credit") or "",
        }

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

    def stream(self, stream_value):
        return [block for block in (self.block(child) for child in stream_value) if block is not None]


def page_link(page):
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "locale": page.locale.language_code,
        "path": front_end_path(page),
    }


def page_alternates(page, model, resource):
    """Each published locale's version of `page` with its API URL; none for an unsaved page."""
    if not page.pk:
        return []
    return [
        {
            **alt,
            "api_url": f"{API_PREFIX}/{resource}/{alt['id']}?locale={alt['locale']}" if alt["id"] else None,
        }
        for alt in alternates(page, model.objects.all(), LanguageChoice)
    ]


def breadcrumbs(page):
    """From the language's home page down to the page's parent, each as the reader sees it."""
    ancestors = (
        visible_pages(page.get_ancestors().filter(depth__gte=2)).select_related("locale").order_by("depth")
    )
    return [{"id": a.pk, "title": a.title, "path": front_end_path(a)} for a in ancestors]


def localize_objects(objects, choice):
    """Translatable snippets in the reader's language: {translation_key: nearest version}.

    Relations point at source-language snippets; `result.get(obj.translation_key, obj)` gives
    each in the reader's language, or the object itself when it has no nearer translation.
    """
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects}
    candidates = model.objects.filter(
        translation_key__in=keys, locale__language_code__in=choice.chain
    ).select_related("locale")
    return pick_versions(without_unfinished_translations(candidates), choice)


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
    candidates = SiteSettings.objects.filter(locale__language_code__in=choice.chain).select_related("locale")
    best = pick_versions(list(candidates), choice)
    if not best:
        raise not_found("site settings")
    settings = next(iter(best.values()))
    served = settings.locale.language_code
    return {"locale": locale_info(choice, served), **settings.delivery_data()}


def menu_item(page):
    return {
        "id": page.pk,
        "title": page.title,
        "path": front_end_path(page),
        "type": f"{page.content_type.app_label}.{page.content_type.model_class().__name__}",
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
    # Sections of every language's home, resolved per section so an untranslated one falls back.
    sections = (
        visible_pages(Page.objects.filter(depth=3, show_in_menus=True))
        .select_related("locale", "content_type")
        .order_by("path")
    )
    best = pick_versions(list(sections), choice)
    # Menu order is the order of the sections under their home page.
    items = sorted(best.values(), key=lambda page: page.path[Page.steplen * 2 :])
    return {
        "locale": locale_info(choice, home.locale.language_code),
        "home": menu_item(home),
        "items": [menu_item(page) for page in items],
    }


def raise_for_id(value, name="id"):
    if not 1 <= value <= 2**31 - 1:
        raise ApiError(400, "Invalid identifier", f"'{name}' must be a positive integer.", param=name)


class PreviewOut(Schema):
    type: Literal["news", "partnerships", "courses"] = Field(
        description="Which detail schema `document` follows."
    )
    document: dict = Field(
        description="The page as its detail endpoint will serve it once published: an ArticleDetail, "
        "PartnershipDetail or CourseDetail."
    )


@router.get(
    "/preview",
    response={200: PreviewOut, 400: Problem, 404: Problem},
    summary="A draft as the editor previews it, for a short-lived signed token",
    url_name="preview",
)
def preview(request: HttpRequest, token: str = Query(..., max_length=400)):
    check_query(request, {"token"})
    stored = load_preview(token)
    if stored is None:
        raise ApiError(
            404,
            "Preview expired",
            "This preview token is invalid or has expired; preview again.",
            param="token",
        )
    return stored
