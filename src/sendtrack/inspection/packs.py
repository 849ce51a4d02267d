"""Making a tracked child's pack: one PDF (WeasyPrint) and one zip (the PDF, the plan in Word, the
case file, the timeline and access log as CSV, and every document held), run by the job queue.

The case is opened through the access door for the inspection's named leads, so each pack made
writes an access-log row ("inspection tracking pack made") before anything is read.
"""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from sendtrack.accounts.models import User
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.ehcplan.word import write_docx
from sendtrack.inspection.models import TrackedChild
from sendtrack.inspection.pack_contents import TrackingPack, assemble
from sendtrack.inspection.tracking_selectors import documents_due, lead_ids
from sendtrack.inspection.tracking_services import record_pack_made

PDF_TYPE = "application/pdf"
ZIP_TYPE = "application/zip"


def stem(tracked: TrackedChild) -> str:
    return f"tracking-pack-{tracked.case.case_ref}".replace("/", "-")


def open_case(tracked: TrackedChild, *, by: User, purpose: Purpose, path: str) -> Any:
    """The tracked child's case through the door, for the inspection's named leads only."""
    notification = tracked.notification
    case = get_visible_case_or_404(
        by, tracked.case.case_ref, purpose=purpose, path=path, inspection_leads=lead_ids(notification)
    )
    if case.pk != tracked.case_id:
        raise Http404("No such child")
    return case


def render_pdf(pack: TrackingPack, tracked: TrackedChild, *, made_by: User) -> bytes:
    from weasyprint import HTML

    notification = tracked.notification
    due_on = documents_due(notification)
    html = render_to_string(
        "inspection/pack_pdf.html",
        {
            "pack": pack,
            "tracked": tracked,
            "made_by": made_by,
            "due_on": due_on,
            "named_on": notification.children_named_on,
            "late": due_on is not None and timezone.localdate(pack.made_at) > due_on,
        },
    )
    return HTML(string=html).write_pdf()


def _csv(head: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _document_names(pack: TrackingPack) -> None:
    """Give each document held in storage its name inside the zip (`zip_name`), numbered to stay unique."""
    for number, document in enumerate(pack.documents, start=1):
        name = document.file.name if document.file else ""
        exists = bool(name) and default_storage.exists(name)
        shown = document.download_name.replace("/", "-")
        document.zip_name = f"documents/{number:02d}-{shown}" if exists else ""  # type: ignore[attr-defined]


def build_zip(pack: TrackingPack, pdf: bytes, file_stem: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{file_stem}.pdf", pdf)
        archive.writestr("case-file.json", json.dumps(pack.case_file, indent=2, cls=DjangoJSONEncoder))
        archive.writestr(
            "timeline.csv",
            _csv(
                ["date", "event", "description", "corrected", "recorded at", "recorded by"],
                [
                    [
                        e.date or "",
                        e.label,
                        e.description,
                        "yes" if getattr(e, "corrected", False) else "",
                        e.recorded_at,
                        e.recorded_by or "",
                    ]
                    for e in pack.events
                ],
            ),
        )
        archive.writestr(
            "time-limits.csv",
            _csv(
                ["time limit", "started", "due", "done", "status", "explanation", "law"],
                [
                    [
                        m.label,
                        m.start,
                        m.due,
                        m.completed or "",
                        m.status_label,
                        m.explanation_text,
                        m.citation,
                    ]
                    for m in pack.milestones
                ],
            ),
        )
        archive.writestr(
            "access-log.csv",
            _csv(
                ["when", "who", "why", "address"],
                [[r.at, r.actor, r.action, r.path] for r in pack.access_log],
            ),
        )
        if pack.plan is not None:
            archive.writestr(f"ehc-plan-version-{pack.plan.number}.docx", write_docx(pack.plan.plan()))
        for document in pack.documents:
            if getattr(document, "zip_name", ""):
                with default_storage.open(document.file.name, "rb") as handle:
                    archive.writestr(document.zip_name, handle.read())  # type: ignore[attr-defined]
    return buffer.getvalue()


def make_pack(tracked: TrackedChild, *, by: User) -> TrackedChild:
    """Open the case (access log), assemble, render, store both files, record it (audit)."""
    started = time.perf_counter()
    notification = tracked.notification
    case = open_case(
        tracked,
        by=by,
        purpose=Purpose.INSPECTION_TRACKING,
        path=f"inspection {notification.pk}: tracking pack",
    )
    pack = assemble(case, made_at=timezone.now())
    _document_names(pack)
    pdf = render_pdf(pack, tracked, made_by=by)
    file_stem = stem(tracked)
    archive = build_zip(pack, pdf, file_stem)
    folder = f"inspection-packs/{notification.pk}/{tracked.pk}"
    for old in (tracked.pack_pdf, tracked.pack_zip):
        if old and default_storage.exists(old):
            default_storage.delete(old)
    pdf_name = default_storage.save(f"{folder}/{file_stem}.pdf", ContentFile(pdf))
    zip_name = default_storage.save(f"{folder}/{file_stem}.zip", ContentFile(archive))
    return record_pack_made(
        tracked=tracked, by=by, pdf_name=pdf_name, zip_name=zip_name, seconds=time.perf_counter() - started
    )
