"""`sendtrack export-sen2` writes the DfE SEN2 person-level return from the case records."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.interchange.sen2 import Collection, person_record
from sendtrack.performance.sen2_renderer import census_date_for
from sendtrack.performance.sen2_rules import upn_is_valid

pytestmark = pytest.mark.django_db
CENSUS = date(2026, 1, 15)


def _export(area_code: str = "999") -> ET.Element:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_sen2",
        "--census-date",
        CENSUS.isoformat(),
        "--area",
        area_code,
        "--dmo",
        "Y",
        "--dco",
        "Y",
        "--dsco",
        "N",
        "--output",
        "-",
        stdout=out,
        stderr=err,
    )
    return ET.fromstring(out.getvalue())  # noqa: S314 - our own output


def test_the_return_has_the_header_and_one_person_per_child(demo_area):
    root = _export()
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/CollectionDetails/Year") == "2026"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-01-15"
    assert root.findtext("Header/Source/LEA") == "999"
    assert root.findtext("Header/Source/DSCO") == "N"
    persons = root.findall("Persons/Person")
    assert 50 < len(persons) <= 300
    assert all(p.find("Requests") is not None for p in persons)
    assert all(upn_is_valid(p.findtext("UPN")) for p in persons if p.findtext("UPN"))


def test_modules_nest_as_the_return_lays_them_out(demo_area):
    root = _export()
    assert root.findall("Persons/Person/Requests/Assessment/NamedPlan/StartDate")
    assert root.findall("Persons/Person/Requests/ActivePlans/SENneed/SENtype")
    assert root.findall("Persons/Person/Requests/ActivePlans/PlacementDetail/PlacementRank")
    outcomes = {e.text for e in root.iter("RequestOutcome")}
    assert {"Y", "H"} <= outcomes
    for request in root.iter("Requests"):
        if request.findtext("RequestOutcome") in ("A", "W", "N"):
            assert request.find("Assessment") is None
        assessment = request.find("Assessment")
        if assessment is not None and assessment.findtext("AssessmentOutcome") == "Y":
            assert assessment.findtext("Week20") in ("0", "1")
            assert assessment.findtext("AssessmentOutcomeDate") <= "2026-01-15"


def test_flows_of_the_calendar_year_are_reported_with_their_dates():
    person = {
        "given_name": "Bea",
        "family_name": "Sample",
        "date_of_birth": "2019-09-14",
        "sex": "F",
        "upn": "Q999200022000",
        "primary_need": "SLCN",
        "setting": "999002",
    }
    case = {
        "case_ref": "X1",
        "person": person,
        "events": [
            {"type": "request_received", "date": "2025-02-03", "source": "parent"},
            {"type": "assessment_decision", "date": "2025-03-10", "outcome": "assess"},
            {"type": "final_plan_issued", "date": "2025-06-16", "setting": "999002"},
        ],
    }
    collection = Collection(CENSUS, "999", "test", __import__("datetime").datetime(2026, 2, 2, 9, 30))
    record = person_record(person, [case], collection)
    request = record["Requests"][0]
    assert request["ReceivedDate"] == "2025-02-03"
    assert request["RequestSource"] == "1"
    assert request["RequestOutcome"] == "Y" and request["RequestOutcomeDate"] == "2025-03-10"
    assessment = request["Assessment"]
    assert assessment["AssessmentOutcome"] == "Y" and assessment["AssessmentOutcomeDate"] == "2025-06-16"
    assert assessment["Week20"] == "0"
    assert assessment["NamedPlan"]["PlanDetail"][0]["URN"] == "999002"
    assert request["ActivePlans"]["SENneed"] == [{"SENtype": "SLCN", "SENtypeRank": "1"}]


def test_a_request_refused_before_the_period_is_left_out():
    person = {"given_name": "Cal", "family_name": "Test", "date_of_birth": "2011-11-30", "sex": "M"}
    case = {
        "case_ref": "X2",
        "person": person,
        "events": [
            {"type": "request_received", "date": "2023-02-03"},
            {"type": "assessment_decision", "date": "2023-03-10", "outcome": "refuse"},
        ],
    }
    collection = Collection(CENSUS, "999", "test", __import__("datetime").datetime(2026, 2, 2))
    assert person_record(person, [case], collection) is None


def test_census_day_is_the_third_thursday_of_january():
    assert census_date_for(2025) == date(2025, 1, 16)
    assert census_date_for(2026) == date(2026, 1, 15)
    assert census_date_for(2027) == date(2027, 1, 21)


def test_the_issues_page_lists_problems_with_links_for_a_manager(
    client, manager, demo_area, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = f"/performance/areas/999/sen2-issues/?census={CENSUS.isoformat()}"
    with django_capture_on_commit_callbacks(execute=True):  # the first visit starts the check
        client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "ST-P08" in page and 'href="/casework/cases/' in page


def test_the_issues_page_is_404_for_another_area(client, caseworker_elsewhere, demo_area):
    client.force_login(caseworker_elsewhere)
    assert client.get("/performance/areas/999/sen2-issues/").status_code == 404


def test_every_export_matches_the_projects_schema(demo_area):
    from lxml import etree

    from tests.performance.sen2_schema import assert_valid

    root = _export()
    assert_valid(etree.fromstring(ET.tostring(root)))


def _break_one_child(area):
    from sendtrack.casework.models import Person

    person = Person.objects.filter(local_area=area, cases__milestones__rule_name="final_plan").first()
    Person.objects.filter(pk=person.pk).update(sex="X")
    return person


def test_a_return_with_errors_is_not_written_and_the_errors_are_listed(demo_area, tmp_path):
    _break_one_child(demo_area)
    target = tmp_path / "sen2.xml"
    err = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command(
            "export_sen2",
            "--census-date",
            CENSUS.isoformat(),
            "--output",
            str(target),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert refused.value.returncode == 1
    assert not target.exists()
    listed = err.getvalue()
    assert (
        "ST-P03 error: child LA999-" in listed and "field Sex" in listed and "fix: Record the sex" in listed
    )


def test_a_draft_is_written_with_errors_and_marked_as_a_draft(demo_area, tmp_path):
    _break_one_child(demo_area)
    target = tmp_path / "sen2.xml"
    call_command(
        "export_sen2",
        "--census-date",
        CENSUS.isoformat(),
        "--output",
        str(target),
        "--draft",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    written = tmp_path / "sen2_DRAFT.xml"
    assert written.exists() and not target.exists()
    text = written.read_text()
    assert "<!-- DRAFT: not for submission" in text.splitlines()[1]
    assert "<Sex>X</Sex>" not in text


def test_sex_other_than_m_or_f_is_never_written():
    person = {"given_name": "Sam", "family_name": "Ray", "date_of_birth": "2012-05-05", "sex": "unknown"}
    case = {
        "case_ref": "X4",
        "person": person,
        "events": [{"type": "request_received", "date": "2025-09-01", "source": "young_person", "rya": True}],
    }
    collection = Collection(CENSUS, "999", "test", __import__("datetime").datetime(2026, 2, 2))
    record = person_record(person, [case], collection)
    assert record["Sex"] == ""
    assert record["Requests"][0]["RYA"] == "1" and record["Requests"][0]["RequestSource"] == "1"


def test_the_return_carries_ethnicity_cease_reasons_and_placement_flags(demo_area):
    root = _export()
    assert {e.text for e in root.iter("Ethnicity")} - {"NOBT", "REFU"}
    assert all(p.findtext("UPN") or p.findtext("UPNunknown") for p in root.iter("Person"))
    for plan in root.iter("NamedPlan"):
        assert plan.findtext("PB") in ("0", "1")
        if plan.findtext("CeaseDate"):
            assert plan.findtext("CeaseReason") in [str(n) for n in range(1, 10)]
    for placement in root.iter("PlacementDetail"):
        assert placement.findtext("SENunitIndicator") in ("0", "1")
