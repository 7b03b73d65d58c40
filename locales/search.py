"""Search that understands how Chinese, Kazakh and English are written, for every search the
product has: the delivery API's, the admin's and its choosers'.

Wagtail's database backends index whole space-separated words. Chinese has no spaces, and
Kazakh adds endings to its words (Астана, Астанадағы; студент, студенттеріне), so a reader's
words rarely match the indexed ones. Here every text is analysed, in Python, before it reaches
the index and before a query reaches the backend, the same way on both sides:

- a run of Chinese characters becomes its characters and their pairs (中哈丝路 → 中 哈 丝 路 中哈
  哈丝 丝路), so a word found anywhere in it matches; a query's Chinese is first split into
  words (jieba, with the editors' glossary as its user dictionary) and each word becomes its
  pairs, so 阿斯塔纳大学 finds a text with 阿斯塔纳 and 大学 apart;
- a Cyrillic word loses its Kazakh endings (plural, possessive and case), so студенттеріне and
  студенттердің both become студент;
- a Latin word is stemmed as English (students → student); in a query it is also read as
  Kazakh written in Latin letters (Astanadagy, Astanadağy → астанадағы).

The analysis depends on the script, not on the page's language, so a query needs no language
and the admin's search (which has none) is analysed like the API's. PostgreSQL indexes the
analysed words with its "simple" configuration (GIN), SQLite with FTS5: a query's cost follows
the index, not the number of pages.

`SearchBackend` is the backend WAGTAILSEARCH_BACKENDS names: Wagtail's database backend for
the connection's database, analysing queries. `analysed()` makes a model's search fields
analyse what they index; HeadlessPageMixin and the snippets use it.
"""

import functools
import itertools
import re
import threading
import unicodedata
from operator import itemgetter

import snowballstemmer
from django.db import DatabaseError
from django.db.models import Case, FloatField, Func, IntegerField, Value, When
from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from wagtail.search import index

from locales.scope import per_request

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of Chinese characters, of Cyrillic letters, or of Latin letters and digits.
TOKEN = re.compile(rf"[{HAN}]+|[\u0400-\u04ff]+|[0-9a-zA-Z\u00c0-\u024f]+")
IS_HAN = re.compile(rf"[{HAN}]")
IS_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Kazakh letters readers often type as their plain neighbours, as ASCII Kazakh writes them (the
# slugs' transliteration: ә a, ғ g, қ q, ң n, ө o, ұ ү u, і i): a word is stemmed and indexed with
# them folded, so Астанадағы, Астанадагы and Astanadagy are one word.
FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "і": "и",
        "й": "и",
        "һ": "х",
        "ё": "е",
    }
)

# Kazakh endings: plural, possessive and case (and the locative adjective -дағы), each in the
# forms vowel harmony and the last sound of the word choose, folded. A word loses each ending it
# ends with that may follow what remains (`_may_follow`), while MIN_STEM letters remain:
# студенттеріне → студенттері → студенттер → студент.
KAZAKH_ENDINGS = sorted(
    {
        ending.translate(FOLD)
        for group in (
            "лар лер дар дер тар тер",  # plural
            "ымыз іміз мыз міз ыңыз іңіз ңыз ңіз ым ім ың ің сы сі м ң ы і",  # possessive
            "ның нің дың дің тың тің",  # genitive
            "ға ге қа ке на не а е",  # dative
            "ны ні ды ді ты ті н",  # accusative
            "да де та те нда нде",  # locative
            "дағы дегі тағы тегі ндағы ндегі",  # locative adjective
            "дан ден тан тен нан нен",  # ablative
            "мен бен пен менен",  # instrumental
        )
        for ending in group.split()
    },
    key=len,
    reverse=True,
)
MIN_STEM = 3
VOWELS = set("аеиоуыэюя")
VOICELESS = set("кпстфхцчшщ")
# Before a vowel, a final к п is written г б (сабақ, сабағы): stems end in the first.
DEVOICED = str.maketrans({"г": "к", "б": "п"})


def _may_follow(stem, ending):
    """Whether Kazakh writes `ending` after `stem` (both folded): т- and к- forms after a
    voiceless consonant, д- and г- forms after anything else, н- forms after a vowel (or -нан
    after м н), л- forms after a vowel or р у, -сы and -м after a vowel, the accusative -н after
    a possessive ы и, and vowel-initial endings after a consonant (or и, which may be й)."""
    last, first = stem[-1], ending[0]
    if ending == "н":
        return last in "ыи"
    if ending in ("мен", "менен"):
        return last not in VOICELESS
    if first in "ткп":
        return last in VOICELESS
    if first in "дгб":
        return last not in VOICELESS
    if first == "н":
        return last in VOWELS or (ending in ("нан", "нен") and last in "мн")
    if first == "л":
        return last in VOWELS or last in "ру"
    if first in "см":
        return last in VOWELS
    return last not in VOWELS or last == "и"


# A Latin word as the Cyrillic Kazakh it may be, folded: ASCII Kazakh as the slugs write it
# (Astanadagy, studentteri, zhiberu), and the 2021 alphabet (ä ğ ı ñ ö ş ū ü).
LATIN_DIGRAPHS = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("iu", "ю"),
    ("yu", "ю"),
    ("ia", "я"),
    ("ya", "я"),
)
LATIN = str.maketrans(
    dict(
        zip(
            "abcdefghijklmnopqrstuvwxyz" + "äğıñöşçūü",
            "абцдефгхижклмнопкрстувухыз" + "агыношчуу",
            strict=True,
        )
    )
)


def latin_as_kazakh(word):
    """`word` (lower-case Latin letters) in folded Cyrillic: astanadagy → астанадагы."""
    for latin, cyrillic in LATIN_DIGRAPHS:
        word = word.replace(latin, cyrillic)
    return word.translate(LATIN)


MAX_STEMS = 8


def kazakh_stems(word):
    """`word` (lower case, Cyrillic) and what remains of it without each sequence of Kazakh
    endings it may have: студенттеріне → студенттеріне, студенттері, студенттер, студент. An
    ending can be read more than one way (жиналысы is жиналыс and -ы, not жинал, -ы and -сы), so
    every reading is kept; a text and a query match when they share one."""
    stems, queue = [], [word.translate(FOLD)]
    while queue and len(stems) < MAX_STEMS:
        current = queue.pop(0)
        if current in stems:
            continue
        stems.append(current)
        for ending in KAZAKH_ENDINGS:
            stem = current[: -len(ending)]
            if current.endswith(ending) and len(stem) >= MIN_STEM and _may_follow(stem, ending):
                queue.append(stem)
    return list(dict.fromkeys(stem[:-1] + stem[-1].translate(DEVOICED) for stem in stems))


_english = snowballstemmer.stemmer("english")


def english_stem(word):
    return _english.stemWord(word)


def pairs(run):
    """Each pair of neighbouring characters in a run of Chinese."""
    return tuple(run[i : i + 2] for i in range(len(run) - 1))


def han_terms(run):
    """The characters of a run of Chinese and each pair of neighbours."""
    return [*run, *pairs(run)]


def fold_case(word):
    """Lower case, with the dot that lower-casing İ leaves behind removed."""
    return word.casefold().replace("\u0307", "")


@functools.lru_cache(maxsize=50_000)
def word_terms(word):
    """The indexed forms of one non-Chinese word: its Kazakh stems, or its English stem."""
    word = fold_case(word)
    if IS_CYRILLIC.match(word):
        return tuple(kazakh_stems(word))
    return (english_stem(word),)


def query_word_terms(word):
    """The forms a query's word matches: as `word_terms`, and a Latin word also as the Kazakh
    it may be written for (Astanadağy, Astanadagy find Астанадағы)."""
    terms = word_terms(word)
    lower = fold_case(word)
    if not IS_CYRILLIC.match(lower) and not lower.isdigit():
        terms += tuple(stem for stem in kazakh_stems(latin_as_kazakh(lower)) if stem not in terms)
    return terms


def analyse(text):
    """What the index holds for `text`: its words as this module's terms, space-separated."""
    terms = []
    for token in TOKEN.findall(unicodedata.normalize("NFKC", text or "")):
        if IS_HAN.match(token):
            terms.extend(han_terms(token))
        else:
            terms.extend(word_terms(token))
    return " ".join(terms)


# Words of a query beyond these are ignored: SQLite's full-text parser overflows on a query of
# about ninety nested words, and nobody types that many.
MAX_QUERY_WORDS = 32


def query_words(query):
    """(how, terms) for each word of a query: a Chinese word is matched by "all" its pairs (or by
    itself, one character long), any other word by "any" of its stems. Worked out once per
    request (the backend's query and the excerpts both ask)."""
    return per_request(("search-query-words", query), lambda: _query_words(query))


def _query_words(query):
    words = []
    for token in TOKEN.findall(unicodedata.normalize("NFKC", query or "")):
        if IS_HAN.match(token):
            for word in chinese_words(token):
                words.append(("all", pairs(word) or (word,)))
        else:
            words.append(("any", query_word_terms(token)))
    return list(dict.fromkeys(words))[:MAX_QUERY_WORDS]


def analysed_query(query, operator="or"):
    """The backend's query for a reader's `query`: each word's terms as `query_words` says,
    the words combined with `operator`; None when nothing in it can be searched for."""
    # One query object per term, grouped: SQLite's backend writes a PlainText of several terms
    # without brackets, and FTS5's AND binds tighter than its OR.
    parts = []
    for how, terms in query_words(query):
        matchers = [PlainText(term) for term in terms]
        parts.append(matchers[0] if len(matchers) == 1 else (And if how == "all" else Or)(matchers))
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return And(parts) if (operator or "or").lower() == "and" else Or(parts)


def load_segmenter():
    """Load jieba's dictionary now (an app server's worker does before taking requests)."""
    _segmenter()


@functools.cache
def _segmenter():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


_added_names = set()
_adding = threading.Lock()


def chinese_words(run):
    """A run of Chinese split into words (jieba), keeping the glossary's names whole. A name
    joins the process's dictionary the first time a query holds it (a name taken out of the
    glossary stays in it until the process restarts)."""
    tokenizer = _segmenter()
    names = [name for name in glossary_names() if name in run and name not in _added_names]
    if names:
        with _adding:
            for name in names:
                if name not in _added_names:
                    tokenizer.add_word(name, freq=10**6)
                    _added_names.add(name)
    return [word for word in tokenizer.cut(run, HMM=True) if IS_HAN.match(word)]


def glossary_names():
    """The Chinese terms editors keep in the glossary (locales.models.GlossaryTerm: each is a
    name written in Chinese, with its fixed translations)."""
    from django.db import DatabaseError

    from locales.models import GlossaryTerm

    try:
        terms = GlossaryTerm.objects.values_list("term", flat=True).distinct()
        return [term for term in terms if IS_HAN.search(term)]
    except DatabaseError:  # the glossary's table is not there yet (before migrate)
        return []


# --- Excerpts ----------------------------------------------------------------------------------

EXCERPT_CHARS = 120


def excerpt(texts, query, chars=EXCERPT_CHARS):
    """Where `query` matched: about `chars` characters of the first of `texts` (plain text, in
    order of preference) holding a word of it, HTML-escaped, each matching word in <mark>; ""
    when none holds one (a match in the title alone)."""
    from django.utils.html import escape

    words = query_words(query)
    chinese = sorted({_pairs_to_word(terms) for how, terms in words if how == "all"}, key=len, reverse=True)
    stems = {term for how, terms in words if how == "any" for term in terms}
    for text in texts:
        text = text or ""
        spans = _matches(text, chinese, stems)
        first = next(spans, None)
        if first is None:
            continue
        start = max(0, first[0] - chars // 4)
        space = text.find(" ", start, first[0])
        if start and space != -1:  # begin at a word, where the text has spaces between them
            start = space + 1
        end = min(len(text), start + chars)
        parts, at = [], start
        for left, right in itertools.chain([first], spans):
            if right > end:
                break
            if left < at:
                continue
            parts += [escape(text[at:left]), "<mark>", escape(text[left:right]), "</mark>"]
            at = right
        parts.append(escape(text[at:end]))
        return ("…" if start else "") + "".join(parts).strip() + ("…" if end < len(text) else "")
    return ""


def _pairs_to_word(word_pairs):
    """A query's Chinese word back from its pairs (阿斯 斯塔 塔纳 → 阿斯塔纳)."""
    return word_pairs[0] + "".join(pair[1:] for pair in word_pairs[1:])


def _matches(text, chinese, stems):
    """(start, end) of each match in `text`, in order, without overlaps."""
    at = 0
    for token in TOKEN.finditer(text):
        word = token.group()
        if IS_HAN.match(word):
            spans = []
            for target in chinese:
                index = word.find(target)
                while index != -1:
                    spans.append((token.start() + index, token.start() + index + len(target)))
                    index = word.find(target, index + len(target))
            for span in sorted(spans):
                if span[0] >= at:
                    yield span
                    at = span[1]
        elif stems & set(word_terms(word)):
            yield token.span()
            at = token.end()


# --- Index side: search fields that index analysed text ----------------------------------------


class AnalysedSearchField(index.SearchField):
    def get_value(self, obj):
        return analyse(_as_text(super().get_value(obj)))


class AnalysedAutocompleteField(index.AutocompleteField):
    def get_value(self, obj):
        return analyse(_as_text(super().get_value(obj)))


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


def analysed(search_fields):
    """`search_fields` with every SearchField and AutocompleteField indexing analysed text
    (same names and boosts); filters and related fields as they are.

    Every searched field is also an autocomplete field: the admin's searches and choosers
    autocomplete, and a word of a body must be found there too."""
    result = []
    completed = {field.field_name for field in search_fields if type(field) is index.AutocompleteField}
    for field in search_fields:
        if type(field) is index.SearchField:
            result.append(AnalysedSearchField(field.field_name, boost=field.boost, **field.kwargs))
            if field.field_name not in completed:
                result.append(AnalysedAutocompleteField(field.field_name))
        elif type(field) is index.AutocompleteField:
            result.append(AnalysedAutocompleteField(field.field_name, **field.kwargs))
        elif isinstance(field, index.RelatedFields):
            result.append(index.RelatedFields(field.field_name, analysed(field.fields)))
        else:
            result.append(field)
    return result


# --- Query side: the backend ---------------------------------------------------------------------


class AnalysingBackend:
    """Analyses a query string the way `analysed` fields index text, then searches as Wagtail's
    backend does (`search()` and `autocomplete()` both pass through `_search`)."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = getattr(model_or_queryset, "model", model_or_queryset)
        if indexes_analysed_text(model):
            query = analysed_search_query(query, kwargs.get("operator") or "or")
        else:  # searched as Wagtail does, without what breaks SQLite's full-text syntax
            query = without_quotes(query)
        if query is None:
            return EmptySearchResults()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


def without_quotes(query):
    """A query string or PlainText without double quotes and NULs (SQLite's backend puts each
    term between quotes unescaped, wagtail/wagtail#13227); None when nothing is left."""
    if isinstance(query, str | PlainText):
        text = query if isinstance(query, str) else query.query_string
        text = text.replace('"', " ").replace("\x00", " ").strip()
        if not text:
            return None
        return text if isinstance(query, str) else PlainText(text, operator=query.operator, boost=query.boost)
    return query


def indexes_analysed_text(model):
    """Whether `model`'s index holds analysed text: pages (every page type the product has is a
    HeadlessPageMixin) and models whose search fields come from `analysed`. Wagtail's own image
    and document models index their titles as they are, and are searched as they are."""
    from wagtail.models import Page

    return issubclass(model, Page) or any(
        isinstance(field, AnalysedSearchField) for field in model.get_search_fields()
    )


def analysed_search_query(query, operator):
    """A query string or query object (the admin parses its own) with its text analysed."""
    if isinstance(query, str):
        return analysed_query(query, operator)
    if isinstance(query, PlainText):
        return analysed_query(query.query_string, query.operator)
    if isinstance(query, Phrase):
        return analysed_query(query.query_string, "and")
    if isinstance(query, And | Or):
        parts = [analysed_search_query(part, operator) for part in query.subqueries]
        parts = [part for part in parts if part is not None]
        return type(query)(parts) if parts else None
    if isinstance(query, Not):
        inner = analysed_search_query(query.subquery, operator)
        return Not(inner) if inner is not None else None
    return query  # MatchAll and the like: nothing to analyse


def matching_ids(model, query, by_relevance=False):
    """Ids of the `model` objects whose indexed text holds every word of `query` (none when it
    has no word to search for), the most relevant first when `by_relevance`. The index holds
    what is saved on each row, which for a page is its live version: a draft's words are in its
    revision, never in the index."""
    from wagtail.search.backends import get_search_backend

    results = get_search_backend().search(
        query, model.objects.all(), operator="and", order_by_relevance=by_relevance
    )
    compiler = getattr(results, "query_compiler", None)
    if compiler is None:  # nothing to search for
        return []
    if by_relevance and isinstance(compiler, RowRank):
        return compiler.ranked_pks(compiler.get_config(results.backend))
    return list(results.get_queryset().values_list("pk", flat=True))


# How much more a match in the title counts than one in the body, on SQLite (PostgreSQL weighs
# the title column itself).
TITLE_WEIGHT = 10.0


class RowRank:
    """SQLite: rank a match by FTS5's bm25 of the whole row, the title weighing TITLE_WEIGHT. The
    backend multiplies `1 + bm25` over the parts of an And, but bm25 is negative there (lower
    is better), so a product of two parts turned the order upside down; and its bm25 weighs
    every column alike."""

    # The FTS5 table's columns: autocomplete, body, title. A search matches the last two.
    column_weights = (0.0, 1.0, TITLE_WEIGHT)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        rank = WeightedBM25(self.column_weights)
        return rank * boost if boost != 1.0 else rank

    def search(self, config, start, stop, score_field=None):
        """Ordered by relevance, as the backend's search, from one full-text query: the backend
        gives each row its score with a subquery that runs the full-text match again, once per
        row (about 200 ms for 300 matches)."""
        if not self.order_by_relevance or score_field is not None or self._normalized() is None:
            return super().search(config, start, stop, score_field)
        window = self.ranked_pks(config)[start:stop]
        if not window:
            return self.queryset.none()
        position = Case(
            *(When(pk=pk, then=Value(i)) for i, pk in enumerate(window)), output_field=IntegerField()
        )
        return self.queryset.filter(pk__in=window).order_by(position)

    def _normalized(self):
        """The query as the backend normalises it, or None when it is no full-text match."""
        from modelsearch.backends.database.sqlite.query import normalize

        query = normalize(self.query)
        return None if isinstance(query, MatchAll | Not) else query

    def ranked_pks(self, config):
        """The primary keys of the queryset's rows that match, the most relevant first."""
        from modelsearch.backends.database.sqlite.sqlite import MatchExpression, SQLiteFTSIndexEntry
        from modelsearch.utils import get_descendants_content_types_pks

        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(self._normalized(), config=config)
        )
        ranked = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(score=WeightedBM25(self.column_weights))
            .values_list("index_entry__object_id", "score")
        )
        field = self.queryset.model._meta.pk
        try:
            scored = [(score, field.to_python(object_id)) for object_id, score in ranked]
        except DatabaseError:  # FTS5 refused the query's syntax (a stray quote, a NUL): no match
            return []
        # bm25 is lower for a better match; among equals, the newest object first.
        scored.sort(key=itemgetter(1), reverse=True)
        order = [pk for _score, pk in sorted(scored, key=itemgetter(0))]
        found = set(self.queryset.filter(pk__in=order).values_list("pk", flat=True))
        return [pk for pk in order if pk in found]


class RowRankAutocomplete(RowRank):
    column_weights = (1.0, 0.0, 0.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def __init__(self, weights):
        self.weights = weights
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        weights = ", ".join(str(float(weight)) for weight in self.weights)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


@functools.cache
def _backend_class(base):
    attributes = {}
    if base.__name__ == "SQLiteSearchBackend":
        for name, rank in (
            ("query_compiler_class", RowRank),
            ("autocomplete_query_compiler_class", RowRankAutocomplete),
        ):
            compiler = getattr(base, name)
            attributes[name] = type(f"RowRank{compiler.__name__}", (rank, compiler), {})
    return type(f"Analysing{base.__name__}", (AnalysingBackend, base), attributes)


def SearchBackend(params):
    """Wagtail's database backend for the default database (PostgreSQL full text, SQLite FTS5),
    analysing every query; WAGTAILSEARCH_BACKENDS names this."""
    base = database_backend(params)
    backend = _backend_class(type(base))(params)
    return backend
