"""Reading and storing answers, and the content version that keeps a racing render from storing
an answer older than the rows it shows."""

import hashlib
import logging
import re

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction

from home.answers.compression import Body, deflate
from home.answers.release import release
from locales.languages import content_language_codes
from locales.negotiation import UnknownLanguage, negotiate

logger = logging.getLogger(__name__)

# The only query parameters of a canonical request: what the API's own links and list windows
# carry. Anything else (a search, a filter, an odd window) is rendered for its reader and never
# stored, so what is stored is bounded by the content, not by what clients send.
CANONICAL_PARAMS = {"locale", "fallback", "limit", "offset"}
MAX_CANONICAL_LIMIT = 100
# A list window is stored only when it starts within the list (see `worth_storing`).
LIST_ENVELOPE = re.compile(
    rb'^\{"requested_locale":"[^"]*","fallback":(?:true|false),"count":(\d+),"limit":\d+,"offset":(\d+),'
)


# Paths whose answers any change can alter (a news list window: a new article moves every
# window), registered by their apps. They are stored untagged with the content version they
# were rendered at and served only while it is current: a change marks none of them, and the
# next read renders each again, from stored fragments (home.answers.fragments).
until_any_change_paths = set()


def valid_until_any_change(path):
    until_any_change_paths.add(path)


# The resources (under API_PREFIX) a crawl of every language starts from (`render_answers`): each
# app registers its lists and single answers; everything else is reached through their links.
crawl_roots = []


def crawl_from(*resources):
    crawl_roots.extend(name for name in resources if name not in crawl_roots)


def enabled():
    return settings.API_STORED_ANSWERS


def _table(model_name):
    return apps.get_model("home", model_name)._meta.db_table


def identity(request):
    """(what names a delivery read's answer, the language negotiated from Accept-Language or "").

    The path, the query in any order, and the header's language only when there is no `?locale=`."""
    query = sorted(request.GET.lists())
    language = ""
    if "locale" not in request.GET:
        try:
            language = negotiate(None, request.headers.get("Accept-Language"))
        except UnknownLanguage:  # pragma: no cover - the header never raises
            language = ""
    return f"{request.path}?{query!r}|{language}", language


def key(name):
    """The stored answer's key for a request's identity under this release."""
    return hashlib.sha256(f"{release()}|{name}".encode()).hexdigest()


def canonical(request):
    """Whether a read is one the API's own links lead to, so its answer is worth storing."""
    query = request.GET
    if (
        not enabled()
        or not set(query) <= CANONICAL_PARAMS
        or any(len(values) > 1 for _name, values in query.lists())
    ):
        return False
    if "locale" in query and query["locale"] not in content_language_codes():
        return False
    if query.get("fallback", "false") != "false":
        return False
    limit, offset = query.get("limit", "20"), query.get("offset", "0")
    if not all(value.isdigit() and value == str(int(value)) for value in (limit, offset)):
        return False  # "020", "+20", "2e1": other spellings of a canonical window
    return 1 <= int(limit) <= MAX_CANONICAL_LIMIT and int(offset) % int(limit) == 0


def worth_storing(template):
    """A canonical list window past the end of its list is empty for any offset: not stored."""
    match = LIST_ENVELOPE.match(template)
    return match is None or int(match[2]) == 0 or int(match[2]) < int(match[1])


def read(answer_key, compressed=True):
    """(Body, content type) of a fresh stored answer, its view counts filled in; else None.
    An answer kept until any change is fresh while its content version is the current one.
    Without `compressed` its compressed form is not read (a client that takes no gzip)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT content, content_type, counted, {'deflated' if compressed else 'NULL'} "
            f"FROM {_table('StoredAnswer')} "
            "WHERE key = %s AND NOT stale AND (content_version IS NULL OR content_version = "
            f"COALESCE((SELECT number FROM {_table('ContentVersion')} WHERE id = 1), 0))",
            [answer_key],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    content, content_type, counted, packed = row
    keys = counted.split(",") if counted else []
    return filled(content.encode(), keys, view_counts(keys), packed and bytes(packed)), content_type


def filled(template, translation_keys, views, packed=None):
    """The Body of a stored template whose placeholder i shows the views of translation_keys[i]."""
    return Body.of(template, lambda index: str(views.get(translation_keys[index], 0)).encode(), packed)


def view_counts(translation_keys):
    """{translation key: views} for the keys (as recorded: strings) that have any."""
    from home.models import ViewCount

    if not translation_keys:
        return {}
    # Compared as 32 hex digits: SQLite stores a UUID so, PostgreSQL returns UUID objects.
    by_hex = {key.replace("-", ""): key for key in translation_keys}
    wanted = sorted(set(translation_keys) if connection.features.has_native_uuid_field else by_hex)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT translation_key, views FROM {ViewCount._meta.db_table} "
            f"WHERE translation_key IN ({', '.join(['%s'] * len(wanted))})",
            wanted,
        )
        return {by_hex[str(key).replace("-", "")]: count for key, count in cursor.fetchall()}


def store(answer_key, request, language, template, content_type, record, version):
    """Store a rendered answer, unless the content version moved while it rendered (it may then
    show rows a change has replaced). Returns its deflated form (compression.deflate), which is
    stored with it. A failure to store costs only the next reader a render."""
    from home.models import StoredAnswer

    packed = deflate(template)
    if not worth_storing(template):
        return packed
    try:
        text = template.decode()
    except UnicodeDecodeError:  # not UTF-8 text: answered, never stored
        return packed
    query = request.META.get("QUERY_STRING", "")
    until_any_change = request.path in until_any_change_paths
    answer = StoredAnswer(
        key=answer_key,
        release=release(),
        path=request.path + (f"?{query}" if query else ""),
        language=language,
        content=text,
        deflated=packed,
        content_type=content_type,
        counted=",".join(record.counted),
        stale=False,
        content_version=version if until_any_change else None,
    )
    save([answer], {answer_key: set() if until_any_change else record.all_tags()}, version)
    return packed


def save(answers, tags, version):
    """Store answers (or fragments) with their tags ({key: tags}) in one transaction, and mark them
    stale at once if the content version moved since `version` was read: they may show rows a
    change has replaced. A failure to store costs only the next reader a render."""
    from home.models import StoredAnswer, StoredAnswerTag

    keys = [answer.key for answer in answers]
    fields = [
        "release",
        "path",
        "language",
        "content",
        "deflated",
        "content_type",
        "counted",
        "stale",
        "content_version",
        "rendered_at",
    ]
    placeholders = ", ".join(["%s"] * len(keys))
    try:
        with transaction.atomic():
            StoredAnswer.objects.bulk_create(
                answers, update_conflicts=True, unique_fields=["key"], update_fields=fields
            )
            with connection.cursor() as cursor:  # raw: a queryset delete would load and signal each row
                cursor.execute(
                    f"DELETE FROM {StoredAnswerTag._meta.db_table} WHERE answer_id IN ({placeholders})", keys
                )
            StoredAnswerTag.objects.bulk_create(
                [StoredAnswerTag(answer_id=key, tag=tag) for key in keys for tag in sorted(tags[key])]
            )
        if current_version() != version:
            StoredAnswer.objects.filter(key__in=keys).update(stale=True)
    except DatabaseError:
        logger.warning("An answer could not be stored; it will be rendered again.", exc_info=True)


# --- The content version ------------------------------------------------------------------------


def current_version():
    """The number of the last committed change a reader could see (0 before any)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {_table('ContentVersion')} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump_version():
    table = _table("ContentVersion")
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET number = number + 1 WHERE id = 1")
            if cursor.rowcount:
                return
            try:
                with transaction.atomic():
                    cursor.execute(f"INSERT INTO {table} (id, number) VALUES (1, 1)")
            except IntegrityError:  # another process inserted it first
                cursor.execute(f"UPDATE {table} SET number = number + 1 WHERE id = 1")
    except DatabaseError:
        # Content changed by a migration that runs before the table exists has nothing to guard.
        if table in connection.introspection.table_names():
            raise
