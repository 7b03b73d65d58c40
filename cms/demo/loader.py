"""Loads the demo content: source pages and snippets in zh-hans, then tracked en and kk translations.

Every translated object goes through wagtail-localize (a TranslationSource, a Translation per
target locale and a StringTranslation per segment), exactly as if a translator had filled in
the admin's translation editor; no untracked copies are made.

Idempotent: objects are found again by a stable lookup (a page's slug under its parent, a
snippet's slug, website or name in the source locale, an image's title) and skipped when they
exist; a missing translation is added without touching the source.
"""

import datetime
import uuid
from collections import Counter
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.html import escape
from wagtail.models import Locale, ReferenceIndex
from wagtail.search import index as search_index
from wagtail.search import signal_handlers as search_signals
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import StringSegment, TranslationSource

from cms.demo import images as drawings
from cms.demo import synthetic, texts
from home.bootstrap import ensure_home_pages
from locales.languages import source_language_code
from locales.translation import translate_with_strings

# Block ids are derived from the page's slug, so the same demo content has the same ids.
BLOCK_ID_NAMESPACE = uuid.UUID("5c2f3f5e-8f0b-4a55-9d61-6f1f2a0c7d10")

SYNTHETIC_POOL_SIZE = 8
SYNTHETIC_BATCH = 10


class IncompleteTranslation(Exception):
    """A segment of the demo content has no translation in the demo texts: a bug in texts.py."""


# --- Strings -------------------------------------------------------------------------------------


def _flatten(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key in sorted(value) for text in _flatten(value[key])]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flatten(item)]
    return []


def string_pairs(source, target):
    """{source string: target string} for two structures of the same shape, as segment data.

    wagtail-localize keeps segments as HTML-escaped text (`&`, `<` and `>` escaped; quotes kept
    as they are), for plain-text fields as well as rich text, so both sides are escaped the same
    way.
    """
    sources, targets = _flatten(source), _flatten(target)
    if len(sources) != len(targets):
        raise IncompleteTranslation(f"{len(sources)} source strings but {len(targets)} translations")
    return {escape_segment(s): escape_segment(t) for s, t in zip(sources, targets, strict=True) if s.strip()}


def escape_segment(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- StreamField values --------------------------------------------------------------------------


class Blocks:
    """Builds raw StreamField data with stable block ids (so segments keep their contexts)."""

    def __init__(self, key):
        self.key = key
        self.counter = 0

    def id(self):
        self.counter += 1
        return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{self.key}:{self.counter}"))

    def block(self, block_type, value):
        return {"type": block_type, "value": value, "id": self.id()}

    def item(self, value):
        return {"type": "item", "value": value, "id": self.id()}

    def paragraph(self, text):
        return self.block("paragraph", f"<p>{escape(text)}</p>")

    def captioned_image(self, image, alt_text, caption):
        return {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": False},
            "caption": caption,
            "credit": "",
        }

    def image(self, image, alt_text, caption):
        return self.block("image", self.captioned_image(image, alt_text, caption))

    def gallery(self, pictures, captions, row_caption):
        items = [
            self.item(self.captioned_image(image, text["alt_text"], text["caption"]))
            for image, text in zip(pictures, captions, strict=True)
        ]
        return self.block("gallery", {"images": items, "caption": row_caption})


def article_body(key, text, pictures):
    """Paragraphs, a row of captioned pictures, then the remaining paragraphs."""
    blocks = Blocks(key)
    return (
        [blocks.paragraph(p) for p in text["before_gallery"]]
        + [blocks.gallery(pictures, text["gallery"]["images"], text["gallery"]["caption"])]
        + [blocks.paragraph(p) for p in text["after_gallery"]]
    )


@contextmanager
def indexing_once_per_page(model):
    """Update the search and reference indexes once per page, not at each of its saves.

    Creating, translating and publishing a page saves it about four times, and each save
    re-indexes it for search and for references (a third of the time of a synthetic article).
    Inside this block the save signals of `model` do not index; the pages appended to the list
    it yields are indexed once, at the end.
    """
    pages = []
    searchable = post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield pages
    finally:
        if searchable:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
    # Fresh from the database: the objects in memory may predate their publication.
    for page in model.objects.filter(pk__in=[page.pk for page in pages]):
        if searchable:
            search_index.insert_or_update_object(page)
        ReferenceIndex.create_or_update_for_object(page)


# --- The loader ----------------------------------------------------------------------------------


class DemoLoader:
    def __init__(self, *, progress=None):
        self.progress = progress  # called as progress(done, total) while synthetic articles load
        self.created = Counter()
        self.translated = Counter()
        self.notes = []
        self.locales = {}
        self.source_locale = None

    # Locales and translation -----------------------------------------------------------------

    def _prepare_locales(self):
        ensure_home_pages()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.source_locale = self.locales[source_language_code()]
        if self.source_locale.language_code != texts.SOURCE:
            raise RuntimeError(
                f"The demo texts are written in {texts.SOURCE}, but the source language is "
                f"{self.source_locale.language_code}."
            )
        self.targets = [self.locales[code] for code in texts.TARGETS if code in self.locales]

    def translate(self, instance, words):
        """Translate `instance` into each target locale that lacks it, from `words` (lang -> texts)."""
        for locale in self.targets:
            if instance.has_translation(locale):
                continue
            strings = string_pairs(words[texts.SOURCE], words[locale.language_code])
            translate_with_strings(instance, locale, strings)
            self._check_complete(instance, locale)
            self.translated[type(instance).__name__] += 1

    def _check_complete(self, instance, locale):
        source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
        missing = (
            StringSegment.objects.filter(source=source)
            .annotate_translation(locale)
            .filter(translation__isnull=True)
            .values_list("string__data", flat=True)
        )
        if missing:
            raise IncompleteTranslation(
                f"{instance!r} has segments with no {locale.language_code} translation: {list(missing)}"
            )

    # Objects ------------------------------------------------------------------------------------

    def snippet(self, model, lookup, words, **fields):
        instance = model.objects.filter(locale=self.source_locale, **lookup).first()
        if instance is None:
            instance = model(**{**words[texts.SOURCE], **fields, **lookup, "locale": self.source_locale})
            instance.full_clean()
            instance.save()
            self.created[model.__name__] += 1
        self.translate(instance, words)
        return instance

    def page(self, parent, model, words, **fields):
        source_words = words[texts.SOURCE]
        page = model.objects.child_of(parent).filter(slug=source_words["slug"]).first()
        if page is None:
            page = model(
                title=source_words["title"],
                slug=source_words["slug"],
                locale=self.source_locale,
                **fields,
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.created[model.__name__] += 1
        self.translate(page, words)
        return page

    def image(self, title, draw, filename):
        image, created = drawings.get_or_create_image(title, draw, filename=filename)
        if created:
            self.created["Image"] += 1
        return image

    # The demo -----------------------------------------------------------------------------------

    def load(self):
        """The demo content: the seed article and everything it refers to."""
        self._prepare_locales()
        with transaction.atomic():
            self._load()

    def _load(self):
        from home.models import HomePage
        from news.models import NewsArticlePage, NewsIndexPage, Topic
        from partnerships.models import (
            CoursePage,
            PartnerInstitution,
            PartnershipIndexPage,
            PartnershipPage,
            Person,
        )

        home = HomePage.objects.get(locale=self.source_locale, depth=2)

        logo = self.image(
            "Demo: AITU logo", lambda: drawings.logo("AITU", (0, 84, 166)), "demo-aitu-logo.jpg"
        )
        screen = self.image(
            "Demo: first class of the Silk Road Online Course, on screen",
            drawings.online_class_screen,
            "demo-first-class-screen.jpg",
        )
        hall = self.image(
            "Demo: first class of the Silk Road Online Course, lecture hall",
            drawings.lecture_hall,
            "demo-first-class-hall.jpg",
        )
        cover = self.image("Demo: ZJCST and AITU banner", drawings.cover_banner, "demo-zjcst-aitu-banner.jpg")
        meeting_photo = self.image(
            "Demo: pre-departure mobilization meeting", drawings.meeting_room, "demo-mobilization-meeting.jpg"
        )

        topic = self.snippet(Topic, {"slug": texts.TOPIC_SLUG}, texts.TOPIC)
        aitu = self.snippet(
            PartnerInstitution,
            {"website": texts.AITU_WEBSITE},
            texts.AITU,
            country_code="KZ",
            logo=logo,
        )
        # 赵秉志: characters reconstructed from the published pinyin "Zhao Bingzhi".
        zhao = self.snippet(Person, {"name": texts.ZHAO[texts.SOURCE]["name"]}, texts.ZHAO)

        news_index = self.page(
            home,
            NewsIndexPage,
            texts.NEWS_INDEX,
            introduction=texts.NEWS_INDEX[texts.SOURCE]["introduction"],
        )
        partnership_index = self.page(
            home,
            PartnershipIndexPage,
            texts.PARTNERSHIP_INDEX,
            introduction=texts.PARTNERSHIP_INDEX[texts.SOURCE]["introduction"],
        )

        words = texts.PARTNERSHIP[texts.SOURCE]
        blocks = Blocks(words["slug"])
        partnership = self.page(
            partnership_index,
            PartnershipPage,
            texts.PARTNERSHIP,
            summary=words["summary"],
            institutions=[aitu],
            kind="joint-college",
            # The article says only that the agreement was signed "in March this year" (2025);
            # the day is not published, so the first of the month stands in for it.
            signed_on=datetime.date(2025, 3, 1),
            status="active",
            cooperation_areas=["technical-exchange", "visits", "joint-training"],
            principles=[blocks.block("principle", text) for text in words["principles"]],
            body=[blocks.paragraph(text) for text in words["body"]],
        )

        words = texts.COURSE[texts.SOURCE]
        blocks = Blocks(words["slug"])
        first, second = words["phases"]
        session = first["sessions"][0]
        course = self.page(
            partnership,
            CoursePage,
            texts.COURSE,
            summary=words["summary"],
            delivery_mode="online",
            subject_areas=[
                "emergency-management",
                "network-security",
                "intelligent-technology",
                "chinese-culture",
            ],
            audiences=["partner-students", "enterprise-staff"],
            instruction_languages=["zh", "en"],
            teachers=[zhao],
            phases=[
                blocks.block(
                    "phase",
                    {
                        "title": first["title"],
                        "status": "completed",
                        "period": first["period"],
                        "starts_on": "2025-04-18",
                        "ends_on": "2025-04-18",
                        "description": first["description"],
                        "sessions": [
                            blocks.item(
                                {
                                    "date": "2025-04-18",
                                    # "On the afternoon of April 18": the times are not
                                    # published; 14:00-15:30 is a plausible afternoon class.
                                    "start_time": "14:00:00",
                                    "end_time": "15:30:00",
                                    "theme": session["theme"],
                                    "teacher": zhao.pk,
                                    "audience": session["audience"],
                                    "participants": 60,
                                    "participants_approximate": True,  # "nearly 60"
                                }
                            )
                        ],
                    },
                ),
                blocks.block(
                    "phase",
                    {
                        "title": second["title"],
                        "status": "announced",
                        "period": second["period"],
                        "starts_on": None,
                        "ends_on": None,
                        "description": second["description"],
                        "sessions": [],
                    },
                ),
            ],
            body=[blocks.paragraph(text) for text in words["body"]],
        )

        related = {
            "topics": [topic],
            "related_partnerships": [partnership],
            "related_courses": [course],
        }

        # Older first, so that the seed article is the newest (the site's "next" link of the seed
        # page points at the meeting).
        words = texts.MEETING_ARTICLE[texts.SOURCE]
        blocks = Blocks(words["slug"])
        self.page(
            news_index,
            NewsArticlePage,
            texts.MEETING_ARTICLE,
            date=datetime.date(2025, 4, 10),
            summary=words["summary"],
            drafted_by=words["drafted_by"],
            cover_image=meeting_photo,
            body=[blocks.paragraph(words["body"][0])]
            + [blocks.image(meeting_photo, words["image"]["alt_text"], words["image"]["caption"])]
            + [blocks.paragraph(text) for text in words["body"][1:]],
            **related,
        )

        words = texts.SEED_ARTICLE[texts.SOURCE]
        self.page(
            news_index,
            NewsArticlePage,
            texts.SEED_ARTICLE,
            date=datetime.date(2025, 4, 18),
            source="",  # 来源 is empty on the published page: the news is the college's own.
            drafted_by=words["drafted_by"],
            summary=words["summary"],
            cover_image=cover,
            body=article_body(words["slug"], words, [screen, hall]),
            **related,
        )

        self.site_settings()

    def site_settings(self):
        from home.models import SitePhoneLine, SiteSettings

        words = texts.SITE_SETTINGS[texts.SOURCE]
        settings = SiteSettings.objects.filter(locale=self.source_locale).first()
        if settings is None and SiteSettings.objects.exists():
            # Someone made the footer in another language first; SiteSettings.clean() allows one
            # record (and its translations) only, so leave theirs alone.
            self.notes.append("Site settings exist in another language only: left as they are.")
            return None
        if settings is None:
            settings = SiteSettings(
                locale=self.source_locale,
                **{key: value for key, value in words.items() if key != "phone_lines"},
                **texts.SITE_SETTINGS_VALUES,
                phone_lines=[
                    SitePhoneLine(locale=self.source_locale, label=label, number=number, sort_order=index)
                    for index, (label, number) in enumerate(
                        zip(words["phone_lines"], texts.PHONE_NUMBERS, strict=True)
                    )
                ],
            )
            settings.full_clean()
            settings.save()
            self.created["SiteSettings"] += 1
        self.translate(settings, texts.SITE_SETTINGS)
        return settings

    # Synthetic articles -------------------------------------------------------------------------

    def load_synthetic(self, count):
        """`count` synthetic articles (synthetic-0001 ...) in every language; existing ones are kept."""
        from news.models import NewsArticlePage, NewsIndexPage, Topic

        self._prepare_locales()
        news_index = NewsIndexPage.objects.get(
            locale=self.source_locale, slug=texts.NEWS_INDEX[texts.SOURCE]["slug"]
        )
        topic = Topic.objects.get(locale=self.source_locale, slug=texts.TOPIC_SLUG)
        pool = [
            self.image(
                f"Demo: synthetic photo {index + 1:02d}",
                lambda index=index: drawings.synthetic_scene(index),
                f"demo-synthetic-{index + 1:02d}.jpg",
            )
            for index in range(SYNTHETIC_POOL_SIZE)
        ]

        existing = {
            page.slug: page
            for page in NewsArticlePage.objects.child_of(news_index).filter(slug__startswith="synthetic-")
        }
        translated = set(
            NewsArticlePage.objects.filter(
                translation_key__in=[page.translation_key for page in existing.values()]
            ).values_list("translation_key", "locale_id")
        )

        todo = []
        for number in range(1, count + 1):
            page = existing.get(synthetic.slug_for(number))
            missing = [
                locale
                for locale in self.targets
                if page is None or (page.translation_key, locale.pk) not in translated
            ]
            if page is None or missing:
                todo.append((number, page, missing))

        done = count - len(todo)
        self._report(done, count)
        for start in range(0, len(todo), SYNTHETIC_BATCH):
            with transaction.atomic(), indexing_once_per_page(NewsArticlePage) as saved:
                for number, page, missing in todo[start : start + SYNTHETIC_BATCH]:
                    article = synthetic.build(number, SYNTHETIC_POOL_SIZE)
                    if page is None:
                        page = self._synthetic_page(news_index, topic, article, pool)
                    saved.append(page)
                    saved.extend(self._translate_in_bulk(page, article.texts, missing))
                    done += 1
                    self._report(done, count)
        return count - len(todo), len(todo)

    def _report(self, done, total):
        if self.progress:
            self.progress(done, total)

    def _synthetic_page(self, news_index, topic, article, pool):
        from news.models import NewsArticlePage

        words = article.texts[texts.SOURCE]
        cover, first, second = (pool[index] for index in article.image_indexes)
        page = NewsArticlePage(
            title=words["title"],
            slug=article.slug,
            locale=self.source_locale,
            date=article.date,
            drafted_by=words["drafted_by"],
            summary=words["summary"],
            cover_image=cover,
            body=article_body(article.slug, words, [first, second]),
            topics=[topic],
        )
        news_index.add_child(instance=page)
        page.save_revision().publish()
        self.created["NewsArticlePage (synthetic)"] += 1
        return page

    def _translate_in_bulk(self, instance, words, locales):
        """Translate a synthetic article into `locales`, refusing to leave any string untranslated."""
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        texts_needed = set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))
        targets = []
        for locale in locales:
            strings = string_pairs(words[texts.SOURCE], words[locale.language_code])
            missing = sorted(texts_needed - set(strings))
            if missing:
                raise IncompleteTranslation(f"{instance!r}: no {locale.language_code} text for {missing}")
            targets.append(translate_with_strings(instance, locale, strings))
            self.translated["NewsArticlePage (synthetic)"] += 1
        return targets
