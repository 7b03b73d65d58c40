"""A listing costs the same number of queries however many pages it holds.

Renditions exist before the measured requests (made in set-up, as the first request after an
upload would), and each URL is requested once before it is measured.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import CoursePage, PartnershipPage
from tests.api_v2.conftest import add_article, add_page, article_body

pytestmark = pytest.mark.django_db

# What a full listing costs today (19 on SQLite and PostgreSQL): a ceiling, so that a regression
# shows even when it costs the same for every page size.
MAX_LISTING_QUERIES = 19


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def assert_constant_queries(client, url, small, large):
    client.get(url.format(large))  # caches that fill once per process (content types, sites)
    few, few_data = count_queries(client, url.format(small))
    many, many_data = count_queries(client, url.format(large))
    assert (len(few_data["items"]), len(many_data["items"])) == (small, large)
    assert few == many, f"{few} queries for {small} pages, {many} for {large}"
    assert many <= MAX_LISTING_QUERIES
    return many


def test_news_listing_with_every_field_costs_the_same_for_5_and_50_articles(client, content, images):
    body = article_body(images["photo"], [images["first"], images["second"]])
    related = {
        "topics": [content["topic"]],
        "related_partnerships": [content["partnership"]],
        "related_courses": [content["course"]],
    }
    for number in range(24):
        date = datetime.date(2024, 1, 1) + datetime.timedelta(days=number)
        source = add_article(
            content["news_index"],
            f"新闻 {number}",
            date=date,
            cover=images["cover"],
            body=body,
            related=related,
        )
        add_article(
            content["news_index_kk"],
            f"Жаңалық {number}",
            original=source,
            date=date,
            cover=images["second"],
            body=body,
            related=related,
        )

    url = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit={}"
    assert_constant_queries(client, url, 5, 50)

    # The listing really carries what the queries fetched.
    _queries, data = count_queries(client, url.format(50))
    kazakh = [item for item in data["items"] if item["meta"]["locale"] == "kk"]
    assert len(kazakh) == 25
    assert {item["topics"][0]["name"] for item in kazakh} == {"Халықаралық ынтымақтастық"}
    assert all(item["cover_image"]["renditions"] for item in data["items"])
    assert all(item["body"][2]["value"]["images"][1]["image"]["decorative"] for item in data["items"])


def test_course_and_partnership_listings_cost_the_same_for_1_and_6_pages(client, content):
    partnership, course = content["partnership"], content["course"]
    for number in range(4):
        page = PartnershipPage(
            title=f"合作 {number}",
            slug=f"partnership-{number}",
            kind="memorandum",
            cooperation_areas=["visits"],
            principles=partnership.principles.raw_data[:],
            body=partnership.body.raw_data[:],
        )
        page.institutions.set([content["institution"]])
        add_page(content["partnership_index"], page)
        course_page = CoursePage(
            title=f"课程 {number}",
            slug=f"course-{number}",
            delivery_mode="blended",
            instruction_languages=["zh"],
            phases=course.phases.raw_data[:],
        )
        course_page.teachers.set([content["teacher"]])
        add_page(partnership, course_page)

    assert_constant_queries(
        client, "/api/v2/pages/?type=partnerships.PartnershipPage&fields=*&limit={}", 1, 6
    )
    assert_constant_queries(client, "/api/v2/pages/?type=partnerships.CoursePage&fields=*&limit={}", 1, 6)
