"""Staff pages under /family-access/: who in the family can see a record, invitations, responses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sendtrack.accounts import access as area_access
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.portal import selectors
from sendtrack.portal.forms import InviteFamilyMemberForm
from sendtrack.portal.services import invitations, surveys


@login_required
def family_access(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.FAMILY_ACCESS_VIEWED, path=request.path
    )
    return render(request, "portal/family_access.html", {"case": case, **selectors.family_panel(case)})


@login_required
def invite_family_member(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.FAMILY_ACCESS_VIEWED, path=request.path
    )
    form = InviteFamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitations.invite_family_member(
                person=case.person,
                by=request.user,
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
def survey_results(request: AuthenticatedHttpRequest) -> HttpResponse:
    areas = area_access.reporting_areas(request.user)
    if not areas:
        raise Http404
    return render(
        request,
        "portal/survey_results.html",
        {"areas": [(area, surveys.survey_measures(area)) for area in areas]},
    )
