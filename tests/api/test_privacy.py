"""Nothing unpublished, private or in an unpublished language reaches an anonymous reader."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def visible_ids(client, locale="en"):
    """Every article id an anonymous reader can reach through lists, neighbours and links."""
    data = client.get(f"{API}/news?locale={locale}&limit=100").json()
    ids = {item["id"] for item in data["items"]}
    for item in data["items"]:
        detail = client.get(f"{API}/news/{item['id']}?locale={locale}").json()
        for neighbour in (detail["previous"], detail["next"]):
            if neighbour:
                ids.add(neighbour["id"])
        ids.update(alt["id"] for alt in detail["alternates"] if alt["id"])
        ids.update(crumb["id"] for crumb in detail["breadcrumbs"])
    return ids


def assert_hidden(client, page, locale="en"):
    assert page.pk not in visible_ids(client, locale)
    assert (
        client.get(f"{API}/news/{page.pk}?locale={page.locale.language_code}&fallback=false").status_code
        == 404
    )
    by_slug = client.get(f"{API}/news/by-slug/{page.locale.language_code}/{page.slug}?fallback=false")
    assert by_slug.status_code == 404


def test_a_draft_is_never_served(client, content):
    index = content.news_index["zh-hans"]
    draft = index.add_child(
        instance=NewsArticlePage(title="草稿", slug="caogao", body=[("paragraph", "<p>x</p>")], live=False)
    )
    assert_hidden(client, draft, "zh-hans")


def test_an_unpublished_translation_is_replaced_by_its_fallback(client, content):
    kk = content.articles["seed"]["kk"]
    kk.unpublish()
    assert_hidden(client, kk, "kk")
    data = client.get(f"{API}/news/{kk.pk}?locale=kk").json()
    assert data["locale"] == {"requested": "kk", "served": "en", "fallback": True}
    states = {alt["locale"]: alt["state"] for alt in data["alternates"]}
    assert states["kk"] == "fallback"


def test_a_private_page_is_never_served(client, content):
    private = content.articles["middle"]["en"]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert_hidden(client, private, "en")
    # The Kazakh reader, whose fallback it was, now gets the Chinese original.
    data = client.get(f"{API}/news/{private.pk}?locale=kk").json()
    assert data["locale"]["served"] == "zh-hans"


def test_pages_under_an_unpublished_section_are_never_served(client, content):
    content.news_index["kk"].unpublish()
    seed_kk = content.articles["seed"]["kk"]
    assert_hidden(client, seed_kk, "kk")


def test_a_link_to_a_hidden_page_loses_its_target_but_keeps_its_text(client, content):
    content.partnership["en"].unpublish()
    content.partnership["zh-hans"].unpublish()
    html = client.get(f"{API}/news/{content.articles['seed']['en'].pk}?locale=en").json()["body"][0]["value"][
        "html"
    ]
    assert "<a>Silk Road College</a>" in html
    assert "partnership" not in html


def test_a_page_in_a_disabled_locale_is_never_served(client, content, django_capture_on_commit_callbacks):
    from locales.translation import translate_with_strings

    french = Locale.objects.create(language_code="fr")
    with django_capture_on_commit_callbacks(execute=True):
        translate_with_strings(content.news_index["zh-hans"], french, {"新闻": "Actualités"})
        page = translate_with_strings(
            content.articles["seed"]["zh-hans"], french, {"shouke": "premier-cours"}
        )
    page.refresh_from_db()
    assert page.live
    assert page.pk not in visible_ids(client, "en")
    # Its id still names the article, whose published languages are served instead.
    served = client.get(f"{API}/news/{page.pk}?locale=en").json()
    assert (served["id"], served["locale"]["served"]) == (content.articles["seed"]["en"].pk, "en")
    assert client.get(f"{API}/news/by-slug/fr/premier-cours").status_code == 400  # not a published locale
    data = client.get(f"{API}/news/{content.articles['seed']['zh-hans'].pk}?locale=en").json()
    assert "fr" not in {alt["locale"] for alt in data["alternates"]}


def test_a_private_section_hides_its_pages_from_the_next_request_on(client, content, uncached):
    """Hidden branches are looked up once per request (locales.scope) and never kept beyond it."""
    seed_kk = content.articles["seed"]["kk"]
    url = f"{API}/news?locale=kk&fallback=false"
    assert seed_kk.pk in {item["id"] for item in client.get(url).json()["items"]}
    PageViewRestriction.objects.create(
        page=content.news_index["kk"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).json()["items"] == []
    assert_hidden(client, seed_kk, "kk")
