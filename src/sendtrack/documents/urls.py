from django.urls import path

from sendtrack.documents import views

app_name = "documents"

urlpatterns = [
    path("cases/<str:case_ref>/documents/", views.document_list, name="list"),
    path("cases/<str:case_ref>/documents/upload/", views.upload, name="upload"),
    path("cases/<str:case_ref>/documents/<int:document_id>/", views.download, name="download"),
    path("cases/<str:case_ref>/documents/<int:document_id>/change/", views.change, name="change"),
]
