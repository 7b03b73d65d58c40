"""How far each language's version of every page and translatable snippet lags its source, and
bringing translations back in step with their sources.

The rule for "out of date" is `locales.resolution.TranslationStatus`'s, the one the delivery API's
alternates use; `TranslationGrid` loads what that rule needs for every object at once (a fixed
number of queries, whatever the number of pages) and names the state a translator acts on:

- missing: no version in the language (an alias page, which only mirrors the source, counts as
  missing);
- out of date: the source was published (a snippet: changed) after wagtail-localize last read
  it; or the translation is live and has strings left untranslated after its source was re-read
  (a sync);
- in progress: the translation is a draft, or was started from the current source and is not
  finished yet;
- complete: live (snippets without a draft state always are) with every string translated.

How this reads in the API's alternates, which only show live pages: complete is `translated`;
out of date and a live translation in progress are `out_of_date` (both have untranslated strings
or an older source); a draft or missing translation is not visible, so a reader gets the fallback.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from locales.languages import content_language_codes, source_language_code, translatable_models
from locales.resolution import LoadedTranslationStatus, TranslationStatus
from locales.translation import usable

MISSING = "missing"
IN_PROGRESS = "in_progress"
OUT_OF_DATE = "out_of_date"
COMPLETE = "complete"

STATES = {
    MISSING: _("Missing"),
    IN_PROGRESS: _("In progress"),
    OUT_OF_DATE: _("Out of date"),
    COMPLETE: _("Complete"),
}

# Why a translation is in its state, shown beside it.
SOURCE_CHANGED = "source_changed"
UNTRANSLATED = "untranslated"
DRAFT = "draft"
UNTRACKED = "untracked"
ALIAS = "alias"

REASONS = {
    SOURCE_CHANGED: _("The source was published after it was last synced."),
    UNTRANSLATED: _("Some strings are not translated yet; readers see the source text for them."),
    DRAFT: _("Not published yet."),
    UNTRACKED: _("Translated by hand, outside the translation editor: its progress is not tracked."),
    ALIAS: _("An alias page that shows the source content."),
}

PAGE_FIELDS = [
    "id",
    "title",
    "path",
    "depth",
    "live",
    "alias_of_id",
    "last_published_at",
    "content_type_id",
    "locale_id",
    "translation_key",
]


@dataclass
class Cell:
    """One object in one language."""

    language_code: str
    state: str
    reason: str = ""
    target: object = None
    translation: Translation | None = None
    total: int | None = None
    done: int | None = None
    edit_url: str = ""

    @property
    def label(self):
        return STATES[self.state]

    @property
    def reason_text(self):
        return REASONS.get(self.reason, "")

    @property
    def percent(self):
        if self.total is None:
            return None
        return 100 if not self.total else int(100 * self.done / self.total)

    @property
    def needs_translating(self):
        """Worth sending to a translator: missing, out of date, or with strings left to translate."""
        if self.state in (MISSING, OUT_OF_DATE):
            return True
        return self.state == IN_PROGRESS and self.translation is not None and self.done < self.total


@dataclass
class Row:
    """A page or snippet in the source language, with a cell per target language."""

    kind: str  # "page" or "snippet"
    model: type
    instance: object
    status: TranslationStatus
    cells: dict = field(default_factory=dict)

    @property
    def title(self):
        return self.instance.title if self.kind == "page" else str(self.instance)

    @property
    def depth(self):
        return self.instance.depth if self.kind == "page" else 0

    @property
    def type_name(self):
        return self.model._meta.verbose_name

    @property
    def edit_url(self):
        return edit_url(self.instance)

    @property
    def translate_url(self):
        """wagtail-localize's "Translate this page" (or snippet) form."""
        if self.kind == "page":
            return reverse("wagtail_localize:submit_page_translation", args=[self.instance.pk])
        meta = self.model._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, quote(self.instance.pk)],
        )

    @property
    def source(self):
        return self.status.source

    @property
    def source_changed(self):
        return any(cell.reason == SOURCE_CHANGED for cell in self.cells.values())


def edit_url(instance):
    """The admin edit view; for a tracked translation, wagtail-localize turns it into its editor."""
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])
    meta = instance._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[quote(instance.pk)])


def translation_state(status, language_code, target):
    """(state, reason) of `target`, the version of `status`'s object in `language_code`, or None."""
    if target is None:
        return MISSING, ""
    if getattr(target, "alias_of_id", None):
        return MISSING, ALIAS
    translation = status.translations.get(language_code)
    if translation is not None and status.source_changed_since_sync:
        return OUT_OF_DATE, SOURCE_CHANGED
    live = getattr(target, "live", True)
    if not live:
        return IN_PROGRESS, DRAFT
    if not status.is_out_of_date(language_code):
        return COMPLETE, "" if translation is not None else UNTRACKED
    # Live, with strings left to translate. Started from the current source: still being
    # translated. Source re-read since it was started: strings that changed wait for a translator.
    if translation.created_at >= status.source.last_updated_at:
        return IN_PROGRESS, UNTRANSLATED
    return OUT_OF_DATE, UNTRANSLATED


class TranslationGrid:
    """Every page (but Wagtail's root) and translatable snippet in the source language, with the
    state of its version in each target language. Loads everything in a fixed number of queries."""

    def __init__(self, language_codes=None):
        self.source_code = source_language_code()
        targets = [code for code in content_language_codes() if code != self.source_code]
        self.language_codes = [code for code in targets if not language_codes or code in language_codes]

    @cached_property
    def rows(self):
        versions = defaultdict(dict)  # translation key -> language code -> object
        kinds = []  # (kind, model, source-language object), in display order
        locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}

        for page in Page.objects.filter(depth__gt=1).only(*PAGE_FIELDS).order_by("path"):
            code = locales.get(page.locale_id)
            versions[page.translation_key][code] = page
            if code == self.source_code:
                kinds.append(("page", page.specific_class or Page, page))
        for model in translatable_models():
            snippets = []
            for snippet in model.objects.select_related("locale"):
                versions[snippet.translation_key][snippet.locale.language_code] = snippet
                if snippet.locale.language_code == self.source_code:
                    snippets.append(snippet)
            kinds.extend(("snippet", model, snippet) for snippet in sorted(snippets, key=str))

        sources = {}
        for source in (
            TranslationSource.objects.defer("content_json")
            .select_related("locale")
            .order_by("last_updated_at")
        ):
            sources[source.object_id] = source  # the most recently read one, as TranslationStatus picks
        translations = defaultdict(dict)
        for translation in Translation.objects.filter(enabled=True).select_related("target_locale"):
            translations[translation.source_id][translation.target_locale.language_code] = translation
        progress = self._progress(locales)
        # Snippets have no publication date to compare with the source's: compare their content
        # with what wagtail-localize last read, as the sync does.
        snippet_sources = [
            sources[instance.translation_key].pk
            for kind, _model, instance in kinds
            if kind == "snippet" and instance.translation_key in sources
        ]
        read_content = dict(
            TranslationSource.objects.filter(pk__in=snippet_sources).values_list("pk", "content_json")
        )

        rows = []
        for kind, model, instance in kinds:
            key = instance.translation_key
            source = sources.get(key)
            source_instance = versions[key].get(source.locale.language_code) if source else None
            changed = None
            if kind == "snippet" and source is not None and source_instance is not None:
                changed = serialized(source_instance) != json.loads(read_content[source.pk])
            status = LoadedTranslationStatus(
                key,
                source=source,
                source_instance=source_instance,
                translations=translations.get(source.pk, {}) if source else {},
                progress=progress.get(source.pk, {}) if source else {},
                changed=changed,
            )
            row = Row(kind=kind, model=model, instance=instance, status=status)
            for code in self.language_codes:
                target = versions[key].get(code)
                state, reason = translation_state(status, code, target)
                cell = Cell(language_code=code, state=state, reason=reason)
                if target is not None and reason != ALIAS:
                    cell.target = target
                    cell.edit_url = edit_url(target)
                    cell.translation = status.translations.get(code)
                    if cell.translation is not None:
                        cell.total, cell.done = status.progress(code)
                row.cells[code] = cell
            rows.append(row)
        return rows

    def _progress(self, locales):
        """{source id: {language code: (strings, translated strings)}}, as Translation.get_progress()
        counts them (a translation with an error does not count), in two queries for all sources."""
        totals = dict(StringSegment.objects.values_list("source_id").annotate(n=Count("id")).order_by())
        done = (
            StringSegment.objects.filter(
                usable("string__translations__"),
                string__translations__context_id=F("context_id"),
            )
            .values_list("source_id", "string__translations__locale_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        translated = {(source_id, locale_id): n for source_id, locale_id, n in done}
        return {
            source_id: {
                code: (total, translated.get((source_id, locale_id), 0))
                for locale_id, code in locales.items()
            }
            for source_id, total in totals.items()
        }

    def filter(self, *, states=None, kind=None, query=None):
        """The rows with at least one shown cell in `states`, of `kind`, whose title contains `query`."""
        rows = self.rows
        if kind:
            rows = [row for row in rows if row.kind == kind]
        if query:
            needle = query.casefold()
            rows = [row for row in rows if needle in row.title.casefold()]
        if states:
            rows = [row for row in rows if any(cell.state in states for cell in row.cells.values())]
        return rows

    def row(self, instance):
        """The row of `instance`, or of its source-language version; None if there is none."""
        kind = "page" if isinstance(instance, Page) else "snippet"
        return next(
            (
                r
                for r in self.rows
                if r.kind == kind and r.instance.translation_key == instance.translation_key
            ),
            None,
        )

    def counts(self):
        """{language code: {state: number of objects}}."""
        result = {code: dict.fromkeys(STATES, 0) for code in self.language_codes}
        for row in self.rows:
            for code, cell in row.cells.items():
                result[code][cell.state] += 1
        return result


# --- Bringing translations back in step -------------------------------------------------------


def serialized(instance):
    """The object's content as wagtail-localize stores it in TranslationSource.content_json."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


def source_is_stale(source, instance=None):
    """Whether the source object changed since wagtail-localize last read it.

    The content is compared, as TranslationSource.update_or_create_from_instance does: snippets
    have no publication date, and a page can change without a new one.
    """
    instance = instance or source.get_source_instance()
    return serialized(instance) != json.loads(source.content_json)


def is_draftable(translation):
    return issubclass(translation.source.specific_content_type.model_class(), DraftStateMixin)


def sync_source(source, *, user=None):
    """Re-read `source` and re-render each of its translations, keeping its live state, as
    "Sync translated pages" does. Returns [(translation, exception)] of those that failed; each
    failure is rolled back on its own."""
    source.update_from_db()
    failures = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        translation.source = source  # the one just re-read
        try:
            translation.get_target_instance()
        except ObjectDoesNotExist:
            continue  # the translated object was deleted
        try:
            with transaction.atomic():
                save_target(translation, user=user)
        except Exception as error:
            failures.append((translation, error))
    return failures


def save_target(translation, *, user=None, publish=None):
    """Re-render the translated object from its source and translated strings.

    `publish=None` keeps the target's state: published only if it exists and is live, so a new
    translation starts as a draft. A page is published only when every string is translated;
    until then a live page keeps what its readers had (locales.translation.save_translated_page).
    Objects without a draft state are simply saved.
    """
    if not is_draftable(translation):
        translation.save_target(user=user, publish=True)
        return translation.get_target_instance()
    if publish is None:
        try:
            publish = translation.get_target_instance().live
        except ObjectDoesNotExist:
            publish = False
    translation.save_target(user=user, publish=publish)
    return translation.get_target_instance()
