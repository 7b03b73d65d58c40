"""The home page and the section indexes preview through the admin like every other page type."""

import pytest
from django.urls import reverse

from home.models import SiteSettings

pytestmark = pytest.mark.django_db
API = "/api/content/v1"

# Which page to preview, the preview type, a child a reader sees listed on it, and the list
# endpoint its items must match.
CASES = {
    "home": (lambda c: c.homes["zh-hans"], "home", "合作项目", "navigation"),
    "news_index": (
        lambda c: c.news_index["kk"],
        "news_index",
        "Жібек жолы онлайн курсының алғашқы сабағы басталды",
        "news",
    ),
    "partnerships_index": (
        lambda c: c.partnership["zh-hans"].get_parent().specific,
        "partnerships_index",
        "中哈丝路学院",
        "partnerships",
    ),
}


def preview_in_admin(client, page, **changes):
    """What the editor's Preview button does: post the unsaved form, then open the preview."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **changes,
    }
    assert client.post(url, data).json() == {"is_valid": True, "is_available": True}
    return client.get(url)


@pytest.mark.parametrize("case", CASES)
def test_admin_preview_shows_the_unsaved_page_and_its_list(client, content, admin_user, case):
    get_page, kind, child_title, resource = CASES[case]
    page = get_page(content)
    client.force_login(admin_user)

    response = preview_in_admin(client, page, title="草稿标题", introduction="尚未保存的介绍")
    assert response.status_code == 200
    html = response.content.decode()
    assert "草稿标题" in html and "尚未保存的介绍" in html and child_title in html

    client.logout()  # the token is all a front end needs
    preview = client.get(f"{API}/preview", {"token": response.context["token"]})
    assert preview.status_code == 200
    data = preview.json()
    assert data["type"] == kind
    document = data["document"]
    assert (document["id"], document["title"], document["introduction"]) == (
        page.pk,
        "草稿标题",
        "尚未保存的介绍",
    )
    code = page.locale.language_code
    assert document["locale"] == {"requested": code, "served": code, "fallback": False}
    assert document["list_url"] == f"{API}/{resource}?locale={code}"
    # The items are exactly what the list endpoint gives a reader of the page's language.
    listed = client.get(document["list_url"]).json()["items"]
    assert document["items"] == listed and document["count"] == len(listed)
    assert child_title in [item["title"] for item in document["items"]]
    assert [alt["locale"] for alt in document["alternates"]] == ["zh-hans", "en", "kk"]

    # Nothing was saved: readers still get the published page.
    assert type(page).objects.get(pk=page.pk).title == page.title
    public = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert public["title"] == page.title and public["introduction"] == page.introduction
    assert "草稿标题" not in client.get(f"{API}/navigation", {"locale": code}).content.decode()


def test_news_index_preview_lists_fallbacks_as_readers_get_them(client, content, admin_user):
    client.force_login(admin_user)
    response = preview_in_admin(client, content.news_index["kk"])
    document = client.get(f"{API}/preview", {"token": response.context["token"]}).json()["document"]
    served = [(item["title"], item["locale"]["served"]) for item in document["items"]]
    assert served == [
        ("Жібек жолы онлайн курсының алғашқы сабағы басталды", "kk"),
        ("Pre-departure Meeting for the Exchange Group to Kazakhstan", "en"),
        ("签署战略合作协议", "zh-hans"),
    ]
    assert [crumb["title"] for crumb in document["breadcrumbs"]] == [content.homes["kk"].title]


def test_home_preview_carries_the_footer(client, content, admin_user):
    SiteSettings.objects.create(
        organisation_name="浙江安防职业技术学院", copyright="版权所有", locale=content.locales["zh-hans"]
    )
    client.force_login(admin_user)
    response = preview_in_admin(client, content.homes["zh-hans"])
    assert "浙江安防职业技术学院" in response.content.decode()
    document = client.get(f"{API}/preview", {"token": response.context["token"]}).json()["document"]
    assert document["site_settings"] == client.get(f"{API}/site-settings", {"locale": "zh-hans"}).json()
    assert document["breadcrumbs"] == []
