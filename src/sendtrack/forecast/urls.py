from django.urls import path

from sendtrack.forecast import views

app_name = "forecast"

urlpatterns = [
    path("", views.forecast, name="forecast"),
    path("areas/<str:area_code>/", views.forecast, name="area-forecast"),
]
