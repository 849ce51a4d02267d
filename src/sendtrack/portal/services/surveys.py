"""Short surveys families answer, and their results as measures ("you said, we did").

Results are counts and averages; any count below SMALL_NUMBER is shown as "fewer than 10" and its
average left out, so no answer can be traced to a family.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Avg, Count, Q

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case
from sendtrack.core.disclosure import SMALL_NUMBER, count_words
from sendtrack.portal.models import (
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyMoment,
    SurveyQuestion,
    SurveyResponse,
)


def surveys_for_family(*, user: User, cases: list[Case]) -> list[tuple[Survey, Case]]:
    """Open surveys of the cases' areas this family member has not answered about that case."""
    if not cases:
        return []
    answered = set(
        SurveyResponse.objects.filter(submitted_by=user, case__in=cases).values_list("survey_id", "case_id")
    )
    surveys = list(Survey.objects.filter(is_open=True, local_area_id__in={c.local_area_id for c in cases}))
    found = []
    for case in cases:
        for survey in surveys:
            if survey.local_area_id != case.local_area_id or (survey.pk, case.pk) in answered:
                continue
            if survey.moment == SurveyMoment.PLAN_ISSUED and case.stage != "final_issued":
                continue
            found.append((survey, case))
    return found


@transaction.atomic(durable=True)
def submit_survey_response(
    *, survey: Survey, by: User, case: Case | None, answers: Mapping[int, int | str | None]
) -> SurveyResponse:
    """Store one family's answers: `answers` maps question id to a score (int) or words (str)."""
    response = SurveyResponse.objects.create(survey=survey, case=case, submitted_by=by)
    rows = []
    for question in survey.questions.all():
        value = answers.get(question.pk)
        if value is None or value == "":
            continue
        if question.kind == QuestionKind.TEXT:
            rows.append(SurveyAnswer(response=response, question=question, text=str(value)))
        else:
            rows.append(SurveyAnswer(response=response, question=question, score=int(value)))
    SurveyAnswer.objects.bulk_create(rows)
    return response


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answers: int
    value: str  # "4.2 out of 5", "73% said yes", or "" when suppressed or a text question

    @property
    def count_words(self) -> str:
        return count_words(self.answers)


def survey_results(survey: Survey) -> list[QuestionResult]:
    questions = survey.questions.annotate(
        answered=Count("answers", filter=Q(answers__score__isnull=False) | ~Q(answers__text="")),
        average=Avg("answers__score"),
    )
    results = []
    for question in questions:
        value = ""
        if question.answered >= SMALL_NUMBER and question.average is not None:
            average = Decimal(str(question.average))
            if question.kind == QuestionKind.SCALE:
                value = f"{average.quantize(Decimal('0.1'), ROUND_HALF_UP)} out of 5"
            elif question.kind == QuestionKind.YES_NO:
                value = f"{(average * 100).quantize(Decimal('1'), ROUND_HALF_UP)}% said yes"
        results.append(QuestionResult(question, question.answered, value))
    return results


def survey_measures(area: LocalArea) -> list[tuple[Survey, list[QuestionResult]]]:
    """For the dashboard: every survey of the area with its scored questions' results."""
    found = []
    for survey in (
        Survey.objects.filter(local_area=area).select_related("action").prefetch_related("questions")
    ):
        scored = [r for r in survey_results(survey) if r.question.kind != QuestionKind.TEXT]
        found.append((survey, scored))
    return found
