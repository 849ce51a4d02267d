# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
"""The case-record KPIs of many local areas counted in PostgreSQL, one grouped query per kind of record.

`counting.count_case_kpis` is the definition: it reads one area's milestones, people, decisions
and disputes row by row. Here the same counting is written as set-based SQL over any number of
areas at once (GROUPING SETS give the area-wide figure and every breakdown in one scan), and the
grouped rows are turned into the same `Tally` records, keyed the same way, per area. Every figure
is recomputed from the milestones and events; nothing is added to a stored total. A test compares
the two on a generated multi-area database (tests/performance/test_tally_sql.py).

PostgreSQL only (GROUPING SETS, `FILTER`, date arithmetic); `services.refresh` keeps the row-by-row
counting for SQLite.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date

from django.db import connection, transaction

from sendtrack.casework.models import Case, CaseEvent, Milestone, Person
from sendtrack.performance import kpi_terms as terms
from sendtrack.performance import kpis
from sendtrack.performance.counting import AS_OF_PERIOD, NOT_RECORDED, Key, Tally
from sendtrack.statutory.dates import months_before

M = Milestone._meta.db_table
C = Case._meta.db_table
P = Person._meta.db_table
E = CaseEvent._meta.db_table
WORK_MEM = "128MB"
WHITESPACE = "E' \\t\\n\\r\\f\\v'"


def _lit(text: str) -> str:
    """A constant of the code as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _case_when(expression: str, mapping: dict[str, str], otherwise: str) -> str:
    whens = " ".join(f"WHEN {_lit(code)} THEN {_lit(name)}" for code, name in mapping.items())
    return f"CASE {expression} {whens} ELSE {_lit(otherwise)} END"


def _age_on(day: str) -> str:
    """Whole years of p.date_of_birth on `day` (counting.age_on)."""
    return (
        f"(EXTRACT(YEAR FROM {day})::int - EXTRACT(YEAR FROM p.date_of_birth)::int"
        f" - CASE WHEN to_char({day}, 'MMDD') < to_char(p.date_of_birth, 'MMDD') THEN 1 ELSE 0 END)"
    )


def _age_group(age: str) -> str:
    """kpis.age_group of an age, or "not recorded" without a date of birth."""
    groups = kpis.AGE_GROUPS
    return (
        f"CASE WHEN p.date_of_birth IS NULL THEN {_lit(NOT_RECORDED)}"
        f" WHEN {age} < 5 THEN {_lit(groups[0])} WHEN {age} <= 10 THEN {_lit(groups[1])}"
        f" WHEN {age} <= 15 THEN {_lit(groups[2])} WHEN {age} <= 19 THEN {_lit(groups[3])}"
        f" ELSE {_lit(groups[4])} END"
    )


def _year_end_age_group(year: str) -> str:
    """The age group on 31 December of `year`: no birthday falls after that day."""
    return _age_group(f"({year} - EXTRACT(YEAR FROM p.date_of_birth)::int)")


NEED = f"COALESCE(NULLIF(p.primary_need, ''), {_lit(NOT_RECORDED)})"
SETTING = f"COALESCE(NULLIF(p.setting_urn, ''), {_lit(NOT_RECORDED)})"
SEX = _case_when(
    f"UPPER(LEFT(BTRIM(COALESCE(p.sex, ''), {WHITESPACE}), 1))", dict(terms.SEX_NAMES), terms.UNKNOWN
)
ETHNICITY = _case_when(
    f"UPPER(BTRIM(COALESCE(p.ethnicity, ''), {WHITESPACE}))",
    dict(terms.ETHNICITY_NAMES),
    terms.UNCLASSIFIED,
)
_REQUEST_AGE = _age_on("m.start")
AGE_AT_REQUEST = (
    f"CASE WHEN p.date_of_birth IS NULL THEN {_lit(terms.UNKNOWN)}"
    f" WHEN {_REQUEST_AGE} <= 2 THEN {_lit('age 2 and under')}"
    f" WHEN {_REQUEST_AGE} >= 20 THEN {_lit('age 20 and over')}"
    f" ELSE 'age ' || {_REQUEST_AGE} END"
)
# Completed by the date of the figures, else NULL (counting._completed_by).
COMPLETED_BY = "CASE WHEN m.completed <= %(as_of)s THEN m.completed END"
# A milestone's person, when its case is of the milestone's area (else "unknown", as counting has it).
MILESTONE_PERSON = (
    f"FROM {M} m LEFT JOIN {C} c ON c.id = m.case_id AND c.local_area_id = m.local_area_id"
    f" LEFT JOIN {P} p ON p.id = c.person_id"
)
CURRENT = f"NOT EXISTS (SELECT 1 FROM {E} x WHERE x.supersedes_id = e.id)"
# Final plans with mediation or a tribunal appeal between the request and the plan (counting._disputed):
# the few disputed plans found once, by joining the dispute events to their cases' final plans.
DISPUTED = (
    f"m.id IN (SELECT d.id FROM {M} d JOIN {E} e ON e.case_id = d.case_id"
    " WHERE d.local_area_id = ANY(%(areas)s) AND d.rule_name = 'final_plan'"
    " AND e.type IN ('mediation', 'tribunal_appeal') AND e.date IS NOT NULL"
    f" AND e.date >= COALESCE(d.journey, d.start) AND e.date <= d.completed AND {CURRENT})"
)
# The outcome of the latest current decision whether to assess, by case and day (position, then id, as
# the row-by-row count reads them, the last one read winning).
DECISION_OUTCOMES = (
    f"SELECT DISTINCT ON (e.case_id, e.date) e.case_id, e.date, e.data ->> 'outcome' AS outcome FROM {E} e"
    f" JOIN {C} dc ON dc.id = e.case_id WHERE dc.local_area_id = ANY(%(areas)s)"
    " AND e.type = 'assessment_decision' AND e.date IS NOT NULL AND e.date <= %(as_of)s"
    f" AND {CURRENT} ORDER BY e.case_id, e.date, e.position DESC, e.id DESC"
)
IN_AREAS = "m.local_area_id = ANY(%(areas)s) AND m.start <= %(as_of)s"


def _grouped(
    source: str, keys: Sequence[str], dims: Sequence[str], measures: Sequence[str], params: dict
) -> Iterator[tuple[int, tuple, str, object, tuple]]:
    """Run `source` (columns area, *keys, *dims, ...) grouped area-wide and by each of `dims`.

    Yields (area, keys, dimension or "", its value, measures) for every group.
    """
    head = ", ".join(["area", *keys])
    sets = ", ".join([f"({head})", *(f"({head}, {dim})" for dim in dims)])
    flags = ", ".join(f"GROUPING({dim})" for dim in dims)
    sql = (
        f"WITH src AS ({source}) SELECT {head}, {flags}, {', '.join(dims)}, {', '.join(measures)}"
        f" FROM src GROUP BY GROUPING SETS ({sets})"
    )
    width = 1 + len(keys)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            grouped = row[width : width + len(dims)]
            values = row[width + len(dims) : width + 2 * len(dims)]
            dimension, value = "", None
            for dim, flag, dim_value in zip(dims, grouped, values, strict=True):
                if not flag:
                    dimension, value = dim, dim_value
            yield row[0], tuple(row[1:width]), dimension, value, tuple(row[width + 2 * len(dims) :])


def _final_plans(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    source = (
        "SELECT m.local_area_id AS area, EXTRACT(YEAR FROM m.completed)::int AS yr, m.excepted,"
        " (m.completed <= m.due) AS in_time, (m.completed - m.start) AS days,"
        f" {NEED} AS need, {_year_end_age_group('EXTRACT(YEAR FROM m.completed)::int')} AS age_group,"
        f" {SETTING} AS setting, {AGE_AT_REQUEST} AS age_at_request, {SEX} AS sex,"
        f" {ETHNICITY} AS ethnicity, {DISPUTED} AS dispute"
        f" {MILESTONE_PERSON} WHERE {IN_AREAS} AND m.rule_name = 'final_plan'"
        " AND m.completed IS NOT NULL AND m.completed <= %(as_of)s"
    )
    over_year = f"days > {terms.YEAR_BAND.days}"
    measures = []
    for only in ("TRUE", "NOT excepted"):
        measures += [
            f"COUNT(*) FILTER (WHERE {only})",
            f"COUNT(*) FILTER (WHERE {only} AND in_time)",
            f"COALESCE(SUM(days) FILTER (WHERE {only}), 0)",
            f"COUNT(*) FILTER (WHERE {only} AND NOT in_time AND NOT ({over_year}))",
            f"COUNT(*) FILTER (WHERE {only} AND {over_year})",
        ]
    dims = (kpis.NEED, kpis.AGE_GROUP, kpis.SETTING, terms.AGE_AT_REQUEST, terms.SEX, terms.ETHNICITY)
    for area, (year,), dim, value, measured in _grouped(
        source, ["yr"], (*dims, terms.DISPUTE), measures, params
    ):
        tallies, period = out[area], str(year)
        if dim == terms.DISPUTE:
            value = terms.DISPUTED if value else terms.NOT_DISPUTED
        if dim in ("", *kpis.CASE_BREAKDOWNS):
            tallies[("plans_issued", period, dim, value or "")] = Tally(numerator=measured[0])
        if dim not in ("", *terms.TIMELINESS_BREAKDOWNS):
            continue
        for suffix, (count, in_time, days, within_year, beyond) in (
            ("incl_exceptions", measured[:5]),
            ("excl_exceptions", measured[5:]),
        ):
            if not count:
                continue
            key = (period, dim, value or "")
            tallies[(f"final_plan_20wk_{suffix}", *key)] = Tally(in_time, count)
            tallies[(f"final_plan_mean_weeks_{suffix}", *key)] = Tally(0, count, total=int(days))
            tallies[(f"final_plan_over_20wk_within_year_{suffix}", *key)] = Tally(within_year, count)
            tallies[(f"final_plan_over_year_{suffix}", *key)] = Tally(beyond, count)


def _requests(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    outcome = (
        f"CASE WHEN {COMPLETED_BY} IS NOT NULL THEN"
        " CASE WHEN o.outcome = 'refuse' THEN 'refused' ELSE 'assessed' END"
        " WHEN m.status = 'not_applicable' AND m.completed IS NULL THEN 'withdrawn' ELSE 'open' END"
    )
    source = (
        "SELECT m.local_area_id AS area, EXTRACT(YEAR FROM m.start)::int AS yr,"
        f" ({COMPLETED_BY}) IS NOT NULL AS decided, ({COMPLETED_BY}) <= m.due AS in_time,"
        f" {outcome} AS outcome, {NEED} AS need,"
        f" {_year_end_age_group('EXTRACT(YEAR FROM m.start)::int')} AS age_group, {SETTING} AS setting"
        f" {MILESTONE_PERSON} LEFT JOIN ({DECISION_OUTCOMES}) o"
        " ON o.case_id = m.case_id AND o.date = m.completed"
        f" WHERE {IN_AREAS} AND m.rule_name = 'assessment_decision'"
    )
    measures = ["COUNT(*)", "COUNT(*) FILTER (WHERE decided)", "COUNT(*) FILTER (WHERE decided AND in_time)"]
    for area, (year,), dim, value, (count, decided, in_time) in _grouped(
        source, ["yr"], ("outcome", *kpis.CASE_BREAKDOWNS), measures, params
    ):
        tallies, period = out[area], str(year)
        if dim == "outcome":
            tallies[(f"request_outcome:{value}", period, "", "")] = Tally(numerator=count)
            continue
        tallies[("requests_received", period, dim, value or "")] = Tally(numerator=count)
        if decided:
            tallies[("assessment_decision_6wk", period, dim, value or "")] = Tally(in_time, decided)


def _advice(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    agency = (
        "CASE WHEN POSITION(':' IN m.rule) > 0 THEN SUBSTRING(m.rule FROM POSITION(':' IN m.rule) + 1)"
        " ELSE 'other' END"
    )
    agencies = ", ".join(_lit(code) for code in kpis.ADVICE_AGENCIES)
    source = (
        f"SELECT * FROM (SELECT m.local_area_id AS area, {agency} AS agency,"
        " EXTRACT(YEAR FROM m.completed)::int AS yr, m.completed <= m.due AS in_time, "
        f" {NEED} AS need, {_year_end_age_group('EXTRACT(YEAR FROM m.completed)::int')} AS age_group,"
        f" {SETTING} AS setting {MILESTONE_PERSON} WHERE {IN_AREAS} AND m.rule_name = 'advice'"
        f" AND m.completed IS NOT NULL AND m.completed <= %(as_of)s) advice WHERE agency IN ({agencies})"
    )
    measures = ["COUNT(*)", "COUNT(*) FILTER (WHERE in_time)"]
    for area, (agency_code, year), dim, value, (count, in_time) in _grouped(
        source, ["agency", "yr"], kpis.CASE_BREAKDOWNS, measures, params
    ):
        out[area][(f"advice_6wk:{agency_code}", str(year), dim, value or "")] = Tally(in_time, count)


def _reviews(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    """Review decisions (by the year the review was held) and the KPIs counted by the year due."""
    kpi = (
        "CASE m.rule_name WHEN 'review_decision' THEN 'review_decision_4wk'"
        " WHEN 'annual_review' THEN 'annual_review_12m' WHEN 'amended_plan' THEN 'amended_plan_8wk'"
        " ELSE 'phase_transfer_on_time' END"
    )
    year = (
        "CASE WHEN m.rule_name = 'review_decision' THEN EXTRACT(YEAR FROM m.start)::int"
        " ELSE EXTRACT(YEAR FROM m.due)::int END"
    )
    counted = (
        f"CASE WHEN m.rule_name = 'review_decision' THEN ({COMPLETED_BY}) IS NOT NULL OR m.due <= %(as_of)s"
        " ELSE m.due <= %(as_of)s END"
    )
    source = (
        f"SELECT m.local_area_id AS area, {kpi} AS kpi, {year} AS yr,"
        f" COALESCE(({COMPLETED_BY}) <= m.due, FALSE) AS hit, {NEED} AS need,"
        f" {_year_end_age_group(year)} AS age_group, {SETTING} AS setting"
        f" {MILESTONE_PERSON} WHERE {IN_AREAS}"
        " AND m.rule_name IN ('review_decision', 'annual_review', 'amended_plan', 'phase_transfer_review')"
        f" AND NOT (m.status = 'not_applicable' AND ({COMPLETED_BY}) IS NULL) AND ({counted})"
    )
    measures = ["COUNT(*)", "COUNT(*) FILTER (WHERE hit)"]
    for area, (kpi_id, yr), dim, value, (count, hit) in _grouped(
        source, ["kpi", "yr"], kpis.CASE_BREAKDOWNS, measures, params
    ):
        out[area][(kpi_id, str(yr), dim, value or "")] = Tally(hit, count)


def _active_plans(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    """Plans whose latest annual review is still open: how many, and how long since it started."""
    latest = (
        f"SELECT m.local_area_id AS area, m.case_id, MAX(m.start) AS last FROM {M} m WHERE {IN_AREAS}"
        f" AND m.rule_name = 'annual_review' AND m.status <> 'not_applicable' AND ({COMPLETED_BY}) IS NULL"
        " GROUP BY m.local_area_id, m.case_id"
    )
    source = (
        f"SELECT l.area, l.last < %(twelve)s AS over_12, l.last < %(twenty_four)s AS over_24,"
        f" {NEED} AS need,"
        f" {_age_group(_age_on('%(as_of)s::date'))} AS age_group, {SETTING} AS setting"
        f" FROM ({latest}) l LEFT JOIN {C} c ON c.id = l.case_id AND c.local_area_id = l.area"
        f" LEFT JOIN {P} p ON p.id = c.person_id"
    )
    measures = ["COUNT(*)", "COUNT(*) FILTER (WHERE over_12)", "COUNT(*) FILTER (WHERE over_24)"]
    totals: dict[int, int] = {}
    by_need: dict[int, dict[str, int]] = defaultdict(dict)
    for area, _, dim, value, (count, over_12, over_24) in _grouped(
        source, [], kpis.CASE_BREAKDOWNS, measures, params
    ):
        key = (AS_OF_PERIOD, dim, value or "")
        tallies = out[area]
        tallies[("active_plans", *key)] = Tally(numerator=count)
        tallies[("plans_without_review_12m", *key)] = Tally(over_12, count)
        tallies[("plans_without_review_24m", *key)] = Tally(over_24, count)
        if dim == "":
            totals[area] = count
        elif dim == kpis.NEED:
            by_need[area][str(value)] = count
    for area, total in totals.items():
        for need in kpis.NEED_NAMES:
            out[area][(f"primary_need_mix:{need}", AS_OF_PERIOD, "", "")] = Tally(
                by_need[area].get(need, 0), total
            )


def _decisions(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    sql = (
        "SELECT c.local_area_id, e.type, EXTRACT(YEAR FROM e.date)::int, COUNT(*),"
        " COUNT(*) FILTER (WHERE e.data ->> 'outcome' = 'refuse'),"
        " COUNT(e.panel_incomplete), COUNT(*) FILTER (WHERE NOT e.panel_incomplete)"
        f" FROM {E} e JOIN {C} c ON c.id = e.case_id WHERE c.local_area_id = ANY(%(areas)s)"
        " AND e.type IN ('assessment_decision', 'plan_decision') AND e.date IS NOT NULL"
        f" AND e.date <= %(as_of)s AND {CURRENT} GROUP BY 1, 2, 3"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for area, kind, year, count, refused, with_panel, quorate in rows:
        tallies, period = out[area], str(year)
        if kind == "assessment_decision":
            tallies[("requests_refused_share", period, "", "")] = Tally(refused, count)
        if with_panel:
            tally = tallies.setdefault(("quorate_panel_decisions", period, "", ""), Tally())
            tally.numerator += quorate
            tally.denominator += with_panel


def _open_requests(out: dict[int, dict[Key, Tally]], params: dict) -> None:
    sql = (
        f"SELECT local_area_id, stage, COUNT(*) FROM {C} WHERE local_area_id = ANY(%(areas)s) AND open"
        " GROUP BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for area, stage, count in rows:
        tallies = out[area]
        tallies.setdefault(("open_requests", AS_OF_PERIOD, "", ""), Tally()).numerator += count
        tallies[("open_requests", AS_OF_PERIOD, kpis.STAGE, stage)] = Tally(numerator=count)
        if stage in kpis.STAGE_NAMES:
            tallies[(f"open_requests:{stage}", AS_OF_PERIOD, "", "")] = Tally(numerator=count)


def case_tallies_by_area(area_ids: list[int], as_of: date) -> dict[int, dict[Key, Tally]]:
    """Every case-record KPI of each area, as `refresh.case_tallies([area], as_of)` counts it."""
    params = {
        "areas": list(area_ids),
        "as_of": as_of,
        "twelve": months_before(as_of, 12),
        "twenty_four": months_before(as_of, 24),
    }
    out: dict[int, dict[Key, Tally]] = {area: {} for area in area_ids}
    with transaction.atomic():
        with connection.cursor() as cursor:  # grouping sets hashed in memory, not sorted on disk
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
        for count in (_final_plans, _requests, _advice, _reviews, _active_plans, _decisions, _open_requests):
            count(out, params)
        with connection.cursor() as cursor:  # an enclosing transaction goes on with its own setting
            cursor.execute("SET LOCAL work_mem TO DEFAULT")
    return out
