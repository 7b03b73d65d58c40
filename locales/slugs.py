"""Readable ASCII slugs for pages in every language.

Wagtail keeps Chinese or Cyrillic slugs as they are, and wagtail-localize passes translated slugs
through Django's `slugify()`, which drops every non-Latin letter: the Kazakh slug
`астана-it-университетімен-келісім` became `it`. Here every page slug is ASCII, transliterated
from what the editor or translator wrote:

- Chinese becomes Hanyu Pinyin without tones, one hyphen between syllables
  (中哈丝路在线课程 -> zhong-ha-si-lu-zai-xian-ke-cheng). We join per syllable rather than per word:
  word joining needs a segmenter and would still guess, while one syllable per hyphen is
  predictable and reads the same for any editor. pypinyin picks the reading from its phrase
  dictionary (银行 -> yin-hang). ü is written `v` (女 -> nv, 旅 -> lv), pypinyin's and the Chinese
  input methods' ASCII spelling, which keeps lv (旅) apart from lu (路).
- Kazakh follows the 2021 Latin alphabet, with its diacritics reduced to plain ASCII as Kazakh
  ASCII spelling does in practice (passports, place names such as Zhezqazğan -> Zhezkazgan).
  Russian letters that occur in Kazakh text use the same table. See `CYRILLIC`.
- Anything else goes through anyascii (é -> e, Ä -> A, ß -> ss).

Where the slugs come from:

- Pages created in the admin or in code: an empty slug is made from the title, and a slug with
  non-ASCII letters (the admin's JavaScript copies a Chinese title into the slug unchanged) is
  transliterated; both are then made unique among the siblings. An ASCII slug typed by hand is
  never replaced. (`AsciiSlugs`, the base of every page type, and its `AsciiSlugPageForm`.)
- Translations saved by wagtail-localize: a slug the translator typed is kept (transliterated if
  it is not ASCII); while the slug segment is untranslated, the slug follows the translated title.
  While the title is untranslated too (a new translation, or a source edit that made the title
  untranslated again) the page keeps the slug it has, so a published address does not flip back
  to the source's. wagtail-localize then makes it unique among the siblings.
  (`_slug_from_translation`.)

`_slug_from_translation` wraps the wagtail-localize function involved (locales.patches installs
it); the wrapper changes only the slug.
"""

import functools
import re

from anyascii import anyascii
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug

# Slugs derived from a title are cut, at a hyphen, to this many characters: a long Chinese title
# gives five or six letters per character. Slugs someone typed are never shortened.
MAX_DERIVED_LENGTH = 80

# Cyrillic -> ASCII. Kazakh letters as in the 2021 Latin alphabet, reduced to ASCII:
#   ә -> ä -> a    ғ -> ğ -> g    қ -> q         ң -> ñ -> n    ө -> ö -> o
#   ұ -> ū -> u    ү -> ü -> u    һ -> h         і -> ı -> i    ы -> y
#   и, й -> i      ш -> ş -> sh   ч -> ç -> ch   у -> u         х -> h
# ж is J in the 2021 alphabet but `zh` in ASCII practice (Zhibek zholy, Zhezkazgan): a bare `j`
# would be read as the English j. Letters found in Russian loanwords: ё -> io, ю -> iu, я -> ia
# (the alphabet's İo, İu, İa), ц -> ts, щ -> shch, э -> e; the hard and soft signs are dropped.
CYRILLIC = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_CYRILLIC_TABLE = str.maketrans(CYRILLIC)

# Han characters: the unified ideographs with their extensions, compatibility ideographs and 〇.
_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
# Apostrophes vanish inside a word (China's -> chinas, Qur'an -> quran) rather than split it.
_APOSTROPHES = re.compile(r"['’ʼ‘`´]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ASCII_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def _pinyin(han):
    from pypinyin import Style, lazy_pinyin  # loads its dictionaries: only when needed

    return " ".join(lazy_pinyin(han, style=Style.NORMAL, errors=lambda chars: anyascii(chars)))


def transliterate(text):
    """`text` in ASCII letters: Chinese as pinyin syllables separated by spaces, Kazakh and
    Russian by `CYRILLIC`, everything else by anyascii."""
    parts = []
    position = 0
    for match in _HAN.finditer(text):
        parts.append(_other(text[position : match.start()]))
        parts.append(f" {_pinyin(match.group())} ")
        position = match.end()
    parts.append(_other(text[position:]))
    return "".join(parts)


def _other(text):
    return anyascii(text.lower().translate(_CYRILLIC_TABLE))


def slugify(text, max_length=None):
    """An ASCII slug of `text`: lower-case letters and digits joined by single hyphens.

    With `max_length` the slug is cut at the last hyphen that fits (or mid-word if there is
    none). May be empty when `text` has no letters or digits at all.
    """
    slug = _NOT_SLUG.sub("-", _APOSTROPHES.sub("", transliterate(text).lower())).strip("-")
    if max_length and len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug


def title_slug(title):
    """The slug a title gives, cut to `MAX_DERIVED_LENGTH`."""
    return slugify(title, max_length=MAX_DERIVED_LENGTH)


def is_ascii_slug(slug):
    """Whether `slug` is a valid slug in ASCII: what a person typed on purpose, kept as it is."""
    return bool(slug) and bool(_ASCII_SLUG.match(slug))


def needs_transliteration(slug):
    """Whether a slug is replaced: empty ones (made from the title) and non-ASCII ones
    (transliterated). An ASCII slug is somebody's choice and is kept."""
    return not slug or not slug.isascii()


def ascii_slug(slug, title):
    """The ASCII slug for a page whose slug field holds `slug` and whose title is `title`.

    A typed ASCII slug is kept; a non-ASCII one is transliterated; an empty one (or one with no
    letters or digits at all) is made from the title. Empty if neither gives anything.
    """
    if not needs_transliteration(slug):
        return slug
    return slugify(slug or "", max_length=MAX_DERIVED_LENGTH) or title_slug(title or "")


def available_slug(parent, slug, page=None):
    """`slug`, or `slug-1`, `slug-2`... whichever no other child of `parent` uses."""
    if parent is None:
        return slug
    return find_available_slug(parent, slug, ignore_page_id=page.pk if page is not None else None)


# --- Wagtail: pages created in the admin or in code ---------------------------------------------


class AsciiSlugPageForm(WagtailAdminPageForm):
    """The admin's form for our pages (AsciiSlugs.base_form_class). Wagtail's requires a slug and
    takes a Chinese one as it is: here the editor may leave it empty, and an empty or non-ASCII
    slug becomes an ASCII one, unique under the parent, before the form checks it; a slug typed
    in ASCII goes through unchanged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        data = self.cleaned_data
        # Absent from cleaned_data when the field itself refused the value: Wagtail's own
        # message stands then.
        if "slug" in data and needs_transliteration(data["slug"]):
            slug = ascii_slug(data["slug"], data.get("title"))
            if slug:
                data["slug"] = available_slug(self.parent_page, slug, self.instance)
        return super().clean()


class AsciiSlugs:
    """Page base (home.headless.HeadlessPageMixin): ASCII slugs for pages made in the admin
    (the form above) and in code. Wagtail fills an empty slug from the title in `full_clean()`
    and `minimal_clean()`, which `save()` calls, with Unicode letters kept (or, with
    WAGTAIL_ALLOW_UNICODE_SLUGS off, not at all for a Chinese title): the slug is made ASCII
    first, once the page is in the tree and its siblings are known (`add_child` places it before
    it saves)."""

    base_form_class = AsciiSlugPageForm

    def full_clean(self, *args, **kwargs):
        self._make_slug_ascii()
        return super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self._make_slug_ascii()
        return super().minimal_clean()

    def _make_slug_ascii(self):
        if self.path and needs_transliteration(self.slug):
            slug = ascii_slug(self.slug, self.title)
            if slug:
                self.slug = available_slug(self.get_parent(), slug, self)


# --- wagtail-localize: translations ---------------------------------------------------------------


def _translated_string(source_object, source_locale, target_locale, path):
    """What the translator wrote for the source's segment at `path`, or None if untranslated.

    Machine translations do not count: a machine "translating" a slug such as
    `zhong-ha-si-lu-zai-xian-ke-cheng` gives nonsense, so the translated title decides instead.
    """
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = (
        StringSegment.objects.filter(
            source__object_id=source_object.translation_key,
            source__locale=source_locale,
            context__path=path,
        )
        .values("string_id", "context_id")
        .first()
    )
    if segment is None:
        return None
    return (
        StringTranslation.objects.filter(
            translation_of_id=segment["string_id"], context_id=segment["context_id"], locale=target_locale
        )
        .exclude(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
        .values_list("data", flat=True)
        .first()
    )


def translated_page_slug(source_page, translated_page, current_slug, source_locale, target_locale):
    """The ASCII slug of a page translation, before it is made unique among its siblings.

    `translated_page` holds the translated segments; `current_slug` is its slug before they were
    written (for a new translation, the source's). The translator's slug if they typed one
    (transliterated if it is not ASCII); otherwise the translated title's; otherwise, while the
    title is untranslated too, the current slug (made ASCII).
    """
    typed = _translated_string(source_page, source_locale, target_locale, "slug")
    if typed:
        # String segments are stored as HTML-escaped text.
        from wagtail_localize.strings import StringValue

        typed = StringValue(typed).render_text().strip()
        if is_ascii_slug(typed):
            return typed
        slug = slugify(typed)
        if slug:
            return slug
    if translated_page.title and translated_page.title != source_page.title:
        slug = title_slug(translated_page.title)
        if slug:
            return slug
    return ascii_slug(current_slug, translated_page.title) or source_page.slug


def _slug_from_translation(ingest_segments):
    """wagtail-localize writes the translated segments into the page, then saves it with
    `find_available_slug(parent, slugify(page.slug))`, which leaves `it` of a Kazakh slug and
    the source's slug where the slug was not translated. Set a readable slug in between."""
    from wagtail.models import Page

    @functools.wraps(ingest_segments)
    def ingest(source_object, translated_object, source_locale, target_locale, segments):
        current_slug = getattr(translated_object, "slug", "")
        ingest_segments(source_object, translated_object, source_locale, target_locale, segments)
        if isinstance(translated_object, Page):
            translated_object.slug = translated_page_slug(
                source_object, translated_object, current_slug, source_locale, target_locale
            )

    return ingest
