"""Half the areas of a refresh counted on a second database connection, so on the machine's second core.

PostgreSQL runs a statement on one core, and the statements that write the refresh's temporary
tables are never run in parallel. The areas are counted independently of one another, so the
areas are split in two: the refreshing connection counts and compares its half while a second
connection, in a thread, counts and compares the other half and hands back the rows that differ
(`kpi_diff`, none on a night on which nothing changed) and how many rows each of its areas will
have. The refreshing connection then writes both halves' differences in its own transaction.

The second connection sees what the first saw when it began: the first exports its snapshot
(`pg_export_snapshot`) and the second, in a repeatable-read transaction, takes it (`SET TRANSACTION
SNAPSHOT`). It cannot see rows the first has written and not committed, so the split is used only
when the refresh is its own transaction (docs/decisions/0026-national-refresh-in-seconds.md).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import connection, transaction

# The refresh's temporary table of differences, copied as text between the two connections.
COPY_OUT = "COPY kpi_diff TO STDOUT"
COPY_IN = "COPY kpi_diff FROM STDIN"


def can_split(area_ids: list[int]) -> bool:
    """Whether a second connection could count half of the areas: at least two areas, and the
    refresh not inside a transaction whose uncommitted rows another connection could not see."""
    return len(area_ids) > 1 and not connection.in_atomic_block


def halves(area_ids: list[int]) -> tuple[list[int], list[int]]:
    """The refreshing connection's areas and the second connection's, which takes the odd one: the
    refreshing connection also writes both halves' rows once the second is done."""
    middle = len(area_ids) // 2
    return area_ids[:middle], area_ids[middle:]


def export_snapshot() -> str:
    """The snapshot of the refreshing transaction, for the second connection to take."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        return str(cursor.fetchone()[0])


# Rows each area will have once the differences are written, by area id.
Rows = dict[int, int]
Compare = Callable[[], Rows]
Differences = tuple[list[bytes], Rows]


def _differences(snapshot: str, compare: Compare) -> Differences:
    """Run `compare` (which fills `kpi_diff`) on this thread's own connection, in `snapshot`,
    and return `kpi_diff` as COPY text, with what `compare` returned."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SET TRANSACTION SNAPSHOT %s", [snapshot])
            rows = compare()
            with cursor.cursor.copy(COPY_OUT) as copy:
                return [bytes(block) for block in copy], rows
    finally:
        connection.close()


def start(snapshot: str, compare: Compare) -> tuple[ThreadPoolExecutor, Future[Differences]]:
    """Begin `compare` on a second connection; `finish` waits for it."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="refresh")
    return pool, pool.submit(_differences, snapshot, compare)


def finish(pool: ThreadPoolExecutor, future: Future[Differences]) -> Rows:
    """Wait for the second connection, add its differences to this connection's `kpi_diff` and
    return how many rows each of its areas will have."""
    try:
        blocks, rows = future.result()
    finally:
        pool.shutdown()
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_IN) as copy:
        for block in blocks:
            copy.write(block)
    return rows
