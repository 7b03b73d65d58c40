"""Which version of a page a reader gets, in which language, and what the other languages hold.

Knows pages only as Wagtail pages: every content area calls these with its own querysets.

Rules:
- a page is visible to an anonymous reader when it is live, not view-restricted, in a
  published language, and every ancestor is live;
- a reader asking for language L gets the nearest visible version along L's fallback chain
  (locales.languages.fallback_chain), marked as a fallback when it is not L itself;
- with fallback off, only L itself is served.
"""

import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from locales.languages import content_language_codes, fallback_chain, source_language_code
from locales.prepared import Prepared, Slot
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
        return sorted(row["path"] for row in _HIDDEN_BRANCHES("hidden-branches"))

    return per_request("hidden-branches", load)


def _build_hidden_branches(_key):
    # Two selects in one UNION: joined by OR, the database tested every page for children.
    has_children = Page.objects.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    unpublished = Page.objects.filter(live=False).filter(Exists(has_children)).order_by().values_list("path")
    restricted = PageViewRestriction.objects.order_by().values_list("page__path")
    return unpublished.union(restricted).values_list("path")


_HIDDEN_BRANCHES = Prepared(_build_hidden_branches, ("path",))


def visible_q(hidden=None):
    """The condition for a page an anonymous reader may see, as a Q on a page queryset.

    `hidden`: the paths of `hidden_branches()`, when the caller has them (a Prepared query's
    shape holds them)."""
    condition = Q(live=True, locale__language_code__in=content_language_codes())
    for path in hidden_branches() if hidden is None else hidden:
        condition &= ~Q(path__startswith=path)
    return condition


def visible_pages(queryset, hidden=None):
    """Limit a page queryset to what an anonymous reader may see."""
    return queryset.filter(visible_q(hidden))


def with_visibility(queryset, hidden=None):
    """Keep every page but mark each with `is_visible`: for one query that also reads pages a
    reader may not see (the targets of links, to learn which page they name)."""
    return queryset.annotate(
        is_visible=Case(
            When(visible_q(hidden), then=Value(True)), default=Value(False), output_field=BooleanField()
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


def nearest_pages(queryset, choice, hidden=None):
    """`queryset` narrowed to the pages a reader of `choice` gets: visible, in the chain, and of
    each translation group only the version nearest along the chain (no nearer one in
    `queryset` is visible). The database picks them, so the cost of a window does not grow with
    the number of pages in Python."""
    queryset = visible_pages(queryset, hidden).filter(locale__language_code__in=choice.chain)
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


def shape(choice=None):
    """What the SQL of a reader's query depends on besides its values: the reader's language
    choice and the branches hidden from readers (locales.prepared)."""
    hidden = hidden_branches_tuple()
    return hidden if choice is None else (choice.requested, choice.fallback, hidden)


def hidden_branches_tuple():
    return tuple(hidden_branches())


def usable_shape():
    """What `locales.translation.usable()` reads besides the rows: a shape key of a query that
    uses it holds this."""
    return ("machine output usable", settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT)


def as_uuid(value):
    """A UUID column as a Prepared query reads it: a UUID from PostgreSQL, 32 hex digits from SQLite."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


class Version(NamedTuple):
    """One visible version of a translation group, as alternates and the choice of a version need it."""

    pk: int
    translation_key: uuid.UUID
    language_code: str
    slug: str
    url_path: str

    @property
    def locale(self):
        return _Locale(self.language_code)


class _Locale(NamedTuple):
    language_code: str


def _build_group_versions(key):
    label, by_slot, hidden = key
    model = apps.get_model(label)
    if by_slot == "page_id":
        group = model.objects.filter(pk=Slot("page_id", IntegerField())).values("translation_key")[:1]
        queryset = model.objects.filter(translation_key=Subquery(group))
    else:
        queryset = model.objects.filter(translation_key=Slot("translation_key", UUIDField()))
    return visible_pages(queryset, hidden).order_by("pk").values_list(*VERSION_COLUMNS)


VERSION_COLUMNS = ("pk", "translation_key", "locale__language_code", "slug", "url_path")
_GROUP_VERSIONS = Prepared(_build_group_versions, VERSION_COLUMNS, converters={"translation_key": as_uuid})


def group_versions(model, *, page_id=None, translation_key=None):
    """The visible versions (`Version`) of the translation group of page `page_id`, or of
    `translation_key`, among `model`'s pages: one query, compiled once per shape."""
    by_slot, value = ("page_id", page_id) if translation_key is None else ("translation_key", translation_key)
    rows = _GROUP_VERSIONS((model._meta.label, by_slot, shape()), {by_slot: value})
    return [Version(*row.values()) for row in rows]


def pick_version(versions, choice):
    """The version of one translation group's `versions` that `choice` should get, or None."""
    picked = pick_versions(versions, choice)
    return next(iter(picked.values()), None)


class PageReferences:
    """The other pages one document shows, loaded in one query, each as its reader gets it.

    - `links`: ids of pages that rich text links to (in any state: each names a translation group);
    - `relations`: {name: `related_ids(...)`}, e.g. a many-to-many's pages;
    - `ancestors_of`: the page whose visible ancestors below Wagtail's root make breadcrumbs;
    - `pages`: ids of pages shown as they are (neighbours, already chosen among visible pages).

    Linked and related pages are served as their group's visible version nearest along the chain.
    The query is compiled once per shape (locales.prepared); each page is a `PageRow`.
    """

    def __init__(self, choice, *, links=(), relations=None, ancestors_of=None, pages=()):
        relations = relations or {}
        links = sorted({page_id for page_id in links if page_id})
        ancestor_paths = []
        if ancestors_of is not None:
            path, step = ancestors_of.path or "", Page.steplen
            ancestor_paths = [path[:end] for end in range(2 * step, len(path), step)]
        values = {}
        lists = {"link": links, "page": [page_id for page_id in pages if page_id], "ancestor": ancestor_paths}
        shape_of_lists = tuple((prefix, _pad(items, prefix, values)) for prefix, items in lists.items())
        shape_of_relations = []
        for index, (name, related) in enumerate(relations.items()):
            prefix = f"related{index}_"
            if isinstance(related, Related):
                values[f"{prefix}owner"] = related.owner_pk
                shape_of_relations.append((name, related.label))
            else:
                shape_of_relations.append((name, _pad(list(related), prefix, values)))
        key = (hidden_branches_tuple(), shape_of_lists, tuple(shape_of_relations))
        columns = (*PageRow._fields[:-1], *(f"in_{index}" for index in range(len(relations))))
        prepared = _REFERENCES.get(columns)
        if prepared is None:
            prepared = _REFERENCES[columns] = Prepared(
                _build_references, columns, converters={"translation_key": as_uuid}
            )
        found = []
        for row in prepared(key, values):
            found.append(
                PageRow(
                    *(row[name] for name in PageRow._fields[:-1]),
                    frozenset(name for index, name in enumerate(relations) if row[f"in_{index}"]),
                )
            )
        self._by_id = {page.pk: page for page in found}
        self._best = pick_versions([page for page in found if page.is_visible], choice)
        self._relations = {
            name: sorted((page for page in found if name in page.relations), key=lambda page: page.path)
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


class PageRow(NamedTuple):
    """A page as PageReferences reads it: what links, breadcrumbs and alternates show."""

    pk: int
    translation_key: uuid.UUID
    language_code: str
    title: str
    slug: str
    url_path: str
    path: str
    depth: int
    is_visible: bool
    relations: frozenset

    @property
    def locale(self):
        return _Locale(self.language_code)


class Related(NamedTuple):
    """A stored page's many-to-many relation to pages, by its field (`label`) and the page's id."""

    label: str
    owner_pk: int


def _pad(items, prefix, values):
    """Put `items` in `values` as slots `<prefix>0`, `<prefix>1`... up to the next multiple of 8
    (the last item repeated), so that lists of similar length share one shape; the slot count."""
    count = -(-len(items) // 8) * 8
    for index in range(count):
        values[f"{prefix}{index}"] = items[min(index, len(items) - 1)]
    return count


def _slots(prefix, count, field):
    return [Slot(f"{prefix}{index}", field) for index in range(count)]


def _build_references(key):
    hidden, lists, relations = key
    counts = dict(lists)
    named = Q(pk__in=_slots("link", counts["link"], IntegerField())) if counts["link"] else Q(pk__in=[])
    membership = {}
    for index, (_name, related) in enumerate(relations):
        prefix = f"related{index}_"
        if isinstance(related, str):  # a stored page's many-to-many field
            model_label, field_name = related.rsplit(".", 1)
            field = apps.get_model(model_label)._meta.get_field(field_name)
            ids = field.related_model.objects.filter(
                **{field.related_query_name(): Slot(f"{prefix}owner", IntegerField())}
            ).values("pk")
        elif related:
            ids = _slots(prefix, related, IntegerField())
        else:
            membership[f"in_{index}"] = Value(False)
            continue
        named |= Q(pk__in=ids)
        membership[f"in_{index}"] = Case(When(pk__in=ids, then=Value(True)), default=Value(False))
    wanted = named | Q(translation_key__in=Page.objects.filter(named).values("translation_key"))
    if counts["page"]:
        wanted |= Q(pk__in=_slots("page", counts["page"], IntegerField()))
    if counts["ancestor"]:
        wanted |= Q(path__in=_slots("ancestor", counts["ancestor"], CharField()))
    return (
        with_visibility(Page.objects.filter(wanted), hidden)
        .annotate(language_code=F("locale__language_code"), **membership)
        .order_by()
        .values_list(*PageRow._fields[:-1], *membership)
    )


_REFERENCES = {}


def related_ids(page, name):
    """Page `page`'s many-to-many relation `name` for PageReferences: by the field and the page's
    id for a stored page, the ids themselves for a previewed one whose relation lives in memory
    (modelcluster)."""
    related = getattr(page, name).all()
    if isinstance(related, QuerySet):
        return Related(f"{page._meta.label}.{name}", page.pk)
    return [item.pk for item in related]


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
    """TranslationStatus with what its rules read handed in, for one page
    (`page_translation_status`) or for many objects at once (locales.report); the rules are
    unchanged.

    `translations` and `progress` are by language code; `changed` says whether the source was
    published after it was last read (None: worked out from `source_instance`)."""

    def __init__(
        self, translation_key, *, source, translations, progress, changed=None, source_instance=None
    ):
        super().__init__(translation_key)
        if source_instance is not None:
            # TranslationStatus reads the source object with a query: hand it the one loaded in bulk.
            source.get_source_instance = lambda: source_instance
        self.__dict__["source"] = source
        self.__dict__["translations"] = translations
        if changed is not None:
            self.__dict__["source_changed_since_sync"] = bool(changed)
        self._progress = progress

    def progress(self, language_code):
        if language_code not in self.translations:
            return None
        return self._progress.get(language_code, (0, 0))


class _LoadedSource(NamedTuple):
    locale: _Locale


def _build_translation_status(_key):
    key = Slot("translation_key", UUIDField())
    latest_source = (
        TranslationSource.objects.filter(object_id=key).order_by("-last_updated_at").values("pk")[:1]
    )
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id")).order_by().values("source_id")
    translated = StringTranslation.objects.filter(
        usable(),
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
    )
    source_page = Page.objects.filter(translation_key=key, locale_id=OuterRef("source__locale_id"))
    return (
        Translation.objects.filter(source_id=Subquery(latest_source), enabled=True)
        .annotate(
            total=Coalesce(Subquery(segments.annotate(n=Count("pk")).values("n")), 0),
            done=Coalesce(
                Subquery(segments.filter(Exists(translated)).annotate(n=Count("pk")).values("n")), 0
            ),
            source_published=Subquery(source_page.values("last_published_at")[:1]),
        )
        .annotate(
            language_code=F("target_locale__language_code"),
            source_language=F("source__locale__language_code"),
            changed=Case(
                When(source_published__gt=F("source__last_updated_at"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("pk")
        .values_list(*_STATUS_COLUMNS)
    )


_STATUS_COLUMNS = ("language_code", "source_language", "total", "done", "changed")
_TRANSLATION_STATUS = Prepared(_build_translation_status, _STATUS_COLUMNS)


def page_translation_status(translation_key):
    """The TranslationStatus of a page in one query instead of three plus one per language.

    Reads the enabled translations of the page's most recently read source, each with its
    progress counted as `Translation.get_progress()` counts it (an erroneous or unusable string
    is not translated), and whether the source page was published after that source was read.
    A page with no translation can be behind nothing, so its source is not needed.
    """
    rows = _TRANSLATION_STATUS(usable_shape(), {"translation_key": translation_key})
    first = rows[0] if rows else None
    return LoadedTranslationStatus(
        translation_key,
        source=_LoadedSource(_Locale(first["source_language"])) if first else None,
        translations={row["language_code"]: row for row in rows},
        progress={row["language_code"]: (row["total"], row["done"]) for row in rows},
        changed=bool(first and first["changed"]),
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


def nearest_snippet_fields(model, keys, choice, fields):
    """{translation_key: {field: value}} of the snippets of `model` with `keys`, each from its
    finished version (see `unfinished_translation`) nearest along `choice`'s chain; a key with
    no version in the chain is left out. One query, compiled once per shape: the same result
    as `pick_versions` over `without_unfinished_translations`."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    # Shapes by the next multiple of 8 keys, the last one repeated: few shapes for any window.
    count = -(-len(keys) // 8) * 8
    values = {f"key{i}": keys[min(i, len(keys) - 1)] for i in range(count)}
    columns = ("translation_key", "locale__language_code", *fields)
    prepared = _NEAREST_SNIPPETS.get(columns)
    if prepared is None:
        prepared = _NEAREST_SNIPPETS[columns] = Prepared(
            _build_nearest_snippets, columns, converters={"translation_key": as_uuid}
        )
    rows = prepared((model._meta.label, tuple(choice.chain), count, tuple(fields), usable_shape()), values)
    best = pick_versions(rows, choice, language="locale__language_code")
    return {key: {name: row[name] for name in fields} for key, row in best.items()}


_NEAREST_SNIPPETS = {}


def _build_nearest_snippets(key):
    label, chain, count, fields, _usable = key
    slots = [Slot(f"key{i}", UUIDField()) for i in range(count)]
    return (
        apps.get_model(label)
        .objects.filter(translation_key__in=slots, locale__language_code__in=chain)
        .exclude(unfinished_translation())
        .order_by()
        .values_list("translation_key", "locale__language_code", *fields)
    )


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
