from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.images import serialize_image
from locales.search import analysed


class PartnerInstitution(TranslatableMixin, index.Indexed, models.Model):
    """A foreign institution the college works with, e.g. Astana IT University."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("The full name, e.g. 阿斯塔纳IT大学 (Astana IT University).")
    )
    short_name = models.CharField(_("short name"), max_length=50, blank=True, help_text=_("e.g. AITU"))
    country = models.CharField(_("country"), max_length=100, help_text=_("e.g. 哈萨克斯坦 (Kazakhstan)"))
    country_code = models.CharField(
        _("country code"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter ISO code, e.g. KZ; front ends use it for flags and filters."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("e.g. 阿斯塔纳 (Astana)"))
    website = models.URLField(
        _("website"),
        blank=True,
        help_text=_("The address of its website, starting with https://. The same in every language."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the name. Translators may choose another for their language."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional: a few sentences about the institution.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("country"), FieldPanel("country_code")]), FieldPanel("city")],
            heading=_("Where"),
        ),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
    ]
    search_fields = analysed(
        [index.SearchField("name"), index.SearchField("short_name"), index.FilterField("locale")]
    )

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        TranslatableField("country"),
        TranslatableField("city"),
        TranslatableField("description"),
        SynchronizedField("country_code", overridable=False),
        SynchronizedField("website", overridable=False),
        # A logo with words in it may need a version per language.
        SynchronizedField("logo", overridable=True),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.country_code = self.country_code.upper()
        super().save(*args, **kwargs)

    def delivery_data(self):
        """The institution as both APIs deliver it; a logo's alt text is the institution's name."""
        return {
            "id": self.pk,
            "name": self.name,
            "short_name": self.short_name,
            "country": self.country,
            "country_code": self.country_code,
            "city": self.city,
            "website": self.website,
            "logo": serialize_image(self.logo, alt_text=self.name),
            "description": self.description,
        }


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A teacher or speaker who appears on courses and in news."""

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The full name as it should appear, e.g. 赵炳志.")
    )
    title = models.CharField(_("job title"), max_length=200, blank=True, help_text=_("e.g. 讲师 (lecturer)"))
    department = models.CharField(
        _("department"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 公共教学部 (Public Teaching Department)"),
    )
    institution = models.CharField(
        _("institution"), max_length=255, blank=True, help_text=_("Leave empty for the college's own staff.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a portrait, shown beside the name."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("department")]),
        FieldPanel("institution"),
        FieldPanel("photo"),
    ]
    search_fields = analysed([index.SearchField("name"), index.FilterField("locale")])

    override_translatable_fields = [
        TranslatableField("name"),
        TranslatableField("title"),
        TranslatableField("department"),
        TranslatableField("institution"),
        SynchronizedField("photo", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def summary_data(self):
        return {"id": self.pk, "name": self.name, "title": self.title, "department": self.department}

    def delivery_data(self):
        """The person as both APIs deliver them; a photo's alt text is the person's name."""
        return {
            **self.summary_data(),
            "institution": self.institution,
            "photo": serialize_image(self.photo, alt_text=self.name),
        }
