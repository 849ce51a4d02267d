"""The KPI API: GET /api/kpis gives the stored summaries of an area the caller may report on."""

from __future__ import annotations

from ninja import Router, Schema

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.performance import kpis, selectors

router = Router(tags=["performance"])


class KpiValueOut(Schema):
    id: str
    name: str
    period: str
    value: float | None
    numerator: int | None
    denominator: int | None
    comparability: str


class KpisOut(Schema):
    area: str
    as_of: str | None
    kpis: list[KpiValueOut]


@router.get("/kpis", response=KpisOut, summary="The latest value of every KPI of a local area")
def list_kpis(request: AuthenticatedHttpRequest, area: str | None = None) -> dict[str, object]:
    local_area = selectors.reporting_area_or_404(request.user, area)
    refresh = selectors.last_refresh(local_area)
    values = []
    for kpi_id, points in sorted(selectors.area_series(local_area).items()):
        kpi = kpis.get(kpi_id)
        if kpi is None or not points:
            continue
        latest = points[-1]
        value = latest.numerator if kpi.unit == kpis.COUNT else latest.value
        values.append(
            {
                "id": kpi.id,
                "name": kpi.name,
                "period": latest.period,
                "value": value,
                "numerator": latest.numerator,
                "denominator": latest.denominator,
                "comparability": kpi.comparability,
            }
        )
    return {"area": local_area.code, "as_of": refresh.as_of.isoformat() if refresh else None, "kpis": values}
