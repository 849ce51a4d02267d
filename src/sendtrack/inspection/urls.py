from django.urls import include, path

from sendtrack.inspection import (
    census_views,
    list_views,
    outcome_views,
    self_evaluation_views,
    tracking_views,
    views,
)

app_name = "inspection"

tracking_pages = [
    path("", tracking_views.tracking, name="tracking"),
    path("leads/", tracking_views.change_leads, name="change-leads"),
    path("add-named-child/", tracking_views.add_named, name="add-named-child"),
    path("draw-rehearsal/", tracking_views.draw_rehearsal, name="draw-rehearsal"),
    path("draw-theme/", tracking_views.draw_theme, name="draw-theme"),
    path("make-packs/", tracking_views.make_packs, name="make-packs"),
    path("<int:tracked_id>/consent/", tracking_views.record_consent, name="record-consent"),
    path("<int:tracked_id>/pack.<str:fmt>", tracking_views.download_pack, name="download-pack"),
]

notification_pages = [
    path("", views.clock, name="clock"),
    path("mark-task-done/", views.mark_task_done, name="mark-task-done"),
    path("record-children-named/", views.record_children_named, name="record-children-named"),
    path("record-outcome/", outcome_views.record_outcome, name="record-outcome"),
    path("start-plan/", outcome_views.start_plan, name="start-plan"),
    path("lists/", list_views.lists, name="lists"),
    path("lists/list-<int:number>.<str:fmt>", list_views.download, name="download-list"),
    path("tracking/", include(tracking_pages)),
]

self_evaluation_pages = [
    path("", self_evaluation_views.self_evaluation, name="self-evaluation"),
    path("statement/<str:key>/", self_evaluation_views.save_statement, name="self-evaluation-statement"),
    path("freeze/", self_evaluation_views.freeze, name="self-evaluation-freeze"),
    path("draft.docx", self_evaluation_views.word, name="self-evaluation-word"),
    path("versions/<int:pk>/", self_evaluation_views.version, name="self-evaluation-version"),
    path("versions/<int:pk>.docx", self_evaluation_views.word, name="self-evaluation-version-word"),
]

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("census-extract/", census_views.upload_census, name="upload-census"),
    path("<int:pk>/", include(notification_pages)),
    path("self-evaluation/", self_evaluation_views.start, name="self-evaluation-start"),
    path("self-evaluation/<str:area_code>/", include(self_evaluation_pages)),
]
