"""A plan's overall grade is the weighted mean of its section grades; agreement counts matching sections."""

from __future__ import annotations

from sendtrack.ehcplan.grading import agreement, overall_grade, plan_grade


def test_the_overall_grade_weights_sections_as_the_council_sets():
    grades = {"E": "inadequate", "F": "good", "A": "good"}
    assert overall_grade(grades) == "requires_improvement"  # (1 + 3 + 3) / 3 = 2.33
    assert overall_grade(grades, {"F": 4}) == "good"  # (1 + 12 + 3) / 6 = 2.67
    assert overall_grade(grades, {"E": 4}) == "requires_improvement"  # (4 + 3 + 3) / 6 = 1.67
    assert overall_grade({}) is None


def test_agreement_is_the_share_of_sections_two_auditors_graded_alike():
    education = {"B": "good", "F": "good", "E": "requires_improvement"}
    health = {"C": "inadequate", "F": "good", "E": "good", "G": "inadequate"}
    result = agreement([education, health])
    assert (result.sections_compared, result.sections_agreed) == (2, 1)
    assert result.share == 0.5
    assert agreement([education]).share is None


def test_the_plan_grade_averages_auditors_before_weighting():
    assert plan_grade([{"F": "outstanding"}, {"F": "requires_improvement"}]) == "good"
    assert plan_grade([{"F": "inadequate", "G": "inadequate"}, {"F": "requires_improvement"}]) == "inadequate"
