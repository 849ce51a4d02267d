from __future__ import annotations

from django.contrib import admin

from sendtrack.core.admin import InsertOnlyAdmin
from sendtrack.improvement import models


@admin.register(models.Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["local_area", "framework", "visit_kind", "started_on", "outcome"]
    list_filter = ["framework", "visit_kind"]


@admin.register(models.Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "local_area", "revisit_judgement"]
    list_filter = ["kind", "revisit_judgement"]


@admin.register(models.Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["local_area", "kind", "issued_on", "minimum_months"]


class ApprovalChangeInline(admin.TabularInline):
    model = models.ApprovalChange
    extra = 0


@admin.register(models.ImprovementPlan)
class ImprovementPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "local_area", "kind", "approval_status"]
    inlines = [ApprovalChangeInline]


@admin.register(models.Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "position"]


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["ref", "plan", "status", "rag", "lead", "due_date"]
    list_filter = ["status", "rag"]
    search_fields = ["ref", "description", "lead"]
    readonly_fields = ["status", "rag", "latest_update", "actual_start", "actual_finish"]


@admin.register(models.ActionUpdate)
class ActionUpdateAdmin(InsertOnlyAdmin):
    list_display = ["action", "recorded_at", "status", "rag", "recorded_by"]


class MeasurePointInline(admin.TabularInline):
    model = models.MeasurePoint
    extra = 1


@admin.register(models.Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "baseline", "baseline_on"]
    inlines = [MeasurePointInline]


@admin.register(models.Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "local_area"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["board", "held_on", "deep_dive_theme"]


@admin.register(models.PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "published_at", "published_by"]
    readonly_fields = ["snapshot"]
