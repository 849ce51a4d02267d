"""The lists page and its downloads: the area's SEND managers only, each download in the access log."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendtrack.casework.models import AccessLog
from sendtrack.casework.services import import_cases
from sendtrack.inspection.lists import LIST_1_FIELDS, LIST_2_FIELDS
from sendtrack.inspection.services import EXPORT_PURPOSE, import_census_extract

CHILDREN = [
    {
        "case_ref": "NB-0101",
        "person": {
            "ref": "P0101",
            "date_of_birth": "2014-09-12",
            "sex": "M",
            "ethnicity": "WBRI",
            "primary_need": "ASD",
            "upn": "A999200011000",
            "setting": "131204",
        },
        "events": [
            {"type": "request_received", "date": "2024-01-08", "source": "parent"},
            {"type": "final_plan_issued", "date": "2024-05-20"},
            {"type": "review_meeting", "date": "2025-05-12"},
        ],
    },
    {
        "case_ref": "NB-0102",
        "person": {"ref": "P0102", "date_of_birth": "2012-03-02", "sex": "F", "primary_need": "SLCN"},
        "events": [
            {"type": "request_received", "date": "2024-02-05", "source": "school"},
            {"type": "final_plan_issued", "date": "2024-06-28"},
        ],
    },
    {
        "case_ref": "NB-0103",
        "person": {
            "ref": "P0103",
            "date_of_birth": "2016-11-30",
            "sex": "F",
            "ethnicity": "MWBA",
            "primary_need": "SEMH",
            "upn": "C999200013000",
            "setting": "140577",
        },
        "events": [
            {"type": "request_received", "date": "2025-09-01", "source": "parent"},
            {"type": "assessment_decision", "date": "2025-10-10", "outcome": "refuse"},
        ],
    },
]


@pytest.fixture
def children(area, notification):
    import_cases((json.dumps(c) for c in CHILDREN), area=area, as_of=date(2026, 5, 18))
    extract = b"upn,period_end,suspensions,sen_support\nC999200013000,31/03/2026,1,yes\n"
    assert import_census_extract(area=area, file=io.BytesIO(extract), filename="census.csv").ok


def test_the_page_lists_each_problem_with_a_link_to_the_child(client, manager, notification, children):
    client.force_login(manager)
    page = client.get(reverse("inspection:lists", args=[notification.pk])).content.decode()
    assert reverse("casework:person", args=["NB-0102"]) in page
    assert "101c" in page  # P0102 has no ethnicity
    assert "107" in page  # P0102 is 14 with no UPN
    assert "1 row" in page  # List 2: the child on SEN support


def test_a_list_with_errors_is_marked_in_its_name_and_first_line(client, manager, notification, children):
    client.force_login(manager)
    response = client.get(reverse("inspection:download-list", args=[notification.pk, 1, "csv"]))
    assert response.status_code == 200
    assert "list-1-999-2026-05-18-WITH-ERRORS.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("NOT READY: this list has")
    assert lines[1].split(",")[:3] == list(LIST_1_FIELDS[:3])
    assert lines[2].startswith(
        "P0101,A999200011000,,12/09/2014,a) Male,a) WBRI,20/05/2024,,12/05/2025,k) ASD,131204"
    )


def test_every_child_in_a_download_is_in_the_access_log_with_the_purpose(
    client, manager, notification, children
):
    client.force_login(manager)
    client.get(reverse("inspection:download-list", args=[notification.pk, 1, "csv"]))
    logged = AccessLog.objects.filter(actor=manager)
    assert sorted(row.case.case_ref for row in logged) == ["NB-0101", "NB-0102"]
    assert all(EXPORT_PURPOSE in row.path for row in logged)


def test_list_2_as_xlsx_has_the_sen_support_child_and_no_error_mark(client, manager, notification, children):
    client.force_login(manager)
    response = client.get(reverse("inspection:download-list", args=[notification.pk, 2, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["List 2"].iter_rows(values_only=True))
    assert rows[0] == LIST_2_FIELDS
    assert [row[0] for row in rows[1:]] == ["P0103"]
    assert rows[1][LIST_2_FIELDS.index("Suspensions")] == 1
    assert book["List 2"].cell(row=2, column=4).number_format == "DD/MM/YYYY"
    assert book.sheetnames == ["List 2"]
    assert "WITH-ERRORS" not in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["read_only_officer", "caseworker", "caseworker_elsewhere", "parent", "dco"])
def test_the_lists_are_refused_to_anyone_but_the_area_send_managers(
    client, notification, children, who, request
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("inspection:lists", args=[notification.pk])).status_code == 404
    assert (
        client.get(reverse("inspection:download-list", args=[notification.pk, 1, "csv"])).status_code == 404
    )
    assert not AccessLog.objects.exists()
