"""Pages for parents, carers and young people: their child's timeline, the draft plan, surveys."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from sendtrack.accounts.backends import PASSWORD_BACKEND
from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.accounts.middleware import SIGNED_IN_AT_KEY
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.models import Case
from sendtrack.documents.downloads import download_document
from sendtrack.documents.selectors import family_documents
from sendtrack.ehcplan.models import PlanVersion
from sendtrack.ehcplan.pdf import plan_pdf_response
from sendtrack.ehcplan.selectors import issued_plan, plan_sections
from sendtrack.portal import selectors
from sendtrack.portal.forms import DraftResponseForm, FamilyPasswordForm, SurveyForm
from sendtrack.portal.models import Survey
from sendtrack.portal.services import invitations, responses, surveys
from sendtrack.portal.timeline_selectors import family_timeline


@login_required
def family_home(request: AuthenticatedHttpRequest) -> HttpResponse:
    cases = selectors.family_cases(request.user)
    return render(
        request,
        "portal/family_home.html",
        {"cases": cases, "surveys": surveys.surveys_for_family(user=request.user, cases=cases)},
    )


@login_required
def family_case(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.FAMILY_VIEWED, path=request.path)
    today = timezone.localdate()
    return render(
        request,
        "portal/family_case.html",
        {
            "case": case,
            "timeline": family_timeline(case, as_of=today),
            "draft": responses.open_draft(case),
            "today": today,
            "plan_version": issued_plan(case),
            "documents": family_documents(case),
        },
    )


@login_required
def family_document(request: AuthenticatedHttpRequest, case_ref: str, document_id: int) -> FileResponse:
    """A document the council shared with the family, downloaded (and written to the access log)."""
    return download_document(
        request, case_ref, document_id, purpose=Purpose.FAMILY_DOWNLOADED_DOCUMENT, family=True
    )


def _issued_plan_or_404(
    request: AuthenticatedHttpRequest, case_ref: str, purpose: Purpose
) -> tuple[Case, PlanVersion]:
    """The family's case, opened for `purpose`, and the latest plan issued to them."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=purpose, path=request.path)
    version = issued_plan(case)
    if version is None:
        raise Http404("No plan has been issued yet")
    return case, version


@login_required
def family_plan(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    """The latest plan issued to the family (draft or final), section by section, in its own words."""
    case, version = _issued_plan_or_404(request, case_ref, Purpose.FAMILY_VIEWED_PLAN)
    return render(
        request,
        "portal/family_plan.html",
        {"case": case, "version": version, "sections": plan_sections(version.plan())},
    )


@login_required
def family_plan_pdf(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    """The plan the family reads, as a PDF to keep, print or share."""
    case, version = _issued_plan_or_404(request, case_ref, Purpose.FAMILY_DOWNLOADED_PLAN)
    return plan_pdf_response(version, f"ehc-plan-{case.case_ref}-{version.number}.pdf")


@login_required
def respond_to_draft(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.FAMILY_VIEWED, path=request.path)
    draft = responses.open_draft(case)
    if draft is None:
        raise Http404
    form = DraftResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        responses.submit_draft_response(case=case, draft=draft, by=request.user, **form.cleaned_data)
        return redirect("portal:draft-response-sent", case_ref=case.case_ref)
    return render(
        request,
        "portal/respond_to_draft.html",
        {
            "case": case,
            "draft": draft,
            "form": form,
            "name": case.person.given_name or "your child",
            "today": timezone.localdate(),
        },
    )


@login_required
def draft_response_sent(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.FAMILY_VIEWED, path=request.path)
    return render(request, "portal/draft_response_sent.html", {"case": case})


@login_required
def draft_plan_document(request: AuthenticatedHttpRequest, case_ref: str) -> FileResponse:
    case = get_visible_case_or_404(
        request.user, case_ref, purpose=Purpose.FAMILY_DOWNLOADED_DRAFT, path=request.path
    )
    draft = responses.open_draft(case)
    if draft is None or draft.document is None:
        raise Http404
    document = draft.document
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )


@login_required
def answer_survey(request: AuthenticatedHttpRequest, case_ref: str, survey_id: int) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.FAMILY_VIEWED, path=request.path)
    survey = get_object_or_404(Survey, pk=survey_id, local_area_id=case.local_area_id, is_open=True)
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        surveys.submit_survey_response(survey=survey, by=request.user, case=case, answers=form.answers())
        messages.success(request, "Thank you. Your answers have been sent.")
        return redirect("portal:family-home")
    return render(request, "portal/answer_survey.html", {"case": case, "survey": survey, "form": form})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the link in the invitation email. Creates the account, or links a signed-in one."""
    invitation = invitations.invitation_from_token(token)
    if invitation is None:
        return render(request, "portal/invitation_invalid.html", status=404)
    signed_in = request.user if request.user.is_authenticated else None
    form = FamilyPasswordForm(request.POST or None) if signed_in is None else None
    error = ""
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = invitations.accept_family_invitation(
                invitation=invitation,
                user=signed_in,
                password=form.cleaned_data["password1"] if form is not None else "",
            )
        except invitations.InvitationRefused as refused:
            error = str(refused)
        else:
            if signed_in is None:
                login(request, user, backend=PASSWORD_BACKEND)
                request.session[SIGNED_IN_AT_KEY] = time.time()
            return redirect("portal:family-home")
    return render(
        request,
        "portal/accept_invitation.html",
        {
            "invitation": invitation,
            "form": form,
            "error": error,
            "signed_in": signed_in,
            "account_exists": signed_in is None and invitations.account_exists(invitation),
        },
    )
