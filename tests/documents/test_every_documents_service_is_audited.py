"""Every documents service writes its audit row with what changed, generated from
`documents.services.__all__`: a new service fails here until it is marked and given an example."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Max

from sendtrack.core.models import AuditEvent
from sendtrack.documents import services
from tests.documents.conftest import PDF, upload

SERVICES = sorted(name for name in services.__all__ if inspect.isfunction(getattr(services, name)))


def _import(case, by, tmp_path):
    (tmp_path / "drive" / case.case_ref).mkdir(parents=True)
    (tmp_path / "drive" / case.case_ref / "letter.pdf").write_bytes(PDF + b"% letter")
    return services.import_documents(
        folder=tmp_path / "drive",
        index=["file,type,date\n", f"{case.case_ref}/letter.pdf,decision letter,2026-02-10\n"],
        area=case.local_area,
        by=by,
    )


EXAMPLES: dict[str, Callable[[Any, Any, Any, Any], Any]] = {
    "upload_document": lambda case, by, document, tmp: services.upload_document(
        case=case,
        by=by,
        upload=upload("ep.pdf", PDF + b"% ep"),
        details=services.Details(
            kind="advice", agency="educational_psychology", title="EP", date=dt.date(2026, 3, 1)
        ),
    ),
    "change_document": lambda case, by, document, tmp: services.change_document(
        document=document,
        by=by,
        details=services.Details(kind="advice", agency="health", title="Renamed", date=dt.date(2026, 3, 2)),
    ),
    "import_documents": lambda case, by, document, tmp: _import(case, by, tmp),
}


@pytest.mark.parametrize("name", SERVICES)
def test_every_service_writes_one_row_with_its_verb_and_what_changed(
    name, child_case, caseworker, advice_document, tmp_path
):
    service = getattr(services, name)
    assert hasattr(service, "audit_verb"), f"Mark documents.services.{name} with audited(verb)"
    assert name in EXAMPLES, f"Add an example call of documents.services.{name} to EXAMPLES"
    last = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0

    EXAMPLES[name](child_case, caseworker, advice_document, tmp_path)

    rows = list(AuditEvent.objects.filter(pk__gt=last))
    assert [row.verb for row in rows] == [service.audit_verb]
    assert rows[0].actor == caseworker and rows[0].local_area_id == child_case.local_area_id
    found = rows[0].detail["changes"]
    assert found and all(set(c) == {"before", "after"} and c["before"] != c["after"] for c in found.values())
