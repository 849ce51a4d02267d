"""The one plain-English label of every code people meet: rules, events, outcomes, statuses,
agencies, exceptions, flags and roles, and the small functions that turn an event into a sentence.

The codes themselves (docs/spec/case-events.md) never change; every page, export, report and API display
field reads its words from here, so a label is changed in one place. Family pages say the same
things more gently (portal/words_renderer.py) and take the names of things from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sendtrack.statutory.dates import format_date
from sendtrack.statutory.events import EVENT_TYPES
from sendtrack.statutory.rules import ADVISERS, EXCEPTION_REASONS, RULE_ORDER

# The statutory time limits, by rule name (rules.py).
RULE_LABELS: Mapping[str, str] = {
    "assessment_decision": "Decision whether to assess",
    "advice": "Advice",
    "plan_decision_refusal": "Notice if no plan will be issued",
    "final_plan": "Final plan issued",
    "setting_response": "Reply from the setting consulted",
    "review_decision": "Decision after the review meeting",
    "amendment_notice": "Proposed amendments sent after the review",
    "amended_plan": "Amended plan issued",
    "annual_review": "Annual review meeting",
    "phase_transfer_review": "Phase transfer review",
}

# Milestone statuses (docs/spec/case-events.md §2).
STATUS_LABELS: Mapping[str, str] = {
    "met": "Met",
    "late": "Late",
    "overdue": "Overdue",
    "pending": "Not due yet",
    "not_applicable": "No longer applies",
}

# The agencies that give advice and sit on panels, by the case files' `from` and `panel` codes.
AGENCY_LABELS: Mapping[str, str] = {code: words[:1].upper() + words[1:] for code, words in ADVISERS.items()}

# The kinds of document kept on a child's record (casework.CaseDocument.kind).
DOCUMENT_KIND_LABELS: Mapping[str, str] = {
    "advice": "Advice",
    "draft_plan": "Draft plan",
    "final_plan": "Final plan",
    "decision_letter": "Decision letter",
    "review": "Review paperwork",
    "other": "Other",
}


def document_kind_label(kind: str, agency: str = "") -> str:
    """ "Advice from health", "Final plan": a document's kind in words."""
    words = DOCUMENT_KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
    if kind == "advice" and agency:
        return f"{words} from {ADVISERS.get(agency, agency.replace('_', ' '))}"
    return words


# Who a milestone waits on, by the engine's `waiting_on` (a setting's URN is named by the caller).
WAITING_ON_LABELS: Mapping[str, str] = {
    "local authority": "The local authority",
    **{words: AGENCY_LABELS[code] for code, words in ADVISERS.items()},
}

EVENT_LABELS: Mapping[str, str] = {
    "request_received": "Request for assessment received",
    "assessment_decision": "Decision whether to assess",
    "advice_requested": "Advice requested",
    "advice_received": "Advice received",
    "plan_decision": "Decision whether to issue a plan",
    "draft_plan_issued": "Draft plan issued",
    "setting_consulted": "Setting consulted",
    "setting_responded": "Setting responded",
    "final_plan_issued": "Final plan issued",
    "exception": "Exception to the time limits",
    "review_meeting": "Annual review meeting held",
    "review_decision": "Decision after review",
    "amendment_notice": "Amendment notice sent",
    "amended_plan_issued": "Amended plan issued",
    "amendment_withdrawn": "Amendments withdrawn",
    "phase_transfer": "Phase transfer",
    "plan_ceased": "Plan ceased",
    "request_withdrawn": "Request withdrawn",
    "mediation": "Mediation started",
    "tribunal_appeal": "Tribunal appeal registered",
}
REMOVED_EVENT_LABEL = "Event removed"

# Each decision's outcomes: the label of the choice, and the sentence of the event.
OUTCOME_LABELS: Mapping[str, Mapping[str, str]] = {
    "assessment_decision": {"assess": "Assess", "refuse": "Refuse to assess"},
    "plan_decision": {"issue": "Issue a plan", "refuse": "Refuse to issue a plan"},
    "review_decision": {
        "maintain": "Maintain the plan",
        "amend": "Amend the plan",
        "cease": "Cease the plan",
    },
}
OUTCOME_SENTENCES: Mapping[tuple[str, str], str] = {
    ("assessment_decision", "assess"): "Decided to assess",
    ("assessment_decision", "refuse"): "Decided not to assess",
    ("plan_decision", "issue"): "Decided to issue a plan",
    ("plan_decision", "refuse"): "Decided not to issue a plan",
    ("review_decision", "maintain"): "Decided to keep the plan as it is",
    ("review_decision", "amend"): "Decided to amend the plan",
    ("review_decision", "cease"): "Decided to cease the plan",
}

# Who asked for an assessment (`source`): a label that also reads after "from".
SOURCE_LABELS: Mapping[str, str] = {
    "parent": "A parent",
    "young_person": "The young person",
    "school": "The school or college",
    "health": "Health",
    "social_care": "Social care",
    "other": "Someone else",
}
SETTING_TYPE_LABELS: Mapping[str, str] = {
    "school": "school",
    "post16": "post-16 institution",
    "early_years": "early years provider",
}
TRANSFER_KIND_LABELS: Mapping[str, str] = {
    "school": "Between schools",
    "post16": "Secondary school to post-16",
    "post16_to_post16": "Between post-16 institutions",
}
CHALLENGE_ABOUT_LABELS: Mapping[str, str] = {
    "assessment_refusal": "Refusal to assess",
    "plan_refusal": "Refusal to issue a plan",
    "plan_content": "What the plan says",
    "other": "Something else",
}


def _at_least(reason: str) -> str:
    return f"{EXCEPTION_REASONS[reason].min_days // 7} weeks or more"


def _between(reason: str) -> str:
    first, last = EXCEPTION_REASONS[reason].earliest, EXCEPTION_REASONS[reason].latest
    assert first is not None and last is not None
    return f"{first.day} {first:%B} to {format_date(last)}"


# Minimum lengths and dates come from the reasons in rules.py.
EXCEPTION_LABELS: Mapping[str, str] = {
    "exceptional_personal_circumstances": "Exceptional personal circumstances",
    "absence_from_area": f"Absence from the area for {_at_least('absence_from_area')}",
    "school_closure": f"School or college closed for {_at_least('school_closure')}",
    "early_years_closure": f"Early years provider closed for {_at_least('early_years_closure')}",
    "missed_appointment": "Missed appointment",
    "coronavirus_2020": f"Coronavirus ({_between('coronavirus_2020')})",
    "recorded_in_sen2": "Recorded in SEN2 (the return gave no reason)",
}

# What an import brought in, by stage (interchange/import_counts.py), as the reconciliation page names it.
IMPORT_STAGE_LABELS: Mapping[str, str] = {
    "requests": "Requests for an assessment received",
    "decided_to_assess": "Decisions to assess",
    "refused_to_assess": "Decisions not to assess",
    "plans_issued": "Final plans issued",
    "refused_to_issue": "Decisions not to issue a plan",
    "withdrawn": "Requests withdrawn",
    "plans_ceased": "Plans ceased",
}

# Integrity flags (flags.py), as a manager's list names them.
FLAG_LABELS: Mapping[str, str] = {
    "final_before_advice": "Final plan issued before all advice arrived",
    "short_draft_period": "Family given less time than the law allows to comment on the draft",
    "review_without_decision": "No decision after a review meeting",
    "decision_without_panel": "Decision made without a full panel",
    "no_social_care_advice": "No social care advice asked for",
    "mediation_or_appeal": "Mediation or appeal before the final plan",
}

# People's roles (accounts.Role) and family members' relationships (casework.FamilyLink).
ROLE_LABELS: Mapping[str, str] = {
    "caseworker": "Caseworker",
    "send_manager": "SEND manager",
    "health_advisor": "Health advisor",
    "designated_clinical_officer": "Designated clinical officer",
    "social_worker": "Social worker",
    "educational_psychologist": "Educational psychologist",
    "setting_senco": "Setting SENCO",
    "board_member": "Board member",
    "parent": "Parent or carer",
    "administrator": "Administrator",
}
RELATIONSHIP_LABELS: Mapping[str, str] = {
    "parent": "Parent",
    "carer": "Carer",
    "young_person": "Young person",
}

_VOWEL_SOUNDS = ("a", "e", "i", "o", "u")
# Words whose first letter does not give their article ("an NHS trust", "a unit"); SEND and SENCO
# are said as words, so they take "a".
_AN_BEFORE = ("ehc", "nhs", "hour", "honest")
_A_BEFORE = ("uni", "use", "one", "euro")


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """ "education, health and social care"; "" for none."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def with_article(noun: str) -> str:
    """ "an administrator", "a caseworker", "a SEND manager", "an NHS trust"."""
    first = noun.split(" ", 1)[0].lower()
    if first.startswith(_AN_BEFORE):
        return f"an {noun}"
    if first.startswith(_A_BEFORE):
        return f"a {noun}"
    return f"{'an' if first.startswith(_VOWEL_SOUNDS) else 'a'} {noun}"


def lower_first(text: str) -> str:
    """ "Social care" -> "social care", leaving "SEND manager" and "NHS" alone."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def agency_label(code: str) -> str:
    return AGENCY_LABELS.get(code, code.replace("_", " ").capitalize())


def agencies_in_words(codes: Iterable[str]) -> str:
    """ "education, health and social care" from panel codes."""
    return join_words(lower_first(agency_label(code)) for code in codes)


def rule_label(rule_name: str) -> str:
    return RULE_LABELS.get(rule_name, rule_name.replace("_", " ").capitalize())


def milestone_label(rule_key: str, organisation: str = "") -> str:
    """A milestone's title from its `rule` key ("advice:education", "setting_response:100965").

    `organisation` is the body asked for advice or the setting consulted, when known: "Education
    advice from Oakfield Primary School", "Reply from Riverside Academy".
    """
    name, _, detail = rule_key.partition(":")
    if name == "advice":
        service = agency_label(detail) if detail else "Advice"
        title = f"{service} advice" if detail else service
        return f"{title} from {organisation}" if organisation else title
    if name == "setting_response":
        if organisation:
            return f"Reply from {organisation}"
        return f"Reply from the setting with URN {detail}" if detail else rule_label(name)
    return rule_label(name)


def name_setting(explanation: str, rule_key: str, organisation: str) -> str:
    """The engine's explanation of a consultation ("consulting setting 100965 on ...") with the
    setting named: "consulting Riverside Academy on ..."."""
    name, _, detail = rule_key.partition(":")
    if name != "setting_response" or not detail or not organisation:
        return explanation
    return explanation.replace(f"setting {detail}", organisation)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())


def waiting_on_label(waiting_on: str, names: Mapping[str, str] | None = None) -> str:
    """Who must act: "The local authority", "Health", or a setting by name (its URN if unknown)."""
    if waiting_on in WAITING_ON_LABELS:
        return WAITING_ON_LABELS[waiting_on]
    if names and waiting_on in names:
        return names[waiting_on]
    return f"The setting with URN {waiting_on}" if waiting_on.isdigit() else waiting_on


def event_label(event_type: str) -> str:
    if event_type == "removed":
        return REMOVED_EVENT_LABEL
    return EVENT_LABELS.get(event_type, event_type.replace("_", " ").capitalize())


def flag_label(code: str) -> str:
    return FLAG_LABELS.get(code, code.replace("_", " ").capitalize())


def exception_label(reason: str) -> str:
    return EXCEPTION_LABELS.get(reason, reason.replace("_", " ").capitalize())


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())


def family_role_label(relationships: Iterable[str]) -> str:
    """How a family account is described: by its relationship to the child, never as a parent by default.

    A young person is "Young person"; someone who is a parent of one child and carer of another is
    "Parent and carer"; an account linked to no child yet is "Family member".
    """
    found = [RELATIONSHIP_LABELS[r] for r in RELATIONSHIP_LABELS if r in set(relationships)]
    if not found:
        return "Family member"
    return found[0] + "".join(f" and {lower_first(word)}" for word in found[1:])


def _named(value: Any, names: Mapping[str, str]) -> str:
    text = str(value).strip()
    if text in names:
        return names[text]
    return f"the setting with URN {text}" if text.isdigit() else text


def outcome_sentence(event_type: str, outcome: str) -> str:
    """ "Decided to assess"; the event's label when the outcome is not known."""
    return OUTCOME_SENTENCES.get((event_type, outcome), event_label(event_type))


def _outcome(event_type: str, fields: Mapping[str, Any]) -> str:
    return outcome_sentence(event_type, str(fields.get("outcome", "")))


def _panel(fields: Mapping[str, Any]) -> str:
    panel = fields.get("panel")
    if panel is None:
        return ""
    if not panel:
        return ": no agencies recorded on the panel"
    return f": panel with {agencies_in_words(panel)}"


def _about(fields: Mapping[str, Any]) -> str:
    about = fields.get("about")
    if not about:
        return ""
    return f", about {lower_first(CHALLENGE_ABOUT_LABELS.get(str(about), str(about)))}"


def _rules_in_words(keys: Iterable[str]) -> str:
    return join_words(lower_first(milestone_label(str(key))) for key in keys)


# Events read as their label qualified by one field's label: (field, joiner, that field's labels).
_QUALIFIED: dict[str, tuple[str, str, Mapping[str, str]]] = {
    "request_received": ("source", " from ", SOURCE_LABELS),
    "phase_transfer": ("kind", ": ", TRANSFER_KIND_LABELS),
}


def describe_event(event_type: str, fields: Mapping[str, Any], names: Mapping[str, str] | None = None) -> str:
    """One event as a sentence: "Education advice requested from Oakfield Primary School".

    `fields` are the event's fields as in the case file (without `type` and `date`); `names` maps
    setting URNs (and any other code a field may hold) to the organisation's name.
    """
    names = names or {}
    adviser = str(fields.get("from", ""))
    service = f"{agency_label(adviser)} advice" if adviser else "Advice"
    setting = _named(fields["setting"], names) if fields.get("setting") else ""
    if event_type in _QUALIFIED:
        field_name, joiner, labels = _QUALIFIED[event_type]
        code = fields.get(field_name)
        text = EVENT_LABELS[event_type]
        if code:
            text += joiner + lower_first(labels.get(str(code), str(code)))
    elif event_type in ("assessment_decision", "plan_decision"):
        text = _outcome(event_type, fields) + _panel(fields)
    elif event_type == "review_decision":
        text = _outcome(event_type, fields)
    elif event_type == "advice_requested":
        text = f"{service} requested"
        setting_type = fields.get("setting_type")
        if fields.get("to"):
            text += f" from {_named(fields['to'], names)}"
        elif setting_type:
            text += f" from the {SETTING_TYPE_LABELS.get(str(setting_type), str(setting_type))}"
        received = fields.get("received")
        if received:
            text += f", received on {_date_words(received)}"
    elif event_type == "advice_received":
        text = f"{service} received"
    elif event_type == "setting_consulted":
        text = f"Consulted {setting}" if setting else EVENT_LABELS[event_type]
    elif event_type == "setting_responded":
        text = f"{setting[:1].upper() + setting[1:]} responded" if setting else EVENT_LABELS[event_type]
    elif event_type == "final_plan_issued":
        text = EVENT_LABELS[event_type] + (f", naming {setting}" if setting else "")
    elif event_type == "exception":
        reason = str(fields.get("reason", ""))
        text = f"Exception to the time limits: {lower_first(exception_label(reason))}"
        applies_to = fields.get("applies_to")
        if applies_to:
            text += f", for {_rules_in_words(applies_to)}"
    elif event_type in ("mediation", "tribunal_appeal"):
        text = EVENT_LABELS[event_type] + _about(fields)
    else:
        text = event_label(event_type)
    if event_type in ("amendment_withdrawn", "plan_ceased") and fields.get("reason"):
        text += f": {fields['reason']}"
    return text


def _date_words(value: Any) -> str:
    if isinstance(value, date):
        return format_date(value)
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _check_every_code_has_a_label() -> None:
    """Fail at import when a rule, event type, exception or adviser is added without its label.

    (flags.py uses the words here, so its codes are checked by tests/statutory/test_labels.py.)"""
    for codes, labels in (
        (RULE_ORDER, RULE_LABELS),
        (tuple(EXCEPTION_REASONS), EXCEPTION_LABELS),
        (tuple(ADVISERS), AGENCY_LABELS),
        (EVENT_TYPES, EVENT_LABELS),
    ):
        missing = [code for code in codes if code not in labels]
        if missing:
            raise ValueError(f"no label for {', '.join(missing)} in statutory/labels.py")


_check_every_code_has_a_label()
