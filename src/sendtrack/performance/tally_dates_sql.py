"""The area-wide case-record KPIs of areas on several dates, as `tally_sql` counts each date.

An improvement plan's bound measures read a few KPIs, area-wide, on about nine dates; at 640,000
children each full count (`case_tallies_by_area`, every breakdown of every KPI) took about 35 s.
Two ways here, each giving a date's area-wide tallies exactly as that count does (a test compares
them date by date):

- The milestone KPIs (requests, plans issued, advice and the reviews), the 20-week measures and
  the panel decisions, the ones bound measures mostly read, in one pass over the area's milestones
  and decision events for all the dates at once: each row is joined to the dates it was known on
  (started by then), and only the area-wide groups are formed, so no person is read. The
  statements reuse `tally_sql`'s expressions with the date as a column instead of a parameter.
- Any other KPI by `tally_sql`'s own statements, date by date, with the tables that no date
  changes (each case's person, the words, the disputed plans, the decision events up to the last
  date) built once.

PostgreSQL only, like `tally_sql`.
"""

# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from sendtrack.performance import tally_sql as sql
from sendtrack.performance.case_kpis import case_kpis
from sendtrack.performance.counting import Key, Tally
from sendtrack.performance.sql_parts import case_when, lit, year

# The date of the figures as a column `d.day` of the dates joined, where `tally_sql` has a parameter.
DAY = "d.day"
DAYS = "unnest(%(days)s::date[]) d (day)"
_MILESTONE_RULES = ", ".join(map(lit, ("assessment_decision", "final_plan", "advice", *sql.BY_RULE)))
_KPI = case_when(
    "m.rule_name",
    {
        "assessment_decision": str(sql.REQUESTS),
        "final_plan": str(sql.PLANS_ISSUED),
        **{rule: str(sql.SPLIT_KPIS.index(kpi) + 1) for rule, kpi in sql.BY_RULE.items()},
        "advice": sql._ADVICE,
    },
    "0",
)
# Final plans and advice by the year completed, requests and review decisions by the year received
# or held, the other reviews by the year due.
_YEAR = year(
    "CASE WHEN m.rule_name IN ('final_plan', 'advice') THEN m.completed"
    " WHEN m.rule_name IN ('assessment_decision', 'review_decision') THEN m.start ELSE m.due END"
)
_COUNTED = (
    "CASE WHEN rule_name IN ('final_plan', 'advice') THEN done IS NOT NULL"
    " WHEN rule_name = 'assessment_decision' THEN TRUE"
    " WHEN status = 'not_applicable' AND done IS NULL THEN FALSE"
    " WHEN rule_name = 'review_decision' THEN done IS NOT NULL OR due <= %(as_of)s"
    " ELSE due <= %(as_of)s END"
)
# tally_sql.SPLIT's area-wide groups: each milestone's KPI and year worked out once, then counted on
# every date by which it had started.
SPLIT_ON_DAYS = (
    f"SELECT d.day, i.area, i.kpi, i.yr, COUNT(*), COUNT(*) FILTER (WHERE done <= due), COUNT(done)"
    f" FROM (SELECT m.local_area_id AS area, {_KPI} AS kpi, {_YEAR} AS yr, m.rule_name, m.status,"
    f" m.start, m.due, m.completed FROM {sql.M} m WHERE m.local_area_id = ANY(%(areas)s)"
    f" AND m.start <= %(last)s AND m.rule_name IN ({_MILESTONE_RULES}) OFFSET 0) i"
    f" JOIN {DAYS} ON i.start <= d.day"
    " CROSS JOIN LATERAL (SELECT CASE WHEN i.completed <= d.day THEN i.completed END AS done) x"
    f" WHERE i.kpi > 0 AND {_COUNTED.replace('%(as_of)s', DAY)} GROUP BY 1, 2, 3, 4"
)
# tally_sql.FINAL_PLANS's area-wide groups, with and without exceptions.
_YEAR_BAND = sql.terms.YEAR_BAND.days
FINAL_PLANS_ON_DAYS = (
    "SELECT d.day, p.area, p.yr"
    + "".join(
        f", COUNT(*) FILTER (WHERE {only}), COUNT(*) FILTER (WHERE {only} AND in_time),"
        f" COALESCE(SUM(days) FILTER (WHERE {only}), 0),"
        f" COUNT(*) FILTER (WHERE {only} AND NOT in_time AND days <= {_YEAR_BAND}),"
        f" COUNT(*) FILTER (WHERE {only} AND days > {_YEAR_BAND})"
        for only in ("TRUE", "NOT excepted")
    )
    + f" FROM (SELECT m.local_area_id AS area, {year('m.completed')} AS yr, m.excepted,"
    " (m.completed <= m.due) AS in_time, (m.completed - m.start) AS days, m.start, m.completed"
    f" FROM {sql.M} m WHERE m.local_area_id = ANY(%(areas)s) AND m.rule_name = 'final_plan'"
    " AND m.completed IS NOT NULL AND m.completed <= %(last)s AND m.start <= %(last)s) p"
    f" JOIN {DAYS} ON p.start <= d.day AND p.completed <= d.day GROUP BY 1, 2, 3"
)
# tally_sql.DECISIONS from the current decision events, each counted on every date from its own.
DECISIONS_ON_DAYS = (
    f"SELECT d.day, c.local_area_id, e.type, {year('e.date')}, COUNT(*),"
    " COUNT(*) FILTER (WHERE e.data ->> 'outcome' = 'refuse'), COUNT(e.panel_incomplete),"
    f" COUNT(*) FILTER (WHERE NOT e.panel_incomplete) FROM {sql.E} e JOIN {sql.C} c ON c.id = e.case_id"
    f" JOIN {DAYS} ON e.date <= d.day WHERE c.local_area_id = ANY(%(areas)s)"
    " AND e.type IN ('assessment_decision', 'plan_decision') AND e.date IS NOT NULL"
    f" AND e.date <= %(last)s AND {sql.CURRENT} GROUP BY 1, 2, 3, 4"
)
_SUFFIXES = ("incl_exceptions", "excl_exceptions")
ONE_PASS_KPIS = frozenset(
    {
        *sql.SPLIT_KPIS,
        "assessment_decision_6wk",
        *(
            f"final_plan_{measure}_{suffix}"
            for measure in ("20wk", "mean_weeks", "over_20wk_within_year", "over_year")
            for suffix in _SUFFIXES
        ),
        "requests_refused_share",
        "quorate_panel_decisions",
    }
)
CASE_RECORD_KPIS = frozenset(kpi.id for kpi in case_kpis())
Counted = dict[date, dict[int, dict[Key, Tally]]]


def in_one_pass(kpi_ids: Iterable[str]) -> bool:
    """Whether every case-record KPI of these is counted by the one-pass statements."""
    return all(kpi_id in ONE_PASS_KPIS or kpi_id not in CASE_RECORD_KPIS for kpi_id in kpi_ids)


def area_wide_tallies_on_dates(
    area_ids: list[int], dates: Iterable[date], kpi_ids: Iterable[str] | None = None
) -> Counted:
    """Each date's area-wide tallies (dimension "") of each area, as `case_tallies_by_area` counts
    them: of every case-record KPI, or at least of `kpi_ids` (in one pass when it can)."""
    days = sorted(set(dates))
    if kpi_ids is not None and in_one_pass(kpi_ids):
        return _one_pass(list(area_ids), days)
    return _date_by_date(list(area_ids), days)


def _one_pass(areas: list[int], days: list[date]) -> Counted:
    out: Counted = {on: {area: {} for area in areas} for on in days}
    if not days:
        return out
    params = {"areas": areas, "days": days, "last": days[-1]}
    with transaction.atomic(), connection.cursor() as cursor:
        sql.use_settings(cursor)
        cursor.execute(SPLIT_ON_DAYS, params)
        for on, area, kpi, yr, n, hits, done in cursor.fetchall():
            tallies, period = out[on][area], str(yr)
            counts = kpi in (sql.REQUESTS, sql.PLANS_ISSUED)
            numerator, denominator = (n, 0) if counts else (hits, n)
            tallies[(sql.SPLIT_KPIS[kpi - 1], period, "", "")] = Tally(numerator, denominator)
            if kpi == sql.REQUESTS and done > 0:
                tallies[("assessment_decision_6wk", period, "", "")] = Tally(hits, done)
        cursor.execute(FINAL_PLANS_ON_DAYS, params)
        for on, area, yr, *figures in cursor.fetchall():
            tallies, period = out[on][area], str(yr)
            for suffix, (n, in_time, days_taken, within_year, beyond) in zip(
                _SUFFIXES, (figures[:5], figures[5:]), strict=True
            ):
                if n > 0:
                    for measure, tally in (
                        ("20wk", Tally(in_time, n)),
                        ("mean_weeks", Tally(0, n, total=int(days_taken))),
                        ("over_20wk_within_year", Tally(within_year, n)),
                        ("over_year", Tally(beyond, n)),
                    ):
                        tallies[(f"final_plan_{measure}_{suffix}", period, "", "")] = tally
        cursor.execute(DECISIONS_ON_DAYS, params)
        panels: dict[tuple[date, int, str], list[int]] = {}
        for on, area, kind, yr, n, refused, with_panel, quorate in cursor.fetchall():
            if kind == "assessment_decision":
                out[on][area][("requests_refused_share", str(yr), "", "")] = Tally(refused, n)
            panel = panels.setdefault((on, area, str(yr)), [0, 0])
            panel[0] += quorate
            panel[1] += with_panel
        for (on, area, period), (quorate, with_panel) in panels.items():
            if with_panel > 0:
                out[on][area][("quorate_panel_decisions", period, "", "")] = Tally(quorate, with_panel)
        sql.reset_settings()
    return out


# Every decision event up to the last date; each date's `kpi_decision` is a copy up to that date.
ALL_DECISIONS = "kpi_decision_all"
DECISIONS_ON = (
    f"CREATE TEMP TABLE kpi_decision ON COMMIT DROP AS SELECT * FROM {ALL_DECISIONS} WHERE date <= %(as_of)s"
)


def _date_by_date(areas: list[int], days: list[date]) -> Counted:
    out: Counted = {}
    if not days:
        return out
    with transaction.atomic(), connection.cursor() as cursor:
        sql.drop_temporary_tables()
        cursor.execute(f"DROP TABLE IF EXISTS {ALL_DECISIONS}")
        sql.use_settings(cursor)
        last = sql.statement_params(areas, days[-1])
        sql.describe_cases(cursor, last)
        cursor.execute(sql.DECISION_EVENTS, last)
        cursor.execute(f"ALTER TABLE kpi_decision RENAME TO {ALL_DECISIONS}")
        for on in days:
            params = sql.statement_params(areas, on)
            sql.count_by_batch(cursor, params)
            cursor.execute(DECISIONS_ON, params)
            cursor.execute("ANALYZE kpi_decision")
            for statement in sql.COUNTS:
                cursor.execute(statement, params)
            cursor.execute("SELECT * FROM kpi_tally WHERE dimension = ''")
            counted: dict[int, dict[Key, Tally]] = defaultdict(dict)
            for (
                area,
                kpi_id,
                period,
                dimension,
                value_key,
                numerator,
                denominator,
                total,
            ) in cursor.fetchall():
                counted[area][(kpi_id, period, dimension, value_key)] = Tally(
                    numerator, denominator, total=total
                )
            out[on] = {area: counted[area] for area in areas}
            cursor.execute("DROP TABLE kpi_decision")
            cursor.execute("TRUNCATE kpi_tally")
        sql.drop_temporary_tables()
        cursor.execute(f"DROP TABLE {ALL_DECISIONS}")
        sql.reset_settings()
    return out
