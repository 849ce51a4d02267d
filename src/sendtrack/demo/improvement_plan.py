"""The demo area's improvement story: an inspection, a revisit, an improvement notice and a plan.

A local area SEND inspection under the 2016-2022 framework found five areas of significant
weakness; the revisit found insufficient progress; the DfE issued an improvement notice; the
partnership's plan of 90 actions across three workstreams has a status mix like Lancashire's in
2019 (a third not started; of those started, about a third complete or in final stages, one at
risk) and a history over six board meetings, with one published version.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, Organisation, User
from sendtrack.improvement.models import (
    ApprovalStatus,
    Board,
    Finding,
    FindingKind,
    ImprovementPlan,
    Inspection,
    InspectionFramework,
    Intervention,
    InterventionKind,
    Meeting,
    RevisitJudgement,
    UpdateSource,
    VisitKind,
)
from sendtrack.improvement.services.action_updates import apply_action_changes
from sendtrack.improvement.services.imports import import_plan_rows
from sendtrack.improvement.services.measure_kpis import kpi_readings, measure_unit, refresh_bound_actuals
from sendtrack.improvement.services.measures import record_measure, record_measure_milestone
from sendtrack.improvement.services.publication import change_approval_status, publish_plan
from sendtrack.performance import kpis

FINDINGS = (
    "Leaders' understanding of the local area's effectiveness, and their plans to improve it, are weak",
    "EHC plans are not completed within the statutory 20 weeks and amendments take too long",
    "The quality of EHC plans is poor: health and social care needs are often missing",
    "Parents and carers are not involved in planning, and communication with families is poor",
    "Joint commissioning is underdeveloped and waiting times for therapies are too long",
)
# 2 of 5 areas judged sufficient at the revisit.
REVISIT_SUFFICIENT = (0, 4)
WORKSTREAMS = {
    "Timely, good quality EHC plans": (
        ("Recruit and train", "additional EHC coordinators to clear the backlog of assessments"),
        ("Introduce", "weekly tracking of every assessment against the 20-week limit"),
        ("Audit", "a sample of new EHC plans each month with health and social care colleagues"),
        ("Set up", "a multi-agency panel with education, health and social care present at every decision"),
        ("Agree", "a quality standard for advice from health, social care and educational psychology"),
        ("Review", "every annual review process so that amendments are issued within 8 weeks"),
        ("Plan", "phase transfer reviews so that amended plans are issued before 15 February"),
        ("Publish", "monthly timeliness figures to the improvement board"),
        ("Replace", "the electronic case management system for EHC plans"),
        ("Train", "SENCOs in writing outcomes that are specific and measurable"),
    ),
    "Health and joint commissioning": (
        ("Appoint", "a designated clinical officer with protected time"),
        ("Reduce", "waiting times for speech and language therapy assessments"),
        ("Commission", "a neurodevelopmental pathway with a single point of access"),
        ("Agree", "a joint commissioning strategy for the high needs block and health funding"),
        ("Monitor", "health advice returned within 6 weeks, by provider"),
        ("Extend", "occupational therapy provision for children in mainstream schools"),
        ("Set up", "a joint data dashboard shared by the council and the integrated care board"),
        ("Review", "the sufficiency of specialist school places"),
        ("Include", "social care assessments in every EHC needs assessment where needed"),
        ("Train", "health practitioners in contributing to EHC plans"),
    ),
    "Co-production and communication": (
        ("Co-produce", "a communication strategy with the parent carer forum"),
        ("Relaunch", "the local offer website with families"),
        ("Hold", "termly listening events with parents, carers and young people"),
        ("Publish", "'you said, we did' updates after each board meeting"),
        ("Involve", "young people in recruiting senior SEND staff"),
        ("Set up", "a single point of contact for families waiting for assessments"),
        ("Survey", "families' experience of the EHC process each year"),
        ("Agree", "a co-production charter signed by every partner"),
        ("Train", "frontline staff in working with families as equal partners"),
        ("Report", "complaints and tribunal outcomes to the board each quarter"),
    ),
}
STAGES = ("Phase 1", "Phase 2", "Phase 3")
LEADS = (
    ("Head of SEND", "council"),
    ("Principal educational psychologist", "council"),
    ("Designated clinical officer", "icb"),
    ("Head of children's therapies", "community_trust"),
    ("Chair of the parent carer forum", "forum"),
    ("Assistant director, children's social care", "council"),
)
# Final status of the 90 actions, like Lancashire's 94 in April 2019: 30 not started; of the 60
# started, 22 complete or in final stages, 37 in progress, 1 at risk.
STATUS_MIX = {"not_started": 30, "complete": 12, "final_stages": 10, "in_progress": 37, "at_risk": 1}
RAG_FOR = {
    "not_started": "",
    "in_progress": "green",
    "final_stages": "green",
    "complete": "blue",
    "at_risk": "red",
}
MEETINGS = 6
# The plan is loaded a few weeks before the board first meets to track it.
PLAN_IMPORTED_BEFORE_FIRST_MEETING = dt.timedelta(days=28)
NARRATIVES = {
    "in_progress": "Work has started; the lead reported progress to the board.",
    "final_stages": "Nearly complete: evidence of impact is being gathered for sign-off.",
    "complete": "Complete: the board accepted the evidence and closed the action.",
    "at_risk": "At risk: the supplier has delayed delivery; the board asked for a recovery plan.",
}


@dataclass
class ImprovementSummary:
    findings: int = 0
    actions: int = 0
    meetings: int = 0
    updates: int = 0
    versions: int = 0


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _dates(as_of: dt.date) -> dict[str, dt.date]:
    inspected = dt.date(min(as_of.year - 4, 2021), 3, 8)
    revisit = dt.date(inspected.year + 2, 3, 13)
    return {
        "inspected": inspected,
        "letter": inspected + dt.timedelta(days=40),
        "revisit": revisit,
        "revisit_letter": revisit + dt.timedelta(days=35),
        "notice": revisit + dt.timedelta(days=120),
        "first_meeting": as_of - dt.timedelta(days=42 * MEETINGS),
    }


def create_improvement(
    *, area: LocalArea, organisations: dict[str, Organisation], manager: User, as_of: dt.date, seed: int
) -> ImprovementSummary:
    """Create the inspection, revisit, notice, board and plan, unless the area already has a plan."""
    summary = ImprovementSummary()
    if ImprovementPlan.objects.filter(local_area=area).exists():
        return summary
    rng = random.Random(f"improvement:{area.code}:{seed}")
    days = _dates(as_of)
    inspection = Inspection.objects.create(
        local_area=area,
        framework=InspectionFramework.LOCAL_AREA_SEND_2016,
        visit_kind=VisitKind.INSPECTION,
        started_on=days["inspected"],
        ended_on=days["inspected"] + dt.timedelta(days=4),
        letter_published_on=days["letter"],
        outcome="Written statement of action required",
        next_visit_from=days["inspected"] + dt.timedelta(days=540),
        next_visit_by=days["revisit"],
    )
    findings = [
        Finding.objects.create(
            local_area=area,
            inspection=inspection,
            kind=FindingKind.SIGNIFICANT_WEAKNESS,
            text=text,
            position=position,
        )
        for position, text in enumerate(FINDINGS)
    ]
    Inspection.objects.create(
        local_area=area,
        framework=InspectionFramework.LOCAL_AREA_SEND_2016,
        visit_kind=VisitKind.REVISIT,
        revisit_of=inspection,
        started_on=days["revisit"],
        ended_on=days["revisit"] + dt.timedelta(days=2),
        letter_published_on=days["revisit_letter"],
        outcome="Not sufficient progress in three of the five areas of significant weakness",
    )
    for position, finding in enumerate(findings):
        sufficient = position in REVISIT_SUFFICIENT
        finding.revisit_judgement = (
            RevisitJudgement.SUFFICIENT if sufficient else RevisitJudgement.INSUFFICIENT
        )
        finding.save(update_fields=["revisit_judgement"])
    Intervention.objects.create(
        local_area=area,
        kind=InterventionKind.IMPROVEMENT_NOTICE,
        issued_on=days["notice"],
        published_on=days["notice"] + dt.timedelta(days=14),
        minimum_months=18,
    )
    summary.findings = len(findings)

    plan_name = f"{area.name} SEND improvement plan"
    rows, finals = _plan_rows(rng, organisations, days["first_meeting"])
    report = import_plan_rows(
        area=area,
        plan_name=plan_name,
        rows=rows,
        by=manager,
        at=_at(days["first_meeting"] - PLAN_IMPORTED_BEFORE_FIRST_MEETING),
    )
    if not report.written:
        raise RuntimeError(f"The demo improvement plan did not import: {report.errors[:3]}")
    plan = ImprovementPlan.objects.get(local_area=area, name=plan_name)
    plan.inspection = inspection
    plan.save(update_fields=["inspection"])
    summary.actions = report.created

    board = Board.objects.create(local_area=area, name=f"{area.name} SEND Improvement Board")
    workstreams = list(plan.workstreams.order_by("position"))
    meetings = []
    for number in range(MEETINGS):
        held_on = days["first_meeting"] + dt.timedelta(days=42 * number)
        meetings.append(
            Meeting.objects.create(
                board=board,
                held_on=held_on,
                deep_dive_workstream=workstreams[number % len(workstreams)],
                deep_dive_theme=workstreams[number % len(workstreams)].name,
            )
        )
    summary.meetings = len(meetings)
    with transaction.atomic():
        summary.updates = _history(plan, finals, meetings, manager)
    for status, meeting, note in (
        (ApprovalStatus.SUBMITTED, meetings[1], "Submitted to the DfE and NHS England"),
        (ApprovalStatus.APPROVED, meetings[2], "Approved by the DfE and NHS England"),
    ):
        change_approval_status(plan=plan, status=status, by=manager, on=meeting.held_on, note=note)
    bind_measures(plan, findings, meetings, manager, as_of)
    publish_plan(plan=plan, by=manager, meeting=meetings[-1], as_of=as_of)
    summary.versions = plan.versions.count()
    return summary


# The measures the demo plan is judged by: (KPI, finding, target a council would set).
BOUND_MEASURES = (
    ("final_plan_20wk_excl_exceptions", 1, Decimal(60)),
    ("amended_plan_8wk", 1, Decimal(60)),
    ("annual_review_12m", 2, Decimal(85)),
    ("advice_6wk:health", 4, Decimal(75)),
    ("quorate_panel_decisions", 0, Decimal(95)),
)


def bind_measures(
    plan: ImprovementPlan, findings: list[Finding], meetings: list[Meeting], by: User, as_of: dt.date
) -> None:
    """Measures counted from the KPIs, with a baseline and targets a council would set.

    The baseline is the last full calendar year before the first board meeting (the demo's case
    history starts 18 months before that year ends); milestones step evenly from the baseline to
    the target at the third and sixth meetings; the target is due a year after the last meeting.
    """
    baseline_on = dt.date(meetings[0].held_on.year - 1, 12, 31)
    # The baselines and every date the actuals are read on, counted together.
    dates = {baseline_on, *(m.held_on for m in meetings if baseline_on <= m.held_on <= as_of)}
    if as_of >= baseline_on:
        dates.add(as_of)
    baselines = kpi_readings(plan.local_area, [kpi_id for kpi_id, _, _ in BOUND_MEASURES], dates)
    for kpi_id, finding, target in BOUND_MEASURES:
        kpi = kpis.BY_ID[kpi_id]
        baseline = baselines[(kpi_id, baseline_on)].value or Decimal(0)
        measure = record_measure(
            plan=plan,
            by=by,
            name=kpi.name,
            unit=measure_unit(kpi),
            baseline=baseline,
            baseline_on=baseline_on,
            higher_is_better=kpi.polarity != kpis.LOWER,
            finding=findings[finding],
            target=target,
            target_on=meetings[-1].held_on + dt.timedelta(days=365),
            kpi_id=kpi_id,
            recount=False,
        )
        for step, meeting in ((1, meetings[2]), (2, meetings[5])):
            value = (baseline + (target - baseline) * step / 3).quantize(Decimal("0.1"))
            record_measure_milestone(measure=measure, by=by, on=meeting.held_on, value=value)
    refresh_bound_actuals(plan=plan, as_of=as_of, counted=baselines)


def _plan_rows(
    rng: random.Random, organisations: dict[str, Organisation], start: dt.date
) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The plan as spreadsheet rows, as first imported (all not started), and each action's final status."""
    statuses = [status for status, count in STATUS_MIX.items() for _ in range(count)]
    rng.shuffle(statuses)
    rows: list[dict[str, object]] = []
    finals: dict[str, str] = {}
    number = 0
    for stream_number, (workstream, actions) in enumerate(WORKSTREAMS.items(), start=1):
        for stage_number, stage in enumerate(STAGES):
            for action_number, (verb, what) in enumerate(actions, start=1):
                ref = f"{stream_number}.{stage_number * len(actions) + action_number}"
                finding = FINDINGS[(stream_number + action_number) % len(FINDINGS)]
                lead, org_key = LEADS[(action_number + stream_number) % len(LEADS)]
                begins = start + dt.timedelta(days=60 * stage_number + rng.randint(0, 40))
                rows.append(
                    {
                        "Ref": ref,
                        "Workstream": workstream,
                        "Area of weakness": finding,
                        "Action": f"{stage}: {verb} {what}",
                        "Lead": lead,
                        "Organisation": organisations[org_key].name,
                        "Start date": begins.isoformat(),
                        "Due date": (begins + dt.timedelta(days=rng.randint(120, 420))).isoformat(),
                        "Status": "Not started",
                    }
                )
                finals[ref] = statuses[number]
                number += 1
    return rows, finals


def _history(plan: ImprovementPlan, finals: dict[str, str], meetings: list[Meeting], by: User) -> int:
    """Move each action towards its final status over the board meetings, one update per change."""
    path = ("not_started", "in_progress", "final_stages", "complete")
    written = 0
    actions = {action.ref: action for action in plan.actions.all()}
    for position, ref in enumerate(sorted(actions)):
        action, final = actions[ref], finals[ref]
        steps = ["in_progress", "at_risk"] if final == "at_risk" else list(path[1 : path.index(final) + 1])
        first = 1 + position % max(MEETINGS - len(steps), 1)
        for offset, status in enumerate(steps):
            meeting = meetings[min(first + offset, MEETINGS - 1)]
            rag = RAG_FOR[status]
            reason = "Reported to the board" if rag != action.rag else ""
            narrative = NARRATIVES[status]
            written += apply_action_changes(
                action=action,
                by=by,
                at=_at(meeting.held_on),
                source=UpdateSource.PAGE,
                status=status,
                rag=rag,
                narrative=narrative,
                reason=reason,
                fields={},
            )
    return written
