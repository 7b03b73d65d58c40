"""The admin makes no request to another host: the office is in mainland China, where outside
services such as Gravatar are blocked and a screen waiting for them hangs."""

import re

import pytest
from django.urls import reverse

from tests.factories import ImageFactory, NewsArticlePageFactory, news_index, publish

pytestmark = pytest.mark.django_db

# What a browser fetches on its own: src of any element, and the href of <link> (stylesheets,
# icons, preloads). A link a person may click (<a href>) is not a request.
FETCHED = re.compile(r"<(?:[a-z]+)\b[^>]*?\ssrc(?:set)?=\"([^\"]+)\"|<link\b[^>]*?\shref=\"([^\"]+)\"", re.I)


def outside_urls(html):
    urls = []
    for src, href in FETCHED.findall(html):
        for url in (src or href).split(","):
            url = url.strip().split(" ")[0]
            if re.match(r"^(https?:)?//", url) and not re.match(r"^(https?:)?//testserver(/|:|$)", url):
                urls.append(url)
    return urls


def test_no_admin_screen_loads_anything_from_another_host(client, django_user_model, home_pages):
    user = django_user_model.objects.create_superuser("zhang", "zhang.wei@example.edu.cn", "x")
    client.force_login(user)
    article = publish(NewsArticlePageFactory(parent=news_index(home_pages["zh-hans"])))
    image = ImageFactory()
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[article.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailadmin_account"),
        reverse("wagtailusers_users:index"),
    ]
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "gravatar" not in html.lower(), url
        assert outside_urls(html) == [], url


def test_a_broken_image_upload_is_a_form_error(client, django_user_model, home_pages):
    """A JPEG cut short in transfer: the editor is told, nothing is saved, never a 500."""
    import io

    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (200, 30, 30)).save(buffer, "JPEG")
    truncated = buffer.getvalue()[:2000]
    client.force_login(django_user_model.objects.create_superuser("li", "li@example.edu.cn", "x"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.raise_request_exception = False
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "座谈会", "file": SimpleUploadedFile("photo.jpg", truncated, content_type="image/jpeg")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.filter(title="座谈会").exists()

    whole = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "座谈会",
            "file": SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg"),
        },
    )
    assert whole.status_code == 302
    assert Image.objects.get(title="座谈会").width == 1200
