from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
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
    institution_data,
)
from home.blocks import BodyBlock, PrinciplesBlock
from home.fields import ChoiceListField
from home.headless import HeadlessPageMixin
from locales.languages import in_source_locale
from partnerships import choices


class PartnershipIndexPage(HeadlessPageMixin, Page):
    """The list of partnerships: one per language, under the home page."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A sentence or two shown above the list of partnerships.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnerships.PartnershipPage"]
    max_count_per_parent = 1
    show_in_menus_default = True
    preview_kind = "partnerships_index"
    list_resource = "partnerships"

    override_translatable_fields = [TranslatableField("introduction")]

    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("partnership index")
        verbose_name_plural = _("partnership indexes")


class PartnershipPage(HeadlessPageMixin, Page):
    """A cooperation with one or more foreign institutions; its joint courses are its children."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for lists and cards.")
    )
    institutions = ParentalManyToManyField(
        "partnerships.PartnerInstitution",
        verbose_name=_("partner institutions"),
        blank=True,
        limit_choices_to=in_source_locale,
        related_name="partnerships",
        help_text=_("Tick the institutions the agreement is with. Add a missing one under Partners first."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=40,
        choices=choices.PARTNERSHIP_KINDS,
        help_text=_("What kind of agreement it is."),
    )
    signed_on = models.DateField(
        _("date signed"), null=True, blank=True, help_text=_("When the agreement was signed, if it was.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=choices.PARTNERSHIP_STATUSES,
        default="active",
        help_text=_("Where the partnership stands today."),
    )
    cooperation_areas = ChoiceListField(
        _("areas of cooperation"),
        item_choices=choices.COOPERATION_AREAS,
        help_text=_("Tick every area the partnership covers."),
    )
    principles = StreamField(
        PrinciplesBlock(),
        verbose_name=_("guiding principles"),
        blank=True,
        help_text=_(
            "e.g. complementary advantages, resource sharing, mutual benefit: add each principle as its own item."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("More about the partnership: paragraphs, photos with captions, quotes and videos."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("institutions", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("signed_on")]),
                FieldPanel("cooperation_areas"),
            ],
            heading=_("Agreement"),
        ),
        FieldPanel("principles"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["partnerships.PartnershipIndexPage"]
    subpage_types = ["partnerships.CoursePage"]
    preview_kind = "partnerships"

    override_translatable_fields = [
        TranslatableField("summary"),
        TranslatableField("principles"),
        TranslatableField("body"),
        SynchronizedField("institutions"),
        SynchronizedField("kind"),
        SynchronizedField("signed_on"),
        SynchronizedField("status"),
        SynchronizedField("cooperation_areas"),
    ]

    # API v2: codes for filtering, labels and partner institutions in this page's language.
    api_fields = [
        APIField("summary"),
        APIField("institutions", serializer=LocalisedRelationField(institution_data)),
        APIField("kind"),
        APIField("kind_label", serializer=ChoiceLabelField("kind")),
        APIField("signed_on"),
        APIField("status"),
        APIField("status_label", serializer=ChoiceLabelField("status")),
        APIField("cooperation_areas", serializer=ChoiceListLabelsField()),
        APIField("principles", serializer=PageStreamField()),
        APIField("body", serializer=PageStreamField()),
    ]

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
