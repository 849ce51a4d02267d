"""Every read of a person's record and every export writes exactly one access-log row per record;
if the row cannot be written, the page stops with 503 and shows nothing; rows are never changed."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from sendtrack.casework import access
from sendtrack.casework.models import AccessLog, Case
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb
from tests.access_log_failure import refusing_cursor
from tests.trust.casework_cast import *  # noqa: F403


def reads(case):
    ref = case.case_ref
    return [
        reverse("casework:person", args=[ref]),
        reverse("casework:edit-details", args=[ref]),
        f"/api/cases/{ref}/timeline",
        reverse("portal:family-access", args=[ref]),
    ]


@pytest.mark.parametrize("index", range(4))
def test_each_read_of_a_record_writes_exactly_one_access_log_row(client, caseworker, child_case, index):
    client.force_login(caseworker)
    url = reads(child_case)[index]
    assert client.get(url).status_code == 200
    rows = list(AccessLog.objects.filter(case=child_case))
    assert len(rows) == 1
    assert (rows[0].actor, rows[0].person_id, rows[0].path) == (caseworker, child_case.person_id, url)


def test_the_family_page_writes_one_row(client, parent, family_link, child_case):
    client.force_login(parent)
    assert client.get(reverse("portal:family-case", args=[child_case.case_ref])).status_code == 200
    assert AccessLog.objects.filter(case=child_case, actor=parent).count() == 1


@pytest.mark.parametrize("name", ["casework:tracker-csv", "casework:tracker-xlsx"])
def test_an_export_writes_one_row_for_each_record_it_holds(
    client, caseworker, child_case, uninvolved_case, name
):
    client.force_login(caseworker)
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body
    logged = sorted(AccessLog.objects.filter(actor=caseworker).values_list("case__case_ref", flat=True))
    assert logged == ["NB-0001", "NB-0002"]


@pytest.fixture
def access_log_broken(monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("access log unavailable")

    monkeypatch.setattr(access, "prepared_cursor", refusing_cursor(refuse))
    monkeypatch.setattr(AccessLog.objects, "bulk_create", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "/casework/cases/NB-0001/",
        "/casework/cases/NB-0001/details/",
        "/api/cases/NB-0001/timeline",
        "/casework/tracker.csv",
        "/casework/tracker.xlsx",
    ],
)
def test_when_the_row_cannot_be_written_the_page_stops_with_503_and_no_data(
    client, caseworker, child_case, access_log_broken, url
):
    client.force_login(caseworker)
    response = client.get(url)
    assert response.status_code == 503
    assert b"Lily" not in response.content and b"Brown" not in response.content


def test_the_application_cannot_change_or_delete_a_row(caseworker, child_case):
    row = AccessLog.objects.create(
        actor=caseworker, case=child_case, person=child_case.person, action="viewed"
    )
    with pytest.raises(ValueError):
        row.save()
    with pytest.raises(ValueError):
        row.delete()
    with pytest.raises(ValueError):
        AccessLog.objects.filter(pk=row.pk).update(action="nothing")
    with pytest.raises(ValueError):
        AccessLog.objects.filter(pk=row.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the database triggers are PostgreSQL's")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE casework_accesslog SET action = 'nothing'",
        "DELETE FROM casework_accesslog",
        "UPDATE core_auditevent SET verb = 'nothing'",
        "DELETE FROM core_auditevent",
    ],
)
def test_raw_sql_cannot_change_or_delete_a_row_on_postgresql(caseworker, child_case, sql):
    AccessLog.objects.create(actor=caseworker, case=child_case, person=child_case.person, action="viewed")
    with transaction.atomic():
        audit(actor=caseworker, verb=AuditVerb.EVENT_RECORDED, subject=child_case)
    with pytest.raises(DatabaseError, match="insert-only"), connection.cursor() as cursor:
        cursor.execute(sql)


def test_the_area_administrator_and_manager_see_who_looked_at_a_record(
    client, caseworker, manager, administrator, child_case
):
    client.force_login(caseworker)
    client.get(reverse("casework:person", args=["NB-0001"]))
    url = reverse("casework:access-log", args=["NB-0001"])
    for who in (manager, administrator):
        client.force_login(who)
        response = client.get(url)
        assert response.status_code == 200
        assert "Tom Ellis" in response.content.decode()
        assert "viewed record" in response.content.decode()


@pytest.mark.parametrize(
    "who", ["caseworker", "caseworker_elsewhere", "read_only_officer", "parent", "health_advisor"]
)
def test_nobody_else_sees_the_access_log(request, client, child_case, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("casework:access-log", args=["NB-0001"])).status_code == 404


def test_reading_the_access_log_does_not_touch_the_case(client, administrator, child_case):
    client.force_login(administrator)
    client.get(reverse("casework:access-log", args=["NB-0001"]))
    assert Case.objects.filter(pk=child_case.pk).get().version == child_case.version
