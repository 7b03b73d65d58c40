"""Queries built and compiled once per shape, run with new values at every call.

Building and compiling a queryset costs far more than running it for the queries a render
repeats: cProfile of a rendered news detail put SQL at about a tenth of its time and Django
building and compiling SQL at most of the rest. The SQL of those queries depends only on their
shape (the models, the languages of a reader's chain, the branches hidden from readers), not on
the page it is asked about.

    neighbours = Prepared(build, columns=("newer_pk", "older_pk"))
    rows = neighbours(key=(chain, visibility), values={"translation_key": key})

`build(key)` returns a queryset that names each per-call value with `Slot(name, field)` and ends
in `values_list(*columns)`. It is built and compiled once per key and database connection (a
bounded number of shapes per process), and every call runs the compiled SQL with the values
prepared for the database by the slot's field. The key must hold everything `build` reads other
than the slots: a key that missed an input would run one shape's SQL for another.

`settings.PREPARED_QUERIES = False` compiles at every call: the same SQL, the same answers.

Rows are not model instances, so no `post_init` receiver sees them: `rows_read` is sent with the
queryset's model and the rows of every call instead (home.answers.recording tags an answer with
the pages and snippets it read this way).
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.db import connections
from django.db.models import Expression
from django.dispatch import Signal

# Sent after each call with `sender` the model of the query and `rows` the dicts it returns.
rows_read = Signal()


class Slot(Expression):
    """A value given at each call of a Prepared query; `output_field` prepares it for the database."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [_Marker(self.name, self.output_field)]

    def __repr__(self):
        return f"Slot({self.name!r})"


class _Marker:
    __slots__ = ("name", "field")

    def __init__(self, name, field):
        self.name, self.field = name, field


class Prepared:
    """One query shape: see the module's documentation."""

    # Shapes kept per Prepared and connection: a chain per language and fallback, times the few
    # sets of hidden branches a site goes through between deploys.
    MAX_SHAPES = 64

    def __init__(self, build, columns, converters=None):
        self.build = build
        self.columns = tuple(columns)
        self.converters = dict(converters or {})
        self._compiled = OrderedDict()
        self._lock = threading.Lock()

    def compile(self, key, using="default"):
        """(sql, params with markers, model) of the shape `key` on connection `using`."""
        queryset = self.build(key)
        names = getattr(queryset, "_fields", None)
        if tuple(names or ()) != self.columns:
            raise ValueError(f"the query must end in values_list{self.columns}, not {names}")
        # A shape whose condition can match nothing (an empty IN list) compiles to "0 = 1"
        # rather than raising EmptyResultSet.
        sql, params = queryset.query.get_compiler(using=using, elide_empty=False).as_sql()
        return sql, params, queryset.model

    def sql(self, key, using="default"):
        if not settings.PREPARED_QUERIES:
            return self.compile(key, using)
        cache_key = (key, using)
        with self._lock:
            compiled = self._compiled.get(cache_key)
            if compiled is not None:
                self._compiled.move_to_end(cache_key)
                return compiled
        compiled = self.compile(key, using)
        with self._lock:
            self._compiled[cache_key] = compiled
            while len(self._compiled) > self.MAX_SHAPES:
                self._compiled.popitem(last=False)
        return compiled

    def shapes(self):
        """How many shapes are compiled now."""
        return len(self._compiled)

    def __call__(self, key, values=None, using="default"):
        """The rows of shape `key` for `values` ({slot name: value}), each a dict of the columns."""
        sql, template, model = self.sql(key, using)
        connection = connections[using]
        values = values or {}
        params = [
            p.field.get_db_prep_value(values[p.name], connection, prepared=False)
            if isinstance(p, _Marker)
            else p
            for p in template
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        result = []
        for row in rows:
            row = dict(zip(self.columns, row, strict=True))
            for name, convert in self.converters.items():
                if row[name] is not None:
                    row[name] = convert(row[name])
            result.append(row)
        if result:
            rows_read.send(sender=model, rows=result)
        return result
