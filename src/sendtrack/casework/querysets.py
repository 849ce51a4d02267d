"""Querysets of casework's models. Who may see a case is decided in `casework/access.py`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from sendtrack.accounts.models import User


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user: User | AnonymousUser) -> CaseQuerySet:
        """The cases this user may see: the rule is `access.visible_cases`."""
        from sendtrack.casework import access  # access reads the models this module is part of

        return access.visible_cases(self, user)

    def reported_to(self, user: User | AnonymousUser) -> CaseQuerySet:
        """Every case of the areas whose figures this user may see: the rule is `access.reported_cases`."""
        from sendtrack.casework import access

        return access.reported_cases(self, user)


class FamilyLinkQuerySet(models.QuerySet):
    def current(self) -> FamilyLinkQuerySet:
        today = timezone.localdate()
        return self.filter(started_on__lte=today).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
