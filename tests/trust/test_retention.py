"""Retention: `sendtrack retention` erases a person's record after their 31st birthday, except
under a legal hold; --dry-run only lists; the access log keeps pointing at a tombstone."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from sendtrack.casework.models import AccessLog, Case, CaseEvent, FamilyLink, Milestone, Person
from sendtrack.core.models import LegalHold, RecordClass, RetentionPeriod
from tests.trust.casework_cast import *  # noqa: F403

# Ben Clarke (NB-0002) was born 2 February 2014: 31 on 2 February 2045. Lily Brown: 30 April 2047.


def run(*args):
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def records(child_case, uninvolved_case, family_link, caseworker):
    for case in (child_case, uninvolved_case):
        AccessLog.objects.create(actor=caseworker, case=case, person=case.person, action="viewed record")
    return child_case, uninvolved_case


def test_dry_run_lists_what_would_go_and_changes_nothing(records):
    output = run("--as-of", "2046-01-01", "--dry-run")
    assert "Would erase case NB-0002" in output and "NB-0001" not in output
    assert "Would erase 1 persons (1 cases)" in output
    assert Person.objects.filter(family_name="Clarke").exists()


def test_nothing_goes_before_the_31st_birthday(records):
    assert "Erased 0 persons" in run("--as-of", "2045-02-01")
    assert Person.objects.filter(family_name="Clarke").exists()


def test_the_real_run_erases_and_keeps_a_tombstone_for_the_access_log(records):
    child_case, ben_case = records
    output = run("--as-of", "2045-02-02")
    assert "Erased 1 persons (1 cases)" in output
    assert "casework.CaseEvent" in output
    tombstone = Person.objects.get(pk=ben_case.person_id)
    assert (tombstone.given_name, tombstone.family_name, tombstone.date_of_birth, tombstone.ref) == (
        None,
        None,
        None,
        None,
    )
    assert Case.objects.get(pk=ben_case.pk).case_ref == f"ERASED-{ben_case.pk}"
    assert not CaseEvent.objects.filter(case=ben_case).exists()
    assert not Milestone.objects.filter(case=ben_case).exists()
    assert AccessLog.objects.filter(case=ben_case, person=tombstone).count() == 1
    # Lily's record is untouched, and a second run changes nothing.
    assert CaseEvent.objects.filter(case=child_case).count() == 5
    assert "Erased 0 persons" in run("--as-of", "2045-02-02")


def test_a_legal_hold_keeps_the_record(records, manager):
    child_case, ben_case = records
    LegalHold.objects.create(person=ben_case.person, reason="Tribunal appeal", placed_by=manager)
    output = run("--as-of", "2048-01-01")
    assert "Erased 1 persons" in output and "1 kept under a legal hold" in output
    assert Person.objects.filter(family_name="Clarke").exists()
    assert not Person.objects.filter(family_name="Brown").exists()
    assert not FamilyLink.objects.filter(person=child_case.person).exists()


def test_the_schedule_can_set_another_age(records):
    RetentionPeriod.objects.create(record_class=RecordClass.CASE_RECORD, keep_until_age=25)
    assert "Would erase case NB-0002" in run("--as-of", "2039-02-02", "--dry-run")
