"""Pages of a child's EHC plan: read it with its checks, write it, issue it, confirm it, download it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.models import Case
from sendtrack.casework.services.events import EventRejected
from sendtrack.core.pages import render_form
from sendtrack.ehcplan import selectors, services
from sendtrack.ehcplan.check_terms import CHECK_LABELS
from sendtrack.ehcplan.forms import (
    AdviceEmailsForm,
    ConfirmForm,
    IssueForm,
    NeedForm,
    OutcomeForm,
    ProvisionForm,
    SectionWordsForm,
)
from sendtrack.ehcplan.models import AgencyConfirmation, PlanVersion
from sendtrack.ehcplan.pdf import plan_pdf_response
from sendtrack.ehcplan.structure import SECTIONS, EhcPlan
from sendtrack.ehcplan.versions import differences
from sendtrack.ehcplan.word import UnreadablePlan, read_docx, write_docx

MAX_WORD_BYTES = 25 * 1024 * 1024

PARTS = {"need": NeedForm, "outcome": OutcomeForm, "provision": ProvisionForm}


def _form_page(
    request: HttpRequest, case: Case, form: Any, title: str, part: str, **extra: Any
) -> HttpResponse:
    """One form page about a plan: 400 when the form has errors, as every form page answers."""
    context = {"case": case, "form": form, "title": title, "part": part, **extra}
    return render_form(request, "ehcplan/edit.html", context)


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@login_required
def quality(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every plan's checks at a glance, for the SEND team: which weaknesses, how often, in which plans."""
    rows = selectors.plans_for_quality(request.user)
    if not rows and not selectors.may_see_quality(request.user):
        raise Http404("No plans")
    check = request.GET.get("check", "")
    shown = [(v, found) for v, found in rows if not check or any(f.check == check for f in found)]
    return render(
        request,
        "ehcplan/quality.html",
        {
            "summary": selectors.quality_summary(rows),
            "rows": shown[:200],
            "total": len(rows),
            "shown": len(shown),
            "check": check,
            "check_label": CHECK_LABELS.get(check, ""),
            "clean": sum(1 for _, found in rows if not found),
        },
    )


@login_required
def plan_page(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_EHC_PLAN, path=request.path)
    return render(
        request, "ehcplan/plan.html", selectors.plan_context(request.user, case, request.GET.get("v"))
    )


@login_required
@require_POST
def start(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.EDITED_EHC_PLAN, path=request.path)
    services.start_plan(case=case, by=request.user)
    return redirect("ehcplan:plan", case.case_ref)


def _open_version(case: Case) -> PlanVersion:
    version = selectors.latest_version(case)
    if version is None or not version.is_open:
        raise Http404("No plan is being written: start a new version first")
    return version


def _plan_being_written(request: AuthenticatedHttpRequest, case_ref: str) -> tuple[Case, PlanVersion]:
    """The case opened to edit its plan, and the version being written."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.EDITED_EHC_PLAN, path=request.path)
    return case, _open_version(case)


def _plan_to_edit(request: AuthenticatedHttpRequest, case_ref: str) -> tuple[Case, PlanVersion, EhcPlan]:
    """The case opened to edit its plan, the version being written, and its plan to change."""
    case, version = _plan_being_written(request, case_ref)
    return case, version, version.plan()


def _version(request: AuthenticatedHttpRequest, case_ref: str, number: int) -> tuple[Case, PlanVersion]:
    """The case opened to read its plans, and its version `number`."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_EHC_PLAN, path=request.path)
    return case, get_object_or_404(PlanVersion, case=case, number=number)


@login_required
def edit_section(request: AuthenticatedHttpRequest, case_ref: str, code: str) -> HttpResponse:
    case, version, plan = _plan_to_edit(request, case_ref)
    if code not in SECTIONS:
        raise Http404("No such section")
    form = SectionWordsForm(_posted(request), initial={"words": plan.sections.get(code, "")})
    if form.is_valid():
        plan.sections[code] = form.cleaned_data["words"].strip()
        services.save_plan(version=version, by=request.user, plan=plan, reason=f"Section {code} wording")
        messages.success(request, f"Section {code} is saved")
        return redirect(f"{selectors.plan_url(case)}#section-{code}")
    return _form_page(
        request,
        case,
        form,
        f"Section {code}: {SECTIONS[code]}",
        "section",
    )


@login_required
def advice_emails(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    """The advisers' email addresses in Section K, where they are asked to confirm the draft."""
    case, version, plan = _plan_to_edit(request, case_ref)
    form = AdviceEmailsForm(_posted(request), advice=plan.advice)
    if form.is_valid():
        plan.advice = form.with_emails()
        services.save_plan(version=version, by=request.user, plan=plan, reason="Advisers' email addresses")
        messages.success(request, "The advisers' email addresses are saved")
        return redirect(f"{selectors.plan_url(case)}#section-K")
    return _form_page(request, case, form, "Advisers' email addresses", "advice")


@login_required
def add_part(request: AuthenticatedHttpRequest, case_ref: str, part: str) -> HttpResponse:
    """Add a need, an outcome or a provision, with the checks shown as it is written."""
    case, version, plan = _plan_to_edit(request, case_ref)
    if part not in PARTS:
        raise Http404("No such part of a plan")
    form = PARTS[part](_posted(request))
    if form.is_valid():
        ref = selectors.add_to_plan(plan, part, form)
        services.save_plan(version=version, by=request.user, plan=plan, reason=f"{ref} added")
        messages.success(request, f"{ref} is added to the plan")
        return redirect(selectors.plan_url(case))
    return _form_page(
        request,
        case,
        form,
        f"Add {'a' if part != 'outcome' else 'an'} {part}",
        part,
        check_url=f"{selectors.plan_url(case)}check/{part}/",
    )


@login_required
@require_POST
def check_part(request: AuthenticatedHttpRequest, case_ref: str, part: str) -> HttpResponse:
    """The checks on a part as it is being written (HTMX): nothing is saved."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.EDITED_EHC_PLAN, path=request.path)
    if part not in PARTS:
        raise Http404("No such part of a plan")
    form = PARTS[part](request.POST)
    findings = []
    if form.is_valid():
        plan = _open_version(case).plan()
        ref = selectors.add_to_plan(plan, part, form)
        findings = [f for f in selectors.findings(plan) if ref in f.message or f.words and ref == f.words]
    return render(request, "ehcplan/_findings.html", {"findings": findings, "live": True})


@login_required
def issue(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    case, version = _plan_being_written(request, case_ref)
    form = IssueForm(_posted(request), initial={"on": timezone.localdate()})
    if form.is_valid():
        try:
            services.issue_plan(version=version, by=request.user, **form.cleaned_data)
        except EventRejected as error:
            form.add_error("on", error.message)
        else:
            messages.success(
                request, f"The {version.get_kind_display().lower()} is issued and on the timeline"
            )
            return redirect("ehcplan:plan", case.case_ref)
    return _form_page(
        request,
        case,
        form,
        "Issue the plan",
        "issue",
        findings=selectors.findings(version.plan()),
    )


@login_required
def confirm(request: AuthenticatedHttpRequest, case_ref: str, confirmation_id: int) -> HttpResponse:
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_EHC_PLAN, path=request.path)
    confirmation = get_object_or_404(AgencyConfirmation, pk=confirmation_id, version__case=case)
    if not selectors.may_confirm(request.user, confirmation):
        raise Http404("No such request")
    form = ConfirmForm(_posted(request))
    if form.is_valid():
        services.confirm_sections(
            confirmation=confirmation,
            by=request.user,
            on=timezone.localdate(),
            corrections=form.cleaned_data["corrections"],
        )
        messages.success(request, f"You confirmed the {confirmation.get_agency_display().lower()} sections")
        return redirect("ehcplan:plan", case.case_ref)
    return _form_page(
        request,
        case,
        form,
        f"Confirm the {confirmation.get_agency_display().lower()} sections",
        "confirm",
        sections=selectors.agency_sections(confirmation),
    )


@login_required
def compare(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    """What changed between two versions, section by section, with who issued each and why."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.VIEWED_EHC_PLAN, path=request.path)
    versions = {v.number: v for v in PlanVersion.objects.filter(case=case)}
    try:
        older, newer = versions[int(request.GET["from"])], versions[int(request.GET["to"])]
    except (KeyError, ValueError) as error:
        raise Http404("Choose two versions of this plan") from error
    older, newer = sorted((older, newer), key=lambda v: v.number)
    changes = differences(older.plan(), newer.plan())
    draft, views = selectors.family_views(list(versions.values()), newer)
    return render(
        request,
        "ehcplan/compare.html",
        {
            "case": case,
            "older": older,
            "newer": newer,
            "changes": changes,
            "responded_draft": draft,
            "family": selectors.family_views_by_section(views, {c.section for c in changes}),
        },
    )


@login_required
def import_word(request: AuthenticatedHttpRequest, case_ref: str) -> HttpResponse:
    """An existing plan in Word becomes the version being written, with a report of what was understood."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=Purpose.EDITED_EHC_PLAN, path=request.path)
    context: dict[str, object] = {"case": case}
    upload = request.FILES.get("plan") if request.method == "POST" else None
    if request.method == "POST":
        if (
            upload is None
            or not (upload.name or "").lower().endswith(".docx")
            or (upload.size or 0) > MAX_WORD_BYTES
        ):
            context["error"] = "Choose a Word (.docx) file of at most 25 MB"
        else:
            try:
                plan, report = read_docx(upload.read())
            except UnreadablePlan as error:
                context["error"] = f"{upload.name}: {error}"
            else:
                version = services.start_plan(case=case, by=request.user)
                services.save_plan(
                    version=version,
                    by=request.user,
                    plan=plan,
                    reason=f"Imported from {upload.name}",
                )
                context.update({"report": report, "plan_url": selectors.plan_url(case)})
    return render(request, "ehcplan/import.html", context, status=400 if "error" in context else 200)


@login_required
def download(request: AuthenticatedHttpRequest, case_ref: str, number: int) -> HttpResponse:
    case, version = _version(request, case_ref, number)
    plan: EhcPlan = version.plan()
    response = HttpResponse(
        write_docx(plan),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="ehc-plan-{case.case_ref}-{number}.docx"'
    return response


@login_required
def download_pdf(request: AuthenticatedHttpRequest, case_ref: str, number: int) -> HttpResponse:
    case, version = _version(request, case_ref, number)
    return plan_pdf_response(version, f"ehc-plan-{case.case_ref}-{number}.pdf")
