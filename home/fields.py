from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChoiceListField(models.JSONField):
    """A list of codes from a fixed set, e.g. ["technical-exchange", "joint-training"].

    Stored as JSON so it works the same on SQLite and PostgreSQL; edited as checkboxes. The codes
    are the same in every language (wagtail-localize keeps the field synchronised) and readers
    get each code's label in their own language from the gettext catalogs.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The choices live in code and carry translated labels; they do not change the schema.
        name, path, args, kwargs = super().deconstruct()
        return name, path, args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {code for code, _label in self.item_choices}
        if not isinstance(value, list):
            raise ValidationError(_("Choose from the list."), code="invalid")
        unknown = [code for code in value if code not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice(s): %(codes)s."),
                code="invalid_choice",
                params={"codes": ", ".join(unknown)},
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices,
            required=not self.blank,
            label=self.verbose_name.capitalize() if self.verbose_name else None,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def labels(self, codes):
        """The labels of `codes` in the active language, in the order of the choices."""
        names = dict(self.item_choices)
        return [{"code": code, "label": str(names[code])} for code in codes if code in names]
