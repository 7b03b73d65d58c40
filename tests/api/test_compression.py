"""Answers go out gzipped to clients that accept it, compressed once when stored
(home.answers.compression): a read joins the stored compressed segments around the view counts
of that moment, and the result is exactly the uncompressed answer."""

import gzip
import json

import pytest

from home.answers import compression, invalidation
from home.models import StoredAnswer

pytestmark = pytest.mark.django_db
API = "/api/content/v1"
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def answers_only(settings, monkeypatch):
    settings.API_STORED_ANSWERS = True
    settings.API_RENDER_AHEAD = False
    monkeypatch.setattr(invalidation, "_pending", invalidation._Pending())


def unzipped(response):
    assert response["Content-Encoding"] == "gzip"
    assert int(response["Content-Length"]) == len(response.content)
    return gzip.decompress(response.content)


def test_a_stored_detail_goes_out_gzipped_with_the_view_count_of_the_moment(client, content):
    article = content.articles["seed"]["en"]
    url = f"{API}/news/{article.pk}?locale=en"
    client.get(url)  # rendered and stored
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    zipped = client.get(url, **GZIP)
    assert unzipped(zipped) == plain.content
    assert len(zipped.content) < len(plain.content) / 2
    assert zipped["ETag"] != plain["ETag"]
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert client.get(url, HTTP_IF_NONE_MATCH=zipped["ETag"], **GZIP).status_code == 304

    client.post(f"{API}/news/{article.pk}/views")
    counted = client.get(url, **GZIP)
    data = json.loads(unzipped(counted))
    assert data["view_count"] == json.loads(plain.content)["view_count"] + 1
    assert unzipped(counted) == client.get(url).content
    assert counted["ETag"] != zipped["ETag"]


def test_a_read_sends_the_segments_compressed_when_the_answer_was_stored(client, content):
    article = content.articles["seed"]["kk"]
    url = f"{API}/news/{article.pk}?locale=kk"
    client.get(url)
    answer = StoredAnswer.objects.get(path=url)
    stored_segments = compression.segments(bytes(answer.deflated))
    assert len(stored_segments) == len(answer.counted.split(",")) + 1  # split at each view count
    zipped = client.get(url, **GZIP).content
    for segment in stored_segments:
        assert segment in zipped  # sent as stored, not compressed again


def test_a_list_window_goes_out_gzipped_with_its_view_counts(client, content):
    url = f"{API}/news?locale=zh-hans&limit=2"
    first = client.get(url, **GZIP)  # assembled from summaries rendered on the way, and stored
    second = client.get(url, **GZIP)  # the stored window
    plain = client.get(url)
    assert unzipped(first) == unzipped(second) == plain.content
    items = json.loads(plain.content)["items"]
    assert len(items) == 2
    window = StoredAnswer.objects.get(path=url)
    assert len(compression.segments(bytes(window.deflated))) == len(items) + 1  # split at each count

    client.post(f"{API}/news/{items[1]['id']}/views")
    counted = json.loads(unzipped(client.get(url, **GZIP)))
    assert [item["view_count"] for item in counted["items"]] == [
        items[0]["view_count"],
        items[1]["view_count"] + 1,
    ]


def test_an_answer_never_stored_is_compressed_as_it_is_sent(client, content):
    url = f"{API}/news?locale=en&limit=3&offset=1"  # not a canonical window: rendered, not stored
    plain = client.get(url)
    assert unzipped(client.get(url, **GZIP)) == plain.content
    assert not StoredAnswer.objects.filter(path=url).exists()


def test_wagtail_api_v2_answers_go_out_gzipped_too(client, content):
    url = "/api/v2/pages/?type=news.NewsArticlePage&fields=body&limit=5"
    plain = client.get(url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    zipped = client.get(url, **GZIP)
    assert json.loads(unzipped(zipped)) == json.loads(plain.content)
    assert len(zipped.content) < len(plain.content) / 2
    assert "Accept-Encoding" in zipped["Vary"]


@pytest.mark.parametrize("header", ["identity", "gzip;q=0", "br", "", "gzip;q=x"])
def test_clients_that_do_not_accept_gzip_get_the_bytes_as_they_are(client, content, header):
    url = f"{API}/news?locale=en"
    response = client.get(url, HTTP_ACCEPT_ENCODING=header)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert json.loads(response.content)["items"]


def test_small_answers_and_head_requests(client, content):
    small = client.get(f"{API}/news?locale=en&search=nothing-like-this", **GZIP)
    assert small.status_code == 200 and len(small.content) < compression.MIN_SIZE
    assert "Content-Encoding" not in small
    article = content.articles["seed"]["en"]
    detail = f"{API}/news/{article.pk}?locale=en"
    zipped = client.get(detail, **GZIP)
    head = client.head(detail, **GZIP)
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(zipped.content))
    assert head["ETag"] == zipped["ETag"]


def test_a_body_joined_around_many_numbers_is_a_valid_gzip_member():
    placeholder = b'"view_count": 8000000000000%06d'
    items = [b'{"text": "%s", ' % (b"x" * (i * 37 % 500)) + placeholder % i + b"}" for i in range(40)]
    template = b"[" + b",".join(items) + b"]"
    numbers = [str(i * i).encode() for i in range(40)]
    body = compression.Body.of(template, lambda i: numbers[i], compression.deflate(template))
    expected = template
    for i in range(40):
        expected = expected.replace(b"8000000000000%06d" % i, numbers[i])
    assert body.content == expected
    assert gzip.decompress(body.gzipped()) == expected
    # What a read fills in is sent as stored blocks, longer ones in several.
    joined = compression.Body().add(b"z" * 70_000).extend(body)
    assert gzip.decompress(joined.gzipped()) == b"z" * 70_000 + expected
