"""Pages of multi-agency quality audits: start a round, grade a plan, read the results."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.models import Membership, User
from sendtrack.core.form_fields import required_text, whole_number
from sendtrack.core.pages import refusal_shown_on, render_form
from sendtrack.ehcplan import audits
from sendtrack.ehcplan.checks import check_plan
from sendtrack.ehcplan.models import Agency, AuditAssignment, Grade, QualityAudit
from sendtrack.ehcplan.structure import SECTIONS


class StartAuditForm(forms.Form):
    name = required_text(
        "Name of the round",
        max_length=200,
        missing="Enter a name for the audit round",
        help_text="For example, Q3 2026",
    )
    size = whole_number(
        "How many plans", lowest=1, highest=200, missing="Enter how many plans to audit", initial=20
    )
    months = whole_number(
        "Plans issued in the last how many months",
        lowest=1,
        highest=36,
        missing="Enter a number of months",
        initial=6,
    )

    def __init__(self, *args: Any, auditors: dict[str, list[User]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for agency, people in auditors.items():
            self.fields[agency] = forms.TypedChoiceField(
                label=f"{Agency(agency).label} auditor",
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "None"), *((u.pk, str(u)) for u in people)],
            )


def _manager_area(user: User) -> Any:
    areas = area_access.quality_audit_areas(user)
    if not areas:
        raise Http404("Audit rounds are run by SEND managers")
    return areas[0]


def _auditors(area: Any) -> dict[str, list[User]]:
    found: dict[str, list[User]] = {}
    for agency in area_access.AUDITOR_ROLES:
        members = Membership.objects.current().filter(
            organisation__local_area=area, role__in=area_access.auditor_roles(agency)
        )
        found[agency] = sorted({m.user for m in members.select_related("user")}, key=str)
    return found


@login_required
def audit_rounds(request: AuthenticatedHttpRequest) -> HttpResponse:
    area = _manager_area(request.user)
    people = _auditors(area)
    form = StartAuditForm(request.POST if request.method == "POST" else None, auditors=people)
    if form.is_valid():
        data = form.cleaned_data
        by_pk = {u.pk: u for users in people.values() for u in users}
        chosen = {agency: by_pk[data[agency]] for agency in people if data.get(agency)}
        since = timezone.localdate() - timedelta(days=round(30.44 * data["months"]))
        with refusal_shown_on(form, audits.AuditRefused):
            round_ = audits.start_audit(
                area=area,
                by=request.user,
                name=data["name"],
                versions=audits.sample(area, data["size"], since),
                auditors=chosen,
            )
            messages.success(request, f"The audit round {round_.name} has started")
            return redirect("ehcplan:audit", round_.pk)
    rounds = QualityAudit.objects.filter(local_area=area)
    return render_form(request, "ehcplan/audit_rounds.html", {"form": form, "rounds": rounds})


def _visible_round(user: User, audit_id: int) -> QualityAudit:
    round_ = get_object_or_404(QualityAudit, pk=audit_id)
    managed = round_.local_area in area_access.quality_audit_areas(user)
    if not managed and not round_.assignments.filter(auditor=user).exists():
        raise Http404("No such audit")
    return round_


@login_required
def audit_results(request: AuthenticatedHttpRequest, audit_id: int) -> HttpResponse:
    round_ = _visible_round(request.user, audit_id)
    return render(
        request,
        "ehcplan/audit_results.html",
        {
            "round": round_,
            "results": audits.results(round_),
            "mine": round_.assignments.filter(auditor=request.user).select_related("version__case__person"),
            "grades": dict(Grade.choices),
        },
    )


@login_required
def grade(request: AuthenticatedHttpRequest, audit_id: int, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(AuditAssignment, pk=assignment_id, audit_id=audit_id, auditor=request.user)
    plan = assignment.version.plan()
    fields = {code: request.POST.get(f"grade-{code}", "") for code in SECTIONS}
    errors = [code for code, value in fields.items() if value and value not in Grade.values]
    if request.method == "POST" and not errors:
        chosen = {
            code: (value, request.POST.get(f"comment-{code}", "").strip())
            for code, value in fields.items()
            if value
        }
        audits.grade_plan(assignment=assignment, by=request.user, grades=chosen)
        messages.success(request, "Your grades are saved")
        return redirect("ehcplan:audit", audit_id)
    current = {g.section: g for g in assignment.grades.all()}
    return render(
        request,
        "ehcplan/audit_grade.html",
        {
            "assignment": assignment,
            "sections": SECTIONS,
            "grades": Grade.choices,
            "current": current,
            "findings": check_plan(plan, timezone.localdate()),
        },
    )
