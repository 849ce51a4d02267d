"""What a tracked child's pack holds, read from the case: the inspectors' view of one child's record.

Read-only. The caller has opened the case through the access door (`casework.access`) as one of the
inspection's named leads, which wrote the access-log row; this module only gathers.

- the statutory timeline (every time limit with its explanation and the law behind it);
- every event recorded, corrected ones included and marked;
- the current plan (the latest issued version, sections A to K) and the last annual review;
- advice by agency with the dates asked, due and received;
- the family's responses (from the portal, named by `settings.TRACKING_PACK_FAMILY_RESPONSES`,
  as the portal sits above this app);
- flags, the documents held, and who has looked at the record (the access log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import AccessLog, Case, CaseDocument, CaseEvent, IntegrityFlag, Milestone
from sendtrack.casework.selectors import case_timeline
from sendtrack.ehcplan.models import PlanVersion
from sendtrack.ehcplan.selectors import plan_sections
from sendtrack.statutory.labels import agency_label

REVIEW_EVENTS = ("review_meeting", "review_decision")
ADVICE_EVENTS = ("advice_requested", "advice_received")


@dataclass(frozen=True)
class AdviceRow:
    agency: str
    label: str
    asked_on: dt.date
    due_on: dt.date
    received_on: dt.date | None
    status: str


@dataclass
class TrackingPack:
    case: Case
    made_at: dt.datetime
    milestones: list[Milestone]
    events: list[CaseEvent]
    plan: PlanVersion | None
    plan_sections: list[dict[str, Any]]
    last_review: list[CaseEvent]
    advice: list[AdviceRow]
    advice_events: list[CaseEvent]
    family_responses: list[Any]
    flags: list[IntegrityFlag]
    documents: list[CaseDocument]
    access_log: list[AccessLog]
    case_file: dict[str, Any] = field(default_factory=dict)

    @property
    def person(self) -> Any:
        return self.case.person


def _advice(milestones: list[Milestone]) -> list[AdviceRow]:
    rows = []
    for milestone in milestones:
        if milestone.rule_name != "advice":
            continue
        agency = milestone.rule.split(":", 1)[1] if ":" in milestone.rule else ""
        rows.append(
            AdviceRow(
                agency=agency_label(agency.split(":")[0]) if agency else "Advice",
                label=milestone.label,
                asked_on=milestone.start,
                due_on=milestone.due,
                received_on=milestone.completed,
                status=milestone.status_label,
            )
        )
    return sorted(rows, key=lambda row: (row.agency, row.asked_on))


def _last_review(events: list[CaseEvent]) -> list[CaseEvent]:
    """The last annual review meeting that counts, with the decision after it, if any."""
    current = [e for e in events if not getattr(e, "corrected", False) and e.type in REVIEW_EVENTS]
    meetings = [e for e in current if e.type == "review_meeting" and e.date]
    if not meetings:
        return []
    last = max(meetings, key=lambda e: (e.date, e.position))
    after = [e for e in current if e.type == "review_decision" and e.date and e.date >= last.date]
    return [last, *after[:1]]


def family_responses(case: Case) -> list[Any]:
    path = getattr(settings, "TRACKING_PACK_FAMILY_RESPONSES", "")
    return list(import_string(path)(case)) if path else []


def assemble(case: Case, *, made_at: dt.datetime) -> TrackingPack:
    timeline = case_timeline(case)
    events = list(timeline["events"])
    milestones = timeline["milestones"]
    plan = PlanVersion.objects.filter(case=case, issued_on__isnull=False).order_by("-number").first()
    return TrackingPack(
        case=case,
        made_at=made_at,
        milestones=milestones,
        events=events,
        plan=plan,
        plan_sections=[s for s in plan_sections(plan.plan()) if _has_words(s)] if plan else [],
        last_review=_last_review(events),
        advice=_advice(milestones),
        advice_events=[e for e in events if e.type in ADVICE_EVENTS],
        family_responses=family_responses(case),
        flags=timeline["flags"],
        documents=list(CaseDocument.objects.filter(case=case).select_related("uploaded_by", "event")),
        access_log=list(AccessLog.objects.filter(case=case).select_related("actor").order_by("at", "pk")),
        case_file=case_file_dict(case),
    )


def _has_words(section: dict[str, Any]) -> bool:
    return any(section[key] for key in ("words", "needs", "outcomes", "provisions", "advice"))
