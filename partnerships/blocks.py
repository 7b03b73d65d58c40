from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.api_v2_fields import localise_for_page, person_summary
from partnerships import choices


class ClassSessionBlock(blocks.StructBlock):
    """One class: when, what about, who teaches whom, how many came."""

    date = blocks.DateBlock(label=_("Date"), help_text=_("The day of the class."))
    start_time = blocks.TimeBlock(required=False, label=_("Start time"), help_text=_("Optional, e.g. 14:00."))
    end_time = blocks.TimeBlock(
        required=False, label=_("End time"), help_text=_("Optional; must be after the start time.")
    )
    theme = blocks.CharBlock(
        max_length=200, label=_("Theme"), help_text=_("e.g. 中国瓯越文化 (Ouyue Culture in China)")
    )
    teacher = SnippetChooserBlock(
        "partnerships.Person",
        required=False,
        label=_("Teacher"),
        help_text=_("Who taught the class. Add a missing person under Partners first."),
    )
    audience = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Audience"),
        help_text=_("Who attended, e.g. sophomore students of Astana IT University."),
    )
    participants = blocks.IntegerBlock(
        required=False,
        min_value=0,
        label=_("Number of participants"),
        help_text=_("How many people attended; leave empty if nobody counted."),
    )
    participants_approximate = blocks.BooleanBlock(
        required=False,
        label=_("Approximate number"),
        help_text=_("Tick when the number is an estimate ('about 60')."),
    )

    class Meta:
        icon = "date"
        label = _("Class session")
        label_format = "{date} {theme}"

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        # The teacher as a person rather than an id, in the language of the page being served.
        teacher = localise_for_page(value.get("teacher"), context or {})
        data["teacher"] = person_summary(teacher) if teacher is not None else None
        return data

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if start and end and end <= start:
            raise blocks.StructBlockValidationError(
                block_errors={"end_time": ValidationError(_("The class must end after it starts."))}
            )
        return value


class PhaseBlock(blocks.StructBlock):
    """A run of a course (first phase, second phase, ...) and its classes."""

    title = blocks.CharBlock(max_length=100, label=_("Title"), help_text=_("e.g. 第一期 (first phase)"))
    status = blocks.ChoiceBlock(
        choices=choices.PHASE_STATUSES,
        default="announced",
        label=_("Status"),
        help_text=_("Announced, in progress or completed: change it as the phase goes on."),
    )
    period = blocks.CharBlock(
        required=False,
        max_length=100,
        label=_("Period as announced"),
        help_text=_("When exact dates are not known yet, e.g. 5月上旬 (early May)."),
    )
    starts_on = blocks.DateBlock(
        required=False, label=_("Starts on"), help_text=_("The first day, once it is known.")
    )
    ends_on = blocks.DateBlock(
        required=False, label=_("Ends on"), help_text=_("The last day, once it is known.")
    )
    description = blocks.TextBlock(
        required=False, label=_("Description"), help_text=_("Optional: what this phase covers.")
    )
    sessions = blocks.ListBlock(
        ClassSessionBlock(), label=_("Class sessions"), default=[], help_text=_("One entry per class.")
    )

    class Meta:
        icon = "list-ul"
        label = _("Phase")

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        # The API serializes a page's StreamFields with the page's language active.
        data["status_label"] = str(dict(choices.PHASE_STATUSES).get(value.get("status"), ""))
        return data

    def clean(self, value):
        value = super().clean(value)
        starts, ends = value.get("starts_on"), value.get("ends_on")
        if starts and ends and ends < starts:
            raise blocks.StructBlockValidationError(
                block_errors={"ends_on": ValidationError(_("A phase cannot end before it starts."))}
            )
        return value


class PhasesBlock(blocks.StreamBlock):
    phase = PhaseBlock()

    class Meta:
        label = _("Phases")
