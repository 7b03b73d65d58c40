"""The delivery read path (cms.middleware.StoredAnswerMiddleware): a repeated read is fast and
never stale, and every request is answered under the same rules, stored or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db
API = "/api/content/v1"


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


def test_a_repeated_request_is_answered_from_its_stored_answer(client, content):
    url = f"{API}/news/{content.articles['seed']['kk'].pk}?locale=kk"
    first, cold = queries_for(client, url)
    second, warm = queries_for(client, url)
    assert cold > 5
    assert warm <= 2  # the answer and its view counts
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_every_change_a_reader_can_see_reaches_them_at_once(
    client, content, django_capture_on_commit_callbacks
):
    seed = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    url = f"{API}/news/{seed.pk}?locale=en"
    before = client.get(url)
    seed.title = "A corrected title"
    with django_capture_on_commit_callbacks(execute=True):
        seed.save_revision().publish()
    after = client.get(url)
    assert after.json()["title"] == "A corrected title"
    assert after["ETag"] != before["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200

    listing = client.get(f"{API}/news?locale=en").json()
    assert listing["items"][0]["title"] == "A corrected title"


def test_snippet_and_image_changes_reach_readers(client, content):
    url = f"{API}/news/{content.articles['seed']['en'].pk}?locale=en"
    client.get(url)
    topic = content.topic.get_translation(content.locales["en"])
    topic.name = "Exchanges"
    topic.save()
    assert client.get(url).json()["topics"][0]["name"] == "Exchanges"
    image = content.images["one"]
    image.title = "renamed"
    image.save()
    assert client.get(url).json()["cover_image"]["title"] == "renamed"


def test_languages_from_the_header_are_answered_apart(client, content):
    url = f"{API}/news/{content.articles['seed']['zh-hans'].pk}"
    kazakh = client.get(url, HTTP_ACCEPT_LANGUAGE="kk-KZ").json()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").json()
    assert (kazakh["locale"]["served"], english["locale"]["served"]) == ("kk", "en")


def test_view_counts_are_not_a_content_change(client, content):
    url = f"{API}/news/{content.articles['seed']['en'].pk}?locale=en"
    client.get(url)
    client.post(f"{API}/news/{content.articles['seed']['en'].pk}/views")
    response, warm = queries_for(client, url)
    assert warm <= 2  # not rendered again
    assert response.json()["view_count"] == 1


def test_renditions_are_made_at_upload_not_in_a_readers_request(
    client, content, django_capture_on_commit_callbacks
):
    from wagtail.images import get_image_model

    from home.images import ALL_FILTER_SPECS
    from tests.api.conftest import make_image

    with django_capture_on_commit_callbacks(execute=True):
        image = make_image("fresh-upload", (10, 120, 60))
    rendition_model = get_image_model().get_rendition_model()
    assert set(rendition_model.objects.filter(image=image).values_list("filter_spec", flat=True)) == set(
        ALL_FILTER_SPECS
    )
    article = NewsArticlePage.objects.get(pk=content.articles["seed"]["en"].pk)
    article.cover_image = image
    article.save_revision().publish()
    before = rendition_model.objects.count()
    data = client.get(f"{API}/news/{article.pk}?locale=en").json()
    assert data["cover_image"]["id"] == image.pk
    assert rendition_model.objects.count() == before
