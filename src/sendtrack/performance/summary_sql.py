# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
"""The summary rows of many areas written from `tally_sql`'s tallies in PostgreSQL, not through Python.

`Tally.result` is the definition of a stored row: a count stores its numerator as the value, a mean
in weeks `round(total / denominator / 7, 1)`, a share `round(numerator / denominator, 3)`. Here the
same rounding is done on the exact fractions in integers: Python rounds the nearest double to the
fraction, which is on the same side of a rounding boundary as the fraction itself unless the
fraction lies exactly on it (the double's error is far smaller than the fraction's distance from
any boundary it is not on). Only those exact halves (a share of 1/16, say) depend on which way
the double was rounded, so those few rows get their value from `Tally.result` itself.

The new rows (`NEW`, made from the tallies as the comparison reads them) are compared with the
stored ones in one hash join (`kpi_diff`): only the rows whose values or date differ are updated in
place, the rows of vanished keys deleted and those of new keys inserted, so a night on which nothing
changed writes nothing (the date the figures are as of is the area's `SummaryRefresh`, not the
rows'). An update touches no index (the key is unchanged, and the table leaves room in each page
for the new version), where deleting every row and inserting it again wrote each row into three
indexes (docs/decisions/0024-national-refresh-in-one-pass.md, 0026-national-refresh-in-seconds.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection

from sendtrack.performance import kpis
from sendtrack.performance.counting import Tally
from sendtrack.performance.models import KpiSummary

S = KpiSummary._meta.db_table
COLUMNS = ("local_area_id", "kpi_id", "period", "dimension", "value_key", "numerator", "denominator")
COLUMNS += ("value", "refreshed_at")
# (scaled numerator, divisor) of each unit's fraction, the value being their quotient rounded / scale.
_FRACTION = {
    kpis.SHARE: ("t.numerator * 1000", "t.denominator", 1000),
    kpis.WEEKS: ("t.total * 10", "7 * t.denominator", 10),
}


def _rounded(scaled: str, divisor: str) -> str:
    """Round half away from the boundary by integer division, the sign kept (Python's round is
    symmetric); exact halves are set apart by `_TIE`."""
    return (
        f"CASE WHEN {scaled} < 0 THEN -1 ELSE 1 END * (ABS({scaled}) / ({divisor})"
        f" + CASE WHEN 2 * (ABS({scaled}) %% ({divisor})) > ({divisor}) THEN 1 ELSE 0 END)"
    )


def _tie(scaled: str, divisor: str) -> str:
    return f"2 * (ABS({scaled}) %% ({divisor})) = ({divisor})"


_VALUE = (
    f"CASE k.unit WHEN '{kpis.COUNT}' THEN t.numerator::float8"
    + "".join(
        f" WHEN '{unit}' THEN CASE WHEN t.denominator > 0 AND NOT {_tie(scaled, divisor)}"
        f" THEN ({_rounded(scaled, divisor)})::float8 / {scale} END"
        for unit, (scaled, divisor, scale) in _FRACTION.items()
    )
    + " END"
)


def _ties(unit_is: str) -> str:
    """Whether a tally's value lies exactly on a rounding boundary, `unit_is` testing its unit."""
    return " OR ".join(
        f"({unit_is.format(unit=unit)} AND t.denominator > 0 AND {_tie(scaled, divisor)})"
        for unit, (scaled, divisor, _) in _FRACTION.items()
    )


_CATALOGUE = "JOIN unnest(%(ids)s::text[], %(units)s::text[]) k (id, unit) ON k.id = t.kpi_id"
_NUMBERS = (
    f"CASE WHEN k.unit = '{kpis.WEEKS}' THEN NULL ELSE t.numerator END AS numerator,"
    f" CASE WHEN k.unit = '{kpis.COUNT}' THEN NULL ELSE t.denominator END AS denominator"
)
_TALLY_KEY = ("area", "kpi_id", "period", "dimension", "value_key")
# The exact halves, their values set by `Tally.result` (kpi_tie) and looked up by its index for them
# alone (a join of every tally to the few ties sorted every tally); the others worked out here.
# (The KPIs of each unit given as lists: a join to the catalogue here was a nested loop.)
TIES = (
    f"SELECT {', '.join(f't.{column}' for column in _TALLY_KEY)}, CASE WHEN t.kpi_id = ANY(%({kpis.WEEKS})s)"
    " THEN NULL ELSE t.numerator END, t.denominator, t.total FROM kpi_tally t"
    f" WHERE {_ties('t.kpi_id = ANY(%({unit})s)')}"
)
TIE_VALUES = (
    "CREATE TEMP TABLE kpi_tie ON COMMIT DROP AS SELECT * FROM unnest(%s::int[], %s::text[], %s::text[],"
    f" %s::text[], %s::text[], %s::float8[]) t ({', '.join(_TALLY_KEY)}, value)"
)
TIE_INDEX = f"CREATE INDEX ON kpi_tie ({', '.join(_TALLY_KEY)})"
_TIE_VALUE = (
    "(SELECT x.value FROM kpi_tie x WHERE "
    + " AND ".join(f"x.{column} = t.{column}" for column in _TALLY_KEY)
    + ")"
)
_UNIT_IS = "k.unit = '{unit}'"
# The new rows: a summary row for each catalogued KPI's tally, as `Tally.result` gives it, then the
# other sources' rows (`kpi_other`), read by the comparison as they are made (written to a table
# first, the 1.8 million rows at 640,000 children cost 1.1 s of CPU more).
NEW = (
    "SELECT t.area AS local_area_id, t.kpi_id, t.period,"
    f" t.dimension, LEFT(t.value_key, 80) AS value_key, {_NUMBERS}, CASE WHEN {_ties(_UNIT_IS)}"
    f" THEN {_TIE_VALUE} ELSE {_VALUE} END AS value FROM kpi_tally t {_CATALOGUE}"
    f" UNION ALL SELECT {', '.join(COLUMNS[:-1])} FROM kpi_other"
)
OTHERS = (
    "CREATE TEMP TABLE kpi_other (local_area_id int, kpi_id text, period text, dimension text,"
    " value_key text, numerator bigint, denominator bigint, value float8) ON COMMIT DROP"
)
_KEY = ("local_area_id", "kpi_id", "period", "dimension", "value_key")
_SAME_KEY = " AND ".join(f"s.{column} = n.{column}" for column in _KEY)
_VALUES = ("numerator", "denominator", "value")
# The stored rows of the areas that differ from the new ones: changed values (`stored`, the new
# values), keys no longer counted (`counted` false) and new keys (`stored` NULL); one hash join.
DIFFERENT = (
    "CREATE TEMP TABLE kpi_diff ON COMMIT DROP AS SELECT s.id AS stored, n.kpi_id IS NOT NULL AS counted,"
    f" {', '.join(f'n.{column}' for column in COLUMNS[:-1])} FROM ({NEW}) n FULL JOIN (SELECT id,"
    f" {', '.join(COLUMNS[:-1])} FROM {S} WHERE local_area_id = ANY(%(areas)s)) s ON {_SAME_KEY}"
    " WHERE s.id IS NULL OR n.kpi_id IS NULL OR"
    f" ({', '.join(f's.{column}' for column in _VALUES)})"
    f" IS DISTINCT FROM ({', '.join(f'n.{column}' for column in _VALUES)})"
)
# How many rows each area will have stored: its new rows (the key is unique).
NEW_ROWS = (
    "SELECT area, COUNT(*) FROM (SELECT area FROM kpi_tally WHERE kpi_id = ANY(%(ids)s)"
    " UNION ALL SELECT local_area_id FROM kpi_other) n GROUP BY area"
)
UPDATED = (
    f"UPDATE {S} s SET {', '.join(f'{column} = d.{column}' for column in _VALUES)},"
    " refreshed_at = %(now)s FROM kpi_diff d WHERE s.id = d.stored AND d.counted"
)
VANISHED = f"DELETE FROM {S} s USING kpi_diff d WHERE s.id = d.stored AND NOT d.counted"
ADDED = (
    f"INSERT INTO {S} ({', '.join(COLUMNS)}) SELECT {', '.join(COLUMNS[:-1])}, %(now)s"
    " FROM kpi_diff WHERE stored IS NULL"
)


# Whether the stored rows have changed by more than a tenth since their statistics were gathered (when
# autovacuum would gather them again, if it has not yet): with the figures of a table of one area,
# left by a first refresh that stored 1.8 million rows, the planner read the stored rows of half the
# areas by an index scan, each heap page again for each of its rows.
STALE = (
    "SELECT n_mod_since_analyze > 50 + n_live_tup / 10 FROM pg_stat_user_tables WHERE relid = %s::regclass"
)


def gather_statistics_if_stale() -> None:
    """The stored rows' statistics gathered again if they are stale (`STALE`)."""
    with connection.cursor() as cursor:
        cursor.execute(STALE, [S])
        stale = cursor.fetchone()
        if stale and stale[0]:
            cursor.execute(f"ANALYZE {S}")


def _set_ties(cursor: Any, units: dict[str, str]) -> None:
    """`kpi_tie`: the tallies of `kpi_tally` whose values lie exactly on a rounding boundary, each
    with the value `Tally.result` gives it."""
    cursor.execute("DROP TABLE IF EXISTS kpi_tie")
    cursor.execute(TIES, {unit: [kpi for kpi, of in units.items() if of == unit] for unit in _FRACTION})
    ties = cursor.fetchall()
    keys = [list(column) for column in zip(*(tie[:5] for tie in ties), strict=True)] or [[]] * 5
    values = [
        Tally(numerator or 0, denominator or 0, total=total).result(units[kpi_id])["value"]
        for _, kpi_id, _, _, _, numerator, denominator, total in ties
    ]
    cursor.execute(TIE_VALUES, [*keys, values])
    cursor.execute(TIE_INDEX)


def add_new_rows(rows: list[tuple]) -> None:
    """The other sources' new rows (`kpi_other`), in the order of `COLUMNS` without the last
    (refreshed_at); the case records' are read from `kpi_tally` by `compare_with_stored`."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS kpi_other")
        cursor.execute(OTHERS)
        statement = f"COPY kpi_other ({', '.join(COLUMNS[:-1])}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


def compare_with_stored(area_ids: list[int], units: dict[str, str]) -> dict[int, int]:
    """`kpi_diff`: the stored summary rows of the areas that differ from the new ones, those of the
    tallies in `kpi_tally` (of the KPIs in `units`, by id) and of `kpi_other` (`add_new_rows`).
    Returns how many rows each area will have once they are written."""
    params = {"areas": area_ids, "ids": list(units), "units": list(units.values())}
    with connection.cursor() as cursor:
        _set_ties(cursor, units)
        cursor.execute("ANALYZE kpi_tally, kpi_other")  # a temporary table has no statistics until asked
        cursor.execute("DROP TABLE IF EXISTS kpi_diff")
        # Every stored row of the areas is read, each page of theirs once (a bitmap scan of the areas'
        # index): by an index scan, one heap page was read again for each of its rows (5.5 s at 1.8
        # million rows), and by a sequential scan each half of a refresh read every area's pages.
        # The planner, its estimate of the rows far too low after a refresh stored them, chose either.
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(DIFFERENT, params)
        cursor.execute("SET LOCAL enable_indexscan TO DEFAULT")
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
        cursor.execute(NEW_ROWS, params)
        rows = dict(cursor.fetchall())
        cursor.execute("DROP TABLE kpi_tie, kpi_other")
    return rows


def write_differences(now: datetime) -> None:
    """Make the stored rows those `kpi_diff` says they should be: update, delete, insert."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE kpi_diff")
        for statement in (UPDATED, VANISHED, ADDED):
            cursor.execute(statement, {"now": now})
        cursor.execute("DROP TABLE kpi_diff")


def store_case_summaries(area_ids: list[int], now: datetime) -> None:
    """The case-record summary rows of `kpi_tally` stored as the areas' only summary rows: a night on
    which nothing changed writes nothing."""
    add_new_rows([])
    compare_with_stored(area_ids, {kpi.id: kpi.unit for kpi in kpis.KPIS})
    write_differences(now)
