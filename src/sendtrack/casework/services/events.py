"""Recording events on a case: the one path the form, the API and corrections all take."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sendtrack.accounts.models import Organisation, User
from sendtrack.casework.case_file_selectors import case_file_dict, current_events
from sendtrack.casework.decision_letters import send_decision_letters
from sendtrack.casework.models import Case, CaseEvent, PanelMeeting
from sendtrack.casework.services.milestones import refresh_milestones
from sendtrack.core.audit import NOT_IN_A_TRANSACTION, audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.statutory import CaseFileError, parse_case

DATE_IN_FUTURE = "The date must be today or in the past"
ADVICE_NOT_REQUESTED = (
    "Advice cannot be received before it was requested: record the request from {agency} first"
)
FINAL_BEFORE_DRAFT = "A final plan cannot be issued before a draft plan: record the draft plan first"
MISSING_REASON = "Enter why the event is being corrected"

DECISION_TYPES = ("assessment_decision", "plan_decision")
PANEL_AGENCIES = ("education", "health", "social_care")
SETTING_EVENT_TYPES = ("setting_consulted", "setting_responded", "final_plan_issued")


class EventRejected(ValueError):
    """An event that cannot be recorded; `field` names the part of the event that is wrong."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def check_event_rules(events: list[dict[str, Any]], new: dict[str, Any], today: date) -> None:
    """The rules a person recording an event must meet, beyond the file format itself."""
    for name in ("date", "received", "start"):
        day = _as_date(new.get(name))
        if day is not None and day > today:
            raise EventRejected(DATE_IN_FUTURE, name)
    day = _as_date(new.get("date"))
    if day is None:
        return
    dated = [(d, e) for e in events if (d := _as_date(e.get("date"))) is not None]
    if new.get("type") == "advice_received":
        agency = new.get("from")
        asked = sum(
            1
            for d, e in dated
            if e.get("type") == "advice_requested" and e.get("from") == agency and d <= day
        )
        answered = sum(
            1 for d, e in dated if e.get("type") == "advice_received" and e.get("from") == agency and d <= day
        )
        if asked <= answered:
            raise EventRejected(ADVICE_NOT_REQUESTED.format(agency=str(agency).replace("_", " ")), "date")
    if new.get("type") == "final_plan_issued":
        requests = [d for d, e in dated if e.get("type") == "request_received" and d <= day]
        opened = max(requests) if requests else date.min
        if not any(e.get("type") == "draft_plan_issued" and opened <= d <= day for d, e in dated):
            raise EventRejected(FINAL_BEFORE_DRAFT, "date")


def validate_event(case: Case, event: dict[str, Any], *, replacing: CaseEvent | None = None) -> None:
    """Raise `EventRejected` unless the case with this event added is valid and meets the rules."""
    events = [e for e in current_events(case) if replacing is None or e.pk != replacing.pk]
    datas = [e.data for e in events]
    check_event_rules(datas, event, timezone.localdate())
    obj = case_file_dict(case, events)
    obj["events"] = [*datas, event]
    try:
        parse_case(obj)
    except CaseFileError as error:
        raise EventRejected(error.problem[:1].upper() + error.problem[1:], error.field) from error


def resolve_organisation(case: Case, event: dict[str, Any]) -> Organisation | None:
    """The organisation an event is addressed to: a setting by URN, an adviser by name or URN."""
    if event.get("type") in SETTING_EVENT_TYPES and event.get("setting") not in (None, ""):
        return Organisation.objects.filter(
            local_area_id=case.local_area_id, urn=str(event["setting"])
        ).first()
    if event.get("type") in ("advice_requested", "advice_received") and event.get("to"):
        to = str(event["to"])
        return (
            Organisation.objects.filter(local_area_id=case.local_area_id, urn=to).first()
            or Organisation.objects.filter(local_area_id=case.local_area_id, name__iexact=to).first()
        )
    return None


def panel_incomplete(event: dict[str, Any]) -> bool | None:
    if event.get("type") not in DECISION_TYPES or not isinstance(event.get("panel"), list):
        return None
    return not set(PANEL_AGENCIES) <= set(event["panel"])


@audited(AuditVerb.EVENT_RECORDED)
def record_event_in_transaction(
    *,
    case: Case,
    by: User | None,
    event: dict[str, Any],
    organisation: Organisation | None = None,
    panel_meeting: PanelMeeting | None = None,
) -> CaseEvent:
    """Check and store one event, then rebuild the case's milestones, in the caller's transaction.

    `organisation` is who an advice request or consultation is addressed to; when not given it is
    found from the event's `to` or `setting`. A `panel_meeting` fills the decision's `panel`.
    For one step of another service's change (issuing a plan); `record_event` is the same change
    made in a transaction of its own.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(NOT_IN_A_TRANSACTION)
    recorded = _store_event(
        case=case, by=by, event=event, organisation=organisation, panel_meeting=panel_meeting
    )
    _audit_event(by, AuditVerb.EVENT_RECORDED, case, recorded, before=None, after=recorded.data)
    send_decision_letters(case=case, event=recorded, by=by)  # sent once this commits
    return recorded


record_event = audited(AuditVerb.EVENT_RECORDED)(
    transaction.atomic(durable=True)(record_event_in_transaction)
)


@audited(AuditVerb.EVENT_CORRECTED)
@transaction.atomic(durable=True)
def correct_event(
    *, case: Case, by: User | None, original: CaseEvent, event: dict[str, Any] | None, reason: str
) -> CaseEvent:
    """Replace a wrong event with a corrected one, or take it out when `event` is None.

    The original stays in the history with who corrected it, when and why.
    """
    if not reason.strip():
        raise EventRejected(MISSING_REASON, "reason")
    if original.case_id != case.pk or original.corrections.exists():
        raise EventRejected("This event has already been corrected", None)
    if event is not None:
        correction = _store_event(case=case, by=by, event=event, supersedes=original, reason=reason)
    else:
        correction = CaseEvent.objects.create(
            case=case,
            type=CaseEvent.REMOVED,
            date=None,
            data={},
            position=original.position,
            recorded_by=by,
            supersedes=original,
            reason=reason,
        )
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        refresh_milestones(case=case)
    _audit_event(
        by,
        AuditVerb.EVENT_CORRECTED,
        case,
        correction,
        before=original.data,
        after=None if event is None else correction.data,
        corrects=original.pk,
        reason=reason,
    )
    return correction


def _audit_event(
    by: User | None, verb: AuditVerb, case: Case, recorded: CaseEvent, *, before: Any, after: Any, **more: Any
) -> None:
    """The audit row of an event recorded, corrected or taken out: its data before and after."""
    audit(
        actor=by,
        verb=verb,
        subject=case,
        detail={"event": recorded.pk, **more, "changes": {"event": {"before": before, "after": after}}},
    )


def _store_event(
    *,
    case: Case,
    by: User | None,
    event: dict[str, Any],
    organisation: Organisation | None = None,
    panel_meeting: PanelMeeting | None = None,
    supersedes: CaseEvent | None = None,
    reason: str = "",
) -> CaseEvent:
    Case.objects.select_for_update().filter(pk=case.pk).first()
    event = {k: v for k, v in event.items() if v not in (None, "", [])}
    if panel_meeting is not None and event.get("type") in DECISION_TYPES:
        event["panel"] = list(panel_meeting.agencies_present)
    if organisation is not None and event.get("type") == "advice_requested" and "to" not in event:
        event["to"] = organisation.name
    if organisation is not None and event.get("type") in SETTING_EVENT_TYPES and organisation.urn:
        event.setdefault("setting", organisation.urn)
    validate_event(case, event, replacing=supersedes)
    if organisation is None:
        organisation = resolve_organisation(case, event)
    if supersedes is not None:
        position = supersedes.position
    else:
        position = (CaseEvent.objects.filter(case=case).aggregate(top=Max("position"))["top"] or 0) + 1
    recorded = CaseEvent.objects.create(
        case=case,
        type=event["type"],
        date=_as_date(event.get("date")),
        data=event,
        position=position,
        organisation=organisation,
        panel_meeting=panel_meeting,
        panel_incomplete=panel_incomplete(event),
        recorded_by=by,
        supersedes=supersedes,
        reason=reason,
    )
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    refresh_milestones(case=case)
    return recorded
