# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
"""The summary rows of many areas written from `tally_sql`'s tallies in PostgreSQL, not through Python.

`Tally.result` is the definition of a stored row: a count stores its numerator as the value, a mean
in weeks `round(total / denominator / 7, 1)`, a share `round(numerator / denominator, 3)`. Here the
same rounding is done on the exact fractions in integers: Python rounds the nearest double to the
fraction, which is on the same side of a rounding boundary as the fraction itself unless the
fraction lies exactly on it (the double's error is far smaller than the fraction's distance from
any boundary it is not on). Only those exact halves (a share of 1/16, say) depend on which way
the double was rounded, so those few rows get their value from `Tally.result` itself.

The new rows are put beside the stored ones (`kpi_new`) and the stored rows are updated in place,
the rows of vanished keys deleted and those of new keys inserted: an update touches no index (the
key is unchanged, and the table leaves room in each page for the new version), where deleting
every row and inserting it again wrote each row into three indexes, each insert into the unique
one checking the row just deleted (docs/decisions/0024-national-refresh-in-one-pass.md).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import connection

from sendtrack.performance import kpis
from sendtrack.performance.counting import Tally
from sendtrack.performance.models import KpiSummary

S = KpiSummary._meta.db_table
COLUMNS = ("local_area_id", "kpi_id", "period", "dimension", "value_key", "numerator", "denominator")
COLUMNS += ("value", "as_of", "refreshed_at")
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
        f" THEN (({_rounded(scaled, divisor)})::numeric / {scale})::float8 END"
        for unit, (scaled, divisor, scale) in _FRACTION.items()
    )
    + " END"
)
_TIES = " OR ".join(
    f"(k.unit = '{unit}' AND t.denominator > 0 AND {_tie(scaled, divisor)})"
    for unit, (scaled, divisor, _) in _FRACTION.items()
)
_CATALOGUE = "JOIN unnest(%(ids)s::text[], %(units)s::text[]) k (id, unit) ON k.id = t.kpi_id"
NEW = (
    "CREATE TEMP TABLE kpi_new ON COMMIT DROP AS SELECT t.area AS local_area_id, t.kpi_id, t.period,"
    f" t.dimension, LEFT(t.value_key, 80) AS value_key, CASE WHEN k.unit = '{kpis.WEEKS}' THEN NULL"
    f" ELSE t.numerator END AS numerator, CASE WHEN k.unit = '{kpis.COUNT}' THEN NULL ELSE t.denominator END"
    f" AS denominator, {_VALUE} AS value, ({_TIES}) AS tie, t.total FROM kpi_tally t {_CATALOGUE}"
)
TIES = (
    "SELECT local_area_id, kpi_id, period, dimension, value_key, numerator, denominator, total"
    " FROM kpi_new WHERE tie"
)
_KEY = ("local_area_id", "kpi_id", "period", "dimension", "value_key")
_SAME_KEY = " AND ".join(f"s.{column} = n.{column}" for column in _KEY)
TIE_VALUES = (
    "UPDATE kpi_new n SET value = t.value FROM unnest(%s::int[], %s::text[], %s::text[], %s::text[],"
    " %s::text[], %s::float8[]) t (local_area_id, kpi_id, period, dimension, value_key, value) WHERE "
    + " AND ".join(f"n.{column} = t.{column}" for column in _KEY)
)
UPDATED = (
    f"UPDATE {S} s SET numerator = n.numerator, denominator = n.denominator, value = n.value,"
    f" as_of = %(as_of)s, refreshed_at = %(now)s FROM kpi_new n WHERE s.local_area_id = ANY(%(areas)s)"
    f" AND {_SAME_KEY}"
)
# Every row still counted was just updated: the others are of keys no longer counted.
VANISHED = f"DELETE FROM {S} WHERE local_area_id = ANY(%(areas)s) AND refreshed_at <> %(now)s"
ADDED = (
    f"INSERT INTO {S} ({', '.join(COLUMNS)}) SELECT {', '.join(f'n.{column}' for column in COLUMNS[:-2])},"
    f" %(as_of)s, %(now)s FROM kpi_new n WHERE NOT EXISTS (SELECT 1 FROM {S} s WHERE {_SAME_KEY})"
)


def new_case_rows(units: dict[str, str]) -> None:
    """`kpi_new`: a summary row for each catalogued KPI's tally in `kpi_tally`, as `Tally.result` gives it."""
    params = {"ids": list(units), "units": list(units.values())}
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS kpi_new")
        cursor.execute(NEW, params)
        cursor.execute(TIES)
        ties = cursor.fetchall()
        if ties:
            keys = [list(column) for column in zip(*(tie[:5] for tie in ties), strict=True)]
            values = [
                Tally(numerator or 0, denominator or 0, total=total).result(units[kpi_id])["value"]
                for _, kpi_id, _, _, _, numerator, denominator, total in ties
            ]
            cursor.execute(TIE_VALUES, [*keys, values])


def add_new_rows(rows: list[tuple]) -> None:
    """More rows for `kpi_new`, in the order of `COLUMNS` without the last two (as_of, refreshed_at)."""
    with connection.cursor() as cursor:
        statement = f"COPY kpi_new ({', '.join(COLUMNS[:-2])}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


def replace_summaries(area_ids: list[int], as_of: date, now: datetime) -> None:
    """Make the stored summary rows of the areas those of `kpi_new`."""
    params = {"areas": area_ids, "as_of": as_of, "now": now}
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE kpi_new")  # a temporary table has no statistics until asked
        cursor.execute("SELECT COUNT(*) FROM kpi_new")
        (new,) = cursor.fetchone()
        cursor.execute(UPDATED, params)
        updated = cursor.rowcount
        cursor.execute(VANISHED, params)
        if updated < new:  # keys not stored before (a new year, a new setting, a new area)
            cursor.execute(ADDED, params)
        cursor.execute("DROP TABLE kpi_new")


def store_case_summaries(area_ids: list[int], as_of: date, now: datetime) -> None:
    """The case-record summary rows of `kpi_tally` stored as the areas' only summary rows."""
    new_case_rows({kpi.id: kpi.unit for kpi in kpis.KPIS})
    replace_summaries(area_ids, as_of, now)
