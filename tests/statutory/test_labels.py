"""Every code has one plain-English label, and events read as sentences."""

from __future__ import annotations

from datetime import date

import pytest

from sendtrack.statutory import labels
from sendtrack.statutory.events import CHOICES, EVENT_TYPES
from sendtrack.statutory.flags import FLAG_CODES
from sendtrack.statutory.rules import ADVISERS, EXCEPTION_REASONS, RULE_ORDER


@pytest.mark.parametrize(
    ("codes", "table"),
    [
        (RULE_ORDER, labels.RULE_LABELS),
        (EVENT_TYPES, labels.EVENT_LABELS),
        (tuple(EXCEPTION_REASONS), labels.EXCEPTION_LABELS),
        (tuple(ADVISERS), labels.AGENCY_LABELS),
        (FLAG_CODES, labels.FLAG_LABELS),
        (("met", "late", "overdue", "pending", "not_applicable"), labels.STATUS_LABELS),
        (CHOICES["request_received"]["source"], labels.SOURCE_LABELS),
        (CHOICES["phase_transfer"]["kind"], labels.TRANSFER_KIND_LABELS),
        (CHOICES["mediation"]["about"], labels.CHALLENGE_ABOUT_LABELS),
        (CHOICES["advice_requested"]["setting_type"], labels.SETTING_TYPE_LABELS),
    ],
)
def test_every_code_has_a_label_in_words(codes, table):
    for code in codes:
        label = table[code]
        assert label and "_" not in label and ":" not in label, (code, label)


def test_every_outcome_has_a_choice_label_and_a_sentence():
    for event_type, fields in CHOICES.items():
        for outcome in fields.get("outcome", ()):
            assert labels.OUTCOME_LABELS[event_type][outcome]
            assert labels.OUTCOME_SENTENCES[(event_type, outcome)].startswith("Decided")


def test_lists_are_joined_in_words():
    assert labels.join_words([]) == ""
    assert labels.join_words(["education"]) == "education"
    assert labels.join_words(["education", "health"]) == "education and health"
    assert labels.join_words(["education", "health", "social care"]) == "education, health and social care"
    assert labels.agencies_in_words(["education", "health", "social_care"]) == (
        "education, health and social care"
    )


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("administrator", "an administrator"),
        ("caseworker", "a caseworker"),
        ("educational psychologist", "an educational psychologist"),
        ("SEND manager", "a SEND manager"),
        ("NHS trust", "an NHS trust"),
        ("user", "a user"),
    ],
)
def test_the_article_fits_the_word(noun, expected):
    assert labels.with_article(noun) == expected


def test_milestones_are_named_by_service_and_organisation():
    assert labels.milestone_label("assessment_decision") == "Decision whether to assess"
    assert labels.milestone_label("advice:education") == "Education advice"
    assert labels.milestone_label("advice:social_care", "Northbridge Council") == (
        "Social care advice from Northbridge Council"
    )
    assert labels.milestone_label("advice:educational_psychology", "Northbridge Council") == (
        "Educational psychology advice from Northbridge Council"
    )
    assert labels.milestone_label("setting_response:117873", "Oakfield Primary School") == (
        "Reply from Oakfield Primary School"
    )
    assert labels.milestone_label("setting_response:117873") == "Reply from the setting with URN 117873"


def test_a_consulted_setting_is_named_in_the_explanation():
    explanation = (
        "Due by the end of 8 December 2026: 15 days from consulting setting 117873 on 23 November 2026."
    )
    assert labels.name_setting(explanation, "setting_response:117873", "Oakfield Primary School") == (
        "Due by the end of 8 December 2026: 15 days from consulting Oakfield Primary School "
        "on 23 November 2026."
    )
    assert labels.name_setting(explanation, "setting_response:117873", "") == explanation


@pytest.mark.parametrize(
    ("event_type", "fields", "sentence"),
    [
        (
            "assessment_decision",
            {"outcome": "assess", "panel": ["education", "health", "social_care"]},
            "Decided to assess: panel with education, health and social care",
        ),
        ("plan_decision", {"outcome": "refuse"}, "Decided not to issue a plan"),
        (
            "plan_decision",
            {"outcome": "issue", "panel": []},
            "Decided to issue a plan: no agencies recorded on the panel",
        ),
        (
            "advice_requested",
            {"from": "education", "setting_type": "school", "to": "117873"},
            "Education advice requested from Oakfield Primary School",
        ),
        (
            "advice_requested",
            {"from": "education", "setting_type": "early_years"},
            "Education advice requested from the early years provider",
        ),
        (
            "advice_requested",
            {"from": "health", "to": "NHS Trust", "received": date(2026, 3, 2)},
            "Health advice requested from NHS Trust, received on 2 March 2026",
        ),
        ("advice_received", {"from": "social_care"}, "Social care advice received"),
        (
            "request_received",
            {"source": "young_person"},
            "Request for assessment received from the young person",
        ),
        ("setting_consulted", {"setting": "117873"}, "Consulted Oakfield Primary School"),
        ("setting_responded", {"setting": "999999"}, "The setting with URN 999999 responded"),
        ("final_plan_issued", {"setting": "117873"}, "Final plan issued, naming Oakfield Primary School"),
        ("review_decision", {"outcome": "maintain"}, "Decided to keep the plan as it is"),
        ("phase_transfer", {"kind": "post16"}, "Phase transfer: secondary school to post-16"),
        (
            "tribunal_appeal",
            {"about": "plan_content"},
            "Tribunal appeal registered, about what the plan says",
        ),
        (
            "exception",
            {"reason": "absence_from_area", "applies_to": ["assessment_decision", "advice:health"]},
            "Exception to the time limits: absence from the area for 4 weeks or more, "
            "for decision whether to assess and health advice",
        ),
        ("plan_ceased", {"reason": "Moved out of the area"}, "Plan ceased: Moved out of the area"),
        ("removed", {}, "Event removed"),
    ],
)
def test_events_read_as_sentences(event_type, fields, sentence):
    assert labels.describe_event(event_type, fields, {"117873": "Oakfield Primary School"}) == sentence


def test_every_event_type_reads_without_codes():
    for event_type in EVENT_TYPES:
        sentence = labels.describe_event(event_type, {})
        assert sentence and "_" not in sentence, event_type


def test_family_members_are_described_by_their_relationship():
    assert labels.family_role_label(["young_person"]) == "Young person"
    assert labels.family_role_label(["parent"]) == "Parent"
    assert labels.family_role_label(["carer", "parent"]) == "Parent and carer"
    assert labels.family_role_label([]) == "Family member"
