from django.urls import path

from sendtrack.casework.views import administration, cases, history, imports, lists, tracker

app_name = "casework"

urlpatterns = [
    path("", tracker.tracker, name="tracker"),
    path("tracker.csv", tracker.tracker_export, {"file_format": "csv"}, name="tracker-csv"),
    path("tracker.xlsx", tracker.tracker_export, {"file_format": "xlsx"}, name="tracker-xlsx"),
    path("import/", imports.import_cases, name="import-cases"),
    path("advice/", lists.advice, name="advice"),
    path("reviews/", lists.reviews, name="reviews"),
    path("phase-transfers/", lists.phase_transfers, name="phase-transfers"),
    path("panels/", lists.panels, name="panels"),
    path("cases/<str:case_ref>/", cases.person, name="person"),
    path("cases/<str:case_ref>/access-log/", administration.access_log, name="access-log"),
    path(
        "cases/<str:case_ref>/subject-access/",
        administration.subject_access_request,
        name="subject-access",
    ),
    path("cases/<str:case_ref>/history/", history.history, name="history"),
    path("cases/<str:case_ref>/details/", cases.edit_details, name="edit-details"),
    path("cases/<str:case_ref>/record/<slug:event_type>/", cases.record_event, name="record-event"),
    path("cases/<str:case_ref>/events/<int:event_id>/correct/", cases.correct_event, name="correct-event"),
]
