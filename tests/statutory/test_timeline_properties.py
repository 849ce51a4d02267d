"""Properties of the engine that hold for any case, checked with Hypothesis."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sendtrack.statutory import RULES, MilestoneStatus, derive, parse_case, timeline_json
from tests.statutory.cases import case

FIRST_DAY = date(2019, 1, 1)
PLAN_LEVEL = {rule.name: rule.plan_level for rule in RULES}
ADVISERS = ["education", "health", "social_care", "educational_psychology", "other"]

# Each dated event type, with a strategy for its other fields. Phase transfers are left out of the
# "dated after as_of" property: their date is the planned transfer, known in advance.
FIELDS: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "request_received": st.just({}),
    "assessment_decision": st.fixed_dictionaries(
        {"outcome": st.sampled_from(["assess", "refuse"])},
        optional={"panel": st.lists(st.sampled_from(["education", "health", "social_care"]), unique=True)},
    ),
    "advice_requested": st.fixed_dictionaries({"from": st.sampled_from(ADVISERS)}),
    "advice_received": st.fixed_dictionaries({"from": st.sampled_from(ADVISERS)}),
    "plan_decision": st.fixed_dictionaries({"outcome": st.sampled_from(["issue", "refuse"])}),
    "draft_plan_issued": st.just({}),
    "setting_consulted": st.fixed_dictionaries({"setting": st.sampled_from(["100001", "100002"])}),
    "setting_responded": st.fixed_dictionaries({"setting": st.sampled_from(["100001", "100002"])}),
    "final_plan_issued": st.just({}),
    "review_meeting": st.just({}),
    "review_decision": st.fixed_dictionaries({"outcome": st.sampled_from(["maintain", "amend", "cease"])}),
    "amendment_notice": st.just({}),
    "amended_plan_issued": st.just({}),
    "amendment_withdrawn": st.just({}),
    "plan_ceased": st.just({}),
    "request_withdrawn": st.just({}),
    "mediation": st.just({}),
    "tribunal_appeal": st.just({}),
}


@st.composite
def dated_event(draw: st.DrawFn, on: date) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(FIELDS)))
    return {"type": kind, "date": on.isoformat(), **draw(FIELDS[kind])}


@st.composite
def case_files(draw: st.DrawFn, *, same_days: bool = False) -> dict[str, Any]:
    """A case with a request first, then up to 25 events over about 4 years.

    The events fall on distinct days unless `same_days`; then several may share a day, and some
    carry a `note`, so that the same kind of event can arrive twice on one day without being
    identical (a re-sent plan, a meeting recorded by two systems).
    """
    offsets = draw(st.lists(st.integers(1, 1500), min_size=1, max_size=25, unique=not same_days))
    events = [{"type": "request_received", "date": FIRST_DAY.isoformat()}]
    for n in offsets:
        item = draw(dated_event(FIRST_DAY + timedelta(days=n)))
        if same_days and draw(st.booleans()):
            item["note"] = draw(st.sampled_from(["from the school", "from the SEND team"]))
        events.append(item)
    if draw(st.booleans()):
        start = FIRST_DAY + timedelta(days=draw(st.integers(0, 1400)))
        events.append(
            {
                "type": "exception",
                "reason": draw(st.sampled_from(["exceptional_personal_circumstances", "missed_appointment"])),
                "start": start.isoformat(),
                "end": (start + timedelta(days=draw(st.integers(0, 60)))).isoformat(),
            }
        )
    if draw(st.booleans()):
        transfer = FIRST_DAY + timedelta(days=draw(st.integers(300, 1800)))
        kind = draw(st.sampled_from(["school", "post16", "post16_to_post16"]))
        events.append({"type": "phase_transfer", "date": transfer.isoformat(), "kind": kind})
    return case(*events)


as_of_dates = st.integers(0, 1600).map(lambda n: FIRST_DAY + timedelta(days=n))


@settings(max_examples=150, deadline=None)
@given(case_files(), as_of_dates, st.randoms(use_true_random=False))
def test_the_order_of_events_in_the_file_does_not_change_the_timeline(
    obj: dict[str, Any], as_of: date, rng: random.Random
) -> None:
    shuffled = dict(obj, events=list(obj["events"]))
    rng.shuffle(shuffled["events"])
    assert timeline_json(shuffled, as_of) == timeline_json(obj, as_of)


@settings(max_examples=200, deadline=None)
@given(case_files(), as_of_dates)
def test_every_milestone_is_consistent_with_its_status(obj: dict[str, Any], as_of: date) -> None:
    for m in derive(parse_case(obj), as_of).milestones:
        assert m.due >= m.start, m
        assert m.status in MilestoneStatus.ALL
        assert (m.status == MilestoneStatus.MET) == (m.completed is not None and m.completed <= m.due)
        assert (m.status == MilestoneStatus.LATE) == (m.completed is not None and m.completed > m.due)
        if m.status == MilestoneStatus.LATE:
            assert m.days_late == (m.completed - m.due).days  # type: ignore[operator]
        elif m.status == MilestoneStatus.OVERDUE:
            assert m.days_late == (as_of - m.due).days > 0
        else:
            assert m.days_late == 0
        if m.status == MilestoneStatus.PENDING:
            assert as_of <= m.due
        assert m.excepted == bool(m.exceptions)
        assert (m.journey is None) == PLAN_LEVEL[m.rule_name]
        assert m.explanation.startswith("Due by the end of ") and m.explanation.endswith(".")
        assert "\n" not in m.explanation


@settings(max_examples=150, deadline=None)
@given(case_files(), as_of_dates, st.data())
def test_an_event_dated_after_as_of_changes_nothing_as_of_that_date(
    obj: dict[str, Any], as_of: date, data: st.DataObject
) -> None:
    later = as_of + timedelta(days=data.draw(st.integers(1, 400)))
    extra = data.draw(dated_event(later))
    before = timeline_json(obj, as_of)
    after = timeline_json(dict(obj, events=[*obj["events"], extra]), as_of)
    assert after == before


@settings(max_examples=100, deadline=None)
@given(case_files(), as_of_dates)
def test_recomputing_gives_the_same_timeline(obj: dict[str, Any], as_of: date) -> None:
    first = json.dumps(timeline_json(obj, as_of), sort_keys=True)
    assert json.dumps(timeline_json(obj, as_of), sort_keys=True) == first
    parsed = parse_case(obj)
    assert derive(parsed, as_of) == derive(parsed, as_of)


@st.composite
def with_copies(draw: st.DrawFn, obj: dict[str, Any], *, anywhere: bool) -> dict[str, Any]:
    """`obj` with a copy of each of a subset of its events, each copy after its original (or
    `anywhere` in the file: only where no two events share a day, since file order is the contract's
    order for events of one day)."""
    events: list[dict[str, Any]] = list(obj["events"])
    chosen = draw(st.lists(st.sampled_from(range(len(events))), unique=True, min_size=1))
    for index in chosen:
        original = events.index(obj["events"][index])
        low = 0 if anywhere else original + 1
        at = draw(st.integers(low, len(events)))
        events.insert(at, json.loads(json.dumps(obj["events"][index])))
    return dict(obj, events=events)


@settings(max_examples=200, deadline=None)
@given(case_files(), as_of_dates, st.data())
def test_duplicating_any_events_anywhere_in_the_file_leaves_the_timeline_unchanged(
    obj: dict[str, Any], as_of: date, data: st.DataObject
) -> None:
    copied = data.draw(with_copies(obj, anywhere=True))
    assert timeline_json(copied, as_of) == timeline_json(obj, as_of)


@settings(max_examples=200, deadline=None)
@given(case_files(same_days=True), as_of_dates, st.data())
def test_duplicating_any_events_of_a_case_with_busy_days_leaves_the_timeline_unchanged(
    obj: dict[str, Any], as_of: date, data: st.DataObject
) -> None:
    copied = data.draw(with_copies(obj, anywhere=False))
    assert timeline_json(copied, as_of) == timeline_json(obj, as_of)


@settings(max_examples=300, deadline=None)
@given(case_files(same_days=True), as_of_dates)
def test_no_rule_has_two_milestones_with_the_same_start_for_one_request_or_plan(
    obj: dict[str, Any], as_of: date
) -> None:
    seen = [(m.rule, m.start, m.journey) for m in derive(parse_case(obj), as_of).milestones]
    assert len(seen) == len(set(seen)), sorted(seen)
