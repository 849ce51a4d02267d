"""Who may see which case: the one rule every page, export and API call uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from sendtrack.accounts.models import INVOLVED_ROLES, LA_CASE_ROLES, REPORTING_ROLES, Role
from sendtrack.accounts.selectors import current_memberships, la_case_areas

if TYPE_CHECKING:
    from sendtrack.accounts.models import User

# Event types addressed to an organisation: being asked makes that organisation involved.
ADDRESSED_EVENT_TYPES = ("advice_requested", "setting_consulted", "setting_responded", "advice_received")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> CaseQuerySet:
        """The cases this user may see. A case is visible when:

        - the user is a caseworker or SEND manager of the local authority of the case's area;
        - the user's organisation was asked for advice or consulted in the case (health advisor,
          designated clinical officer, social worker, educational psychologist, setting SENCO);
        - the user's organisation has a current, dated involvement in the case (same roles);
        - the user is a designated clinical officer in the case's area and health advice was requested;
        - the user is a parent, carer or the young person with a current family link to the person.

        Everyone else (board members, administrators, anonymous visitors) sees no case.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        event_model = apps.get_model("casework", "CaseEvent")
        involvement_model = apps.get_model("casework", "Involvement")
        family_link_model = apps.get_model("casework", "FamilyLink")
        today = timezone.localdate()
        memberships = current_memberships(user)
        involved_orgs = [m.organisation_id for m in memberships if m.role in INVOLVED_ROLES]
        dco_areas = [
            m.organisation.local_area_id for m in memberships if m.role == Role.DESIGNATED_CLINICAL_OFFICER
        ]

        condition = Q(pk__in=[])
        la_areas = [area.pk for area in la_case_areas(user)]
        if la_areas:
            condition |= Q(local_area_id__in=la_areas)
        if involved_orgs:
            condition |= Exists(
                event_model.objects.filter(
                    case=OuterRef("pk"), organisation_id__in=involved_orgs, type__in=ADDRESSED_EVENT_TYPES
                )
            )
            condition |= Exists(
                involvement_model.objects.filter(case=OuterRef("pk"), organisation_id__in=involved_orgs)
                .filter(started_on__lte=today)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
            )
        if dco_areas:
            condition |= Q(local_area_id__in=dco_areas) & Exists(
                event_model.objects.filter(case=OuterRef("pk"), type="advice_requested", data__from="health")
            )
        if not memberships or any(m.role == Role.PARENT for m in memberships):
            condition |= Exists(
                family_link_model.objects.current().filter(person=OuterRef("person_id"), user=user)
            )
        return self.filter(condition)

    def reported_to(self, user: User) -> CaseQuerySet:
        """Area-wide: every case of the areas where the user holds a reporting role.

        Reporting roles are SEND managers, caseworkers, designated clinical officers and board
        members; the figures built on this are aggregates, never one child's record.
        """
        if not getattr(user, "is_authenticated", False):
            return self.none()
        roles = REPORTING_ROLES | LA_CASE_ROLES
        areas = {m.organisation.local_area_id for m in current_memberships(user) if m.role in roles}
        return self.filter(local_area_id__in=areas)


class FamilyLinkQuerySet(models.QuerySet):
    def current(self) -> FamilyLinkQuerySet:
        today = timezone.localdate()
        return self.filter(started_on__lte=today).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))


class AccessLogQuerySet(models.QuerySet):
    """Access log rows are insert-only: bulk updates and deletes are refused."""

    def update(self, **kwargs: object) -> int:
        raise ValueError("Access log rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("Access log rows cannot be deleted")
