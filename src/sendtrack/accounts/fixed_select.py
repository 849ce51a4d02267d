"""Model rows read by a SELECT written once, for the few reads made on every page.

The ORM builds and compiles a query on every call (about a millisecond for a row with its related
rows); a statement that never changes need not be. `Columns` names the models a statement reads
(each under its alias, every concrete column, in field order) and turns each result row into the
model instances, converting each value as the ORM would (dates, times, JSON, booleans), with the
related instances attached as `select_related` attaches them.

It sits in accounts, the lowest layer that reads the database, so that every app may use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import Field, Model

Converter = Any
AnyField = Field[Any, Any]
Converters = list[tuple[int, list[Converter], Any]]  # (position, converters, column)


class Columns:
    def __init__(self, *models: tuple[type[Model], str], using: str = "default") -> None:
        self.models = models
        self.using = using
        self._fields = [list(model._meta.concrete_fields) for model, _ in models]
        self._pks = [
            fields.index(model._meta.pk) for (model, _), fields in zip(models, self._fields, strict=True)
        ]
        self._converters: list[Converters] | None = None

    def sql(self) -> str:
        """The select list: `alias.column` of every concrete field of each model, in order."""
        return ", ".join(
            f"{alias}.{field.column}"
            for (_, alias), fields in zip(self.models, self._fields, strict=True)
            for field in fields
        )

    def _converters_of(self, fields: Sequence[AnyField], alias: str) -> Converters:
        connection = connections[self.using]
        found = []
        for n, field in enumerate(fields):
            column = field.get_col(alias)
            converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if converters:
                found.append((n, converters, column))
        return found

    def instances(self, row: Sequence[Any]) -> list[Model | None]:
        """One instance of each model from a result row; None for a LEFT JOIN that found no row."""
        if self._converters is None:
            self._converters = [
                self._converters_of(fields, alias)
                for (_, alias), fields in zip(self.models, self._fields, strict=True)
            ]
        connection = connections[self.using]
        out: list[Model | None] = []
        start = 0
        parts = zip(self.models, self._fields, self._pks, self._converters, strict=True)
        for (model, _), fields, pk, converters in parts:
            values = list(row[start : start + len(fields)])
            start += len(fields)
            if values[pk] is None:
                out.append(None)
                continue
            for n, convs, column in converters:
                value = values[n]
                for convert in convs:
                    value = convert(value, column, connection)
                values[n] = value
            out.append(model.from_db(self.using, [f.attname for f in fields], values))
        return out


class Converted:
    """A fixed statement's rows with each column converted as the ORM converts it, given the model
    field the column holds (None: taken as the database gives it, as for ids, text and names)."""

    def __init__(self, *fields: AnyField | None, using: str = "default") -> None:
        self.fields = fields
        self.using = using
        self._converters: Converters | None = None

    def rows(self, rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
        connection = connections[self.using]
        if self._converters is None:
            self._converters = []
            for n, field in enumerate(self.fields):
                if field is None:
                    continue
                column = field.get_col(field.model._meta.db_table)
                converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
                if converters:
                    self._converters.append((n, converters, column))
        out = []
        for row in rows:
            values = list(row)
            for n, convs, column in self._converters:
                value = values[n]
                for convert in convs:
                    value = convert(value, column, connection)
                values[n] = value
            out.append(values)
        return out
