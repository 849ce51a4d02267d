from django.contrib import admin
from django.urls import include, path

from sendtrack.api import api
from sendtrack.core import views as core_views

handler400 = "sendtrack.core.views.bad_request"
handler403 = "sendtrack.core.views.permission_denied"
handler404 = "sendtrack.core.views.page_not_found"
handler500 = "sendtrack.core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("account/", include("sendtrack.accounts.urls")),
    path("casework/", include("sendtrack.casework.urls")),
    path("casework/", include("sendtrack.documents.urls")),
    path("improvement/", include("sendtrack.improvement.urls")),
    path("performance/", include("sendtrack.performance.urls")),
    path("plans/", include("sendtrack.ehcplan.urls")),
    path("inspection/", include("sendtrack.inspection.urls")),
    path("intake/", include("sendtrack.intake.urls")),
    path("forecast/", include("sendtrack.forecast.urls")),
    path("jobs/", include("sendtrack.jobs.urls")),
    path("messages/", include("sendtrack.messaging.urls")),
    path("", include("sendtrack.portal.urls")),
    path("", include("sendtrack.core.urls")),
]
