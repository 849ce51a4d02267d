"""A plan's content as JSON, and what changed between two versions. Pure Python, no Django."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from sendtrack.ehcplan.structure import SECTIONS, Advice, EhcPlan, Need, Outcome, Provision

DATE_FIELDS = {"issued_on", "last_reviewed_on", "requested", "received"}


def to_json(plan: EhcPlan) -> dict[str, Any]:
    def encode(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: encode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [encode(v) for v in value]
        return value

    encoded: dict[str, Any] = encode(asdict(plan))
    return encoded


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def from_json(data: dict[str, Any]) -> EhcPlan:
    simple = {f.name: data[f.name] for f in fields(EhcPlan) if f.name in data}
    for name in ("issued_on", "last_reviewed_on"):
        simple[name] = _day(data.get(name))
    simple["needs"] = [Need(**n) for n in data.get("needs", [])]
    simple["outcomes"] = [Outcome(**o) for o in data.get("outcomes", [])]
    simple["provisions"] = [Provision(**p) for p in data.get("provisions", [])]
    simple["advice"] = [
        Advice(
            a["agency"], a["adviser"], _day(a.get("requested")), _day(a.get("received")), a.get("email", "")
        )
        for a in data.get("advice", [])
    ]
    simple["confirmed"] = {k: _day(v) for k, v in data.get("confirmed", {}).items()}
    return EhcPlan(**simple)


@dataclass(frozen=True)
class Change:
    """One difference between two versions, said the way a reader of the plan would say it."""

    section: str
    what: str
    before: str
    after: str


def _item_text(item: Need | Outcome | Provision) -> str:
    if isinstance(item, Provision):
        prompts = [item.support, item.who, item.ratio, item.how_often, item.how_long]
        return "; ".join(p for p in prompts if p)
    return item.text


def _section_of(item: Need | Outcome | Provision) -> str:
    return "E" if isinstance(item, Outcome) else item.section


def differences(older: EhcPlan, newer: EhcPlan) -> list[Change]:
    """What changed, section by section: section wording, and needs, outcomes and provision by reference."""
    changes = []
    for code in SECTIONS:
        before, after = older.sections.get(code, ""), newer.sections.get(code, "")
        if before != after:
            changes.append(
                Change(
                    code,
                    "Wording changed" if before and after else "Added" if after else "Removed",
                    before,
                    after,
                )
            )
    kinds: tuple[tuple[str, list[Any], list[Any]], ...] = (
        ("Need", older.needs, newer.needs),
        ("Outcome", older.outcomes, newer.outcomes),
        ("Provision", older.provisions, newer.provisions),
    )
    for label, old_items, new_items in kinds:
        old_by_ref = {item.ref: item for item in old_items}
        new_by_ref = {item.ref: item for item in new_items}
        for ref in [*old_by_ref, *(r for r in new_by_ref if r not in old_by_ref)]:
            old, new = old_by_ref.get(ref), new_by_ref.get(ref)
            if old == new:
                continue
            item = new or old
            assert item is not None
            what = f"{label} {ref} " + ("added" if old is None else "removed" if new is None else "changed")
            changes.append(
                Change(
                    _section_of(item), what, _item_text(old) if old else "", _item_text(new) if new else ""
                )
            )
    order = {code: i for i, code in enumerate(SECTIONS)}
    return sorted(changes, key=lambda c: order.get(c.section, len(order)))
