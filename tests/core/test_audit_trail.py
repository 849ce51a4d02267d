"""The audit trail is insert-only: a row is written once, inside the change's transaction, and kept."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import ProtectedError

from sendtrack.core.audit import NOT_IN_A_TRANSACTION, audit
from sendtrack.core.insert_only import RowIsInsertOnly
from sendtrack.core.models import AuditEvent, AuditVerb


@pytest.fixture
def event(area, manager) -> AuditEvent:
    return audit(actor=manager, verb=AuditVerb.PLAN_PUBLISHED, local_area=area, detail={"version": 1})


def test_audit_writes_one_row_naming_who_did_what_where(event, area, manager):
    stored = AuditEvent.objects.get()
    assert (stored.verb, stored.actor, stored.local_area) == (AuditVerb.PLAN_PUBLISHED, manager, area)
    assert stored.detail == {"version": 1} and stored.at is not None


def test_the_subject_is_named_by_type_and_id_and_gives_its_local_area(area, manager):
    board = area.boards.create(name="SEND Partnership Board")
    stored = audit(actor=manager, verb=AuditVerb.BOARD_RECORDED, subject=board)
    assert (stored.subject_type, stored.subject_id) == ("improvement.board", str(board.pk))
    assert stored.local_area == area


def test_a_command_or_an_anonymous_user_is_recorded_as_no_actor(db):
    assert audit(actor=None, verb=AuditVerb.CASE_IMPORTED).actor is None
    assert audit(actor=AnonymousUser(), verb=AuditVerb.CASE_IMPORTED).actor is None


def test_dates_and_decimals_in_the_detail_are_stored_as_text(db):
    stored = audit(
        actor=None,
        verb=AuditVerb.MEASURE_POINT_RECORDED,
        detail={"on": dt.date(2026, 1, 5), "value": Decimal("61.50")},
    )
    stored = AuditEvent.objects.get(pk=stored.pk)
    assert stored.detail == {"on": "2026-01-05", "value": "61.50"}


def test_an_unknown_verb_is_refused(db):
    with pytest.raises(ValueError, match="not a valid AuditVerb"):
        audit(actor=None, verb="plan_deleted")
    assert not AuditEvent.objects.exists()


def test_a_row_saved_directly_with_an_unknown_verb_is_refused(db):
    with pytest.raises(ValueError, match="not a valid AuditVerb"), transaction.atomic():
        AuditEvent.objects.create(verb="plan_deleted")
    assert not AuditEvent.objects.exists()


def test_an_event_is_shown_by_its_verb_in_words_and_a_retired_verb_as_stored(event):
    assert str(event).startswith("Plan published at ")
    assert AuditEvent(verb="plan_archived").get_verb_display() == "plan_archived"


def test_the_verbs_are_not_in_the_migrations_so_a_new_verb_needs_none():
    _name, path, _args, kwargs = AuditEvent._meta.get_field("verb").deconstruct()
    assert (path, kwargs) == ("django.db.models.CharField", {"max_length": 40})


def test_an_event_cannot_be_changed(event):
    event.detail = {"version": 2}
    with pytest.raises(RowIsInsertOnly):
        event.save()
    with pytest.raises(RowIsInsertOnly):
        AuditEvent.objects.filter(pk=event.pk).update(detail={})
    with pytest.raises(RowIsInsertOnly), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["detail"])
    assert AuditEvent.objects.get().detail == {"version": 1}


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(RowIsInsertOnly):
        event.delete()
    with pytest.raises(RowIsInsertOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 1


def test_the_people_and_areas_named_in_the_trail_cannot_be_deleted(event, area, manager):
    with pytest.raises(ProtectedError):
        manager.delete()
    assert AuditEvent.objects.get().actor == manager


@pytest.mark.django_db(transaction=True)
def test_audit_refuses_to_write_outside_a_transaction():
    with pytest.raises(RuntimeError, match=re.escape(NOT_IN_A_TRANSACTION)):
        audit(actor=None, verb=AuditVerb.CASE_IMPORTED)
    with transaction.atomic():
        audit(actor=None, verb=AuditVerb.CASE_IMPORTED)
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_row_goes_when_the_change_it_records_is_rolled_back():
    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        audit(actor=None, verb=AuditVerb.CASE_IMPORTED)
        raise Rollback
    assert not AuditEvent.objects.exists()
