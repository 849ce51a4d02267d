from django.urls import path

from sendtrack.improvement.views import actions, imports, inspections, measures, meetings, plans, public

app_name = "improvement"

# Pages anyone may open without signing in (read by the whole-site anonymous-access test).
PUBLIC_URL_NAMES = [
    "improvement:public-plans",
    "improvement:public-plan",
    "improvement:public-version",
    "improvement:public-changes",
]

urlpatterns = [
    path("", plans.plan_list, name="plans"),
    path("import/", imports.import_plan, name="import-plan"),
    path("<int:plan_id>/", plans.plan_overview, name="plan"),
    path("<int:plan_id>/progress/", plans.plan_progress, name="plan-progress"),
    path("<int:plan_id>/actions/", actions.action_list, name="actions"),
    path("<int:plan_id>/actions/<str:ref>/", actions.action_detail, name="action"),
    path(
        "<int:plan_id>/actions/<str:ref>/record-action-update/",
        actions.record_action_update,
        name="record-action-update",
    ),
    path("<int:plan_id>/exceptions/", plans.exception_report, name="exceptions"),
    path("<int:plan_id>/timeline/", plans.timeline, name="timeline"),
    path("<int:plan_id>/readiness/", plans.readiness, name="readiness"),
    path("<int:plan_id>/export/", plans.plan_export, name="export-plan"),
    path("<int:plan_id>/publish/", meetings.publish, name="publish-plan"),
    path("<int:plan_id>/approval/", meetings.change_approval, name="change-approval"),
    path("<int:plan_id>/meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("<int:plan_id>/meetings/<int:meeting_id>/board-report/", meetings.board_report, name="board-report"),
    path("<int:plan_id>/meetings/<int:meeting_id>/papers/", meetings.meeting_papers, name="meeting-papers"),
    path("<int:plan_id>/record-board/", meetings.record_board, name="record-board"),
    path("<int:plan_id>/record-meeting/", meetings.record_meeting, name="record-meeting"),
    path("<int:plan_id>/record-inspection/", inspections.record_inspection, name="record-inspection"),
    path("<int:plan_id>/link-inspection/", inspections.link_inspection, name="link-inspection"),
    path(
        "<int:plan_id>/inspections/<int:inspection_id>/letter/",
        inspections.inspection_letter,
        name="inspection-letter",
    ),
    path(
        "<int:plan_id>/inspections/<int:inspection_id>/record-finding/",
        inspections.record_finding,
        name="record-finding",
    ),
    path(
        "<int:plan_id>/findings/<int:finding_id>/record-revisit-judgement/",
        inspections.record_revisit_judgement,
        name="record-revisit-judgement",
    ),
    path("<int:plan_id>/record-intervention/", inspections.record_intervention, name="record-intervention"),
    path("<int:plan_id>/record-measure/", measures.record_measure, name="record-measure"),
    path(
        "<int:plan_id>/measures/<int:measure_id>/record-milestone/",
        measures.record_milestone,
        name="record-measure-milestone",
    ),
    path(
        "<int:plan_id>/measures/<int:measure_id>/record-actual/",
        measures.record_actual,
        name="record-measure-actual",
    ),
    path("public/<str:area_code>/", public.public_plans, name="public-plans"),
    path("public/<str:area_code>/<int:plan_id>/", public.public_plan, name="public-plan"),
    path(
        "public/<str:area_code>/<int:plan_id>/versions/<int:number>/",
        public.public_version,
        name="public-version",
    ),
    path("public/<str:area_code>/<int:plan_id>/changes/", public.public_changes, name="public-changes"),
]
