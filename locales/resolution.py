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

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.functional import cached_property
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from locales.languages import content_language_codes, fallback_chain, source_language_code

# Translation states a consumer can see in a page's alternates.
TRANSLATED = "translated"
OUT_OF_DATE = "out_of_date"
FALLBACK = "fallback"
MISSING = "missing"


def visible_pages(queryset):
    """Limit a page queryset to what an anonymous reader may see."""
    # Unpublished pages with children hide their whole branch. Children are looked up rather than
    # trusting `numchild`, which a stale page object saved after its children were added (as
    # wagtail-localize's on-commit publish does) leaves at 0.
    has_children = Page.objects.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
    hidden_branches = (
        Page.objects.filter(live=False).filter(Exists(has_children)).values_list("path", flat=True)
    )
    queryset = queryset.live().public().filter(locale__language_code__in=content_language_codes())
    exclusion = Q()
    for path in hidden_branches:
        exclusion |= Q(path__startswith=path)
    return queryset.exclude(exclusion) if exclusion else queryset


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


def resolve_page(queryset, translation_key, choice):
    """The visible version of one translation group that `choice` should get, or None."""
    versions = visible_pages(queryset.filter(translation_key=translation_key)).select_related("locale")
    picked = pick_versions(list(versions), choice)
    return picked.get(translation_key)


def front_end_path(page):
    """The reader-facing path: /<language>/<path below the language's home page>/."""
    parts = page.url_path.strip("/").split("/")
    rest = "/".join(parts[1:])
    return f"/{page.locale.language_code}/" + (f"{rest}/" if rest else "")


def alternates(page, queryset, choice_for):
    """Each published language's version of `page`: slug, path, state.

    `queryset` is the page type's queryset; `choice_for(code)` builds the LanguageChoice used to
    compute what a reader of that language would get (so a missing language shows its fallback).
    """
    versions = {
        version.locale.language_code: version
        for version in visible_pages(queryset.filter(translation_key=page.translation_key)).select_related(
            "locale"
        )
    }
    status = TranslationStatus(page.translation_key)
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


def is_source_language(code):
    return code == source_language_code()


def without_unfinished_translations(objects):
    """Drop snippet versions that are wagtail-localize translations with strings still untranslated.

    Snippets have no drafts: translating a page also creates translations of the snippets it
    points at, live at once and still holding the source text. A reader of that language must
    get the nearest finished version instead (a marked fallback), never Chinese passed off as
    Kazakh. Costs three queries for any number of objects.
    """
    objects = list(objects)
    keys = {obj.translation_key for obj in objects}
    if not keys:
        return objects
    sources = {source.object_id: source for source in TranslationSource.objects.filter(object_id__in=keys)}
    if not sources:
        return objects
    source_ids = [source.pk for source in sources.values()]
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values_list("source_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    done = {
        (source_id, locale_id): n
        for source_id, locale_id, n in StringSegment.objects.filter(
            source_id__in=source_ids,
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values_list("source_id", "string__translations__locale_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    targets = set(
        Translation.objects.filter(source_id__in=source_ids, enabled=True).values_list(
            "source_id", "target_locale_id"
        )
    )
    kept = []
    for obj in objects:
        source = sources.get(obj.translation_key)
        unfinished = (
            source is not None
            and obj.locale_id != source.locale_id
            and (source.pk, obj.locale_id) in targets
            and done.get((source.pk, obj.locale_id), 0) < totals.get(source.pk, 0)
        )
        if not unfinished:
            kept.append(obj)
    return kept
