"""Rows written once and never changed or deleted: the audit trail, the access log, progress updates.

A model says so by inheriting `InsertOnly`; saving an existing row, deleting one, or changing or
deleting rows in bulk through its manager then raises `RowIsInsertOnly`. Erasure at the end of a
retention period goes round this on purpose, through the model's base manager.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class RowIsInsertOnly(ValueError):
    """Raised by any attempt to change or delete a row that is written once."""


def _refusal(model: type[models.Model], what: str) -> RowIsInsertOnly:
    return RowIsInsertOnly(f"{str(model._meta.verbose_name_plural).capitalize()} are never {what}")


class InsertOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise _refusal(self.model, "changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refusal(self.model, "deleted")


class InsertOnly(models.Model):
    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise _refusal(type(self), "changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refusal(type(self), "deleted")
