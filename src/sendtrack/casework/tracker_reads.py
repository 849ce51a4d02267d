# ruff: noqa: S608 - built from the models' table names and the compiled rule; every value is a parameter
"""The tracker's count and page of cases by fixed statements around the access rule and the filters.

Which cases the user may see, and which of them the filters keep, is still `access.py`'s queryset
(with the filters of `selectors.tracker_cases`): only its WHERE clause is compiled, and put into a
select and a count written once. The rule is compiled inline rather than as `id IN (subquery)`,
which PostgreSQL plans as a hash join over the whole area (60 ms) where the inline condition reads
`case_tracker_idx` in due-date order and stops after the page's rows, and counts from the index
alone. A rule that needs another join than the person's (none does today) is read by the ORM.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connections
from django.db.models import QuerySet

from sendtrack.accounts import prepared
from sendtrack.accounts.fixed_select import Columns
from sendtrack.accounts.models import Organisation, User
from sendtrack.casework.models import Case, Person

CASES = Case._meta.db_table
PEOPLE = Person._meta.db_table
COLUMNS = Columns((Case, CASES), (Person, PEOPLE), (Organisation, "s"), (User, "w"))
# `selectors._next_due_setting_name`: the setting a case waits on when its next deadline is a
# consultation's reply ("setting_response:" and the setting's URN).
SETTING_NAME = f"""(SELECT o.name FROM accounts_organisation o
    WHERE o.local_area_id = {CASES}.local_area_id AND o.urn = SUBSTR({CASES}.next_due_rule, 18)
    AND NOT (o.urn = '') ORDER BY o.name ASC LIMIT 1)"""
PERSON_JOIN = f"INNER JOIN {PEOPLE} ON {PEOPLE}.id = {CASES}.person_id"
SELECT = f"""SELECT {COLUMNS.sql()}, {SETTING_NAME}
FROM {CASES} {PERSON_JOIN}
LEFT JOIN accounts_organisation s ON s.id = {PEOPLE}.setting_id
LEFT JOIN accounts_user w ON w.id = {CASES}.caseworker_id
WHERE {{where}}
ORDER BY {CASES}.next_due ASC NULLS LAST, {CASES}.request_received ASC, {CASES}.id ASC"""
SETTING = Person._meta.get_field("setting")
PERSON = Case._meta.get_field("person")
CASEWORKER = Case._meta.get_field("caseworker")


class TrackerCases:
    """Soonest breach first, with the person, setting and caseworker attached as `select_related`
    attaches them and `next_due_setting` as `open_requests` annotates it. Counted and sliced as
    Django's `Paginator` asks."""

    def __init__(self, where: str, params: list[Any], *, joins_person: bool, using: str) -> None:
        self.where = where
        self.params = params
        self.joins_person = joins_person
        self.using = using

    def count(self) -> int:
        join = PERSON_JOIN if self.joins_person else ""
        sql = f"SELECT COUNT(*) FROM {CASES} {join} WHERE {self.where}"
        with prepared.cursor(self.using) as cursor:
            cursor.execute(sql, self.params)
            return int(cursor.fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Case]:
        if not isinstance(window, slice) or window.step is not None:
            raise TypeError("the tracker's cases are read a page at a time")
        start = int(window.start or 0)
        sql = SELECT.format(where=self.where)
        params = list(self.params)
        if window.stop is not None:
            sql += " LIMIT %s"
            params.append(max(0, int(window.stop) - start))
        if start:
            sql += " LIMIT -1" if window.stop is None and connections[self.using].vendor == "sqlite" else ""
            sql += " OFFSET %s"
            params.append(start)
        with prepared.cursor(self.using) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        found = []
        for row in rows:
            case, person, setting, caseworker = COLUMNS.instances(row)
            SETTING.set_cached_value(person, setting)
            PERSON.set_cached_value(case, person)
            CASEWORKER.set_cached_value(case, caseworker)
            case.next_due_setting = row[-1]  # type: ignore[union-attr]
            found.append(case)
        return found  # type: ignore[return-value]


def fixed_tracker_cases(cases: QuerySet[Case]) -> TrackerCases | None:
    """`cases` (the access rule and the filters, with no ordering, annotation or related rows
    asked for) read by the fixed statements; None when its query needs more than they give."""
    query = cases.query
    joins = {  # the joins the compiled query uses (the ORM keeps trimmed ones with no reference)
        alias: join.table_name for alias, join in query.alias_map.items() if query.alias_refcount[alias]
    }
    if (
        any(alias != table or table not in (CASES, PEOPLE) for alias, table in joins.items())
        or query.annotations
        or query.extra
        or query.distinct
        or query.combinator
        or query.is_sliced
        or query.select_related
    ):
        return None
    try:
        where, params = query.get_compiler(cases.db).compile(query.where)
    except EmptyResultSet:  # the rule lets this user see no case at all
        where, params = "1 = 0", []
    except FullResultSet:
        where, params = "1 = 1", []
    return TrackerCases(where, list(params), joins_person=PEOPLE in joins, using=cases.db)
