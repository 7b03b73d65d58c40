"""Queries compiled once per shape (locales.prepared) answer exactly what Django's own evaluation of
the same querysets answers, follow every change of what their shape holds, and stay bounded."""

import pytest
from django.db.models import IntegerField

from locales.prepared import Prepared, Slot
from locales.resolution import LanguageChoice, group_versions, page_versions
from news.models import NewsArticlePage

API = "/api/content/v1"


def documents(client, content):
    seed, middle = content.articles["seed"], content.articles["middle"]
    urls = [f"{API}/news?locale={code}" for code in ("zh-hans", "en", "kk")]
    urls += [f"{API}/news?locale=kk&fallback=false", f"{API}/news?locale=en&limit=1&offset=1"]
    urls += [f"{API}/news/{seed['zh-hans'].pk}?locale={code}" for code in ("zh-hans", "en", "kk")]
    urls += [f"{API}/news/{middle['zh-hans'].pk}?locale=kk", f"{API}/news/by-slug/kk/{seed['kk'].slug}"]
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        answers[url] = response.json()
    return answers


def test_every_answer_is_the_same_when_each_query_is_compiled_at_every_call(
    client, content, uncached, settings
):
    prepared = documents(client, content)
    settings.PREPARED_QUERIES = False
    assert documents(client, content) == prepared
    # What the documents show came from the compiled queries: neighbours, topics, alternates.
    seed_kk = prepared[f"{API}/news/{content.articles['seed']['zh-hans'].pk}?locale=kk"]
    assert seed_kk["next"]["id"] == content.articles["middle"]["en"].pk
    assert seed_kk["topics"] == [
        {"name": "Халықаралық алмасу және ынтымақтастық", "slug": "international-exchange"}
    ]
    assert {alt["locale"]: alt["state"] for alt in seed_kk["alternates"]} == {
        "zh-hans": "translated",
        "en": "translated",
        "kk": "translated",
    }


def test_a_branch_hidden_after_a_compiled_read_is_hidden_from_the_next(client, content, uncached):
    seed = content.articles["seed"]
    url = f"{API}/news/{seed['zh-hans'].pk}?locale=kk"
    assert client.get(url).json()["locale"]["served"] == "kk"
    assert seed["kk"].pk in [item["id"] for item in client.get(f"{API}/news?locale=kk").json()["items"]]

    content.news_index["kk"].unpublish()

    # The Kazakh branch is hidden: its article is no longer served, neither listed nor a neighbour.
    document = client.get(url).json()
    assert document["locale"]["served"] == "en"
    assert document["id"] == seed["en"].pk
    listed = [item["id"] for item in client.get(f"{API}/news?locale=kk").json()["items"]]
    assert seed["kk"].pk not in listed and seed["en"].pk in listed
    middle = client.get(f"{API}/news/{content.articles['middle']['zh-hans'].pk}?locale=kk").json()
    assert middle["previous"]["id"] == seed["en"].pk


def test_a_compiled_query_returns_the_rows_django_returns(content):
    seed = content.articles["seed"]["zh-hans"]
    versions = group_versions(NewsArticlePage, page_id=seed.pk)
    expected = page_versions(NewsArticlePage.objects.filter(translation_key=seed.translation_key))
    assert [(v.pk, v.translation_key, v.locale.language_code, v.slug, v.url_path) for v in versions] == [
        (p.pk, p.translation_key, p.locale.language_code, p.slug, p.url_path)
        for p in sorted(expected, key=lambda p: p.pk)
    ]
    assert group_versions(NewsArticlePage, translation_key=seed.translation_key) == versions
    assert group_versions(NewsArticlePage, page_id=10**9) == []


def test_compiled_shapes_are_bounded_and_a_query_must_name_its_columns(content):
    def build(key):
        return NewsArticlePage.objects.filter(
            pk__gte=Slot("least", IntegerField()), depth__gte=-key
        ).values_list("pk", "title")

    prepared = Prepared(build, ("pk", "title"))
    prepared.MAX_SHAPES = 3
    seed = content.articles["seed"]["zh-hans"]
    for depth in range(10):
        rows = prepared(depth, {"least": seed.pk})
        assert {"pk": seed.pk, "title": seed.title} in rows
    assert prepared.shapes() == 3

    with pytest.raises(ValueError, match="values_list"):
        Prepared(build, ("pk",))(0, {"least": 1})


def test_a_shape_that_can_match_nothing_returns_no_rows(content):
    from locales.resolution import LanguageChoice, PageReferences

    home = content.homes["zh-hans"]  # no ancestors below the root, no links, no pages
    references = PageReferences(LanguageChoice("zh-hans"), ancestors_of=home)
    assert references.ancestors == [] and references.link_targets == {}

    def build(_key):
        return NewsArticlePage.objects.filter(pk__in=[]).values_list("pk", "title")

    assert Prepared(build, ("pk", "title"))("nothing") == []


def test_a_reader_choice_is_part_of_the_shape(content):
    """Two readers of one article get each their own version: the chain is in the key."""
    from news.api import neighbour_ids

    middle = content.articles["middle"]["zh-hans"]
    newer_for_kk, _ = neighbour_ids(middle, LanguageChoice("kk"))
    newer_for_zh, _ = neighbour_ids(middle, LanguageChoice("zh-hans"))
    assert newer_for_kk == content.articles["seed"]["kk"].pk
    assert newer_for_zh == content.articles["seed"]["zh-hans"].pk


def test_a_setting_the_compiled_sql_depends_on_is_part_of_its_shape(content, settings):
    """Translation progress counts machine output only under TRANSLATION_PUBLISH_MACHINE_OUTPUT:
    its compiled query must follow the setting, not the first call's value."""
    from wagtail_localize.models import StringTranslation

    from locales.resolution import page_translation_status

    seed = content.articles["seed"]["zh-hans"]
    kk = content.locales["kk"]
    one = StringTranslation.objects.filter(
        locale=kk, translation_of__segments__source__object_id=seed.translation_key
    )
    StringTranslation.objects.filter(pk=one.values("pk")[:1]).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = False
    assert page_translation_status(seed.translation_key).is_out_of_date("kk")
    settings.TRANSLATION_PUBLISH_MACHINE_OUTPUT = True
    assert not page_translation_status(seed.translation_key).is_out_of_date("kk")
