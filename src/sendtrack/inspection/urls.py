from django.urls import path

from sendtrack.inspection import (
    census_views,
    list_views,
    outcome_views,
    self_evaluation_views,
    tracking_views,
    views,
)

app_name = "inspection"

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("<int:pk>/", views.clock, name="clock"),
    path("census-extract/", census_views.upload_census, name="upload-census"),
    path("<int:pk>/mark-task-done/", views.mark_task_done, name="mark-task-done"),
    path("<int:pk>/record-children-named/", views.record_children_named, name="record-children-named"),
    path("<int:pk>/record-outcome/", outcome_views.record_outcome, name="record-outcome"),
    path("<int:pk>/start-plan/", outcome_views.start_plan, name="start-plan"),
    path("<int:pk>/lists/", list_views.lists, name="lists"),
    path("<int:pk>/lists/list-<int:number>.<str:fmt>", list_views.download, name="download-list"),
    path("<int:pk>/tracking/", tracking_views.tracking, name="tracking"),
    path("<int:pk>/tracking/leads/", tracking_views.change_leads, name="change-leads"),
    path("<int:pk>/tracking/add-named-child/", tracking_views.add_named, name="add-named-child"),
    path("<int:pk>/tracking/draw-rehearsal/", tracking_views.draw_rehearsal, name="draw-rehearsal"),
    path("<int:pk>/tracking/draw-theme/", tracking_views.draw_theme, name="draw-theme"),
    path("<int:pk>/tracking/make-packs/", tracking_views.make_packs, name="make-packs"),
    path("<int:pk>/tracking/<int:tracked_id>/consent/", tracking_views.record_consent, name="record-consent"),
    path(
        "<int:pk>/tracking/<int:tracked_id>/pack.<str:fmt>",
        tracking_views.download_pack,
        name="download-pack",
    ),
    path("self-evaluation/", self_evaluation_views.start, name="self-evaluation-start"),
    path("self-evaluation/<str:area_code>/", self_evaluation_views.self_evaluation, name="self-evaluation"),
    path(
        "self-evaluation/<str:area_code>/statement/<str:key>/",
        self_evaluation_views.save_statement,
        name="self-evaluation-statement",
    ),
    path(
        "self-evaluation/<str:area_code>/freeze/", self_evaluation_views.freeze, name="self-evaluation-freeze"
    ),
    path(
        "self-evaluation/<str:area_code>/draft.docx", self_evaluation_views.word, name="self-evaluation-word"
    ),
    path(
        "self-evaluation/<str:area_code>/versions/<int:pk>/",
        self_evaluation_views.version,
        name="self-evaluation-version",
    ),
    path(
        "self-evaluation/<str:area_code>/versions/<int:pk>.docx",
        self_evaluation_views.word,
        name="self-evaluation-version-word",
    ),
]
