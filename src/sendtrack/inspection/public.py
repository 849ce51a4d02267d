"""The latest inspection's outcome as the public progress page shows it: what the published report
says, the visits it implies, and which plans answer it. Read-only; nothing personal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sendtrack.accounts.models import LocalArea
from sendtrack.improvement.models import Finding, Inspection, InspectionFramework
from sendtrack.inspection.outcomes import OUTCOMES, next_visits


@dataclass
class PublicOutcome:
    inspection: Inspection
    framework: str
    published_on: dt.date
    outcome: str
    wording: str
    findings: list[Finding]
    visits: list[tuple[str, dt.date]] = field(default_factory=list)
    plan_ids: set[int] = field(default_factory=set)

    @property
    def priority_areas(self) -> list[Finding]:
        return [f for f in self.findings if f.kind != "improvement"]

    @property
    def improvement_areas(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "improvement"]


def latest_outcome(area: LocalArea) -> PublicOutcome | None:
    """The latest inspection of the area whose report is published, or None."""
    inspection = (
        Inspection.objects.filter(local_area=area, letter_published_on__isnull=False)
        .exclude(outcome="")
        .order_by("-letter_published_on", "-pk")
        .first()
    )
    if inspection is None or inspection.letter_published_on is None:
        return None
    by_label = {outcome.label: (key, outcome) for key, outcome in OUTCOMES.items()}
    key, outcome = by_label.get(inspection.outcome, (None, None))
    visits = next_visits(key, inspection.letter_published_on) if key else []
    if not visits and inspection.next_visit_by:
        visits = [("Next visit", inspection.next_visit_by)]
    return PublicOutcome(
        inspection=inspection,
        framework=InspectionFramework(inspection.framework).label,
        published_on=inspection.letter_published_on,
        outcome=inspection.outcome,
        wording=outcome.wording if outcome else "",
        findings=list(inspection.findings.select_related("priority_area").order_by("position", "pk")),
        visits=visits,
        plan_ids=set(inspection.plans.values_list("pk", flat=True)),
    )
