"""Drawing children: a rehearsal meets the quotas and spreads over needs and ages; a theme draws by
its filter; the leads record the family's consent."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from sendtrack.casework.models import Case
from sendtrack.casework.services import import_cases
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.demo.generator import generate_cases
from sendtrack.inspection.models import Consent, Sample, TrackedChild
from sendtrack.inspection.sampling import Candidate, Quotas, age_band, draw
from sendtrack.inspection.tracking_selectors import themed_cases
from sendtrack.inspection.tracking_services import draw_themed, name_lead


def people(count: int, **facts: object) -> list[Candidate]:
    needs = ["ASD", "SEMH", "SLCN", "MLD", "SPLD", "PD"]
    return [
        Candidate(
            case_ref=f"{facts.get('prefix', 'C')}{n}",
            need=str(facts.get("need", needs[n % len(needs)])),
            age=int(facts.get("age", 3 + (n * 3) % 20)),  # type: ignore[call-overload]
            alternative_provision=bool(facts.get("ap", False)),
            sen_support=bool(facts.get("sen", False)),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("seed", range(20))
def test_a_rehearsal_meets_the_quotas_with_six_different_children(seed):
    pool = (
        people(200) + people(3, prefix="AP", ap=True, need="SEMH", age=14) + people(30, prefix="S", sen=True)
    )
    result = draw(pool, quotas=Quotas(), seed=seed)
    chosen = result.chosen
    assert len({c.case_ref for c in chosen}) == 6 and not result.shortfalls
    assert sum(c.alternative_provision for c in chosen) >= 1
    assert sum(c.sen_support for c in chosen) >= 2
    assert len({c.need for c in chosen}) >= 5  # six needs are on offer: the spread prefers new ones
    assert len({age_band(c.age) for c in chosen}) >= 3


def test_a_quota_the_lists_cannot_meet_is_named():
    result = draw(people(40), quotas=Quotas(), seed=1)
    assert len(result.chosen) == 6
    assert any("alternative provision" in s for s in result.shortfalls)
    assert any("SEN support" in s for s in result.shortfalls)


def test_two_seeds_draw_differently_and_one_seed_the_same():
    pool = people(300)
    assert draw(pool, quotas=Quotas(), seed=1).chosen == draw(pool, quotas=Quotas(), seed=1).chosen
    assert draw(pool, quotas=Quotas(), seed=1).chosen != draw(pool, quotas=Quotas(), seed=2).chosen


@pytest.fixture
def generated(area, notification):
    cases = list(generate_cases("999", 150, 3, dt.date(2026, 5, 1)))
    assert import_cases((json.dumps(c) for c in cases), area=area, as_of=dt.date(2026, 5, 1)).ok
    return cases


def test_plans_issued_in_the_last_12_months_are_found_by_an_independent_count(
    generated, notification, manager, caseworker
):
    day = notification.notified_on
    expected = {
        c["case_ref"]
        for c in generated
        if any(
            e["type"] == "final_plan_issued"
            and day - dt.timedelta(days=365) < dt.date.fromisoformat(e["date"]) <= day
            for e in c["events"]
        )
    }
    assert expected
    assert set(themed_cases(notification, Sample.PLANS_ISSUED).values_list("case_ref", flat=True)) == expected
    name_lead(notification=notification, user=caseworker, by=manager)
    chosen, found = draw_themed(notification=notification, theme=Sample.PLANS_ISSUED, by=caseworker, seed=4)
    assert found == len(expected) and len(chosen) == min(6, found)
    assert {t.case.case_ref for t in chosen} <= expected


def test_reviews_overdue_on_the_day_of_the_call(generated, notification):
    overdue = themed_cases(notification, Sample.REVIEWS_OVERDUE)
    assert overdue.exists()
    for case in overdue:
        assert case.milestones.filter(rule_name="annual_review", due__lt=notification.notified_on).exists()


def test_a_lead_draws_a_rehearsal_and_records_consent(client, generated, notification, manager, caseworker):
    name_lead(notification=notification, user=caseworker, by=manager)
    client.force_login(caseworker)
    response = client.post(reverse("inspection:draw-rehearsal", args=[notification.pk]))
    assert response.status_code == 302
    drawn = list(TrackedChild.objects.filter(sample=Sample.REHEARSAL))
    assert 1 <= len(drawn) <= 6
    assert all(t.case.local_area_id == notification.inspection.local_area_id for t in drawn)
    first = drawn[0]
    client.post(reverse("inspection:record-consent", args=[notification.pk, first.pk]), {"consent": "given"})
    first.refresh_from_db()
    assert first.consent == Consent.GIVEN and first.consent_on is not None
    assert AuditEvent.objects.filter(verb=AuditVerb.TRACKING_CONSENT_RECORDED).count() == 1
    page = client.get(reverse("inspection:tracking", args=[notification.pk])).content.decode()
    assert "Drawn at random for a rehearsal" in page and first.case.case_ref in page
    assert Case.objects.filter(pk=first.case_id).exists()
