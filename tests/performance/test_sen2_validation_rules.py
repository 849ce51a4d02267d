"""Every SEN2 check has a record that breaks it and one that passes."""

from __future__ import annotations

import copy
from datetime import date, datetime

import pytest

from sendtrack.interchange.sen2 import Collection
from sendtrack.performance.sen2_rules import BY_CODE, RULES, upn_is_valid

COLLECTION = Collection(date(2026, 1, 15), "999", "test", datetime(2026, 2, 2))
GOOD = {
    "Surname": "Sample",
    "Forename": "Bea",
    "PersonBirthDate": "2019-09-14",
    "Sex": "F",
    "Ethnicity": "MWBC",
    "UPN": "Q999200022000",
    "Requests": [
        {
            "ReceivedDate": "2025-02-03",
            "RequestSource": "1",
            "RYA": "0",
            "RequestOutcomeDate": "2025-03-10",
            "RequestOutcome": "Y",
            "Assessment": {
                "AssessmentOutcome": "Y",
                "AssessmentOutcomeDate": "2025-06-16",
                "Week20": "0",
                "NamedPlan": {"StartDate": "2025-06-16"},
            },
            "ActivePlans": {
                "PlacementDetail": [{"URN": "999002", "PlacementRank": "1"}],
                "SENneed": [{"SENtype": "SLCN", "SENtypeRank": "1"}],
                "ReviewMeeting": "2025-10-01",
                "ReviewOutcome": "M",
                "LastReview": "2025-10-20",
            },
        }
    ],
}


def _break(code: str) -> dict:
    bad = copy.deepcopy(GOOD)
    request = bad["Requests"][0]
    changes = {
        "ST-P01": lambda: bad.update(Surname=""),
        "ST-P02": lambda: bad.update(PersonBirthDate=""),
        "ST-P03": lambda: bad.update(Sex="X"),
        "ST-P04": lambda: bad.pop("UPN"),
        "ST-P07": lambda: bad.update(Ethnicity=""),
        "ST-P08": lambda: bad.update(Ethnicity="NOBT"),
        "ST-O01": lambda: request.update(RequestSource="5"),
        "ST-P05": lambda: bad.update(UPN="B999200022000"),
        "ST-P06": lambda: bad.update(PersonBirthDate="1995-01-01"),
        "ST-N01": lambda: request["ActivePlans"].update(SENneed=[{"SENtype": "NSA", "SENtypeRank": "1"}]),
        "ST-R01": lambda: request.pop("RequestSource"),
        "ST-R02": lambda: request.update(RequestOutcomeDate="2025-01-10"),
        "ST-R03": lambda: request["ActivePlans"].update(LastReview="2026-02-01"),
        "ST-A01": lambda: request["Assessment"].update(AssessmentOutcomeDate="2025-07-30"),
        "ST-A02": lambda: request["Assessment"]["NamedPlan"].pop("StartDate"),
        "ST-C01": lambda: request["Assessment"]["NamedPlan"].update(CeaseDate="2025-12-01"),
        "ST-S01": lambda: request["ActivePlans"].pop("PlacementDetail"),
        "ST-V01": lambda: request["ActivePlans"].update(LastReview="2025-11-20"),
    }
    changes[code]()
    return bad


def test_the_good_record_passes_every_check():
    for rule in RULES:
        assert list(rule.check(GOOD, COLLECTION)) == [], rule.code


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_each_check_finds_its_problem(code):
    rule = BY_CODE[code]
    assert rule.message and rule.fields and rule.fix
    assert list(rule.check(_break(code), COLLECTION)), code


def test_upn_check_letter():
    assert upn_is_valid("Q999200022000")
    assert not upn_is_valid("B999200022000")
    assert not upn_is_valid("Q99920002200")
