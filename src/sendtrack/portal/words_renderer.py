"""The plain words families read: what each step is, who does it, and what each event means.

Periods ("6 weeks") come from the statutory rules, never from here.
"""

from __future__ import annotations

import datetime as dt

from sendtrack.statutory.dates import Days, Weeks, format_date
from sendtrack.statutory.labels import agency_label, lower_first
from sendtrack.statutory.rules import rule_for

# Who must act, by the engine's `waiting_on` (before a named organisation replaces it).
WHO = {
    "local authority": "the council",
    "education": "the school or college",
    "health": "the health service",
    "social care": "social care (the council's social workers)",
    "educational psychology": "the educational psychologist",
    "other": "another adviser",
}

# Stage of the latest request -> where it stands, for a family. {name} is the child's name.
STAGE_WORDS = {
    "received": "The council has the request. It is deciding whether to assess {name}'s needs.",
    "assessing": (
        "The council is assessing {name}'s needs. It is asking people who know {name} "
        "for advice (reports about {name}'s needs)."
    ),
    "awaiting_decision": "The assessment is done. The council is deciding whether to make an EHC plan.",
    "draft_issued": "The council has sent a draft EHC plan. You can tell them what you think of it.",
    "consultation": "The council is asking schools or colleges if they can meet {name}'s needs.",
    "final_issued": "{name} has a final EHC plan.",
    "refused": (
        "The council decided not to go ahead. If you disagree, you can get free help from SENDIASS, "
        "ask for mediation, or appeal to the SEND Tribunal."
    ),
    "withdrawn": "The request was withdrawn.",
    "no_request": "There is no open request at the moment.",
}

# Rule name -> (short title, what must happen, what "after" it is counted from).
STEPS = {
    "assessment_decision": (
        "Decide whether to assess {name}'s needs",
        "The council must decide whether to assess {name}'s needs",
        "after they got the request",
    ),
    "advice": ("{Advice} from {who}", "{Who} must send their {advice} about {name}", "after they were asked"),
    "plan_decision_refusal": (
        "Tell you if there will be no plan",
        "If the council decides not to make an EHC plan, it must tell you",
        "after they got the request",
    ),
    "final_plan": (
        "Send the final EHC plan",
        "The council must send the final EHC plan",
        "after they got the request",
    ),
    "setting_response": (
        "Reply from {who}",
        "The council asked {who} if it can meet {name}'s needs. {Who} should reply",
        "after it was asked",
    ),
    "review_decision": (
        "Decide what happens after the review meeting",
        "The council must tell you whether it will keep the plan, change it or stop it",
        "after the review meeting",
    ),
    "amendment_notice": (
        "Send the proposed changes to the plan",
        "The council must send you the changes it wants to make to the plan",
        "after the review meeting",
    ),
    "amended_plan": (
        "Send the changed (amended) plan",
        "The council must send the final changed plan",
        "after it sent you the proposed changes",
    ),
    "annual_review": (
        "Hold the annual review meeting",
        "The next review meeting of the plan must be held",
        "",
    ),
    "phase_transfer_review": (
        "Review the plan before the move to a new school or college",
        "{name} is moving to a new school or college. The council must review the plan and make any changes",
        "",
    ),
}

EVENT_WORDS = {
    "request_received": "The council got a request to assess {name}'s needs.",
    "assessment_decision": "The council decided whether to assess {name}'s needs.",
    "advice_requested": "The council asked {who} for {advice}.",
    "advice_received": "{Advice} arrived from {who}.",
    "plan_decision": "The council decided whether to make an EHC plan.",
    "draft_plan_issued": "The council sent you a draft EHC plan.",
    "setting_consulted": "The council asked {who} if it can meet {name}'s needs.",
    "setting_responded": "{Who} replied to the council.",
    "final_plan_issued": "The council sent the final EHC plan.",
    "review_meeting": "The annual review meeting was held.",
    "review_decision": "The council decided what happens after the review.",
    "amendment_notice": "The council sent the changes it proposes to the plan.",
    "amended_plan_issued": "The council sent the changed plan.",
    "amendment_withdrawn": "The council decided not to make the changes.",
    "phase_transfer": "A move to a new school or college is planned.",
    "plan_ceased": "The plan stopped.",
    "request_withdrawn": "The request was withdrawn.",
    "mediation": "Mediation started.",
    "tribunal_appeal": "An appeal was made to the SEND Tribunal.",
    "exception": "Something happened that pauses a time limit.",
}

OUTCOME_WORDS = {
    ("assessment_decision", "assess"): "The council decided to assess {name}'s needs.",
    ("assessment_decision", "refuse"): "The council decided not to assess {name}'s needs.",
    ("plan_decision", "issue"): "The council decided to make an EHC plan.",
    ("plan_decision", "refuse"): "The council decided not to make an EHC plan.",
    ("review_decision", "maintain"): "The council decided to keep the plan as it is.",
    ("review_decision", "amend"): "The council decided to change the plan.",
    ("review_decision", "cease"): "The council decided to stop the plan.",
}


def advice_words(adviser: str) -> str:
    """ "social care advice", "educational psychology advice"; "advice" when no service is named.

    One organisation often gives two kinds of advice (the council: social care and educational
    psychology), so the service is named wherever the organisation is."""
    if not adviser or adviser == "other":
        return "advice"
    return f"{lower_first(agency_label(adviser))} advice"


def date_words(day: dt.date) -> str:
    return format_date(day)


def days_words(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def period_words(rule_name: str, start: dt.date, selector: str | None = None) -> str:
    """ "6 weeks", "15 days" from the rule in force; "" for periods that are not a count."""
    rule = rule_for(rule_name, start, selector) or rule_for(rule_name, start, None)
    if rule is None:
        return ""
    if isinstance(rule.period, Weeks | Days):
        return rule.period.phrase.removesuffix(" from")
    return ""


def citation_words(citation: str) -> str:
    """Spell out abbreviations a family may not know."""
    return (
        citation.replace("regs. ", "regulations ")
        .replace("reg. ", "regulation ")
        .replace("CFA 2014", "Children and Families Act 2014")
        .replace(" s.", " section ")
    )


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
