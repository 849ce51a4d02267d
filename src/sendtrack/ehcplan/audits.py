"""Multi-agency quality audits of EHC plans: draw a sample, assign auditors, record their grades."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from sendtrack.ehcplan.grading import GOOD_OR_BETTER, Agreement, agreement, plan_grade
from sendtrack.ehcplan.models import AuditAssignment, PlanKind, PlanVersion, QualityAudit, SectionGrade
from sendtrack.ehcplan.structure import SECTIONS


class AuditRefused(ValueError):
    pass


def sample(
    area: LocalArea, size: int, issued_since: date, seed: int | str | None = None
) -> list[PlanVersion]:
    """A random sample of the final and amended plans issued since a date (the latest of each child's)."""
    latest: dict[int, PlanVersion] = {}
    issued = PlanVersion.objects.filter(
        case__local_area=area, kind__in=[PlanKind.FINAL, PlanKind.AMENDED], issued_on__gte=issued_since
    )
    for version in issued.order_by("case_id", "number"):
        latest[version.case_id] = version
    pool = sorted(latest.values(), key=lambda v: v.pk)
    return random.Random(seed).sample(pool, min(size, len(pool)))


@transaction.atomic(durable=True)
def start_audit(
    *,
    area: LocalArea,
    by: User,
    name: str,
    versions: list[PlanVersion],
    auditors: dict[str, User],
    weights: dict[str, float] | None = None,
) -> QualityAudit:
    """An audit round: every plan of the sample goes to one auditor of each agency."""
    if not versions:
        raise AuditRefused("No plan was issued in that period: choose a longer period")
    if not auditors:
        raise AuditRefused("Choose at least one auditor")
    round_ = QualityAudit.objects.create(
        local_area=area, name=name.strip(), weights=weights or {}, created_by=by
    )
    AuditAssignment.objects.bulk_create(
        AuditAssignment(audit=round_, version=version, auditor=auditor, agency=agency)
        for version in versions
        for agency, auditor in sorted(auditors.items())
    )
    audit(
        actor=by,
        verb=AuditVerb.EHC_PLAN_GRADED,
        local_area=area,
        subject=round_,
        detail={"started": name, "plans": len(versions), "auditors": {a: u.pk for a, u in auditors.items()}},
    )
    return round_


@transaction.atomic(durable=True)
def grade_plan(*, assignment: AuditAssignment, by: User, grades: dict[str, tuple[str, str]]) -> None:
    """The auditor's grade and comment for each section they graded; a later grading replaces it."""
    if assignment.auditor_id != by.pk:
        raise AuditRefused("Only the auditor assigned to this plan can grade it")
    unknown = sorted(set(grades) - set(SECTIONS))
    if unknown:
        raise AuditRefused(f"No such section: {', '.join(unknown)}")
    before = {g.section: g.grade for g in assignment.grades.all()}
    assignment.grades.all().delete()
    SectionGrade.objects.bulk_create(
        SectionGrade(assignment=assignment, section=section, grade=grade, comment=comment)
        for section, (grade, comment) in grades.items()
    )
    audit(
        actor=by,
        verb=AuditVerb.EHC_PLAN_GRADED,
        local_area=assignment.audit.local_area,
        subject=assignment,
        detail={"before": before, "after": {s: g for s, (g, _) in grades.items()}},
    )


@dataclass
class PlanResult:
    version: PlanVersion
    gradings: dict[str, dict[str, str]] = field(default_factory=dict)  # agency -> section -> grade
    grade: str | None = None
    agreement: Agreement | None = None


@dataclass
class AuditResults:
    plans: list[PlanResult]
    good_or_better: int
    graded: int
    agreement: Agreement


def results(round_: QualityAudit) -> AuditResults:
    by_version: dict[int, PlanResult] = {}
    assignments = round_.assignments.select_related("version__case__person").prefetch_related("grades")
    for assignment in assignments:
        result = by_version.setdefault(assignment.version_id, PlanResult(assignment.version))
        grades = {g.section: g.grade for g in assignment.grades.all()}
        if grades:
            result.gradings[assignment.agency] = grades
    for result in by_version.values():
        result.grade = plan_grade(result.gradings.values(), round_.weights)
        result.agreement = agreement(result.gradings.values())
    graded = [r for r in by_version.values() if r.grade is not None]
    compared = sum(r.agreement.sections_compared for r in graded if r.agreement)
    agreed = sum(r.agreement.sections_agreed for r in graded if r.agreement)
    return AuditResults(
        plans=sorted(by_version.values(), key=lambda r: r.version.case.case_ref),
        good_or_better=sum(1 for r in graded if r.grade in GOOD_OR_BETTER),
        graded=len(graded),
        agreement=Agreement(compared, agreed),
    )
