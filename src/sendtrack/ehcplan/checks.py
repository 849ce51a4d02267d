"""Quality checks on an EHC plan's structure, each a plain function naming the source it rests on.

Pure Python, no Django. Each check returns findings; none decides a grade (auditors do that).
The check ids are stable: other tools and a council's reports may rely on them. A council adds
its own standards as data (`CouncilStandards`), never as code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

from sendtrack.ehcplan.check_terms import (
    CHECK_LABELS,
    CODE_9_62,
    CODE_9_66,
    CODE_9_69,
    CONFIRMED,
    EDUCATES_OR_TRAINS,
    EDUCATION_RESPONSIBILITIES,
    EX_P_E,
    HEALTH_PROFESSIONALS,
    KEY_STAGE,
    LIVERPOOL,
    MEASURABLE,
    OUT_OF_DATE,
    PREPARATION_FOR_ADULTHOOD,
    REG_12,
    REG_12_3,
    S21_5,
    TIME_BOUND,
    VAGUE_PHRASES,
)
from sendtrack.ehcplan.structure import NEED_SECTIONS, PROVISION_SECTIONS, SECTIONS, EhcPlan
from sendtrack.statutory.dates import format_date
from sendtrack.statutory.rules import rule_for


@dataclass(frozen=True)
class Finding:
    check: str
    section: str
    words: str
    source: str
    message: str

    @property
    def label(self) -> str:
        return CHECK_LABELS.get(self.check, self.check)


@dataclass
class CouncilStandards:
    """A council's own standards, as data: phrases it does not accept, and provision fields it requires."""

    phrases: list[str] = field(default_factory=list)
    required_fields: list[str] = field(default_factory=list)
    source: str = "The council's own plan standard"

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CouncilStandards:
        phrases = data.get("phrases", [])
        required = data.get("required_fields", [])
        if not isinstance(phrases, list) or not isinstance(required, list):
            raise ValueError("phrases and required_fields must be lists")
        unknown = sorted(set(map(str, required)) - set(PROVISION_FIELDS))
        if unknown:
            raise ValueError(f"unknown provision field(s): {', '.join(unknown)}")
        return cls(
            [str(p).lower() for p in phrases],
            [str(r) for r in required],
            str(data.get("source", cls.source)),
        )


PROVISION_FIELDS = {
    "who": "who provides it",
    "ratio": "the ratio",
    "how_often": "how often",
    "how_long": "how long",
}


def phrases_in(text: str, phrases: Iterable[str]) -> list[str]:
    lowered = text.lower()
    return [p for p in phrases if re.search(rf"\b{re.escape(p)}", lowered)]


def key_stage_of(year_group: int) -> int:
    """The key stage a year group belongs to (Reception is 0, years 12 and 13 are 5)."""
    if year_group <= 0:
        return 0
    for stage, last_year in ((1, 2), (2, 6), (3, 9), (4, 11)):
        if year_group <= last_year:
            return stage
    return 5


def missing_section(plan: EhcPlan, as_of: date) -> list[Finding]:
    return [
        Finding(
            "missing_section",
            code,
            SECTIONS[code],
            REG_12 if code != "K" else CODE_9_62,
            f"Section {code} ({SECTIONS[code].lower()}) is missing or empty",
        )
        for code in SECTIONS
        if not plan.has_section(code)
    ]


def sections_merged(plan: EhcPlan, as_of: date) -> list[Finding]:
    return [
        Finding(
            "sections_merged",
            heading,
            heading,
            REG_12,
            f"The heading '{heading}' joins sections that must each be separately identified",
        )
        for heading in plan.merged
    ]


def need_without_provision(plan: EhcPlan, as_of: date) -> list[Finding]:
    met = {ref for p in plan.provisions for ref in p.needs}
    return [
        Finding(
            "need_without_provision",
            n.section,
            n.text,
            EX_P_E,
            f"Need {n.ref} has no provision that meets it",
        )
        for n in plan.needs
        if n.ref not in met
    ]


def provision_without_outcome(plan: EhcPlan, as_of: date) -> list[Finding]:
    outcomes = {o.ref for o in plan.outcomes}
    return [
        Finding(
            "provision_without_outcome",
            p.section,
            p.support,
            EX_P_E,
            f"Provision {p.ref} does not serve any outcome in Section E",
        )
        for p in plan.provisions
        if not outcomes.intersection(p.outcomes)
    ]


def outcome_without_need(plan: EhcPlan, as_of: date) -> list[Finding]:
    needs = {n.ref for n in plan.needs}
    return [
        Finding("outcome_without_need", "E", o.text, EX_P_E, f"Outcome {o.ref} does not answer any need")
        for o in plan.outcomes
        if not needs.intersection(o.needs)
    ]


def provision_not_quantified(plan: EhcPlan, as_of: date) -> list[Finding]:
    findings = []
    for p in plan.provisions:
        lacking = [
            PROVISION_FIELDS[name]
            for name in ("who", "how_often", "how_long")
            if not getattr(p, name).strip()
        ]
        if lacking:
            findings.append(
                Finding(
                    "provision_not_quantified",
                    p.section,
                    p.support,
                    CODE_9_69,
                    f"Provision {p.ref} does not say {' or '.join(lacking)}",
                )
            )
    return findings


def vague_wording(plan: EhcPlan, as_of: date) -> list[Finding]:
    texts = [(p.section, p.ref, p.support) for p in plan.provisions]
    texts += [("E", o.ref, o.text) for o in plan.outcomes]
    return [
        Finding(
            "vague_wording",
            section,
            phrase,
            CODE_9_69,
            f"{ref} says '{phrase}', which does not specify what is provided",
        )
        for section, ref, text in texts
        for phrase in phrases_in(text, VAGUE_PHRASES)
    ]


def educates_or_trains_outside_f(plan: EhcPlan, as_of: date) -> list[Finding]:
    return [
        Finding(
            "educates_or_trains_outside_f",
            p.section,
            found[0],
            S21_5,
            f"Provision {p.ref} educates or trains, so it belongs in Section F",
        )
        for p in plan.provisions
        if p.section != "F" and (found := phrases_in(f"{p.support} {p.who}", EDUCATES_OR_TRAINS))
    ]


def health_responsible_for_education(plan: EhcPlan, as_of: date) -> list[Finding]:
    return [
        Finding(
            "health_responsible_for_education",
            "G",
            found[0],
            LIVERPOOL,
            f"Provision {p.ref} makes {p.who} responsible for {found[0]}, which is the school's job",
        )
        for p in plan.provisions
        if p.section == "G"
        and phrases_in(p.who, HEALTH_PROFESSIONALS)
        and (found := phrases_in(p.support, EDUCATION_RESPONSIBILITIES))
    ]


def outcome_not_measurable(plan: EhcPlan, as_of: date) -> list[Finding]:
    findings = []
    for o in plan.outcomes:
        lacking = [
            words
            for words, ok in (
                ("date by which it is to be achieved", TIME_BOUND.search(o.text)),
                ("measure of success", MEASURABLE.search(o.text)),
            )
            if not ok
        ]
        if lacking:
            findings.append(
                Finding(
                    "outcome_not_measurable",
                    "E",
                    o.text,
                    CODE_9_66,
                    f"Outcome {o.ref} has no {' and no '.join(lacking)}",
                )
            )
    return findings


def no_preparation_for_adulthood(plan: EhcPlan, as_of: date) -> list[Finding]:
    if plan.year_group is None or plan.year_group < 9:
        return []
    outcomes = any(phrases_in(o.text, PREPARATION_FOR_ADULTHOOD) for o in plan.outcomes)
    provision = any(phrases_in(p.support, PREPARATION_FOR_ADULTHOOD) for p in plan.provisions)
    missing = [w for w, ok in (("outcomes", outcomes), ("provision", provision)) if not ok]
    if not missing:
        return []
    return [
        Finding(
            "no_preparation_for_adulthood",
            "E" if not outcomes else "F",
            " and ".join(missing),
            REG_12_3,
            f"From Year 9 the plan needs preparation-for-adulthood {' and '.join(missing)}",
        )
    ]


def plan_out_of_date(plan: EhcPlan, as_of: date) -> list[Finding]:
    findings = []
    reviewed = plan.last_reviewed_on or plan.issued_on
    rule = rule_for("annual_review", reviewed) if reviewed else None
    if plan.status != "draft" and reviewed and rule and rule.period.due(reviewed) < as_of:
        findings.append(
            Finding(
                "plan_out_of_date",
                "A",
                reviewed.isoformat(),
                f"{OUT_OF_DATE}; {rule.citation}",
                f"The plan was last reviewed on {format_date(reviewed)}; the next review was "
                f"due by {format_date(rule.period.due(reviewed))}",
            )
        )
    if plan.year_group is not None:
        current = key_stage_of(plan.year_group)
        for o in plan.outcomes:
            for stage in KEY_STAGE.findall(o.text):
                if int(stage) < current:
                    findings.append(
                        Finding(
                            "plan_out_of_date",
                            "E",
                            f"Key Stage {stage}",
                            OUT_OF_DATE,
                            f"Outcome {o.ref} names Key Stage {stage}, which the child has left",
                        )
                    )
    return findings


def issued_before_agencies_confirmed(plan: EhcPlan, as_of: date) -> list[Finding]:
    if plan.status == "draft":
        return []
    findings = []
    for agency in sorted(plan.agencies_with_content()):
        confirmed = plan.confirmed.get(agency)
        if confirmed is None or (plan.issued_on is not None and confirmed > plan.issued_on):
            findings.append(
                Finding(
                    "issued_before_agencies_confirmed",
                    "G" if agency == "health" else "H2",
                    agency.replace("_", " "),
                    CONFIRMED,
                    f"The plan was issued before {agency.replace('_', ' ')} confirmed its sections",
                )
            )
    return findings


CHECKS: dict[str, Callable[[EhcPlan, date], list[Finding]]] = {
    check.__name__: check
    for check in (
        missing_section,
        sections_merged,
        need_without_provision,
        provision_without_outcome,
        outcome_without_need,
        provision_not_quantified,
        vague_wording,
        educates_or_trains_outside_f,
        health_responsible_for_education,
        outcome_not_measurable,
        no_preparation_for_adulthood,
        plan_out_of_date,
        issued_before_agencies_confirmed,
    )
}


def council_checks(plan: EhcPlan, standards: CouncilStandards) -> list[Finding]:
    findings = []
    for p in plan.provisions:
        for phrase in phrases_in(p.support, standards.phrases):
            findings.append(
                Finding(
                    "council_phrase",
                    p.section,
                    phrase,
                    standards.source,
                    f"{p.ref} says '{phrase}', which the council's standard does not accept",
                )
            )
        for name in standards.required_fields:
            if not getattr(p, name).strip():
                findings.append(
                    Finding(
                        "council_required_field",
                        p.section,
                        PROVISION_FIELDS[name],
                        standards.source,
                        f"Provision {p.ref} does not say {PROVISION_FIELDS[name]}",
                    )
                )
    return findings


# Checks whose findings change with the day as well as the words; the others depend on the words only,
# so their findings are kept with a version when it is saved (`stored_findings`). The revision
# changes whenever a check changes, so findings kept by an older revision are worked out again.
DATED_CHECKS = frozenset({"plan_out_of_date"})
CHECKS_REVISION = 1


def stored_findings(plan: EhcPlan) -> dict[str, object]:
    """The findings of the checks that depend on the words only, as JSON to keep with the version."""
    found = [
        finding
        for name, check in CHECKS.items()
        if name not in DATED_CHECKS
        for finding in check(plan, date.min)
    ]
    return {"revision": CHECKS_REVISION, "findings": [asdict(finding) for finding in found]}


def read_stored(data: object) -> list[Finding] | None:
    """Findings kept with a version, or None when none were kept or an older revision kept them."""
    if not isinstance(data, dict) or data.get("revision") != CHECKS_REVISION:
        return None
    return [Finding(**item) for item in data.get("findings", [])]


def check_plan(
    plan: EhcPlan,
    as_of: date,
    standards: CouncilStandards | None = None,
    *,
    stored: list[Finding] | None = None,
) -> list[Finding]:
    """Every finding on the plan, in section order; with `stored`, only the dated checks are run."""
    if stored is None:
        findings = [finding for check in CHECKS.values() for finding in check(plan, as_of)]
    else:
        findings = [*stored, *(finding for name in DATED_CHECKS for finding in CHECKS[name](plan, as_of))]
    if standards is not None:
        findings += council_checks(plan, standards)
    order = {code: i for i, code in enumerate(SECTIONS)}
    checks = {name: i for i, name in enumerate(CHECKS)}
    return sorted(
        findings, key=lambda f: (order.get(f.section, len(order)), checks.get(f.check, len(checks)))
    )


__all__ = ["CHECKS", "NEED_SECTIONS", "PROVISION_SECTIONS", "CouncilStandards", "Finding", "check_plan"]
