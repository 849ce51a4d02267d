# ruff: noqa: S608 - the SQL is built only from the code's constants; every value is a parameter
"""The case-record KPIs of many local areas counted in PostgreSQL, into a temporary table of tallies.

`counting.count_case_kpis` is the definition: it reads one area's milestones, people, decisions
and disputes row by row. Here the same counting is written as set-based SQL over any number of
areas at once. Every tally lands in the temporary table `kpi_tally` (area, KPI id, period,
dimension, value, and the numerator, denominator and total of `Tally`), from which
`summary_sql` stores the summary rows without them passing through Python, and from which
`case_tallies_by_area` reads the same `Tally` records the row-by-row count makes. Every figure is
recomputed from the milestones and events; nothing is added to a stored total. A test compares
the two counts tally by tally (tests/performance/test_national_refresh_equals_area_refresh.py).

Why it is shaped this way (docs/decisions/0024-national-refresh-in-one-pass.md): every milestone
of the KPIs split by need, age group and setting is read in one scan and grouped once at the
finest grain (`FINE`, with the KPI and the age group as small integers); the area-wide figure
and each breakdown are then sums of those groups, not a second pass over the milestones. The
counts over milestones run a few areas at a time (`BY_BATCH`), the others once for all areas
(docs/decisions/0026-national-refresh-in-seconds.md).

PostgreSQL only (GROUPING SETS, `FILTER`, temporary tables); `services.refresh` keeps the row-by-row
counting for SQLite.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import connection, transaction

from sendtrack.casework.models import Case, CaseEvent, Milestone, Person
from sendtrack.performance import kpi_terms as terms
from sendtrack.performance import kpis
from sendtrack.performance.counting import AS_OF_PERIOD, NOT_RECORDED, Key, Tally
from sendtrack.performance.sql_parts import age_group, age_on, case_when, lit, month_day, words, year
from sendtrack.statutory.dates import months_before

M = Milestone._meta.db_table
C = Case._meta.db_table
P = Person._meta.db_table
E = CaseEvent._meta.db_table
WORK_MEM = "256MB"
WHITESPACE = "E' \\t\\n\\r\\f\\v'"
TEMPORARY = ("kpi_person", "kpi_case", "kpi_word", "kpi_disputed", "kpi_decision", "kpi_tally")


AGE_GROUP_WORDS = words([*kpis.AGE_GROUPS, NOT_RECORDED])
NEED = f"COALESCE(NULLIF(p.primary_need, ''), {lit(NOT_RECORDED)})"
SETTING = f"COALESCE(NULLIF(p.setting_urn, ''), {lit(NOT_RECORDED)})"
SEX = case_when(
    f"UPPER(LEFT(BTRIM(COALESCE(p.sex, ''), {WHITESPACE}), 1))",
    {code: lit(name) for code, name in terms.SEX_NAMES.items()},
    lit(terms.UNKNOWN),
)
ETHNICITY = case_when(
    f"UPPER(BTRIM(COALESCE(p.ethnicity, ''), {WHITESPACE}))",
    {code: lit(name) for code, name in terms.ETHNICITY_NAMES.items()},
    lit(terms.UNCLASSIFIED),
)
# The age at the request in words, from a plan's `age` and `no_birth` worked out once (FINAL_PLANS).
AGE_AT_REQUEST = (
    f"CASE WHEN no_birth THEN {lit(terms.UNKNOWN)} WHEN age <= 2 THEN {lit('age 2 and under')}"
    f" WHEN age >= 20 THEN {lit('age 20 and over')} ELSE 'age ' || age END"
)
# Completed by the date of the figures, else NULL (counting._completed_by).
DONE = "CASE WHEN m.completed <= %(as_of)s THEN m.completed END"
# Each case of the areas once, its person described as the breakdowns read it (counting.case_breakdowns,
# timeliness_breakdowns), need and setting also as codes (0: not recorded) for the grouping.
_PERSONS = (
    "SELECT c.id AS case_id, c.local_area_id AS area, p.date_of_birth AS born,"
    f" {year('p.date_of_birth')} AS born_year, {month_day('p.date_of_birth')} AS born_md,"
    f" {NEED} AS need, {SETTING} AS setting,"
    f" {SEX} AS sex, {ETHNICITY} AS ethnicity"
    f" FROM {C} c JOIN {P} p ON p.id = c.person_id WHERE c.local_area_id = ANY(%(areas)s)"
)
# (Three statements, each table analysed before the next reads it: as one statement with CTEs the
# planner, blind to their sizes, sorted every person twice to merge-join them to the few words.)
PERSONS = f"CREATE TEMP TABLE kpi_person ON COMMIT DROP AS {_PERSONS}"
WORDS = (
    "CREATE TEMP TABLE kpi_word ON COMMIT DROP AS SELECT (row_number() OVER ())::int AS code, word FROM"
    " (SELECT need FROM kpi_person UNION SELECT setting FROM kpi_person) u (word)"
    f" WHERE word <> {lit(NOT_RECORDED)}"
)
CASES = (
    "CREATE TEMP TABLE kpi_case ON COMMIT DROP AS SELECT b.*, COALESCE(wn.code, 0) AS need_code,"
    " COALESCE(ws.code, 0) AS setting_code FROM kpi_person b LEFT JOIN kpi_word wn ON wn.word = b.need"
    " LEFT JOIN kpi_word ws ON ws.word = b.setting ORDER BY b.area"
)
# Each batch reads its own areas' persons (kpi_case is written in area order).
CASE_INDEX = "CREATE INDEX ON kpi_case (area)"
# A milestone's case, when it is of the milestone's area (else "unknown", as counting has it).
# (Only the batch's persons are hashed: `k.area` is narrowed before the join.)
MILESTONE_CASE = (
    f"FROM {M} m LEFT JOIN kpi_case k ON k.case_id = m.case_id AND k.area = m.local_area_id"
    " AND k.area = ANY(%(areas)s)"
)
IN_AREAS = "m.local_area_id = ANY(%(areas)s) AND m.start <= %(as_of)s"
# An event not corrected by another. (The few superseded ids hashed once: as NOT EXISTS, every event
# read probed the index of corrections, 0.24 s for the 564,750 decisions of 75 areas.)
CURRENT = f"e.id NOT IN (SELECT x.supersedes_id FROM {E} x WHERE x.supersedes_id IS NOT NULL)"

# The KPIs split by need, age group and setting, as codes: requests (received, and decided within
# six weeks), plans issued, the four review measures, then advice, one code an agency.
REQUESTS, PLANS_ISSUED = 1, 2
BY_RULE = {
    "review_decision": "review_decision_4wk",
    "annual_review": "annual_review_12m",
    "amended_plan": "amended_plan_8wk",
    "phase_transfer_review": "phase_transfer_on_time",
}
SPLIT_KPIS = [
    "requests_received",
    "plans_issued",
    *BY_RULE.values(),
    *(f"advice_6wk:{agency}" for agency in kpis.ADVICE_AGENCIES),
]
_AGENCY = (
    "CASE WHEN POSITION(':' IN m.rule) > 0 THEN SUBSTRING(m.rule FROM POSITION(':' IN m.rule) + 1)"
    " ELSE 'other' END"
)
_ADVICE_CODES = {agency: str(SPLIT_KPIS.index(f"advice_6wk:{agency}") + 1) for agency in kpis.ADVICE_AGENCIES}
_ADVICE_BY_AGENCY = case_when(_AGENCY, _ADVICE_CODES, "0")
# The usual rules ('advice:health') compared whole, the agency cut out of the others (5% of the
# milestone pass's CPU: a million advice milestones in half the areas at 640,000 children).
_ADVICE = case_when(
    "m.rule", {f"advice:{agency}": code for agency, code in _ADVICE_CODES.items()}, _ADVICE_BY_AGENCY
)
# Each milestone counted, one index scan a rule, so that its KPI code, the day whose year it is counted
# in and whether it is counted are fixed by its rule (tally_dates_sql tests the rule on every row):
# final plans and advice once completed, by the year completed; requests by the year received; the
# reviews once due (review decisions also once held), unless withdrawn and not done
# (counting.count_case_kpis), review decisions by the year held and the others by the year due.
_REVIEWED = "(m.status <> 'not_applicable' OR m.completed <= %(as_of)s)"
_DUE_BY = f"{_REVIEWED} AND m.due <= %(as_of)s"
_HELD_OR_DUE_BY = f"{_REVIEWED} AND (m.completed <= %(as_of)s OR m.due <= %(as_of)s)"
_RULE_ITEMS = (
    ("assessment_decision", str(REQUESTS), "m.start", "TRUE"),
    ("final_plan", str(PLANS_ISSUED), "m.completed", "m.completed <= %(as_of)s"),
    ("advice", _ADVICE, "m.completed", "m.completed <= %(as_of)s"),
    *(
        (rule, str(SPLIT_KPIS.index(kpi) + 1), "m.start", _HELD_OR_DUE_BY)
        if rule == "review_decision"
        else (rule, str(SPLIT_KPIS.index(kpi) + 1), "m.due", _DUE_BY)
        for rule, kpi in BY_RULE.items()
    ),
)
# OFFSET 0 keeps the milestone's columns worked out once each, not again in every expression using them.
_ITEMS = (
    "SELECT i.area, i.kpi, i.yr, i.due, i.done, COALESCE(k.need_code, 0) AS need, k.born_year,"
    " COALESCE(k.setting_code, 0) AS setting FROM ("
    + " UNION ALL ".join(
        f"SELECT m.local_area_id AS area, m.case_id, {kpi} AS kpi, {year(day)} AS yr, m.due, {DONE} AS done"
        f" FROM {M} m WHERE {IN_AREAS} AND m.rule_name = {lit(rule)} AND {counted}"
        for rule, kpi, day, counted in _RULE_ITEMS
    )
    + ") i LEFT JOIN kpi_case k ON k.case_id = i.case_id AND k.area = i.area AND k.area = ANY(%(areas)s)"
    " OFFSET 0"
)
# Each counted milestone once into two groupings: by need and age group (a few dozen groups a KPI,
# area and year, from which the area-wide figure and those two breakdowns are summed), and by setting.
# (Grouped first by all three, the groups were half as many as the milestones: settings are many.)
FINE = (
    f"SELECT area, kpi, yr, need, {age_group('(yr - born_year)', 'born_year')} AS age_group, setting,"
    " GROUPING(setting) AS by_person, COUNT(*) AS n, COUNT(*) FILTER (WHERE done <= due) AS hits,"
    f" COUNT(done) AS done FROM ({_ITEMS}) i WHERE kpi > 0"
    " GROUP BY GROUPING SETS ((1, 2, 3, 4, 5), (1, 2, 3, 6))"
)
_SUMS = "SUM(n)::bigint AS n, SUM(hits)::bigint AS hits, SUM(done)::bigint AS done"
_WORD = f"COALESCE(w.word, {lit(NOT_RECORDED)})"
# Each group once, and again as the share decided within six weeks for the requests decided (a
# second scan of the few groups, not a lateral join run once a group).
SPLIT = (
    f"WITH f AS ({FINE}), g AS (SELECT g.area, g.kpi, g.yr::text AS yr, g.dimension, CASE WHEN g.word IS NOT"
    f" NULL THEN {_WORD} WHEN g.age_group IS NOT NULL THEN {AGE_GROUP_WORDS}[g.age_group] ELSE '' END AS"
    f" value_key, g.n, g.hits, g.done FROM (SELECT area, kpi, yr, {_SUMS}, CASE WHEN GROUPING(need) = 0"
    f" THEN {lit(kpis.NEED)} WHEN GROUPING(age_group) = 0 THEN {lit(kpis.AGE_GROUP)} ELSE '' END"
    " AS dimension,"
    " CASE WHEN GROUPING(age_group) = 0 THEN age_group END AS age_group,"
    " CASE WHEN GROUPING(need) = 0 THEN need END AS word FROM f WHERE by_person = 1"
    " GROUP BY GROUPING SETS ((area, kpi, yr), (area, kpi, yr, need), (area, kpi, yr, age_group))"
    f" UNION ALL SELECT area, kpi, yr, n, hits, done, {lit(kpis.SETTING)}, NULL, setting FROM f"
    " WHERE by_person = 0) g LEFT JOIN kpi_word w ON w.code = g.word)"
    f" INSERT INTO kpi_tally SELECT area, {words(SPLIT_KPIS)}[kpi], yr, dimension, value_key,"
    f" CASE WHEN kpi IN ({REQUESTS}, {PLANS_ISSUED}) THEN n ELSE hits END,"
    f" CASE WHEN kpi IN ({REQUESTS}, {PLANS_ISSUED}) THEN 0 ELSE n END, 0 FROM g"
    " UNION ALL SELECT area, 'assessment_decision_6wk', yr, dimension, value_key, hits, done, 0 FROM g"
    f" WHERE kpi = {REQUESTS} AND done > 0"
)
# (dimension, column of the persons' groups, its value in words) of the active plans
_BY = (
    (kpis.NEED, "need", "need"),
    (kpis.AGE_GROUP, "age_group", f"{AGE_GROUP_WORDS}[age_group]"),
    (kpis.SETTING, "setting", "setting"),
)

# Final plans with mediation or a tribunal appeal between the request and the plan (counting._disputed):
# the few disputed plans found once, from the dispute events to their cases' final plans (by the
# milestones' case index), kept for a hash join (a subquery in the CASE ran once a plan) by what
# makes a plan disputed: its case, request and issue dates, all in the milestones' covering index
# (by id, each plan's heap page was read: 1.2 GB at 640,000 children).
DISPUTED = (
    "CREATE TEMP TABLE kpi_disputed ON COMMIT DROP AS SELECT DISTINCT d.case_id,"
    f" COALESCE(d.journey, d.start) AS opened, d.completed FROM {E} e"
    f" JOIN {M} d ON d.case_id = e.case_id WHERE d.local_area_id = ANY(%(areas)s)"
    " AND d.rule_name = 'final_plan'"
    " AND e.type IN ('mediation', 'tribunal_appeal') AND e.date IS NOT NULL"
    f" AND e.date >= COALESCE(d.journey, d.start) AND e.date <= d.completed AND {CURRENT}"
)
_TIMELINESS = (terms.AGE_AT_REQUEST, kpis.NEED, terms.SEX, terms.ETHNICITY, terms.DISPUTE)
_SUFFIXES = ("incl_exceptions", "excl_exceptions")
# Each plan issued in every 20-week measure (counting._count_final_plan), with and without exceptions.
FINAL_PLANS = (
    "INSERT INTO kpi_tally SELECT g.area, x.kpi_id, g.yr::text, g.dimension, g.value_key, x.numerator,"
    " x.denominator, x.total FROM (SELECT area, yr, CASE"
    + "".join(f" WHEN GROUPING({dim}) = 0 THEN {lit(dim)}" for dim in _TIMELINESS)
    + " ELSE '' END AS dimension, CASE"
    + "".join(f" WHEN GROUPING({dim}) = 0 THEN {dim}" for dim in _TIMELINESS)
    + " ELSE '' END AS value_key"
    + "".join(
        f", COUNT(*) FILTER (WHERE {only}) AS n_{suffix}, COUNT(*) FILTER (WHERE {only} AND in_time)"
        f" AS in_time_{suffix}, COALESCE(SUM(days) FILTER (WHERE {only}), 0) AS days_{suffix},"
        f" COUNT(*) FILTER (WHERE {only} AND NOT in_time AND days <= {terms.YEAR_BAND.days})"
        f" AS within_year_{suffix}, COUNT(*) FILTER (WHERE {only} AND days > {terms.YEAR_BAND.days})"
        f" AS beyond_{suffix}"
        for suffix, only in zip(_SUFFIXES, ("TRUE", "NOT excepted"), strict=True)
    )
    + f" FROM (SELECT area, yr, excepted, in_time, days, {AGE_AT_REQUEST} AS {terms.AGE_AT_REQUEST},"
    f" {kpis.NEED}, {terms.SEX}, {terms.ETHNICITY}, {terms.DISPUTE}"
    f" FROM (SELECT m.local_area_id AS area, {year('m.completed')} AS yr, m.excepted,"
    " (m.completed <= m.due) AS in_time, (m.completed - m.start) AS days, k.born IS NULL AS no_birth,"
    f" {age_on('m.start')} AS age, COALESCE(k.need, {lit(NOT_RECORDED)}) AS {kpis.NEED},"
    f" COALESCE(k.sex, {lit(terms.UNKNOWN)}) AS {terms.SEX},"
    f" COALESCE(k.ethnicity, {lit(terms.UNCLASSIFIED)}) AS {terms.ETHNICITY},"
    f" CASE WHEN dp.case_id IS NOT NULL THEN {lit(terms.DISPUTED)}"
    f" ELSE {lit(terms.NOT_DISPUTED)} END AS {terms.DISPUTE}"
    f" {MILESTONE_CASE} LEFT JOIN kpi_disputed dp ON dp.case_id = m.case_id"
    " AND dp.opened = COALESCE(m.journey, m.start) AND dp.completed = m.completed"
    f" WHERE {IN_AREAS} AND m.rule_name = 'final_plan'"
    " AND m.completed IS NOT NULL AND m.completed <= %(as_of)s OFFSET 0) p) plans"
    " GROUP BY GROUPING SETS ((area, yr)"
    + "".join(f", (area, yr, {dim})" for dim in _TIMELINESS)
    + ")) g CROSS JOIN LATERAL (VALUES "
    + ", ".join(
        f"('final_plan_20wk_{s}', g.n_{s}, g.in_time_{s}, 0), ('final_plan_mean_weeks_{s}', g.n_{s}, 0,"
        f" g.days_{s}), ('final_plan_over_20wk_within_year_{s}', g.n_{s}, g.within_year_{s}, 0),"
        f" ('final_plan_over_year_{s}', g.n_{s}, g.beyond_{s}, 0)"
        for s in _SUFFIXES
    )
    + ") x (kpi_id, denominator, numerator, total) WHERE x.denominator > 0"
)
# The outcome of the latest current decision whether to assess, by case and day (position, then id, as
# the row-by-row count reads them, the last one read winning).
# The current decisions of the areas, read once from the events for the two counts that use them; the
# areas' cases are those of `kpi_case`. Only a decision whether to assess has its outcome counted.
# They are read by case (event_decision_case_idx) over the run of ids the areas' cases span: a case's
# events share pages, so where areas came in one after another this reads their pages alone, where
# by type and date every page of the events was read (2.1 s to 0.9 s for 75 of 149 areas at 640,000).
DECISION_EVENTS = (
    "CREATE TEMP TABLE kpi_decision ON COMMIT DROP AS SELECT e.id, e.case_id, k.area, e.type, e.date,"
    " e.position, CASE WHEN e.type = 'assessment_decision' THEN e.data ->> 'outcome' END AS outcome,"
    " e.panel_incomplete"
    f" FROM {E} e JOIN kpi_case k ON k.case_id = e.case_id"
    " WHERE e.type IN ('assessment_decision', 'plan_decision') AND e.date IS NOT NULL"
    " AND e.case_id BETWEEN (SELECT MIN(case_id) FROM kpi_case) AND (SELECT MAX(case_id) FROM kpi_case)"
    f" AND e.date <= %(as_of)s AND {CURRENT}"
)
DECISION_OUTCOMES = (
    "SELECT DISTINCT ON (case_id, date) case_id, date, outcome FROM kpi_decision"
    " WHERE type = 'assessment_decision' ORDER BY case_id, date, position DESC, id DESC"
)
REQUEST_OUTCOMES = (
    "INSERT INTO kpi_tally SELECT area, 'request_outcome:' || outcome, yr::text, '', '', COUNT(*), 0, 0"
    f" FROM (SELECT m.local_area_id AS area, {year('m.start')} AS yr,"
    f" CASE WHEN {DONE} IS NOT NULL THEN CASE WHEN o.outcome = 'refuse' THEN 'refused' ELSE 'assessed' END"
    " WHEN m.status = 'not_applicable' AND m.completed IS NULL THEN 'withdrawn' ELSE 'open' END AS outcome"
    f" FROM {M} m LEFT JOIN ({DECISION_OUTCOMES}) o ON o.case_id = m.case_id AND o.date = m.completed"
    f" WHERE {IN_AREAS} AND m.rule_name = 'assessment_decision') r GROUP BY area, yr, outcome"
)
# Plans whose latest annual review is still open: how many, and how long since it started.
_LATEST_OPEN_REVIEW = (
    f"SELECT m.local_area_id AS area, m.case_id, MAX(m.start) AS last FROM {M} m WHERE {IN_AREAS}"
    f" AND m.rule_name = 'annual_review' AND m.status <> 'not_applicable' AND ({DONE}) IS NULL"
    " GROUP BY m.local_area_id, m.case_id"
)
# The active plans, and each need's share of them (a second scan of the few groups; read back from
# `kpi_tally` it was two scans of every tally, 0.15 s for 75 areas).
ACTIVE_PLANS = (
    "WITH g AS (SELECT area, CASE"
    + "".join(f" WHEN GROUPING({column}) = 0 THEN {lit(dim)}" for dim, column, _ in _BY)
    + " ELSE '' END AS dimension, CASE"
    + "".join(f" WHEN GROUPING({column}) = 0 THEN {in_words}" for _, column, in_words in _BY)
    + " ELSE '' END AS value_key, COUNT(*) AS n, COUNT(*) FILTER (WHERE last < %(twelve)s) AS over_12,"
    " COUNT(*) FILTER (WHERE last < %(twenty_four)s) AS over_24"
    f" FROM (SELECT l.area, l.last, COALESCE(k.need, {lit(NOT_RECORDED)}) AS need,"
    f" {age_group(age_on('%(as_of)s::date'))} AS age_group,"
    f" COALESCE(k.setting, {lit(NOT_RECORDED)}) AS setting FROM ({_LATEST_OPEN_REVIEW}) l"
    " LEFT JOIN kpi_case k ON k.case_id = l.case_id AND k.area = l.area AND k.area = ANY(%(areas)s)) plans"
    " GROUP BY GROUPING SETS ((area), (area, need), (area, age_group), (area, setting)))"
    " INSERT INTO kpi_tally SELECT g.area, x.kpi_id, %(as_of_period)s, g.dimension, g.value_key,"
    " x.numerator, x.denominator, 0 FROM g"
    " CROSS JOIN LATERAL (VALUES ('active_plans', g.n, 0), ('plans_without_review_12m', g.over_12, g.n),"
    " ('plans_without_review_24m', g.over_24, g.n)) x (kpi_id, numerator, denominator)"
    " UNION ALL SELECT t.area, 'primary_need_mix:' || n.need, %(as_of_period)s, '', '',"
    " COALESCE(b.n, 0), t.n, 0 FROM g t CROSS JOIN unnest(%(needs)s::text[]) n (need)"
    f" LEFT JOIN g b ON b.area = t.area AND b.dimension = {lit(kpis.NEED)} AND b.value_key = n.need"
    " WHERE t.dimension = ''"
)
DECISIONS = (
    f"WITH d AS (SELECT area, type, {year('date')} AS yr,"
    " COUNT(*) AS n, COUNT(*) FILTER (WHERE outcome = 'refuse') AS refused,"
    " COUNT(panel_incomplete) AS with_panel, COUNT(*) FILTER (WHERE NOT panel_incomplete) AS quorate"
    " FROM kpi_decision GROUP BY 1, 2, 3)"
    " INSERT INTO kpi_tally SELECT area, 'requests_refused_share', yr::text, '', '', refused, n, 0 FROM d"
    " WHERE type = 'assessment_decision' UNION ALL SELECT area, 'quorate_panel_decisions', yr::text, '', '',"
    " SUM(quorate), SUM(with_panel), 0 FROM d GROUP BY area, yr HAVING SUM(with_panel) > 0"
)
OPEN_REQUESTS = (
    "WITH o AS (SELECT local_area_id AS area, stage, COUNT(*) AS n FROM"
    f" {C} WHERE local_area_id = ANY(%(areas)s) AND open GROUP BY 1, 2)"
    " INSERT INTO kpi_tally SELECT area, 'open_requests', %(as_of_period)s, '', '', SUM(n), 0, 0 FROM o"
    f" GROUP BY area UNION ALL SELECT area, 'open_requests', %(as_of_period)s, {lit(kpis.STAGE)}, stage, n,"
    " 0, 0 FROM o UNION ALL SELECT area, 'open_requests:' || stage, %(as_of_period)s, '', '', n, 0, 0 FROM o"
    " WHERE stage = ANY(%(stages)s)"
)
# The counts over the milestones and persons, each run for a few areas at a time (how many: the fewest
# CPU seconds for 40 areas at 640,000 children): their hash tables stay in memory (for every area at
# once they were written to disk) and the persons hashed for the join are only the batch's. The
# others read the events once for all areas.
BY_BATCH = ((SPLIT, 2), (FINAL_PLANS, 4), (ACTIVE_PLANS, 4))
COUNTS = (REQUEST_OUTCOMES, DECISIONS, OPEN_REQUESTS)
TALLY = (
    "CREATE TEMP TABLE kpi_tally (area int, kpi_id text, period text, dimension text, value_key text,"
    " numerator bigint, denominator bigint, total bigint) ON COMMIT DROP"
)


def statement_params(area_ids: list[int], as_of: date) -> dict[str, Any]:
    """The parameters every counting statement takes for the areas on one date."""
    return {
        "areas": list(area_ids),
        "as_of": as_of,
        "as_of_period": AS_OF_PERIOD,
        "twelve": months_before(as_of, 12),
        "twenty_four": months_before(as_of, 24),
        "needs": list(kpis.NEED_NAMES),
        "stages": list(kpis.STAGE_NAMES),
    }


# (setting, value) for the counting, undone by `reset_settings`.
SETTINGS = (
    ("work_mem", WORK_MEM),  # hashed grouping, not sorted on disk
    # Compiling the queries to machine code (JIT) costs seconds and saves less at this size.
    ("jit", "off"),
    # A refresh of many areas already keeps both cores busy (services/second_connection.py): parallel
    # workers only added their start and the hash tables each built again (0.9 s of CPU at 640,000).
    ("max_parallel_workers_per_gather", "0"),
    # The temporary tables are analysed for their sizes: a sample of 3,000 rows, not 30,000 (0.12 s for
    # the 916,275 tallies of 75 areas).
    ("default_statistics_target", "10"),
)


def use_settings(cursor: Any) -> None:
    for name, value in SETTINGS:
        cursor.execute(f"SET LOCAL {name} = '{value}'")


def reset_settings() -> None:
    """An enclosing transaction goes on with its own settings."""
    with connection.cursor() as cursor:
        for name, _ in SETTINGS:
            cursor.execute(f"SET LOCAL {name} TO DEFAULT")


def describe_cases(cursor: Any, params: dict[str, Any]) -> None:
    """`kpi_tally` made, empty, and the areas' cases described (`kpi_case`, `kpi_word`, `kpi_disputed`)."""
    cursor.execute(TALLY)
    cursor.execute(PERSONS, params)
    cursor.execute(WORDS)
    cursor.execute("ANALYZE kpi_word")  # temporary tables have no statistics until asked
    cursor.execute(CASES)
    cursor.execute("DROP TABLE kpi_person")
    cursor.execute(CASE_INDEX)
    cursor.execute(DISPUTED, params)
    cursor.execute("ANALYZE kpi_case, kpi_disputed")


def count_by_batch(cursor: Any, params: dict[str, Any]) -> None:
    """The counts over milestones of the areas of `params`, each statement a batch of areas at a time."""
    area_ids = params["areas"]
    for statement, at_once in BY_BATCH:
        for start in range(0, len(area_ids), at_once):
            cursor.execute(statement, {**params, "areas": area_ids[start : start + at_once]})


def count_into_temporary_table(area_ids: list[int], as_of: date) -> None:
    """Fill `kpi_tally` with every case-record tally of the areas; within a transaction, which
    drops it on commit (`drop_temporary_tables` drops it sooner)."""
    params = statement_params(area_ids, as_of)
    with connection.cursor() as cursor:
        drop_temporary_tables()
        use_settings(cursor)
        describe_cases(cursor, params)
        count_by_batch(cursor, params)
        cursor.execute(DECISION_EVENTS, params)
        cursor.execute("ANALYZE kpi_decision")
        for statement in COUNTS:
            cursor.execute(statement, params)


def drop_temporary_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {', '.join(TEMPORARY)}")


def case_tallies_by_area(area_ids: list[int], as_of: date) -> dict[int, dict[Key, Tally]]:
    """Every case-record KPI of each area, as `refresh.case_tallies([area], as_of)` counts it."""
    out: dict[int, dict[Key, Tally]] = defaultdict(dict)
    with transaction.atomic():
        count_into_temporary_table(area_ids, as_of)
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM kpi_tally")
            rows = cursor.fetchall()
        drop_temporary_tables()
        reset_settings()
    for area, kpi_id, period, dimension, value_key, numerator, denominator, total in rows:
        out[area][(kpi_id, period, dimension, value_key)] = Tally(numerator, denominator, total=total)
    return {area: out[area] for area in area_ids}
