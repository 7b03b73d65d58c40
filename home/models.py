from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """The root of one language's pages: one per locale, all siblings under Wagtail's root."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two that front ends may show on the home screen."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    # News, partnerships and further sections are added below the home page.
    subpage_types = []

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def can_create_at(cls, parent):
        # Home pages come from the language set-up (one per locale, as translations of each
        # other), never from the "add page" button.
        return False
