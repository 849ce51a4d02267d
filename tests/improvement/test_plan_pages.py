"""Staff pages of a plan: who sees them, the summary, filters, exceptions, timeline, readiness."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import time_machine

from sendtrack.improvement.models import Inspection, InspectionFramework
from tests.improvement import lancashire

PAGES = ["", "progress/", "actions/", "actions/1.1/", "exceptions/", "timeline/", "readiness/", "export/"]


@pytest.fixture
def on_the_day():
    with time_machine.travel(dt.datetime(2019, 5, 16, 12, tzinfo=dt.UTC)):
        yield


@pytest.mark.parametrize("page", PAGES)
def test_staff_of_the_area_see_every_page(client, plan, read_only_officer, page):
    client.force_login(read_only_officer)
    assert client.get(f"/improvement/{plan.pk}/{page}").status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_staff_elsewhere_and_parents_get_404(client, plan, caseworker_elsewhere, parent, page):
    for user in (caseworker_elsewhere, parent):
        client.force_login(user)
        assert client.get(f"/improvement/{plan.pk}/{page}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    response = client.get(f"/improvement/{plan.pk}/")
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_the_overview_opens_with_the_summary_sentence(client, plan, manager, on_the_day):
    client.force_login(manager)
    page = client.get(f"/improvement/{plan.pk}/").content.decode()
    assert lancashire.SENTENCE in page
    assert page.index(lancashire.SENTENCE) < page.index(
        '<h2 class="govuk-heading-m">Progress by finding</h2>'
    )


def test_the_plan_list_shows_only_the_areas_plans(client, plan, caseworker_elsewhere, manager):
    client.force_login(caseworker_elsewhere)
    assert plan.name not in client.get("/improvement/").content.decode()
    client.force_login(manager)
    assert plan.name in client.get("/improvement/").content.decode()


@pytest.mark.parametrize(
    "query, count",
    [
        ("status=at_risk", 1),
        ("rag=blue", 14),
        ("overdue=on", 12),
        ("late_to_start=on", 9),
        ("organisation=Parent+Carer+Forum", 16),
        ("status=not_started&late_to_start=on", 9),
    ],
)
def test_the_action_list_filters(client, plan, manager, on_the_day, query, count):
    client.force_login(manager)
    response = client.get(f"/improvement/{plan.pk}/actions/?{query}")
    assert len(response.context["actions"]) == count


def test_the_filtered_action_list_exports_what_it_shows(client, plan, manager, on_the_day):
    client.force_login(manager)
    response = client.get(f"/improvement/{plan.pk}/actions/?overdue=on&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert len(response.content.decode().strip().splitlines()) == 1 + 12


def test_the_action_list_makes_a_fixed_number_of_queries(
    client, plan, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    # Guards against a query per action for its finding or workstream.
    with django_assert_max_num_queries(15):
        client.get(f"/improvement/{plan.pk}/actions/")


def test_the_exception_report_groups_red_overdue_and_late_actions_by_owner(client, plan, manager, on_the_day):
    client.force_login(manager)
    groups = client.get(f"/improvement/{plan.pk}/exceptions/").context["groups"]
    listed = {a.ref for _, actions in groups for a in actions}
    assert len(listed) == 9 + 12  # late to start, and past due (the red one is past due)
    assert [owner for owner, _ in groups] == sorted(owner for owner, _ in groups)


def test_the_timeline_has_its_data_and_a_table(client, plan, manager):
    client.force_login(manager)
    page = client.get(f"/improvement/{plan.pk}/timeline/").content.decode()
    assert 'id="timeline-data" type="application/json"' in page
    assert "Planned and actual dates" in page
    assert "<script>" not in page


def test_readiness_shows_each_finding_with_its_actions_and_the_intervention_end(client, plan, manager, area):
    from sendtrack.improvement.models import Intervention

    Intervention.objects.create(
        local_area=area,
        kind="improvement_notice",
        issued_on=dt.date(2019, 6, 14),
        published_on=dt.date(2019, 7, 25),
        minimum_months=18,
    )
    client.force_login(manager)
    page = client.get(f"/improvement/{plan.pk}/readiness/").content.decode()
    assert lancashire.WEAKNESSES[0] in page
    assert "can end from 14 December 2020" in page


def test_the_import_page_shows_the_dry_run_before_writing(client, area, manager, plan_xlsx):
    from sendtrack.improvement.models import Action

    client.force_login(manager)
    with open(plan_xlsx, "rb") as file:
        response = client.post(
            "/improvement/import/", {"plan_name": "Uploaded", "kind": "improvement_plan", "file": file}
        )
    assert "Would import 94 actions into Uploaded: 94 new" in response.content.decode()
    assert not Action.objects.exists()
    response = client.post("/improvement/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert Action.objects.filter(plan__name="Uploaded").count() == 94


def test_the_import_page_lists_every_problem(client, area, manager, tmp_path):
    rows = lancashire.plan_rows()[:3]
    rows[1]["Progress status"] = "Paused"
    path = tmp_path / "bad.xlsx"
    lancashire.write_xlsx(path, rows)
    client.force_login(manager)
    with open(path, "rb") as file:
        page = client.post(
            "/improvement/import/", {"plan_name": "Bad", "kind": "improvement_plan", "file": file}
        ).content.decode()
    assert "Paused" in page and "I (Progress status)" in page and "nothing has been saved" in page


def test_only_managers_may_import(client, read_only_officer):
    client.force_login(read_only_officer)
    assert client.get("/improvement/import/").status_code == 403


def test_the_plan_overview_keeps_the_capital_of_the_inspection_month(client, plan, manager, area):
    plan.inspection = Inspection.objects.create(
        local_area=area,
        framework=InspectionFramework.LOCAL_AREA_SEND_2016,
        started_on=dt.date(2021, 3, 8),
        ended_on=dt.date(2021, 3, 12),
        outcome="Written statement of action required",
    )
    plan.save(update_fields=["inspection"])
    client.force_login(manager)

    page = html.unescape(client.get(f"/improvement/{plan.pk}/").content.decode())

    assert "starting 8 March 2021" in page and "8 march 2021" not in page
