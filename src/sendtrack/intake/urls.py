from django.urls import path

from sendtrack.intake import views

app_name = "intake"

urlpatterns = [
    path("import-tracker/", views.upload_tracker, name="import-tracker"),
    path("import-tracker/columns/", views.map_tracker, name="map-tracker"),
    path("import-tracker/confirm/", views.confirm_tracker, name="confirm-tracker"),
]
