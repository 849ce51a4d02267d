"""Reading plans: the latest version with its checks, and who may confirm (by `casework/access.py`)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework import access
from sendtrack.casework.models import Case
from sendtrack.ehcplan.checks import CHECK_LABELS, Finding, check_plan
from sendtrack.ehcplan.models import AgencyConfirmation, PlanVersion
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
    context.update(
        {
            "plan": plan,
            "sections": plan_sections(plan, by_section),
            "finding_count": sum(len(f) for f in by_section.values()),
            "emails_given": sum(1 for a in plan.advice if a.email),
            "confirmations": confirmations,
            "mine": [c for c in confirmations if c.confirmed_on is None and may_confirm(user, c)],
        }
    )
    return context


def may_see_quality(user: User) -> bool:
    return bool(access.council_case_areas(user))


def plans_for_quality(user: User) -> list[tuple[PlanVersion, list[Finding]]]:
    """The latest version of every plan in the areas whose cases the user may change, with its findings."""
    areas = [area.pk for area in access.council_case_areas(user)]
    latest: dict[int, PlanVersion] = {}
    versions = PlanVersion.objects.filter(case__local_area_id__in=areas).select_related(
        "case", "case__person"
    )
    for version in versions.order_by("case_id", "number"):
        latest[version.case_id] = version
    today = timezone.localdate()
    return [(v, check_plan(v.plan(), today)) for v in sorted(latest.values(), key=lambda v: v.case.case_ref)]


def quality_summary(rows: list[tuple[PlanVersion, list[Finding]]]) -> list[tuple[str, str, int]]:
    """How many plans each check found something in, most first: (check id, its label, plans)."""
    counts: dict[str, int] = defaultdict(int)
    for _, found in rows:
        for check in {f.check for f in found}:
            counts[check] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(check, CHECK_LABELS.get(check, check), count) for check, count in ordered]
