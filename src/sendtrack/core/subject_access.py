"""Everything sendtrack holds about a person, and what happens to each kind of record.

`PERSON_RELATIONS` lists every foreign key that leads to a person: straight to `Person` or `Case`,
or to a row that itself belongs to one. For each it says what a subject access request, an erasure
and a merge of two records do. `tests/trust/test_every_relation_to_a_person_is_decided.py` fails
when a new foreign key is missing here, so nobody adds a table about a child without deciding.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

# What a subject access request does with the rows.
INCLUDED = "included"
NOT_INCLUDED = "not included"  # says nothing about the person (a key, not a record)
# What erasure does.
DELETED = "deleted"
ANONYMISED = "anonymised"  # the row stays as a tombstone with no identifying data
KEPT = "kept"  # the row stays and points at the tombstone (the access log)
DETACHED = "detached"  # the link to the person is cleared; the row stays, no longer about anyone
BLOCKS = "blocks erasure"  # a current row stops erasure
# What a merge of two records of the same person does.
MOVED = "moved to the surviving record"
STAYS = "stays with the record it was made for"


@dataclass(frozen=True)
class Relation:
    """How one foreign key to a person is treated; most rows are exported, erased and moved with them."""

    section: str  # heading in the subject access export
    path: str  # lookup from the row's model to Person
    subject_access: str = INCLUDED
    erasure: str = DELETED
    merge: str = MOVED


def _relations(section: str, path: str, *keys: str, **treatment: str) -> dict[str, Relation]:
    """The foreign keys `keys`, each leading to the person by `path`, shown under `section`."""
    return {key: Relation(section, path, **treatment) for key in keys}


PERSON_RELATIONS: dict[str, Relation] = {
    **_relations("Cases", "person", "casework.Case.person", erasure=ANONYMISED),
    **_relations("Family links", "person", "casework.FamilyLink.person"),
    **_relations(
        "Access log", "person", "casework.AccessLog.person", "casework.AccessLog.case", erasure=KEPT
    ),
    **_relations("Events", "case__person", "casework.CaseEvent.case", "casework.CaseEvent.supersedes"),
    **_relations("Milestones", "case__person", "casework.Milestone.case"),
    **_relations("Flags", "case__person", "casework.IntegrityFlag.case"),
    **_relations("Involvements", "case__person", "casework.Involvement.case"),
    **_relations("Documents", "case__person", "casework.CaseDocument.case", "casework.CaseDocument.event"),
    **_relations("Family invitations", "person", "portal.FamilyInvitation.person"),
    **_relations(
        "Draft plan responses",
        "case__person",
        "portal.DraftResponse.case",
        "portal.DraftResponse.draft_event",
        "portal.DraftResponse.document",
    ),
    **_relations("Emails sent to the family", "case__person", "portal.FamilyNotification.case"),
    **_relations("Survey responses", "case__person", "portal.SurveyResponse.case", erasure=DETACHED),
    **_relations(
        "Survey answers", "response__case__person", "portal.SurveyAnswer.response", erasure=DETACHED
    ),
    **_relations("EHC plans", "case__person", "ehcplan.PlanVersion.case", "ehcplan.PlanVersion.event"),
    **_relations("EHC plan confirmations", "version__case__person", "ehcplan.AgencyConfirmation.version"),
    **_relations("EHC plan quality audits", "version__case__person", "ehcplan.AuditAssignment.version"),
    **_relations(
        "EHC plan quality audits", "assignment__version__case__person", "ehcplan.SectionGrade.assignment"
    ),
    **_relations("Inspection tracking and case samples", "case__person", "inspection.TrackedChild.case"),
    **_relations("Legal holds", "person", "core.LegalHold.person", erasure=BLOCKS),
    **_relations("Forecasts", "case__person", "forecast.StepForecast.case"),
    **_relations("SEN2 return problems", "case__person", "performance.Sen2Problem.case"),
    **_relations("Audit key", "person", "casework.AuditKey.person", subject_access=NOT_INCLUDED, merge=STAYS),
}

# Not a foreign key, so not in the registry: AuditEvent names a case by subject_type and subject_id.
# Its rows are insert-only; after erasure they point at the tombstone case. A change to a person's
# details keeps each personal value before and after sealed with the person's AuditKey, which
# erasure deletes, so the rows stay as written and the values can no longer be read (decision 0023).


def relation_key(field: Any) -> str:
    return f"{field.model._meta.app_label}.{field.model.__name__}.{field.name}"


def sections() -> list[tuple[str, type[Model], str]]:
    """Each (heading, model, path to Person) once, in the registry's order."""
    seen: dict[tuple[str, str], tuple[str, type[Model], str]] = {}
    for key, relation in PERSON_RELATIONS.items():
        if relation.subject_access != INCLUDED:
            continue
        label = key.rsplit(".", 1)[0]
        seen.setdefault((relation.section, label), (relation.section, apps.get_model(label), relation.path))
    return list(seen.values())


def rows_about(person: Model, model: type[Model], path: str) -> QuerySet[Model]:
    return model._base_manager.filter(**{path: person}).distinct().order_by("pk")


def _serialise(queryset: QuerySet[Model]) -> list[dict[str, Any]]:
    return [{"id": row["pk"], **row["fields"]} for row in serializers.serialize("python", queryset)]


def subject_access_record(person: Model, *, as_of: dt.datetime | None = None) -> dict[str, Any]:
    """Everything held about `person`, as plain JSON-ready data, section by section."""
    record: dict[str, Any] = {
        "produced_at": (as_of or timezone.now()).isoformat(),
        "person": _serialise(type(person)._base_manager.filter(pk=person.pk))[0],
    }
    for section, model, path in sections():
        rows = _serialise(rows_about(person, model, path))
        record.setdefault(section, [])
        known = {row["id"] for row in record[section]}
        record[section].extend(row for row in rows if row["id"] not in known)
    return record


def subject_access_json(person: Model) -> str:
    return json.dumps(subject_access_record(person), cls=DjangoJSONEncoder, indent=2, sort_keys=False)


def subject_access_html(record: dict[str, Any]) -> str:
    parts = [
        {"title": title, "rows": [[(k, _plain(v)) for k, v in row.items()] for row in rows]}
        for title, rows in record.items()
        if isinstance(rows, list)
    ]
    person = [(k, _plain(v)) for k, v in record["person"].items()]
    return render_to_string(
        "core/subject_access_pdf.html",
        {"person": person, "sections": parts, "produced_at": record["produced_at"]},
    )


def subject_access_pdf(person: Model) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=subject_access_html(subject_access_record(person))).write_pdf()
    return pdf


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, cls=DjangoJSONEncoder)
    return str(value)
