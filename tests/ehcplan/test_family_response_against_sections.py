"""The family's response to a draft is shown against the sections it concerns: on the plan page
beside each section, and on the page of what changed, with whether the section changed."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from sendtrack.ehcplan.family_views import FamilyResponse, sections_named, set_against_sections
from sendtrack.ehcplan.models import PlanKind
from sendtrack.ehcplan.services import issue_plan, save_plan, start_plan
from sendtrack.portal.services.responses import open_draft, submit_draft_response
from tests.ehcplan.plans import good_plan

VIEWS = (
    "We are glad Aisha's love of drawing is in the plan.\n\n"
    "Section F: one speech and language session a week is not enough; the therapist advised two (F1).\n"
    "The sleep support in H2.1 has not started and D1 understates her anxiety."
)


def text(response) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()))


def test_each_paragraph_goes_to_the_sections_it_names_by_word_or_reference():
    assert sections_named("Section F and section h1 are wrong; see G2, H2.1 and E3") == [
        "E",
        "F",
        "G",
        "H1",
        "H2",
    ]
    assert sections_named("The school is far away, 12 miles") == []
    views = set_against_sections(
        FamilyResponse(dt.datetime(2026, 3, 20, 9, 0), "Alex Morgan", VIEWS, "Riverside Academy")
    )
    assert views.about("") == ["We are glad Aisha's love of drawing is in the plan."]
    assert views.about("F") == [
        "Section F: one speech and language session a week is not enough; the therapist advised two (F1)."
    ]
    assert (
        views.about("H2")
        == views.about("D")
        == ["The sleep support in H2.1 has not started and D1 understates her anxiety."]
    )
    assert views.about("I") == ["The family would like Riverside Academy to be named."]
    assert views.about("B") == []


@pytest.mark.django_db
def test_the_caseworker_reads_the_familys_views_beside_each_section_and_in_what_changed(
    client, child_case, caseworker, parent, family_link
):
    version = start_plan(case=child_case, by=caseworker)
    save_plan(version=version, by=caseworker, plan=good_plan(), reason="Written")
    draft = issue_plan(version=version, by=caseworker, on=dt.date(2026, 3, 16), kind=PlanKind.DRAFT)
    submit_draft_response(
        case=child_case,
        draft=open_draft(child_case),
        by=parent,
        views=VIEWS,
        preferred_setting="Riverside Academy",
    )
    client.force_login(caseworker)
    page = text(client.get(f"/plans/cases/{child_case.case_ref}/"))
    name = parent.full_name
    assert f"The family's response to draft {draft.number}" in page
    assert f"{name} responded on 16 March 2026" in page
    section_f = page.split("Section F: Special educational provision")[1].split("Section G:")[0]
    assert f"What {name} said about section F" in section_f and "the therapist advised two (F1)" in section_f
    section_b = page.split("Section B: Special educational needs")[1].split("Section C:")[0]
    assert "said about section" not in section_b
    section_i = page.split("Section I: Placement")[1].split("Section J:")[0]
    assert "The family would like Riverside Academy to be named." in section_i

    # The next version answers section F but not H2: the page of what changed says which.
    start_plan(case=child_case, by=caseworker)
    newer = draft.case.plan_versions.get(number=2)
    plan = newer.plan()
    plan.provisions[0].how_often = "Twice a week in term time"
    save_plan(version=newer, by=caseworker, plan=plan, reason="Therapy twice a week, as the family asked")
    compare = text(client.get(f"/plans/cases/{child_case.case_ref}/compare/?from=1&to=2"))
    assert "The family's response to draft 1" in compare
    assert re.search(
        r"Section F: Special educational provision .*advised two \(F1\)\. Changed in version 2", compare
    )
    assert re.search(r"Section H2: Other social care provision .*has not started.*? Not changed", compare)
    assert "The plan as a whole" in compare
