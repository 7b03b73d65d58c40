"""Admin views of the translation workflow: the status report, and PO archives for agencies."""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_localize.models import Translation

from locales import po
from locales.languages import content_language_codes, source_language_code
from locales.report import STATES, TranslationGrid

logger = logging.getLogger(__name__)

EXPORT_PERMISSION = "wagtail_localize.submit_translation"


def language_choices():
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    return [(code, names[code]) for code in content_language_codes() if code != source_language_code()]


class StatusFilterForm(forms.Form):
    locale = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[
            ("", gettext_lazy("Pages and snippets")),
            ("page", gettext_lazy("Pages")),
            ("snippet", gettext_lazy("Snippets")),
        ],
    )
    q = forms.CharField(label=gettext_lazy("Title contains"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = [("", _("All languages")), *language_choices()]
        self.fields["state"].choices = [("", _("Any state")), *STATES.items()]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every page and translatable snippet against every language: state and progress."""

    template_name = "locales/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"
    paginate_by = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = StatusFilterForm(self.request.GET)
        filters = form.cleaned_data if form.is_valid() else {}
        codes = [filters["locale"]] if filters.get("locale") else None
        grid = TranslationGrid(codes)
        states = [filters["state"]] if filters.get("state") else None
        rows = grid.filter(states=states, kind=filters.get("kind"), query=filters.get("q"))
        if states:
            # Show only the cells in the state asked for; others stay empty.
            for row in rows:
                row.shown = {code: cell if cell.state in states else None for code, cell in row.cells.items()}
        else:
            for row in rows:
                row.shown = row.cells
        paginator = Paginator(rows, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        names = dict(language_choices())
        context.update(
            form=form,
            languages=[(code, names[code]) for code in grid.language_codes],
            rows=page.object_list,
            page_obj=page,
            paginator=paginator,
            elided_page_range=paginator.get_elided_page_range(page.number),
            summaries=[
                {
                    "code": code,
                    "name": names[code],
                    "counts": [(STATES[state], n) for state, n in counts.items()],
                }
                for code, counts in grid.counts().items()
            ],
            can_export=self.request.user.has_perm(EXPORT_PERMISSION),
            import_url=reverse("locales_translation:import"),
            export_url=reverse("locales_translation:export"),
        )
        return context


@require_POST
def export_view(request):
    """A zip of PO files for everything one language still needs translated."""
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    code = request.POST.get("locale", "")
    if code not in dict(language_choices()):
        messages.error(request, _("Choose a language to export."))
        return redirect("locales_translation:status")
    data, exported = po.export_archive(code)
    if not exported:
        messages.info(request, _("Nothing needs translating into %(language)s.") % {"language": code})
        return redirect(reverse("locales_translation:status") + f"?locale={code}")
    response = HttpResponse(data, content_type="application/zip")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="translations-{code}-{stamp}.zip"'
    return response


class ImportForm(forms.Form):
    locale = forms.ChoiceField(label=gettext_lazy("Language"))
    file = forms.FileField(
        label=gettext_lazy("PO files"),
        help_text=gettext_lazy("The zip archive the agency returned, or a single .po file."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].choices = language_choices()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        _max_file, max_archive, _max_files = po.limits()
        if upload.size > max_archive:
            raise forms.ValidationError(
                _("The upload is larger than %(size)s.") % {"size": po.human_size(max_archive)}
            )
        return upload


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Apply a returned archive of PO files and report, file by file, what was applied."""

    template_name = "locales/translation_import.html"
    page_title = gettext_lazy("Import translations")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("locales_translation:status"), "label": _("Translation status")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        form = ImportForm(initial={"locale": request.GET.get("locale")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = po.import_archive(
                upload.read(), upload.name, form.cleaned_data["locale"], user=request.user
            )
            if result.error:
                messages.error(request, result.error)
            elif result.refused:
                messages.warning(
                    request,
                    _("%(applied)s file(s) applied, %(refused)s refused: see below.")
                    % {"applied": len(result.applied), "refused": len(result.refused)},
                )
            else:
                messages.success(
                    request, _("%(applied)s file(s) applied.") % {"applied": len(result.applied)}
                )
        return self.render_to_response(self.get_context_data(form=form, result=result))


# --- wagtail-localize's per-translation PO upload ----------------------------------------------


def checked_upload_pofile(upload_pofile, request, translation_id):
    """wagtail-localize's upload_pofile, behind checks of the uploaded file (locales.patches).

    Unchecked, an empty file or a file without the translation-id header is a 500 (KeyError),
    and a file that is not UTF-8, is for another language or was made from an older source is
    imported as it comes. Here the translator is told what is wrong, and nothing changes.
    """
    if request.method != "POST":
        return upload_pofile(request, translation_id)  # its require_POST answers
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    from wagtail_localize.views import edit_translation

    if not edit_translation.user_can_edit_instance(request.user, instance):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise po.POFileError(_("Choose a PO file to upload."))
        max_file, _max_archive, _max_files = po.limits()
        if upload.size > max_file:
            raise po.POFileError(_("The file is larger than %(size)s.") % {"size": po.human_size(max_file)})
        po.check_translation_file(po.read_po(upload.read()), translation)
    except po.POFileError as error:
        messages.error(request, _("The PO file was not imported: %(reason)s") % {"reason": error})
        return redirect(next_url)
    upload.seek(0)
    try:
        with transaction.atomic():
            return upload_pofile(request, translation_id)
    except Exception:
        logger.exception("PO upload to translation %s failed", translation_id)
        messages.error(request, _("The PO file could not be imported; nothing was changed."))
        return redirect(next_url)


# --- wagtail-localize's translation editor: publishing ---------------------------------------


def publishing_refusal(request, instance):
    """wagtail-localize's translation editor publishes a page with the source text in place of
    every string still untranslated, and then warns. Its publish request is refused here before
    anything changes: a page with any string untranslated (locales.translation.usable: machine
    output no person has confirmed counts as untranslated), and a snippet with unconfirmed
    machine output, with the count of what is left. Called by the `before_edit_page` and
    `before_edit_snippet` hooks (locales.wagtail_hooks_access), which run before the editor's;
    None lets the editor go on."""
    from wagtail.models import Page, TranslatableMixin
    from wagtail_localize.models import Translation

    from locales.translation import unconfirmed_machine_count, untranslated_count

    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not isinstance(instance, TranslatableMixin):
        return None
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("target_locale")
        .first()
    )
    if translation is None:
        return None  # not the target of a translation: Wagtail's own editor
    language = translation.target_locale.get_display_name()
    if isinstance(instance, Page):
        if not instance.permissions_for_user(request.user).can_publish():
            return None  # the editor refuses it itself
        missing = untranslated_count(translation)
    else:
        missing = 0
    machine = 0 if settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT else unconfirmed_machine_count(translation)
    if machine:
        refusal = ngettext(
            "Not published: %(count)d machine translation into %(language)s is not confirmed "
            "yet. Check it, correct it if needed and save it, then publish.",
            "Not published: %(count)d machine translations into %(language)s are not "
            "confirmed yet. Check each, correct it if needed and save it, then publish.",
            machine,
        ) % {"count": machine, "language": language}
    elif missing:
        refusal = ngettext(
            "Not published: %(count)d string is not translated into %(language)s yet. "
            "Translate it (by hand, by machine or with a PO file), then publish.",
            "Not published: %(count)d strings are not translated into %(language)s yet. "
            "Translate them (by hand, by machine or with a PO file), then publish.",
            missing,
        ) % {"count": missing, "language": language}
    else:
        return None
    messages.error(request, refusal)
    return redirect(request.get_full_path())
