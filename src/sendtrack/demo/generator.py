"""The demo local area's children and their case files, generated one at a time.

`generate_cases` yields case-file dicts in the interchange format (docs/spec/case-events.md), one per child,
calibrated to `data/calibration.json`. Each child has its own `random.Random`, seeded from the
area's seed and the child's number, so the same seed always gives the same area, any slice of it
can be made on its own, and memory stays flat however many children are asked for.

Two kinds of children make up the area:
- requesters, whose request for assessment falls in the window (1 July of the year before the last
  full year, to `as_of`): they make the annual flows measured for the last full year;
- established plan holders, whose request came before the window; some cease in the window.
The share of requesters is the national requests per child per year times the window's length.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from sendtrack.demo.calibration import AGE_BANDS, Calibration, load_calibration
from sendtrack.demo.journey import FINAL_PLAN_DAYS, assessment_journey, iso, later
from sendtrack.demo.names import child_name, postcode, postcode_area, upn
from sendtrack.demo.reviews import PlanLife
from sendtrack.demo.settings import Setting, settings_by_phase

T = TypeVar("T")

DEFAULT_AREA_NAME = "Northbridge"
EARLIEST_PLAN = date(2015, 3, 1)  # the first plans under the Children and Families Act 2014 Part 3
SOURCES = (
    ("parent", 0.45),
    ("school", 0.38),
    ("health", 0.07),
    ("social_care", 0.03),
    ("young_person", 0.03),
    ("other", 0.04),
)
# Ethnicity of children and young people with EHC plans, roughly England's (CBDS codes).
ETHNICITY_MIX = (
    ("WBRI", 0.66),
    ("WIRI", 0.003),
    ("WIRT", 0.003),
    ("WROM", 0.007),
    ("WOTH", 0.04),
    ("MWBC", 0.02),
    ("MWBA", 0.01),
    ("MWAS", 0.015),
    ("MOTH", 0.025),
    ("AIND", 0.015),
    ("APKN", 0.035),
    ("ABAN", 0.015),
    ("CHNE", 0.003),
    ("AOTH", 0.015),
    ("BCRB", 0.01),
    ("BAFR", 0.04),
    ("BOTH", 0.01),
    ("OOTH", 0.02),
    ("REFU", 0.005),
    ("NOBT", 0.01),
)
CEASE_REASONS_YOUNG = (("moved_out_of_area", 0.55), ("needs_met", 0.45))
CEASE_AGES_OLDER = (
    (16, 0.08),
    (17, 0.12),
    (18, 0.18),
    (19, 0.22),
    (20, 0.1),
    (21, 0.09),
    (22, 0.07),
    (23, 0.06),
    (24, 0.05),
    (25, 0.03),
)
# Special schools' share of children with plans at each phase: an assumption, near the national picture.
SPECIAL_SHARE = 0.3
# Case references of the children the demo's family and young person accounts are linked to.
FEATURED_PARENT_CHILD = 0  # an open request with a draft plan out for comment
FEATURED_YOUNG_PERSON = 1  # a young person of 17 with a plan


def case_ref(area_code: str, index: int) -> str:
    return f"LA{area_code}-{index + 1:06d}"


def _weighted(rng: random.Random, pairs: tuple[tuple[T, float], ...]) -> T:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def _band_age(rng: random.Random, mix: dict[str, float]) -> int:
    label = rng.choices(list(mix), list(mix.values()))[0]
    first, last = next((f, la) for lab, f, la in AGE_BANDS if lab == label)
    return rng.randint(first, last)


def born_at(day: date, age: int, rng: random.Random) -> date:
    """A date of birth that makes someone `age` on `day`."""
    return day - timedelta(days=int(age * 365.25) + rng.randint(1, 364))


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class Area:
    """What every child of one generated area shares."""

    code: str
    name: str
    seed: int
    as_of: date
    cal: Calibration
    settings: dict[str, tuple[Setting, ...]]
    window_start: date
    requester_share: float
    cease_share: float
    established_ages: dict[str, float]
    postcode_area: str
    advice_to: dict[str, str]

    def choose_setting(self, phase: str, rng: random.Random) -> str:
        if phase in ("primary", "secondary") and rng.random() < SPECIAL_SHARE:
            phase = "special"
        return rng.choice(self.settings[phase]).urn

    def setting_for_age(self, age: int, rng: random.Random) -> str:
        if age < 4:
            return self.choose_setting("early_years", rng)
        if age <= 10:
            return self.choose_setting("primary", rng)
        if age <= 15:
            return self.choose_setting("secondary", rng)
        return self.choose_setting("post16" if age >= 19 or rng.random() < 0.6 else "secondary", rng)


def make_area(
    area_code: str,
    seed: int,
    as_of: date,
    area_name: str = DEFAULT_AREA_NAME,
    advice_to: Mapping[str, str] | None = None,
) -> Area:
    cal = load_calibration()
    window_start = date(as_of.year - 2, 7, 1)
    years = (as_of - window_start).days / 365.25
    requester_share = min(cal.per_child_per_year("requests_for_assessment_2024") * years, 0.9)
    ceased = cal.per_child_per_year("ceased_plans_2024") * years
    return Area(
        code=area_code,
        name=area_name,
        seed=seed,
        as_of=as_of,
        cal=cal,
        settings=settings_by_phase(area_name, seed),
        window_start=window_start,
        requester_share=requester_share,
        cease_share=min(ceased / (1 - requester_share), 0.9),
        established_ages=cal.assume("established_age_mix"),
        postcode_area=postcode_area(area_name),
        advice_to=dict(advice_to or {}),
    )


def _person(area: Area, rng: random.Random, index: int, born: date) -> dict:
    cal = area.cal
    sex = "M" if rng.random() < 0.72 else "F"  # about 7 in 10 children with plans are boys
    given, family = child_name(rng, sex)
    needs = cal.primary_needs
    primary = rng.choices(list(needs), list(needs.values()))[0]
    secondary = []
    if rng.random() < 0.4:
        secondary = [rng.choice([n for n in needs if n != primary])]
    person = {
        "ref": f"P{index + 1:07d}",
        "given_name": given,
        "family_name": family,
        "date_of_birth": iso(born),
        "sex": sex,
        "postcode": postcode(rng, area.postcode_area),
        "primary_need": primary,
        "secondary_needs": secondary,
    }
    if age_on(born, area.as_of) >= 4:
        year_started = born.year + 5
        # School number and serial together tell 7,000,000 children apart, so no two share a UPN.
        person["upn"] = upn(area.code, 2000 + index % 7000, year_started, index // 7000)
    else:
        person["upn_unknown"] = "UN1"
    # The SEN2 return's items drawn from their own stream, so the case histories stay as they were.
    sen2 = random.Random(f"{area.seed}:{area.code}:{index}:sen2")
    person["ethnicity"] = _weighted(sen2, ETHNICITY_MIX)
    person["personal_budget"] = sen2.random() < 0.08
    person["sen_unit"] = sen2.random() < 0.05
    person["resourced_provision"] = not person["sen_unit"] and sen2.random() < 0.07
    if sen2.random() < 0.02:
        person["residential"] = "A" if sen2.random() < 0.7 else "B"
    return person


def _requester(area: Area, rng: random.Random, events: list[dict], featured: bool) -> tuple[date, str | None]:
    """A child whose request falls in the window; returns (date of birth, setting)."""
    cal, as_of = area.cal, area.as_of
    span = (as_of - area.window_start).days
    received = later(area.window_start, rng.randrange(span))
    age = _band_age(rng, cal.assume("age_at_request"))
    if featured:
        received, age = later(as_of, -rng.randint(112, 126)), 9
    born = born_at(received, age, rng)
    roll = rng.random()
    refuse = cal.refusal_share
    withdrawn = refuse + cal.assume("withdrawn_share")
    not_issued = withdrawn + (1 - withdrawn) * cal.assume("refuse_to_issue_share")
    outcome = (
        "refuse"
        if roll < refuse
        else "withdrawn"
        if roll < withdrawn
        else ("not_issued" if roll < not_issued else "plan")
    )
    if featured:
        outcome = "plan"
    setting = area.setting_for_age(age, rng)
    source = (
        "young_person"
        if age >= 16 and rng.random() < 0.5
        else str(_weighted(rng, SOURCES[:-2] + SOURCES[-1:]))
    )
    candidates = [area.setting_for_age(age + (1 if age in (4, 10, 15) else 0), rng) for _ in range(3)]
    if featured:
        return born, _featured_draft(area, rng, events, received, age, candidates, source)
    result = assessment_journey(
        rng,
        cal,
        events,
        received,
        age=age,
        candidate_settings=candidates,
        outcome=outcome,
        source=source,
        advice_to=area.advice_to,
    )
    if result.final is not None and result.final <= as_of:
        life = PlanLife(area.cal, rng, events, born, result.setting, area.choose_setting, as_of)
        return born, life.run(result.final, as_of)
    return born, setting if not result.refused else None


def _featured_draft(
    area: Area,
    rng: random.Random,
    events: list[dict],
    received: date,
    age: int,
    candidates: list[str],
    source: str,
) -> str | None:
    """The family's child: a request whose draft plan is out for comment on `as_of`."""
    for _ in range(200):
        events.clear()
        result = assessment_journey(
            rng,
            area.cal,
            events,
            received,
            age=age,
            candidate_settings=candidates,
            outcome="plan",
            source=source,
            advice_to=area.advice_to,
        )
        drafts = [e for e in events if e["type"] == "draft_plan_issued"]
        if result.final and result.final > area.as_of and drafts and drafts[0]["date"] <= iso(area.as_of):
            break
    events[:] = [e for e in events if e["type"] not in ("final_plan_issued", "tribunal_appeal", "mediation")]
    return candidates[0]


def _established(
    area: Area, rng: random.Random, events: list[dict], featured: bool
) -> tuple[date, str | None]:
    """A child whose request came before the window; some plans cease within it."""
    cal, as_of = area.cal, area.as_of
    ceases: str | None = None
    until = as_of
    if not featured and rng.random() < area.cease_share:
        until = later(area.window_start, rng.randrange((as_of - area.window_start).days))
        if rng.random() < cal.assume("ceased_under_16_share"):
            ceases, age_at_end = str(_weighted(rng, CEASE_REASONS_YOUNG)), rng.randint(4, 15)
        else:
            age_at_end = int(_weighted(rng, CEASE_AGES_OLDER))
            ceases = "left_education" if age_at_end < 25 or rng.random() < 0.5 else "reached_25"
            if age_at_end < 25 and rng.random() < 0.15:
                ceases = "moved_out_of_area"
        born = born_at(until, age_at_end, rng)
    else:
        age = 17 if featured else _band_age(rng, area.established_ages)
        born = born_at(as_of, age, rng)
    earliest = max(EARLIEST_PLAN - timedelta(days=FINAL_PLAN_DAYS), born + timedelta(days=450))
    latest = later(area.window_start, -1)
    if earliest >= latest:
        earliest = later(latest, -30)
    years = rng.expovariate(cal.assume("established_plan_age_rate"))
    received = later(latest, -years * 365.25)
    if received < earliest:
        received = later(earliest, rng.randrange(max((latest - earliest).days, 1)))
    age_then = max(age_on(born, received), 0)
    candidates = [area.setting_for_age(age_then, rng)]
    result = assessment_journey(
        rng,
        cal,
        events,
        received,
        age=age_then,
        candidate_settings=candidates,
        outcome="plan",
        source=str(_weighted(rng, SOURCES)),
        advice_to=area.advice_to,
    )
    assert result.final is not None
    if ceases is not None and until < later(result.final, 60):
        # A plan issued late in the window cannot cease before it is issued: it ceases later, or not yet.
        room = (as_of - result.final).days - 60
        if room > 0:
            until = later(result.final, 60 + rng.randrange(room))
        else:
            ceases, until = None, as_of
    life = PlanLife(cal, rng, events, born, result.setting, area.choose_setting, until, ceases)
    setting = life.run(result.final, as_of)
    return born, setting if ceases is None else None


def _plausible_birth(born: date, events: list[dict], as_of: date) -> date:
    """A date of birth before the first request, with the young person at most 24 at it and at
    most 25 while the plan is maintained (the SEN2 return's age range)."""
    requests = [date.fromisoformat(e["date"]) for e in events if e["type"] == "request_received"]
    if not requests:
        return born
    first = min(requests)
    if born >= first:
        born = date(first.year - 1, first.month, min(first.day, 28))
    ceased = [date.fromisoformat(e["date"]) for e in events if e["type"] == "plan_ceased"]
    last = max(ceased) if ceased else as_of
    while age_on(born, first) > 24 or age_on(born, last) > 25:
        born = date(born.year + 1, born.month, min(born.day, 28))
    return born


def generate_case(area: Area, index: int) -> dict:
    rng = random.Random(f"{area.seed}:{area.code}:{index}")
    events: list[dict] = []
    if index == FEATURED_PARENT_CHILD or (
        index != FEATURED_YOUNG_PERSON and rng.random() < area.requester_share
    ):
        born, setting = _requester(area, rng, events, index == FEATURED_PARENT_CHILD)
    else:
        born, setting = _established(area, rng, events, index == FEATURED_YOUNG_PERSON)
    born = _plausible_birth(born, events, area.as_of)
    person = _person(area, rng, index, born)
    if setting:
        person["setting"] = setting
    horizon = later(area.as_of, 280)
    kept = [e for e in events if _event_day(e) <= (horizon if e["type"] == "phase_transfer" else area.as_of)]
    kept.sort(key=_event_day)
    return {"case_ref": case_ref(area.code, index), "person": person, "events": kept}


def _event_day(event: dict) -> date:
    return date.fromisoformat(event.get("date") or event["start"])


def generate_cases(
    area_code: str,
    children: int,
    seed: int,
    as_of: date,
    *,
    area_name: str = DEFAULT_AREA_NAME,
    start: int = 0,
    advice_to: Mapping[str, str] | None = None,
) -> Iterator[dict]:
    """Yield the case files of children `start` to `children - 1` of the demo area, one at a time.

    `advice_to` maps an adviser (health, social_care, educational_psychology) to the name of the
    organisation asked, so that the area's professionals see the cases they advise on.
    """
    area = make_area(area_code, seed, as_of, area_name, advice_to)
    for index in range(start, children):
        yield generate_case(area, index)


def generate_chunk(
    start: int,
    end: int,
    *,
    area_code: str,
    seed: int,
    as_of: date,
    area_name: str = DEFAULT_AREA_NAME,
    advice_to: Mapping[str, str] | None = None,
) -> list[dict]:
    """The case files of children `start` to `end - 1`, as `generate_cases` yields them; with the
    area's terms given by `functools.partial`, a function another process can be sent."""
    return list(
        generate_cases(area_code, end, seed, as_of, area_name=area_name, start=start, advice_to=advice_to)
    )
