"""How KPI figures are written on the pages: "46.4%", "1,204", "12.5 weeks"."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from sendtrack.performance import kpis

register = template.Library()


@register.filter
def kpi_value(value: float | int | None, kpi: kpis.Kpi) -> str:
    return kpis.value_in_words(value, kpi)


@register.filter
def count(value: int | None) -> str:
    return "" if value is None else str(intcomma(value))


@register.filter
def period_name(period: str) -> str:
    return "now" if period == "as_of" else period
