from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_v2_fields import (
    ChoiceLabelField,
    ChoiceListLabelsField,
    LocalisedRelationField,
    PageStreamField,
    person_data,
)
from home.blocks import BodyBlock
from home.fields import ChoiceListField
from home.headless import HeadlessPageMixin
from locales.languages import in_source_locale
from partnerships import choices
from partnerships.blocks import PhasesBlock


class CoursePage(HeadlessPageMixin, Page):
    """A joint course run under a partnership, with its phases and class sessions."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and cards.")
    )
    delivery_mode = models.CharField(
        _("delivery mode"),
        max_length=20,
        choices=choices.DELIVERY_MODES,
        help_text=_("How the classes are given: online, on site, or both."),
    )
    subject_areas = ChoiceListField(
        _("subject areas"),
        item_choices=choices.SUBJECT_AREAS,
        help_text=_("Tick every subject the course teaches."),
    )
    audiences = ChoiceListField(
        _("audiences"), item_choices=choices.AUDIENCES, help_text=_("Tick everyone the course is for.")
    )
    instruction_languages = ChoiceListField(
        _("languages of instruction"),
        item_choices=choices.INSTRUCTION_LANGUAGES,
        help_text=_("Tick the languages the classes are taught in."),
    )
    teachers = ParentalManyToManyField(
        "partnerships.Person",
        verbose_name=_("teachers"),
        blank=True,
        limit_choices_to=in_source_locale,
        related_name="courses",
        help_text=_("Tick who teaches the course. Add a missing person under Partners first."),
    )
    phases = StreamField(
        PhasesBlock(),
        verbose_name=_("phases"),
        blank=True,
        help_text=_(
            "Each run of the course, with its class sessions. Add announced phases before they start."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("More about the course: paragraphs, photos with captions, quotes and videos."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("delivery_mode"),
                FieldPanel("subject_areas"),
                FieldPanel("audiences"),
                FieldPanel("instruction_languages"),
                FieldPanel("teachers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("phases"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["partnerships.PartnershipPage"]
    subpage_types = []
    preview_kind = "courses"

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("phases"),
        TranslatableField("body"),
        SynchronizedField("delivery_mode"),
        SynchronizedField("subject_areas"),
        SynchronizedField("audiences"),
        SynchronizedField("instruction_languages"),
        SynchronizedField("teachers"),
    ]

    # API v2: codes for filtering, labels and teachers in this page's language.
    api_fields = [
        APIField("summary"),
        APIField("delivery_mode"),
        APIField("delivery_mode_label", serializer=ChoiceLabelField("delivery_mode")),
        APIField("subject_areas", serializer=ChoiceListLabelsField()),
        APIField("audiences", serializer=ChoiceListLabelsField()),
        APIField("instruction_languages", serializer=ChoiceListLabelsField()),
        APIField("teachers", serializer=LocalisedRelationField(person_data)),
        APIField("phases", serializer=PageStreamField()),
        APIField("body", serializer=PageStreamField()),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def partnership(self):
        return self.get_parent().specific
