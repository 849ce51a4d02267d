from __future__ import annotations

import datetime as dt
import html

from django.urls import reverse
from django.utils import timezone

from sendtrack.casework.models import Case, Milestone, Person
from sendtrack.improvement.models import ImprovementPlan, PlanVersion
from sendtrack.portal.models import Survey


def plans_issued(area, *, on_time: int, late: int) -> None:
    """Cases whose final plan was issued in 2025, on time or late."""
    for index in range(on_time + late):
        person = Person.objects.create(local_area=area, ref=f"Q{index}", given_name=f"Child{index}")
        case = Case.objects.create(local_area=area, person=person, case_ref=f"Q-{index}")
        Milestone.objects.create(
            case=case,
            local_area=area,
            rule="final_plan",
            rule_name="final_plan",
            start=dt.date(2025, 1, 6),
            due=dt.date(2025, 5, 26),
            completed=dt.date(2025, 5, 20) if index < on_time else dt.date(2025, 6, 30),
            status="met" if index < on_time else "late",
            basis="statute",
            citation="SEND Regulations 2014, reg. 13(2)",
            explanation="",
        )


def public_page(client, area):
    response = client.get(reverse("portal:public-area", args=[area.code]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_anyone_can_open_the_page_without_signing_in(client, area):
    assert "How the SEND partnership is doing" in public_page(client, area)


def test_small_numbers_are_shown_as_fewer_than_10_and_no_child_is_named(client, area, child_case):
    plans_issued(area, on_time=6, late=2)

    page = public_page(client, area)

    assert "fewer than 10" in page
    assert "Not shown (too few to publish)" in page
    assert "75%" not in page
    for name in ("Lily", "Brown", "Child0", "NB-0001", "Q-0"):
        assert name not in page


def test_a_share_is_shown_when_both_counts_are_10_or_more(client, area):
    plans_issued(area, on_time=12, late=4)

    page = public_page(client, area)

    assert ">16<" in page.replace(" ", "")
    assert "75%" in page


def test_a_share_is_hidden_when_fewer_than_10_were_on_time(client, area):
    plans_issued(area, on_time=5, late=20)

    page = public_page(client, area)

    assert ">25<" in page.replace(" ", "")
    assert "20%" not in page


def test_published_improvement_plans_are_listed(client, area, manager):
    plan = ImprovementPlan.objects.create(local_area=area, name="Northbridge SEND improvement plan")
    PlanVersion.objects.create(
        plan=plan,
        number=2,
        published_at=timezone.now(),
        published_by=manager,
        snapshot={"actions": [{"ref": "1.1"}, {"ref": "1.2"}]},
    )
    ImprovementPlan.objects.create(local_area=area, name="A draft nobody may see yet")

    page = public_page(client, area)

    assert "Northbridge SEND improvement plan" in page
    assert "version 2" in page and "2 actions" in page
    assert f"/improvement/public/{area.code}/{plan.pk}/" in page
    assert "A draft nobody may see yet" not in page


def test_an_unknown_area_is_not_found(client, db):
    assert client.get(reverse("portal:public-area", args=["000"])).status_code == 404


def test_you_said_we_did_is_shown(client, area):
    Survey.objects.create(
        local_area=area, title="After your plan", we_did="We now call every family in week 6."
    )

    assert "We now call every family in week 6." in public_page(client, area)
