from django.urls import path

from sendtrack.jobs import views

app_name = "jobs"

urlpatterns = [
    path("schedules/", views.schedules, name="schedules"),
    path("<uuid:job_id>/", views.job, name="job"),
    path("<uuid:job_id>/download/", views.download, name="download"),
]
