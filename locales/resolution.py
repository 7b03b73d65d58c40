"""Which version of a page a reader gets, in which language, and what the other languages hold.

Knows pages only as Wagtail pages: every content area calls these with its own querysets.

Rules:
- a page is visible to an anonymous reader when it is live, not view-restricted, in a
  published language, and every ancestor is live;
- a reader asking for language L gets the nearest visible version along L's fallback chain
  (locales.languages.fallback_chain), marked as a fallback when it is not L itself;
- with fallback off, only L itself is served.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from locales.languages import content_language_codes, fallback_chain, source_language_code
from locales.scope import per_request
from locales.translation import usable

# Translation states a consumer can see in a page's alternates.
TRANSLATED = "translated"
OUT_OF_DATE = "out_of_date"
FALLBACK = "fallback"
MISSING = "missing"


def hidden_branches():
    """Paths of the pages whose whole branch readers may not see, looked up once per request.

    A view restriction hides the page and everything below it (as Wagtail's `public()`), and so
    does an unpublished page with children. Children are looked up rather than trusting
    `numchild`, which a stale page object saved after its children were added (as
    wagtail-localize's on-commit publish does) leaves at 0.
    """

    def load():
        # Two selects in one UNION: joined by OR, the database tested every page for children.
        has_children = Page.objects.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        unpublished = (
            Page.objects.filter(live=False).filter(Exists(has_children)).order_by().values_list("path")
        )
        restricted = PageViewRestriction.objects.order_by().values_list("page__path")
        return [path for (path,) in unpublished.union(restricted)]

    return per_request("hidden-branches", load)


def visible_q():
    """The condition for a page an anonymous reader may see, as a Q on a page queryset."""
    condition = Q(live=True, locale__language_code__in=content_language_codes())
    for path in hidden_branches():
        condition &= ~Q(path__startswith=path)
    return condition


def visible_pages(queryset):
    """Limit a page queryset to what an anonymous reader may see."""
    return queryset.filter(visible_q())


def with_visibility(queryset):
    """Keep every page but mark each with `is_visible`: for one query that also reads pages a
    reader may not see (the targets of links, to learn which page they name)."""
    return queryset.annotate(
        is_visible=Case(
            When(visible_q(), then=Value(True)), default=Value(False), output_field=BooleanField()
        )
    )


@dataclass(frozen=True)
class LanguageChoice:
    """The language a request asked for and the languages it may be served in, nearest first."""

    requested: str
    fallback: bool = True

    @cached_property
    def chain(self):
        return fallback_chain(self.requested) if self.fallback else [self.requested]

    def rank(self, language_code):
        return self.chain.index(language_code)


def pick_versions(rows, choice, key="translation_key", language="locale__language_code"):
    """From `rows` (dicts or objects, several versions per translation group), keep the best per group.

    Returns {translation_key: row}, choosing the version nearest along the request's chain.
    """
    best = {}
    for row in rows:
        group, code = _get(row, key), _get(row, language)
        if code not in choice.chain:
            continue
        current = best.get(group)
        if current is None or choice.rank(code) < choice.rank(_get(current, language)):
            best[group] = row
    return best


def _get(row, name):
    if isinstance(row, dict):
        return row[name]
    value = row
    for part in name.split("__"):
        value = getattr(value, part)
    return value


def nearest_pages(queryset, choice):
    """`queryset` narrowed to the pages a reader of `choice` gets: visible, in the chain, and of
    each translation group only the version nearest along the chain (no nearer one in
    `queryset` is visible). The database picks them, so the cost of a window does not grow with
    the number of pages in Python."""
    queryset = visible_pages(queryset).filter(locale__language_code__in=choice.chain)
    if len(choice.chain) == 1:
        return queryset
    rank = Case(
        *(When(locale__language_code=code, then=Value(index)) for index, code in enumerate(choice.chain)),
        output_field=IntegerField(),
    )
    ranked = queryset.annotate(_rank=rank)
    nearer = ranked.filter(translation_key=OuterRef("translation_key"), _rank__lt=OuterRef("_rank"))
    return ranked.filter(~Exists(nearer))


def page_versions(queryset):
    """The visible pages of `queryset` (one translation group's versions), with their locales."""
    return list(visible_pages(queryset).select_related("locale"))


def pick_version(versions, choice):
    """The version of one translation group's `versions` that `choice` should get, or None."""
    picked = pick_versions(versions, choice)
    return next(iter(picked.values()), None)


class PageReferences:
    """The other pages one document shows, loaded in one query, each as its reader gets it.

    - `links`: ids of pages that rich text links to (in any state: each names a translation group);
    - `relations`: {name: page ids, or a queryset of them, e.g. a many-to-many's rows};
    - `ancestors_of`: the page whose visible ancestors below Wagtail's root make breadcrumbs;
    - `pages`: ids of pages shown as they are (neighbours, already chosen among visible pages).

    Linked and related pages are served as their group's visible version nearest along the chain.
    """

    def __init__(self, choice, *, links=(), relations=None, ancestors_of=None, pages=()):
        relations = relations or {}
        links = {page_id for page_id in links if page_id}
        named = Q(pk__in=links)
        for ids in relations.values():
            named |= Q(pk__in=ids)
        wanted = named | Q(translation_key__in=Page.objects.filter(named).values("translation_key"))
        wanted |= Q(pk__in=[page_id for page_id in pages if page_id])
        ancestor_paths = []
        if ancestors_of is not None:
            path, step = ancestors_of.path or "", Page.steplen
            ancestor_paths = [path[:end] for end in range(2 * step, len(path), step)]
            wanted |= Q(path__in=ancestor_paths)
        membership = {
            f"_in_{name}": Case(
                When(pk__in=ids, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            for name, ids in relations.items()
        }
        found = list(
            with_visibility(Page.objects.filter(wanted)).select_related("locale").annotate(**membership)
        )
        self._by_id = {page.pk: page for page in found}
        self._best = pick_versions([page for page in found if page.is_visible], choice)
        self._relations = {
            name: sorted((page for page in found if getattr(page, f"_in_{name}")), key=lambda page: page.path)
            for name in relations
        }
        self.ancestors = sorted(
            (page for page in found if page.path in ancestor_paths and page.is_visible),
            key=lambda page: page.depth,
        )
        self.link_targets = {page_id: self.version_of(page_id) for page_id in links}

    def version_of(self, page_id):
        """The version of `page_id`'s group a reader gets, or None."""
        page = self._by_id.get(page_id)
        return self._best.get(page.translation_key) if page is not None else None

    def page(self, page_id):
        return self._by_id.get(page_id)

    def related(self, name):
        """The versions readers get of the pages in relation `name`, in the related pages' order."""
        versions = (self._best.get(page.translation_key) for page in self._relations[name])
        return [version for version in versions if version is not None]


def related_ids(manager):
    """The ids of a many-to-many relation's pages: a subquery for a stored page, the ids
    themselves for a previewed one whose relation lives in memory (modelcluster)."""
    related = manager.all()
    return related.values("pk") if isinstance(related, QuerySet) else [page.pk for page in related]


def front_end_path(page):
    """The reader-facing path: /<language>/<path below the language's home page>/."""
    parts = page.url_path.strip("/").split("/")
    rest = "/".join(parts[1:])
    return f"/{page.locale.language_code}/" + (f"{rest}/" if rest else "")


def alternates(page, queryset, choice_for, versions=None):
    """Each published language's version of `page`: slug, path, state.

    `queryset` is the page type's queryset; `choice_for(code)` builds the LanguageChoice used to
    compute what a reader of that language would get (so a missing language shows its fallback).
    `versions`, the page's visible versions when the caller has them already, saves a query.
    """
    if versions is None:
        versions = page_versions(queryset.filter(translation_key=page.translation_key))
    versions = {version.locale.language_code: version for version in versions}
    status = page_translation_status(page.translation_key)
    result = []
    for code in content_language_codes():
        version = versions.get(code)
        if version is not None:
            state = OUT_OF_DATE if status.is_out_of_date(code) else TRANSLATED
            result.append(_alternate(code, version, state))
            continue
        served = next((versions[c] for c in choice_for(code).chain if c in versions), None)
        if served is None:
            result.append(
                {
                    "locale": code,
                    "state": MISSING,
                    "served_locale": None,
                    "id": None,
                    "slug": None,
                    "path": None,
                }
            )
        else:
            result.append(_alternate(code, served, FALLBACK))
    return result


def _alternate(code, version, state):
    return {
        "locale": code,
        "state": state,
        "served_locale": version.locale.language_code,
        "id": version.pk,
        "slug": version.slug,
        "path": front_end_path(version),
    }


class TranslationStatus:
    """How far each language's translation of one page or snippet lags behind its source."""

    def __init__(self, translation_key):
        self.translation_key = translation_key

    @cached_property
    def source(self):
        return (
            TranslationSource.objects.filter(object_id=self.translation_key)
            .select_related("locale")
            .order_by("-last_updated_at")
            .first()
        )

    @cached_property
    def translations(self):
        if self.source is None:
            return {}
        return {
            t.target_locale.language_code: t
            for t in Translation.objects.filter(source=self.source, enabled=True).select_related(
                "target_locale"
            )
        }

    @cached_property
    def source_changed_since_sync(self):
        """The source was published after wagtail-localize last read it."""
        if self.source is None:
            return False
        source_object = self.source.get_source_instance()
        published = getattr(source_object, "last_published_at", None)
        return bool(published and published > self.source.last_updated_at)

    def progress(self, language_code):
        translation = self.translations.get(language_code)
        if translation is None:
            return None
        total, done = translation.get_progress()
        return total, done

    def is_out_of_date(self, language_code):
        if self.source is None or language_code == self.source.locale.language_code:
            return False
        if language_code not in self.translations:
            # Translated by hand outside wagtail-localize: nothing tells us it lags.
            return False
        if self.source_changed_since_sync:
            return True
        total, done = self.progress(language_code)
        return done < total


class LoadedTranslationStatus(TranslationStatus):
    """TranslationStatus with everything its rules read loaded up front; the rules are unchanged."""

    def __init__(self, translation_key, *, source, translations, source_published, progress):
        super().__init__(translation_key)
        self.__dict__["source"] = source
        self.__dict__["translations"] = translations
        self._source_published = source_published
        self._progress = progress

    @cached_property
    def source_changed_since_sync(self):
        published = self._source_published
        return bool(self.source and published and published > self.source.last_updated_at)

    def progress(self, language_code):
        return self._progress.get(language_code)


def page_translation_status(translation_key):
    """The TranslationStatus of a page in one query instead of three plus one per language.

    Reads the enabled translations of the page's most recently read source, each with its
    progress counted as `Translation.get_progress()` counts it (an erroneous string is not
    translated), and the source page's publication date. A page with no translation can be
    behind nothing, so its source is not needed.
    """
    latest_source = (
        TranslationSource.objects.filter(object_id=translation_key)
        .order_by("-last_updated_at")
        .values("pk")[:1]
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id")).order_by().values("source_id")
    translated = StringTranslation.objects.filter(
        usable(),
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
    )
    source_page = Page.objects.filter(
        translation_key=translation_key, locale_id=OuterRef("source__locale_id")
    )
    rows = list(
        Translation.objects.filter(source_id=Subquery(latest_source), enabled=True)
        .select_related("source__locale", "target_locale")
        .defer("source__content_json")
        .annotate(
            total=Coalesce(Subquery(segments.annotate(n=Count("pk")).values("n")), 0),
            done=Coalesce(
                Subquery(segments.filter(Exists(translated)).annotate(n=Count("pk")).values("n")), 0
            ),
            source_published=Subquery(source_page.values("last_published_at")[:1]),
        )
    )
    return LoadedTranslationStatus(
        translation_key,
        source=rows[0].source if rows else None,
        translations={row.target_locale.language_code: row for row in rows},
        source_published=rows[0].source_published if rows else None,
        progress={row.target_locale.language_code: (row.total, row.done) for row in rows},
    )


def unfinished_translation():
    """True for a snippet that is a wagtail-localize translation with strings still untranslated.

    The rule of `without_unfinished_translations`, as one SQL condition: an enabled translation
    into the snippet's locale from a source in another locale, with a string that has no
    (error-free) translation in that locale.
    """
    # Written from the snippet's sources outwards, so that the database narrows to them (by the
    # object_id index) before it looks at any segment: the other way round, SQLite tested the
    # segments of every translation into the locale (30 ms for three topics).
    translated = StringTranslation.objects.filter(
        usable(),
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef(OuterRef("locale_id"))),
    )
    untranslated = StringSegment.objects.filter(source_id=OuterRef("pk")).exclude(Exists(translated))
    tracked = Translation.objects.filter(
        source_id=OuterRef("pk"), enabled=True, target_locale_id=OuterRef(OuterRef("locale_id"))
    )
    return Exists(
        TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
        .exclude(locale_id=OuterRef("locale_id"))
        .filter(Exists(tracked), Exists(untranslated))
    )


def with_nearest_versions(queryset, choice, fields):
    """Annotate each snippet of `queryset` with `fields` of its translations along `choice`'s chain.

    Relations point at source-language snippets; this reads, in the query that loads them, each
    chain language's finished translation (see `unfinished_translation`) as one JSON object, so
    `nearest_fields()` needs no query of its own. Same result as `pick_versions` over
    `without_unfinished_translations`, which `home.api.localize_objects` does in a query more.
    """
    annotations = {}
    for index, code in enumerate(choice.chain):
        version = (
            queryset.model.objects.filter(
                translation_key=OuterRef("translation_key"), locale__language_code=code
            )
            .exclude(unfinished_translation())
            .order_by()
            .values(data=JSONObject(**{name: name for name in fields}))
        )
        annotations[f"_nearest_{index}"] = Subquery(version[:1])
    return queryset.annotate(**annotations)


def nearest_fields(obj, choice, fields):
    """`fields` of `obj` in the nearest language along the chain (annotated by
    `with_nearest_versions`), or of `obj` itself when no language of the chain has it."""
    for index in range(len(choice.chain)):
        data = getattr(obj, f"_nearest_{index}", None)
        if data is not None:
            return {name: data[name] for name in fields}
    return {name: getattr(obj, name) for name in fields}


def is_source_language(code):
    return code == source_language_code()


def without_unfinished_translations(queryset):
    """Drop snippet versions that are wagtail-localize translations with strings still untranslated.

    Snippets have no drafts: translating a page also creates translations of the snippets it
    points at, live at once and still holding the source text. A reader of that language must
    get the nearest finished version instead (a marked fallback), never Chinese passed off as
    Kazakh. Filtered in the query that loads the snippets (see `unfinished_translation`).
    """
    return list(queryset.exclude(unfinished_translation()))
