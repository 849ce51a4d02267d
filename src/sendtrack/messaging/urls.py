from django.urls import path

from sendtrack.messaging import views

app_name = "messaging"

urlpatterns = [
    path("undelivered/", views.undelivered, name="undelivered"),
]
