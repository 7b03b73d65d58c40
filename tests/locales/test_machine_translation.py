"""Machine translation through wagtail-localize's own admin views, against a fake LibreTranslate
served from 127.0.0.1 in the test (tests never reach the internet)."""

import inspect
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.messages import get_messages
from django.urls import resolve, reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from locales.machine_translation import (
    LibreTranslateTranslator,
    MachineTranslationError,
    OfflineTranslator,
)
from tests.factories import NewsArticlePageFactory, news_index, paragraph, publish, translate
from tests.utils import run_python

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_admin(settings):
    """The admin speaks the source language by default; read its messages in English."""
    settings.LANGUAGE_CODE = "en"


TIMEOUT = 0.5


class FakeLibreTranslate:
    """POST /translate, answering as `mode` says; remembers each request's JSON body."""

    def __init__(self):
        self.mode = "ok"
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, **body})
                if fake.mode == "slow":
                    time.sleep(TIMEOUT * 4)
                if fake.mode == "unsupported":
                    return self.answer(400, json.dumps({"error": f"{body['source']} is not supported"}))
                if fake.mode == "crash":
                    return self.answer(500, "<h1>Internal Server Error</h1>", "text/html")
                if fake.mode == "not-json":
                    return self.answer(200, "<html>proxy login</html>", "text/html")
                texts = [f"«{body['target']}» {text}" for text in body["q"]]
                return self.answer(200, json.dumps({"translatedText": texts}, ensure_ascii=False))

            def answer(self, status, text, content_type="application/json"):
                data = text.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_server(monkeypatch):
    # requests honours HTTP(S)_PROXY; the fake server is on this machine.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = FakeLibreTranslate()
    yield server
    server.close()


def libretranslate_settings(url, **options):
    return {
        "CLASS": "locales.machine_translation.LibreTranslateTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": url, "TIMEOUT": TIMEOUT, **options},
    }


@pytest.fixture
def libretranslate(settings, fake_server):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = libretranslate_settings(fake_server.url)
    return fake_server


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def article(home_pages):
    news = news_index(home_pages["zh-hans"])
    return publish(
        NewsArticlePageFactory(
            parent=news,
            title="中哈丝路在线课程首课开讲",
            slug="shouke",
            summary="中哈丝路在线课程第一期顺利开班。",
            body=[paragraph('<p>我校与<a href="https://astanait.edu.kz/">阿斯塔纳IT大学</a>合作开课。</p>')],
        )
    )


@pytest.fixture
def kk_translation(article, locales, django_capture_on_commit_callbacks):
    """'Translate this page' into Kazakh: a translation with every string untranslated."""
    translate(article, [locales["kk"]], django_capture_on_commit_callbacks)
    return Translation.objects.get(source__object_id=article.translation_key, target_locale=locales["kk"])


def machine_translate(client, translation, next_url="/admin/next/"):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": next_url}
    )


def messages_of(response):
    return [(m.level_tag, str(m).strip()) for m in get_messages(response.wsgi_request)]


def kk_strings(locales, article):
    """The article's Kazakh string translations, by segment path."""
    translations = StringTranslation.objects.filter(
        locale=locales["kk"], context__object_id=article.translation_key
    ).select_related("context")
    return {st.context.path: (st.data, st.translation_type, st.tool_name) for st in translations}


# --- LibreTranslate ------------------------------------------------------------------------------


def test_the_machine_translate_address_is_served_by_our_view():
    from locales import admin_views

    url = reverse("wagtail_localize:machine_translate", args=[1])
    assert inspect.unwrap(resolve(url).func) is admin_views.machine_translate


def test_segments_are_machine_translated_into_kazakh_through_the_admin(
    admin_client, settings, libretranslate, article, kk_translation, locales
):
    response = machine_translate(admin_client, kk_translation)

    assert response.status_code == 302
    assert response["Location"] == "/admin/next/"
    assert messages_of(response) == [("success", "Successfully translated with LibreTranslate.")]
    strings = kk_strings(locales, article)
    assert strings["title"] == ("«kk» 中哈丝路在线课程首课开讲", "machine", "LibreTranslate")
    assert strings["summary"][0] == "«kk» 中哈丝路在线课程第一期顺利开班。"
    (body_path,) = [path for path in strings if path.startswith("body.")]
    assert strings[body_path][0] == '«kk» 我校与<a id="a1">阿斯塔纳IT大学</a>合作开课。'
    assert {kind for _data, kind, _tool in strings.values()} == {"machine"}

    # zh-hans is "zh" to LibreTranslate; plain strings go as text, rich text as HTML.
    assert {(r["path"], r["source"], r["target"]) for r in libretranslate.requests} == {
        ("/translate", "zh", "kk")
    }
    by_format = {r["format"]: r["q"] for r in libretranslate.requests}
    assert by_format["html"] == ['我校与<a id="a1">阿斯塔纳IT大学</a>合作开课。']
    assert "中哈丝路在线课程首课开讲" in by_format["text"]
    assert all("api_key" not in r for r in libretranslate.requests)

    # Saved (machine output allowed to go live), the translation carries the text, the link
    # restored, and a slug from the title.
    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = True
    kk_translation.save_target(publish=True)
    page = article_in(kk_translation)
    assert page.title == "«kk» 中哈丝路在线课程首课开讲"
    assert 'href="https://astanait.edu.kz/"' in str(page.body[0].value)
    assert page.slug == "kk-zhong-ha-si-lu-zai-xian-ke-cheng-shou-ke-kai-jiang"


def article_in(translation):
    return translation.get_target_instance().specific


def test_the_chinese_code_api_key_and_batch_size_are_configurable(
    admin_client, settings, fake_server, article, kk_translation, locales
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = libretranslate_settings(
        fake_server.url,
        API_KEY="secret",
        BATCH_SIZE=1,
        LANGUAGE_CODES={"zh-hans": "zh-Hans", "en": "en", "kk": "kk"},
    )
    machine_translate(admin_client, kk_translation)

    assert len(fake_server.requests) == len(kk_strings(locales, article)) > 1
    assert all(len(r["q"]) == 1 for r in fake_server.requests)
    assert {(r["source"], r["api_key"]) for r in fake_server.requests} == {("zh-Hans", "secret")}


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("slow", "The machine translation service did not answer within 0.5 seconds."),
        ("crash", "The machine translation service answered with an error (HTTP 500)."),
        ("unsupported", "The machine translation service refused the request: zh is not supported"),
        ("not-json", "The machine translation service's answer was not JSON."),
    ],
)
def test_a_failing_server_leaves_everything_unchanged_and_says_why(
    admin_client, libretranslate, article, kk_translation, locales, mode, reason
):
    libretranslate.mode = mode
    before = kk_strings(locales, article)

    response = machine_translate(admin_client, kk_translation)

    assert response.status_code == 302
    assert response["Location"] == "/admin/next/"
    assert messages_of(response) == [("error", f"Machine translation failed: {reason} Nothing was changed.")]
    assert kk_strings(locales, article) == before == {}
    assert libretranslate.requests  # it was asked


def test_an_unreachable_server_leaves_everything_unchanged_and_says_why(
    admin_client, settings, monkeypatch, article, kk_translation, locales
):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = libretranslate_settings(closed_port_url())

    response = machine_translate(admin_client, kk_translation, next_url="")

    # Without a `next`, back to the translation's editor.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article_in(kk_translation).pk])
    assert messages_of(response) == [
        (
            "error",
            "Machine translation failed: The machine translation service could not be reached. "
            "Nothing was changed.",
        )
    ]
    assert kk_strings(locales, article) == {}


def test_a_failure_in_sync_with_machine_translation_undoes_the_sync(
    admin_client, libretranslate, article, kk_translation, locales, django_capture_on_commit_callbacks
):
    libretranslate.mode = "unsupported"
    source = TranslationSource.objects.get(object_id=article.translation_key, locale=article.locale)
    article.title = "中哈丝路在线课程首课顺利开讲"
    publish(article)

    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"use_machine_translation": "on", "publish_translations": "on"},
    )

    assert response.status_code == 200
    assert "zh is not supported" in response.content.decode()
    assert ("error", "Machine translation failed: The machine translation service refused the request: "
            "zh is not supported Nothing was changed.") in messages_of(response)  # fmt: skip
    assert kk_strings(locales, article) == {}
    # The sync itself was rolled back: the source still has the old title.
    assert source.stringsegment_set.filter(string__data="中哈丝路在线课程首课顺利开讲").count() == 0


def test_can_translate_only_the_configured_languages(locales):
    translator = LibreTranslateTranslator({"LIBRETRANSLATE_URL": "http://127.0.0.1:9"})
    zh, en, kk = locales["zh-hans"], locales["en"], locales["kk"]
    french = Locale(language_code="fr")
    assert translator.can_translate(zh, kk) and translator.can_translate(kk, en)
    assert not translator.can_translate(zh, zh)
    assert not translator.can_translate(zh, french)
    assert translator.language_code(zh) == "zh"  # not "zh" by cutting at the hyphen: mapped

    only_english = LibreTranslateTranslator(
        {"LIBRETRANSLATE_URL": "http://127.0.0.1:9", "LANGUAGE_CODES": {"zh-hans": "zh", "en": "en"}}
    )
    assert only_english.can_translate(zh, en)
    assert not only_english.can_translate(zh, kk)
    with pytest.raises(MachineTranslationError):
        only_english.translate(zh, kk, [])


def test_html_that_cannot_be_stored_is_left_for_the_translator(monkeypatch, locales):
    translator = LibreTranslateTranslator({"LIBRETRANSLATE_URL": "http://127.0.0.1:9"})
    from wagtail_localize.strings import StringValue

    good, bad = StringValue('<a id="a1">链接</a>一'), StringValue('<a id="a1">链接</a>二')
    monkeypatch.setattr(
        translator, "_post", lambda *args: ['<a id="a1">link</a> one', "<div>block</div> two"]
    )
    result = translator.translate(locales["zh-hans"], locales["kk"], [good, bad])
    assert result == {good: StringValue('<a id="a1">link</a> one'), bad: None}


# --- Offline ---------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the offline translator opened a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_offline_translator_marks_its_text_and_needs_no_network(
    admin_client, settings, article, kk_translation, locales, no_network
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "locales.machine_translation.OfflineTranslator"}

    response = machine_translate(admin_client, kk_translation)

    assert messages_of(response) == [
        ("success", "Successfully translated with Offline placeholder (not a translation).")
    ]
    strings = kk_strings(locales, article)
    assert strings["title"] == (
        "[kk] 中哈丝路在线课程首课开讲",
        "machine",
        "Offline placeholder (not a translation)",
    )
    (body_path,) = [path for path in strings if path.startswith("body.")]
    assert strings[body_path][0] == '[kk] 我校与<a id="a1">阿斯塔纳IT大学</a>合作开课。'
    assert all(data.startswith("[kk] ") for data, _kind, _tool in strings.values())


def test_the_offline_translator_translates_any_pair_of_languages(locales):
    translator = OfflineTranslator({})
    zh, en, kk = locales["zh-hans"], locales["en"], locales["kk"]
    assert translator.can_translate(zh, kk) and translator.can_translate(en, zh)
    assert not translator.can_translate(kk, kk)


def test_settings_choose_offline_unless_a_url_is_set():
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'cms.settings.test'); "
        "django.setup(); from wagtail_localize.machine_translators import get_machine_translator as g; "
        "t = g(); print(type(t).__name__, t.options.get('LIBRETRANSLATE_URL'), t.options.get('TIMEOUT'), "
        "(t.options.get('LANGUAGE_CODES') or {}).get('zh-hans'))"
    )
    offline = run_python(code, env={"DJANGO_SETTINGS_MODULE": "cms.settings.test"})
    assert offline.stdout.split() == ["OfflineTranslator", "None", "None", "None"], offline.stderr

    online = run_python(
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "MACHINE_TRANSLATION_URL": "http://mt.internal:5000",
            "MACHINE_TRANSLATION_TIMEOUT": "3",
            "MACHINE_TRANSLATION_CHINESE_CODE": "zh-Hans",
        },
    )
    assert online.stdout.split() == [
        "LibreTranslateTranslator",
        "http://mt.internal:5000",
        "3.0",
        "zh-Hans",
    ], online.stderr


def test_the_translation_editor_offers_the_configured_engine(admin_client, settings, kk_translation):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "locales.machine_translation.OfflineTranslator"}
    edit_url = reverse("wagtailadmin_pages:edit", args=[article_in(kk_translation).pk])

    response = admin_client.get(edit_url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Offline placeholder (not a translation)" in content
    assert reverse("wagtail_localize:machine_translate", args=[kk_translation.id]) in content


# --- Nothing machine-made goes live unconfirmed ---------------------------------------------------

OFFLINE = {"CLASS": "locales.machine_translation.OfflineTranslator"}


@pytest.fixture
def kk_draft(article, locales, django_capture_on_commit_callbacks):
    """'Translate this page' into Kazakh by the translator: a draft, nothing translated yet."""
    translate(article, [locales["kk"]], django_capture_on_commit_callbacks, publish=False)
    return Translation.objects.get(source__object_id=article.translation_key, target_locale=locales["kk"])


def editor_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def save_string(client, translation, path, value):
    """As the translation editor saves one string a person has checked (or typed)."""
    from urllib.parse import urlencode

    from wagtail_localize.models import StringSegment

    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    body = urlencode({"value": value})
    response = client.put(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 201)  # replaced, or new


def publish_in_editor(client, translation, capture):
    with capture(execute=True):
        response = client.post(editor_url(article_in(translation)), {"action": "publish"}, follow=True)
    return response.content.decode()


def kazakh_reader_gets(client, article):
    data = client.get(f"/api/content/v1/news/{article.pk}?locale=kk").json()
    return data["locale"]["served"], data["title"]


def test_a_placeholder_translation_is_never_published(
    admin_client, settings, article, kk_draft, locales, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = OFFLINE
    machine_translate(admin_client, kk_draft)

    page = publish_in_editor(admin_client, kk_draft, django_capture_on_commit_callbacks)
    assert "machine translations into" in page and "are not confirmed yet" in page
    assert not article_in(kk_draft).live
    assert kazakh_reader_gets(admin_client, article) == ("zh-hans", "中哈丝路在线课程首课开讲")

    # Saved unchanged by a person, or with machine output allowed to go live, a stand-in is still
    # not a translation.
    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = True
    for path, (data, _kind, _tool) in kk_strings(locales, article).items():
        save_string(admin_client, kk_draft, path, data)
    assert {kind for _data, kind, _tool in kk_strings(locales, article).values()} == {"manual"}
    page = publish_in_editor(admin_client, kk_draft, django_capture_on_commit_callbacks)
    assert "strings are not translated into" in page
    assert not article_in(kk_draft).live


def test_machine_output_goes_live_once_a_person_has_confirmed_it(
    admin_client, libretranslate, article, kk_draft, locales, django_capture_on_commit_callbacks
):
    machine_translate(admin_client, kk_draft)
    strings = kk_strings(locales, article)

    page = publish_in_editor(admin_client, kk_draft, django_capture_on_commit_callbacks)
    count = len([path for path in strings if path != "slug"]) + ("slug" in strings)
    assert f"{count} machine translations into" in page
    assert not article_in(kk_draft).live

    # The translator checks each string: corrects the title, keeps the rest as the engine gave it.
    for path, (data, _kind, _tool) in strings.items():
        save_string(admin_client, kk_draft, path, "Жібек жолы курсы басталды" if path == "title" else data)
    publish_in_editor(admin_client, kk_draft, django_capture_on_commit_callbacks)

    assert article_in(kk_draft).live
    assert kazakh_reader_gets(admin_client, article) == ("kk", "Жібек жолы курсы басталды")


def test_a_setting_lets_unconfirmed_machine_output_go_live(
    admin_client,
    settings,
    libretranslate,
    article,
    kk_draft,
    locales,
    django_capture_on_commit_callbacks,
):
    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = True
    machine_translate(admin_client, kk_draft)

    publish_in_editor(admin_client, kk_draft, django_capture_on_commit_callbacks)

    assert article_in(kk_draft).live
    assert kazakh_reader_gets(admin_client, article) == ("kk", "«kk» 中哈丝路在线课程首课开讲")


def test_a_sync_that_machine_translates_publishes_nothing_unconfirmed(
    admin_client, libretranslate, article, locales, django_capture_on_commit_callbacks
):
    """ "Sync translated pages" with machine translation and "publish immediately" ticked."""
    kk = translate_everything(article, locales["kk"])
    source = TranslationSource.objects.get(object_id=article.translation_key, locale=article.locale)
    article.title = "中哈丝路在线课程第二期开讲"
    publish(article)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"use_machine_translation": "on", "publish_translations": "on"},
        )

    assert response.status_code == 302
    assert kk_strings(locales, article)["title"][1] == "machine"
    kk.refresh_from_db()
    assert kk.live and kk.has_unpublished_changes
    # Readers keep the translation a person made; the engine's title waits as a draft.
    assert kazakh_reader_gets(admin_client, article) == ("kk", "Курс басталды")


def translate_everything(article, locale):
    from locales.translation import translate_with_strings

    source, _created = TranslationSource.update_or_create_from_instance(article)
    strings = {
        segment.string.data: "Аударма" for segment in source.stringsegment_set.select_related("string")
    }
    strings[article.title] = "Курс басталды"
    strings[article.slug] = "kurs"
    return translate_with_strings(article, locale, strings)


def test_without_a_server_production_offers_no_machine_translation():
    code = (
        "import django; django.setup(); "
        "from wagtail_localize.machine_translators import get_machine_translator as g; print(g())"
    )
    production = run_python(
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "cms.example",
        },
    )
    assert production.stdout.split() == ["None"], production.stderr
    development = run_python(code, env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    assert "OfflineTranslator" in development.stdout, development.stderr


# --- A language model behind an OpenAI-compatible API, and the glossary ----------------------------


class FakeChatCompletions:
    """POST /v1/chat/completions as a self-hosted model server answers it: the system prompt's
    glossary lines ("term = fixed form") are obeyed unless `mode` says otherwise, and every string
    comes back as "«<language>» <text>"; remembers each request's JSON body."""

    def __init__(self):
        self.mode = "ok"
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(
                    {"path": self.path, "authorization": self.headers.get("Authorization"), **body}
                )
                if fake.mode == "unauthorised":
                    return self.answer(401, {"error": {"message": "Invalid API key"}})
                system, user = body["messages"][0]["content"], body["messages"][1]["content"]
                language = re.search(r"into (\w+)\.", system)[1]
                terms = dict(line.split(" = ") for line in system.splitlines() if " = " in line)
                answers = []
                for text in json.loads(user):
                    if fake.mode != "ignore-glossary":
                        for term, fixed in terms.items():
                            text = text.replace(term, fixed)
                    if fake.mode == "drop-tags":
                        text = re.sub(r"<[^>]+>", "", text)
                    answers.append(f"«{language}» {text}")
                content = json.dumps(answers, ensure_ascii=False)
                if fake.mode == "fenced":
                    content = f"```json\n{content}\n```"
                if fake.mode == "not-a-list":
                    content = "Sorry, I cannot help with that."
                if fake.mode == "no-content":
                    content = None
                return self.answer(200, {"choices": [{"message": {"role": "assistant", "content": content}}]})

            def answer(self, status, data):
                payload = json.dumps(data, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def model_server(settings, monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    server = FakeChatCompletions()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "locales.machine_translation.ChatCompletionsTranslator",
        "OPTIONS": {
            "URL": server.url,
            "MODEL": "qwen2.5-7b-instruct",
            "API_KEY": "local",
            "TIMEOUT": TIMEOUT,
        },
    }
    yield server
    server.close()


@pytest.fixture
def glossary(locales):
    from locales.models import GlossaryTerm

    GlossaryTerm.objects.create(term="阿斯塔纳IT大学", language="kk", translation="Astana IT University")
    GlossaryTerm.objects.create(term="中哈丝路", language="kk", translation="Қазақ-Қытай Жібек жолы")
    GlossaryTerm.objects.create(term="中哈丝路", language="en", translation="China-Kazakhstan Silk Road")


def test_a_language_model_translates_into_kazakh_with_the_glossary(
    admin_client, model_server, glossary, article, kk_translation, locales
):
    response = machine_translate(admin_client, kk_translation)

    assert messages_of(response) == [("success", "Successfully translated with Language model.")]
    strings = kk_strings(locales, article)
    assert strings["title"] == (
        "«Kazakh» Қазақ-Қытай Жібек жолы在线课程首课开讲",
        "machine",
        "Language model",
    )
    (body_path,) = [path for path in strings if path.startswith("body.")]
    assert strings[body_path][0] == '«Kazakh» 我校与<a id="a1">Astana IT University</a>合作开课。'

    [request] = model_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert (request["model"], request["temperature"], request["authorization"]) == (
        "qwen2.5-7b-instruct",
        0,
        "Bearer local",
    )
    system = request["messages"][0]["content"]
    assert "from Simplified Chinese into Kazakh" in system and "keep every tag" in system
    # Only the terms of this pair that the strings contain, never another language's.
    assert "中哈丝路 = Қазақ-Қытай Жібек жолы" in system and "阿斯塔纳IT大学 = Astana IT University" in system
    assert "China-Kazakhstan" not in system


@pytest.mark.parametrize("mode", ["ignore-glossary", "drop-tags"])
def test_output_that_breaks_the_glossary_or_the_markup_is_left_for_the_translator(
    admin_client, model_server, glossary, article, kk_translation, locales, mode
):
    model_server.mode = mode

    machine_translate(admin_client, kk_translation)

    strings = kk_strings(locales, article)
    assert not any(path.startswith("body.") for path in strings)  # the term inside a link: failed
    if mode == "ignore-glossary":
        # The title, the summary and the body each contain a term; only the slug has none.
        assert set(strings) == {"slug"} and strings["slug"][0] == "«Kazakh» shouke"
    else:
        assert strings["title"][0].startswith("«Kazakh» ")  # no markup to lose


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("unauthorised", "The machine translation service refused the request: Invalid API key"),
        ("not-a-list", "The machine translation service's answer did not contain the translations."),
        ("no-content", "The machine translation service's answer did not contain the translations."),
    ],
)
def test_a_language_model_that_fails_changes_nothing_and_says_why(
    admin_client, model_server, article, kk_translation, locales, mode, reason
):
    model_server.mode = mode

    response = machine_translate(admin_client, kk_translation)

    assert messages_of(response) == [("error", f"Machine translation failed: {reason} Nothing was changed.")]
    assert kk_strings(locales, article) == {}


def test_an_answer_in_a_code_fence_is_read(admin_client, model_server, article, kk_translation, locales):
    model_server.mode = "fenced"
    machine_translate(admin_client, kk_translation)
    assert kk_strings(locales, article)["title"][0] == "«Kazakh» 中哈丝路在线课程首课开讲"


def test_libretranslate_gets_the_glossary_terms_in_their_fixed_form(
    admin_client, libretranslate, glossary, article, kk_translation, locales
):
    machine_translate(admin_client, kk_translation)

    sent = [text for request in libretranslate.requests for text in request["q"]]
    assert "Қазақ-Қытай Жібек жолы在线课程首课开讲" in sent
    assert kk_strings(locales, article)["title"][0] == "«kk» Қазақ-Қытай Жібек жолы在线课程首课开讲"


def test_settings_choose_the_chat_engine():
    code = (
        "import django; django.setup(); "
        "from wagtail_localize.machine_translators import get_machine_translator as g; "
        "t = g(); print(type(t).__name__, t.url, t.options['MODEL'], t.timeout)"
    )
    chat = run_python(
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "MACHINE_TRANSLATION_URL": "http://10.0.0.5:8000/v1/",
            "MACHINE_TRANSLATION_ENGINE": "chat",
            "MACHINE_TRANSLATION_MODEL": "qwen2.5-7b-instruct",
        },
    )
    assert chat.stdout.split() == [
        "ChatCompletionsTranslator",
        "http://10.0.0.5:8000/v1/chat/completions",
        "qwen2.5-7b-instruct",
        "60.0",
    ], chat.stderr
    wrong = run_python(
        code, env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "MACHINE_TRANSLATION_ENGINE": "deepl"}
    )
    assert wrong.returncode != 0 and "MACHINE_TRANSLATION_ENGINE must be" in wrong.stderr


def test_editors_keep_the_glossary_in_the_admin(client, locales, django_user_model):
    from locales.roles import EDITORS, setup_roles

    groups = setup_roles()
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(groups[EDITORS])
    client.force_login(editor)
    add = client.post(
        reverse("wagtailsnippets_locales_glossaryterm:add"),
        {"term": "中哈丝路学院", "language": "kk", "translation": "Жібек жолы колледжі", "note": ""},
    )
    assert add.status_code == 302
    listing = client.get(reverse("wagtailsnippets_locales_glossaryterm:list"))
    assert listing.status_code == 200 and "Жібек жолы колледжі" in listing.content.decode()
    duplicate = client.post(
        reverse("wagtailsnippets_locales_glossaryterm:add"),
        {"term": "中哈丝路学院", "language": "kk", "translation": "Другое", "note": ""},
    )
    assert duplicate.status_code == 200  # the form again, with the error


def test_a_term_inside_a_longer_term_asks_only_for_the_longer_ones_form():
    from locales.machine_translation import checked

    terms = {"中哈": "Қазақ-Қытай", "中哈丝路": "Жібек жолы"}
    assert checked("中哈丝路学院", "Жібек жолы колледжі", terms) == "Жібек жолы колледжі"
    assert checked("中哈合作与中哈丝路", "Қазақ-Қытай ынтымақтастығы және Жібек жолы", terms)
    assert checked("中哈合作与中哈丝路", "ынтымақтастық және Жібек жолы", terms) is None
