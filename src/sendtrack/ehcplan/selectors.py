"""Reading plans: the latest version with its checks, and who may confirm (by `casework/access.py`)."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from sendtrack.accounts import access as area_access
from sendtrack.accounts.models import User
from sendtrack.casework import access
from sendtrack.casework.models import Case
from sendtrack.ehcplan.check_terms import CHECK_LABELS
from sendtrack.ehcplan.checks import Finding, check_plan, read_stored
from sendtrack.ehcplan.family_views import WHOLE_PLAN, FamilyViews, ResponsesFinder, set_against_sections
from sendtrack.ehcplan.grading import plan_grade
from sendtrack.ehcplan.models import (
    AgencyConfirmation,
    PlanKind,
    PlanVersion,
    QualityAudit,
    SectionGrade,
)
from sendtrack.ehcplan.structure import AGENCY_FOR_SECTION, AREAS, SECTIONS, EhcPlan


def plan_url(case: Case) -> str:
    return reverse("ehcplan:plan", args=[case.case_ref])


def latest_version(case: Case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case).order_by("-number").first()


def findings(plan: EhcPlan) -> list[Finding]:
    return check_plan(plan, timezone.localdate())


def may_confirm(user: User, confirmation: AgencyConfirmation) -> bool:
    return access.may_confirm_sections(
        user, agency=confirmation.agency, organisation_id=confirmation.organisation_id
    )


def agency_sections(confirmation: AgencyConfirmation) -> list[str]:
    return [code for code, agency in AGENCY_FOR_SECTION.items() if agency == confirmation.agency]


def _next_ref(existing: list[str], prefix: str, separator: str = "") -> str:
    pattern = re.compile(rf"^{re.escape(prefix + separator)}(\d+)$")
    numbers = [int(m.group(1)) for ref in existing if (m := pattern.match(ref))]
    return f"{prefix}{separator}{max(numbers, default=0) + 1}"


def add_to_plan(plan: EhcPlan, part: str, form: Any) -> str:
    """Add the form's need, outcome or provision to `plan` under the next free reference; return it."""
    if part == "need":
        section = form.cleaned_data["section"]
        ref = _next_ref([n.ref for n in plan.needs], section)
        plan.needs.append(form.need(ref))
    elif part == "outcome":
        ref = _next_ref([o.ref for o in plan.outcomes], "E")
        plan.outcomes.append(form.outcome(ref))
    else:
        section = form.cleaned_data["section"]
        ref = _next_ref([p.ref for p in plan.provisions], section, "." if section.startswith("H") else "")
        plan.provisions.append(form.provision(ref))
    return ref


def issued_plan(case: Case) -> PlanVersion | None:
    """The latest version issued to the family: never one still being written."""
    return PlanVersion.objects.filter(case=case, issued_on__isnull=False).order_by("-number").first()


def plan_sections(plan: EhcPlan, by_section: dict[str, list[Finding]] | None = None) -> list[dict[str, Any]]:
    """Each lettered section with its words, needs, outcomes, provision, advice and (for staff) checks."""
    return [
        {
            "code": code,
            "title": title,
            "words": plan.sections.get(code, ""),
            "needs": [(n, AREAS.get(n.area, n.area)) for n in plan.needs if n.section == code],
            "outcomes": plan.outcomes if code == "E" else [],
            "provisions": [p for p in plan.provisions if p.section == code],
            "advice": plan.advice if code == "K" else [],
            "findings": (by_section or {}).get(code, []),
        }
        for code, title in SECTIONS.items()
    ]


def family_views(
    versions: list[PlanVersion], upto: PlanVersion
) -> tuple[PlanVersion | None, list[FamilyViews]]:
    """The family's responses to the latest draft issued at or before `upto`, set against its sections."""
    draft = next(
        (
            v
            for v in sorted(versions, key=lambda v: -v.number)
            if v.number <= upto.number and v.kind == PlanKind.DRAFT and v.issued_on is not None
        ),
        None,
    )
    path = getattr(settings, "PLAN_FAMILY_RESPONSES", "")
    if draft is None or draft.issued_on is None or not path:
        return None, []
    finder: ResponsesFinder = import_string(path)
    return draft, [set_against_sections(r) for r in finder(draft.case_id, draft.event_id, draft.issued_on)]


def with_family_views(sections: list[dict[str, Any]], views: list[FamilyViews]) -> list[dict[str, Any]]:
    for section in sections:
        section["family"] = [
            (v.response, v.about(section["code"])) for v in views if v.about(section["code"])
        ]
    return sections


def family_views_by_section(
    views: list[FamilyViews], changed: set[str]
) -> list[tuple[str, str, list[tuple[str, str]], bool]]:
    """Section by section (the plan as a whole first): who said what, and whether the section changed."""
    rows = []
    for code in [WHOLE_PLAN, *SECTIONS]:
        said = [(v.response.submitted_by, paragraph) for v in views for paragraph in v.about(code)]
        if said:
            rows.append((code, SECTIONS.get(code, ""), said, code in changed))
    return rows


def plan_context(user: User, case: Case, number: str | None = None) -> dict[str, Any]:
    versions = list(PlanVersion.objects.filter(case=case).order_by("-number"))
    version = next((v for v in versions if str(v.number) == number), versions[0] if versions else None)
    context: dict[str, Any] = {
        "case": case,
        "versions": versions,
        "version": version,
        "may_change": access.may_change_case(user, case),
        "areas": AREAS,
    }
    if version is None:
        return context
    plan = version.plan()
    by_section: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings(plan):
        by_section[finding.section].append(finding)
    confirmations = list(
        AgencyConfirmation.objects.filter(version__case=case)
        .select_related("organisation")
        .order_by("-version__number")
    )
    draft, views = family_views(versions, version)
    context.update(
        {
            "plan": plan,
            "sections": with_family_views(plan_sections(plan, by_section), views),
            "responded_draft": draft,
            "family_views": [(v.response, v.about(WHOLE_PLAN)) for v in views],
            "finding_count": sum(len(f) for f in by_section.values()),
            "emails_given": sum(1 for a in plan.advice if a.email),
            "confirmations": confirmations,
            "mine": [c for c in confirmations if c.confirmed_on is None and may_confirm(user, c)],
        }
    )
    return context


def may_see_quality(user: User) -> bool:
    return bool(area_access.council_case_areas(user))


def plans_for_quality(user: User) -> list[tuple[PlanVersion, list[Finding]]]:
    """The latest version of every plan in the areas whose cases the user may change, with its findings."""
    areas = [area.pk for area in area_access.council_case_areas(user)]
    latest: dict[int, PlanVersion] = {}
    versions = PlanVersion.objects.filter(case__local_area_id__in=areas).select_related(
        "case", "case__person"
    )
    for version in versions.order_by("case_id", "number"):
        latest[version.case_id] = version
    today = timezone.localdate()
    return [
        (v, check_plan(v.plan(), today, stored=read_stored(v.findings)))
        for v in sorted(latest.values(), key=lambda v: v.case.case_ref)
    ]


def quality_summary(rows: list[tuple[PlanVersion, list[Finding]]]) -> list[tuple[str, str, int]]:
    """How many plans each check found something in, most first: (check id, its label, plans)."""
    counts: dict[str, int] = defaultdict(int)
    for _, found in rows:
        for check in {f.check for f in found}:
            counts[check] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(check, CHECK_LABELS.get(check, check), count) for check, count in ordered]


def audited_plan_grades(area_ids: list[int], since: date, until: date) -> list[str]:
    """The overall grade of each plan graded in the areas' audit rounds started from `since` to `until`.

    One grade a plan a round (a plan no auditor has graded yet has none).
    """
    by_area = audited_plan_grades_by_area(area_ids, since, until)
    return [grade for area_id in area_ids for grade in by_area.get(area_id, [])]


def audited_plan_grades_by_area(area_ids: list[int], since: date, until: date) -> dict[int, list[str]]:
    """`audited_plan_grades` of each area, in two queries for all the areas: the rounds' areas and
    weights, and every section grade given in them."""
    rounds = QualityAudit.objects.filter(
        local_area_id__in=area_ids, created_on__gte=since, created_on__lte=until
    )
    audits = {
        pk: (area_id, weights)
        for pk, area_id, weights in rounds.values_list("pk", "local_area_id", "weights")
    }
    gradings: dict[tuple[int, int], dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for audit_id, version_id, assignment_id, section, grade in SectionGrade.objects.filter(
        assignment__audit_id__in=list(audits)
    ).values_list("assignment__audit_id", "assignment__version_id", "assignment_id", "section", "grade"):
        gradings[(audit_id, version_id)][assignment_id][section] = grade
    grades: dict[int, list[str]] = defaultdict(list)
    for (audit_id, _), by_auditor in gradings.items():
        area_id, weights = audits[audit_id]
        overall = plan_grade(by_auditor.values(), weights)
        if overall is not None:
            grades[area_id].append(overall)
    return dict(grades)
