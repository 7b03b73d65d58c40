"""Editors and translators: who may do what, in which language, on every route that writes.

The heart of this module is a matrix: role × language of the object × admin route, with the
expected answer written out in EXPECTED. Each cell is one test, so a hole shows as one failing
cell. "allow" means the request succeeded and its change was made; "deny" means Wagtail's refusal
(403, or the redirect to the dashboard with "Sorry, you do not have permission") and no change.
Anything else (a 404, a 500, a success that changed nothing) fails the cell.
"""

import io
from functools import cached_property
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object

from locales.access import working_locale_ids
from locales.roles import EDITORS, assign_role, defined_roles, setup_roles
from locales.translation import translate_with_strings
from news.models import NewsArticlePage, Topic
from tests.factories import (
    NewsArticlePageFactory,
    TopicFactory,
    news_index,
    page_form,
    publish,
    rich_paragraph,
    translate_string,
)

pytestmark = pytest.mark.django_db

ROLE_GROUPS = {
    "editor": EDITORS,
    "en_translator": "English translators",
    "kk_translator": "Kazakh translators",
}
LANGUAGES = ["zh-hans", "en", "kk"]
DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}

A, D = "allow", "deny"

# fmt: off
EXPECTED = {
    #                              editor         en translator   kk translator
    #                              zh   en   kk   zh   en   kk    zh   en   kk
    # Wagtail's own page editor, on a page written in that language (not a translation).
    "page_edit_get":              (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "page_edit_publish":          (A,   D,   D,   D,   A,   D,    D,   D,   A),
    # Deleting needs the right to add pages there: translators delete nothing.
    "page_delete":                (A,   D,   D,   D,   D,   D,    D,   D,   D),
    # wagtail-localize's translation editor, on a page translated into that language.
    "translation_editor_get":     (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "translation_string_put":     (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "translation_publish":        (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "po_download":                (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "po_upload":                  (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "machine_translate":          (A,   D,   D,   D,   A,   D,    D,   D,   A),
    # Submitting for translation: editors, from the source language only; translators never.
    "submit_page_translation":    (A,   D,   D,   D,   D,   D,    D,   D,   D),
    "submit_snippet_translation": (A,   D,   D,   D,   D,   D,    D,   D,   D),
    "sync_translations":          (A,   D,   D,   D,   D,   D,    D,   D,   D),
    # Snippets (a topic): the plain form in the source language, the translation editor in others.
    "snippet_edit_get":           (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "snippet_save":               (A,   D,   D,   D,   A,   D,    D,   D,   A),
    "snippet_po_download":        (A,   D,   D,   D,   A,   D,    D,   D,   A),
}
# fmt: on


def expected(route, role, language):
    row = EXPECTED[route]
    return row[list(ROLE_GROUPS).index(role) * 3 + LANGUAGES.index(language)]


# --- People and content --------------------------------------------------------------------------


def make_user(username, role_name):
    user = get_user_model().objects.create_user(
        username=username, password="x", email=f"{username}@example.com"
    )
    assign_role(user, role_name)
    return user


@pytest.fixture
def users(db):
    return {key: make_user(key, group) for key, group in ROLE_GROUPS.items()}


class World:
    """The objects each route acts on, in each language, built only when a route asks for them.

    - ordinary pages: A (zh-hans, the source of the en and kk translations), B (written in en,
      translated into zh-hans), C (written in kk, translated into en);
    - translations into each language: B -> zh-hans, A -> en, A -> kk (drafts);
    - topics: T (zh-hans) with tracked en and kk translations; U (written in en) -> zh-hans.
    """

    def __init__(self, locales, home_pages, capture):
        self.locales = locales
        self.home_pages = home_pages
        # django_capture_on_commit_callbacks: wagtail-localize publishes in on_commit callbacks.
        self.capture = capture

    @cached_property
    def index(self):
        zh = news_index(self.home_pages["zh-hans"])
        return {
            "zh-hans": zh,
            "en": translate_with_strings(zh, self.locales["en"], {"新闻": "News"}),
            "kk": translate_with_strings(zh, self.locales["kk"], {"新闻": "Жаңалықтар"}),
        }

    def _article(self, language, **kwargs):
        return publish(NewsArticlePageFactory(parent=self.index[language], **kwargs))

    @cached_property
    def page_a(self):
        return self._article("zh-hans")

    @cached_property
    def page_b(self):
        return self._article("en", title="Partner visit", slug="partner-visit")

    @cached_property
    def page_c(self):
        return self._article("kk", title="Серіктес сапары", slug="seriktes-sapary")

    def ordinary_page(self, language):
        return {"zh-hans": self.page_a, "en": self.page_b, "kk": self.page_c}[language]

    @cached_property
    def page_translations(self):
        """A draft translation into each language, as (Translation, target page)."""
        zh, en, kk = (self.locales[code] for code in LANGUAGES)
        targets = {
            "zh-hans": translate_with_strings(
                self.page_b, zh, {"Partner visit": "合作伙伴来访"}, publish=False
            ),
            "en": translate_with_strings(self.page_a, en, {self.page_a.title: "Course opens"}, publish=False),
            "kk": translate_with_strings(self.page_a, kk, {self.page_a.title: "Курс ашылды"}, publish=False),
        }
        return {code: (translation_of(page), page) for code, page in targets.items()}

    @cached_property
    def sources(self):
        """A translation source written in each language (C is translated into en for it)."""
        self.page_translations  # noqa: B018 - A and B are translated there
        translate_with_strings(self.page_c, self.locales["en"], {}, publish=False)
        return {code: source_of(self.ordinary_page(code)) for code in LANGUAGES}

    def untranslated_page(self, language):
        return self._article(language, title=f"Fresh {language}", slug=f"fresh-{language}")

    @cached_property
    def topics(self):
        topic = TopicFactory(name="国际交流", slug="exchange")
        return {
            "zh-hans": topic,
            "en": translate_with_strings(topic, self.locales["en"], {"国际交流": "Exchange"}),
            "kk": translate_with_strings(topic, self.locales["kk"], {"国际交流": "Алмасу"}),
        }

    @cached_property
    def topic_translations(self):
        english = TopicFactory(name="Alumni", slug="alumni", locale=self.locales["en"])
        translate_with_strings(english, self.locales["zh-hans"], {"Alumni": "校友"})
        self.topics  # noqa: B018
        return {
            "zh-hans": Translation.objects.get(
                source__object_id=english.translation_key, target_locale=self.locales["zh-hans"]
            ),
            "en": translation_of(self.topics["en"]),
            "kk": translation_of(self.topics["kk"]),
        }

    def untranslated_topic(self, language):
        return TopicFactory(name=f"Topic {language}", slug=f"topic-{language}", locale=self.locales[language])


def translation_of(target):
    return Translation.objects.get(source__object_id=target.translation_key, target_locale=target.locale)


def source_of(instance):
    return TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)


@pytest.fixture
def world(locales, home_pages, django_capture_on_commit_callbacks):
    return World(locales, home_pages, django_capture_on_commit_callbacks)


# --- Judging a response --------------------------------------------------------------------------


def refused(response):
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def judge(response, done):
    """ALLOW when the request succeeded and `done()`; DENY when refused and not `done()`."""
    if refused(response):
        assert not done(), "refused, yet the change was made"
        return D
    assert response.status_code in (200, 201, 302), f"neither allowed nor refused: {response.status_code}"
    assert done(), f"answered {response.status_code} {response.get('Location', '')} but did nothing"
    return A


def renders(response, template):
    return lambda: response.status_code == 200 and template in [t.name for t in response.templates]


NEXT = "/admin/pages/"  # any safe admin address: where a successful action sends the user back


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def snippet_url(instance, action="edit"):
    return reverse(type(instance).snippet_viewset.get_url_name(action), args=[instance.pk])


# --- The routes ----------------------------------------------------------------------------------


def page_edit_get(client, world, language):
    response = client.get(edit_url(world.ordinary_page(language)))
    return judge(response, renders(response, "wagtailadmin/pages/edit.html"))


def page_edit_publish(client, world, language):
    page = world.ordinary_page(language)
    data = page_form(
        {"title": "Edited title", "slug": page.slug, "date": "2024-05-08"},
        body=[rich_paragraph("<p>Edited.</p>")],
    )
    response = client.post(edit_url(page), data)
    page.refresh_from_db()
    return judge(response, lambda: page.title == "Edited title" and page.live)


def page_delete(client, world, language):
    page = world.untranslated_page(language)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    return judge(response, lambda: not Page.objects.filter(pk=page.pk).exists())


def translation_editor_get(client, world, language):
    _translation, page = world.page_translations[language]
    response = client.get(edit_url(page))
    return judge(response, renders(response, "wagtail_localize/admin/edit_translation.html"))


def translation_string_put(client, world, language):
    translation, _page = world.page_translations[language]
    segment = StringSegment.objects.filter(source=translation.source).order_by("order").first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": "Typed in"}), content_type="application/x-www-form-urlencoded"
    )
    saved = StringTranslation.objects.filter(
        translation_of_id=segment.string_id, locale=translation.target_locale, data="Typed in"
    )
    return judge(response, saved.exists)


def translation_publish(client, world, language):
    translation, page = world.page_translations[language]
    finish(translation)  # an unfinished one may not be published by anyone
    with world.capture(execute=True):
        response = client.post(edit_url(page), {"action": "publish"})
    page.refresh_from_db()
    return judge(response, lambda: page.live)


def finish(translation):
    """Translate every string still untranslated, as a translator would before publishing."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("context")
    for segment in segments:
        StringTranslation.objects.get_or_create(
            translation_of_id=segment.string_id,
            context_id=segment.context_id,
            locale=translation.target_locale,
            defaults={"data": "translated-" + segment.context.path.replace(".", "-")},
        )


def po_download(client, world, language):
    translation, _page = world.page_translations[language]
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    return judge(
        response,
        lambda: response.status_code == 200 and b"X-WagtailLocalize-TranslationID" in response.content,
    )


def po_upload(client, world, language):
    translation, _page = world.page_translations[language]
    po = translation.export_po()
    entry = next(entry for entry in po if not entry.msgstr)
    entry.msgstr = "From the PO file"
    upload = SimpleUploadedFile("translation.po", str(po).encode(), content_type="text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = client.post(url, {"file": upload, "next": NEXT})
    saved = StringTranslation.objects.filter(locale=translation.target_locale, data="From the PO file")
    return judge(response, lambda: response["Location"] == NEXT and saved.exists())


def machine_translate(client, world, language):
    translation, _page = world.page_translations[language]
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    response = client.post(url, {"next": NEXT})
    machine = StringTranslation.objects.filter(
        locale=translation.target_locale, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    return judge(response, machine.exists)


OTHER_LANGUAGE = {"zh-hans": "en", "en": "kk", "kk": "en"}


def submit_page_translation(client, world, language):
    page = world.untranslated_page(language)
    target = world.locales[OTHER_LANGUAGE[language]]
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [target.pk]})
    return judge(response, lambda: page.has_translation(target))


def submit_snippet_translation(client, world, language):
    topic = world.untranslated_topic(language)
    target = world.locales[OTHER_LANGUAGE[language]]
    url = reverse("wagtail_localize:submit_snippet_translation", args=["news", "topic", topic.pk])
    response = client.post(url, {"locales": [target.pk], "next": NEXT})
    return judge(response, lambda: topic.has_translation(target))


def sync_translations(client, world, language):
    source = world.sources[language]
    before = source.last_updated_at
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    response = client.post(url, {"next": NEXT})
    source.refresh_from_db()
    return judge(response, lambda: source.last_updated_at > before)


def snippet_edit_get(client, world, language):
    topic = world.topics[language]
    response = client.get(snippet_url(topic))
    template = (
        "wagtailsnippets/snippets/edit.html"
        if language == "zh-hans"
        else "wagtail_localize/admin/edit_translation.html"
    )
    return judge(response, renders(response, template))


def snippet_save(client, world, language):
    topic = world.topics[language]
    if language == "zh-hans":
        data = {"name": "Renamed", "slug": topic.slug, "description": ""}
    else:
        # The translator's work, then the editor's "Publish" (snippets without drafts go live).
        translate_string(world.topics["zh-hans"], topic.locale, "name", "Renamed")
        data = {"action": "publish"}
    response = client.post(snippet_url(topic), data)
    return judge(response, lambda: Topic.objects.get(pk=topic.pk).name == "Renamed")


def snippet_po_download(client, world, language):
    translation = world.topic_translations[language]
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    return judge(
        response,
        lambda: response.status_code == 200 and b"X-WagtailLocalize-TranslationID" in response.content,
    )


ROUTES = {route.__name__: route for route in [
    page_edit_get, page_edit_publish, page_delete, translation_editor_get, translation_string_put,
    translation_publish, po_download, po_upload, machine_translate, submit_page_translation,
    submit_snippet_translation, sync_translations, snippet_edit_get, snippet_save, snippet_po_download,
]}  # fmt: skip


def test_every_route_has_a_row_of_expectations():
    assert set(ROUTES) == set(EXPECTED)
    assert all(len(row) == 9 for row in EXPECTED.values())


@pytest.mark.parametrize("route", list(EXPECTED))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_permission_matrix(client, users, world, settings, role, language, route):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY_TRANSLATOR
    client.force_login(users[role])
    assert ROUTES[route](client, world, language) == expected(route, role, language)


# --- The roles themselves ------------------------------------------------------------------------


def group_state(group):
    return (
        sorted(group.permissions.values_list("content_type__app_label", "codename")),
        sorted(group.page_permissions.values_list("page__title", "permission__codename")),
        sorted(group.collection_permissions.values_list("collection__name", "permission__codename")),
    )


def test_a_fresh_database_has_the_three_roles_granted_on_their_languages_home_pages(home_pages):
    groups = {group.name: group for group in Group.objects.all()}
    assert {EDITORS, "English translators", "Kazakh translators"} <= set(groups)

    _perms, pages, _collections = group_state(groups[EDITORS])
    # Wagtail's own default "Editors" had rights on the tree's root, every language: gone.
    assert pages == [("首页", "add_page"), ("首页", "change_page"), ("首页", "publish_page")]
    assert ("wagtail_localize", "submit_translation") in group_state(groups[EDITORS])[0]

    for name, home in (("English translators", home_pages["en"]), ("Kazakh translators", home_pages["kk"])):
        perms, pages, collections = group_state(groups[name])
        assert pages == [(home.title, "change_page"), (home.title, "publish_page")]
        assert ("wagtail_localize", "submit_translation") not in perms
        assert ("news", "change_topic") in perms
        assert ("news", "add_topic") not in perms and ("news", "delete_topic") not in perms
        assert ("Root", "choose_image") in collections


def test_each_role_works_in_its_own_language_only(users, locales):
    assert working_locale_ids(users["editor"]) == {locales["zh-hans"].pk}
    assert working_locale_ids(users["en_translator"]) == {locales["en"].pk}
    assert working_locale_ids(users["kk_translator"]) == {locales["kk"].pk}


def test_setup_roles_is_idempotent(home_pages):
    before = {group.name: group_state(group) for group in Group.objects.all()}
    setup_roles()
    call_command("setup_roles", stdout=io.StringIO())
    after = {group.name: group_state(group) for group in Group.objects.all()}
    assert after == before


def test_reset_takes_away_what_a_role_does_not_define(home_pages):
    translators = Group.objects.get(name="Kazakh translators")
    add_page = GroupPagePermission.objects.filter(page=home_pages["zh-hans"]).first().permission
    GroupPagePermission.objects.create(group=translators, page=home_pages["zh-hans"], permission=add_page)
    setup_roles()
    assert translators.page_permissions.filter(page=home_pages["zh-hans"]).exists()  # adding only
    setup_roles(reset=True)
    assert not translators.page_permissions.filter(page=home_pages["zh-hans"]).exists()


def test_the_data_migration_works_on_its_historical_models(home_pages):
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    Group.objects.filter(name__in=[role.name for role in defined_roles()]).delete()
    state = MigrationExecutor(connection).loader.project_state(("locales", "0001_roles"), at_end=False)
    migration = import_module("locales.migrations.0001_roles")
    # RunPython reads only the schema editor's connection.
    migration.create_roles(state.apps, SimpleNamespace(connection=connection))
    kazakh = Group.objects.get(name="Kazakh translators")
    assert kazakh.page_permissions.filter(page=home_pages["kk"]).count() == 2


def test_a_new_language_gets_its_translator_role_at_the_next_migrate(
    settings, home_pages, django_capture_on_commit_callbacks
):
    from home.bootstrap import ensure_home_pages

    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [*settings.LANGUAGES, ("ru", "Russian")]
    with django_capture_on_commit_callbacks(execute=True):
        ensure_home_pages()  # what post_migrate runs: first the home page, then the roles
    setup_roles()
    russian = Group.objects.get(name="Russian translators")
    russian_home = Page.objects.get(depth=2, locale__language_code="ru")
    assert sorted(russian.page_permissions.values_list("page_id", "permission__codename")) == [
        (russian_home.pk, "change_page"),
        (russian_home.pk, "publish_page"),
    ]


def test_translators_get_their_language_for_the_admin_unless_they_chose_one(users, home_pages):
    from wagtail.users.models import UserProfile

    assert UserProfile.get_for_user(users["kk_translator"]).preferred_language == "kk"
    assert UserProfile.get_for_user(users["en_translator"]).preferred_language == "en"
    assert UserProfile.get_for_user(users["editor"]).preferred_language == ""  # the default, Chinese

    chosen = get_user_model().objects.create_user(username="aigerim", password="x")
    UserProfile.objects.create(user=chosen, preferred_language="ru")
    call_command("setup_roles", "--assign", "aigerim", "Kazakh translators", stdout=io.StringIO())
    assert chosen.groups.filter(name="Kazakh translators").exists()
    assert UserProfile.get_for_user(chosen).preferred_language == "ru"


# --- Related guarantees ---------------------------------------------------------------------------


def test_an_editor_who_translates_a_page_into_one_language_is_sent_to_its_section_not_refused(
    client, users, world
):
    client.force_login(users["editor"])
    page = world.untranslated_page("zh-hans")
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [world.locales["kk"].pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[page.get_parent().pk])


def test_sync_may_not_publish_translations_on_behalf_of_an_editor(client, users, world):
    """ "Publish immediately" would publish the en and kk drafts, untranslated strings and all."""
    client.force_login(users["editor"])
    world.page_translations  # noqa: B018
    source = world.sources["zh-hans"]
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    # The sync form does not offer it to the editor, and a crafted request is refused.
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="publish_translations"' not in form.content.decode()
    assert refused(client.post(url, {"publish_translations": "on", "next": NEXT}))
    assert (
        not NewsArticlePage.objects.filter(translation_key=world.page_a.translation_key, live=True)
        .exclude(pk=world.page_a.pk)
        .exists()
    )


def test_an_editor_cannot_create_a_snippet_in_another_language(client, users, locales):
    client.force_login(users["editor"])
    url = reverse(Topic.snippet_viewset.get_url_name("add")) + "?locale=kk"
    response = client.post(url, {"name": "Жаңа", "slug": "new", "description": ""})
    assert refused(response)
    assert not Topic.objects.filter(slug="new").exists()
    response = client.post(url.replace("kk", "zh-hans"), {"name": "新", "slug": "new", "description": ""})
    assert Topic.objects.get(slug="new").locale == locales["zh-hans"]


def test_a_translator_cannot_delete_a_snippet_or_create_one(client, users, world):
    client.force_login(users["kk_translator"])
    topic = world.topics["kk"]
    assert refused(client.post(snippet_url(topic, "delete")))
    assert Topic.objects.filter(pk=topic.pk).exists()
    add = reverse(Topic.snippet_viewset.get_url_name("add")) + "?locale=kk"
    assert refused(client.post(add, {"name": "Жаңа", "slug": "new", "description": ""}))


def test_translate_object_keeps_a_new_translation_a_draft(world, locales, django_capture_on_commit_callbacks):
    page = world.untranslated_page("zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(page, [locales["kk"]])
    translated = page.get_translation(locales["kk"])
    assert not translated.live
    assert translated.has_unpublished_changes  # a draft waiting for its translator


def test_translate_with_strings_still_publishes_when_asked(world, locales):
    page = world.untranslated_page("zh-hans")
    assert translate_with_strings(page, locales["kk"], {}, publish=True).live
    assert not translate_with_strings(
        world.untranslated_page("en"), locales["zh-hans"], {}, publish=False
    ).live


# --- Nothing untranslated goes live, and sessions see only what readers see ---------------------

API = "/api/content/v1"


def api_article(client, page_id, locale="kk"):
    response = client.get(f"{API}/news/{page_id}", {"locale": locale})
    assert response.status_code == 200, response.content
    data = response.json()
    return data["locale"], data["title"]


def test_a_page_submitted_for_translation_stays_a_draft_until_its_translator_publishes_it(
    client, users, world, django_capture_on_commit_callbacks
):
    article = world.untranslated_page("zh-hans")
    translate_with_strings(article, world.locales["en"], {article.title: "Course opens"})
    kk = world.locales["kk"]

    client.force_login(users["editor"])
    url = reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"locales": [kk.pk]})
    assert response.status_code == 302
    draft = NewsArticlePage.objects.get(translation_key=article.translation_key, locale=kk)
    assert not draft.live

    # The translator, logged in, reads what every reader reads: the English version, marked.
    client.force_login(users["kk_translator"])
    served, title = api_article(client, article.pk)
    assert served == {"requested": "kk", "served": "en", "fallback": True}
    assert title == "Course opens"
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "locale": "kk"}).json()
    assert draft.pk not in [item["id"] for item in listed["items"]]

    # The translator translates the title in the editor and tries to publish: refused, because
    # the other strings would go live in Chinese. Nothing changes.
    translation = translation_of(draft)

    def put(path, value):
        segment = StringSegment.objects.get(source=translation.source, context__path=path)
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
        body = urlencode({"value": value})
        assert client.put(url, body, content_type="application/x-www-form-urlencoded").status_code == 201

    put("title", "Курс ашылды")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(draft), {"action": "publish"}, follow=True)
    segments = StringSegment.objects.filter(source=translation.source).select_related("context")
    left = len([segment for segment in segments if segment.context.path not in ("title", "slug")])
    assert f"аудармасында {left} жол әлі аударылмаған" in response.content.decode()  # Kazakh admin
    draft.refresh_from_db()
    assert not draft.live
    assert api_article(client, article.pk)[0]["served"] == "en"

    # Once every string is translated, publishing works.
    for segment in StringSegment.objects.filter(source=translation.source).select_related("context"):
        if segment.context.path != "title":
            put(segment.context.path, "kurs-ashyldy" if segment.context.path == "slug" else "Аударма")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(draft), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.live

    served, title = api_article(client, article.pk)
    assert served == {"requested": "kk", "served": "kk", "fallback": False}
    assert title == "Курс ашылды"


def test_a_translators_session_does_not_see_drafts_in_either_api(client, users, world):
    _translation, page = world.page_translations["kk"]  # a kk translation, never published
    live = world.untranslated_page("kk")
    live.title = "Жоба (draft)"
    live.save_revision()  # a newer draft of a live page

    client.force_login(users["kk_translator"])
    served, title = api_article(client, page.pk)
    assert served["served"] != "kk" and served["fallback"] is True
    assert api_article(client, live.pk)[1] == "Fresh kk"
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{live.pk}/").json()["title"] == "Fresh kk"


def test_a_translator_may_not_turn_a_translation_back_into_an_alias_of_the_chinese(
    client, users, world, admin_user
):
    # An alias shows the source page's content: converting a Kazakh translation into one would
    # put Chinese text live as Kazakh. Wagtail-localize asks only for edit rights on the page.
    _translation, page = world.page_translations["kk"]
    url = reverse("wagtail_localize:convert_to_alias", args=[page.pk])
    client.force_login(users["kk_translator"])
    assert refused(client.post(url, {"next": NEXT}))
    page.refresh_from_db()
    assert page.alias_of_id is None

    client.force_login(admin_user)  # someone who may publish the Chinese original
    client.post(url, {"next": NEXT})
    page.refresh_from_db()
    assert page.alias_of_id is not None


def test_bulk_publishing_in_the_explorer_refuses_unfinished_translations(client, users, world):
    translation, page = world.page_translations["kk"]
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    url += f"?id={page.pk}&next={NEXT}"
    client.force_login(users["kk_translator"])
    response = client.post(url, follow=True)
    assert "Ештеңе жарияланбады: бұл аудармаларда әлі аударылмаған жолдар бар" in response.content.decode()
    page.refresh_from_db()
    assert not page.live

    # Finished, it is published as translated now, not as its draft was last rendered.
    finish(translation)
    with world.capture(execute=True):
        client.post(url)
    page.refresh_from_db()
    assert page.live
    assert (page.title, page.summary) == ("Курс ашылды", "translated-summary")
