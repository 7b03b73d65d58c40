"""How locales.search reads a text and a query: what a reader's words match."""

import pytest

from locales.models import GlossaryTerm
from locales.search import analyse, chinese_words, excerpt, kazakh_stems, query_words

# A query's Chinese is split with the glossary's names as jieba's dictionary: read from the database.
pytestmark = pytest.mark.django_db


def shares_a_term(text, query):
    """Whether every word of `query` is found in `text` as the index would hold it."""
    indexed = set(analyse(text).split())
    return all(
        (all if how == "all" else any)(term in indexed for term in terms) for how, terms in query_words(query)
    )


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Астана IT университеті", "Астанадағы университеттің"),
        ("студенттердің белсенділігі", "студенттеріне"),
        ("Жібек жолы колледжі", "колледжінің"),
        ("сапар алдындағы жиналыс", "жиналысы"),
        ("алғашқы сабағы басталды", "сабақ"),
        ("Қазақстандағы кәсіпорындар", "Qazaqstandağy"),  # the 2021 Latin alphabet
        ("Қазақстандағы кәсіпорындар", "Qazaqstandagy"),  # ASCII, as the slugs write it
        ("Жібек жолы", "Zhibek zholy"),
        ("哈萨克斯坦阿斯塔纳IT大学", "阿斯塔纳大学"),
        ("中国瓯越文化", "瓯越"),
        ("Sophomore students attended the courses", "student course"),
    ],
)
def test_a_query_matches_the_forms_of_its_words(text, query):
    assert shares_a_term(text, query)


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Астана IT университеті", "Алматы"),
        ("阿斯塔纳大学", "阿拉木图"),
        ("签署战略合作协议", "合作学院"),  # 学院 is not in the text
        ("online course", "offline"),
    ],
)
def test_other_words_do_not_match(text, query):
    assert not shares_a_term(text, query)


def test_kazakh_endings_come_off_only_where_kazakh_writes_them():
    assert "студент" in kazakh_stems("студенттеріне")
    assert "университет" in kazakh_stems("университеті")  # -і after a consonant, not -ті
    assert kazakh_stems("мамыр") == ["мамыр"]  # no ending: the word stays whole
    assert "мектеп" in kazakh_stems("мектебі")  # п written б before a vowel


def test_the_glossary_keeps_a_name_whole_in_a_query():
    # A name no other test uses: a name joins the process's dictionary for good.
    name = "瓯越丝路研学院"
    assert chinese_words(name) != [name]
    GlossaryTerm.objects.create(term=name, language="en", translation="Ouyue Silk Road Study College")
    assert chinese_words(f"参观{name}") == ["参观", name]


def test_an_excerpt_marks_the_words_where_they_are():
    text = "我校与哈萨克斯坦阿斯塔纳IT大学联合打造的在线课程"
    assert (
        excerpt([text], "阿斯塔纳大学")
        == "我校与哈萨克斯坦<mark>阿斯塔纳</mark>IT<mark>大学</mark>联合打造的在线课程"
    )
    assert (
        excerpt(["", "Students <b>of</b> Astana"], "student")
        == "<mark>Students</mark> &lt;b&gt;of&lt;/b&gt; Astana"
    )
    assert excerpt(["nothing here"], "Астана") == ""


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Казахстан", "Kazakhstan"),  # kh for х, as the Russian name is spelt in English
        ("конференция", "konferentsiia"),  # ц ts and я ia, as the slugs write them
        ("Іле Алатауы", "İle"),  # İ lower-cased leaves no dot behind
        ("阿斯塔纳ＩＴ大学２０２５年", "IT 2025"),  # full-width letters and digits
    ],
)
def test_latin_spellings_and_full_width_characters_match(text, query):
    assert shares_a_term(text, query)


def test_a_very_long_query_is_cut_to_its_first_words():
    words = query_words(" ".join(f"слово{i}" for i in range(100)) + " слово0")
    assert len(words) == 32


def test_a_bodys_text_keeps_its_paragraphs_apart_and_leaves_out_links_and_alt_text():
    from news.api import body_text

    raw = [
        {"type": "paragraph", "value": "<p>Астана</p><p>университеті R&amp;D</p>", "id": "a"},
        {"type": "video", "value": {"video": "https://video.example/1", "caption": "Сабақ"}, "id": "b"},
        {
            "type": "image",
            "value": {
                "image": {"image": 5, "alt_text": "экран", "decorative": False},
                "caption": "Суретте",
                "credit": "",
            },
            "id": "c",
        },
    ]
    assert body_text(raw) == "Астана университеті R&D Суретте"
    assert excerpt([body_text(raw)], "университет") == "Астана <mark>университеті</mark> R&amp;D Суретте"
