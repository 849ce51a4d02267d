"""Persons, their cases, the events of each case and what the statutory engine derives from them.

Who may see a case is decided in one place: `casework/access.py` (`Case.objects.visible_to(user)`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, Organisation
from sendtrack.casework.querysets import CaseQuerySet, FamilyLinkQuerySet
from sendtrack.interchange.sen2_codes import (
    ETHNICITY_CHOICES,
    RESIDENTIAL_CHOICES,
    UPN_UNKNOWN_CHOICES,
)
from sendtrack.statutory import labels

# SEN2 primary need codes (DfE SEN2 guide), in the DfE's order.
NEED_CHOICES = [
    ("SPLD", "Specific learning difficulty"),
    ("MLD", "Moderate learning difficulty"),
    ("SLD", "Severe learning difficulty"),
    ("PMLD", "Profound and multiple learning difficulty"),
    ("SEMH", "Social, emotional and mental health"),
    ("SLCN", "Speech, language and communication needs"),
    ("HI", "Hearing impairment"),
    ("VI", "Vision impairment"),
    ("MSI", "Multi-sensory impairment"),
    ("PD", "Physical disability"),
    ("ASD", "Autistic spectrum disorder"),
    ("OTH", "Other difficulty or disability"),
    ("NSA", "SEN support but no specialist assessment of type of need"),
]


def _where_set(name: str, *fields: str) -> models.Index:
    """An index of a mostly empty foreign key, on the rows where it is set: nearly free to build after
    a large import, and still used by every lookup of a value (which implies it is set)."""
    return models.Index(fields=list(fields), name=name, condition=models.Q(**{f"{fields[0]}__isnull": False}))


# A foreign key indexed in Meta.indexes (by an index it leads, or one on the rows where it is set).
OPTIONAL_INDEXED_BELOW: dict[str, Any] = {"null": True, "blank": True, "db_index": False}


class Stage(models.TextChoices):
    """Where a case's latest request has got to. The first six are the tracker's stages."""

    RECEIVED = "received", "Received"
    ASSESSING = "assessing", "Assessing"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision to issue"
    DRAFT_ISSUED = "draft_issued", "Draft issued"
    CONSULTATION = "consultation", "Consultation"
    FINAL_ISSUED = "final_issued", "Final plan issued"
    REFUSED = "refused", "Refused"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NO_REQUEST = "no_request", "No request"


OPEN_STAGES = (
    Stage.RECEIVED,
    Stage.ASSESSING,
    Stage.AWAITING_DECISION,
    Stage.DRAFT_ISSUED,
    Stage.CONSULTATION,
)
TRACKER_STAGES = (*OPEN_STAGES, Stage.FINAL_ISSUED)


class Person(models.Model):
    """A child or young person (0 to 25). Fields the case file does not name are kept in `extra`.

    A text field that is None was absent from the case file; export leaves it out again.
    """

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="persons")
    ref = models.CharField("person reference", max_length=64, null=True, blank=True)
    given_name = models.CharField(max_length=100, null=True, blank=True)
    family_name = models.CharField(max_length=100, null=True, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    upn = models.CharField("UPN", max_length=13, null=True, blank=True)
    uln = models.CharField("ULN", max_length=10, null=True, blank=True)
    sex = models.CharField(max_length=20, null=True, blank=True)
    postcode = models.CharField(max_length=10, null=True, blank=True)
    primary_need = models.CharField(max_length=4, null=True, blank=True, choices=NEED_CHOICES)
    secondary_needs = models.JSONField(null=True, blank=True)
    setting_urn = models.CharField("setting URN or UKPRN", max_length=12, null=True, blank=True)
    setting = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="pupils"
    )
    # What the SEN2 return needs beyond the case file's original fields (SEN2 notes §2.3, §2.6).
    ethnicity = models.CharField(max_length=4, null=True, blank=True, choices=ETHNICITY_CHOICES)
    upn_unknown = models.CharField(
        "reason there is no UPN", max_length=4, null=True, blank=True, choices=UPN_UNKNOWN_CHOICES
    )
    personal_budget = models.BooleanField("personal budget taken up", null=True, blank=True)
    residential = models.CharField(
        "residential placement", max_length=1, null=True, blank=True, choices=RESIDENTIAL_CHOICES
    )
    sen_unit = models.BooleanField("placed in a SEN unit", null=True, blank=True)
    resourced_provision = models.BooleanField("placed in resourced provision", null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_area", "ref"],
                name="person_ref_unique_in_area",
                condition=models.Q(ref__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        name = " ".join(n for n in (self.given_name, self.family_name) if n)
        return name or self.ref or f"Person {self.pk}"

    @classmethod
    def personal_fields(cls) -> tuple[str, ...]:
        """Every field that says something about the person: what an import writes, erasure blanks.

        Read from the model, so a field added here is written and erased without another list.
        """
        return tuple(f.name for f in cls._meta.concrete_fields if f.name not in ("id", "local_area", "extra"))

    @property
    def secondary_needs_text(self) -> str:
        """ "multi-sensory impairment and hearing impairment", from the SEN2 codes."""
        names = dict(NEED_CHOICES)
        needs = self.secondary_needs or []
        return labels.join_words(labels.lower_first(names.get(str(code), str(code))) for code in needs)


class Case(models.Model):
    """A person's statutory record with one local area.

    `stage`, `open`, `request_received`, `next_due` and `next_due_rule` are derived from the events
    by `refresh_milestones` and never edited by hand. `version` goes up on every change of the case
    details, so two people editing at once cannot overwrite each other.
    """

    # Written only by the milestone refresh (and an import, which runs it); read-only everywhere else.
    DERIVED_FIELDS = ("stage", "open", "request_received", "next_due", "next_due_rule", "milestones_as_of")

    # Indexed by the unique (local_area, case_ref) constraint.
    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="cases", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    case_ref = models.CharField(max_length=64)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    extra = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Derived from the events.
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NO_REQUEST)
    open = models.BooleanField(default=False)
    request_received = models.DateField(null=True, blank=True)
    next_due = models.DateField(null=True, blank=True)
    next_due_rule = models.CharField(max_length=60, blank=True)
    milestones_as_of = models.DateField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["case_ref"]
        constraints = [
            models.UniqueConstraint(fields=["local_area", "case_ref"], name="case_ref_unique_in_area"),
        ]
        indexes = [
            models.Index(fields=["local_area", "open", "next_due"], name="case_tracker_idx"),
            models.Index(fields=["local_area", "stage"], name="case_stage_idx"),
        ]

    def __str__(self) -> str:
        return self.case_ref

    def get_absolute_url(self) -> str:
        return reverse("casework:person", args=[self.case_ref])


class PanelMeeting(models.Model):
    """A multi-agency panel meeting where assessment and plan decisions are made."""

    AGENCIES = [(code, labels.agency_label(code)) for code in ("education", "health", "social_care")]

    local_area = models.ForeignKey(LocalArea, on_delete=models.PROTECT, related_name="panel_meetings")
    held_on = models.DateField()
    name = models.CharField(max_length=120, default="EHC panel")
    agencies_present = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "pk"]
        indexes = [models.Index(fields=["local_area", "held_on"], name="panel_area_date_idx")]

    def __str__(self) -> str:
        return f"{self.name}, {self.held_on:%d %B %Y}"

    @property
    def agencies_text(self) -> str:
        return labels.agencies_in_words(self.agencies_present or [])

    @property
    def all_agencies_present(self) -> bool:
        return {"education", "health", "social_care"} <= set(self.agencies_present or [])


class CaseEvent(models.Model):
    """One event of docs/spec/case-events.md, kept exactly as given in `data`.

    Append-only: a wrong event is corrected by a new event whose `supersedes` points at it, with who,
    when and why. A correction of type `removed` takes an event out without replacing it.
    """

    REMOVED = "removed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", db_index=False)
    type = models.CharField(max_length=40)
    date = models.DateField(null=True, blank=True)
    data = models.JSONField()
    position = models.PositiveIntegerField(default=0)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, related_name="case_events", **OPTIONAL_INDEXED_BELOW
    )
    panel_meeting = models.ForeignKey(
        PanelMeeting, on_delete=models.SET_NULL, related_name="decisions", **OPTIONAL_INDEXED_BELOW
    )
    # For decisions: True when education, health and social care were not all present (None: no panel named).
    panel_incomplete = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", **OPTIONAL_INDEXED_BELOW
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    supersedes = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="corrections", **OPTIONAL_INDEXED_BELOW
    )
    reason = models.TextField(blank=True)

    # Not a column: where the person page's correction form posts, set for staff who may change the case.
    correct_url: str

    class Meta:
        ordering = ["position", "pk"]
        indexes = [
            _where_set("event_organisation_idx", "organisation", "type"),
            models.Index(fields=["case", "position"], name="event_case_idx"),
            models.Index(fields=["type", "date"], name="event_type_date_idx"),
            _where_set("event_panel_meeting_idx", "panel_meeting"),
            _where_set("event_recorded_by_idx", "recorded_by"),
            _where_set("event_supersedes_idx", "supersedes"),
            # The decisions of a run of cases, for the KPI count (performance/tally_sql.py), by case: a
            # case's events share pages. (As OR, not IN: PostgreSQL gives an IN back in another form.)
            models.Index(
                fields=["case"],
                name="event_decision_case_idx",
                condition=models.Q(type="assessment_decision") | models.Q(type="plan_decision"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.date or ''}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Case events cannot be changed: record a correction instead")
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return labels.event_label(self.type)

    @property
    def outcome_text(self) -> str:
        """ "Decided to assess", "Decided not to issue a plan"."""
        return labels.outcome_sentence(self.type, str(self.data.get("outcome", "")))

    @property
    def panel_text(self) -> str:
        return labels.agencies_in_words(self.data.get("panel") or [])

    @property
    def description(self) -> str:
        """The event as a sentence, its setting or adviser named (select `organisation` with it)."""
        organisation = self.organisation.name if self.organisation is not None else None
        return describe_event(self.type, self.data, organisation)


def describe_event(event_type: str, data: dict[str, Any], organisation: str | None) -> str:
    """An event as a sentence; `organisation` (the name of the event's organisation, None when it has
    none) names the setting consulted or the body asked for advice."""
    fields = {k: v for k, v in data.items() if k not in ("type", "date")}
    names = {}
    if organisation is not None:
        for key in ("setting", "to"):
            if fields.get(key):
                names[str(fields[key]).strip()] = organisation
    return labels.describe_event(event_type, fields, names)


class Milestone(models.Model):
    """A statutory time limit of a case as the engine worked it out at the last refresh.

    `status` is as of `Case.milestones_as_of`: selectors judge overdue from `due` and today.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="milestones", db_index=False)
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+", db_index=False)
    rule = models.CharField(max_length=80)
    rule_name = models.CharField(max_length=40)
    journey = models.DateField(null=True, blank=True)
    start = models.DateField()
    due = models.DateField()
    completed = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20)
    days_late = models.IntegerField(default=0)
    excepted = models.BooleanField(default=False)
    basis = models.CharField(max_length=20)
    citation = models.CharField(max_length=300)
    explanation = models.TextField()
    rule_set = models.CharField(max_length=60, blank=True)
    waiting_on = models.CharField(max_length=60, blank=True)
    exceptions = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Who the advice was asked of, or the setting consulted, when known.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, related_name="+", **OPTIONAL_INDEXED_BELOW
    )

    class Meta:
        ordering = ["case", "position"]
        indexes = [
            models.Index(fields=["local_area", "rule_name", "due"], name="milestone_area_rule_due_idx"),
            models.Index(fields=["local_area", "completed"], name="milestone_area_completed_idx"),
            models.Index(fields=["case"], name="milestone_case_idx"),
            _where_set("milestone_organisation_idx", "organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} due {self.due}"

    @property
    def status_label(self) -> str:
        return labels.status_label(self.status)

    @property
    def label(self) -> str:
        """ "Education advice from Oakfield Primary School" (select `organisation` with it)."""
        organisation = self.organisation.name if self.organisation else ""
        return labels.milestone_label(self.rule, organisation)

    @property
    def waiting_on_label(self) -> str:
        """Who must act: "Social care"; a setting by name (select `organisation` with it)."""
        if self.rule_name == "setting_response" and self.organisation is not None:
            return self.organisation.name
        return labels.waiting_on_label(self.waiting_on)

    @property
    def explanation_text(self) -> str:
        """The engine's explanation with a consulted setting named rather than given by URN."""
        organisation = self.organisation.name if self.organisation else ""
        return labels.name_setting(self.explanation, self.rule, organisation)


class IntegrityFlag(models.Model):
    """Something in a case's record a manager should look at (from the engine's flags)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="flags", db_index=False)
    local_area = models.ForeignKey(LocalArea, on_delete=models.CASCADE, related_name="+", db_index=False)
    code = models.CharField(max_length=40)
    date = models.DateField()
    explanation = models.TextField()

    class Meta:
        ordering = ["case", "date", "pk"]
        indexes = [
            models.Index(fields=["local_area", "code"], name="flag_area_code_idx"),
            models.Index(fields=["case"], name="flag_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.date}"

    @property
    def label(self) -> str:
        return labels.flag_label(self.code)


class FamilyLink(models.Model):
    """A parent, carer or the young person themself, linked to a person's record."""

    class Relationship(models.TextChoices):
        PARENT = "parent", labels.RELATIONSHIP_LABELS["parent"]
        CARER = "carer", labels.RELATIONSHIP_LABELS["carer"]
        YOUNG_PERSON = "young_person", labels.RELATIONSHIP_LABELS["young_person"]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    objects = FamilyLinkQuerySet.as_manager()

    class Meta:
        ordering = ["person", "started_on"]

    def __str__(self) -> str:
        return f"{self.get_relationship_display()} of {self.person_id}"


class Involvement(models.Model):
    """An organisation's explicit, dated involvement in a case (e.g. a social care team)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="involvements")
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["case", "started_on"]
        indexes = [models.Index(fields=["organisation", "case"], name="involvement_org_case_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.case}"


# The access log lives in its own module; imported here so Django finds it as a casework model.
from sendtrack.casework.access_log_model import AccessLog as AccessLog  # noqa: E402
from sendtrack.casework.audit_key_model import AuditKey as AuditKey  # noqa: E402

# So do a child's documents (their upload, download and sharing are the documents app's).
from sendtrack.casework.document_model import CaseDocument as CaseDocument  # noqa: E402
