from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.selectors import active_membership, is_family_only


@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    if is_family_only(request.user):
        return redirect("portal:family-home")
    return render(request, "core/home.html", {"membership": active_membership(request)})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    from sendtrack.core.readiness import readiness

    ready, report = readiness()
    return JsonResponse({"status": "ok" if ready else "unavailable", **report}, status=200 if ready else 503)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request, so it works even when the database does not."""
    return HttpResponse(
        loader.get_template("errors/500.html").render({"service_name": "sendtrack"}), status=500
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)
