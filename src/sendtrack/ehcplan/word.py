"""EHC plans in Word: written in a clean, accessible layout, and read back by their section headings.

Writing: a heading per lettered section, the four broad areas of need as sub-headings, and tables
for needs, outcomes, provision (with the five prompts and the links of the golden thread) and the
advice of Section K. Reading: a council's own plans, found by headings like "Section F: Special
educational provision" (or "F." / "F -"), with a report of what was recognised and what was not,
so the checks can run on a back catalogue. Nothing here touches the database.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date

from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from sendtrack.ehcplan.structure import (
    AREAS,
    NEED_SECTIONS,
    PROVISION_SECTIONS,
    SECTIONS,
    Advice,
    EhcPlan,
    Need,
    Outcome,
    Provision,
)
from sendtrack.interchange.tracker_sheets import parse_date
from sendtrack.statutory.dates import format_date

NEED_HEAD = ["Ref", "Need"]
OUTCOME_HEAD = ["Ref", "Outcome", "Answers needs"]
PROVISION_HEAD = [
    "Ref",
    "Provision",
    "Who provides it",
    "Ratio",
    "How often",
    "How long",
    "Meets needs",
    "Towards outcomes",
]
ADVICE_HEAD = ["Agency", "Adviser", "Requested", "Received"]
DETAILS = ("Name", "Year group", "Status", "Issued", "Last reviewed")
CONFIRMED_HEADING = "Agreement of the agencies"

SECTION_HEADING = re.compile(
    r"^\s*(?:section\s+)?(H\s*1|H\s*2|[A-K])\s*(?:(?:and|&|/)\s*(H\s*1|H\s*2|[A-K]))?\s*(?:[:.\-–—]|$)",
    re.IGNORECASE,
)


class UnreadablePlan(ValueError):
    """The file is not a Word document, or has no lettered sections at all."""


@dataclass
class ReadReport:
    recognised: list[str] = field(default_factory=list)
    not_recognised: list[str] = field(default_factory=list)


def _refs(text: str) -> list[str]:
    return [ref.upper() for ref in re.findall(r"\b[BCDE]\d+\b", text, re.IGNORECASE)]


def _day(text: str) -> date | None:
    """A date as councils write them in a plan ("5 January 2026", "05/01/2026"); None if unreadable."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def _table(document: DocumentObject, head: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def write_docx(plan: EhcPlan) -> bytes:
    document = Document()
    document.core_properties.title = f"Education, health and care plan: {plan.child_name}"
    document.add_heading("Education, health and care plan", level=0)
    _table(
        document,
        ["Detail", "Value"],
        [
            ["Name", plan.child_name],
            ["Year group", "" if plan.year_group is None else str(plan.year_group)],
            ["Status", plan.status.capitalize()],
            ["Issued", format_date(plan.issued_on) if plan.issued_on else ""],
            ["Last reviewed", format_date(plan.last_reviewed_on) if plan.last_reviewed_on else ""],
        ],
    )
    for code, title in SECTIONS.items():
        document.add_heading(f"Section {code}: {title}", level=1)
        if plan.sections.get(code):
            for paragraph in plan.sections[code].split("\n\n"):
                document.add_paragraph(paragraph)
        for area, area_name in AREAS.items():
            rows = _area_rows(plan, code, area)
            if rows:
                document.add_heading(area_name, level=2)
                _table(document, _head_for(code), rows)
        if code == "K" and plan.advice:
            _table(
                document,
                ADVICE_HEAD,
                [
                    [
                        a.agency,
                        a.adviser,
                        format_date(a.requested) if a.requested else "",
                        format_date(a.received) if a.received else "",
                    ]
                    for a in plan.advice
                ],
            )
    if plan.confirmed:
        document.add_heading(CONFIRMED_HEADING, level=1)
        _table(
            document,
            ["Agency", "Confirmed on"],
            [
                [agency.replace("_", " "), format_date(day) if day else "Not yet"]
                for agency, day in plan.confirmed.items()
            ],
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _head_for(code: str) -> list[str]:
    if code in NEED_SECTIONS:
        return NEED_HEAD
    return OUTCOME_HEAD if code == "E" else PROVISION_HEAD


def _area_rows(plan: EhcPlan, code: str, area: str) -> list[list[str]]:
    if code in NEED_SECTIONS:
        return [[n.ref, n.text] for n in plan.needs if n.section == code and n.area == area]
    if code == "E":
        return [[o.ref, o.text, ", ".join(o.needs)] for o in plan.outcomes if o.area == area]
    if code in PROVISION_SECTIONS:
        return [
            [
                p.ref,
                p.support,
                p.who,
                p.ratio,
                p.how_often,
                p.how_long,
                ", ".join(p.needs),
                ", ".join(p.outcomes),
            ]
            for p in plan.provisions
            if p.section == code and p.area == area
        ]
    return []


def _blocks(document: DocumentObject) -> list[Paragraph | Table]:
    blocks: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            blocks.append(Paragraph(child, document))
        elif child.tag.endswith("}tbl"):
            blocks.append(Table(child, document))
    return blocks


def _section_code(text: str, style: str) -> tuple[str, str | None] | None:
    match = SECTION_HEADING.match(text)
    if not match or not (style.startswith("Heading") or text.lower().startswith("section")):
        return None
    first = match.group(1).upper().replace(" ", "")
    second = match.group(2).upper().replace(" ", "") if match.group(2) else None
    return first, second


def _area_of(text: str) -> str | None:
    lowered = text.strip().lower()
    return next((key for key, name in AREAS.items() if lowered == name.lower()), None)


def read_docx(content: bytes) -> tuple[EhcPlan, ReadReport]:
    """The plan found in a Word file, and what was and was not recognised."""
    try:
        document = Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises several kinds for a file that is not a .docx
        raise UnreadablePlan(f"This is not a Word (.docx) file: {error}") from error
    plan, report = EhcPlan(), ReadReport()
    section: str | None = None
    area = next(iter(AREAS))
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            text, style = block.text.strip(), block.style.name if block.style is not None else ""
            if not text:
                continue
            code = _section_code(text, style)
            if code is not None:
                section, joined = code
                if joined or (section == "H" and "H1" not in text.upper() and "H2" not in text.upper()):
                    plan.merged.append(text)
                    section = "H2" if section == "H" else section
                report.recognised.append(f"Section {section}: {text}")
                area = next(iter(AREAS))
                continue
            if text == CONFIRMED_HEADING:
                section = "confirmed"
                continue
            if section is not None and _area_of(text):
                area = _area_of(text) or area
                continue
            if section in SECTIONS:
                plan.sections[section] = f"{plan.sections.get(section, '')}\n\n{text}".strip()
            elif style != "Title":
                report.not_recognised.append(f"Text outside any section: {text[:80]}")
            continue
        _read_table(block, plan, report, section, area)
    if not report.recognised:
        raise UnreadablePlan("No lettered section headings (such as 'Section A: ...') were found")
    return plan, report


def _read_table(table: Table, plan: EhcPlan, report: ReadReport, section: str | None, area: str) -> None:
    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    if not rows:
        return
    head, body = [h.lower() for h in rows[0]], rows[1:]
    if head[:2] == ["detail", "value"]:
        details = {row[0]: row[1] for row in body if len(row) >= 2}
        plan.child_name = details.get("Name", "")
        year = details.get("Year group", "")
        plan.year_group = int(year) if year.lstrip("-").isdigit() else None
        plan.status = details.get("Status", "draft").lower() or "draft"
        plan.issued_on = _day(details.get("Issued", ""))
        plan.last_reviewed_on = _day(details.get("Last reviewed", ""))
        return
    if section == "confirmed" and head[:2] == ["agency", "confirmed on"]:
        for agency, day in (row[:2] for row in body):
            plan.confirmed[agency.replace(" ", "_")] = _day(day)
        return
    if section in NEED_SECTIONS and head[:2] == [h.lower() for h in NEED_HEAD]:
        plan.needs += [Need(row[0], section, area, row[1]) for row in body]
    elif section == "E" and head[:2] == ["ref", "outcome"]:
        plan.outcomes += [
            Outcome(row[0], area, row[1], _refs(row[2]) if len(row) > 2 else []) for row in body
        ]
    elif section in PROVISION_SECTIONS and head[:2] == ["ref", "provision"]:
        for row in body:
            cells = (row + [""] * 8)[:8]
            plan.provisions.append(
                Provision(
                    cells[0],
                    section,
                    area,
                    cells[1],
                    cells[2],
                    cells[3],
                    cells[4],
                    cells[5],
                    _refs(cells[6]),
                    _refs(cells[7]),
                )
            )
    elif section == "K" and head[:2] == ["agency", "adviser"]:
        plan.advice += [Advice(row[0], row[1], _day(row[2]), _day(row[3])) for row in body]
    else:
        report.not_recognised.append(
            f"A table in {f'Section {section}' if section else 'no section'} "
            f"with columns {', '.join(rows[0])}"
        )
        return
    report.recognised.append(f"A table of {len(body)} rows in Section {section}")
