"""Milestones and integrity flags: rebuilt from a case's events, never edited by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from sendtrack.casework.case_file_selectors import case_file_dict, current_events
from sendtrack.casework.models import OPEN_STAGES, Case, IntegrityFlag, Milestone, Stage
from sendtrack.core.audit import not_audited
from sendtrack.statutory import CaseFile, derive, parse_case

DERIVED = "milestones, flags and a case's stage are rebuilt from its events, whose changes are audited"

# A refusal to issue is only a breach if the decision is then a refusal: not the next thing due.
NOT_NEXT_DUE_RULES = frozenset({"plan_decision_refusal"})


@dataclass(slots=True)
class Derived:
    """What the engine says about one case, ready to store."""

    milestones: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    columns: dict[str, Any] = field(default_factory=dict)


def _exceptions_json(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in item.items()} for item in found]


def stage_of(case_file: CaseFile, advice_outstanding: bool) -> tuple[str, date | None]:
    """The stage of the case's latest request, and the date that request was received."""
    events = case_file.events
    latest = None
    for index, event in enumerate(events):
        if event.type == "request_received":
            latest = index
    if latest is None:
        return Stage.NO_REQUEST, None
    received = events[latest].date
    types: set[str] = set()
    refused = assessed = False
    for event in events[latest + 1 :]:
        types.add(event.type)
        outcome = event.fields.get("outcome")
        if event.type in ("assessment_decision", "plan_decision") and outcome == "refuse":
            refused = True
        if event.type == "assessment_decision" and outcome == "assess":
            assessed = True
    if "request_withdrawn" in types:
        return Stage.WITHDRAWN, received
    if refused:
        return Stage.REFUSED, received
    if "final_plan_issued" in types:
        return Stage.FINAL_ISSUED, received
    if "setting_consulted" in types:
        return Stage.CONSULTATION, received
    if "draft_plan_issued" in types:
        return Stage.DRAFT_ISSUED, received
    if assessed:
        if advice_outstanding or "advice_requested" not in types:
            return Stage.ASSESSING, received
        return Stage.AWAITING_DECISION, received
    return Stage.RECEIVED, received


def organisation_keys(case_file: CaseFile, organisation_of: Any) -> dict[str, Any]:
    """Milestone key ("advice:health@2026-02-11", "setting_response:131204@...") -> organisation id.

    `organisation_of(index)` gives the organisation id of the event at that file index, or None.
    """
    keys: dict[str, Any] = {}
    for event in case_file.events:
        if event.type == "advice_requested":
            start = event.fields.get("received") or event.date
            key = f"advice:{event.fields['from']}@{start}"
        elif event.type == "setting_consulted":
            key = f"setting_response:{event.fields['setting']}@{event.date}"
        else:
            continue
        found = organisation_of(event.index)
        if found is not None:
            keys.setdefault(key, found)
    return keys


def derive_rows(case_file: CaseFile, as_of: date, organisation_of: Any = None) -> Derived:
    """Run the engine on a parsed case and shape its results as rows and case columns."""
    timeline = derive(case_file, as_of)
    derived = Derived()
    keys = organisation_keys(case_file, organisation_of) if organisation_of is not None else {}
    for position, m in enumerate(timeline.milestones):
        derived.milestones.append(
            {
                "rule": m.rule,
                "rule_name": m.rule_name,
                "journey": date.fromisoformat(m.journey) if m.journey else None,
                "start": m.start,
                "due": m.due,
                "completed": m.completed,
                "status": m.status,
                "days_late": m.days_late,
                "excepted": m.excepted,
                "basis": m.basis,
                "citation": m.citation,
                "explanation": m.explanation,
                "rule_set": m.rule_set,
                "waiting_on": m.waiting_on,
                "exceptions": _exceptions_json(m.exceptions),
                "position": position,
                "organisation_id": keys.get(f"{m.rule}@{m.start}"),
            }
        )
    derived.flags = [{"code": f.code, "date": f.date, "explanation": f.explanation} for f in timeline.flags]

    latest_request = None
    for event in case_file.events:
        if event.type == "request_received":
            latest_request = event.date
    open_rows = [
        row
        for row in derived.milestones
        if latest_request is not None
        and row["journey"] == latest_request
        and row["completed"] is None
        and row["status"] != "not_applicable"
    ]
    advice_outstanding = any(row["rule_name"] == "advice" for row in open_rows)
    stage, received = stage_of(case_file, advice_outstanding)
    is_open = stage in OPEN_STAGES
    next_rows = [row for row in open_rows if row["rule_name"] not in NOT_NEXT_DUE_RULES] if is_open else []
    next_row = min(next_rows, key=lambda row: (row["due"], row["position"]), default=None)
    derived.columns = {
        "stage": stage,
        "open": is_open,
        "request_received": received,
        "next_due": next_row["due"] if next_row else None,
        "next_due_rule": next_row["rule"] if next_row else "",
        "milestones_as_of": as_of,
    }
    return derived


def store_derived(case: Case, derived: Derived) -> None:
    """Replace a case's milestones and flags and set its derived columns."""
    Milestone.objects.filter(case=case).delete()
    IntegrityFlag.objects.filter(case=case).delete()
    Milestone.objects.bulk_create(
        [Milestone(case=case, local_area_id=case.local_area_id, **row) for row in derived.milestones]
    )
    IntegrityFlag.objects.bulk_create(
        [IntegrityFlag(case=case, local_area_id=case.local_area_id, **row) for row in derived.flags]
    )
    for name, value in derived.columns.items():
        setattr(case, name, value)
    Case.objects.filter(pk=case.pk).update(**derived.columns)


@not_audited(DERIVED, writes=[Milestone, IntegrityFlag, Case])
@transaction.atomic
def refresh_milestones(*, case: Case, as_of: date | None = None) -> Derived:
    """Rebuild a case's milestones and flags from all its current (not superseded) events."""
    as_of = as_of or timezone.localdate()
    events = current_events(case)
    by_index = [event.organisation_id for event in events]
    derived = derive_rows(parse_case(case_file_dict(case, events)), as_of, by_index.__getitem__)
    store_derived(case, derived)
    return derived


@not_audited(DERIVED, writes=[Milestone, IntegrityFlag, Case])
def refresh_area(*, cases: Any, as_of: date | None = None) -> tuple[int, int]:
    """Refresh every case of a queryset; return (cases refreshed, milestones whose status moved)."""
    as_of = as_of or timezone.localdate()
    refreshed = moved = 0
    for case in cases.select_related("person").iterator(chunk_size=500):
        with transaction.atomic():
            before = {
                (journey, rule): status
                for journey, rule, status in Milestone.objects.filter(case=case).values_list(
                    "journey", "rule", "status"
                )
            }
            derived = refresh_milestones(case=case, as_of=as_of)
            after = {(row["journey"], row["rule"]): row["status"] for row in derived.milestones}
        moved += sum(1 for rule, status in after.items() if before.get(rule) != status)
        refreshed += 1
    return refreshed, moved
