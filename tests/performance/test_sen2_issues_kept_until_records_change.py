"""The SEN2 problems page keeps its checked return only while the area's records stay as they were."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.performance.sen2_renderer import checked_issues, sen2_issues
from tests.performance.conftest import AS_OF

CENSUS = AS_OF.replace(year=AS_OF.year + 1, month=1, day=21)


def _codes(issues) -> list[tuple[str, str, str]]:
    return [(i.case_ref, i.issue.rule.code, str(i.issue.detail)) for i in issues]


def test_a_second_visit_reads_the_kept_result_and_any_change_is_checked_again(demo_area):
    first = checked_issues(area=demo_area, census_date=CENSUS)
    assert _codes(first) == _codes(sen2_issues(area=demo_area, census_date=CENSUS))
    with CaptureQueriesContext(connection) as kept:
        assert _codes(checked_issues(area=demo_area, census_date=CENSUS)) == _codes(first)
    assert len(kept.captured_queries) <= 5  # the fingerprint's queries, not the whole return

    # A person's detail changes: the UPN becomes one the DfE would refuse.
    person = Person.objects.filter(cases__local_area=demo_area, upn__isnull=False).first()
    person.upn = "not a upn"
    person.save()
    changed = checked_issues(area=demo_area, census_date=CENSUS)
    assert _codes(changed) != _codes(first)
    assert _codes(changed) == _codes(sen2_issues(area=demo_area, census_date=CENSUS))

    # An event is corrected away: checked again.
    case = Case.objects.filter(local_area=demo_area, person=person).first()
    event = CaseEvent.objects.filter(case=case).exclude(type="request_received").order_by("-position").first()
    CaseEvent.objects.create(case=case, type=CaseEvent.REMOVED, data={"type": "removed"}, supersedes=event)
    again = checked_issues(area=demo_area, census_date=CENSUS)
    assert _codes(again) == _codes(sen2_issues(area=demo_area, census_date=CENSUS))


def test_a_long_list_of_problems_is_shown_a_page_at_a_time(client, manager, demo_area, monkeypatch):
    from sendtrack.performance.views import sen2 as view

    monkeypatch.setattr(view, "ISSUES_PER_PAGE", 2)
    total = len(sen2_issues(area=demo_area, census_date=CENSUS))
    assert total > 4
    client.force_login(manager)
    url = f"/performance/areas/{demo_area.code}/sen2-issues/?census={CENSUS.isoformat()}"
    first = client.get(url).content.decode()
    second = client.get(url + "&page=2").content.decode()
    assert f"{total} problems, 1 to 2 shown" in first
    assert f"{total} problems, 3 to 4 shown" in second
    assert first.count('<tr class="govuk-table__row">\n    <th scope="row"') == 2
    assert "page=2" in first and "Page 2 of" in second
