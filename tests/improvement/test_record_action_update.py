"""Recording a progress update on an action: who may, what a change of RAG needs, what is kept."""

from __future__ import annotations

from django.urls import reverse

from sendtrack.improvement.models import ActionUpdate
from sendtrack.improvement.services.action_updates import RAG_REASON_REQUIRED


def _url(plan, ref: str) -> str:
    return reverse("improvement:record-action-update", args=[plan.pk, ref])


def test_a_change_of_rag_needs_a_reason(client, plan, manager):
    client.force_login(manager)
    url = _url(plan, "1.1")
    response = client.post(url, {"status": "not_started", "rag": "red", "narrative": "", "reason": ""})
    assert response.status_code == 400 and RAG_REASON_REQUIRED in response.content.decode()

    response = client.post(url, {"status": "not_started", "rag": "red", "reason": "No lead officer yet"})
    assert response.status_code == 302
    update = ActionUpdate.objects.filter(action__ref="1.1").latest("pk")
    assert (update.rag_from, update.rag, update.reason, update.recorded_by) == (
        "amber",
        "red",
        "No lead officer yet",
        manager,
    )


def test_a_board_member_reads_but_does_not_update(client, plan, read_only_officer):
    client.force_login(read_only_officer)
    url = _url(plan, "1.1")
    assert client.post(url, {"status": "complete", "rag": "amber", "narrative": "x"}).status_code == 403


def test_members_of_the_lead_organisation_update_their_own_actions(client, plan, area):
    from sendtrack.accounts.models import Role
    from tests.factories import OrganisationFactory, member

    forum = OrganisationFactory(local_area=area, name="Parent Carer Forum")
    chair = member("chair@forum.example", Role.BOARD_MEMBER, forum, "Jan Brook")
    client.force_login(chair)
    theirs = plan.actions.filter(organisation="Parent Carer Forum").first()
    others = plan.actions.exclude(organisation="Parent Carer Forum").first()
    data = {"status": theirs.status, "rag": theirs.rag, "narrative": "Forum survey closed"}
    assert client.post(_url(plan, theirs.ref), data).status_code == 302
    data["status"], data["rag"] = others.status, others.rag
    assert client.post(_url(plan, others.ref), data).status_code == 403
