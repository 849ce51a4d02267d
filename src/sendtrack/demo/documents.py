"""A few documents on some demo children's records: small one-page PDFs written here, no renderer.

The featured parent's child and young person, and a handful of other cases, get a document for each
advice received, decision, draft and final plan and review meeting, dated as the event and linked to
it; letters and plans are shared with the family, advice is not. They go through
`documents.services.upload_document`, the path a caseworker's upload takes (checks, scan, audit).
"""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case, CaseDocument, CaseEvent
from sendtrack.demo.generator import FEATURED_PARENT_CHILD, FEATURED_YOUNG_PERSON, case_ref
from sendtrack.documents import services
from sendtrack.statutory import labels
from sendtrack.statutory.dates import format_date

# Other demo cases given documents, by their position in the generated area.
OTHER_CASES = (2, 3, 5, 8, 13, 21)
# Which events get a document: its kind, its file's name and whether the family sees it.
DOCUMENT_OF_EVENT = {
    "advice_received": ("advice", "advice", False),
    "assessment_decision": ("decision_letter", "decision-letter", True),
    "plan_decision": ("decision_letter", "decision-letter", True),
    "draft_plan_issued": ("draft_plan", "draft-plan", True),
    "final_plan_issued": ("final_plan", "final-plan", True),
    "review_meeting": ("review", "review-paperwork", False),
}


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica (about 1 KB)."""

    def escaped(text: str) -> bytes:
        raw = text.encode("latin-1", "replace")
        return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    shown = b" ".join(b"(" + escaped(line) + b") '" for line in lines)
    stream = b"BT /F1 12 Tf 72 790 Td 18 TL " + shown + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return out


def load_demo_documents(*, area: LocalArea, as_of: date) -> int:
    """Documents for the chosen demo cases that have none yet; how many were added."""
    refs = [case_ref(area.code, i) for i in (FEATURED_PARENT_CHILD, FEATURED_YOUNG_PERSON, *OTHER_CASES)]
    cases = Case.objects.filter(local_area=area, case_ref__in=refs).select_related("person")
    added = 0
    for case in cases.exclude(pk__in=CaseDocument.objects.values("case_id")):
        events = CaseEvent.objects.filter(
            case=case, type__in=DOCUMENT_OF_EVENT, corrections__isnull=True, date__lte=as_of
        ).order_by("position", "pk")
        for event in events:
            kind, stem, shared = DOCUMENT_OF_EVENT[event.type]
            agency = str(event.data.get("from", "")) if kind == "advice" else ""
            if kind == "advice" and agency not in dict(CaseDocument.AGENCIES):
                continue
            title = labels.document_kind_label(kind, agency)
            fields = {k: v for k, v in event.data.items() if k not in ("type", "date")}
            text = [
                f"{title} for {case.person}",
                f"Case {case.case_ref}, {format_date(event.date) if event.date else ''}",
                labels.describe_event(event.type, fields),
                "Generated for the sendtrack demonstration area: not a real document.",
            ]
            name = f"{stem}{'-' + agency.replace('_', '-') if agency else ''}-{event.pk}.pdf"
            try:
                services.upload_document(
                    case=case,
                    by=None,
                    upload=ContentFile(tiny_pdf(text), name=name),
                    details=services.Details(
                        kind=kind,
                        title=title,
                        date=event.date or as_of,
                        agency=agency,
                        shared_with_family=shared,
                        event=event,
                    ),
                )
            except services.DocumentRefused:  # an event dated after today, in a demo set in the future
                continue
            added += 1
    return added
