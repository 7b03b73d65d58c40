"""News in the delivery API: lists, details by id or slug, and the view counter."""

import datetime
import hashlib
from typing import Literal

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, UUIDField, Window
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from wagtail.rich_text import get_text_for_indexing

from home.answers import fragments, recording
from home.answers.tags import instance_tag
from home.api import (
    Alternate,
    BlockWriter,
    BodyBlock,
    Crumb,
    Image,
    LocaleInfo,
    PageLink,
    Problem,
    breadcrumbs,
    index_document,
    page_alternates,
    page_link,
)
from home.delivery import (
    API_PREFIX,
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_LIMIT,
    ApiError,
    check_page_window,
    check_query,
    json_bytes,
    language_choice,
    list_page,
    locale_info,
    not_found,
)
from home.images import COVER_FILTERS, prefetch_renditions, serialize_image
from home.models import ViewCount
from locales.languages import content_language_codes
from locales.prepared import Prepared, Slot
from locales.resolution import (
    LanguageChoice,
    PageReferences,
    as_uuid,
    front_end_path,
    group_versions,
    nearest_pages,
    nearest_snippet_fields,
    pick_version,
    pick_versions,
    related_ids,
    shape,
    visible_pages,
)
from locales.search import excerpt, matching_ids
from news.models import NewsArticlePage, Topic

router = Router(tags=["news"])

COVER_SPECS = [spec for spec, _fmt in COVER_FILTERS]
TOPIC_FIELDS = ("name", "slug")


class TopicOut(Schema):
    name: str
    slug: str


class ArticleSummary(Schema):
    id: int
    title: str
    slug: str
    locale: LocaleInfo
    path: str = Field(description="Front-end path, /<locale>/<section>/<slug>/.")
    api_url: str
    date: datetime.date = Field(description="发表时间: the publication date shown with the article.")
    source: str
    summary: str
    cover_image: Image | None
    topics: list[TopicOut]
    view_count: int


class ArticleDetail(ArticleSummary):
    drafted_by: str
    photographed_by: str
    reviewed_by: str
    body: list[BodyBlock]
    related_partnerships: list[PageLink]
    related_courses: list[PageLink]
    alternates: list[Alternate]
    breadcrumbs: list[Crumb]
    previous: PageLink | None = Field(description="上一篇: the newer article in the same locale and section.")
    next: PageLink | None = Field(description="下一篇: the older article in the same locale and section.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ArticleHit(ArticleSummary):
    excerpt: str | None = Field(
        None,
        description="With `search` only: where the article matched, about 120 characters of its "
        "summary or body as HTML, each matching word in <mark> (empty when only the title matched).",
    )


class ArticleList(Schema):
    requested_locale: str
    fallback: bool = Field(description="Whether items may come from a fallback locale.")
    count: int
    limit: int
    offset: int
    items: list[ArticleHit]


class ViewCountOut(Schema):
    id: int
    view_count: int
    counted: bool = Field(description="False when this client's view was already counted a moment ago.")


class DetailQuery(Schema):
    locale: str | None = Field(None, description="A published locale code; default: Accept-Language.")
    fallback: bool = Field(True, description="Serve the nearest translation when none exists in the locale.")


class ListQuery(DetailQuery):
    search: str | None = Field(
        None,
        max_length=200,
        description="Words that must all appear in the title, summary, source, credits or body: any "
        "case, Chinese words inside Chinese text (阿斯塔纳大学 finds 阿斯塔纳 and 大学 apart), Kazakh "
        "words with other endings (Астанадағы finds Астана), English plurals. Searches published "
        "text only.",
    )
    topic: str | None = Field(None, max_length=100, description="A topic slug, e.g. international-exchange.")
    partnership: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a partnership (any locale).")
    course: int | None = Field(None, ge=1, le=MAX_ID, description="Id of a course (any locale).")
    date_from: datetime.date | None = Field(None, description="Earliest publication date, YYYY-MM-DD.")
    date_to: datetime.date | None = Field(None, description="Latest publication date, YYYY-MM-DD.")
    order: Literal["relevance", "newest"] | None = Field(
        None,
        description="relevance (the default with `search`: matches in the title and summary first) "
        "or newest (the default without it).",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


# Every parameter the schemas declare, and nothing else, is accepted.
LIST_PARAMS = set(ListQuery.model_fields)
DETAIL_PARAMS = set(DetailQuery.model_fields)


def article_api_url(page, choice):
    # Following the link keeps the reader's language (and fallback) rather than the header's.
    return f"{API_PREFIX}/news/{page.pk}?locale={choice.requested}" + (
        "" if choice.fallback else "&fallback=false"
    )


def newest_first(choice, filters=None, hidden=None):
    """Every article a reader of `choice` may get, one version per article, newest first."""
    return nearest_pages(NewsArticlePage.objects.filter(filters or Q()), choice, hidden).order_by(
        "-date", "-pk"
    )


def _build_neighbours(key):
    requested, fallback, hidden, column = key
    ordered = newest_first(LanguageChoice(requested, fallback=fallback), hidden=hidden)
    at = Q(date=OuterRef("date"))
    newer = ordered.filter(Q(date__gt=OuterRef("date")) | at & Q(pk__gt=OuterRef("pk"))).order_by(
        "date", "pk"
    )
    older = ordered.filter(Q(date__lt=OuterRef("date")) | at & Q(pk__lt=OuterRef("pk"))).order_by(
        "-date", "-pk"
    )
    return (
        ordered.filter(translation_key=Slot("translation_key", UUIDField()))
        .annotate(newer=Subquery(newer.values(column)[:1]), older=Subquery(older.values(column)[:1]))
        .values_list("newer", "older")
    )


_NEIGHBOURS = Prepared(_build_neighbours, ("newer", "older"))
_NEIGHBOUR_KEYS = Prepared(
    _build_neighbours, ("newer", "older"), converters={"newer": as_uuid, "older": as_uuid}
)


def _neighbours(choice, translation_key, column):
    """The `column` values of the newer and the older article next to one article in `choice`'s
    order (None at either end), or None when its reader gets no version of the article. One
    query, whatever the number of articles, compiled once per shape (locales.prepared)."""
    prepared = _NEIGHBOUR_KEYS if column == "translation_key" else _NEIGHBOURS
    rows = prepared((*shape(choice), column), {"translation_key": translation_key})
    return (rows[0]["newer"], rows[0]["older"]) if rows else None


def articles_with_summary_data(full=True):
    """Article pages with what a summary reads in the same query or one more: locale, cover image
    and view count joined, topics prefetched; unless `full`, without what only a detail reads."""
    views = ViewCount.objects.filter(translation_key=OuterRef("translation_key")).values("views")[:1]
    articles = NewsArticlePage.objects.all() if full else NewsArticlePage.objects.defer("body")
    return (
        articles.select_related("locale", "cover_image")
        .annotate(_view_count=Coalesce(Subquery(views), 0))
        .prefetch_related("topics")
    )


def load_articles(ids, renditions=True, full=True):
    """The article pages for `ids`, in that order, with everything a summary needs: three queries
    however many articles (pages, topics, and unless told not to, the covers' renditions)."""
    by_id = {page.pk: page for page in articles_with_summary_data(full).filter(pk__in=ids)}
    articles = [by_id[i] for i in ids if i in by_id]
    if renditions:
        prefetch_renditions([article.cover_image for article in articles], COVER_SPECS)
    return articles


def summaries(articles, choice):
    """The summaries of `articles` for a reader of `choice`; their topics in the reader's
    language in one query more."""
    topics = localized_topics(articles, choice)
    return [summary(article, choice, topics(article)) for article in articles]


def localized_topics(articles, choice):
    """A function giving an article's topics in the reader's language, for all `articles` in one query."""
    keys = [topic.translation_key for article in articles for topic in article.topics.all()]
    localized = nearest_snippet_fields(Topic, keys, choice, TOPIC_FIELDS)

    def topics(article):
        return [
            localized.get(topic.translation_key) or {name: getattr(topic, name) for name in TOPIC_FIELDS}
            for topic in article.topics.all()
        ]

    return topics


def summary(article, choice, topics):
    return {
        "id": article.pk,
        "title": article.title,
        "slug": article.slug,
        "locale": locale_info(choice, article.locale.language_code),
        "path": front_end_path(article),
        "api_url": article_api_url(article, choice),
        "date": article.date,
        "source": article.source,
        "summary": article.summary,
        "cover_image": serialize_image(article.cover_image, alt_text=article.title, filters=COVER_FILTERS)
        if article.cover_image
        else None,
        "topics": topics,
        "view_count": recording.view_count(article.translation_key, article.view_count),
    }


def assembled_list(choice, query, count, ids, extra=None):
    """A window of the news list, assembled from each article's stored summary
    (home.answers.fragments): a publish renders its article's summaries, never the windows.
    `extra`: {article id: fields} added to those summaries for this answer alone (a search's
    excerpts)."""
    names = [f"{SUMMARY}/{pk}/{choice.requested}/{int(choice.fallback)}" for pk in ids]
    envelope = json_bytes({**list_page(choice, query, range(count), []), "items": None})
    summaries = fragments.assembled(names, summary_fragments)
    if extra:
        summaries = [
            summary[:-1] + b"," + json_bytes(extra[pk])[1:] if pk in extra else summary
            for pk, summary in zip(ids, summaries, strict=True)
        ]
    items = b",".join(summaries)
    content = envelope.removesuffix(b"null}") + b"[" + items + b"]}"
    return HttpResponse(content, content_type="application/json; charset=utf-8")


SUMMARY = "news-summary"


def summary_fragments(names):
    """{name: (summary bytes, what it shows, its recording)} for fragment names of
    `assembled_list`: "news-summary/<article id>/<requested locale>/<fallback 0 or 1>"."""
    by_choice = {}
    for name in names:
        _kind, pk, requested, fallback = name.split("/")
        by_choice.setdefault(LanguageChoice(requested, fallback=fallback == "1"), []).append((name, int(pk)))
    rendered = {}
    for choice, wanted in by_choice.items():
        rendered.update(_summary_fragments(wanted, choice))
    return rendered


def _summary_fragments(wanted, choice):
    by_pk = {article.pk: article for article in load_articles([pk for _name, pk in wanted], full=False)}
    topics = localized_topics(by_pk.values(), choice)
    rendered = {}
    for name, pk in wanted:
        article = by_pk.get(pk)
        if article is None:  # deleted since
            continue
        with recording.recording() as record:
            data = summary(article, choice, topics(article))
        shown = {article, *([article.cover_image] if article.cover_image else []), *article.topics.all()}
        tags = {instance_tag(instance) for instance in shown} - {None}
        rendered[name] = (json_bytes(ArticleSummary.model_validate(data).model_dump()), tags, record)
    return rendered


def neighbour_keys(article):
    """Translation keys of the articles next to `article` in any reader's order: the answers
    that show them as previous or next change when `article` appears, moves or goes."""
    keys = set()
    for code in content_language_codes():
        for fallback in (True, False):
            found = _neighbours(
                LanguageChoice(code, fallback=fallback), article.translation_key, "translation_key"
            )
            if found:
                keys.update(key for key in found if key is not None)
    keys.discard(article.translation_key)
    return keys


def neighbour_ids(article, choice):
    """Ids of the newer and the older article a reader of `choice` gets next to `article`."""
    return _neighbours(choice, article.translation_key, "pk") or (None, None)


def detail(article, choice, *, preview=False, versions=None):
    """The full document; with `preview`, the editor's unsaved page exactly as it stands.

    `versions`: the article's visible versions (`group_versions`), when the caller has them.
    Beyond them, a document costs a fixed number of queries however long its body: the body's
    images, all renditions, the neighbours' order, every other page it shows (PageReferences),
    and translation progress for the alternates.
    """
    writer = BlockWriter(choice)
    children = list(article.body)
    newer, older = neighbour_ids(article, choice) if article.pk else (None, None)
    recording.neighbours_shown(article.translation_key)
    references = PageReferences(
        choice,
        links=writer.link_ids(children),
        relations={
            "partnerships": related_ids(article, "related_partnerships"),
            "courses": related_ids(article, "related_courses"),
        },
        ancestors_of=article,
        pages=[newer, older],
    )
    writer.rich_text.add_targets(references.link_targets)
    body = writer.stream(children, images=[article.cover_image])
    data = summaries([article], choice)[0]
    data.update(
        {
            "drafted_by": article.drafted_by,
            "photographed_by": article.photographed_by,
            "reviewed_by": article.reviewed_by,
            "body": body,
            "related_partnerships": [page_link(page) for page in references.related("partnerships")],
            "related_courses": [page_link(page) for page in references.related("courses")],
            "alternates": page_alternates(article, NewsArticlePage, "news", versions),
            "breadcrumbs": breadcrumbs(article, references),
            "previous": page_link(references.page(newer)) if newer else None,
            "next": page_link(references.page(older)) if older else None,
            "first_published_at": article.first_published_at,
            "last_published_at": article.last_published_at,
        }
    )
    return data


def preview_document(article):
    return detail(article, LanguageChoice(article.locale.language_code), preview=True)


@router.get("/news", response={200: ArticleList, 400: Problem, 422: Problem}, summary="News, newest first")
def list_news(request: HttpRequest, query: Query[ListQuery]):
    check_query(request, LIST_PARAMS)
    check_page_window(query.limit, query.offset)
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise ApiError(400, "Invalid date range", "'date_from' is after 'date_to'.", param="date_from")
    choice = language_choice(request, query.locale, query.fallback)
    filters = Q()
    ranked = None
    if query.search is not None:
        ranked = matching_ids(NewsArticlePage, query.search, by_relevance=query.order != "newest")
    if query.topic:
        filters &= Q(topics__slug=query.topic)
    for name in ("partnership", "course"):
        page_id = getattr(query, name)
        if page_id:
            key = _translation_key_of(page_id, name)
            field = "related_partnerships" if name == "partnership" else "related_courses"
            filters &= Q(**{f"{field}__translation_key": key})
    if query.date_from:
        filters &= Q(date__gte=query.date_from)
    if query.date_to:
        filters &= Q(date__lte=query.date_to)
    # A search matches the reader's version of each article (the nearest along the chain), so a
    # Kazakh reader is not sent the English version of an article whose Kazakh one lacks the words.
    listed = newest_first(choice, filters)
    if ranked is not None:
        listed = listed.filter(pk__in=ranked)
    if ranked is not None and query.order != "newest":
        # In the index's order of relevance.
        position = {pk: i for i, pk in enumerate(ranked)}
        found = sorted(listed.values_list("pk", flat=True), key=position.__getitem__)
        window = [(pk, len(found)) for pk in found[query.offset : query.offset + query.limit]]
    elif filters or ranked is not None:
        window = list(_window(listed, query.offset, query.limit))
    else:  # the list every front end shows: its SQL compiled once per shape
        rows = _WINDOW((*shape(choice), query.offset, query.limit))
        window = [(row["pk"], row["total"]) for row in rows]
    count = window[0][1] if window else listed.count()  # past the end
    ids = [pk for pk, _total in window]
    extra = excerpts(ids, query.search) if query.search is not None else None
    return assembled_list(choice, query, count, ids, extra)


def excerpts(ids, search):
    """{article id: {"excerpt": ...}} for a search's window, from each article's live text: its
    summary, or its body when the summary holds no word of the search."""
    articles = NewsArticlePage.objects.filter(pk__in=ids).only("summary", "body")

    def texts(article):
        yield article.summary
        yield body_text(article.body.raw_data)

    return {article.pk: {"excerpt": excerpt(texts(article), search)} for article in articles}


# Stored block values that are not words a reader sees in the body.
NOT_TEXT = {"id", "type", "alt_text", "video", "decorative"}


def body_text(raw):
    """The words of a body as stored, read without loading the images it shows: each paragraph
    as text (blocks apart, entities decoded), the captions, credits and quotes."""
    texts = []

    def walk(value, key=""):
        if isinstance(value, str):
            if key not in NOT_TEXT:
                texts.append(value)
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item, key)

    for block in raw:
        if block.get("type") == "paragraph":
            texts.append(get_text_for_indexing(block.get("value") or ""))
        elif block.get("type") != "video":
            walk(block.get("value"))
    return " ".join(text for text in texts if text)


def _window(ordered, offset, limit):
    """(id, total count) of the articles from `offset` to `offset + limit` of `ordered`."""
    return ordered.annotate(total=Window(Count("pk"))).values_list("pk", "total")[offset : offset + limit]


def _build_window(key):
    requested, fallback, hidden, offset, limit = key
    return _window(newest_first(LanguageChoice(requested, fallback=fallback), hidden=hidden), offset, limit)


_WINDOW = Prepared(_build_window, ("pk", "total"))


def _translation_key_of(page_id, name):
    from wagtail.models import Page

    key = Page.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if key is None:
        raise ApiError(400, "Unknown filter value", f"No {name} has id {page_id}.", param=name)
    return key


@router.get(
    "/news/{article_id}",
    response={200: ArticleDetail, 400: Problem, 404: Problem, 422: Problem},
    summary="One article by id (any locale's id), in the requested locale",
)
def get_news(request: HttpRequest, article_id: Path[int], query: Query[DetailQuery]):
    check_query(request, DETAIL_PARAMS)
    if not 1 <= article_id <= MAX_ID:
        raise not_found("article")
    recording.precise()  # its neighbours are reported by `neighbour_keys`
    choice = language_choice(request, query.locale, query.fallback)
    versions = group_versions(NewsArticlePage, page_id=article_id)
    version = pick_version(versions, choice)
    if version is None:
        raise not_found("article")
    [article] = load_articles([version.pk], renditions=False)  # loaded with the body's
    return detail(article, choice, versions=versions)


@router.get(
    "/news/by-slug/{locale}/{slug}",
    response={200: ArticleDetail, 400: Problem, 404: Problem, 422: Problem},
    summary="One article by its slug in a locale",
)
def get_news_by_slug(request: HttpRequest, locale: Path[str], slug: Path[str], fallback: bool = True):
    check_query(request, {"fallback"})
    if "\x00" in slug or len(slug) > 255:
        raise ApiError(400, "Invalid slug", "'slug' is not a valid slug.", param="slug")
    choice = language_choice(request, locale, fallback)
    match = (
        visible_pages(NewsArticlePage.objects.filter(slug=slug, locale__language_code__in=choice.chain))
        .select_related("locale")
        .order_by("pk")
    )
    found = pick_versions(list(match), choice)
    if not found:
        raise not_found("article")
    # A slug of a fallback language names the article; serve its nearest version.
    versions = group_versions(NewsArticlePage, translation_key=next(iter(found)))
    [article] = load_articles([pick_version(versions, choice).pk], renditions=False)
    return detail(article, choice, versions=versions)


@router.post(
    "/news/{article_id}/views",
    response={200: ViewCountOut, 404: Problem, 400: Problem, 422: Problem},
    summary="Record that a reader viewed an article",
)
def record_view(request: HttpRequest, article_id: Path[int]):
    check_query(request, set())
    if not 1 <= article_id <= MAX_ID:
        raise not_found("article")
    page = visible_pages(NewsArticlePage.objects.filter(pk=article_id)).first()
    if page is None:
        raise not_found("article")
    counted = cache.add(
        _viewer_key(request, page.translation_key), 1, timeout=settings.API_VIEW_WINDOW_SECONDS
    )
    if counted:
        _increment(page.translation_key)
    views = (
        ViewCount.objects.filter(translation_key=page.translation_key).values_list("views", flat=True).first()
    )
    return {"id": page.pk, "view_count": views or 0, "counted": counted}


def _viewer_key(request, translation_key):
    client = f"{request.META.get('REMOTE_ADDR', '')}|{request.headers.get('User-Agent', '')}"
    digest = hashlib.sha256(client.encode()).hexdigest()[:32]
    return f"views:{translation_key}:{digest}"


def _increment(translation_key):
    """Add one view in the database itself, so concurrent readers never lose an increment."""
    if ViewCount.objects.filter(translation_key=translation_key).update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            ViewCount.objects.create(translation_key=translation_key, views=1)
    except IntegrityError:  # another process created the row first
        ViewCount.objects.filter(translation_key=translation_key).update(views=F("views") + 1)


def preview_index(page):
    """The news index as a reader of its language gets it: its introduction over the first window
    of `GET /news?locale=` (one news index per language, so that list is its children)."""
    choice = LanguageChoice(page.locale.language_code)
    ordered = newest_first(choice)
    articles = load_articles(list(ordered.values_list("pk", flat=True)[:DEFAULT_LIMIT]))
    return index_document(page, ordered.count(), summaries(articles, choice))
