"""What families and the partnership exchange: invitations, responses to drafts, updates and surveys.

The case, its events and its milestones belong to casework; this app only adds what a family does
with them and what was sent to them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sendtrack.accounts.models import LocalArea


class Relationship(models.TextChoices):
    """The same words as casework's FamilyLink.Relationship."""

    PARENT = "parent", "Parent"
    CARER = "carer", "Carer"
    YOUNG_PERSON = "young_person", "Young person"


class FamilyInvitation(models.Model):
    """A caseworker's invitation for a parent, carer or the young person to see a person's record."""

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="family_invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    # For a young person: the council confirmed they are 16 or over and may have their own access.
    council_decision_confirmed = models.BooleanField(default=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_relationship_display()} invitation to {self.email}"


class DraftResponse(models.Model):
    """A family's views on a draft plan and the school or college they would like named."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="draft_responses")
    draft_event = models.ForeignKey(
        "casework.CaseEvent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        "casework.CaseDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    draft_issued_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    views = models.TextField()
    preferred_setting = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["case", "submitted_at"], name="draftresponse_case_idx")]

    def __str__(self) -> str:
        return f"Response to the draft plan of {self.case_id}"


class NotificationKind(models.TextChoices):
    MILESTONE_COMPLETED = "milestone_completed", "A step was completed"
    MILESTONE_OVERDUE = "milestone_overdue", "A step is late"
    NO_CHANGE = "no_change", "Nothing has changed"


class FamilyNotification(models.Model):
    """An email sent to a family member. One row per email, so each is sent once.

    `milestone_key` names what the email is about: the milestone's rule, journey and start for a
    milestone email; the 4-week period for a "nothing has changed" email.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="family_notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    milestone_key = models.CharField(max_length=200)
    # The day the email is about (the run's as-of date): "nothing has changed" counts 4 weeks from it.
    as_of = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "case", "kind", "milestone_key"], name="family_notification_sent_once"
            ),
        ]
        indexes = [models.Index(fields=["case", "user", "sent_at"], name="familynotification_case_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.milestone_key}"


class SurveyMoment(models.TextChoices):
    PLAN_ISSUED = "plan_issued", "After a final plan is issued"
    ANY_TIME = "any_time", "At any time"


class Survey(models.Model):
    """A short survey the partnership runs, for example after a plan is issued."""

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="surveys")
    title = models.CharField(max_length=200)
    moment = models.CharField(max_length=20, choices=SurveyMoment.choices, default=SurveyMoment.ANY_TIME)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    # "You said, we did": the improvement-plan action that answers what families told us.
    action = models.ForeignKey(
        "improvement.Action", on_delete=models.SET_NULL, null=True, blank=True, related_name="surveys"
    )
    we_did = models.TextField("what the partnership did about it", blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SCALE = "scale", "A score from 1 (very poor) to 5 (very good)"
    YES_NO = "yes_no", "Yes or no"
    TEXT = "text", "Their own words"


class SurveyQuestion(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    case = models.ForeignKey(
        "casework.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="survey_responses"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Response to {self.survey_id}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"
