"""The tracker says which agencies have not yet confirmed their sections of a draft plan, one query a page."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from sendtrack.casework.models import Case
from sendtrack.ehcplan.models import AgencyConfirmation, PlanKind, PlanVersion
from sendtrack.ehcplan.services import confirm_sections, issue_plan, save_plan, start_plan
from sendtrack.ehcplan.versions import to_json
from tests.casework.conftest import import_objects
from tests.ehcplan.plans import good_plan

pytestmark = pytest.mark.django_db

COLUMN = "Draft plan not yet confirmed by"
ALL_THREE = "Education, health and social care, due by 26 March 2026"


@pytest.fixture
def draft(child_case, caseworker):
    version = start_plan(case=child_case, by=caseworker)
    save_plan(version=version, by=caseworker, plan=good_plan(), reason="Written")
    return issue_plan(version=version, by=caseworker, on=dt.date(2026, 3, 16), kind=PlanKind.DRAFT)


def row_of(body: str, name: str) -> str:
    start = body.index(name)
    return body[start : body.index("</tr>", start)]


def test_the_tracker_names_each_agency_still_to_confirm_until_it_does(
    client, caseworker, health_advisor, draft, uninvolved_case
):
    asked = set(AgencyConfirmation.objects.filter(version=draft).values_list("agency", flat=True))
    assert asked == {"education", "health", "social_care"}
    client.force_login(caseworker)
    body = client.get(reverse("casework:tracker")).content.decode()
    assert COLUMN in body
    assert "Education, health and social care, due by 26 March 2026" in row_of(body, "Lily Brown")
    assert "due by" not in row_of(body, "Ben Clarke")

    health = AgencyConfirmation.objects.get(version=draft, agency="health")
    confirm_sections(confirmation=health, by=health_advisor, on=dt.date(2026, 3, 18))
    body = client.get(reverse("casework:tracker")).content.decode()
    assert "Education and social care, due by 26 March 2026" in row_of(body, "Lily Brown")
    assert "ealth" not in row_of(body, "Lily Brown").split("Unassigned")[1]


def test_a_final_plan_issued_ends_the_wait_and_the_export_has_the_column(client, caseworker, draft):
    client.force_login(caseworker)
    header, row = list(
        csv.reader(
            io.StringIO(b"".join(client.get(reverse("casework:tracker-csv")).streaming_content).decode())
        )
    )
    assert dict(zip(header, row, strict=True))[COLUMN] == ALL_THREE

    later = PlanVersion.objects.create(
        case=draft.case, number=2, kind=PlanKind.FINAL, content=draft.content, issued_on=dt.date(2026, 3, 30)
    )
    assert later.issued_on
    header, row = list(
        csv.reader(
            io.StringIO(b"".join(client.get(reverse("casework:tracker-csv")).streaming_content).decode())
        )
    )
    assert dict(zip(header, row, strict=True))[COLUMN] == ""


def test_the_column_costs_no_query_a_row(client, caseworker, area, council, django_assert_num_queries):
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
    content = to_json(good_plan())
    for case in Case.objects.filter(local_area=area):
        version = PlanVersion.objects.create(
            case=case, number=1, kind=PlanKind.DRAFT, content=content, issued_on=dt.date(2026, 3, 2)
        )
        for agency in ("health", "education"):
            AgencyConfirmation.objects.create(
                version=version, agency=agency, requested_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 12)
            )
    client.force_login(caseworker)
    client.get(reverse("casework:tracker"))
    # session, user, memberships, the area's forecast check, filter choices (caseworkers and
    # settings in one), count, one page of cases, and the column's one query for the page
    with django_assert_num_queries(8):
        body = client.get(reverse("casework:tracker"), {"page": "2"}).content.decode()
    assert body.count("Education and health, due by 12 March 2026") == 10
