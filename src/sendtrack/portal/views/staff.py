"""Staff pages under /family-access/: who in the family can see a record, invitations, responses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendtrack.accounts.selectors import reporting_areas
from sendtrack.portal import selectors
from sendtrack.portal.forms import InviteFamilyMemberForm
from sendtrack.portal.services import invitations, surveys
from sendtrack.portal.views.access import staff_case_or_404


@login_required
def family_access(request: HttpRequest, case_ref: str) -> HttpResponse:
    case = staff_case_or_404(request, case_ref)
    return render(request, "portal/family_access.html", {"case": case, **selectors.family_panel(case)})


@login_required
def invite_family_member(request: HttpRequest, case_ref: str) -> HttpResponse:
    case = staff_case_or_404(request, case_ref)
    form = InviteFamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitations.invite_family_member(
                person=case.person,
                by=request.user,  # type: ignore[arg-type]
                accept_url_for=lambda token: request.build_absolute_uri(
                    reverse("portal:accept-family-invitation", args=[token])
                ),
                **data,
            )
        except invitations.InvitationRefused as refused:
            field = "council_decision_confirmed" if "Confirm" in str(refused) else "relationship"
            form.add_error(field, str(refused))
        else:
            link = request.build_absolute_uri(
                reverse("portal:accept-family-invitation", args=[invitations.invitation_token(invitation)])
            )
            messages.success(
                request, f"We have emailed an invitation to {invitation.email}. The link is {link}"
            )
            return redirect("portal:family-access", case_ref=case.case_ref)
    return render(request, "portal/invite_family_member.html", {"case": case, "form": form})


@login_required
def survey_results(request: HttpRequest) -> HttpResponse:
    areas = reporting_areas(request.user)  # type: ignore[arg-type]
    if not areas:
        raise Http404
    return render(
        request,
        "portal/survey_results.html",
        {"areas": [(area, surveys.survey_measures(area)) for area in areas]},
    )
