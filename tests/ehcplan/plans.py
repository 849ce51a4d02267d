"""Worked example plans: one complete and good, and copies with one defect each written into them."""

from __future__ import annotations

import copy
from datetime import date

from sendtrack.ehcplan.structure import Advice, EhcPlan, Need, Outcome, Provision

AS_OF = date(2026, 11, 30)


def good_plan() -> EhcPlan:
    """Aisha, Year 4: needs, provision and outcomes linked; every provision quantified; agencies confirmed."""
    return EhcPlan(
        child_name="Aisha Rahman",
        year_group=4,
        status="final",
        issued_on=date(2026, 3, 2),
        last_reviewed_on=date(2026, 3, 2),
        sections={
            "A": "Aisha loves drawing and wants to be a vet. She says: 'I like it when people talk slowly.'",
            "H1": "No provision under section 2 of the Chronically Sick and Disabled Persons Act is needed.",
            "I": "Oakfield Primary School (URN 131204), mainstream primary, day.",
            "J": "No personal budget has been requested.",
        },
        needs=[
            Need(
                "B1",
                "B",
                "communication_and_interaction",
                "Aisha has a severe language disorder: she understands about half of what is said in class.",
            ),
            Need("B2", "B", "cognition_and_learning", "Aisha reads at the level expected of a 6-year-old."),
            Need(
                "C1",
                "C",
                "sensory_and_physical",
                "Aisha has a mild hearing loss in her left ear, which affects her in noisy rooms.",
            ),
            Need("D1", "D", "semh", "Aisha's sleep is disturbed and her anxiety at home is high."),
        ],
        outcomes=[
            Outcome(
                "E1",
                "communication_and_interaction",
                "By the end of Key Stage 2, Aisha will follow a two-step instruction in class without adult "
                "help in 4 out of 5 observed lessons.",
                ["B1"],
            ),
            Outcome(
                "E2",
                "cognition_and_learning",
                "By July 2027, Aisha will read a book at book band Turquoise with 90% accuracy.",
                ["B2"],
            ),
            Outcome(
                "E3",
                "sensory_and_physical",
                "By the end of Year 5, Aisha will tell her teacher when she cannot hear, in 3 of 4 lessons.",
                ["C1"],
            ),
            Outcome(
                "E4",
                "semh",
                "By July 2027, Aisha will sleep through the night on at least 4 nights a week.",
                ["D1"],
            ),
        ],
        provisions=[
            Provision(
                "F1",
                "F",
                "communication_and_interaction",
                "Speech and language therapy to develop understanding of spoken language",
                "Speech and language therapist (HCPC registered)",
                "1:1",
                "Once a week in term time",
                "45 minutes each session",
                ["B1"],
                ["E1"],
            ),
            Provision(
                "F2",
                "F",
                "cognition_and_learning",
                "Structured phonics reading intervention",
                "Teaching assistant trained in the programme",
                "1:1",
                "Every school day",
                "20 minutes",
                ["B2"],
                ["E2"],
            ),
            Provision(
                "G1",
                "G",
                "sensory_and_physical",
                "Audiology review of hearing and of the hearing aid",
                "Paediatric audiologist",
                "1:1",
                "Once a year",
                "One hour",
                ["C1"],
                ["E3"],
            ),
            Provision(
                "H2.1",
                "H2",
                "semh",
                "Overnight short break at Willow House so the family can rest",
                "Short breaks residential care staff",
                "1:2",
                "Two nights a month",
                "5pm to 10am",
                ["D1"],
                ["E4"],
            ),
        ],
        advice=[
            Advice("education", "Oakfield Primary School SENCO", date(2025, 11, 3), date(2025, 11, 28)),
            Advice("health", "Community paediatrician", date(2025, 11, 3), date(2025, 12, 12)),
            Advice(
                "social_care",
                "Children with disabilities social worker",
                date(2025, 11, 3),
                date(2025, 12, 1),
            ),
            Advice(
                "educational_psychology", "Educational psychologist", date(2025, 11, 3), date(2025, 12, 8)
            ),
        ],
        confirmed={"health": date(2026, 2, 20), "social_care": date(2026, 2, 23)},
    )


def liverpool_plan() -> EhcPlan:
    """Signed off by health, it holds the paediatrician responsible for the curriculum."""
    plan = good_plan()
    plan.provisions[2] = Provision(
        "G1",
        "G",
        "sensory_and_physical",
        "To be responsible for Aisha's access to the curriculum and for helping her reach her "
        "academic potential",
        "Community paediatrician",
        "1:1",
        "Once a term",
        "30 minutes",
        ["C1"],
        ["E3"],
    )
    return plan


def unquantified_therapy_plan() -> EhcPlan:
    """Speech and language therapy that says who, but not how often or for how long."""
    plan = copy.deepcopy(good_plan())
    plan.provisions[0].how_often = ""
    plan.provisions[0].how_long = ""
    return plan
