from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from sendtrack.core.fields import CodeField


class MessageKind(models.TextChoices):
    INVITATION = "invitation", "Invitation to follow a child's EHC work"
    FAMILY_UPDATE = "family_update", "Family update"
    DECISION_LETTER = "decision_letter", "Decision letter"
    PLAN_CONFIRMATION = "plan_confirmation", "Request to confirm sections of a draft EHC plan"


class UndeliveredMessage(models.Model):
    """A message the sending service refused or could not take: kept so staff can put it right."""

    kind = CodeField(max_length=32, codes=MessageKind)
    local_area = models.ForeignKey(
        "accounts.LocalArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField(
        max_length=320, help_text="The email address or the first line of the postal address"
    )
    reason = models.TextField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    if TYPE_CHECKING:

        def get_kind_display(self) -> str: ...  # made by CodeField

    def __str__(self) -> str:
        return f"{self.get_kind_display()} not delivered"
