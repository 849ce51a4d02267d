from __future__ import annotations

from django.urls import reverse

from sendtrack.casework.forms import MISSING_DATE
from sendtrack.casework.models import CaseEvent, Milestone
from sendtrack.casework.services.events import ADVICE_NOT_REQUESTED, DATE_IN_FUTURE, FINAL_BEFORE_DRAFT
from sendtrack.core.models import AuditEvent, AuditVerb


def record(client, event_type, data):
    return client.post(reverse("casework:record-event", args=["NB-0001", event_type]), data)


def test_recording_advice_received_completes_the_advice_milestone(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(client, "advice_received", {"date": "2026-03-10", "adviser": "health"})

    assert response.status_code == 302
    milestone = Milestone.objects.get(case=child_case, rule="advice:health")
    assert milestone.completed.isoformat() == "2026-03-10" and milestone.status == "met"
    assert CaseEvent.objects.filter(case=child_case, type="advice_received").get().recorded_by == caseworker


def test_advice_cannot_be_received_before_it_was_requested(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(client, "advice_received", {"date": "2026-03-10", "adviser": "social_care"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert ADVICE_NOT_REQUESTED.format(agency="social care") in body
    assert not CaseEvent.objects.filter(type="advice_received").exists()


def test_a_date_in_the_future_is_refused(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(client, "draft_plan_issued", {"date": "2026-03-17"})

    assert DATE_IN_FUTURE in response.content.decode()


def test_a_final_plan_cannot_come_before_a_draft(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(client, "final_plan_issued", {"date": "2026-03-12"})

    assert FINAL_BEFORE_DRAFT in response.content.decode()


def test_a_missing_date_is_named_in_the_error_summary(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(client, "draft_plan_issued", {})

    assert 'href="#id_date"' in response.content.decode() and MISSING_DATE in response.content.decode()


def test_someone_who_may_see_but_not_change_the_case_gets_403(client, health_advisor, child_case):
    client.force_login(health_advisor)

    response = record(client, "draft_plan_issued", {"date": "2026-03-12"})

    assert response.status_code == 403


def test_a_correction_keeps_the_original_in_the_history(client, caseworker, child_case):
    client.force_login(caseworker)
    original = CaseEvent.objects.get(case=child_case, type="setting_consulted")
    url = reverse("casework:correct-event", args=["NB-0001", original.pk])

    response = client.post(
        url,
        {
            "date": "2026-02-21",
            "setting": original.organisation_id,
            "reason": "Consultation letter was sent a day later",
        },
    )

    assert response.status_code == 302
    correction = CaseEvent.objects.get(supersedes=original)
    assert correction.data["date"] == "2026-02-21" and correction.reason.startswith("Consultation")
    assert CaseEvent.objects.filter(pk=original.pk).exists()
    assert (
        Milestone.objects.get(case=child_case, rule="setting_response:131204").start.isoformat()
        == "2026-02-21"
    )
    page = client.get(reverse("casework:person", args=["NB-0001"])).content.decode()
    assert "Corrected" in page
    assert "Correction of an earlier event (" in page


def test_a_correction_needs_a_reason(client, caseworker, child_case):
    client.force_login(caseworker)
    original = CaseEvent.objects.get(case=child_case, type="setting_consulted")

    response = client.post(reverse("casework:correct-event", args=["NB-0001", original.pk]), {"remove": "on"})

    assert "Enter why the event is being corrected" in response.content.decode()
    assert not CaseEvent.objects.filter(supersedes=original).exists()


def test_a_school_closure_of_27_days_is_refused_because_its_end_is_the_reopening_date(
    client, caseworker, child_case
):
    client.force_login(caseworker)

    # Closed on Monday 2 February 2026, reopening on Sunday 1 March: 27 days closed.
    response = record(
        client, "exception", {"reason": "school_closure", "start": "2026-02-02", "end": "2026-03-01"}
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_end"' in body
    assert "end is the reopening date, so closed on 2026-02-02 and reopening on 2026-03-01 is 27 days" in body
    assert not CaseEvent.objects.filter(case=child_case, type="exception").exists()


def test_a_school_closure_reopening_28_days_after_it_began_is_recorded(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(
        client, "exception", {"reason": "school_closure", "start": "2026-02-02", "end": "2026-03-02"}
    )

    assert response.status_code == 302
    assert CaseEvent.objects.get(case=child_case, type="exception").data["end"] == "2026-03-02"


def test_recording_an_event_already_on_the_case_changes_no_milestone(client, caseworker, child_case):
    client.force_login(caseworker)
    before = list(Milestone.objects.filter(case=child_case).order_by("position").values_list("rule", "start"))

    # Educational psychology advice was already asked for on 11 February 2026.
    response = record(client, "advice_requested", {"date": "2026-02-11", "adviser": "educational_psychology"})

    assert response.status_code == 302
    after = list(Milestone.objects.filter(case=child_case).order_by("position").values_list("rule", "start"))
    assert after == before
    assert [rule for rule, _ in after].count("advice:educational_psychology") == 1


def test_recording_an_event_audits_the_event_as_stored(client, caseworker, child_case):
    client.force_login(caseworker)

    record(client, "advice_received", {"adviser": "health", "date": "2026-03-02"})

    event = CaseEvent.objects.get(case=child_case, type="advice_received")
    row = AuditEvent.objects.get(verb=AuditVerb.EVENT_RECORDED)
    assert (row.actor, row.subject_id, row.detail["event"]) == (caseworker, str(child_case.pk), event.pk)
    assert row.detail["changes"] == {"event": {"before": None, "after": event.data}}
    assert row.detail["changes"]["event"]["after"]["date"] == "2026-03-02"


def test_a_correction_audits_the_event_before_and_after_and_why(client, caseworker, child_case):
    client.force_login(caseworker)
    original = CaseEvent.objects.get(case=child_case, type="setting_consulted")

    client.post(
        reverse("casework:correct-event", args=["NB-0001", original.pk]),
        {"date": "2026-02-21", "setting": original.organisation_id, "reason": "The letter went a day later"},
    )

    row = AuditEvent.objects.get(verb=AuditVerb.EVENT_CORRECTED)
    change = row.detail["changes"]["event"]
    assert (change["before"]["date"], change["after"]["date"]) == ("2026-02-20", "2026-02-21")
    assert row.detail["reason"] == "The letter went a day later"
    assert row.detail["corrects"] == original.pk


def test_removing_an_event_audits_it_with_nothing_after(client, caseworker, child_case):
    client.force_login(caseworker)
    original = CaseEvent.objects.get(case=child_case, type="setting_consulted")

    client.post(
        reverse("casework:correct-event", args=["NB-0001", original.pk]),
        {"remove": "on", "reason": "Recorded on the wrong child"},
    )

    change = AuditEvent.objects.get(verb=AuditVerb.EVENT_CORRECTED).detail["changes"]["event"]
    assert change == {"before": original.data, "after": None}


def test_a_request_records_whether_it_came_from_relevant_youth_accommodation(client, caseworker, child_case):
    client.force_login(caseworker)

    response = record(
        client, "request_received", {"date": "2026-03-12", "source": "young_person", "rya": "on"}
    )

    assert response.status_code == 302
    event = CaseEvent.objects.filter(case=child_case, type="request_received").order_by("-pk").first()
    assert event.data["rya"] is True and event.data["source"] == "young_person"
