"""The door's read of a case: the case with its person, the person's setting, the caseworker and the
area, in one fixed statement around the access rule.

Which cases the user may open for the purpose is still decided by `access.py` (its queryset, given
here as a subquery of ids); only the select around it, the same on every visit, is written once
instead of built and compiled by the ORM each time (`select_related` of four tables was most of
the door's CPU).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet

from sendtrack.accounts import prepared
from sendtrack.accounts.fixed_select import Columns
from sendtrack.accounts.models import LocalArea, Organisation, User
from sendtrack.casework.models import Case, Person

COLUMNS = Columns((Case, "c"), (Person, "p"), (Organisation, "s"), (User, "w"), (LocalArea, "a"))
FROM = """
FROM casework_case c
JOIN casework_person p ON p.id = c.person_id
LEFT JOIN accounts_organisation s ON s.id = p.setting_id
LEFT JOIN accounts_user w ON w.id = c.caseworker_id
JOIN accounts_localarea a ON a.id = c.local_area_id
"""
SELECT = COLUMNS.sql()
PERSON = Case._meta.get_field("person")
SETTING = Person._meta.get_field("setting")
CASEWORKER = Case._meta.get_field("caseworker")
AREA = Case._meta.get_field("local_area")


def cases_with_details(cases: QuerySet[Case]) -> list[Case]:
    """The cases of `cases` (a queryset carrying the access rule), each with its person, setting,
    caseworker and area as `select_related` would give them, by area."""
    try:
        rule, params = cases.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # the rule lets this user see no case at all
        return []
    sql = f"SELECT {SELECT} {FROM} WHERE c.id IN ({rule}) ORDER BY c.local_area_id, c.id"
    with prepared.cursor(cases.db) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = []
    for row in rows:
        case, person, setting, caseworker, area = COLUMNS.instances(row)
        SETTING.set_cached_value(person, setting)
        PERSON.set_cached_value(case, person)
        CASEWORKER.set_cached_value(case, caseworker)
        AREA.set_cached_value(case, area)
        found.append(case)
    return found  # type: ignore[return-value]
