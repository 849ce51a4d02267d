from __future__ import annotations

import html

import pytest
from django.urls import reverse

from sendtrack.accounts.models import Role
from sendtrack.portal.models import QuestionKind, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from sendtrack.portal.services.surveys import submit_survey_response, survey_results
from tests.factories import member


@pytest.fixture
def survey(area):
    survey = Survey.objects.create(
        local_area=area, title="How was your assessment?", we_did="We now phone every family."
    )
    SurveyQuestion.objects.create(
        survey=survey, text="How well did we listen to you?", kind=QuestionKind.SCALE
    )
    SurveyQuestion.objects.create(
        survey=survey, text="Did you know who your caseworker was?", kind=QuestionKind.YES_NO
    )
    SurveyQuestion.objects.create(survey=survey, text="What could we do better?", kind=QuestionKind.TEXT)
    return survey


def answers_for(survey, score, yes):
    questions = list(survey.questions.all())
    return {questions[0].pk: score, questions[1].pk: yes, questions[2].pk: "More calls"}


def test_a_parent_answers_a_survey_about_their_childs_case(client, parent, child_case, family_link, survey):
    client.force_login(parent)
    home = html.unescape(client.get(reverse("portal:family-home")).content.decode())
    assert "How was your assessment?" in home
    questions = list(survey.questions.all())

    response = client.post(
        reverse("portal:answer-survey", args=[child_case.case_ref, survey.pk]),
        {f"q{questions[0].pk}": "4", f"q{questions[1].pk}": "1", f"q{questions[2].pk}": "Call back sooner"},
    )

    assert response.status_code == 302
    stored = SurveyResponse.objects.get()
    assert stored.case == child_case and stored.submitted_by == parent
    assert SurveyAnswer.objects.filter(response=stored).count() == 3
    home = html.unescape(client.get(reverse("portal:family-home")).content.decode())
    assert "How was your assessment?" not in home  # answered


def test_another_parent_cannot_answer_about_a_child_not_theirs(client, other_parent, child_case, survey):
    client.force_login(other_parent)
    assert (
        client.get(reverse("portal:answer-survey", args=[child_case.case_ref, survey.pk])).status_code == 404
    )


def test_results_hide_scores_below_10_answers(survey, parent, child_case):
    for _ in range(9):
        submit_survey_response(survey=survey, by=parent, case=child_case, answers=answers_for(survey, 4, 1))

    results = {r.question.kind: r for r in survey_results(survey)}

    assert results[QuestionKind.SCALE].count_words == "fewer than 10"
    assert results[QuestionKind.SCALE].value == ""


def test_results_show_scores_from_10_answers(survey, parent, child_case):
    for index in range(10):
        submit_survey_response(
            survey=survey,
            by=parent,
            case=child_case,
            answers=answers_for(survey, 5 if index < 5 else 4, 1 if index < 7 else 0),
        )

    results = {r.question.kind: r for r in survey_results(survey)}

    assert results[QuestionKind.SCALE].value == "4.5 out of 5"
    assert results[QuestionKind.YES_NO].value == "70% said yes"


def test_managers_see_results_with_you_said_we_did(client, manager, survey):
    client.force_login(manager)
    page = html.unescape(client.get(reverse("portal:survey-results")).content.decode())

    assert "How was your assessment?" in page
    assert "You said, we did:</strong> We now phone every family." in page


def test_parents_do_not_see_survey_results(client, parent):
    client.force_login(parent)
    assert client.get(reverse("portal:survey-results")).status_code == 404


def test_a_board_member_sees_results(client, council, survey):
    board = member("board2@northbridge.example", Role.BOARD_MEMBER, council)
    client.force_login(board)
    assert client.get(reverse("portal:survey-results")).status_code == 200
