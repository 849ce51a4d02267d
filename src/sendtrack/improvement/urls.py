from django.urls import path

from sendtrack.improvement.views import actions, imports, meetings, plans, public

app_name = "improvement"

# Pages anyone may open without signing in (read by the whole-site anonymous-access test).
PUBLIC_URL_NAMES = ["public-plans", "public-plan", "public-version", "public-changes"]

urlpatterns = [
    path("", plans.plan_list, name="plans"),
    path("import/", imports.import_plan, name="import-plan"),
    path("<int:plan_id>/", plans.plan_overview, name="plan"),
    path("<int:plan_id>/progress/", plans.plan_progress, name="plan-progress"),
    path("<int:plan_id>/actions/", actions.action_list, name="actions"),
    path("<int:plan_id>/actions/<str:ref>/", actions.action_detail, name="action"),
    path(
        "<int:plan_id>/actions/<str:ref>/record-update/", actions.record_update, name="record-action-update"
    ),
    path("<int:plan_id>/exceptions/", plans.exception_report, name="exceptions"),
    path("<int:plan_id>/timeline/", plans.timeline, name="timeline"),
    path("<int:plan_id>/readiness/", plans.readiness, name="readiness"),
    path("<int:plan_id>/export/", plans.plan_export, name="export-plan"),
    path("<int:plan_id>/publish/", meetings.publish, name="publish-plan"),
    path("<int:plan_id>/approval/", meetings.change_approval, name="change-approval"),
    path("<int:plan_id>/meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("<int:plan_id>/meetings/<int:meeting_id>/board-report/", meetings.board_report, name="board-report"),
    path("public/<str:area_code>/", public.public_plans, name="public-plans"),
    path("public/<str:area_code>/<int:plan_id>/", public.public_plan, name="public-plan"),
    path(
        "public/<str:area_code>/<int:plan_id>/versions/<int:number>/",
        public.public_version,
        name="public-version",
    ),
    path("public/<str:area_code>/<int:plan_id>/changes/", public.public_changes, name="public-changes"),
]
