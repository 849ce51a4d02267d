from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from sendtrack.casework.models import (
    AccessLog,
    Case,
    CaseDocument,
    FamilyLink,
    Involvement,
    PanelMeeting,
    Person,
)
from sendtrack.core.admin import InsertOnlyAdmin


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["ref", "local_area"]
    list_filter = ["local_area"]
    search_fields = ["ref"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["case_ref", "local_area", "stage", "next_due"]
    list_filter = ["local_area", "stage"]
    search_fields = ["case_ref"]
    raw_id_fields = ["person", "caseworker"]
    readonly_fields = [*Case.DERIVED_FIELDS, "content_hash", "version"]


@admin.register(FamilyLink)
class FamilyLinkAdmin(admin.ModelAdmin):
    list_display = ["person", "user", "relationship", "started_on", "ended_on"]
    raw_id_fields = ["person", "user", "granted_by"]


@admin.register(Involvement)
class InvolvementAdmin(admin.ModelAdmin):
    list_display = ["case", "organisation", "started_on", "ended_on"]
    raw_id_fields = ["case"]


@admin.register(PanelMeeting)
class PanelMeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "held_on", "local_area"]


@admin.register(CaseDocument)
class CaseDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "case", "kind", "uploaded_at"]
    raw_id_fields = ["case", "event"]


@admin.register(AccessLog)
class AccessLogAdmin(InsertOnlyAdmin):
    list_display = ["at", "actor", "case", "action"]
    list_filter = ["action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
