"""A plan's life after it is issued: annual reviews, amendments, phase transfers and ceasing.

Nothing here needs Django.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sendtrack.demo.calibration import Calibration
from sendtrack.demo.journey import consult_settings, iso, later
from sendtrack.statutory.dates import last_day_of_twelve_months_starting_with
from sendtrack.statutory.rules import SEND_REGS_2014_IN_FORCE, days_allowed, rule_for

# The SEN2 cease reason of each demo reason; a young person leaving education goes on to higher
# education (3), work (4) or neither (6), chosen by the day so the random stream is unchanged.
CEASE_REASON_CODES = {"needs_met": "2", "moved_out_of_area": "5", "reached_25": "1"}


def cease_reason_code(reason: str, day: date) -> str:
    return CEASE_REASON_CODES.get(reason) or ("3", "4", "6")[day.toordinal() % 3]


REVIEW_DECISION_DAYS = days_allowed("review_decision")
AMENDED_PLAN_DAYS = days_allowed("amended_plan")
# A late annual review is held this many days after its due date on average (an assumption).
LATE_REVIEW_MEAN_DAYS = 180
# Why a plan ceased, as a caseworker writes it in the event's free-text `reason`.
CEASE_WORDS = {
    "left_education": "left education or training",
    "reached_25": "reached 25",
    "moved_out_of_area": "moved out of the area",
    "needs_met": "needs met without a plan",
}


@dataclass(frozen=True)
class Transfer:
    day: date
    kind: str  # school, post16, post16_to_post16
    to_phase: str  # the phase of the setting the person moves to
    deadline: date


def school_year_of_birth(born: date) -> int:
    """The calendar year in which a child's English school year group starts: 1 September to 31 August."""
    return born.year if born.month >= 9 else born.year - 1


def transfers(born: date, rng: random.Random) -> list[Transfer]:
    """A person's phase transfers: into reception, year 7 and post-16, and sometimes between colleges."""
    cohort = school_year_of_birth(born)
    into_reception = date(cohort + 5, 9, 1)
    into_year_7 = date(cohort + 12, 9, 1)
    into_post16 = date(cohort + 17, 9, 1)
    moves = [(into_reception, "school", "primary"), (into_year_7, "school", "secondary")]
    moves.append((into_post16, "post16", "post16"))
    if rng.random() < 0.3:
        moves.append((date(cohort + 19, 9, 1), "post16_to_post16", "post16"))
    return [Transfer(day, kind, phase, _review_deadline(day, kind)) for day, kind, phase in moves]


def _review_deadline(day: date, kind: str) -> date:
    """The last day for the phase transfer review (reg. 18), from the rule for this kind of move.

    A move before the 2014 regulations (a young adult's reception year) is never reviewed, since no
    plan is older than them; it is dated as if they applied.
    """
    rule = rule_for("phase_transfer_review", max(day, SEND_REGS_2014_IN_FORCE), kind)
    assert rule is not None
    return rule.period.due(day)


@dataclass
class PlanLife:
    """The state a plan's reviews need: where the person is, and when the plan ends."""

    cal: Calibration
    rng: random.Random
    events: list[dict]
    born: date
    setting: str | None
    choose_setting: Callable[[str, random.Random], str]  # (phase, rng) -> URN
    until: date  # as_of, or the day the plan ceases
    ceases: str | None = None  # the reason when the plan ceases on `until`

    def run(self, issued: date, as_of: date) -> str | None:
        """Append reviews from `issued` up to `until`; return the person's setting at the end."""
        rng, cal = self.rng, self.cal
        moves = [t for t in transfers(self.born, rng) if t.day > issued]
        last = issued
        while True:
            due = last_day_of_twelve_months_starting_with(last)
            move = next((t for t in moves if later(t.day, -365) <= due and t.day > last), None)
            if move is not None and (move.day - last).days > 150:
                meeting = self._transfer_meeting(move, last)
            elif rng.random() < cal.assume("annual_review_on_time_share"):
                meeting = later(due, -rng.randint(0, 50))
            else:
                meeting = later(due, 1 + rng.expovariate(1 / LATE_REVIEW_MEAN_DAYS))
            if meeting <= last:
                meeting = later(last, 30)
            if meeting > self.until or meeting > as_of:
                break
            self._review(meeting, move)
            if move is not None and (move.day - meeting).days < 400:
                self._transfer(move)
                moves.remove(move)
            last = meeting
        for move in moves:  # a transfer with no review before it (late or missed)
            if issued < move.day <= later(as_of, 280):
                self._transfer(move)
        if self.ceases:
            self._cease()
        return self.setting

    def _transfer_meeting(self, move: Transfer, last: date) -> date:
        """Transfer reviews are brought forward to the autumn before the move."""
        autumn = date(move.day.year - 1, 9, 15)
        meeting = later(autumn, self.rng.randint(0, 110))
        return max(meeting, later(last, 60))

    def _review(self, meeting: date, move: Transfer | None) -> None:
        rng, cal, events = self.rng, self.cal, self.events
        events.append({"type": "review_meeting", "date": iso(meeting)})
        roll = rng.random()
        if roll < cal.assume("review_decision_missing_share"):
            return
        late = roll < cal.assume("review_decision_missing_share") + cal.assume("review_decision_late_share")
        decided = later(meeting, rng.randint(29, 90) if late else rng.randint(3, REVIEW_DECISION_DAYS))
        transfer_due = move is not None and (move.day - meeting).days < 400
        if transfer_due or rng.random() < cal.assume("review_amend_share"):
            events.append({"type": "review_decision", "date": iso(decided), "outcome": "amend"})
            self._amend(decided, move if transfer_due else None)
        else:
            events.append({"type": "review_decision", "date": iso(decided), "outcome": "maintain"})

    def _amend(self, decided: date, move: Transfer | None) -> None:
        rng, cal, events = self.rng, self.cal, self.events
        notice = decided if rng.random() < 0.8 else later(decided, rng.randint(1, 14))
        events.append({"type": "amendment_notice", "date": iso(notice)})
        if move is not None:
            new_setting = self.choose_setting(move.to_phase, rng)
            consult_settings(rng, events, later(notice, 2), [new_setting])
            self.setting = new_setting
        if move is None and rng.random() < cal.assume("amendment_withdrawn_share"):
            events.append(
                {
                    "type": "amendment_withdrawn",
                    "date": iso(later(notice, rng.randint(20, 50))),
                    "reason": "the family and school agreed the plan still fits",
                }
            )
            return
        if rng.random() < cal.assume("amendment_beyond_8_weeks_share"):
            days = AMENDED_PLAN_DAYS + 1 + min(int(rng.expovariate(1 / 50)), 250)
        else:
            days = rng.randint(14, AMENDED_PLAN_DAYS)
        issued = later(notice, days)
        if issued <= self.until:
            events.append({"type": "amended_plan_issued", "date": iso(issued)})

    def _transfer(self, move: Transfer) -> None:
        # A plan that goes on may show a transfer planned for next September; a ceased one may not.
        if self.ceases is None or move.day <= self.until:
            self.events.append({"type": "phase_transfer", "date": iso(move.day), "kind": move.kind})

    def _cease(self) -> None:
        rng = self.rng
        review_led = self.ceases in ("left_education", "needs_met")
        ceased = self.until
        if review_led:
            meeting = later(ceased, -rng.randint(30, 70))
            if not any(e["type"] == "review_meeting" and e["date"] >= iso(meeting) for e in self.events):
                self.events.append({"type": "review_meeting", "date": iso(meeting)})
                self.events.append(
                    {
                        "type": "review_decision",
                        "date": iso(later(meeting, rng.randint(5, 28))),
                        "outcome": "cease",
                    }
                )
        self.events.append(
            {
                "type": "plan_ceased",
                "date": iso(ceased),
                "reason": CEASE_WORDS[self.ceases],
                "reason_code": cease_reason_code(self.ceases, ceased),
            }
        )
