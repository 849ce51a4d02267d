"""The statutory engine: SEND case events in, statutory milestones out. Pure Python, no Django.

The contract is the case events specification, docs/spec/case-events.md;
the rules themselves, with their citations, are data in `rules.py`.
"""

from sendtrack.statutory.dates import format_date
from sendtrack.statutory.engine import Milestone, MilestoneStatus, Timeline, derive
from sendtrack.statutory.events import CaseFile, CaseFileError, Event, parse_case
from sendtrack.statutory.flags import Flag
from sendtrack.statutory.output import timeline_json
from sendtrack.statutory.rules import RULE_SETS, RULES, Rule, RuleSet

__all__ = [
    "RULES",
    "RULE_SETS",
    "CaseFile",
    "CaseFileError",
    "Event",
    "Flag",
    "Milestone",
    "MilestoneStatus",
    "Rule",
    "RuleSet",
    "Timeline",
    "derive",
    "format_date",
    "parse_case",
    "timeline_json",
]
