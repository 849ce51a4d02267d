"""The person page's tables are written in Python (`person_tables`, `person_reads`) and the family
panel skips its lists when there is nothing to show: the page must be byte for byte what the
template (`before/person.html`, the template as it was, over the ORM's rows) made of the same
records: corrections and a removal, a dateless exception, forecasts, the family panel full and
empty, names that need escaping, and a case with no time limits."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from sendtrack.casework import access, forecasts, services
from sendtrack.casework.forms import EVENT_LABELS
from sendtrack.casework.links import CaseLinks, correct_event_url, record_event_url
from sendtrack.casework.models import Case, CaseEvent
from sendtrack.casework.selectors import STAGE_LABELS, case_timeline
from sendtrack.casework.views.cases import NEXT_EVENTS
from sendtrack.portal.models import DraftResponse, FamilyInvitation
from sendtrack.portal.selectors import family_panel
from tests.casework.conftest import import_objects

BEFORE = (Path(__file__).parent / "before" / "person.html").read_text(encoding="utf-8")
TOKEN = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def old_page(user, case: Case, path: str) -> str:
    """The page as the template rendered it, from the ORM's rows (the view as it was)."""
    case = Case.objects.select_related("person", "person__setting", "caseworker", "local_area").get(
        pk=case.pk
    )
    may_change = access.may_change_case(user, case)
    timeline = case_timeline(case)
    person_url = CaseLinks().person(case.case_ref)
    for event in timeline["events"]:
        event.correct_url = correct_event_url(person_url, event.pk)
    if forecasts.FORECAST.shown([case.local_area_id]):
        steps = forecasts.FORECAST.of_case(case)
        for milestone in timeline["milestones"]:
            milestone.forecast = steps.get((milestone.rule, milestone.start))
    context = {
        "case": case,
        "person": case.person,
        "stage": STAGE_LABELS.get(case.stage, case.stage),
        "may_change": may_change,
        "may_administer": access.may_administer_case(user, case),
        "may_see_documents": access.may_see_documents(user, case),
        "next_events": [
            (record_event_url(person_url, t), EVENT_LABELS[t]) for t in NEXT_EVENTS.get(case.stage, [])
        ],
        "all_events": [(record_event_url(person_url, t), label) for t, label in EVENT_LABELS.items()],
        **timeline,
        **family_panel(case),
    }
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    template = BEFORE.replace("{% family_panel case %}", '{% include "portal/_person_panel.html" %}')
    return engines["django"].from_string(template).render(context, request)


def same_page(client, user, case: Case) -> str:
    client.force_login(user)
    path = reverse("casework:person", args=[case.case_ref])
    response = client.get(path)
    assert response.status_code == 200
    new = TOKEN.sub(r"\1T", response.content.decode())
    old = TOKEN.sub(r"\1T", old_page(user, case, path))
    assert new == old
    return new


@pytest.fixture
def rich_case(child_case, caseworker, parent, family_link):
    caseworker.full_name = "Tom O'Neil & <Sons>"
    caseworker.save()
    services.record_event(
        case=child_case,
        by=caseworker,
        event={
            "type": "exception",
            "reason": "exceptional_personal_circumstances",
            "start": "2026-02-12",
            "end": "2026-02-26",
        },
    )
    services.record_event(
        case=child_case,
        by=caseworker,
        event={"type": "advice_received", "date": "2026-03-02", "from": "health"},
    )
    services.correct_event(
        case=child_case,
        by=caseworker,
        original=CaseEvent.objects.get(case=child_case, type="setting_consulted"),
        event={"type": "setting_consulted", "date": "2026-02-21", "setting": "131204"},
        reason="The letter went a day later <b>\"late\"</b> & 'then'",
    )
    services.correct_event(
        case=child_case,
        by=caseworker,
        original=CaseEvent.objects.get(case=child_case, type="advice_received"),
        event=None,
        reason="Recorded on the wrong child",
    )
    FamilyInvitation.objects.create(
        person=child_case.person,
        email="gran@example.org",
        full_name="Rose <Brown> & co",
        relationship="carer",
        invited_by=caseworker,
    )
    DraftResponse.objects.create(
        case=child_case,
        draft_issued_on=dt.date(2026, 3, 1),
        submitted_by=parent,
        views="More speech & language\ntherapy <please>",
        preferred_setting="Oakfield Primary School",
    )
    return child_case


@pytest.fixture
def with_forecasts(monkeypatch):
    """Every open step forecast: one with an expected date, one excepted without, one with no chance."""

    def of_case(case):
        found = {}
        for n, m in enumerate(case.milestones.filter(completed__isnull=True).order_by("position")):
            found[(m.rule, m.start)] = SimpleNamespace(
                chance_late=None if n == 2 else 0.4567 - n / 10,
                expected=dt.date(2026, 4, 2) if n == 0 else None,
                earliest=dt.date(2026, 3, 30),
                latest=dt.date(2026, 4, 20),
                reason=f"Likely late because <advice> & {m.rule}",
                excepted=n == 1,
            )
        return found

    readers = forecasts.ForecastReaders(shown=lambda areas: True, of_case=of_case)
    monkeypatch.setattr(forecasts, "FORECAST", readers)


def test_a_rich_record_is_the_same_page_for_the_caseworker(client, caseworker, rich_case, with_forecasts):
    page = same_page(client, caseworker, rich_case)

    for shown in (
        "Corrected</strong>",
        "12 February 2026 to 26 February 2026",
        "&lt;b&gt;&quot;late&quot;&lt;/b&gt; &amp; &#x27;then&#x27;",
        "by Tom O&#x27;Neil &amp; &lt;Sons&gt;",
        "46% chance of being late</strong>; expected by 2 April 2026",
        "An exception is recorded",
        "Rose &lt;Brown&gt; &amp; co",
        "therapy &lt;please&gt;",
        "Alex Morgan",
        "/correct/",
    ):
        assert shown in page, shown


def test_a_rich_record_is_the_same_page_for_a_health_advisor(client, health_advisor, rich_case):
    same_page(client, health_advisor, rich_case)


def test_a_record_with_an_empty_family_panel_is_the_same_page(client, caseworker, manager, child_case):
    same_page(client, caseworker, child_case)
    same_page(client, manager, child_case)


def test_a_record_with_no_events_is_the_same_page(client, caseworker, area):
    import_objects(
        [{"case_ref": "NB-0002", "person": {"ref": "P0002", "given_name": "Zoë & <Max>"}, "events": []}], area
    )
    same_page(client, caseworker, Case.objects.get(case_ref="NB-0002"))


def test_the_family_panel_check_finds_each_kind_of_record(caseworker, parent, child_case):
    from sendtrack.portal.selectors import family_panel_has_anything

    assert not family_panel_has_anything(child_case)
    invitation = FamilyInvitation.objects.create(
        person=child_case.person,
        email="a@example.org",
        full_name="A",
        relationship="carer",
        invited_by=caseworker,
    )
    assert family_panel_has_anything(child_case)
    invitation.accepted_at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    invitation.save()
    assert not family_panel_has_anything(child_case)
    DraftResponse.objects.create(case=child_case, submitted_by=parent, views="Yes")
    assert family_panel_has_anything(child_case)
