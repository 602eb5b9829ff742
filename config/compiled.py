"""A query asked on every request, compiled to SQL once per database connection (issue 13).

Django turns a queryset into SQL anew each time it is run. For the handful of queries every
request makes before its view (the user with their rights: a select of three tables and a dozen
subqueries), building and compiling the queryset cost several times what the database takes to
answer. `CompiledQuery` builds and compiles it once per connection, with stand-in values for
what changes between requests (the user's pk), and then runs the same SQL with the request's
values and turns the rows into model instances as the queryset would (select_related and
annotations included).

The SQL is the queryset's own, so the rule it expresses stays where it is written: only the
values of the placeholders change. It is compiled again for a new connection object (another
thread, a test's database), when the connection's vendor changes, and when `key()` changes
(what the queryset is built from, e.g. the facts the apps registered).

On PostgreSQL the SQL is also a prepared statement of the connection (ADR 0035): planning the
rights query took 4 ms, running it 0.3 ms. It is prepared only where the connection allows it
(`DATABASE_PREPARED_STATEMENTS`: psycopg's `prepare_threshold`); elsewhere it runs as any
query."""

from collections.abc import Callable, Hashable
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators


@cache
def _preparing_cursor() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=True, **kwargs):
            return super().execute(query, params, prepare=prepare, **kwargs)

    return PreparingCursor


def _cursor(connection):
    """Django's cursor (its errors Django's), on PostgreSQL one that binds on the server and
    prepares what it runs: Django's cursors bind on the client, which psycopg never prepares.
    Not while queries are logged (DEBUG, a test counting them): psycopg keeps no SQL of a
    prepared statement's run for the log. The connection's cursor factory is swapped for the
    one call, which is safe: a connection belongs to one thread."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    factory, raw.cursor_factory = raw.cursor_factory, _preparing_cursor()
    try:
        return connection.cursor()
    finally:
        raw.cursor_factory = factory


class _Compiled:
    """The SQL of one queryset for one connection, and how to read its rows."""

    def __init__(self, queryset, placeholders: tuple, key: Hashable):
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.positions = []
        for placeholder in placeholders:
            found = [i for i, param in enumerate(self.params) if param == placeholder]
            if len(found) != 1:
                raise ValueError("each placeholder must be one parameter of the query's SQL")
            self.positions.append(found[0])
        self.key = key
        self.compiler = compiler
        self.db = queryset.db
        klass_info = compiler.klass_info
        select_fields = klass_info["select_fields"]
        self.model = klass_info["model"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        columns = compiler.select[self.start : self.end]
        self.init_list = [column[0].target.attname for column in columns]
        self.populators = get_related_populators(klass_info, compiler.select, queryset.db)
        self.annotations = tuple(compiler.annotation_col_map.items())
        self.converters = compiler.get_converters([column[0] for column in compiler.select])

    def run(self, values) -> list:
        params = list(self.params)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        with _cursor(self.compiler.connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        found = []
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        for row in rows:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            found.append(obj)
        return found


class CompiledQuery:
    """`build(*placeholders)` gives the queryset; `fetch(*values)` runs its SQL with `values` in
    the placeholders' places and returns its model instances. Each placeholder must appear once
    among the SQL's parameters, as the value the database receives (an int, a string), so pick
    values no request sends (a negative pk). `key()` names what else the SQL depends on."""

    def __init__(self, build: Callable, placeholders: tuple, key: Callable[[], Hashable] = tuple):
        self.build = build
        self.placeholders = placeholders
        self.key = key
        # By connection object (one per thread and alias): the compiled query holds its
        # connection, so a thread's connection is kept as long as the process, as Django does.
        self._compiled: dict[int, _Compiled] = {}

    def fetch(self, *values, using: str = DEFAULT_DB_ALIAS) -> list:
        connection = connections[using]
        key = (connection.vendor, self.key())
        compiled = self._compiled.get(id(connection))
        if compiled is None or compiled.key != key:
            queryset = self.build(*self.placeholders).using(using)
            compiled = _Compiled(queryset, self.placeholders, key)
            self._compiled[id(connection)] = compiled
        return compiled.run(values)
