from __future__ import annotations

import copy
import json

from sendtrack.casework import services
from sendtrack.casework.case_file_selectors import case_file_dict
from sendtrack.casework.models import AccessLog, Case, CaseEvent, Milestone, Person, Stage
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.interchange.case_files import PERSON_FIELDS
from tests.casework.conftest import CHILD

ELSEWHERE_IN_AREA = {
    "case_ref": "NB-0002",
    "person": {"ref": "P0002", "given_name": "Noah", "family_name": "Green", "date_of_birth": "2015-09-01"},
    "events": [{"type": "request_received", "date": "2026-01-12", "source": "school"}],
}


def lines_of(*objects):
    return [json.dumps(o) for o in objects]


def test_import_stores_cases_events_and_milestones(area, council, health_trust, school):
    report = services.import_cases(lines_of(CHILD), area=area)

    assert report.ok and report.created == 1 and report.also["milestones"] > 0
    case = Case.objects.get(case_ref="NB-0001")
    assert case.stage == Stage.CONSULTATION
    assert case.open is True
    assert case.person.setting == school
    assert CaseEvent.objects.filter(case=case).count() == 5
    assert (
        CaseEvent.objects.get(case=case, type="advice_requested", data__from="health").organisation
        == health_trust
    )
    assert Milestone.objects.filter(case=case, rule="advice:health", completed__isnull=True).exists()


def test_reimporting_the_same_file_changes_nothing(area, council):
    services.import_cases(lines_of(CHILD), area=area)
    before = list(CaseEvent.objects.values_list("pk", flat=True))
    updated_at = Case.objects.get().updated_at

    report = services.import_cases(lines_of(CHILD), area=area)

    assert report.unchanged == 1 and report.created == 0 and report.updated == 0
    assert list(CaseEvent.objects.values_list("pk", flat=True)) == before
    assert Case.objects.get().updated_at == updated_at


def test_a_changed_case_replaces_its_events(area, council):
    services.import_cases(lines_of(CHILD), area=area)
    changed = copy.deepcopy(CHILD)
    changed["events"].append({"type": "advice_received", "date": "2026-03-10", "from": "health"})

    report = services.import_cases(lines_of(changed), area=area)

    assert report.updated == 1
    assert Case.objects.count() == 1 and Person.objects.count() == 1
    assert CaseEvent.objects.count() == 6
    assert Milestone.objects.get(rule="advice:health").completed.isoformat() == "2026-03-10"


def test_new_cases_get_the_caseworker_named_for_their_id_and_a_changed_case_keeps_its_own(
    area, council, caseworker, manager
):
    team = [caseworker.pk, manager.pk]

    def of(case_id):
        return team[case_id % 2]

    services.import_cases(lines_of(CHILD, ELSEWHERE_IN_AREA), area=area, caseworker_of=of)
    first = dict(Case.objects.values_list("pk", "caseworker_id"))
    changed = copy.deepcopy(CHILD)
    changed["events"].append({"type": "advice_received", "date": "2026-03-10", "from": "health"})
    services.import_cases(lines_of(changed), area=area, caseworker_of=lambda case_id: None)

    assert len(first) == 2 and all(worker == of(pk) for pk, worker in first.items())
    assert dict(Case.objects.values_list("pk", "caseworker_id")) == first


def test_a_file_with_bad_lines_stores_nothing_and_reports_every_bad_line(area, council):
    bad_date = copy.deepcopy(CHILD)
    bad_date["case_ref"] = "NB-0002"
    bad_date["events"][0]["date"] = "5 January"
    lines = [*lines_of(CHILD), "{not json", *lines_of(bad_date), *lines_of(CHILD)]

    report = services.import_cases(lines, area=area)

    assert not report.ok
    assert report.errors[0].startswith("line 2: not valid JSON")
    assert report.errors[1].startswith("line 3: case NB-0002: events[0] (request_received)")
    assert report.errors[2] == "line 4: case NB-0001 appears again (first on line 1)"
    assert Case.objects.count() == 0 and Person.objects.count() == 0 and Milestone.objects.count() == 0


def test_a_dry_run_stores_nothing(area, council):
    report = services.import_cases(lines_of(CHILD), area=area, dry_run=True)

    assert report.ok and report.created == 1
    assert Case.objects.count() == 0


def test_export_of_an_import_is_the_same_case(area, council):
    obj = copy.deepcopy(CHILD)
    obj["person"]["hobby"] = {"kept": ["as", "given"]}
    obj["events"][0]["note"] = "unknown fields are kept"
    obj["source_system"] = "capita-one"
    services.import_cases(lines_of(obj), area=area)

    case = Case.objects.select_related("person").get()

    assert case_file_dict(case) == obj
    assert AccessLog.objects.count() == 0


def test_an_import_writes_one_audit_row_with_its_counts_and_the_cases_it_changed(area, council, caseworker):
    services.import_cases(lines_of(CHILD, ELSEWHERE_IN_AREA), area=area, by=caseworker)
    first, second = Case.objects.order_by("case_ref")
    renamed = copy.deepcopy(CHILD)
    renamed["person"]["given_name"] = "Lilly"
    newcomer = {**copy.deepcopy(ELSEWHERE_IN_AREA), "case_ref": "NB-0003"}

    services.import_cases(lines_of(renamed, ELSEWHERE_IN_AREA, newcomer), area=area, by=caseworker)

    runs = list(AuditEvent.objects.filter(verb=AuditVerb.CASE_IMPORTED).order_by("pk"))
    assert len(runs) == 2
    detail = runs[1].detail
    third = Case.objects.get(case_ref="NB-0003")
    assert (detail["lines"], detail["created"], detail["changed"], detail["unchanged"]) == (3, 1, 1, 1)
    assert (detail["cases_created"], detail["cases_changed"]) == ([third.pk], [first.pk])
    assert (runs[1].actor, runs[1].local_area) == (caseworker, area)
    assert runs[0].detail["cases_created"] == [first.pk, second.pk]


def test_a_refused_or_trial_import_writes_no_audit_row(area, council):
    bad = {**copy.deepcopy(CHILD), "events": [{"type": "request_received"}]}

    services.import_cases(lines_of(bad), area=area)
    services.import_cases(lines_of(CHILD), area=area, dry_run=True)

    assert not AuditEvent.objects.exists()


def test_every_person_field_the_case_file_names_is_a_column_an_import_writes_and_erasure_blanks():
    assert set(PERSON_FIELDS) <= set(Person.personal_fields())
    assert {"setting_urn", "secondary_needs"} <= set(Person.personal_fields())
    assert not {"id", "local_area", "extra"} & set(Person.personal_fields())


def test_the_refresh_writes_exactly_the_fields_the_case_calls_derived():
    from datetime import date

    from sendtrack.casework.services.milestones import derive_rows
    from sendtrack.statutory import parse_case

    derived = derive_rows(parse_case(copy.deepcopy(CHILD)), date(2026, 3, 16))
    assert set(derived.columns) == set(Case.DERIVED_FIELDS)
