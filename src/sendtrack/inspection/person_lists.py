"""List 1 and List 2 for one local area on a date, from the case records and imported extracts.

Area-wide and person-level: callers check the user is one of the area's SEND managers first
(`selectors.get_notification_or_404(..., for_lists=True)`), or are the command line.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from sendtrack.accounts.models import LocalArea
from sendtrack.inspection.lists import LIST_1_FIELDS, LIST_2_FIELDS, CensusRow, ListRow, build_row, plan_on
from sendtrack.inspection.models import CensusFigures
from sendtrack.inspection.validation import Issue, validate
from sendtrack.performance.sen2_renderer import people_of

FIELDS = {1: LIST_1_FIELDS, 2: LIST_2_FIELDS}
TITLES = {
    1: "List 1: children and young people with an EHC plan",
    2: "List 2: children and young people receiving SEN support",
}


def look_back_start(as_of: date) -> date:
    """The first day of the window census figures must fall in (settings.INSPECTION_LOOKBACK_MONTHS)."""
    months = as_of.year * 12 + as_of.month - 1 - settings.INSPECTION_LOOKBACK_MONTHS
    year, month = divmod(months, 12)
    return date(year, month + 1, min(as_of.day, calendar.monthrange(year, month + 1)[1]))


def census_rows(area: LocalArea, as_of: date) -> tuple[dict[str, CensusRow], set[str]]:
    """The latest extract row per UPN whose period ends in the look-back window; the UPNs on SEN support."""
    rows = CensusFigures.objects.filter(
        local_area=area, period_end__gt=look_back_start(as_of), period_end__lte=as_of
    ).order_by("upn", "-period_end", "-pk")
    found: dict[str, CensusRow] = {}
    sen_support: set[str] = set()
    for row in rows.iterator(chunk_size=2000):
        if row.upn in found:
            continue
        found[row.upn] = CensusRow(
            suspensions=row.suspensions,
            permanent_exclusions=row.permanent_exclusions,
            absence_percent=row.absence_percent,
            pupil_premium=row.pupil_premium,
            known_to_social_care=row.known_to_social_care,
            social_care_team=row.social_care_team,
            main_phase=row.main_phase,
            subsidiary_phase=row.subsidiary_phase,
        )
        if row.sen_support:
            sen_support.add(row.upn)
    return found, sen_support


@dataclass
class PersonList:
    number: int
    as_of: date
    rows: list[ListRow]
    issues: list[Issue]

    @property
    def fields(self) -> tuple[str, ...]:
        return FIELDS[self.number]

    @property
    def title(self) -> str:
        return TITLES[self.number]

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    def missing_counts(self) -> list[tuple[str, int]]:
        """Each field with how many rows leave it blank, for the page's list of gaps."""
        counts = {name: 0 for name in self.fields}
        for row in self.rows:
            for name in row.missing:
                counts[name] += 1
        return [(name, count) for name, count in counts.items() if count]


def person_list(*, area: LocalArea, as_of: date, number: int) -> PersonList:
    """List 1: everyone with an EHC plan on `as_of`. List 2: everyone without one whom the extract
    (or the person's record) marks as on SEN support; sendtrack holds only the children the EHC
    team has met, so List 2 is as complete as the imported extract."""
    if number not in FIELDS:
        raise ValueError("There are two lists: 1 and 2")
    census, sen_support = census_rows(area, as_of)
    rows: list[ListRow] = []
    for item in people_of(area):
        plan = plan_on(item.case_files, as_of)
        upn = str(item.person.get("upn") or "").upper()
        if number == 1 and plan is None:
            continue
        if number == 2 and (plan is not None or not (upn in sen_support or item.person.get("sen_support"))):
            continue
        rows.append(
            build_row(
                unique_id=str(item.person.get("ref") or item.case_refs[0]),
                case_ref=item.case_refs[0],
                person=item.person,
                plan=plan,
                census=census.get(upn),
                fields=FIELDS[number],
            )
        )
    return PersonList(number, as_of, rows, validate(rows, as_of, list_number=number))
