"""Partnerships and their joint courses in the delivery API."""

import datetime

from django.db.models import Prefetch, Subquery, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema
from wagtail.images import get_image_model
from wagtail.models import Page

from home.api import (
    Alternate,
    BlockWriter,
    BodyBlock,
    CodeLabel,
    Crumb,
    Image,
    LocaleInfo,
    PageLink,
    Problem,
    breadcrumbs,
    index_document,
    localize_objects,
    page_alternates,
    page_link,
)
from home.delivery import (
    API_PREFIX,
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_LIMIT,
    check_page_window,
    check_query,
    language_choice,
    list_page,
    locale_info,
    not_found,
)
from home.images import BODY_FILTERS
from locales.languages import source_language_code
from locales.resolution import (
    LanguageChoice,
    PageReferences,
    front_end_path,
    page_versions,
    pick_version,
    pick_versions,
    visible_pages,
)
from partnerships import choices
from partnerships.models import CoursePage, PartnershipPage

router = Router(tags=["partnerships"])


class InstitutionOut(Schema):
    id: int
    name: str
    short_name: str
    country: str
    country_code: str
    city: str
    website: str
    logo: Image | None
    description: str


class PersonOut(Schema):
    id: int
    name: str
    title: str
    department: str
    institution: str
    photo: Image | None


class PartnershipSummary(Schema):
    id: int
    title: str
    slug: str
    locale: LocaleInfo
    path: str
    api_url: str
    summary: str
    kind: CodeLabel
    status: CodeLabel
    signed_on: datetime.date | None
    institutions: list[InstitutionOut]


class CourseSummary(Schema):
    id: int
    title: str
    slug: str
    locale: LocaleInfo
    path: str
    api_url: str
    summary: str
    delivery_mode: CodeLabel
    subject_areas: list[CodeLabel]
    audiences: list[CodeLabel]
    instruction_languages: list[CodeLabel]
    partnership: PageLink | None


class NewsLink(PageLink):
    date: datetime.date | None


class PartnershipDetail(PartnershipSummary):
    cooperation_areas: list[CodeLabel]
    principles: list[str]
    body: list[BodyBlock]
    courses: list[CourseSummary]
    latest_news: list[NewsLink] = Field(description="The five newest articles about this partnership.")
    alternates: list[Alternate]
    breadcrumbs: list[Crumb]


class SessionOut(Schema):
    date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    theme: str
    teacher: PersonOut | None
    audience: str
    participants: int | None
    participants_approximate: bool


class PhaseOut(Schema):
    id: str
    title: str
    status: CodeLabel
    period: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    description: str
    sessions: list[SessionOut]


class CourseDetail(CourseSummary):
    teachers: list[PersonOut]
    phases: list[PhaseOut]
    body: list[BodyBlock]
    alternates: list[Alternate]
    breadcrumbs: list[Crumb]


class PartnershipList(Schema):
    requested_locale: str
    fallback: bool
    count: int
    limit: int
    offset: int
    items: list[PartnershipSummary]


class CourseList(Schema):
    requested_locale: str
    fallback: bool
    count: int
    limit: int
    offset: int
    items: list[CourseSummary]


class DetailQuery(Schema):
    locale: str | None = Field(None, description="A published locale code; default: Accept-Language.")
    fallback: bool = Field(True, description="Serve the nearest translation when none exists in the locale.")


class ListQuery(DetailQuery):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class CourseListQuery(ListQuery):
    partnership: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only courses of this partnership (any locale's id)."
    )


# Every parameter the schemas declare, and nothing else, is accepted.
LIST_PARAMS = set(ListQuery.model_fields)
DETAIL_PARAMS = set(DetailQuery.model_fields)


def code_label(code, vocabulary):
    return {"code": code, "label": str(dict(vocabulary).get(code, code))}


def code_labels(codes, vocabulary):
    names = dict(vocabulary)
    return [{"code": code, "label": str(names[code])} for code in codes if code in names]


def ordered(model, choice, queryset=None):
    rows = (
        visible_pages(queryset if queryset is not None else model.objects.all())
        .filter(locale__language_code__in=choice.chain)
        .values("pk", "translation_key", "locale__language_code", "path")
    )
    best = pick_versions(rows, choice)
    return sorted(best.values(), key=lambda row: row["path"][8:])


def load(model, ids, *prefetch):
    pages = model.objects.filter(pk__in=ids).select_related("locale").prefetch_related(*prefetch)
    by_id = {page.pk: page for page in pages}
    return [by_id[i] for i in ids if i in by_id]


IMAGES = get_image_model().objects.prefetch_renditions(*[spec for spec, _fmt in BODY_FILTERS])
INSTITUTIONS = "institutions"  # their logos are loaded with the versions delivered


def localize_delivered(objects, choice, image):
    """{translation_key: version} of snippets (institutions, people) as `localize_objects` gives,
    with the `image` (logo, photo) of every object delivered loaded: the versions' with them, and
    that of an object delivered as it is (nothing nearer along the chain) only when there is one."""
    localized = localize_objects(objects, choice, images=[image])
    as_they_are = [obj for obj in objects if obj.translation_key not in localized]
    prefetch_related_objects(as_they_are, Prefetch(image, queryset=IMAGES))
    return localized


def partnership_summaries(pages, choice):
    institutions = [inst for page in pages for inst in page.institutions.all()]
    localized = localize_delivered(institutions, choice, "logo")
    return [
        {
            "id": page.pk,
            "title": page.title,
            "slug": page.slug,
            "locale": locale_info(choice, page.locale.language_code),
            "path": front_end_path(page),
            "api_url": f"{API_PREFIX}/partnerships/{page.pk}?locale={choice.requested}",
            "summary": page.summary,
            "kind": code_label(page.kind, choices.PARTNERSHIP_KINDS),
            "status": code_label(page.status, choices.PARTNERSHIP_STATUSES),
            "signed_on": page.signed_on,
            "institutions": [
                localized.get(inst.translation_key, inst).delivery_data() for inst in page.institutions.all()
            ],
        }
        for page in pages
    ]


def course_summaries(pages, choice, parents=None):
    """`parents`: pages by path that may hold the courses' partnerships, when the caller has them."""
    parents = dict(parents or {})
    missing = {page.path[: -page.steplen] for page in pages} - set(parents)
    if missing:
        for parent in PartnershipPage.objects.filter(path__in=missing).select_related("locale"):
            parents[parent.path] = parent
    return [
        {
            "id": page.pk,
            "title": page.title,
            "slug": page.slug,
            "locale": locale_info(choice, page.locale.language_code),
            "path": front_end_path(page),
            "api_url": f"{API_PREFIX}/courses/{page.pk}?locale={choice.requested}",
            "summary": page.summary,
            "delivery_mode": code_label(page.delivery_mode, choices.DELIVERY_MODES),
            "subject_areas": code_labels(page.subject_areas, choices.SUBJECT_AREAS),
            "audiences": code_labels(page.audiences, choices.AUDIENCES),
            "instruction_languages": code_labels(page.instruction_languages, choices.INSTRUCTION_LANGUAGES),
            "partnership": page_link(parents[page.path[: -page.steplen]])
            if page.path[: -page.steplen] in parents
            else None,
        }
        for page in pages
    ]


def _resolve(model, page_id, choice, what, *prefetch):
    """The version of page `page_id`'s group a reader gets, and all its visible versions: one query."""
    if not 1 <= page_id <= MAX_ID:
        raise not_found(what)
    key = model.objects.filter(pk=page_id).values("translation_key")[:1]
    versions = page_versions(model.objects.filter(translation_key=Subquery(key)).prefetch_related(*prefetch))
    page = pick_version(versions, choice)
    if page is None:
        raise not_found(what)
    return page, versions


def _list(model, choice, query, queryset, summarize, *prefetch):
    """One window of a list: every version a reader may get, this window loaded and summarised."""
    rows = ordered(model, choice, queryset)
    window = rows[query.offset : query.offset + query.limit]
    pages = load(model, [r["pk"] for r in window], *prefetch)
    with translation.override(choice.requested):
        items = summarize(pages, choice)
    return list_page(choice, query, rows, items)


@router.get(
    "/partnerships", response={200: PartnershipList, 400: Problem, 422: Problem}, summary="Partnerships"
)
def list_partnerships(request: HttpRequest, query: Query[ListQuery]):
    check_query(request, LIST_PARAMS)
    check_page_window(query.limit, query.offset)
    choice = language_choice(request, query.locale, query.fallback)
    return _list(
        PartnershipPage, choice, query, PartnershipPage.objects.all(), partnership_summaries, INSTITUTIONS
    )


@router.get(
    "/partnerships/{partnership_id}",
    response={200: PartnershipDetail, 400: Problem, 404: Problem, 422: Problem},
    summary="One partnership with its courses and latest news",
)
def get_partnership(request: HttpRequest, partnership_id: Path[int], query: Query[DetailQuery]):
    check_query(request, DETAIL_PARAMS)
    choice = language_choice(request, query.locale, query.fallback)
    page, versions = _resolve(PartnershipPage, partnership_id, choice, "partnership", INSTITUTIONS)
    return partnership_detail(page, choice, versions)


def partnership_detail(page, choice, versions=None):
    """The full document. `versions`: the partnership's visible versions, when already loaded."""
    group = PartnershipPage.objects.filter(translation_key=page.translation_key)
    # Courses live under every language's version of the partnership; each course is resolved
    # on its own, so a translated course shows even when the partnership itself is a fallback.
    courses = pick_versions(
        page_versions(_children_of(group).filter(locale__language_code__in=choice.chain)), choice
    )
    courses = sorted(courses.values(), key=lambda course: course.path[8:])
    writer = BlockWriter(choice)
    children = list(page.body)
    references = PageReferences(choice, links=writer.link_ids(children), ancestors_of=page)
    writer.rich_text.add_targets(references.link_targets)
    with translation.override(choice.requested):
        data = partnership_summaries([page], choice)[0]
        data.update(
            {
                "cooperation_areas": code_labels(page.cooperation_areas, choices.COOPERATION_AREAS),
                "principles": [child.value for child in page.principles],
                "body": writer.stream(children),
                # A visible course's parent is a visible version of this partnership.
                "courses": course_summaries(courses, choice, {v.path: v for v in versions or ()}),
                "latest_news": [_news_link(row) for row in _latest_news(group, choice)],
                "alternates": page_alternates(page, PartnershipPage, "partnerships", versions),
                "breadcrumbs": breadcrumbs(page, references),
            }
        )
    return data


def _latest_news(group, choice):
    """The five newest articles about a partnership (`group`: its versions), nearest versions."""
    # News relations point at the source-language partnership. Seen from here, as partnerships
    # never import news: NewsArticlePage.related_partnerships.
    relation = PartnershipPage.news_articles.field
    source = group.filter(locale__language_code=source_language_code()).values("pk")[:1]
    rows = (
        visible_pages(relation.model.objects.filter(**{f"{relation.name}__in": source}))
        .filter(locale__language_code__in=choice.chain)
        .values("pk", "translation_key", "locale__language_code", "date", "title", "slug", "url_path")
    )
    news = pick_versions(rows, choice)
    return sorted(news.values(), key=lambda r: (r["date"], r["pk"]), reverse=True)[:5]


def _children_of(parents):
    """Course pages right below any page of `parents` (a queryset), in one query with them."""
    parent_path = Substr("path", 1, Length("path") - Page.steplen)
    return CoursePage.objects.annotate(parent_path=parent_path).filter(parent_path__in=parents.values("path"))


def _news_link(row):
    code = row["locale__language_code"]
    rest = "/".join(row["url_path"].strip("/").split("/")[1:])
    return {
        "id": row["pk"],
        "title": row["title"],
        "slug": row["slug"],
        "locale": code,
        "path": f"/{code}/{rest}/",
        "date": row["date"],
    }


@router.get("/courses", response={200: CourseList, 400: Problem, 422: Problem}, summary="Joint courses")
def list_courses(request: HttpRequest, query: Query[CourseListQuery]):
    check_query(request, set(CourseListQuery.model_fields))
    check_page_window(query.limit, query.offset)
    choice = language_choice(request, query.locale, query.fallback)
    queryset = CoursePage.objects.all()
    if query.partnership:
        key = (
            PartnershipPage.objects.filter(pk=query.partnership)
            .values_list("translation_key", flat=True)
            .first()
        )
        if key is None:
            raise not_found("partnership")
        queryset = _children_of(PartnershipPage.objects.filter(translation_key=key))
    return _list(CoursePage, choice, query, queryset, course_summaries)


@router.get(
    "/courses/{course_id}",
    response={200: CourseDetail, 400: Problem, 404: Problem, 422: Problem},
    summary="One course with its phases and class sessions",
)
def get_course(request: HttpRequest, course_id: Path[int], query: Query[DetailQuery]):
    check_query(request, DETAIL_PARAMS)
    choice = language_choice(request, query.locale, query.fallback)
    page, versions = _resolve(CoursePage, course_id, choice, "course", "teachers")
    return course_detail(page, choice, versions)


def course_detail(page, choice, versions=None):
    """The full document. `versions`: the course's visible versions, when already loaded."""
    phases = list(page.phases)
    # The course's teachers and every session's teacher, localised together.
    session_teachers = [s["teacher"] for child in phases for s in child.value["sessions"] if s.get("teacher")]
    localized = localize_delivered([*page.teachers.all(), *session_teachers], choice, "photo")
    teachers = [localized.get(t.translation_key, t) for t in page.teachers.all()]
    writer = BlockWriter(choice)
    children = list(page.body)
    references = PageReferences(choice, links=writer.link_ids(children), ancestors_of=page)
    writer.rich_text.add_targets(references.link_targets)
    with translation.override(choice.requested):
        # The partnership is the course's parent, among its ancestors.
        data = course_summaries([page], choice, {a.path: a for a in references.ancestors})[0]
        data.update(
            {
                "teachers": [t.delivery_data() for t in teachers],
                "phases": [_phase(child, localized) for child in phases],
                "body": writer.stream(children),
                "alternates": page_alternates(page, CoursePage, "courses", versions),
                "breadcrumbs": breadcrumbs(page, references),
            }
        )
    return data


def preview_partnership(page):
    return partnership_detail(page, LanguageChoice(page.locale.language_code))


def preview_course(page):
    return course_detail(page, LanguageChoice(page.locale.language_code))


def preview_index(page):
    """The partnership index as a reader of its language gets it: its introduction over the first
    window of `GET /partnerships?locale=` (one index per language, so that list is its children)."""
    choice = LanguageChoice(page.locale.language_code)
    rows = ordered(PartnershipPage, choice)
    pages = load(PartnershipPage, [row["pk"] for row in rows[:DEFAULT_LIMIT]], INSTITUTIONS)
    with translation.override(choice.requested):
        items = partnership_summaries(pages, choice)
    return index_document(page, len(rows), items)


def _phase(child, localized):
    """One phase; `localized`: the session teachers' versions by translation key (localize_objects)."""
    value = child.value
    return {
        "id": child.id or "",
        "title": value["title"],
        "status": code_label(value["status"], choices.PHASE_STATUSES),
        "period": value.get("period") or "",
        "starts_on": value.get("starts_on"),
        "ends_on": value.get("ends_on"),
        "description": value.get("description") or "",
        "sessions": [
            {
                "date": s["date"],
                "start_time": s.get("start_time"),
                "end_time": s.get("end_time"),
                "theme": s["theme"],
                "teacher": localized.get(s["teacher"].translation_key, s["teacher"]).delivery_data()
                if s.get("teacher")
                else None,
                "audience": s.get("audience") or "",
                "participants": s.get("participants"),
                "participants_approximate": bool(s.get("participants_approximate")),
            }
            for s in value["sessions"]
        ],
    }
