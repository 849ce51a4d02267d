"""The quality checks find exactly the defects written into each worked example plan."""

from __future__ import annotations

from datetime import date

from sendtrack.ehcplan.checks import CouncilStandards, check_plan, key_stage_of
from sendtrack.ehcplan.structure import Outcome, Provision
from tests.ehcplan.plans import AS_OF, good_plan, liverpool_plan, unquantified_therapy_plan


def checks_fired(plan, as_of=AS_OF, standards=None):
    return sorted({finding.check for finding in check_plan(plan, as_of, standards)})


def test_the_complete_good_plan_has_no_findings():
    assert check_plan(good_plan(), AS_OF) == []


def test_the_liverpool_plan_makes_the_paediatrician_responsible_for_the_curriculum():
    findings = check_plan(liverpool_plan(), AS_OF)
    assert sorted({f.check for f in findings}) == ["health_responsible_for_education", "vague_wording"]
    liverpool = next(f for f in findings if f.check == "health_responsible_for_education")
    assert (liverpool.section, liverpool.words) == ("G", "curriculum")
    assert "Liverpool" in liverpool.source
    assert [f.words for f in findings if f.check == "vague_wording"] == ["access to"]


def test_unquantified_therapy_says_neither_how_often_nor_how_long():
    findings = check_plan(unquantified_therapy_plan(), AS_OF)
    assert [(f.check, f.section) for f in findings] == [("provision_not_quantified", "F")]
    assert "how often or how long" in findings[0].message
    assert "9.69" in findings[0].source


def test_therapy_written_as_health_provision_belongs_in_f():
    plan = good_plan()
    plan.provisions[2] = Provision(
        "G1",
        "G",
        "sensory_and_physical",
        "Occupational therapy to develop handwriting skills",
        "Occupational therapist",
        "1:1",
        "Fortnightly",
        "40 minutes",
        ["C1"],
        ["E3"],
    )
    findings = check_plan(plan, AS_OF)
    assert [(f.check, f.section, f.words) for f in findings] == [
        ("educates_or_trains_outside_f", "G", "occupational therapy")
    ]
    assert "s.21(5)" in findings[0].source


def test_a_missing_section_and_merged_headings_are_named():
    plan = good_plan()
    del plan.sections["J"]
    plan.merged.append("Section H: Social care provision")
    assert checks_fired(plan) == ["missing_section", "sections_merged"]
    assert [f.section for f in check_plan(plan, AS_OF) if f.check == "missing_section"] == ["J"]


def test_the_golden_thread_broken_three_ways():
    plan = good_plan()
    plan.provisions[1].needs = []  # B2 is now met by nothing
    plan.provisions[1].outcomes = []
    plan.outcomes.append(Outcome("E5", "semh", "By July 2027, Aisha will join 2 after-school clubs.", []))
    assert checks_fired(plan) == [
        "need_without_provision",
        "outcome_without_need",
        "provision_without_outcome",
    ]


def test_vague_wording_is_highlighted_phrase_by_phrase():
    plan = good_plan()
    plan.provisions[1].support = "Regular opportunities to read with an adult as appropriate"
    words = [f.words for f in check_plan(plan, AS_OF) if f.check == "vague_wording"]
    assert words == ["opportunities to", "regular", "as appropriate"]


def test_an_outcome_with_no_time_and_no_measure():
    plan = good_plan()
    plan.outcomes[1].text = "Aisha will make good progress in reading."
    findings = check_plan(plan, AS_OF)
    assert [(f.check, f.words) for f in findings] == [("outcome_not_measurable", plan.outcomes[1].text)]
    assert findings[0].message == (
        "Outcome E2 has no date by which it is to be achieved and no measure of success"
    )


def test_from_year_9_the_plan_prepares_for_adulthood():
    plan = good_plan()
    plan.year_group = 9
    plan.outcomes[0].text = plan.outcomes[0].text.replace("Key Stage 2", "Key Stage 3")
    assert checks_fired(plan) == ["no_preparation_for_adulthood"]
    plan.outcomes[3].text = "By July 2027, Aisha will travel independently to college 3 days a week."
    plan.provisions[3].support = "Independent travel training for the journey to college"
    assert checks_fired(plan) == []


def test_a_plan_not_reviewed_for_12_months_or_naming_a_key_stage_left_behind():
    plan = good_plan()
    plan.last_reviewed_on = date(2025, 10, 1)
    plan.year_group = 7
    findings = check_plan(plan, AS_OF)
    assert [(f.check, f.words) for f in findings] == [
        ("plan_out_of_date", "2025-10-01"),
        ("plan_out_of_date", "Key Stage 2"),
    ]
    assert "30 September 2026" in findings[0].message
    assert [key_stage_of(y) for y in (0, 1, 2, 3, 6, 7, 9, 10, 11, 12)] == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5]


def test_a_final_plan_issued_before_health_confirmed():
    plan = good_plan()
    plan.confirmed["health"] = date(2026, 3, 9)
    del plan.confirmed["social_care"]
    findings = check_plan(plan, AS_OF)
    assert [(f.check, f.words) for f in findings] == [
        ("issued_before_agencies_confirmed", "health"),
        ("issued_before_agencies_confirmed", "social care"),
    ]
    plan.status = "draft"
    assert check_plan(plan, AS_OF) == []


def test_a_council_adds_its_own_standards_as_data():
    standards = CouncilStandards.from_dict({"phrases": ["support from a TA"], "required_fields": ["ratio"]})
    plan = good_plan()
    plan.provisions[1].support = "Support from a TA for reading"
    plan.provisions[2].ratio = ""
    findings = check_plan(plan, AS_OF, standards)
    assert [(f.check, f.words) for f in findings] == [
        ("council_phrase", "support from a ta"),
        ("council_required_field", "the ratio"),
    ]
    assert findings[0].source == "The council's own plan standard"
