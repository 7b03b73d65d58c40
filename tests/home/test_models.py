"""The home pages and the per-language site settings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.models import HomePage, SiteSettings
from tests.factories import assert_refused, form_errors, snippet_add_url, string_segments, translate

pytestmark = pytest.mark.django_db


def settings_form(name="浙江安防职业技术学院", phone_lines=()):
    return nested_form_data(
        {
            "organisation_name": name,
            "address": "浙江省温州市瓯海区",
            "postcode": "325016",
            "email": "gjc@example.edu.cn",
            "copyright": "Copyright © 浙江安防职业技术学院",
            "icp_number": "浙ICP备15027927号",
            "icp_url": "https://beian.miit.gov.cn/",
            "public_security_number": "浙公网安备 33030402001181号",
            "public_security_url": "",
            "technical_support": "技术支持：捷点科技",
            "phone_lines": inline_formset(list(phone_lines)),
        }
    )


def create_site_settings(**kwargs):
    settings = SiteSettings(
        organisation_name="浙江安防职业技术学院", postcode="325016", email="gjc@example.edu.cn", **kwargs
    )
    settings.full_clean()
    settings.save()
    return settings


def test_a_home_page_cannot_be_added_from_the_admin(admin_client, home_pages):
    root = Page.get_first_root_node()
    assert not HomePage.can_create_at(root)

    url = reverse("wagtailadmin_pages:add", args=("home", "homepage", root.pk))
    assert_refused(admin_client.post(url, {"title": "第二个首页", "slug": "home-2", "action-publish": "1"}))
    assert HomePage.objects.count() == 3
    # Nor is it offered as a child of a home page.
    assert not HomePage.can_create_at(home_pages["zh-hans"])


def test_editor_creates_site_settings_with_phone_lines(admin_client, locales):
    data = settings_form(
        phone_lines=[
            {"label": "咨询电话", "number": "0577-85108077"},
            {"label": "传真", "number": "0577-85108078"},
        ]
    )

    response = admin_client.post(snippet_add_url(SiteSettings), data)

    assert response.status_code == 302, form_errors(response)
    settings = SiteSettings.objects.get()
    assert settings.locale == locales["zh-hans"]
    assert settings.icp_number == "浙ICP备15027927号"
    assert [(line.label, line.number) for line in settings.phone_lines.all()] == [
        ("咨询电话", "0577-85108077"),
        ("传真", "0577-85108078"),
    ]
    assert {line.locale for line in settings.phone_lines.all()} == {locales["zh-hans"]}
    assert SiteSettings.for_locale(locales["zh-hans"]) == settings


def test_a_second_site_settings_record_is_refused(admin_client, locales):
    create_site_settings()

    response = admin_client.post(snippet_add_url(SiteSettings), settings_form(name="另一个学院"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["__all__"]
    assert SiteSettings.objects.count() == 1

    with pytest.raises(ValidationError):
        SiteSettings(organisation_name="另一个学院", locale=locales["en"]).full_clean()


def test_site_settings_translate_with_their_phone_lines(locales, django_capture_on_commit_callbacks):
    settings = create_site_settings()
    line = settings.phone_lines.create(label="咨询电话", number="0577-85108077")

    translate(settings, [locales["en"], locales["kk"]], django_capture_on_commit_callbacks)

    for code in ("en", "kk"):
        translated = SiteSettings.for_locale(locales[code])
        assert translated is not None, f"no {code} site settings"
        assert translated.translation_key == settings.translation_key
        assert translated.email == "gjc@example.edu.cn"
        assert [(p.number, p.locale) for p in translated.phone_lines.all()] == [
            ("0577-85108077", locales[code])
        ]
        # A translation is not a second record: it passes the one-record rule.
        translated.full_clean()

    strings = string_segments(settings)
    assert strings["organisation_name"] == "浙江安防职业技术学院"
    assert strings[f"phone_lines.{line.translation_key}.label"] == "咨询电话"
    assert "0577-85108077" not in strings.values()
    assert "gjc@example.edu.cn" not in strings.values()
