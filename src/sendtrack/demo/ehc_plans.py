"""Structured EHC plans for the demo's children, some well written and some weak. Pure Python.

The wording comes from templates per primary need; each plan then takes each weakness that
inspections and tribunals keep finding with the probability in calibration.json
(`ehc_plan_wording`), so the quality checks and the audit have a realistic mix to find.
"""

from __future__ import annotations

import random
from datetime import date

from sendtrack.demo.calibration import load_calibration
from sendtrack.ehcplan.structure import Advice, EhcPlan, Need, Outcome, Provision, year_group_on

# Primary need -> (broad area, the need, the provision, who, how often, how long, the outcome).
TEMPLATES = {
    "ASD": (
        "communication_and_interaction",
        "{name} finds it hard to understand what others say and feel, and "
        "becomes distressed when routines change.",
        "Social communication group using a structured programme",
        "Specialist teacher for autism",
        "Twice a week",
        "30 minutes",
        "By July {year}, {name} will start and end a conversation with a classmate in 3 out of 4 "
        "observed break times.",
    ),
    "SLCN": (
        "communication_and_interaction",
        "{name} has a language disorder: they understand about half of what is said in class.",
        "Speech and language therapy to develop understanding of spoken language",
        "Speech and language therapist (HCPC registered)",
        "Once a week in term time",
        "45 minutes",
        "By July {year}, {name} will follow a two-step instruction without help in 4 out of 5 lessons.",
    ),
    "SEMH": (
        "semh",
        "{name} becomes anxious in busy rooms and leaves lessons several times a week.",
        "Daily check-in and a planned calm space with a named adult",
        "Learning mentor",
        "Every school day",
        "15 minutes",
        "By July {year}, {name} will stay in 9 out of 10 lessons for the whole lesson.",
    ),
    "MLD": (
        "cognition_and_learning",
        "{name} reads and counts at the level expected of a child three years younger.",
        "Structured reading and number intervention",
        "Teaching assistant trained in the programme",
        "Every school day",
        "20 minutes",
        "By July {year}, {name} will read a book at their next book band with 90% accuracy.",
    ),
    "SPLD": (
        "cognition_and_learning",
        "{name} has dyslexia: spelling and reading speed are well below their understanding.",
        "Specialist dyslexia teaching",
        "Specialist teacher (level 5 qualification)",
        "Twice a week",
        "40 minutes",
        "By July {year}, {name} will spell 80% of the year's common words correctly.",
    ),
    "SLD": (
        "cognition_and_learning",
        "{name} has severe learning difficulties and needs help with personal care.",
        "Individual teaching of life skills and early literacy",
        "Special school teacher",
        "Every school day",
        "1 hour",
        "By July {year}, {name} will choose their lunch using symbols without "
        "adult prompts on 4 days a week.",
    ),
    "PD": (
        "sensory_and_physical",
        "{name} uses a wheelchair and tires quickly when writing.",
        "Physiotherapy programme delivered in school",
        "Physiotherapist",
        "Once a fortnight",
        "30 minutes",
        "By July {year}, {name} will transfer from wheelchair to chair with one adult in 4 out of 5 "
        "attempts.",
    ),
    "HI": (
        "sensory_and_physical",
        "{name} has a moderate hearing loss in both ears.",
        "Teacher of the deaf support and checks of hearing aids",
        "Qualified teacher of the deaf",
        "Once a week",
        "1 hour",
        "By July {year}, {name} will tell an adult when they cannot hear, in 3 out of 4 lessons.",
    ),
    "VI": (
        "sensory_and_physical",
        "{name} has low vision and cannot read standard print.",
        "Teaching of braille and use of a magnifier",
        "Qualified teacher of the visually impaired",
        "Twice a week",
        "45 minutes",
        "By July {year}, {name} will read grade 1 braille at 20 words a minute.",
    ),
}
WEAK_PROVISION = "Regular access to support from a teaching assistant as appropriate"
WEAK_OUTCOME = "{name} will make good progress."
ADULTHOOD_OUTCOME = "By July {year}, {name} will travel independently to college on 3 days a week."
ADULTHOOD_PROVISION = (
    "Independent travel training for the journey to college",
    "Travel trainer",
    "Once a week",
    "1 hour",
)


def plan_for(case: dict, rng: random.Random, as_of: date) -> EhcPlan | None:
    """The plan of a case whose final plan was issued by `as_of`, or None."""
    events = case["events"]
    finals = [date.fromisoformat(e["date"]) for e in events if e["type"] == "final_plan_issued"]
    finals = [d for d in finals if d <= as_of]
    if not finals:
        return None
    odds = load_calibration().assume("ehc_plan_wording")
    person = case["person"]
    name = person.get("given_name") or "The child"
    need = person.get("primary_need") if person.get("primary_need") in TEMPLATES else "MLD"
    area, need_text, support, who, how_often, how_long, outcome = TEMPLATES[str(need)]
    year = as_of.year + 1
    reviews = [date.fromisoformat(e["date"]) for e in events if e["type"] == "review_meeting"]
    born = date.fromisoformat(person["date_of_birth"]) if person.get("date_of_birth") else None
    plan = EhcPlan(
        child_name=name,
        year_group=year_group_on(born, as_of),
        status="final",
        issued_on=finals[0],
        last_reviewed_on=max([d for d in reviews if d <= as_of], default=None),
        sections={
            "A": f"{name} enjoys music and being outdoors, and wants to work with animals.",
            "D": f"The social care assessment found no needs relating to {name}'s SEN or disability.",
            "H1": "No provision under section 2 of the Chronically Sick and Disabled Persons Act is needed.",
            "H2": "No other social care provision is needed.",
            "I": f"The school named for {name}.",
            "J": "No personal budget has been requested.",
        },
        needs=[Need("B1", "B", area, need_text.format(name=name))],
        outcomes=[Outcome("E1", area, outcome.format(name=name, year=year), ["B1"])],
        provisions=[Provision("F1", "F", area, support, who, "1:1", how_often, how_long, ["B1"], ["E1"])],
        advice=[
            Advice(e["from"], e.get("to") or e["from"].replace("_", " "), date.fromisoformat(e["date"]))
            for e in events
            if e["type"] == "advice_requested"
        ],
        confirmed={"health": finals[0]},
    )
    plan.needs.append(Need("C1", "C", area, f"{name} needs a yearly review by the community paediatrician."))
    plan.outcomes.append(
        Outcome(
            "E2",
            area,
            f"By July {year}, {name} will attend 2 health reviews a year with the help of their family.",
            ["C1"],
        )
    )
    plan.provisions.append(
        Provision(
            "G1",
            "G",
            area,
            "Yearly medical review",
            "Community paediatrician",
            "1:1",
            "Once a year",
            "30 minutes",
            ["C1"],
            ["E2"],
        )
    )
    _weaken(plan, rng, odds, name, year)
    return plan


def _weaken(plan: EhcPlan, rng: random.Random, odds: dict[str, float], name: str, year: int) -> None:
    if rng.random() < odds["vague_provision"]:
        plan.provisions[0].support = WEAK_PROVISION
    if rng.random() < odds["provision_not_quantified"]:
        plan.provisions[0].how_often = plan.provisions[0].how_long = ""
    if rng.random() < odds["outcome_not_measurable"]:
        plan.outcomes[0].text = WEAK_OUTCOME.format(name=name)
    if rng.random() < odds["health_not_confirmed"]:
        plan.confirmed = {}
    if rng.random() < odds["therapy_in_g"]:
        plan.provisions[1].support = "Speech and language therapy to teach listening skills"
    if rng.random() < odds["health_responsible_for_education"]:
        plan.provisions[1].support = "To be responsible for the child's progress in the curriculum"
    if (
        plan.year_group is not None
        and plan.year_group >= 9
        and rng.random() >= odds["no_preparation_for_adulthood"]
    ):
        area = plan.needs[0].area
        plan.outcomes.append(Outcome("E3", area, ADULTHOOD_OUTCOME.format(name=name, year=year), ["B1"]))
        plan.provisions.append(
            Provision(
                "F2",
                "F",
                area,
                ADULTHOOD_PROVISION[0],
                ADULTHOOD_PROVISION[1],
                "1:1",
                ADULTHOOD_PROVISION[2],
                ADULTHOOD_PROVISION[3],
                ["B1"],
                ["E3"],
            )
        )
