"""API v2 lists an image or document only when published content that readers get shows it.

Anything else (chosen only in a draft, on a page that is not live or not public, or nowhere) is
left out of the listing and answers 404 by id and by `find`, as an unpublished page does: its
download URL is the original upload.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from news.models import NewsArticlePage
from partnerships.models import CoursePage, Person
from tests.api_v2.conftest import add_article, add_page, captioned, make_image
from tests.api_v2.test_queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def listed_ids(client, endpoint="images", **params):
    response = client.get(f"/api/v2/{endpoint}/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def assert_listed(client, obj, endpoint="images"):
    assert obj.pk in listed_ids(client, endpoint)
    assert obj.pk in listed_ids(client, endpoint, search=obj.title)
    detail = client.get(f"/api/v2/{endpoint}/{obj.pk}/")
    assert detail.status_code == 200, detail.content
    assert detail.json()["meta"]["download_url"].endswith(obj.file.name.rsplit("/", 1)[-1])
    assert client.get(f"/api/v2/{endpoint}/find/", {"id": obj.pk}).status_code == 302


def assert_hidden(client, obj, endpoint="images"):
    assert obj.pk not in listed_ids(client, endpoint)
    assert obj.pk not in listed_ids(client, endpoint, search=obj.title)
    for response in (
        client.get(f"/api/v2/{endpoint}/{obj.pk}/"),
        client.get(f"/api/v2/{endpoint}/find/", {"id": obj.pk}),
    ):
        assert response.status_code == 404
        assert obj.file.name.rsplit("/", 1)[-1] not in response.content.decode()


def gallery(*images):
    return {"type": "gallery", "value": {"images": [captioned(image) for image in images], "caption": ""}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def live_article(content):
    """The published article as a fresh object, for an editor to change."""
    return NewsArticlePage.objects.get(pk=content["article"].pk)


# -- Images --------------------------------------------------------------------------------------


def test_exactly_the_images_of_published_content_are_listed(client, content, images):
    make_image("uploaded, never chosen")
    # The article's cover, body image and gallery; the partner's logo, shown on the partnership.
    expected = {image.pk for image in images.values()} | {content["institution"].logo_id}
    assert listed_ids(client) == expected
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == len(expected)


def test_an_uploaded_image_that_no_content_uses_is_not_listed(client, content):
    assert_hidden(client, make_image("未使用的照片"))


def test_an_image_chosen_only_in_a_draft_of_a_live_page_is_not_listed(client, content, images):
    draft_cover, draft_photo = make_image("草稿封面"), make_image("草稿图集")
    article = live_article(content)
    article.cover_image = draft_cover
    article.body = [gallery(draft_photo)]
    article.save_revision()

    assert_hidden(client, draft_cover)
    assert_hidden(client, draft_photo)
    # The live version still shows its own.
    assert_listed(client, images["cover"])
    assert_listed(client, images["first"])


def test_publishing_the_draft_lists_its_images(client, content):
    draft_cover, draft_photo = make_image("新封面"), make_image("新图集")
    article = live_article(content)
    article.cover_image = draft_cover
    article.body = [gallery(draft_photo)]
    revision = article.save_revision()
    assert_hidden(client, draft_cover)

    revision.publish()
    assert_listed(client, draft_cover)
    assert_listed(client, draft_photo)


def test_an_image_used_by_a_page_that_is_not_live_is_not_listed(client, content):
    cover, photo = make_image("未发布的封面"), make_image("未发布的图集")
    draft = add_article(content["news_index"], "尚未发布", live=False, cover=cover, body=[gallery(photo)])
    draft.save_revision()
    assert_hidden(client, cover)
    assert_hidden(client, photo)


def test_unpublishing_a_page_hides_its_images(client, content):
    cover = make_image("撤下的封面")
    article = add_article(content["news_index"], "即将撤下", cover=cover)
    assert_listed(client, cover)

    article.unpublish()
    assert_hidden(client, cover)


@pytest.mark.parametrize("how", ["restricted page", "restricted section", "unpublished section"])
def test_images_of_pages_readers_may_not_see_are_not_listed(client, content, how):
    cover = make_image("不公开的封面")
    article = add_article(content["news_index"], "不公开", cover=cover)
    if how == "restricted page":
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    elif how == "restricted section":
        PageViewRestriction.objects.create(
            page=content["news_index"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    else:
        content["news_index"].unpublish()
    assert_hidden(client, cover)


def test_an_image_in_a_live_pages_body_gallery_is_listed(client, content):
    first, second = make_image("图集第一张"), make_image("图集第二张")
    add_article(content["news_index"], "活动图集", body=[paragraph("<p>图集</p>"), gallery(first, second)])
    assert_listed(client, first)
    assert_listed(client, second)


def test_an_image_embedded_in_rich_text_of_a_live_page_is_listed(client, content):
    embedded = make_image("正文插图")
    html = f'<p>开班</p><embed alt="插图" embedtype="image" format="fullwidth" id="{embedded.pk}"/>'
    add_article(content["news_index"], "图文", body=[paragraph(html)])
    assert_listed(client, embedded)


def test_an_image_embedded_only_in_a_draft_of_rich_text_is_not_listed(client, content):
    embedded = make_image("草稿插图")
    article = live_article(content)
    article.body = [paragraph(f'<embed alt="" embedtype="image" format="left" id="{embedded.pk}"/>')]
    article.save_revision()
    assert_hidden(client, embedded)


def test_a_rich_text_embed_whose_id_is_not_a_number_names_no_image(client, content, images):
    # Imported HTML may hold anything; PostgreSQL would refuse to read "abc" as a number.
    add_article(content["news_index"], "导入的正文", body=[paragraph('<embed embedtype="image" id="abc"/>')])
    assert images["cover"].pk in listed_ids(client)


def test_a_partners_logo_is_listed_while_a_visible_page_shows_the_partner(client, content):
    logo = content["institution"].logo
    assert_listed(client, logo)

    # Both partnership pages (Chinese and Kazakh) show the partner.
    content["partnership"].unpublish()
    assert_listed(client, logo)
    content["partnership_kk"].unpublish()
    assert_hidden(client, logo)


def test_a_translations_own_logo_is_listed_only_while_a_page_in_its_language_shows_it(client, content):
    kazakh_logo = make_image("AITU logo (kk)")
    institution_kk = content["institution_kk"]
    institution_kk.logo = kazakh_logo
    institution_kk.save()
    # The Kazakh partnership page delivers the Kazakh version of the partner.
    assert_listed(client, kazakh_logo)

    content["partnership_kk"].unpublish()
    assert_hidden(client, kazakh_logo)
    # The Chinese page still shows the Chinese version's logo.
    assert_listed(client, content["institution"].logo)


def test_a_teachers_photo_is_listed_while_a_visible_course_shows_them(client, content):
    photo = make_image("王老师")
    teacher = content["teacher"]
    teacher.photo = photo
    teacher.save()
    assert_listed(client, photo)

    stranger = Person.objects.create(
        name="未上课的老师", photo=make_image("未上课的老师"), locale=teacher.locale
    )
    assert_hidden(client, stranger.photo)

    # The course (and its Kazakh translation) is the only page that shows the teacher.
    content["course"].unpublish()
    content["course_kk"].unpublish()
    assert_hidden(client, photo)


def test_the_photo_of_a_speaker_chosen_only_in_a_course_session_is_listed(client, content):
    speaker = Person.objects.create(
        name="客座讲师", photo=make_image("客座讲师"), locale=content["teacher"].locale
    )
    phases = content["course"].phases.raw_data[:]
    phases[0]["value"]["sessions"][0]["teacher"] = speaker.pk
    course = CoursePage(
        title="客座讲座",
        slug="guest-lecture",
        delivery_mode="online",
        instruction_languages=["zh"],
        phases=phases,
    )
    course = add_page(content["partnership"], course, live=False)
    course.save_revision()
    assert_hidden(client, speaker.photo)

    course.get_latest_revision().publish()
    assert_listed(client, speaker.photo)


def test_the_images_listing_costs_the_same_for_5_and_20_images(client, content):
    photos = [make_image(f"活动照片 {number}") for number in range(20)]
    for photo in photos:
        photo.tags.add("summer", "aitu")
    add_article(content["news_index"], "活动照片", body=[gallery(*photos)])

    assert_constant_queries(client, "/api/v2/images/?limit={}", 5, 20)
    items = client.get("/api/v2/images/", {"limit": 50}).json()["items"]
    assert {item["id"] for item in items} >= {photo.pk for photo in photos}
    tagged = [item for item in items if item["id"] in {photo.pk for photo in photos}]
    assert all(item["meta"]["tags"] == ["aitu", "summer"] for item in tagged)
    assert client.get(f"/api/v2/images/{photos[0].pk}/").json()["meta"]["tags"] == ["aitu", "summer"]


# -- Documents -----------------------------------------------------------------------------------
# Documents reach readers through the rich text of body paragraphs ("document-link" feature); no
# model or block chooses one otherwise.


def make_document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title.replace(' ', '-')}.pdf")
    )


def document_link(document, text="附件"):
    return paragraph(f'<p>下载<a linktype="document" id="{document.pk}">{text}</a></p>')


def test_a_document_linked_from_a_live_page_is_listed(client, content):
    charter = make_document("cooperation charter")
    make_document("unused form")
    add_article(content["news_index"], "合作章程", body=[document_link(charter)])
    assert listed_ids(client, "documents") == {charter.pk}
    assert_listed(client, charter, "documents")


def test_a_document_linked_only_from_a_draft_is_listed_once_published(client, content):
    draft_only = make_document("draft agreement")
    article = live_article(content)
    article.body = [document_link(draft_only)]
    revision = article.save_revision()
    assert_hidden(client, draft_only, "documents")

    revision.publish()
    assert_listed(client, draft_only, "documents")


def test_documents_of_a_page_that_is_not_live_or_of_no_page_are_not_listed(client, content):
    unpublished, unused = make_document("unpublished notice"), make_document("unused notice")
    add_article(content["news_index"], "未发布通知", live=False, body=[document_link(unpublished)])
    assert_hidden(client, unpublished, "documents")
    assert_hidden(client, unused, "documents")
    assert listed_ids(client, "documents") == set()
