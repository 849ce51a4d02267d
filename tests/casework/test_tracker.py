from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from django.urls import reverse

from sendtrack.casework.models import AccessLog, Case
from tests.casework.conftest import import_objects


def test_the_tracker_lists_open_requests_soonest_breach_first(
    client, caseworker, child_case, uninvolved_case
):
    client.force_login(caseworker)

    response = client.get(reverse("casework:tracker"))

    body = response.content.decode()
    assert response.status_code == 200
    # Oakfield's reply to Lily's consultation was due on 7 March 2026; Ben's decision is due today.
    assert body.index("Lily Brown") < body.index("Ben Clarke")
    assert "7 March 2026" in body and "16 March 2026" in body and "Overdue" in body
    assert "Consultation" in body and "Received" in body


def test_the_tracker_shows_no_case_of_another_area(client, caseworker_elsewhere, child_case):
    client.force_login(caseworker_elsewhere)

    body = client.get(reverse("casework:tracker")).content.decode()

    assert "Lily" not in body


def test_filtering_by_agency_keeps_only_requests_waiting_for_that_advice(
    client, caseworker, child_case, uninvolved_case
):
    client.force_login(caseworker)

    body = client.get(reverse("casework:tracker"), {"agency": "health"}).content.decode()

    assert "Lily Brown" in body and "Ben Clarke" not in body


def test_filtering_by_stage_and_overdue(client, caseworker, child_case, uninvolved_case):
    client.force_login(caseworker)

    by_stage = client.get(reverse("casework:tracker"), {"stage": "received"}).content.decode()
    overdue = client.get(reverse("casework:tracker"), {"overdue": "on"}).content.decode()

    assert "Ben Clarke" in by_stage and "Lily Brown" not in by_stage
    assert "Ben Clarke" not in overdue and "Lily Brown" in overdue


def test_an_htmx_request_gets_only_the_results_fragment(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.get(reverse("casework:tracker"), {"need": "ASD"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "Lily Brown" in body
    assert "<html" not in body and "Apply filters" not in body


def test_the_tracker_reads_a_fixed_number_of_queries(
    client, caseworker, area, council, django_assert_num_queries
):
    import_objects(
        [
            {
                "case_ref": f"NB-{n:04d}",
                "person": {"ref": f"P{n}"},
                "events": [{"type": "request_received", "date": "2026-02-02"}],
            }
            for n in range(60)
        ],
        area,
    )
    client.force_login(caseworker)
    client.get(reverse("casework:tracker"))
    # session, user, memberships, the area's forecast check, filter choices (caseworkers and
    # settings in one), count, one page of cases and the added column's one query for the page; the
    # session is not saved (its idle expiry moved less than a minute ago)
    with django_assert_num_queries(8):
        client.get(reverse("casework:tracker"), {"page": "2"})


def test_csv_export_has_every_row_and_logs_each_exported_case(
    client, caseworker, child_case, uninvolved_case
):
    client.force_login(caseworker)

    response = client.get(reverse("casework:tracker-csv"))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Case reference"
    assert next(r for r in rows if r[0] == "NB-0001")[:3] == ["NB-0001", "Lily Brown", "2016-04-30"]
    assert {r[0] for r in rows[1:]} == {"NB-0001", "NB-0002"}
    assert AccessLog.objects.filter(actor=caseworker, action="exported").count() == 2


def test_the_export_says_stage_deadline_and_need_in_words(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.get(reverse("casework:tracker-csv"))

    header, row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    exported = dict(zip(header, row, strict=True))
    assert exported["Stage"] == "Consultation"
    assert exported["Next due for"] == "Reply from Oakfield Primary School"
    assert exported["Primary need"] == "Autistic spectrum disorder"


def test_excel_export_has_every_row_and_logs_each_exported_case(client, caseworker, child_case):
    client.force_login(caseworker)

    response = client.get(reverse("casework:tracker-xlsx"))

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[1][0] == "NB-0001" and values[1][1] == "Lily Brown"
    received = sheet["E2"]
    assert (received.value, received.number_format) == (dt.datetime(2026, 1, 5), "d mmmm yyyy")
    assert AccessLog.objects.filter(actor=caseworker, action="exported", case=child_case).count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, child_case):
    response = client.get(reverse("casework:tracker"))
    assert response.status_code == 302
    assert Case.objects.count() == 1
