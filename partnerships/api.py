"""Partnerships and their joint courses in the delivery API."""

import datetime

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Path, Query, Router, Schema
from wagtail.images import get_image_model

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
    front_end_path,
    pick_versions,
    resolve_page,
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
INSTITUTIONS = Prefetch("institutions__logo", queryset=IMAGES)


def partnership_summaries(pages, choice):
    institutions = [inst for page in pages for inst in page.institutions.all()]
    localized = localize_objects(institutions, choice)
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


def course_summaries(pages, choice):
    parents = {}
    if pages:
        parent_paths = {page.path[: -page.steplen] for page in pages}
        for parent in PartnershipPage.objects.filter(path__in=parent_paths).select_related("locale"):
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


def _resolve(model, page_id, choice, what):
    if not 1 <= page_id <= MAX_ID:
        raise not_found(what)
    key = model.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    page = resolve_page(model.objects.all(), key, choice) if key else None
    if page is None:
        raise not_found(what)
    return page


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
    page = _resolve(PartnershipPage, partnership_id, choice, "partnership")
    [page] = load(PartnershipPage, [page.pk], INSTITUTIONS)
    return partnership_detail(page, choice)


def partnership_detail(page, choice):
    # Courses live under every language's version of the partnership; each course is resolved
    # on its own, so a translated course shows even when the partnership itself is a fallback.
    versions = PartnershipPage.objects.filter(translation_key=page.translation_key)
    course_rows = ordered(CoursePage, choice, CoursePage.objects.filter(_children_of(versions)))
    courses = load(CoursePage, [r["pk"] for r in course_rows])
    # News relations point at the source-language partnership.
    source = versions.filter(locale__language_code=source_language_code()).first()
    news_rows = {}
    if source is not None:
        news_rows = pick_versions(
            visible_pages(source.news_articles.all())
            .filter(locale__language_code__in=choice.chain)
            .values("pk", "translation_key", "locale__language_code", "date", "title", "slug", "url_path"),
            choice,
        )
    latest = sorted(news_rows.values(), key=lambda r: (r["date"], r["pk"]), reverse=True)[:5]
    with translation.override(choice.requested):
        data = partnership_summaries([page], choice)[0]
        data.update(
            {
                "cooperation_areas": code_labels(page.cooperation_areas, choices.COOPERATION_AREAS),
                "principles": [child.value for child in page.principles],
                "body": BlockWriter(choice).stream(page.body),
                "courses": course_summaries(courses, choice),
                "latest_news": [_news_link(row) for row in latest],
                "alternates": page_alternates(page, PartnershipPage, "partnerships"),
                "breadcrumbs": breadcrumbs(page),
            }
        )
    return data


def _children_of(pages):
    condition = Q(pk__in=[])
    for parent in pages:
        condition |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    return condition


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
        queryset = CoursePage.objects.filter(
            _children_of(PartnershipPage.objects.filter(translation_key=key))
        )
    return _list(CoursePage, choice, query, queryset, course_summaries)


@router.get(
    "/courses/{course_id}",
    response={200: CourseDetail, 400: Problem, 404: Problem, 422: Problem},
    summary="One course with its phases and class sessions",
)
def get_course(request: HttpRequest, course_id: Path[int], query: Query[DetailQuery]):
    check_query(request, DETAIL_PARAMS)
    choice = language_choice(request, query.locale, query.fallback)
    page = _resolve(CoursePage, course_id, choice, "course")
    [page] = load(CoursePage, [page.pk], Prefetch("teachers__photo", queryset=IMAGES))
    return course_detail(page, choice)


def course_detail(page, choice):
    localized = localize_objects(page.teachers.all(), choice)
    teachers = [localized.get(t.translation_key, t) for t in page.teachers.all()]
    with translation.override(choice.requested):
        data = course_summaries([page], choice)[0]
        data.update(
            {
                "teachers": [t.delivery_data() for t in teachers],
                "phases": [_phase(child, choice) for child in page.phases],
                "body": BlockWriter(choice).stream(page.body),
                "alternates": page_alternates(page, CoursePage, "courses"),
                "breadcrumbs": breadcrumbs(page),
            }
        )
    return data


def preview_partnership(page):
    return partnership_detail(page, LanguageChoice(page.locale.language_code))


def preview_course(page):
    return course_detail(page, LanguageChoice(page.locale.language_code))


def _phase(child, choice):
    value = child.value
    teachers = [s["teacher"] for s in value["sessions"] if s.get("teacher")]
    localized = localize_objects(teachers, choice)
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
