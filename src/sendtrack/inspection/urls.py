from django.urls import path

from sendtrack.inspection import list_views, outcome_views, views

app_name = "inspection"

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("<int:pk>/", views.clock, name="clock"),
    path("<int:pk>/mark-task-done/", views.mark_task_done, name="mark-task-done"),
    path("<int:pk>/record-children-named/", views.record_children_named, name="record-children-named"),
    path("<int:pk>/record-outcome/", outcome_views.record_outcome, name="record-outcome"),
    path("<int:pk>/start-plan/", outcome_views.start_plan, name="start-plan"),
    path("<int:pk>/lists/", list_views.lists, name="lists"),
    path("<int:pk>/lists/list-<int:number>.<str:fmt>", list_views.download, name="download-list"),
]
