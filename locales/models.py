from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from locales.languages import content_language_codes, source_language_code


def _target_languages():
    from django.conf import settings

    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return [(code, names[code]) for code in content_language_codes() if code != source_language_code()]


class GlossaryTerm(models.Model):
    """A term that every machine translation must render one fixed way: a name in the source
    language (中哈丝路学院) and what it is called in one other language. Kept by editors in the
    admin; every engine is given the terms of its language pair and its output is checked
    against them (locales.machine_translation)."""

    term = models.CharField(_("term"), max_length=200, help_text=_("As it is written in Chinese."))
    language = models.CharField(_("language"), max_length=20, choices=_target_languages)
    translation = models.CharField(
        _("fixed translation"), max_length=200, help_text=_("Exactly as it must appear in that language.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term", "language"]
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="one_translation_per_term_and_language")
        ]

    def __str__(self):
        return f"{self.term} → {self.translation} ({self.language})"

    def clean(self):
        self.term, self.translation = self.term.strip(), self.translation.strip()
        if not self.term or not self.translation:
            raise ValidationError(_("A glossary term needs both the term and its translation."))


def glossary(source_code, target_code):
    """{term as written in `source_code`: its fixed form in `target_code`} for one language pair.

    Terms are kept from the source language; for another pair (English into Kazakh) a term's
    form in the pair's source language stands for it."""
    rows = GlossaryTerm.objects.filter(language__in={source_code, target_code}).values_list(
        "term", "language", "translation"
    )
    forms = {}
    for term, language, text in rows:
        forms.setdefault(term, {source_language_code(): term})[language] = text
    return {
        by_language[source_code]: by_language[target_code]
        for by_language in forms.values()
        if source_code in by_language and target_code in by_language
    }
