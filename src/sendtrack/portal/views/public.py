"""Pages anyone can read without signing in: published plans and headline figures of an area."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.inspection.public import latest_outcome
from sendtrack.portal import selectors


def public_areas(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/public_areas.html", {"areas": LocalArea.objects.order_by("name")})


def public_area(request: HttpRequest, area_code: str) -> HttpResponse:
    area = get_object_or_404(LocalArea, code=area_code)
    year = timezone.localdate().year - 1
    return render(
        request,
        "portal/public_area.html",
        {
            "area": area,
            "year": year,
            "figures": selectors.headline_figures(area, year),
            "plans": selectors.published_plans(area),
            "inspection": latest_outcome(area),
            "you_said_we_did": selectors.you_said_we_did(area),
        },
    )
