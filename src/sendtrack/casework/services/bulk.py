"""Fast inserts of many rows: PostgreSQL's COPY where available, bulk_create elsewhere."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, models


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]], batch_size: int = 2000) -> None:
    """Insert plain rows (keys are column attnames such as `case_id`) without building model objects.

    No `save()` runs and no primary keys come back: use it only for rows nothing else points at
    within the same import.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    defaults = {f.attname: f.get_default() for f in fields}
    names = [f.attname for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 (names from the model)
            for row in rows:
                values = []
                for name in names:
                    value = row.get(name, defaults[name])
                    if name in json_fields and value is not None:
                        value = json.dumps(value, ensure_ascii=False)
                    values.append(value)
                copy.write_row(values)
