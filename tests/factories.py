"""Test data: snippets, pages and images built like editors build them, plus admin form posts.

Pages go into the tree with `parent.add_child()` (wagtail_factories' PageFactory does it) and take
the parent's locale. StreamField values are written as the raw JSON Wagtail stores, with fixed
block ids, so that tests can find a block's translation segments by their context path.
"""

import uuid

import factory
import wagtail_factories
from django.urls import reverse
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from news.models import NewsArticlePage, NewsIndexPage, Topic
from partnerships.models import CoursePage, PartnerInstitution, PartnershipIndexPage, PartnershipPage, Person

# --- Snippets and images -----------------------------------------------------------------------


class LocaleFactory(DjangoModelFactory):
    language_code = "zh-hans"

    class Meta:
        model = Locale
        django_get_or_create = ["language_code"]


def source_locale():
    return LocaleFactory(language_code="zh-hans")


class ImageFactory(wagtail_factories.ImageFactory):
    """A real JPEG made by Pillow, in the root collection (never a second root)."""

    title = factory.Sequence(lambda n: f"照片 {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=640, height=480, color="teal", format="JPEG")


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"国际交流与合作 {n}")
    slug = factory.Sequence(lambda n: f"international-exchange-{n}")
    locale = factory.LazyFunction(source_locale)

    class Meta:
        model = Topic


class PartnerInstitutionFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"阿斯塔纳IT大学 {n}")
    short_name = "AITU"
    country = "哈萨克斯坦"
    country_code = "KZ"
    city = "阿斯塔纳"
    locale = factory.LazyFunction(source_locale)

    class Meta:
        model = PartnerInstitution


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"王老师 {n}")
    title = "讲师"
    department = "公共教学部"
    locale = factory.LazyFunction(source_locale)

    class Meta:
        model = Person


# --- StreamField values (raw JSON, as stored) ------------------------------------------------


def block_id():
    return str(uuid.uuid4())


def paragraph(html):
    return {"type": "paragraph", "value": html, "id": block_id()}


def captioned_image_value(image, *, alt_text="", decorative=False, caption="", credit=""):
    return {
        "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
        "caption": caption,
        "credit": credit,
    }


def captioned_image(image, **kwargs):
    return {"type": "image", "value": captioned_image_value(image, **kwargs), "id": block_id()}


def list_item(value):
    return {"type": "item", "value": value, "id": block_id()}


def gallery(images, *, caption=""):
    """`images` are (image, alt_text, caption) triples."""
    items = [list_item(captioned_image_value(image, alt_text=alt, caption=cap)) for image, alt, cap in images]
    return {"type": "gallery", "value": {"images": items, "caption": caption}, "id": block_id()}


def principle(text):
    return {"type": "principle", "value": text, "id": block_id()}


def class_session(
    date, theme, *, start="14:00:00", end="15:30:00", audience="", teacher=None, participants=None
):
    return list_item(
        {
            "date": date,
            "start_time": start,
            "end_time": end,
            "theme": theme,
            "teacher": teacher.pk if teacher else None,
            "audience": audience,
            "participants": participants,
            "participants_approximate": False,
        }
    )


def phase(title, sessions, *, status="completed", starts_on=None, ends_on=None, period="", description=""):
    return {
        "type": "phase",
        "value": {
            "title": title,
            "status": status,
            "period": period,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "description": description,
            "sessions": sessions,
        },
        "id": block_id(),
    }


# --- Pages -------------------------------------------------------------------------------------


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "新闻"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"中哈丝路在线课程开班 {n}")
    slug = factory.Sequence(lambda n: f"silk-road-course-opens-{n}")
    summary = "中哈丝路在线课程第一期顺利开班。"
    body = factory.LazyFunction(lambda: [paragraph("<p>我校与阿斯塔纳IT大学合作的在线课程开班。</p>")])

    class Meta:
        model = NewsArticlePage


class PartnershipIndexPageFactory(wagtail_factories.PageFactory):
    title = "合作项目"
    slug = "partnerships"

    class Meta:
        model = PartnershipIndexPage


class PartnershipPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"与阿斯塔纳IT大学的战略合作 {n}")
    slug = factory.Sequence(lambda n: f"aitu-partnership-{n}")
    summary = "双方在网络安全和应急管理领域开展合作。"
    kind = "strategic-agreement"
    status = "active"
    cooperation_areas = factory.LazyFunction(lambda: ["technical-exchange", "joint-courses"])

    class Meta:
        model = PartnershipPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"中哈丝路在线课程 {n}")
    slug = factory.Sequence(lambda n: f"silk-road-online-course-{n}")
    summary = "面向哈萨克斯坦学生的中国文化在线课程。"
    delivery_mode = "online"
    subject_areas = factory.LazyFunction(lambda: ["chinese-culture"])
    audiences = factory.LazyFunction(lambda: ["partner-students"])
    instruction_languages = factory.LazyFunction(lambda: ["zh", "ru"])

    class Meta:
        model = CoursePage


def publish(page):
    """Publish the page's current state as a new revision, as the admin's Publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def news_index(home):
    return publish(NewsIndexPageFactory(parent=home))


def partnership_index(home):
    return publish(PartnershipIndexPageFactory(parent=home))


# --- Admin form posts --------------------------------------------------------------------------


def list_block(items):
    """ListBlock form data: like `streamfield()` but for a ListBlock's children."""
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def image_block_form(image, *, alt_text="", decorative=False, caption="", credit=""):
    """Form data of a CaptionedImageBlock: Wagtail's ImageBlock (image, alt text, decorative) + words."""
    return {
        "image": {"image": str(image.pk), "alt_text": alt_text, "decorative": "on" if decorative else ""},
        "caption": caption,
        "credit": credit,
    }


def session_form(date, theme, *, start="14:00", end="15:30", audience="", participants=""):
    return {
        "date": date,
        "start_time": start,
        "end_time": end,
        "theme": theme,
        "teacher": "",
        "audience": audience,
        "participants": str(participants),
        "participants_approximate": "",
    }


def phase_form(title, sessions, *, status="completed", starts_on="", ends_on="", period=""):
    return {
        "title": title,
        "status": status,
        "period": period,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "description": "",
        "sessions": list_block(sessions),
    }


def page_form(fields, *, body=None, multi=None, **streams):
    """A page form post: plain fields, StreamFields as (block type, form value) lists, and
    multiple-choice fields (checkboxes) as lists of values, submitted with "Publish"."""
    data = dict(fields)
    for name, blocks in {"body": body, **streams}.items():
        if blocks is not None:
            data[name] = streamfield(blocks)
    data = nested_form_data(data)
    for name, values in (multi or {}).items():
        data[name] = [str(value) for value in values]
    data["action-publish"] = "action-publish"
    return data


def rich_paragraph(html):
    return ("paragraph", rich_text(html))


def form_errors(response):
    """Readable errors of a re-rendered admin form, for assertion messages."""
    context = response.context
    if context is None:
        return f"status {response.status_code}, no form"
    errors = {}
    form = context.get("form")
    if form is not None:
        for name, errs in form.errors.items():
            errors[name] = [
                e.as_json_data() if hasattr(e, "as_json_data") else e.messages for e in errs.as_data()
            ]
        for name, formset in getattr(form, "formsets", {}).items():
            if formset.errors or formset.non_form_errors():
                errors[name] = [formset.errors, formset.non_form_errors()]
    return errors or f"status {response.status_code}"


# --- wagtail-localize --------------------------------------------------------------------------


def translate(instance, locales, capture, *, publish=True):
    """'Translate this page' into `locales`, then (unless `publish` is False) each translator
    publishes their draft: new translations are drafts until then. `capture` is
    django_capture_on_commit_callbacks, because wagtail-localize saves in on_commit callbacks."""
    with capture(execute=True):
        translate_object(instance, locales)
    if not publish or not isinstance(instance, Page):
        return
    for locale in locales:
        translation = instance.specific.get_translation(locale)
        if not translation.live:
            translation.get_latest_revision().publish()


def override_image(instance, locale, path, image):
    """A translator's own image for `locale` at the overridable segment `path`."""
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    source = TranslationSource.objects.get(object_id=instance.translation_key)
    segment = OverridableSegment.objects.get(source=source, context__path=path)
    SegmentOverride.objects.create(locale=locale, context=segment.context, data_json=str(image.pk))


def swap_a_decorative_photo(news, locale, photo, own_photo, capture):
    """A source article with a decorative photo, translated into `locale`, whose translator
    picks `own_photo` instead; the source is then synced. The translation's stored image value."""
    from news.models import NewsArticlePage

    figure = captioned_image(photo, decorative=True, caption="校园一角")
    article = publish(NewsArticlePageFactory(parent=news, body=[figure]))
    translate(article, [locale], capture)
    override_image(article, locale, f"body.{figure['id']}.image.image", own_photo)
    sync_translations(article, capture)
    return NewsArticlePage.objects.get(locale=locale).body.raw_data[0]["value"]["image"]


def sync_translations(instance, capture):
    """'Sync translated pages': re-read the published source, then re-save every translation."""
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
    with capture(execute=True):
        source.update_from_db()
        for translation in Translation.objects.filter(source=source):
            translation.save_target(publish=True)
    return source


def string_segments(instance):
    """{context path: source string} of the instance's translation source."""
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    return {segment.context.path: segment.string.data for segment in segments}


def overridable_paths(instance):
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
    return set(OverridableSegment.objects.filter(source=source).values_list("context__path", flat=True))


def translate_string(instance, locale, path, text):
    """What a translator does in the editor: give one segment a translation in `locale`."""
    source = TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)
    segment = StringSegment.objects.select_related("string", "context").get(source=source, context__path=path)
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=locale,
        context=segment.context,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


def page_add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))


def snippet_add_url(model):
    return reverse(model.snippet_viewset.get_url_name("add"))


def assert_refused(response):
    """Wagtail answers a forbidden "add page" with a redirect to the dashboard, not to the new page."""
    assert response.status_code == 302, form_errors(response)
    assert response["Location"] == reverse("wagtailadmin_home")
