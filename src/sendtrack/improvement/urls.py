from django.urls import include, path

from sendtrack.improvement.views import actions, imports, inspections, measures, meetings, plans, public

app_name = "improvement"

# Pages anyone may open without signing in (read by the whole-site anonymous-access test).
PUBLIC_URL_NAMES = [
    "improvement:public-plans",
    "improvement:public-plan",
    "improvement:public-version",
    "improvement:public-changes",
]

action_pages = [
    path("", actions.action_list, name="actions"),
    path("<str:ref>/", actions.action_detail, name="action"),
    path("<str:ref>/record-action-update/", actions.record_action_update, name="record-action-update"),
]

meeting_pages = [
    path("", meetings.meeting_detail, name="meeting"),
    path("board-report/", meetings.board_report, name="board-report"),
    path("papers/", meetings.meeting_papers, name="meeting-papers"),
]

inspection_pages = [
    path("letter/", inspections.inspection_letter, name="inspection-letter"),
    path("record-finding/", inspections.record_finding, name="record-finding"),
]

measure_pages = [
    path("record-milestone/", measures.record_milestone, name="record-measure-milestone"),
    path("record-actual/", measures.record_actual, name="record-measure-actual"),
]

plan_pages = [
    path("", plans.plan_overview, name="plan"),
    path("progress/", plans.plan_progress, name="plan-progress"),
    path("actions/", include(action_pages)),
    path("exceptions/", plans.exception_report, name="exceptions"),
    path("timeline/", plans.timeline, name="timeline"),
    path("readiness/", plans.readiness, name="readiness"),
    path("export/", plans.plan_export, name="export-plan"),
    path("publish/", meetings.publish, name="publish-plan"),
    path("approval/", meetings.change_approval, name="change-approval"),
    path("meetings/<int:meeting_id>/", include(meeting_pages)),
    path("record-board/", meetings.record_board, name="record-board"),
    path("record-meeting/", meetings.record_meeting, name="record-meeting"),
    path("record-inspection/", inspections.record_inspection, name="record-inspection"),
    path("link-inspection/", inspections.link_inspection, name="link-inspection"),
    path("inspections/<int:inspection_id>/", include(inspection_pages)),
    path(
        "findings/<int:finding_id>/record-revisit-judgement/",
        inspections.record_revisit_judgement,
        name="record-revisit-judgement",
    ),
    path("record-intervention/", inspections.record_intervention, name="record-intervention"),
    path("record-measure/", measures.record_measure, name="record-measure"),
    path("measures/<int:measure_id>/", include(measure_pages)),
]

public_pages = [
    path("", public.public_plans, name="public-plans"),
    path("<int:plan_id>/", public.public_plan, name="public-plan"),
    path("<int:plan_id>/versions/<int:number>/", public.public_version, name="public-version"),
    path("<int:plan_id>/changes/", public.public_changes, name="public-changes"),
]

urlpatterns = [
    path("", plans.plan_list, name="plans"),
    path("import/", imports.import_plan, name="import-plan"),
    path("<int:plan_id>/", include(plan_pages)),
    path("public/<str:area_code>/", include(public_pages)),
]
