"""PO files for translation agencies: one per page or snippet and language, exported and
imported one at a time (wagtail-localize's editor) or as a zip of everything a language needs.

Every PO we write carries, beside wagtail-localize's `X-WagtailLocalize-TranslationID`, the
standard header fields (GNU `msgfmt --check` accepts it without a warning) and the source version
it was made from:

    Language: kk
    X-Cms-Object: news.newsarticlepage 3f2c8e0e-...      (model and translation key)
    X-Cms-Source-Id: 42                                   (TranslationSource)
    X-Cms-Source-Locale: zh-hans
    X-Cms-Source-Updated-At: 2025-04-18T06:40:54.505717+00:00
    X-Cms-Source-Digest: 9f86d0...                        (SHA-256 of the strings to translate)

An import refuses a file whose source was re-read with different strings since it was exported,
a file for another language, and anything that is not a UTF-8 PO file with that header, and
changes nothing for it. Each file is applied in its own transaction: a bad file in an archive is
refused and reported, and the others are applied. A broken archive (not a zip, too large, too
many files, unsafe names) is refused as a whole before anything is applied.

Imported strings are manual translations. The translated object is then saved: as a draft, unless
it was already live, in which case it is published again (readers would otherwise keep the old
text, or see the new text without a revision saying so). A new translation starts as a draft.
"""

import codecs
import csv
import hashlib
import io
import logging
import posixpath
import re
import uuid
import zipfile
from dataclasses import dataclass, field

import polib
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language_info, to_locale
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, validate_translation_links

from locales.report import TranslationGrid, edit_url, save_target, source_is_stale, sync_source
from locales.resolution import TranslationStatus

logger = logging.getLogger(__name__)

TOOL_NAME = "PO file"

TRANSLATION_ID = "X-WagtailLocalize-TranslationID"
OBJECT = "X-Cms-Object"
SOURCE_ID = "X-Cms-Source-Id"
SOURCE_LOCALE = "X-Cms-Source-Locale"
SOURCE_UPDATED_AT = "X-Cms-Source-Updated-At"
SOURCE_DIGEST = "X-Cms-Source-Digest"


class POFileError(Exception):
    """A file that cannot be imported; the message tells the translator why."""


def limits():
    """The import limits (TRANSLATION_PO_MAX_*, base settings), read when used so that tests can
    change them."""
    return (
        settings.TRANSLATION_PO_MAX_FILE_SIZE,
        settings.TRANSLATION_PO_MAX_ARCHIVE_SIZE,
        settings.TRANSLATION_PO_MAX_FILES,
    )


def human_size(size):
    return filesizeformat(size)


# --- Writing ---------------------------------------------------------------------------------


def po_date(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M%z")


def source_strings(source):
    """(context path, source string) of each string segment, in page order."""
    return list(
        StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context__path", "string__data")
    )


def digest(strings):
    hasher = hashlib.sha256()
    for path, data in strings:
        hasher.update(path.encode())
        hasher.update(b"\0")
        hasher.update(data.encode())
        hasher.update(b"\0")
    return hasher.hexdigest()


def source_digest(source):
    return digest(source_strings(source))


def one_line(text):
    return re.sub(r"\s+", " ", str(text)).strip()


def language_name(code):
    """The language's English name: the header is read by people outside the admin's language."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


def describe(po, source, locale, translation=None):
    """Give `po` the standard header and the fields that identify its translation and source."""
    model = source.specific_content_type
    po.metadata = {
        "Project-Id-Version": one_line(f"{settings.WAGTAIL_SITE_NAME}: {source.object_repr}"),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po_date(source.last_updated_at),  # when the strings were read
        "PO-Revision-Date": po_date(timezone.now()),
        "Last-Translator": "",
        "Language-Team": language_name(locale.language_code),
        "Language": to_locale(locale.language_code),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        OBJECT: f"{model.app_label}.{model.model} {source.object_id}",
        SOURCE_ID: str(source.pk),
        SOURCE_LOCALE: source.locale.language_code,
        SOURCE_UPDATED_AT: source.last_updated_at.isoformat(),
        SOURCE_DIGEST: source_digest(source),
    }
    if translation is not None:
        po.metadata[TRANSLATION_ID] = str(translation.uuid)
    po.wrapwidth = 0  # long lines stay whole: translation tools rewrap them anyway
    return po


def describe_translation_export(export_po):
    """Wraps Translation.export_po (locales.patches): per-page downloads get the same header."""

    def export(self):
        return describe(export_po(self), self.source, self.target_locale, self)

    export.__wrapped__ = export_po
    export.__doc__ = export_po.__doc__
    return export


def filename(source, locale):
    """Stable across exports: `<app>.<model>.<translation key>.<language>.po`."""
    model = source.specific_content_type
    return f"{model.app_label}.{model.model}.{source.object_id}.{locale.language_code}.po"


@dataclass
class Exported:
    name: str
    row: object
    state: str
    strings: int
    translated: int


def prepare_source(row):
    """The TranslationSource to export `row` from, holding the object's current content.

    Creates it for an object never submitted for translation. A source that changed since it was
    last read is synced first, as `sync_translations` does: otherwise the file would carry the old
    strings, and the report would call translations complete that still show the old content.
    """
    instance = row.instance.specific if row.kind == "page" else row.instance
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale=instance.locale
    ).first()
    if source is None:
        source, _created = TranslationSource.get_or_create_from_instance(instance)
    elif source_is_stale(source, instance):
        for translation, error in sync_source(source):
            logger.warning("Syncing %s before the PO export failed: %s", translation, error)
    return source


def export_archive(language_code):
    """A zip of a PO file for each page and snippet that `language_code` still needs translated
    (missing, out of date, or with untranslated strings), plus `index.csv` describing them.

    Returns (zip bytes, [Exported]).
    """
    locale = Locale.objects.get(language_code=language_code)
    grid = TranslationGrid([language_code])
    exported = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for row in grid.rows:
            cell = row.cells[language_code]
            if not cell.needs_translating:
                continue
            with transaction.atomic():
                source = prepare_source(row)
                translation = Translation.objects.filter(
                    source=source, target_locale=locale, enabled=True
                ).first()
                if translation is not None:
                    po = translation.export_po()
                else:
                    po = describe(source.export_po(), source, locale)
            name = filename(source, locale)
            entries = [entry for entry in po if not entry.obsolete]
            if translation is not None and all(entry.msgstr for entry in entries):
                continue  # synced above, and nothing of it changed that needs translating
            archive.writestr(name, str(po).encode())
            exported.append(
                Exported(
                    name=name,
                    row=row,
                    state=cell.state,
                    strings=len(entries),
                    translated=sum(1 for entry in entries if entry.msgstr),
                )
            )
        archive.writestr("index.csv", index_csv(exported, locale).encode("utf-8-sig"))
    return buffer.getvalue(), exported


def index_csv(exported, locale):
    """What the archive holds, for the agency and for whoever sends it (Excel opens it as UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "type", "title", "state", "strings", "already translated", "admin url"])
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for item in exported:
        writer.writerow(
            [
                item.name,
                item.row.type_name,
                item.row.title,
                item.state,
                item.strings,
                item.translated,
                base + item.row.edit_url,
            ]
        )
    return out.getvalue()


# --- Reading ---------------------------------------------------------------------------------


def read_po(data):
    """Parse the bytes of an uploaded PO file; POFileError says what is wrong with it."""
    max_file, _max_archive, _max_files = limits()
    if len(data) > max_file:
        raise POFileError(_("The file is larger than %(size)s.") % {"size": human_size(max_file)})
    if not data.strip():
        raise POFileError(_("The file is empty."))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise POFileError(
            _("The file is not UTF-8 text (invalid byte at position %(position)s): save it as UTF-8.")
            % {"position": error.start}
        ) from error
    if "\0" in text or "msgid" not in text:
        raise POFileError(_("This is not a PO file."))
    if "\n" not in text.strip():
        # polib reads a one-line argument that names an existing file as that file's path.
        raise POFileError(_("This is not a PO file."))
    try:
        po = polib.pofile(text, encoding="utf-8")
    except Exception as error:  # polib reports syntax errors as OSError, and trips on others
        raise POFileError(_("This is not a valid PO file: %(error)s") % {"error": error}) from error
    if not po.metadata:
        raise POFileError(_("The PO file has no header: it was not exported by this site."))
    charset = re.search(r"charset=([\w.-]+)", po.metadata.get("Content-Type", ""), re.IGNORECASE)
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise POFileError(
            _("The PO file declares the %(charset)s encoding: only UTF-8 is accepted.")
            % {"charset": charset.group(1)}
        )
    return po


def language_of(po):
    """The header's Language as a content-language code (kk, en, zh-hans), or ''."""
    value = po.metadata.get("Language", "").strip()
    return value.replace("_", "-").lower()


def find_translation(po):
    """The Translation named in the header, or None when the header names only a source."""
    value = po.metadata.get(TRANSLATION_ID, "").strip()
    if not value:
        return None
    try:
        key = uuid.UUID(value)
    except ValueError as error:
        raise POFileError(_("The translation ID in the header is not valid.")) from error
    translation = (
        Translation.objects.select_related("source", "source__locale", "target_locale")
        .filter(uuid=key)
        .first()
    )
    if translation is None:
        raise POFileError(_("The translation this file was made for no longer exists."))
    return translation


def check_source_version(po, source, *, required=True):
    """Refuse a file made from a version of the source whose strings differ from the current one."""
    recorded_at = po.metadata.get(SOURCE_UPDATED_AT, "").strip()
    recorded_digest = po.metadata.get(SOURCE_DIGEST, "").strip()
    if not recorded_at and not recorded_digest:
        if required:
            raise POFileError(
                _("The PO file does not say which version of the source it was made from: export it again.")
            )
        return
    if recorded_at == source.last_updated_at.isoformat():
        return
    # Re-read since (e.g. by "Sync translated pages") but with the same strings: still valid.
    if recorded_digest and recorded_digest == source_digest(source):
        return
    raise POFileError(
        _(
            "The source has changed since this file was exported (exported from the version of "
            "%(then)s; the current one is from %(now)s): export it again."
        )
        % {"then": recorded_at or _("unknown date"), "now": po_date(source.last_updated_at)}
    )


def check_translation_file(po, translation):
    """Checks for a file uploaded to one translation (wagtail-localize's per-page upload)."""
    value = po.metadata.get(TRANSLATION_ID, "").strip()
    if not value:
        raise POFileError(
            _(
                "The PO file has no %(header)s header: download the PO file of this translation and fill it in."
            )
            % {"header": TRANSLATION_ID}
        )
    if value != str(translation.uuid):
        raise POFileError(_("This PO file was made for a different translation."))
    language = language_of(po)
    if language and language != translation.target_locale.language_code:
        raise POFileError(
            _("This PO file is for the language %(file)s, not %(translation)s.")
            % {"file": language, "translation": translation.target_locale.language_code}
        )
    check_source_version(po, translation.source, required=False)


# --- Importing -------------------------------------------------------------------------------


@dataclass
class FileResult:
    """What an import did with one file."""

    name: str
    status: str = "refused"  # applied | refused | ignored
    message: str = ""
    title: str = ""
    updated: int = 0
    unchanged: int = 0
    untranslated: int = 0
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    target_url: str = ""
    published: bool = False

    @property
    def applied(self):
        return self.status == "applied"


@dataclass
class ImportResult:
    language_code: str
    files: list = field(default_factory=list)
    error: str = ""  # the whole archive was refused

    @property
    def applied(self):
        return [f for f in self.files if f.status == "applied"]

    @property
    def refused(self):
        return [f for f in self.files if f.status == "refused"]


class ArchiveError(POFileError):
    """The archive as a whole cannot be imported."""


def unsafe_name(name):
    """Names that would leave the folder they are extracted into, were they extracted."""
    if name.startswith(("/", "\\")) or "\\" in name or re.match(r"^[A-Za-z]:", name) or "\0" in name:
        return True
    return ".." in posixpath.normpath(name).split("/") or ".." in name.split("/")


def ignored_name(name):
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base.startswith(".") or not base


def read_members(data, name):
    """[(file name, bytes or POFileError)] from an uploaded archive or single PO file."""
    max_file, max_archive, max_files = limits()
    if len(data) > max_archive:
        raise ArchiveError(_("The upload is larger than %(size)s.") % {"size": human_size(max_archive)})
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if name.lower().endswith(".po"):
            return [(name, data)]
        raise ArchiveError(_("Upload a zip archive of PO files, or a single .po file."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ArchiveError(_("The zip archive is damaged: %(error)s") % {"error": error}) from error
    if len(infos) > max_files:
        raise ArchiveError(_("The archive holds more than %(count)s files.") % {"count": max_files})
    unsafe = [info.filename for info in infos if unsafe_name(info.filename)]
    if unsafe:
        raise ArchiveError(
            _("The archive contains unsafe file names (%(names)s): nothing was imported.")
            % {"names": ", ".join(unsafe[:3])}
        )
    if sum(info.file_size for info in infos) > max_archive:
        raise ArchiveError(
            _("The archive unpacks to more than %(size)s.") % {"size": human_size(max_archive)}
        )
    members = []
    for info in infos:
        if ignored_name(info.filename):
            continue
        if info.flag_bits & 0x1:
            members.append((info.filename, POFileError(_("The file is encrypted."))))
        elif info.file_size > max_file:
            members.append(
                (
                    info.filename,
                    POFileError(_("The file is larger than %(size)s.") % {"size": human_size(max_file)}),
                )
            )
        else:
            try:
                with archive.open(info) as handle:
                    content = handle.read(max_file + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, EOFError, ValueError) as error:
                content = POFileError(_("The file cannot be unpacked: %(error)s") % {"error": error})
            members.append((info.filename, content))
    return members


@dataclass
class Planned:
    """A parsed file and the translation it applies to, before anything is written."""

    result: FileResult
    po: polib.POFile
    source: TranslationSource
    source_instance: object
    translation: Translation | None
    target: object  # None for a new translation; an alias page becomes the translation

    @property
    def order(self):
        """Snippets first, then pages from the top of the tree, so that parents come before children."""
        if isinstance(self.source_instance, Page):
            return (1, self.source_instance.depth, self.source_instance.path)
        return (0, 0, self.result.name)


def plan(name, data, locale, user):
    """Parse and identify one file; raises POFileError."""
    po = read_po(data)
    translation = find_translation(po)
    source_id = po.metadata.get(SOURCE_ID, "").strip()
    if translation is not None:
        if not translation.enabled:
            raise POFileError(
                _("This translation was stopped in the translation editor: it is edited by hand now.")
            )
        source = translation.source
        if source_id and source_id != str(source.pk):
            raise POFileError(_("The header names two different sources: the file was edited by hand."))
        file_language = translation.target_locale.language_code
    elif source_id:
        try:
            source = TranslationSource.objects.select_related("locale").get(pk=int(source_id))
        except (ValueError, TranslationSource.DoesNotExist) as error:
            raise POFileError(_("The source this file was made from no longer exists.")) from error
        file_language = language_of(po)
        if not file_language:
            raise POFileError(_("The PO file's header does not say which language it is in."))
    else:
        raise POFileError(
            _("The PO file has no %(header)s header: it was not exported by this site.")
            % {"header": TRANSLATION_ID}
        )
    header_language = language_of(po)
    if header_language and header_language != file_language:
        raise POFileError(_("The header names two different languages: the file was edited by hand."))
    if file_language != locale.language_code:
        raise POFileError(
            _("This file is a translation into %(file)s, not %(wanted)s.")
            % {"file": file_language, "wanted": locale.language_code}
        )
    check_source_version(po, source)

    try:
        source_instance = source.get_source_instance()
    except ObjectDoesNotExist as error:
        raise POFileError(_("The page or snippet this file translates has been deleted.")) from error
    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        target = None
    check_permission(user, target)
    result = FileResult(name=name, title=str(source_instance))
    return Planned(
        result=result,
        po=po,
        source=source,
        source_instance=source_instance,
        translation=translation,
        target=target,
    )


def check_permission(user, target):
    if user is None:  # a management command
        return
    from wagtail_localize.views.edit_translation import user_can_edit_instance

    if target is not None and not getattr(target, "alias_of_id", None):
        if not user_can_edit_instance(user, target):
            raise POFileError(_("You do not have permission to edit this translation."))
    elif not user.has_perm("wagtail_localize.submit_translation"):
        raise POFileError(_("You do not have permission to start a translation."))


def check_entries(po, source):
    """Map each current entry to its segment; refuse a file whose entries do not match the source."""
    segments = {
        (path, data): (string_id, context_id)
        for path, data, string_id, context_id in StringSegment.objects.filter(source=source).values_list(
            "context__path", "string__data", "string_id", "context_id"
        )
    }
    matched, unknown, seen = [], [], set()
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        if entry.msgid_plural or key not in segments:
            unknown.append(entry)
            continue
        if key in seen:
            raise POFileError(_("The string %(context)s appears twice.") % {"context": entry.msgctxt})
        seen.add(key)
        matched.append((entry, *segments[key]))
    if unknown:
        raise POFileError(
            _(
                "%(count)s entries do not match the source (their msgid or msgctxt was changed), "
                "for example %(context)s."
            )
            % {"count": len(unknown), "context": unknown[0].msgctxt or unknown[0].msgid[:40]}
        )
    return matched


def validation_error(source_text, translated):
    """What wagtail-localize would flag in a translated string (StringTranslation.save), or ''."""
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source_text, translated)
    except ValueError as error:
        return str(error)
    return ""


def apply(planned, locale, user):
    """Write the file's strings and save the translated object, in one transaction."""
    result, source = planned.result, planned.source
    matched = check_entries(planned.po, source)
    existing = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
    }
    writes = []
    for entry, string_id, context_id in matched:
        if not entry.msgstr or entry.fuzzy:
            result.untranslated += 1
            continue
        error = validation_error(entry.msgid, entry.msgstr)
        if error:
            result.errors.append(f"{entry.msgctxt}: {error}")
            continue
        current = existing.get((string_id, context_id))
        if current is not None and current.data == entry.msgstr and not current.has_error:
            result.unchanged += 1
            continue
        writes.append((entry, string_id, context_id, current))

    if planned.target is None and isinstance(planned.source_instance, Page):
        # wagtail-localize would otherwise put an alias of each untranslated parent in the tree,
        # which readers of this language would be served as if it were translated.
        parent = planned.source_instance.get_parent()
        if (
            not parent.is_root()
            and not Page.objects.filter(translation_key=parent.translation_key, locale=locale).exists()
        ):
            raise POFileError(
                _("Its parent page “%(parent)s” has no %(language)s version yet: include the parent's file.")
                % {"parent": parent.title, "language": locale.language_code}
            )

    translation = planned.translation
    if translation is None:
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])

    now = timezone.now()
    for entry, string_id, context_id, current in writes:
        string_translation = current or StringTranslation(
            translation_of_id=string_id, context_id=context_id, locale=locale
        )
        string_translation.data = entry.msgstr
        string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        string_translation.tool_name = TOOL_NAME
        string_translation.last_translated_by = user
        string_translation.updated_at = now
        string_translation.has_error = False
        string_translation.field_error = ""
        string_translation.save()
        result.updated += 1
    if writes or planned.target is None:
        translation.translations_last_updated_at = now
        translation.save(update_fields=["translations_last_updated_at"])
        try:
            target = save_target(translation, user=user)
        except ValidationError as error:
            raise POFileError(
                _("The translated %(object)s could not be saved: %(error)s")
                % {"object": result.title, "error": "; ".join(error.messages)}
            ) from error
    else:
        target = planned.target
    result.published = bool(getattr(target, "live", True))
    result.target_url = edit_url(target)
    if TranslationStatus(source.object_id).source_changed_since_sync:
        result.notes.append(
            _("The source was published again after this file was exported: export it again later.")
        )
    result.status = "applied"
    result.message = _("Applied.")


def import_archive(data, name, language_code, *, user=None):
    """Apply an archive (or a single .po file) of translations into `language_code`."""
    result = ImportResult(language_code=language_code)
    try:
        locale = Locale.objects.get(language_code=language_code)
        members = read_members(data, name)
    except Locale.DoesNotExist:
        result.error = _("Unknown language: %(code)s") % {"code": language_code}
        return result
    except ArchiveError as error:
        result.error = str(error)
        return result

    planned, seen_sources = [], {}
    for member_name, content in members:
        if not member_name.lower().endswith(".po"):
            result.files.append(
                FileResult(name=member_name, status="ignored", message=_("Not a .po file: ignored."))
            )
            continue
        file_result = FileResult(name=member_name)
        try:
            if isinstance(content, POFileError):
                raise content
            item = plan(member_name, content, locale, user)
        except POFileError as error:
            file_result.message = str(error)
            result.files.append(file_result)
            continue
        except Exception as error:  # an unforeseen file must not take the others with it
            logger.exception("Reading the PO file %s failed", member_name)
            file_result.message = _("The file could not be read: %(error)s") % {"error": error}
            result.files.append(file_result)
            continue
        if item.source.pk in seen_sources:
            file_result.message = _(
                "Another file in this archive (%(other)s) translates the same object."
            ) % {"other": seen_sources[item.source.pk]}
            result.files.append(file_result)
            continue
        seen_sources[item.source.pk] = member_name
        planned.append(item)
        result.files.append(item.result)

    for item in sorted(planned, key=lambda item: item.order):
        try:
            with transaction.atomic():
                apply(item, locale, user)
        except POFileError as error:
            item.result.status, item.result.message = "refused", str(error)
            item.result.updated = item.result.unchanged = item.result.untranslated = 0
            item.result.errors = []
        except Exception as error:  # a library error must not take the other files with it
            logger.exception("PO import of %s failed", item.result.name)
            item.result.status = "refused"
            item.result.message = _("The file could not be applied: %(error)s") % {"error": error}
            item.result.updated = item.result.unchanged = item.result.untranslated = 0
    return result
