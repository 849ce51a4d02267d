"""Fast inserts of many rows: PostgreSQL's COPY where available, bulk_create elsewhere."""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from psycopg import abc as psycopg_abc
from psycopg import postgres
from psycopg._copy_base import format_row_binary  # psycopg's own encoder of a binary COPY row
from psycopg.adapt import Transformer
from psycopg.pq import Format

from sendtrack.core.timing import log_time, logged_time

# Non-ASCII kept as it is, as `json.dumps(value, ensure_ascii=False)` writes it.
_JSON = json.JSONEncoder(ensure_ascii=False)


def insert_rows(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert plain rows, each a tuple of values for `columns` (attnames such as `case_id`), without
    building model objects; the model's other columns take their defaults, JSON columns take Python
    values.

    No `save()` runs and no primary keys come back: use it only for rows nothing else points at
    within the same import, or give the keys (`insert_new`).
    """
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=2000
        )
        return
    fields = {f.attname: f for f in model._meta.concrete_fields}
    given = [fields[name] for name in columns]
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in columns]
    tail = tuple(binary_json(f.get_default()) if _is_json(f) else f.get_default() for f in rest)
    json_at = [i for i, field in enumerate(given) if _is_json(field)]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in [*given, *rest])
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        # Binary: no dates or numbers written out as text for the server to parse back.
        with raw.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:  # noqa: S608 (names from the model)
            copy.set_types([_binary_type(f) for f in [*given, *rest]])
            write = copy.write_row
            for row in rows:
                if json_at:
                    row = list(row)
                    for i in json_at:
                        row[i] = binary_json(row[i])
                write((*row, *tail))


# COPY's binary format: the header before the rows, and the end after them.
BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
BINARY_END = b"\xff\xff"


class BinaryRows:
    """Rows of one table in COPY's binary format, made without a database connection, so that a
    worker process can encode them and the process that copies only joins bytes.

    A row is `head` columns, given by the process that copies (such as the case id, known only
    there), then `columns`, then the model's other columns at their defaults. `tail` encodes a
    row's `columns` (JSON ones given as `binary_json` bytes) and the defaults; `head` encodes the
    head's values once, to go before each of a case's tails; `insert_encoded` copies them. The bytes
    are what psycopg's `write_row` writes for the same values and types (`insert_rows`).
    """

    def __init__(self, model: type[models.Model], head: Sequence[str], columns: Sequence[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        given = [fields[name] for name in [*head, *columns]]
        rest = [
            f for f in model._meta.concrete_fields if not f.primary_key and f.attname not in (*head, *columns)
        ]
        self.model = model
        self.names = [f.column for f in [*given, *rest]]
        self.defaults = tuple(binary_json(f.get_default()) if _is_json(f) else f.get_default() for f in rest)
        types = [_binary_type(f) for f in [*given, *rest]]
        self._count = struct.pack("!h", len(types))
        self._head = _binary_transformer(types[: len(head)])
        self._tail = _binary_transformer(types[len(head) :])

    def head(self, values: Sequence[Any]) -> bytes:
        out = bytearray()
        format_row_binary(values, self._head, out)
        return self._count + out[2:]

    def tail(self, values: Sequence[Any]) -> bytes:
        out = bytearray()
        format_row_binary((*values, *self.defaults), self._tail, out)
        return bytes(out[2:])


def _binary_transformer(types: Sequence[str]) -> psycopg_abc.Transformer:
    transformer = Transformer()
    transformer.set_dumper_types([postgres.types.get_oid(name) for name in types], Format.BINARY)
    return transformer


def insert_encoded(rows: BinaryRows, encoded: Sequence[bytes]) -> None:
    """Copy rows encoded by `rows` (each a head and a tail joined) on PostgreSQL."""
    if not encoded:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in rows.names)
    table = quote(rows.model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)"  # noqa: S608 (names from the model)
        ) as copy,
    ):
        copy.write(BINARY_HEADER)
        for first in range(0, len(encoded), 2000):
            copy.write(b"".join(encoded[first : first + 2000]))
        copy.write(BINARY_END)


def _is_json(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, models.JSONField)


def _binary_type(field: models.Field[Any, Any]) -> str:
    """The type psycopg writes a column's values as: its own, but JSON as raw bytes (`binary_json`)."""
    if _is_json(field):
        return "bytea"
    db_type = field.db_type(connection) or "text"
    return db_type.split("(")[0]


# jsonb's binary form is the format's version, then the JSON text.
JSONB = b"\x01"


def binary_json(value: Any) -> bytes | None:
    """A value in jsonb's binary form. Bytes are taken as that form already (encoded in a worker
    process)."""
    if value is None or isinstance(value, bytes):
        return value
    return JSONB + b"[]" if value == [] else JSONB + _JSON.encode(value).encode()


def insert_new(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    keyed: tuple[str, Callable[[int], Any]] | None = None,
) -> list[int]:
    """Insert new rows as `insert_rows` does and return their primary keys, in the rows' order.

    On PostgreSQL the keys are drawn from the table's sequence in one query and copied with the
    rows (an INSERT ... RETURNING of every row costs several times more); elsewhere `bulk_create`.
    `keyed` is a column whose value is worked out from each row's new key, (column, function):
    on PostgreSQL written with the row; elsewhere, where keys come back only once the rows are in,
    set by one UPDATE a value.
    """
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objects, batch_size=2000)
        ids = [obj.pk for obj in objects]
        if keyed is not None:
            _set_keyed(model, keyed, ids)
        return ids
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) AS id FROM generate_series(1, %s) ORDER BY id",
            [connection.ops.quote_name(model._meta.db_table), pk.column, len(rows)],
        )
        ids = [pk_ for (pk_,) in cursor.fetchall()]
    if keyed is None:
        insert_rows(model, [pk.attname, *columns], [(pk_, *row) for pk_, row in zip(ids, rows, strict=True)])
    else:
        column, value_of = keyed
        insert_rows(
            model,
            [pk.attname, *columns, column],
            [(pk_, *row, value_of(pk_)) for pk_, row in zip(ids, rows, strict=True)],
        )
    return ids


def _set_keyed(model: type[models.Model], keyed: tuple[str, Callable[[int], Any]], ids: list[int]) -> None:
    column, value_of = keyed
    by_value: dict[Any, list[int]] = {}
    for pk in ids:
        by_value.setdefault(value_of(pk), []).append(pk)
    for value, keys in by_value.items():
        for first in range(0, len(keys), 500):
            model._default_manager.filter(pk__in=keys[first : first + 500]).update(**{column: value})


def analyze(models_: list[type[models.Model]]) -> None:
    """Refresh PostgreSQL's statistics of tables a bulk load has just filled.

    Autovacuum analyzes a table only some time after the load commits; a query run before then
    plans as if the table were still empty (a nested loop over every case) and takes minutes.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models_)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


@contextmanager
def indexes_built_after(models_: list[type[models.Model]]) -> Iterator[bool]:
    """Inside a transaction on PostgreSQL, when every table given is empty: drop their secondary
    indexes and foreign keys, and build each again in one pass when the block ends.

    Rows copied into an indexed table update every index row by row, and a deferred foreign key
    queues a check per row until commit; building an index from the loaded table, and checking a
    foreign key with one join, is several times quicker for millions of rows. Primary keys and
    unique constraints stay, so every row is still checked as it comes in. If the block raises, the
    transaction's rollback brings the indexes back. Yields whether the indexes were dropped.
    """
    tables = [model._meta.db_table for model in models_]
    if connection.vendor != "postgresql" or not _all_empty(tables):
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
            " WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s) ORDER BY c.conname",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary AND NOT i.indisunique"
            " ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        quote = connection.ops.quote_name
        with _checks_done():
            for table, name, _ in foreign_keys:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    started, cpu = time.monotonic(), time.process_time()
    yield True
    log_time("rows loaded", started, cpu)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for name, definition in indexes:
            with logged_time(f"index {name}"):
                cursor.execute(definition)
        with _checks_done():
            for table, name, definition in foreign_keys:
                with logged_time(f"foreign key {name}"):
                    cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


@contextmanager
def _checks_done() -> Iterator[None]:
    """PostgreSQL alters no table with foreign key checks still queued (rows written earlier in the
    transaction): run them now, and defer again after. Every deferrable constraint of the schema is
    initially deferred (Django's foreign keys), so deferring all of them restores what was."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        yield
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _all_empty(tables: list[str]) -> bool:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(table)})")  # noqa: S608 (a model's table)
            if cursor.fetchone()[0]:
                return False
    return True
