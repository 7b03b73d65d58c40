"""Partnerships and courses: admin entry, validation, and what translators get."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import CoursePage, PartnerInstitution, PartnershipIndexPage, PartnershipPage, Person
from tests.factories import (
    CoursePageFactory,
    ImageFactory,
    PartnerInstitutionFactory,
    PartnershipPageFactory,
    PersonFactory,
    assert_refused,
    captioned_image,
    class_session,
    form_errors,
    image_block_form,
    page_add_url,
    page_form,
    partnership_index,
    phase,
    phase_form,
    principle,
    publish,
    rich_paragraph,
    session_form,
    snippet_add_url,
    string_segments,
    sync_translations,
    translate,
    translate_string,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_pages):
    return partnership_index(home_pages["zh-hans"])


@pytest.fixture
def partnership(index):
    return publish(PartnershipPageFactory(parent=index))


@pytest.fixture
def targets(locales):
    return [locales["en"], locales["kk"]]


def block_errors(response, field):
    """The JSON error tree of a StreamField in a re-rendered page form."""
    errors = response.context["form"].errors.get(field)
    assert errors, form_errors(response)
    return [error.as_json_data() for error in errors.as_data()]


# --- Creating content in the admin ------------------------------------------------------------


def test_editor_creates_the_partnership_index(admin_client, home_pages):
    home = home_pages["zh-hans"]
    response = admin_client.post(
        page_add_url(PartnershipIndexPage, home), page_form({"title": "合作项目", "slug": "partnerships"})
    )

    assert response.status_code == 302, form_errors(response)
    index = PartnershipIndexPage.objects.get()
    assert index.live
    assert index.get_parent().pk == home.pk


def test_editor_creates_a_partnership_with_areas_principles_and_a_captioned_photo(admin_client, index):
    institution = PartnerInstitutionFactory(name="阿斯塔纳IT大学")
    photo = ImageFactory()
    data = page_form(
        {
            "title": "与阿斯塔纳IT大学的战略合作",
            "slug": "aitu",
            "summary": "双方签署战略合作协议。",
            "kind": "strategic-agreement",
            "status": "active",
            "signed_on": "2023-11-20",
        },
        principles=[("principle", "优势互补"), ("principle", "资源共享"), ("principle", "互利共赢")],
        body=[
            rich_paragraph("<p>双方将在网络安全领域开展合作。</p>"),
            (
                "image",
                image_block_form(photo, alt_text="双方代表签署协议", caption="签约仪式", credit="宣传部"),
            ),
        ],
        multi={
            "institutions": [institution.pk],
            "cooperation_areas": ["technical-exchange", "joint-courses"],
        },
    )

    response = admin_client.post(page_add_url(PartnershipPage, index), data)

    assert response.status_code == 302, form_errors(response)
    page = PartnershipPage.objects.get()
    assert page.live
    assert page.get_parent().pk == index.pk
    assert list(page.institutions.all()) == [institution]
    assert (page.kind, page.status, page.signed_on) == (
        "strategic-agreement",
        "active",
        datetime.date(2023, 11, 20),
    )
    assert page.cooperation_areas == ["technical-exchange", "joint-courses"]
    assert [block.value for block in page.principles] == ["优势互补", "资源共享", "互利共赢"]
    figure = page.body[1].value
    assert figure["image"].pk == photo.pk
    assert figure["image"].contextual_alt_text == "双方代表签署协议"
    assert (figure["caption"], figure["credit"]) == ("签约仪式", "宣传部")


def test_editor_creates_a_course_with_a_phase_of_two_class_sessions(admin_client, partnership):
    teacher = PersonFactory(name="王老师")
    photo = ImageFactory()
    data = page_form(
        {
            "title": "中哈丝路在线课程",
            "slug": "silk-road-online",
            "summary": "面向哈萨克斯坦学生的中国文化课程。",
            "delivery_mode": "online",
        },
        phases=[
            (
                "phase",
                phase_form(
                    "第一期",
                    [
                        session_form(
                            "2024-05-08", "中国瓯越文化", audience="阿斯塔纳IT大学二年级学生", participants=60
                        ),
                        session_form("2024-05-15", "中国茶文化", start="10:00", end="11:30"),
                    ],
                    starts_on="2024-05-08",
                    ends_on="2024-05-15",
                ),
            )
        ],
        body=[
            rich_paragraph("<p>课程采用线上方式。</p>"),
            ("image", image_block_form(photo, alt_text="王老师在线授课", caption="第一课", credit="")),
        ],
        multi={
            "subject_areas": ["chinese-culture"],
            "audiences": ["partner-students"],
            "instruction_languages": ["zh", "ru"],
            "teachers": [teacher.pk],
        },
    )

    response = admin_client.post(page_add_url(CoursePage, partnership), data)

    assert response.status_code == 302, form_errors(response)
    course = CoursePage.objects.get()
    assert course.live
    assert course.partnership == partnership
    assert course.delivery_mode == "online"
    assert (course.subject_areas, course.audiences, course.instruction_languages) == (
        ["chinese-culture"],
        ["partner-students"],
        ["zh", "ru"],
    )
    assert list(course.teachers.all()) == [teacher]
    first_phase = course.phases[0].value
    assert (first_phase["title"], first_phase["status"]) == ("第一期", "completed")
    assert (first_phase["starts_on"], first_phase["ends_on"]) == (
        datetime.date(2024, 5, 8),
        datetime.date(2024, 5, 15),
    )
    sessions = list(first_phase["sessions"])
    assert [(s["date"], s["theme"]) for s in sessions] == [
        (datetime.date(2024, 5, 8), "中国瓯越文化"),
        (datetime.date(2024, 5, 15), "中国茶文化"),
    ]
    assert (sessions[0]["start_time"], sessions[0]["end_time"]) == (
        datetime.time(14, 0),
        datetime.time(15, 30),
    )
    assert (sessions[0]["audience"], sessions[0]["participants"]) == ("阿斯塔纳IT大学二年级学生", 60)
    assert [block.block_type for block in course.body] == ["paragraph", "image"]
    figure = course.body[1].value
    assert (figure["image"].pk, figure["image"].contextual_alt_text, figure["caption"]) == (
        photo.pk,
        "王老师在线授课",
        "第一课",
    )


def test_editor_creates_partner_institutions_and_people(admin_client, locales):
    response = admin_client.post(
        snippet_add_url(PartnerInstitution),
        {
            "name": "阿斯塔纳IT大学",
            "short_name": "AITU",
            "country": "哈萨克斯坦",
            "country_code": "kz",
            "city": "阿斯塔纳",
            "website": "https://astanait.edu.kz/",
            "description": "",
        },
    )
    assert response.status_code == 302, form_errors(response)
    institution = PartnerInstitution.objects.get()
    assert (institution.name, institution.country_code) == ("阿斯塔纳IT大学", "KZ")
    assert institution.locale == locales["zh-hans"]

    response = admin_client.post(
        snippet_add_url(Person),
        {"name": "王老师", "title": "讲师", "department": "公共教学部", "institution": ""},
    )
    assert response.status_code == 302, form_errors(response)
    person = Person.objects.get()
    assert (person.name, person.title, person.department) == ("王老师", "讲师", "公共教学部")
    assert person.locale == locales["zh-hans"]


# --- Where pages may go -------------------------------------------------------------------------


def test_a_home_page_has_only_one_partnership_index(admin_client, home_pages, index):
    home = home_pages["zh-hans"]
    assert not PartnershipIndexPage.can_create_at(home)

    assert_refused(
        admin_client.post(
            page_add_url(PartnershipIndexPage, home), page_form({"title": "合作二", "slug": "p2"})
        )
    )
    assert PartnershipIndexPage.objects.count() == 1


def test_courses_belong_under_partnerships_only(index, partnership):
    assert CoursePage.can_create_at(partnership)
    assert not CoursePage.can_create_at(index)
    assert not PartnershipPage.can_create_at(partnership)


# --- Validation ---------------------------------------------------------------------------------


def test_unknown_cooperation_area_codes_are_refused(partnership):
    partnership.cooperation_areas = ["technical-exchange", "space-travel"]
    with pytest.raises(ValidationError) as excinfo:
        partnership.full_clean()
    assert "cooperation_areas" in excinfo.value.message_dict
    assert "space-travel" in str(excinfo.value.message_dict["cooperation_areas"])

    partnership.cooperation_areas = "research"  # a code, not a list of codes
    with pytest.raises(ValidationError) as excinfo:
        partnership.full_clean()
    assert "cooperation_areas" in excinfo.value.message_dict

    partnership.cooperation_areas = ["research", "culture"]
    partnership.full_clean()


def test_unknown_course_codes_are_refused(partnership):
    course = publish(CoursePageFactory(parent=partnership))
    course.subject_areas = ["astrology"]
    course.instruction_languages = ["klingon"]
    with pytest.raises(ValidationError) as excinfo:
        course.full_clean()
    assert {"subject_areas", "instruction_languages"} <= set(excinfo.value.message_dict)


def test_unknown_area_codes_posted_to_the_admin_are_refused(admin_client, index):
    response = admin_client.post(
        page_add_url(PartnershipPage, index),
        page_form(
            {"title": "合作", "slug": "p", "kind": "memorandum", "status": "active"},
            principles=[],
            body=[],
            multi={"cooperation_areas": ["space-travel"]},
        ),
    )

    assert response.status_code == 200
    assert "cooperation_areas" in response.context["form"].errors
    assert not PartnershipPage.objects.exists()


def course_form(phase_value):
    return page_form(
        {"title": "课程", "slug": "course", "delivery_mode": "online"},
        phases=[("phase", phase_value)],
        body=[],
    )


def test_a_class_that_ends_before_it_starts_is_refused(admin_client, partnership):
    sessions = [
        session_form("2024-05-08", "中国瓯越文化"),
        session_form("2024-05-15", "中国茶文化", start="15:30", end="14:00"),
    ]

    response = admin_client.post(
        page_add_url(CoursePage, partnership), course_form(phase_form("第一期", sessions))
    )

    assert response.status_code == 200
    [errors] = block_errors(response, "phases")
    # The error is attached to the second session's end time, where the editor typed it.
    phase_errors = errors["blockErrors"][0]["blockErrors"]
    assert set(phase_errors) == {"sessions"}
    assert set(phase_errors["sessions"]["blockErrors"]) == {1}
    assert set(phase_errors["sessions"]["blockErrors"][1]["blockErrors"]) == {"end_time"}
    assert not CoursePage.objects.exists()


def test_a_phase_that_ends_before_it_starts_is_refused(admin_client, partnership):
    value = phase_form(
        "第一期", [session_form("2024-05-08", "中国瓯越文化")], starts_on="2024-05-15", ends_on="2024-05-08"
    )

    response = admin_client.post(page_add_url(CoursePage, partnership), course_form(value))

    assert response.status_code == 200
    [errors] = block_errors(response, "phases")
    assert set(errors["blockErrors"][0]["blockErrors"]) == {"ends_on"}
    assert not CoursePage.objects.exists()


# --- Translation --------------------------------------------------------------------------------


def course_with_phase(partnership, teacher=None):
    sessions = [
        class_session(
            "2024-05-08",
            "中国瓯越文化",
            audience="阿斯塔纳IT大学二年级学生",
            teacher=teacher,
            participants=60,
        ),
        class_session("2024-05-15", "中国茶文化", audience="企业员工"),
    ]
    phases = [
        phase(
            "第一期",
            sessions,
            starts_on="2024-05-08",
            ends_on="2024-05-15",
            period="5月上旬",
            description="线上授课",
        )
    ]
    return publish(CoursePageFactory(parent=partnership, phases=phases)), phases[0]


def test_partnership_and_course_translate_under_their_translated_parents(
    index, partnership, locales, targets, django_capture_on_commit_callbacks
):
    course, _phase = course_with_phase(partnership)

    for page in (index, partnership, course):
        translate(page, targets, django_capture_on_commit_callbacks)

    for code in ("en", "kk"):
        locale = locales[code]
        translated_index = index.get_translation(locale)
        translated_partnership = PartnershipPage.objects.get(locale=locale)
        translated_course = CoursePage.objects.get(locale=locale)
        assert translated_index.get_parent().locale == locale
        assert translated_partnership.get_parent().pk == translated_index.pk
        assert translated_course.get_parent().pk == translated_partnership.pk
        assert translated_partnership.live and translated_course.live
        assert translated_partnership.cooperation_areas == partnership.cooperation_areas
        assert translated_course.phases[0].value["sessions"][0]["date"] == datetime.date(2024, 5, 8)


def test_words_of_a_partnership_reach_translators_and_codes_do_not(
    index, targets, django_capture_on_commit_callbacks
):
    principles = [principle("优势互补"), principle("互利共赢")]
    photo = ImageFactory()
    body = [captioned_image(photo, alt_text="双方代表签署协议", caption="签约仪式")]
    partnership = publish(
        PartnershipPageFactory(
            parent=index,
            signed_on=datetime.date(2023, 11, 20),
            principles=principles,
            body=body,
            institutions=[PartnerInstitutionFactory()],
        )
    )

    translate(partnership, targets, django_capture_on_commit_callbacks)

    strings = string_segments(partnership)
    expected = {
        "summary": partnership.summary,
        f"principles.{principles[0]['id']}": "优势互补",
        f"principles.{principles[1]['id']}": "互利共赢",
        f"body.{body[0]['id']}.image.alt_text": "双方代表签署协议",
        f"body.{body[0]['id']}.caption": "签约仪式",
    }
    assert {path: strings.get(path) for path in expected} == expected
    top_level = {path.split(".")[0] for path in strings}
    assert not top_level & {"kind", "status", "signed_on", "cooperation_areas", "institutions"}
    assert not set(strings.values()) & {"strategic-agreement", "active", "technical-exchange", "2023-11-20"}


def test_words_of_a_course_reach_translators_and_dates_and_numbers_do_not(
    partnership, locales, targets, django_capture_on_commit_callbacks
):
    teacher = PersonFactory(name="王老师")
    course, phase_block = course_with_phase(partnership, teacher=teacher)
    first, second = phase_block["value"]["sessions"]

    translate(course, targets, django_capture_on_commit_callbacks)

    strings = string_segments(course)
    prefix = f"phases.{phase_block['id']}"
    expected = {
        f"{prefix}.title": "第一期",
        f"{prefix}.period": "5月上旬",
        f"{prefix}.description": "线上授课",
        f"{prefix}.sessions.{first['id']}.theme": "中国瓯越文化",
        f"{prefix}.sessions.{first['id']}.audience": "阿斯塔纳IT大学二年级学生",
        f"{prefix}.sessions.{second['id']}.theme": "中国茶文化",
        f"{prefix}.sessions.{second['id']}.audience": "企业员工",
    }
    assert {path: strings.get(path) for path in expected} == expected
    leaf_names = {path.rsplit(".", 1)[-1] for path in strings}
    assert not leaf_names & {
        "date",
        "start_time",
        "end_time",
        "participants",
        "status",
        "starts_on",
        "ends_on",
    }
    assert not {path.split(".")[0] for path in strings} & {
        "delivery_mode",
        "subject_areas",
        "audiences",
        "teachers",
    }

    # The teacher is a relation: each language's course points at that language's teacher.
    kazakh_course = CoursePage.objects.get(locale=locales["kk"])
    kazakh_teacher = kazakh_course.phases[0].value["sessions"][0]["teacher"]
    assert kazakh_teacher.translation_key == teacher.translation_key
    assert kazakh_teacher.locale == locales["kk"]


def test_a_source_edit_of_status_and_areas_reaches_the_translations(
    index, locales, targets, django_capture_on_commit_callbacks
):
    principles = [principle("优势互补")]
    partnership = publish(
        PartnershipPageFactory(
            parent=index, status="negotiating", cooperation_areas=["visits"], principles=principles
        )
    )
    translate(partnership, targets, django_capture_on_commit_callbacks)
    path = f"principles.{principles[0]['id']}"
    translate_string(partnership, locales["en"], path, "Complementary strengths")
    translate_string(partnership, locales["kk"], path, "Бірін-бірі толықтыру")
    sync_translations(partnership, django_capture_on_commit_callbacks)

    partnership = PartnershipPage.objects.get(pk=partnership.pk)
    partnership.status = "active"
    partnership.cooperation_areas = ["technical-exchange", "joint-training", "culture"]
    publish(partnership)
    sync_translations(partnership, django_capture_on_commit_callbacks)

    translated = {code: PartnershipPage.objects.get(locale=locales[code]) for code in ("en", "kk")}
    for page in translated.values():
        assert page.live
        assert page.status == "active"
        assert page.cooperation_areas == ["technical-exchange", "joint-training", "culture"]
        published = page.get_latest_revision_as_object()
        assert (published.status, published.cooperation_areas) == (page.status, page.cooperation_areas)
    assert translated["en"].principles[0].value == "Complementary strengths"
    assert translated["kk"].principles[0].value == "Бірін-бірі толықтыру"
