"""Recording a board and its meetings: date, deep-dive theme, papers uploaded or linked."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.improvement.form_fields import WRONG_DOCUMENT_TYPE
from sendtrack.improvement.forms import (
    BOARD_NAME_TAKEN,
    INVALID_PAPERS_URL,
    MEETING_HELD_ON,
    MISSING_BOARD,
    MISSING_BOARD_NAME,
)
from sendtrack.improvement.models import Board, Meeting
from tests.improvement import lancashire
from tests.improvement.conftest import date_parts


@pytest.fixture(autouse=True)
def on_the_day():
    with time_machine.travel(dt.datetime(2019, 7, 1, 12, tzinfo=dt.UTC)):
        yield


def _meeting_form(chosen_board, **overrides):
    return {
        "board": str(chosen_board.pk),
        **date_parts("held_on", 3, 6, 2019),
        "deep_dive_theme": "Preparing for adulthood",
        "deep_dive_workstream": "",
        "papers_url": "",
        **overrides,
    }


def test_with_no_board_the_meeting_page_asks_for_a_board_first(client, plan, manager):
    client.force_login(manager)
    response = client.get(f"/improvement/{plan.pk}/record-meeting/")
    assert response.status_code == 302 and response["Location"] == f"/improvement/{plan.pk}/record-board/"

    assert client.post(f"/improvement/{plan.pk}/record-board/", {"name": ""}).context["form"].errors[
        "name"
    ] == [MISSING_BOARD_NAME]
    response = client.post(f"/improvement/{plan.pk}/record-board/", {"name": "SEND Partnership Board"})
    assert response["Location"] == f"/improvement/{plan.pk}/record-meeting/"
    board = Board.objects.get()
    assert board.local_area == plan.local_area
    assert AuditEvent.objects.get(verb=AuditVerb.BOARD_RECORDED).subject_id == str(board.pk)


def test_a_boards_name_is_not_used_twice_in_an_area(client, plan, manager, board):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-board/", {"name": "send partnership board"})
    assert response.context["form"].errors["name"] == [BOARD_NAME_TAKEN]


def test_a_manager_records_a_meeting_with_its_papers(
    client, plan, manager, read_only_officer, caseworker_elsewhere, board
):
    client.force_login(manager)
    workstream = plan.workstreams.get(name=lancashire.AMBITIONS[3])
    papers = SimpleUploadedFile("papers.docx", b"PK board papers", content_type="application/octet-stream")
    response = client.post(
        f"/improvement/{plan.pk}/record-meeting/",
        _meeting_form(board, deep_dive_workstream=str(workstream.pk), papers=papers),
    )

    meeting = Meeting.objects.get()
    assert response["Location"] == f"/improvement/{plan.pk}/meetings/{meeting.pk}/"
    assert (meeting.board, meeting.held_on, meeting.deep_dive_workstream) == (
        board,
        dt.date(2019, 6, 3),
        workstream,
    )
    event = AuditEvent.objects.get(verb=AuditVerb.MEETING_RECORDED)
    assert (event.local_area, event.detail["papers"], event.detail["held_on"]) == (
        plan.local_area,
        True,
        "2019-06-03",
    )

    client.force_login(read_only_officer)
    page = client.get(response["Location"]).content.decode()
    assert "SEND Partnership Board, 3 June 2019" in page and "Preparing for adulthood" in page
    download = client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/papers/")
    assert b"".join(download.streaming_content) == b"PK board papers"
    client.force_login(caseworker_elsewhere)
    assert client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/papers/").status_code == 404


def test_papers_may_be_a_link_instead(client, plan, manager, board):
    client.force_login(manager)
    client.post(
        f"/improvement/{plan.pk}/record-meeting/",
        _meeting_form(board, papers_url="https://northbridge.example/board/2019-06"),
    )
    meeting = Meeting.objects.get()
    assert meeting.papers_url == "https://northbridge.example/board/2019-06"
    assert client.get(f"/improvement/{plan.pk}/meetings/{meeting.pk}/papers/").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"board": ""}, "board", MISSING_BOARD),
        (date_parts("held_on", "", "", ""), "held_on", MEETING_HELD_ON.missing),
        (date_parts("held_on", 3, "", 2019), "held_on", MEETING_HELD_ON.incomplete("month")),
        ({"papers_url": "not a link"}, "papers_url", INVALID_PAPERS_URL),
        ({"papers": SimpleUploadedFile("papers.html", b"<html>")}, "papers", WRONG_DOCUMENT_TYPE),
    ],
)
def test_each_mistake_in_a_meeting_is_named(client, plan, manager, board, overrides, field, message):
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-meeting/", _meeting_form(board, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not Meeting.objects.exists()


def test_another_areas_board_cannot_be_chosen(client, plan, manager, board, other_area):
    theirs = Board.objects.create(local_area=other_area, name="Southmoor Board")
    client.force_login(manager)
    response = client.post(f"/improvement/{plan.pk}/record-meeting/", _meeting_form(theirs))
    assert response.context["form"].errors["board"] == [MISSING_BOARD]
