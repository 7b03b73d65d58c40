from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.api_v2_fields import SiteSettingsField
from home.headless import HeadlessPageMixin


class HomePage(HeadlessPageMixin, Page):
    """The root of one language's pages: one per locale, all siblings under Wagtail's root."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two that front ends may show on the home screen."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    # What goes under it is decided by each section's own parent_page_types.
    parent_page_types = ["wagtailcore.Page"]
    preview_kind = "home"
    list_resource = "navigation"

    override_translatable_fields = [TranslatableField("introduction")]

    api_fields = [
        APIField("introduction"),
        # The footer (SiteSettings) in this home page's language.
        APIField("site_settings", serializer=SiteSettingsField()),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def can_create_at(cls, parent):
        # Home pages come from the language set-up (one per locale, as translations of each
        # other), never from the "add page" button.
        return False


class SiteSettings(TranslatableMixin, ClusterableModel):
    """What every screen's footer shows: one record per language, translated like a page."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        help_text=_("The full name of the college, as the footer shows it."),
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("The postal address shown in the footer.")
    )
    postcode = models.CharField(
        _("postcode"), max_length=20, blank=True, help_text=_("e.g. 325016. The same in every language.")
    )
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("The address readers can write to. The same in every language."),
    )
    copyright = models.CharField(
        _("copyright line"),
        max_length=300,
        blank=True,
        help_text=_("For example: Copyright © Zhejiang Security Vocational and Technical College"),
    )
    icp_number = models.CharField(
        _("ICP filing number"),
        max_length=100,
        blank=True,
        help_text=_("As it must be displayed, e.g. 浙ICP备15027927号."),
    )
    icp_url = models.URLField(
        _("ICP filing link"),
        blank=True,
        default="https://beian.miit.gov.cn/",
        help_text=_("Where the ICP filing number links to. Usually leave it as it is."),
    )
    public_security_number = models.CharField(
        _("public security filing number"),
        max_length=100,
        blank=True,
        help_text=_("As it must be displayed, e.g. 浙公网安备 33030402001181号."),
    )
    public_security_url = models.URLField(
        _("public security filing link"),
        blank=True,
        help_text=_("Where the public security filing number links to. Leave empty for no link."),
    )
    technical_support = models.CharField(
        _("technical support credit"), max_length=200, blank=True, help_text=_("e.g. 技术支持：捷点科技")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("email"),
            ],
            heading=_("Organisation"),
        ),
        InlinePanel("phone_lines", heading=_("Phone lines"), label=_("Phone line")),
        MultiFieldPanel(
            [
                FieldPanel("copyright"),
                FieldRowPanel([FieldPanel("icp_number"), FieldPanel("icp_url")]),
                FieldRowPanel([FieldPanel("public_security_number"), FieldPanel("public_security_url")]),
                FieldPanel("technical_support"),
            ],
            heading=_("Legal notices"),
        ),
    ]

    # Words are translated; addresses of things (email, links, postcode) are the same everywhere.
    override_translatable_fields = [
        TranslatableField("organisation_name"),
        TranslatableField("address"),
        TranslatableField("copyright"),
        TranslatableField("icp_number"),
        TranslatableField("public_security_number"),
        TranslatableField("technical_support"),
        SynchronizedField("postcode", overridable=False),
        SynchronizedField("email", overridable=False),
        SynchronizedField("icp_url", overridable=False),
        SynchronizedField("public_security_url", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return f"{self.organisation_name} ({self.locale})"

    def clean(self):
        super().clean()
        # One record per language: the others are its translations.
        others = SiteSettings.objects.exclude(pk=self.pk)
        if others.exclude(translation_key=self.translation_key).exists():
            raise ValidationError(
                _("Site settings already exist; edit them, or translate them into another language.")
            )

    DELIVERED_FIELDS = (
        "organisation_name",
        "address",
        "postcode",
        "email",
        "copyright",
        "icp_number",
        "icp_url",
        "public_security_number",
        "public_security_url",
        "technical_support",
    )

    def delivery_data(self):
        """The footer as both APIs deliver it."""
        data = {name: getattr(self, name) for name in self.DELIVERED_FIELDS}
        data["phone_lines"] = [
            {"label": line.label, "number": line.number} for line in self.phone_lines.all()
        ]
        return data

    @classmethod
    def for_locale(cls, locale):
        return cls.objects.filter(locale=locale).prefetch_related("phone_lines").first()

    @classmethod
    def nearest(cls, chain):
        """The footer a reader of the languages `chain` (nearest first) gets, in both APIs: the
        nearest language's, skipping a translation that still holds untranslated strings (the
        rule every translatable snippet is localised by); None when there is none."""
        from locales.resolution import unfinished_translation

        found = {
            footer.locale.language_code: footer
            for footer in cls.objects.filter(locale__language_code__in=chain)
            .exclude(unfinished_translation())
            .select_related("locale")
            .prefetch_related("phone_lines")
        }
        return next((found[code] for code in chain if code in found), None)


class SitePhoneLine(TranslatableMixin, Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="phone_lines")
    label = models.CharField(_("label"), max_length=100, help_text=_("e.g. 咨询电话 (consultation hotline)"))
    number = models.CharField(_("number"), max_length=50, help_text=_("As dialled, e.g. 0577-85108077"))

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("number")])]
    override_translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("number", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("phone line")
        verbose_name_plural = _("phone lines")


class ViewCount(models.Model):
    """How many times a page was read, shared by all its translations.

    Kept outside the page so that counting a view never creates a revision and publishing a
    revision never rolls the count back.
    """

    translation_key = models.UUIDField(_("translation key"), unique=True)
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")

    def __str__(self):
        return f"{self.translation_key}: {self.views}"


class ViewCountMixin:
    """Gives a page a read-only `view_count`, shared across its translations."""

    @property
    def view_count(self):
        if hasattr(self, "_view_count"):
            return self._view_count
        return (
            ViewCount.objects.filter(translation_key=self.translation_key)
            .values_list("views", flat=True)
            .first()
            or 0
        )


class StoredAnswer(models.Model):
    """One delivery-API answer as it was rendered, stored so that a read costs one query.

    `key` names the request (path, query, negotiated language) under the release that rendered it
    (home.answers.release). A change to anything the answer shows marks it `stale`
    (home.answers.invalidate); a stale answer is never served and is rendered again, by the
    background worker or by the next reader. View counts are left out as numbered placeholders
    and read afresh with each answer; `deflated` holds the rest compressed, so that an answer
    goes out gzipped without being compressed per read (home.answers.compression).
    """

    key = models.CharField(max_length=64, primary_key=True)
    release = models.CharField(max_length=16, db_index=True)
    path = models.TextField(help_text="The request it answers: path and query string.")
    language = models.CharField(max_length=20, blank=True, help_text="Negotiated from Accept-Language.")
    # Text, not bytes: PostgreSQL sends a bytea value as hex text, which took longer to read
    # than the rest of a stored read.
    content = models.TextField()
    deflated = models.BinaryField(
        null=True, help_text="The content compressed once, in segments around its view counts."
    )
    content_type = models.CharField(max_length=100)
    counted = models.TextField(
        blank=True, help_text="Translation keys whose view counts fill the placeholders."
    )
    stale = models.BooleanField(default=False)
    content_version = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="Served only while this is the current content version (untagged answers).",
    )
    rendered_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.path} [{self.language or '-'}]" + (" (stale)" if self.stale else "")


class StoredAnswerTag(models.Model):
    """Something a stored answer shows: `t:<translation key>`, `<app.model>:<pk>` or `set`
    (the answer lists pages or snippets, so any new or changed one may belong in it)."""

    answer = models.ForeignKey(StoredAnswer, on_delete=models.CASCADE, related_name="tags")
    tag = models.CharField(max_length=120, db_index=True)

    def __str__(self):
        return self.tag


class ContentVersion(models.Model):
    """One row whose number moves after every committed change a reader could see.

    A render reads it before any content and keeps its answer only if it has not moved since
    (home.answers.store), so an answer rendered from rows a change replaced is never kept."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return str(self.number)
