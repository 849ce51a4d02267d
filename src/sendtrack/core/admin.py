"""What the administration pages of several apps share."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest


class InsertOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows written once (`core.insert_only.InsertOnly`) are shown here, never changed or deleted."""

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
