"""The SEN2 problems page reads the return as the check job last found it, and only while the area's
records are as they were: any change is said plainly and checked again."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sendtrack.casework.models import Case, CaseEvent, Person
from sendtrack.jobs.models import Job, JobKind, JobStatus
from sendtrack.jobs.schedules import BY_NAME, start_run
from sendtrack.performance import sen2_checks
from sendtrack.performance.models import Sen2Check, Sen2Problem
from sendtrack.performance.sen2_renderer import next_census_date, sen2_issues
from tests.jobs.conftest import immediate_jobs  # noqa: F401
from tests.performance.conftest import AS_OF

CENSUS = AS_OF.replace(year=AS_OF.year + 1, month=1, day=21)
PAGE = f"/performance/areas/999/sen2-issues/?census={CENSUS.isoformat()}"

pytestmark = pytest.mark.usefixtures("immediate_jobs")


def _fresh(area) -> list[tuple[str, str, str]]:
    return [
        (i.case_ref, i.issue.rule.code, str(i.issue.detail))
        for i in sen2_issues(area=area, census_date=CENSUS)
    ]


def _stored(check: Sen2Check) -> list[tuple[str, str, str]]:
    return list(
        Sen2Problem.objects.filter(sen2_check=check)
        .order_by("position")
        .values_list("case_ref", "rule", "detail")
    )


def _run_job(capture, manager, area) -> Job:
    with capture(execute=True):
        job = sen2_checks.start_check(area, CENSUS, by=manager)
    job.refresh_from_db()
    return job


def test_the_job_keeps_exactly_the_problems_a_fresh_check_finds(
    demo_area, manager, django_capture_on_commit_callbacks
):
    job = _run_job(django_capture_on_commit_callbacks, manager, demo_area)
    assert job.status == JobStatus.DONE, job.summary
    check = Sen2Check.objects.get(local_area=demo_area, census_date=CENSUS)
    assert check.job_id == job.pk and check.persons == job.done == job.total > 0
    assert _stored(check) == _fresh(demo_area)
    assert len(_stored(check)) > 10
    assert f"{check.persons:,} persons" in job.summary
    assert check.counts == dict(Counter(rule for _ref, rule, _detail in _fresh(demo_area)))

    again = _run_job(django_capture_on_commit_callbacks, manager, demo_area)
    assert again.summary == "The return was already checked since the records last changed"
    assert Sen2Check.objects.get(local_area=demo_area).pk == check.pk


def test_any_change_to_the_records_makes_the_kept_check_out_of_date(demo_area):
    first = sen2_checks.run_check(demo_area, CENSUS)
    assert sen2_checks.check_state(demo_area, CENSUS).current

    # A person's detail changes: the UPN becomes one the DfE would refuse.
    person = Person.objects.filter(cases__local_area=demo_area, upn__isnull=False).first()
    person.upn = "not a upn"
    person.save()
    assert not sen2_checks.check_state(demo_area, CENSUS).current
    changed = sen2_checks.run_check(demo_area, CENSUS)
    assert _stored(changed) != _stored(first) and _stored(changed) == _fresh(demo_area)
    assert list(Sen2Check.objects.filter(local_area=demo_area)) == [changed]

    # An event is corrected away, written straight to the table as a bulk load would.
    case = Case.objects.filter(local_area=demo_area, person=person).first()
    event = CaseEvent.objects.filter(case=case).exclude(type="request_received").order_by("-position").first()
    CaseEvent.objects.create(case=case, type=CaseEvent.REMOVED, data={"type": "removed"}, supersedes=event)
    assert not sen2_checks.check_state(demo_area, CENSUS).current
    assert _stored(sen2_checks.run_check(demo_area, CENSUS)) == _fresh(demo_area)

    # A case is deleted with its events.
    Case.objects.filter(pk=Case.objects.filter(local_area=demo_area).order_by("pk").last().pk).delete()
    assert not sen2_checks.check_state(demo_area, CENSUS).current
    assert _stored(sen2_checks.run_check(demo_area, CENSUS)) == _fresh(demo_area)
    assert sen2_checks.check_state(demo_area, CENSUS).current


def test_a_change_written_straight_to_the_database_is_seen(demo_area):
    sen2_checks.run_check(demo_area, CENSUS)
    person = Person.objects.filter(cases__local_area=demo_area).order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE casework_person SET sex = %s WHERE id = %s", ["X", person.pk])
    assert not sen2_checks.check_state(demo_area, CENSUS).current
    assert _stored(sen2_checks.run_check(demo_area, CENSUS)) == _fresh(demo_area)


def test_a_change_in_another_area_leaves_the_check_current(demo_area, other_area):
    sen2_checks.run_check(demo_area, CENSUS)
    Person.objects.create(local_area=other_area, given_name="Ann", family_name="Other")
    assert sen2_checks.check_state(demo_area, CENSUS).current


def test_the_page_reads_the_kept_check_without_checking_the_return(
    client, manager, demo_area, monkeypatch, django_capture_on_commit_callbacks
):
    check = sen2_checks.run_check(demo_area, CENSUS)
    total = len(_stored(check))

    def refuse(**kwargs):
        raise AssertionError("the page checked the return itself")

    monkeypatch.setattr(sen2_checks, "sen2_issues", refuse)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        page = client.get(PAGE).content.decode()
    assert len(queries.captured_queries) <= 20
    assert not Job.objects.filter(kind=JobKind.SEN2_CHECK).exists()
    assert f"{total} problems" in page
    assert "the records have not changed since" in page
    assert "Check the return again" in page
    first_case = _stored(check)[0][0]
    assert f'href="/casework/cases/{first_case}/"' in page
    st_p08 = sum(1 for _ref, rule, _detail in _stored(check) if rule == "ST-P08")
    assert st_p08 > 0
    assert re.search(
        r'ST-P08</th><td class="govuk-table__cell">[^<]*</td><td[^>]*>[^<]*</td><td[^>]*>(\d+)</td>', page
    )[1] == str(st_p08)


def test_a_first_visit_starts_a_check_and_the_page_shows_it_when_done(
    client, manager, demo_area, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    waiting = client.get(PAGE).content.decode()  # the job is queued, not run: no worker here
    assert "The return has not been checked yet" in waiting
    assert "Check waiting to start" in waiting and 'hx-trigger="every 2s"' in waiting
    assert "No problems found" not in waiting
    assert Job.objects.filter(kind=JobKind.SEN2_CHECK, status=JobStatus.QUEUED).count() == 1
    client.get(PAGE)
    assert Job.objects.filter(kind=JobKind.SEN2_CHECK).count() == 1  # not a second check

    status = f"/performance/areas/999/sen2-issues/check/?census={CENSUS.isoformat()}"
    assert "Check waiting to start" in client.get(status, headers={"HX-Request": "true"}).content.decode()
    from sendtrack.jobs.tasks import run_job

    run_job.call(str(Job.objects.get(kind=JobKind.SEN2_CHECK).pk))
    done = client.get(status, headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"
    assert f"{len(_fresh(demo_area))} problems" in client.get(PAGE).content.decode()


def test_after_a_change_the_page_says_so_and_a_new_check_runs(
    client, manager, demo_area, django_capture_on_commit_callbacks
):
    old = sen2_checks.run_check(demo_area, CENSUS)
    person = Person.objects.filter(cases__local_area=demo_area).first()
    person.family_name = ""
    person.save()
    client.force_login(manager)
    page = client.get(PAGE).content.decode()
    assert "Records have changed since this list was made" in page
    assert "A new check is running" in page
    assert f"{len(_stored(old))} problems" in page  # the old list, said to be out of date
    assert "the records have not changed since" not in page
    assert "Check the return again" not in page  # one is on its way

    with django_capture_on_commit_callbacks(execute=True):
        sen2_checks.ensure_check(demo_area, CENSUS, by=manager)  # nothing new: one check is queued
    assert Job.objects.filter(kind=JobKind.SEN2_CHECK).count() == 1


def test_check_again_runs_a_new_check_even_when_nothing_changed(
    client, manager, demo_area, django_capture_on_commit_callbacks
):
    first = sen2_checks.run_check(demo_area, CENSUS)
    found = _stored(first)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE)
    assert response.status_code == 302 and response.url.endswith(f"?census={CENSUS.isoformat()}")
    job = Job.objects.get(kind=JobKind.SEN2_CHECK)
    assert job.status == JobStatus.DONE and job.started_by == manager
    now = Sen2Check.objects.get(local_area=demo_area)
    assert now.pk != first.pk and now.job_id == job.pk and _stored(now) == found


def test_a_check_that_stopped_is_not_started_again_by_every_visit(client, manager, demo_area):
    Job.objects.create(
        kind=JobKind.SEN2_CHECK,
        local_area=demo_area,
        status=JobStatus.FAILED,
        params={"census_date": CENSUS.isoformat()},
        summary="The job stopped because of an unexpected error.",
        finished_at=timezone.now(),
    )
    client.force_login(manager)
    page = client.get(PAGE).content.decode()
    assert "The last check of the return stopped with a problem" in page
    assert "Check the return again" in page
    assert Job.objects.filter(kind=JobKind.SEN2_CHECK).count() == 1


def test_bad_input_is_read_as_before(client, manager, demo_area, monkeypatch):
    from sendtrack.performance.views import sen2 as view

    monkeypatch.setattr(view, "ISSUES_PER_PAGE", 2)
    check = sen2_checks.run_check(demo_area, CENSUS)
    total = len(_stored(check))
    client.force_login(manager)
    first = client.get(PAGE).content.decode()
    second = client.get(PAGE + "&page=2").content.decode()
    assert f"{total} problems, 1 to 2 shown" in first
    assert f"{total} problems, 3 to 4 shown" in second
    assert first.count('<tr class="govuk-table__row">\n    <th scope="row"') == 2
    assert "page=2" in first and "Page 2 of" in second
    assert f"{total} problems, 1 to 2 shown" in client.get(PAGE + "&page=abc").content.decode()
    last = (total + 1) // 2
    assert f"Page {last} of {last}" in client.get(PAGE + "&page=99999").content.decode()
    # A census day that is not a date is the coming census, as before.
    response = client.get("/performance/areas/999/sen2-issues/?census=2026-13-45")
    assert response.status_code == 200
    coming = next_census_date(timezone.localdate())
    assert f"For the census on {coming.day} {coming:%B %Y}" in response.content.decode()


def test_the_nightly_run_checks_every_area(demo_area, other_area, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_run(BY_NAME["nightly-sen2-check"], timezone.now())
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.done == job.total == 2
    checks = {c.local_area_id: c for c in Sen2Check.objects.all()}
    assert set(checks) == {demo_area.pk, other_area.pk}
    census = checks[demo_area.pk].census_date
    assert _stored(checks[demo_area.pk]) == [
        (i.case_ref, i.issue.rule.code, str(i.issue.detail))
        for i in sen2_issues(area=demo_area, census_date=census)
    ]
