"""PO files for translation agencies: per-page download and upload (wagtail-localize's, guarded),
bulk export and import of a language's archive, and every kind of bad file refused unchanged."""

import codecs
import io
import re
import shutil
import subprocess
import uuid
import zipfile

import polib
import pytest
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from locales import po
from locales.report import COMPLETE, IN_PROGRESS, OUT_OF_DATE, TranslationGrid
from news.models import NewsArticlePage
from tests.locales import test_report as shared
from tests.locales.test_report import edit_and_publish

pytestmark = pytest.mark.django_db
module_site = shared.module_site_fixture()
site = shared.site

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(
    MSGFMT is None, reason="GNU gettext's msgfmt is not installed (apt-get install gettext)"
)
EXPORT = "/admin/translation-status/export/"
IMPORT = "/admin/translation-status/import/"


@pytest.fixture(autouse=True)
def english_admin(admin_user):
    """These tests read the messages a translator is shown; read them in English."""
    from django.utils import translation
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    with translation.override("en"):
        yield


def msgfmt_check(content, tmp_path, name="file.po"):
    """GNU gettext's verdict: (exit status, warnings and errors)."""
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        [MSGFMT, "--check", "--output-file=/dev/null", str(path)], capture_output=True, text=True
    )
    return result.returncode, result.stderr


def translation_of(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def export_kk(client):
    response = client.post(EXPORT, {"locale": "kk"})
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/zip"
    assert re.match(
        r'attachment; filename="translations-kk-\d{8}-\d{4}\.zip"', response["Content-Disposition"]
    )
    return zipfile.ZipFile(io.BytesIO(response.content))


def fill(content, prefix="KK "):
    """What the agency does: translate every empty entry."""
    po_file = polib.pofile(content.decode())
    for entry in po_file:
        if not entry.msgstr and not entry.obsolete:
            entry.msgstr = prefix + entry.msgid if entry.msgctxt != "slug" else "kk-" + uuid.uuid4().hex[:6]
    return str(po_file).encode()


def zip_of(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def named_file(data, name):
    """A file object with a name, as the test client uploads it."""
    upload_file = io.BytesIO(data)
    upload_file.name = name
    return upload_file


def upload(client, data, name="translations.zip", locale="kk"):
    return client.post(IMPORT, {"locale": locale, "file": named_file(data, name)})


def snapshot():
    """What an import could change."""
    return (
        StringTranslation.objects.count(),
        sorted(StringTranslation.objects.values_list("id", "data")),
        Page.objects.count(),
        sorted(Page.objects.values_list("id", "live", "latest_revision_id")),
        Translation.objects.count(),
    )


# --- Per-page download (wagtail-localize's view) ------------------------------------------------


@needs_msgfmt
def test_per_page_download_passes_msgfmt_check_and_names_its_source_version(site, admin_client, tmp_path):
    translation = translation_of(site.articles["seed"]["zh-hans"], site.locales["kk"])
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    assert msgfmt_check(response.content, tmp_path) == (0, "")
    header = polib.pofile(response.content.decode()).metadata
    assert header["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    assert header["Language"] == "kk"
    assert header["Language-Team"] == "Kazakh"
    assert header["X-Cms-Source-Id"] == str(translation.source_id)
    assert header["X-Cms-Source-Updated-At"] == translation.source.last_updated_at.isoformat()
    assert (
        header["X-Cms-Object"] == f"news.newsarticlepage {site.articles['seed']['zh-hans'].translation_key}"
    )


# --- Bulk export -------------------------------------------------------------------------------


@needs_msgfmt
def test_bulk_export_holds_a_checked_po_for_everything_kazakh_still_needs(site, admin_client, tmp_path):
    seed = edit_and_publish(site.articles["seed"]["zh-hans"], title="中哈丝路在线课程首课开讲了")
    archive = export_kk(admin_client)
    names = set(archive.namelist())
    expected = {
        f"news.newsarticlepage.{site.articles[key]['zh-hans'].translation_key}.kk.po"
        for key in ("seed", "middle", "oldest")  # out of date, missing, missing
    }
    assert names == expected | {"index.csv"}
    for name in expected:
        content = archive.read(name)
        assert msgfmt_check(content, tmp_path, name) == (0, ""), name
        header = polib.pofile(content.decode()).metadata
        assert header["Language"] == "kk"
        assert {"X-Cms-Source-Id", "X-Cms-Source-Updated-At", "X-Cms-Source-Digest"} <= set(header)
    seed_file = polib.pofile(archive.read(f"news.newsarticlepage.{seed.translation_key}.kk.po").decode())
    # Exported from the current source (re-read for the export), with what is already translated.
    assert seed_file.metadata["X-WagtailLocalize-TranslationID"] == str(
        translation_of(seed, site.locales["kk"]).uuid
    )
    entries = {entry.msgctxt: entry for entry in seed_file if not entry.obsolete}
    assert entries["title"].msgid == "中哈丝路在线课程首课开讲了"
    assert entries["title"].msgstr == ""
    assert entries["drafted_by"].msgstr == "Цзя Хуаи"
    index = archive.read("index.csv").decode("utf-8-sig")
    assert "签署战略合作协议" in index and "missing" in index and "out_of_date" in index
    # The changed source was synced for the export, as sync_translations does: English readers
    # keep the last complete English page, the new title waits in Chinese in a draft until it is
    # translated, and the report says so.
    en_seed = NewsArticlePage.objects.get(pk=site.articles["seed"]["en"].pk)
    assert en_seed.live and en_seed.title == site.articles["seed"]["en"].title
    assert en_seed.has_unpublished_changes
    assert en_seed.get_latest_revision_as_object().title == "中哈丝路在线课程首课开讲了"
    cell = TranslationGrid(["en"]).row(seed).cells["en"]
    assert (cell.state, cell.done, cell.total) == (OUT_OF_DATE, 3, 4)
    # File names are stable: the next export names the same files.
    assert set(export_kk(admin_client).namelist()) == names


def test_the_export_command_writes_the_same_archive(site, tmp_path):
    path = tmp_path / "kk.zip"
    out = io.StringIO()
    call_command("export_po", locale="kk", output=str(path), stdout=out)
    assert "Exported 2 file(s)" in out.getvalue()
    names = set(zipfile.ZipFile(path).namelist())
    assert names == {
        f"news.newsarticlepage.{site.articles[key]['zh-hans'].translation_key}.kk.po"
        for key in ("middle", "oldest")
    } | {"index.csv"}


def test_exporting_needs_the_submit_translation_permission(site, client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(EXPORT, {"locale": "kk"})
    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    assert client.get(EXPORT).status_code == 405


# --- Round trip --------------------------------------------------------------------------------


def test_round_trip_export_fill_import_and_the_pages_get_the_strings(site, admin_client):
    seed = edit_and_publish(site.articles["seed"]["zh-hans"], title="中哈丝路在线课程首课开讲了")
    archive = export_kk(admin_client)
    returned = {
        name: fill(archive.read(name)) if name.endswith(".po") else archive.read(name)
        for name in archive.namelist()
    }
    before = StringTranslation.objects.filter(locale=site.locales["kk"]).count()

    response = upload(admin_client, zip_of(returned))
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.error
    by_name = {f.name: f for f in result.files}
    seed_name = f"news.newsarticlepage.{seed.translation_key}.kk.po"
    assert (by_name[seed_name].status, by_name[seed_name].updated, by_name[seed_name].unchanged) == (
        "applied",
        1,
        3,
    )
    assert by_name[seed_name].published  # the Kazakh article was live: it is published again
    middle_name = f"news.newsarticlepage.{site.articles['middle']['zh-hans'].translation_key}.kk.po"
    assert (by_name[middle_name].status, by_name[middle_name].updated) == ("applied", 4)
    assert not by_name[middle_name].published  # a new translation starts as a draft
    assert by_name["index.csv"].status == "ignored"
    assert StringTranslation.objects.filter(locale=site.locales["kk"]).count() == before + 1 + 4 + 4
    assert set(
        StringTranslation.objects.filter(locale=site.locales["kk"], tool_name="PO file").values_list(
            "translation_type", flat=True
        )
    ) == {"manual"}
    html = response.content.decode()
    assert 'data-status="applied"' in html

    kk_seed = NewsArticlePage.objects.get(pk=site.articles["seed"]["kk"].pk)
    assert kk_seed.live and kk_seed.title == "KK 中哈丝路在线课程首课开讲了"
    assert not kk_seed.has_unpublished_changes
    kk_middle = NewsArticlePage.objects.get(
        translation_key=site.articles["middle"]["zh-hans"].translation_key, locale=site.locales["kk"]
    )
    assert not kk_middle.live
    assert kk_middle.title == "KK 赴哈交流团行前动员会"
    assert "KK 行前动员会召开。" in str(kk_middle.body)
    grid = TranslationGrid(["kk"])
    assert grid.row(seed).cells["kk"].state == COMPLETE
    assert grid.row(kk_middle).cells["kk"].state == IN_PROGRESS  # a draft, for a reviewer to publish

    # The same archive again changes nothing.
    again = upload(admin_client, zip_of(returned)).context["result"]
    assert {(f.status, f.updated) for f in again.files if f.name.endswith(".po")} == {("applied", 0)}


def test_the_import_command_applies_an_archive(site, tmp_path):
    path = tmp_path / "kk.zip"
    call_command("export_po", locale="kk", output=str(path), stdout=io.StringIO())
    archive = zipfile.ZipFile(path)
    (tmp_path / "back.zip").write_bytes(
        zip_of({name: fill(archive.read(name)) for name in archive.namelist() if name.endswith(".po")})
    )
    out = io.StringIO()
    call_command("import_po", str(tmp_path / "back.zip"), locale="kk", stdout=out)
    assert out.getvalue().count("applied (draft): 4 updated, 0 unchanged, 0 untranslated, 0 error(s)") == 2


def test_fuzzy_and_invalid_entries_are_reported_and_not_stored(site, admin_client):
    archive = export_kk(admin_client)
    name = f"news.newsarticlepage.{site.articles['middle']['zh-hans'].translation_key}.kk.po"
    po_file = polib.pofile(archive.read(name).decode())
    entries = {entry.msgctxt: entry for entry in po_file}
    entries["title"].msgstr = "Кетер алдындағы жиналыс"
    entries["drafted_by"].msgstr = "Цзя Хуаи"
    entries["drafted_by"].flags.append("fuzzy")
    body = next(entry for context, entry in entries.items() if context.startswith("body."))
    body.msgstr = '<a id="a9">жиналыс</a> өтті.'  # a link the source does not have
    result = po.import_archive(str(po_file).encode(), name, "kk")
    (file,) = result.files
    assert (file.status, file.updated, file.untranslated) == ("applied", 1, 2)
    assert len(file.errors) == 1 and "a9" in file.errors[0]
    assert set(
        StringTranslation.objects.filter(
            locale=site.locales["kk"], context__object_id=site.articles["middle"]["zh-hans"].translation_key
        ).values_list("data", flat=True)
    ) == {"Кетер алдындағы жиналыс"}


# --- Bad files ---------------------------------------------------------------------------------


@pytest.fixture
def kk_files(site, admin_client):
    """{key: (file name, content)} of the kk export: `middle` (missing) and `oldest` (missing)."""
    archive = export_kk(admin_client)
    files = {}
    for key in ("middle", "oldest"):
        name = f"news.newsarticlepage.{site.articles[key]['zh-hans'].translation_key}.kk.po"
        files[key] = (name, fill(archive.read(name)))
    return files


def with_header(**changes):
    """A mutation of a PO file's header: a value, or None to remove the field."""

    def mutate(content):
        po_file = polib.pofile(content.decode())
        for name, value in changes.items():
            name = name.replace("_", "-")
            if value is None:
                po_file.metadata.pop(name, None)
            else:
                po_file.metadata[name] = value
        return str(po_file).encode()

    return mutate


def without_header(content):
    po_file = polib.pofile(content.decode())
    po_file.metadata = {}
    return str(po_file).encode()


BAD_FILES = {
    "empty": (lambda content: b"", "empty"),
    "blank": (lambda content: b"  \n\n", "empty"),
    "not a PO": (lambda content: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
    "text, not a PO": (
        lambda content: "这不是翻译文件\n只是文字\nmsgid 没有引号\n".encode(),
        "not a valid PO",
    ),
    "GBK": (lambda content: content.decode().encode("gbk", errors="replace"), "not UTF-8"),
    "UTF-16": (lambda content: codecs.BOM_UTF16_LE + content.decode().encode("utf-16-le"), "not UTF-8"),
    "declares GBK": (with_header(Content_Type="text/plain; charset=GBK"), "GBK"),
    "no header": (without_header, "no header"),
    "unknown translation": (
        with_header(**{"X-WagtailLocalize-TranslationID": str(uuid.uuid4())}),
        "no longer exists",
    ),
    "unknown source": (with_header(**{"X-Cms-Source-Id": "999999"}), "no longer exists"),
    "no language": (with_header(Language=None), "does not say which language"),
    "edited msgid": (
        lambda content: content.replace("行前动员会召开。".encode(), "行前动员会".encode(), 1),
        "do not match",
    ),
    "no source version": (
        with_header(**{"X-Cms-Source-Updated-At": None, "X-Cms-Source-Digest": None}),
        "which version",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_refused_with_a_reason_and_nothing_changes(kind, kk_files, admin_client):
    make, reason = BAD_FILES[kind]
    name, content = kk_files["middle"]
    before = snapshot()
    response = upload(admin_client, zip_of({name: make(content)}))
    assert response.status_code == 200
    (file,) = response.context["result"].files
    assert file.status == "refused"
    assert reason in file.message, file.message
    assert snapshot() == before
    assert "Refused" in response.content.decode()


def test_a_file_for_another_language_is_refused(site, admin_client):
    response = admin_client.post(EXPORT, {"locale": "en"})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    name = next(n for n in archive.namelist() if n.endswith(".po"))
    before = snapshot()
    (file,) = upload(admin_client, zip_of({name: fill(archive.read(name))})).context["result"].files
    assert (file.status, "into en, not kk" in file.message) == ("refused", True)
    # An English translation's file whose Language was edited to pass for Kazakh.
    en = translation_of(site.articles["seed"]["zh-hans"], site.locales["en"])
    content = admin_client.get(reverse("wagtail_localize:download_pofile", args=[en.pk])).content
    (file,) = po.import_archive(with_header(Language="kk")(content), "seed.po", "kk").files
    assert (file.status, "two different languages" in file.message) == ("refused", True)
    assert snapshot() == before


def test_a_file_whose_source_changed_since_the_export_is_refused(site, kk_files, admin_client):
    name, content = kk_files["middle"]
    edit_and_publish(site.articles["middle"]["zh-hans"], title="赴哈交流团行前动员会召开")
    call_command("sync_translations", verbosity=0)  # re-reads the source: its title changed
    before = snapshot()
    (file,) = upload(admin_client, zip_of({name: content})).context["result"].files
    assert file.status == "refused"
    assert "changed since this file was exported" in file.message
    assert snapshot() == before


def test_a_source_re_read_with_the_same_strings_still_accepts_the_file(site, kk_files):
    from wagtail_localize.models import TranslationSource

    name, content = kk_files["middle"]
    TranslationSource.objects.get(
        object_id=site.articles["middle"]["zh-hans"].translation_key
    ).update_from_db()
    (file,) = po.import_archive(content, name, "kk").files
    assert file.status == "applied", file.message


def test_a_file_for_a_stopped_translation_is_refused(site, admin_client):
    translation = translation_of(site.articles["seed"]["zh-hans"], site.locales["kk"])
    content = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content
    Translation.objects.filter(pk=translation.pk).update(enabled=False)  # "Stop translation"
    before = snapshot()
    (file,) = po.import_archive(content, "seed.po", "kk").files
    assert (file.status, "stopped" in file.message) == ("refused", True)
    assert snapshot() == before


def test_a_file_over_the_size_limit_is_refused(kk_files, settings):
    settings.TRANSLATION_PO_MAX_FILE_SIZE = 200
    name, content = kk_files["middle"]
    before = snapshot()
    (file,) = po.import_archive(zip_of({name: content}), "x.zip", "kk").files
    assert (file.status, "larger than" in file.message) == ("refused", True)
    (file,) = po.import_archive(content, name, "kk").files  # a single .po file
    assert (file.status, "larger than" in file.message) == ("refused", True)
    assert snapshot() == before


@pytest.mark.parametrize(
    "evil", ["../news.po", "/etc/news.po", "po/../../news.po", "C:\\news.po", "po\\..\\news.po"]
)
def test_an_archive_with_unsafe_names_is_refused_whole(evil, kk_files, admin_client):
    (good_name, good), (_name, other) = kk_files["middle"], kk_files["oldest"]
    before = snapshot()
    response = upload(admin_client, zip_of({good_name: good, evil: other}))
    assert response.status_code == 200
    result = response.context["result"]
    assert "unsafe file names" in result.error and result.files == []
    assert [str(m) for m in get_messages(response.wsgi_request)] == [result.error]
    assert snapshot() == before


def test_archive_limits_refuse_the_whole_archive(kk_files, settings):
    files = dict(kk_files.values())
    before = snapshot()
    settings.TRANSLATION_PO_MAX_FILES = 1
    assert "more than 1 files" in po.import_archive(zip_of(files), "x.zip", "kk").error
    settings.TRANSLATION_PO_MAX_FILES = 100
    settings.TRANSLATION_PO_MAX_ARCHIVE_SIZE = 1000
    assert "larger than" in po.import_archive(zip_of(files), "x.zip", "kk").error
    # A small archive that unpacks to more than the limit.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.po", b"#" * 5000)
    assert "unpacks to more than" in po.import_archive(bomb.getvalue(), "x.zip", "kk").error
    assert "zip archive of PO files" in po.import_archive(b"PK\x03\x04 broken", "x.zip", "kk").error
    assert snapshot() == before


def test_one_bad_file_does_not_stop_the_others(site, kk_files):
    (good_name, good), (bad_name, _content) = kk_files["middle"], kk_files["oldest"]
    result = po.import_archive(zip_of({good_name: good, bad_name: b""}), "x.zip", "kk")
    assert {f.name: f.status for f in result.files} == {good_name: "applied", bad_name: "refused"}
    assert NewsArticlePage.objects.filter(
        translation_key=site.articles["middle"]["zh-hans"].translation_key, locale=site.locales["kk"]
    ).exists()
    assert not NewsArticlePage.objects.filter(
        translation_key=site.articles["oldest"]["zh-hans"].translation_key, locale=site.locales["kk"]
    ).exists()


def test_importing_into_a_translation_needs_permission_to_edit_it(site, kk_files, client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    name, content = kk_files["middle"]
    before = snapshot()
    (file,) = upload(client, zip_of({name: content})).context["result"].files
    assert (file.status, "permission" in file.message) == ("refused", True)
    assert snapshot() == before


def test_the_upload_form_refuses_no_file_and_an_unknown_language(site, admin_client):
    response = admin_client.post(IMPORT, {"locale": "fr"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"locale", "file"}
    assert admin_client.get(IMPORT).status_code == 200


# --- wagtail-localize's per-page upload, guarded ------------------------------------------------


@pytest.fixture
def kk_seed_upload(site):
    translation = translation_of(site.articles["seed"]["zh-hans"], site.locales["kk"])
    editor = reverse("wagtailadmin_pages:edit", args=[site.articles["seed"]["kk"].pk])
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk]) + f"?next={editor}"
    return translation, url, editor


def last_message(response):
    return list(get_messages(response.wsgi_request))[-1]


def post_po(client, url, content, name="kk.po"):
    return client.post(url, {"file": named_file(content, name)})


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b'msgctxt "title"\nmsgid "x"\nmsgstr "y"\n', "no header"),
        (
            b'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\nmsgctxt "title"\nmsgid "x"\nmsgstr "y"\n',
            "X-WagtailLocalize-TranslationID",
        ),
        ("# 注释\n".encode("gbk") + b'msgid ""\nmsgstr ""\n', "not UTF-8"),
        (b"\x00\x01\x02 not a po file", "not a PO file"),
    ],
    ids=["empty", "no header", "no translation id", "not UTF-8", "binary"],
)
def test_per_page_upload_of_a_bad_file_gives_a_message_not_a_500(
    content, reason, site, admin_client, kk_seed_upload
):
    _translation, url, editor = kk_seed_upload
    before = snapshot()
    response = post_po(admin_client, url, content)
    assert response.status_code == 302
    assert response["Location"] == editor
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert "not imported" in message and reason in message, message
    assert snapshot() == before


def test_per_page_upload_refuses_another_translations_file_and_a_missing_file(
    site, admin_client, kk_seed_upload
):
    _translation, url, editor = kk_seed_upload
    en = translation_of(site.articles["seed"]["zh-hans"], site.locales["en"])
    en_file = admin_client.get(reverse("wagtail_localize:download_pofile", args=[en.pk])).content
    before = snapshot()
    response = post_po(admin_client, url, en_file)
    assert "different translation" in last_message(response).message
    response = admin_client.post(url, {})
    assert response.status_code == 302
    assert "Choose a PO file" in last_message(response).message
    assert snapshot() == before


def test_per_page_upload_of_its_own_file_imports_it(site, admin_client, kk_seed_upload):
    translation, url, _editor = kk_seed_upload
    content = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk])).content
    changed = content.replace(
        "Жібек жолы онлайн курсының алғашқы сабағы басталды".encode(), "Алғашқы сабақ басталды".encode()
    )
    response = post_po(admin_client, url, changed)
    assert response.status_code == 302
    assert last_message(response).level == messages.SUCCESS  # wagtail-localize's own message
    assert (
        StringTranslation.objects.get(
            locale=site.locales["kk"], context__object_id=translation.source.object_id, context__path="title"
        ).data
        == "Алғашқы сабақ басталды"
    )
