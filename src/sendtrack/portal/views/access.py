"""How portal pages load a child's case: always through casework's `visible_to`, always logged.

A family page answers 404 for a case the user has no current family link to, whether or not it
exists; a staff page answers 404 for a case the user cannot see and 403 for one they can see but
whose family access they may not manage.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpRequest

from sendtrack.accounts.models import User
from sendtrack.casework.models import Case, FamilyLink
from sendtrack.casework.services import log_access
from sendtrack.casework.services.access_log import AccessLogUnavailable
from sendtrack.portal.services.invitations import may_manage_family_access

FAMILY_VIEWED = "family viewed"
FAMILY_ACCESS_VIEWED = "viewed family access"


def family_case_or_404(request: HttpRequest, case_ref: str, *, action: str = FAMILY_VIEWED) -> Case:
    user: User = request.user  # type: ignore[assignment]
    linked = FamilyLink.objects.current().filter(user=user).values("person_id")
    case = (
        Case.objects.visible_to(user)
        .filter(case_ref=case_ref, person_id__in=linked)
        .select_related("person", "local_area")
        .first()
    )
    if case is None:
        raise Http404
    _log_or_stop(user, case, action, request.path)
    return case


def staff_case_or_404(request: HttpRequest, case_ref: str, *, action: str = FAMILY_ACCESS_VIEWED) -> Case:
    user: User = request.user  # type: ignore[assignment]
    cases = Case.objects.visible_to(user).filter(case_ref=case_ref).select_related("person", "local_area")
    case = next((c for c in cases if may_manage_family_access(user, c.person)), None)
    if case is None:
        if cases.exists():
            raise PermissionDenied
        raise Http404
    _log_or_stop(user, case, action, request.path)
    return case


def _log_or_stop(user: User, case: Case, action: str, path: str) -> None:
    try:
        log_access(actor=user, case=case, action=action, path=path)
    except DatabaseError as error:
        raise AccessLogUnavailable from error
