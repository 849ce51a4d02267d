"""The census and social care extract upload: the page beside `sendtrack import-census-extract`.

For the area's SEND managers, who produce the lists. All rows or none: a file with any problem is
refused whole, each problem named with its row, column, value and why.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import LocalArea
from sendtrack.inspection import selectors, services
from sendtrack.inspection.census import COLUMNS, OPTIONAL, REQUIRED

NO_FILE = "Choose a CSV file of census or social care figures to upload"
NOT_CSV = "The file must be a CSV file (.csv): save the spreadsheet as CSV UTF-8 and upload it again"
MAX_BYTES = 50 * 1024 * 1024
TOO_BIG = "The file is larger than 50 MB: split it and upload each part"


@login_required
def upload_census(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = list(LocalArea.objects.filter(pk__in=selectors.list_area_ids(request.user)).order_by("name"))
    if not areas:
        raise PermissionDenied
    context: dict[str, object] = {
        "areas": areas,
        "required": REQUIRED,
        "optional": OPTIONAL,
        "columns": ",".join(COLUMNS),
    }
    if request.method == "POST":
        area = next((a for a in areas if str(a.pk) == request.POST.get("area")), areas[0])
        upload = request.FILES.get("extract")
        error = ""
        if upload is None:
            error = NO_FILE
        elif PurePath(upload.name or "").suffix.lower() != ".csv":
            error = NOT_CSV
        elif upload.size and upload.size > MAX_BYTES:
            error = TOO_BIG
        if error or upload is None:
            return render(request, "inspection/upload_census.html", {**context, "error": error}, status=400)
        check_only = request.POST.get("check_only") == "yes"
        report = services.import_census_extract(
            area=area,
            file=upload,
            filename=upload.name or "extract.csv",
            dry_run=check_only,
            by=request.user,
        )
        if not report.ok:
            return render(request, "inspection/upload_census.html", {**context, "report": report}, status=400)
        messages.success(request, report.summary())
        if check_only:
            return render(request, "inspection/upload_census.html", {**context, "report": report})
        return redirect("inspection:upload-census")
    return render(request, "inspection/upload_census.html", context)
