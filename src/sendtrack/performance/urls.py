from django.urls import path

from sendtrack.performance.views import dashboard, sen2

app_name = "performance"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("areas/<str:area_code>/", dashboard.area_dashboard, name="area-dashboard"),
    path("areas/<str:area_code>/kpis/<str:kpi_id>/", dashboard.kpi_detail, name="kpi"),
    path("areas/<str:area_code>/kpis/<str:kpi_id>/cases/", dashboard.kpi_cases, name="kpi-cases"),
    path("areas/<str:area_code>/sen2-issues/", sen2.sen2_issues, name="sen2-issues"),
    path("areas/<str:area_code>/sen2-issues/check/", sen2.sen2_check_status, name="sen2-check-status"),
    path("areas/<str:area_code>/sen2-return/", sen2.sen2_export, name="sen2-export"),
]
