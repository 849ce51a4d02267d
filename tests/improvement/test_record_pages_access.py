"""Who may open the staff forms: managers and administrators change; other staff 403; other areas 404."""

from __future__ import annotations

import pytest

RECORD_PAGES = [
    "record-inspection/",
    "link-inspection/",
    "inspections/{inspection}/record-finding/",
    "findings/{finding}/record-revisit-judgement/",
    "record-intervention/",
    "record-measure/",
    "measures/{measure}/record-milestone/",
    "measures/{measure}/record-actual/",
    "record-board/",
    "record-meeting/",
]


@pytest.fixture
def url(plan, inspection, finding, measure, board):
    def build(page: str) -> str:
        return f"/improvement/{plan.pk}/" + page.format(
            inspection=inspection.pk, finding=finding.pk, measure=measure.pk
        )

    return build


@pytest.mark.parametrize("page", RECORD_PAGES)
def test_managers_and_administrators_open_every_form(client, url, manager, administrator, page):
    for user in (manager, administrator):
        client.force_login(user)
        response = client.get(url(page))
        assert response.status_code == 200, user
        assert '<form method="post" novalidate' in response.content.decode()


@pytest.mark.parametrize("page", RECORD_PAGES)
def test_other_staff_of_the_area_are_refused(client, url, read_only_officer, caseworker, page):
    for user in (read_only_officer, caseworker):
        client.force_login(user)
        assert client.get(url(page)).status_code == 403
        assert client.post(url(page), {}).status_code == 403


@pytest.mark.parametrize("page", RECORD_PAGES)
def test_staff_elsewhere_and_parents_get_404(client, url, caseworker_elsewhere, parent, page):
    for user in (caseworker_elsewhere, parent):
        client.force_login(user)
        assert client.get(url(page)).status_code == 404
        assert client.post(url(page), {}).status_code == 404


def test_anothers_areas_inspection_finding_and_measure_are_404_under_this_plan(
    client, plan, manager, other_area
):
    from sendtrack.improvement.models import Finding, Inspection

    elsewhere = Inspection.objects.create(
        local_area=other_area, framework="area_send_2023", started_on="2024-01-08"
    )
    their_finding = Finding.objects.create(local_area=other_area, kind="improvement", text="Theirs")
    client.force_login(manager)
    assert client.get(f"/improvement/{plan.pk}/inspections/{elsewhere.pk}/record-finding/").status_code == 404
    assert client.get(f"/improvement/{plan.pk}/inspections/{elsewhere.pk}/letter/").status_code == 404
    assert (
        client.get(
            f"/improvement/{plan.pk}/findings/{their_finding.pk}/record-revisit-judgement/"
        ).status_code
        == 404
    )


def test_the_overview_readiness_and_meeting_pages_link_the_forms_for_managers_only(
    client, plan, manager, read_only_officer, inspection, meeting
):
    plan.inspection = inspection
    plan.save(update_fields=["inspection"])
    overview = f"/improvement/{plan.pk}/"
    readiness = f"/improvement/{plan.pk}/readiness/"
    meeting_page = f"/improvement/{plan.pk}/meetings/{meeting.pk}/"
    links = {
        overview: ["record-meeting/", "record-board/"],
        readiness: [
            "record-inspection/",
            "link-inspection/",
            f"inspections/{inspection.pk}/record-finding/",
            "record-intervention/",
            "record-measure/",
        ],
        meeting_page: [f"record-meeting/?board={meeting.board.pk}"],
    }
    for user, shown in ((manager, True), (read_only_officer, False)):
        client.force_login(user)
        for page, hrefs in links.items():
            content = client.get(page).content.decode()
            for href in hrefs:
                assert (f'href="/improvement/{plan.pk}/{href}"' in content) is shown, (user, page, href)
