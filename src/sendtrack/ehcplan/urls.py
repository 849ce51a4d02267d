from django.urls import path

from sendtrack.ehcplan import audit_views, views

app_name = "ehcplan"

urlpatterns = [
    path("quality/", views.quality, name="quality"),
    path("audits/", audit_views.audit_rounds, name="audits"),
    path("audits/<int:audit_id>/", audit_views.audit_results, name="audit"),
    path("audits/<int:audit_id>/grade/<int:assignment_id>/", audit_views.grade, name="audit-grade"),
    path("cases/<str:case_ref>/", views.plan_page, name="plan"),
    path("cases/<str:case_ref>/start/", views.start, name="start"),
    path("cases/<str:case_ref>/sections/<str:code>/", views.edit_section, name="edit-section"),
    path("cases/<str:case_ref>/add/<slug:part>/", views.add_part, name="add"),
    path("cases/<str:case_ref>/advice-emails/", views.advice_emails, name="advice-emails"),
    path("cases/<str:case_ref>/check/<slug:part>/", views.check_part, name="check"),
    path("cases/<str:case_ref>/issue/", views.issue, name="issue"),
    path("cases/<str:case_ref>/confirm/<int:confirmation_id>/", views.confirm, name="confirm"),
    path("cases/<str:case_ref>/versions/<int:number>.docx", views.download, name="download"),
    path("cases/<str:case_ref>/versions/<int:number>.pdf", views.download_pdf, name="download-pdf"),
    path("cases/<str:case_ref>/compare/", views.compare, name="compare"),
    path("cases/<str:case_ref>/import/", views.import_word, name="import"),
]
