"""`import_sen2`: a return written by hand, every milestone the engine derives from it, matching
children already held, importing twice, and refusing a bad file without writing anything."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.casework.models import Case, CaseEvent, Milestone, Person
from sendtrack.casework.services import import_cases
from sendtrack.core.models import AuditEvent
from sendtrack.intake.services.sen2 import import_sen2
from tests.intake.sen2_files import ANN, BEN, sen2_file

pytestmark = pytest.mark.django_db
CENSUS = date(2026, 1, 15)


def _import(area, data: bytes, *, dry_run: bool = False):
    return import_sen2(io.BytesIO(data), area=area, dry_run=dry_run, as_of=CENSUS)


def _milestones(person: Person) -> list[tuple]:
    rows = Milestone.objects.filter(case__person=person).order_by("position")
    return [
        (
            m.rule,
            m.start.isoformat(),
            m.due.isoformat(),
            m.completed and m.completed.isoformat(),
            m.status,
            m.excepted,
        )
        for m in rows
    ]


def _counts() -> tuple[int, int, int, int]:
    return Person.objects.count(), Case.objects.count(), CaseEvent.objects.count(), Milestone.objects.count()


def test_a_hand_written_return_gives_every_milestone(area):
    result = _import(area, sen2_file(ANN, BEN))
    assert result.ok, result.report.errors
    assert (result.persons, result.new_children, result.matched) == (2, 2, 0)
    ann = Person.objects.get(upn="A123456789012")
    assert (ann.given_name, ann.family_name, ann.date_of_birth, ann.sex, ann.ethnicity) == (
        "Ann",
        "Lee",
        date(2015, 2, 10),
        "F",
        "WBRI",
    )
    assert (ann.primary_need, ann.secondary_needs, ann.setting_urn) == ("ASD", ["SLCN"], "100002")
    assert (ann.personal_budget, ann.sen_unit, ann.resourced_provision) == (True, False, True)
    assert _milestones(ann) == [
        # the plan of 2019 (H): its request and decision are dated the plan's start, marked estimated
        ("assessment_decision", "2019-05-10", "2019-06-21", "2019-05-10", "met", False),
        ("plan_decision_refusal", "2019-05-10", "2019-08-30", None, "not_applicable", False),
        ("final_plan", "2019-05-10", "2019-09-27", "2019-05-10", "met", False),
        ("annual_review", "2019-05-10", "2020-05-09", None, "not_applicable", False),  # ceased in 2025
        # the request of June 2025: decided in 5 weeks 4 days, plan late but excepted (Week20 1)
        ("assessment_decision", "2025-06-02", "2025-07-14", "2025-07-10", "met", False),
        ("plan_decision_refusal", "2025-06-02", "2025-09-22", None, "not_applicable", False),
        ("final_plan", "2025-06-02", "2025-10-20", "2025-11-14", "late", True),
        ("phase_transfer_review", "2025-09-01", "2026-02-14", None, "pending", False),
        ("annual_review", "2025-11-14", "2026-11-13", None, "pending", False),
    ]
    events = [e.data for e in CaseEvent.objects.filter(case__person=ann).order_by("position")]
    exception = next(e for e in events if e["type"] == "exception")
    assert exception == {
        "type": "exception",
        "reason": "recorded_in_sen2",
        "start": "2025-06-02",
        "end": "2025-11-13",
        "applies_to": ["final_plan"],
    }
    assert {"type": "plan_ceased", "date": "2025-03-31", "reason_code": "2"} in events
    assert {"type": "phase_transfer", "date": "2026-09-01", "kind": "school"} in events
    assert {"type": "mediation", "date": "2025-11-14", "about": "plan_content"} in events
    assert events[0] == {"type": "request_received", "date": "2019-05-10", "date_estimated": True}
    final = [e for e in events if e["type"] == "final_plan_issued"]
    assert [(e["date"], e["setting"]) for e in final] == [("2019-05-10", "100001"), ("2025-11-14", "100002")]

    ben = Person.objects.get(upn="B123456789012")
    assert _milestones(ben) == [
        ("assessment_decision", "2025-03-03", "2025-04-14", "2025-04-28", "late", False),
        ("plan_decision_refusal", "2025-03-03", "2025-06-23", None, "not_applicable", False),
        ("final_plan", "2025-03-03", "2025-07-21", None, "not_applicable", False),
    ]
    ben_events = [e.data for e in CaseEvent.objects.filter(case__person=ben).order_by("position")]
    assert ben_events == [
        {"type": "request_received", "date": "2025-03-03", "source": "parent"},
        {"type": "assessment_decision", "date": "2025-04-28", "outcome": "refuse"},
        {"type": "mediation", "date": "2025-04-28", "about": "assessment_refusal"},
    ]


def test_importing_the_same_file_again_changes_nothing(area):
    assert _import(area, sen2_file(ANN, BEN)).ok
    before = _counts()
    again = _import(area, sen2_file(ANN, BEN))
    assert again.ok and (again.matched, again.events_added, again.report.created, again.report.updated) == (
        2,
        0,
        0,
        0,
    )
    assert _counts() == before
    assert again.report.unchanged == 2


def test_a_child_already_held_gets_new_events_never_a_second_record(area):
    held = {
        "case_ref": "999-000001",
        "person": {"ref": "P1", "given_name": "Ann", "family_name": "Lee", "date_of_birth": "2015-02-10"},
        "events": [
            {"type": "request_received", "date": "2025-06-02", "source": "school"},
            {"type": "assessment_decision", "date": "2025-07-10", "outcome": "assess"},
        ],
    }
    assert import_cases([json.dumps(held)], area=area, as_of=CENSUS).ok
    result = _import(area, sen2_file(ANN))
    assert result.ok, result.report.errors
    assert (result.matched, result.new_children, result.report.updated) == (1, 0, 1)
    person = Person.objects.get()  # found by name and date of birth: no duplicate
    assert person.upn == "A123456789012" and person.ref == "P1"  # a blank filled in, the reference kept
    case = Case.objects.get()
    types = [e.type for e in CaseEvent.objects.filter(case=case).order_by("position")]
    assert types.count("request_received") == 2  # the 2019 plan's request added, June 2025's not repeated
    assert types.count("assessment_decision") == 2
    assert "final_plan_issued" in types
    assert Milestone.objects.filter(case=case, rule="final_plan", status="late", excepted=True).exists()
    assert AuditEvent.objects.filter(verb="case_imported", detail__source="SEN2").count() == 1
    again = _import(area, sen2_file(ANN))
    assert again.ok and again.events_added == 0 and Person.objects.count() == 1


def test_a_child_is_found_by_uln_when_there_is_no_upn(area):
    held = {"case_ref": "999-2", "person": {"ref": "P2", "uln": "1234567890"}, "events": []}
    assert import_cases([json.dumps(held)], area=area, as_of=CENSUS).ok
    with_uln = ANN.replace(
        "<UPN>A123456789012</UPN>", "<UniqueLearnerNumber>1234567890</UniqueLearnerNumber>"
    )
    result = _import(area, sen2_file(with_uln))
    assert result.ok and result.matched == 1 and Person.objects.count() == 1


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (sen2_file(ANN, BEN)[:-40], "line 53, file: not well-formed XML"),  # cut short
        (
            sen2_file(ANN, BEN.replace("2025-04-28", "2025-02-28")),
            "RequestOutcomeDate: it is before the request (2025-03-03) (value: 2025-02-28)",
        ),
        (
            sen2_file(ANN.replace("<Sex>F</Sex>", "<Sex>X</Sex>"), BEN),
            "line 11, Person Sex: not one of M, F (value: X)",
        ),
        (
            sen2_file(
                ANN.replace("2025-11-14</AssessmentOutcomeDate>", "14/11/2025</AssessmentOutcomeDate>"), BEN
            ),
            "AssessmentOutcomeDate: not a date in the form YYYY-MM-DD (value: 14/11/2025)",
        ),
        (
            sen2_file(ANN, ANN),
            "line 46, Person UPN: the same child as the person on line 9 (value: A123456789012)",
        ),
        (sen2_file(ANN.replace("2025-03-31", "2018-03-31"), BEN), "CeaseDate: it is before the plan's start"),
        (b"<Message><Persons/></Message>", "the file has no SEN2 Header"),
    ],
)
def test_a_bad_file_is_refused_naming_where_and_writes_nothing(area, xml, message):
    assert _import(area, sen2_file(BEN)).ok  # something held already, to see nothing changes
    before, audits = _counts(), AuditEvent.objects.count()
    result = _import(area, xml)
    assert not result.ok
    assert any(message in str(problem) for problem in result.report.errors), result.report.errors
    assert result.report.summary().startswith("Nothing imported")
    assert _counts() == before and AuditEvent.objects.count() == audits


def test_the_command_prints_the_reconciliation_as_json(area, tmp_path, capsys):
    path = tmp_path / "SEN2_999_2026.xml"
    path.write_bytes(sen2_file(ANN, BEN))
    call_command("import_sen2", str(path), "--area", "999", "--dry-run", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] is True and Person.objects.count() == 0
    assert report["children"] == {"in_source": 2, "matched": 0, "new": 2}
    assert report["in_source"]["requests"] == {"2019": 1, "2025": 2}
    call_command("import_sen2", str(path), "--area", "999", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["in_sendtrack_after"]["plans_issued"] == {"2019": 1, "2025": 1}
    assert report["source_figures"]["plans"] == 1 and report["difference"]["plans"] == 0
    path.write_bytes(sen2_file(ANN.replace("<Sex>F</Sex>", "<Sex>X</Sex>")))
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_sen2", str(path), "--area", "999")
