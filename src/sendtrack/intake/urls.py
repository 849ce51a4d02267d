from django.urls import path

from sendtrack.intake import sen2_views, views

app_name = "intake"

urlpatterns = [
    path("import-tracker/", views.upload_tracker, name="import-tracker"),
    path("import-tracker/columns/", views.map_tracker, name="map-tracker"),
    path("import-tracker/confirm/", views.confirm_tracker, name="confirm-tracker"),
    path("import-sen2/", sen2_views.upload_sen2, name="import-sen2"),
    path("import-sen2/confirm/", sen2_views.confirm_sen2, name="confirm-sen2"),
    path("imports/", sen2_views.import_runs, name="import-runs"),
    path("imports/<int:pk>/", sen2_views.import_run, name="import-run"),
]
