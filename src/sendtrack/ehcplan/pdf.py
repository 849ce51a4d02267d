"""A plan as a PDF (WeasyPrint): a heading per section, the broad areas, tables for needs and provision.

The same words as the plan page and the Word document, laid out for printing and tagged for screen
readers (headings, table headers and captions, the document's language and title).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string

from sendtrack.ehcplan.models import PlanVersion
from sendtrack.ehcplan.selectors import plan_sections
from sendtrack.ehcplan.structure import EhcPlan

KIND_WORDS = {"draft": "Draft plan", "final": "Final plan", "amended": "Amended plan"}


def plan_html(plan: EhcPlan, *, kind: str = "") -> str:
    ordered = plan.in_area_order()
    return render_to_string(
        "ehcplan/plan_pdf.html",
        {
            "plan": ordered,
            "kind": KIND_WORDS.get(kind or plan.status, ""),
            "sections": plan_sections(ordered),
        },
    )


def write_pdf(plan: EhcPlan, *, kind: str = "") -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=plan_html(plan, kind=kind)).write_pdf(pdf_tags=True)
    return pdf


def plan_pdf_response(version: PlanVersion, filename: str) -> HttpResponse:
    """A version as a PDF attachment: the staff's download and the family's."""
    response = HttpResponse(write_pdf(version.plan(), kind=version.kind), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
