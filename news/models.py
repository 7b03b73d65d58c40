from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_v2_fields import (
    ImageRenditionsField,
    LocalisedRelationField,
    PageStreamField,
    related_page_data,
    topic_data,
)
from home.blocks import BodyBlock
from home.headless import HeadlessPageMixin
from home.images import COVER_FILTERS
from home.models import ViewCountMixin
from locales.languages import in_source_locale
from locales.search import analysed


def today():
    return timezone.localdate()


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A section news is filed under, e.g. 国际交流与合作 (International Exchange and Cooperation)."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("The topic as readers see it, e.g. 国际交流与合作.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_(
            "Latin letters, digits and hyphens; the same in every language, used in addresses and filters."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional: a sentence on what news this topic covers.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = analysed([index.SearchField("name"), index.FilterField("locale")])
    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="news_topic_unique_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class NewsIndexPage(HeadlessPageMixin, Page):
    """The news section: one per language, under the home page."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown above the list of news.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1
    show_in_menus_default = True
    preview_kind = "news_index"
    list_resource = "news"

    override_translatable_fields = [TranslatableField("introduction")]

    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")


class NewsArticlePage(HeadlessPageMixin, ViewCountMixin, Page):
    """A news article, e.g. the opening of the China-Kazakhstan Silk Road Online Course."""

    date = models.DateField(
        _("publication date"), default=today, help_text=_("发表时间: the date shown with the article.")
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("来源: where the news comes from, if not from us."),
    )
    drafted_by = models.CharField(
        _("drafted by"), max_length=200, blank=True, help_text=_("撰稿: who wrote the article.")
    )
    photographed_by = models.CharField(
        _("photos by"), max_length=200, blank=True, help_text=_("摄影: who took the photos.")
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("审核: who checked the article before publication."),
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists and when shared.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in lists and when shared. Translators may choose another for their language."),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        help_text=_("The article itself: paragraphs, photos with captions, quotes and videos."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        limit_choices_to=in_source_locale,
        related_name="articles",
        help_text=_("Tick the topics the article is filed under."),
    )
    related_partnerships = ParentalManyToManyField(
        "partnerships.PartnershipPage",
        verbose_name=_("related partnerships"),
        blank=True,
        limit_choices_to=in_source_locale,
        related_name="news_articles",
        help_text=_("Tick the partnerships the article is about: it is then listed on their pages."),
    )
    related_courses = ParentalManyToManyField(
        "partnerships.CoursePage",
        verbose_name=_("related courses"),
        blank=True,
        limit_choices_to=in_source_locale,
        related_name="news_articles",
        help_text=_("Tick the courses the article is about."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("drafted_by"), FieldPanel("photographed_by"), FieldPanel("reviewed_by")]
                ),
            ],
            heading=_("Credits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_partnerships", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_courses", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Related"),
        ),
    ]
    # Analysed as locales.search does for every page (HeadlessPageMixin.get_search_fields).
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("source"),
        index.SearchField("drafted_by"),
        index.SearchField("photographed_by"),
        index.SearchField("reviewed_by"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    preview_kind = "news"

    override_translatable_fields = [
        TranslatableField("source"),
        TranslatableField("drafted_by"),
        TranslatableField("photographed_by"),
        TranslatableField("reviewed_by"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("cover_image", overridable=True),
        SynchronizedField("topics"),
        SynchronizedField("related_partnerships"),
        SynchronizedField("related_courses"),
    ]

    # API v2: relations come in this page's language (or the nearest fallback).
    api_fields = [
        APIField("date"),
        APIField("source"),
        APIField("drafted_by"),
        APIField("photographed_by"),
        APIField("reviewed_by"),
        APIField("summary"),
        APIField("cover_image", serializer=ImageRenditionsField(filters=COVER_FILTERS)),
        APIField("body", serializer=PageStreamField()),
        APIField("topics", serializer=LocalisedRelationField(topic_data)),
        APIField("related_partnerships", serializer=LocalisedRelationField(related_page_data)),
        APIField("related_courses", serializer=LocalisedRelationField(related_page_data)),
        APIField("view_count"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-date", "-pk"]
        # Readers' order: a list window and an article's previous and next walk it from a date
        # instead of sorting every article (PostgreSQL at 300 per language: the neighbour query
        # 7-10 ms without it, 1.3-1.8 ms with it).
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_article_date_order")]
