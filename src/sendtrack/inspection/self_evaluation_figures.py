"""Resolving a self-evaluation's tokens into live figures, and the whole document as one structure.

Read-only. Figures are area-wide (KPI summaries, counts of cases, improvement actions), never one
child's record, so they open no case. The structure (`assemble`) is what the page shows, what the
Word file is written from, and what a frozen version keeps, unchanged, as JSON.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.improvement.models import Action
from sendtrack.inspection.models import SelfEvaluationStatement
from sendtrack.inspection.self_evaluation import (
    EVALUATION_AREAS,
    Figure,
    Token,
    parse,
    weakest_first,
    weakness,
)
from sendtrack.performance import kpis, national
from sendtrack.performance.drilldown import NUMERATOR, has_case_list
from sendtrack.performance.models import KpiSummary, SummaryRefresh

AS_OF_PERIOD = "as_of"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


@dataclass(frozen=True, slots=True)
class _Latest:
    row: KpiSummary
    as_of: dt.date  # the date of the area's figures, kept once an area (SummaryRefresh)

    def period(self) -> str:
        return f"on {_day(self.as_of)}" if self.row.period == AS_OF_PERIOD else f"in {self.row.period}"


def _latest(area: LocalArea, kpi_id: str) -> _Latest | None:
    rows = list(KpiSummary.objects.filter(local_area=area, kpi_id=kpi_id, dimension="").order_by("period"))
    if not rows:
        return None
    refresh = SummaryRefresh.objects.filter(local_area=area).first()
    return _Latest(rows[-1], refresh.as_of if refresh else timezone.localdate(rows[-1].refreshed_at))


def _kpi(area: LocalArea, token: Token) -> Figure:
    kpi = kpis.get(token.ref)
    if kpi is None:
        return Figure(str(token), str(token), "", "", problem=f"There is no KPI called {token.ref}")
    latest = _latest(area, kpi.id)
    link = reverse("performance:kpi", args=[area.code, kpi.id])
    if latest is None:
        return Figure(
            str(token), "no figure yet", kpi.name, "", link, problem=f"{kpi.name} has not been counted"
        )
    row = latest.row
    compared = national.for_period(kpi.id, row.period) or national.latest_for(kpi.id)
    england = compared.value if compared else kpi.target
    words = f"{kpis.value_in_words(row.value, kpi)} {latest.period()}"
    if compared:
        words += f" (England {kpis.value_in_words(compared.value, kpi)} in {compared.period})"
    return Figure(
        str(token),
        words,
        f"{kpi.name}: counted by sendtrack from {kpi.source}; {kpi.comparability}",
        latest.as_of.isoformat(),
        link,
        weakness(row.value, england, kpi.polarity),
    )


def _count(area: LocalArea, token: Token) -> Figure:
    kpi = kpis.get(token.ref)
    if kpi is None or not has_case_list(kpi):
        return Figure(
            str(token), str(token), "", "", problem=f"There is no count of cases called {token.ref}"
        )
    latest = _latest(area, kpi.id)
    if latest is None or latest.row.numerator is None:
        return Figure(str(token), "no figure yet", kpi.name, "", problem=f"{kpi.name} has not been counted")
    row = latest.row
    link = (
        reverse("performance:kpi-cases", args=[area.code, kpi.id]) + f"?period={row.period}&part={NUMERATOR}"
    )
    return Figure(
        str(token),
        f"{row.numerator:,} ({kpi.numerator} {latest.period()})",
        f"{kpi.name}, the {kpi.numerator} counted: sendtrack's case records",
        latest.as_of.isoformat(),
        link,
    )


def _action(area: LocalArea, token: Token) -> Figure:
    action = (
        Action.objects.filter(plan__local_area=area, ref=token.ref)
        .select_related("plan")
        .order_by("-plan__created_at", "-pk")
        .first()
    )
    if action is None:
        return Figure(str(token), str(token), "", "", problem=f"There is no improvement action {token.ref}")
    update = action.updates.order_by("-recorded_at").first()
    day = timezone.localdate(update.recorded_at) if update else timezone.localdate()
    rag = f", rated {action.get_rag_display().lower()}" if action.rag else ""
    return Figure(
        str(token),
        f"action {action.ref} is {action.get_status_display().lower()}{rag}",
        f"Improvement plan “{action.plan.name}”, action {action.ref}"
        + (f", last updated {_day(day)}" if update else ", never updated"),
        day.isoformat(),
        action.get_absolute_url(),
    )


RESOLVERS = {"kpi": _kpi, "count": _count, "action": _action}


def resolve(area: LocalArea, token: Token) -> Figure:
    resolver = RESOLVERS.get(token.kind)
    if resolver is None:
        return Figure(
            str(token), str(token), "", "", problem=f"{token} is not a figure: use kpi, count or action"
        )
    return resolver(area, token)


def problems(area: LocalArea, text: str) -> list[str]:
    """Each token in `text` that does not resolve, named, for the form's error message."""
    return [
        f.problem
        for part in parse(text)
        for f in [resolve(area, t) for t in part if isinstance(t, Token)]
        if f.problem
    ]


def assemble(area: LocalArea) -> dict[str, Any]:
    """The self-evaluation with every figure as it is now: sections in the framework's order, and
    the measures (each KPI embedded, and every headline KPI) weakest first."""
    texts = dict(SelfEvaluationStatement.objects.filter(local_area=area).values_list("area_key", "text"))
    measures: dict[str, Figure] = {}
    sections = []
    for key, title in EVALUATION_AREAS:
        paragraphs = []
        for paragraph in parse(texts.get(key, "")):
            parts = []
            for part in paragraph:
                if isinstance(part, Token):
                    figure = resolve(area, part)
                    parts.append(figure.as_dict())
                    if part.kind == "kpi" and not figure.problem:
                        measures[figure.token] = figure
                else:
                    parts.append({"text": part})
            paragraphs.append(parts)
        sections.append({"key": key, "title": title, "paragraphs": paragraphs, "text": texts.get(key, "")})
    for kpi in kpis.HEADLINE:
        token = f"[kpi:{kpi.id}]"
        if token not in measures:
            figure = _kpi(area, Token("kpi", kpi.id))
            if not figure.problem:
                measures[token] = figure
    return {
        "area": area.name,
        "area_code": area.code,
        "as_of": timezone.localdate().isoformat(),
        "sections": sections,
        "measures": [
            {
                **f.as_dict(),
                "name": f.source.split(":", 1)[0],
                "weaker": f.weakness is not None and f.weakness < 0,
            }
            for f in weakest_first(list(measures.values()))
        ],
    }
