"""The self-evaluation as a Word document (python-docx), from the structure `assemble` makes.

Each figure is followed by a superscript note number; the notes at the end give, for every number,
its source and the day it was true on, so a frozen file can be checked long after.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document


def _day(iso: str) -> str:
    if not iso:
        return "no date"
    value = dt.date.fromisoformat(iso)
    return f"{value.day} {value:%B %Y}"


def write_docx(content: dict[str, Any], *, frozen_on: dt.date | None = None) -> bytes:
    document = Document()
    document.core_properties.title = f"{content['area']} self-evaluation"
    document.add_heading(f"{content['area']}: SEND partnership self-evaluation", level=0)
    if frozen_on is not None:
        document.add_paragraph(
            f"Frozen on {frozen_on.day} {frozen_on:%B %Y}. Every figure is as it was that day."
        )
    else:
        document.add_paragraph(f"Draft of {_day(content['as_of'])}: the figures are live until it is frozen.")
    notes: list[str] = []

    def note(figure: dict[str, Any]) -> int:
        notes.append(f"{figure['figure']}: {figure['source']}; as of {_day(figure['as_of'])}")
        return len(notes)

    document.add_heading("Measures, weakest first", level=1)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Measure", "Figure"
    for measure in content["measures"]:
        cells = table.add_row().cells
        cells[0].text = measure["name"]
        paragraph = cells[1].paragraphs[0]
        paragraph.add_run(measure["figure"])
        paragraph.add_run(str(note(measure))).font.superscript = True
    for section in content["sections"]:
        document.add_heading(section["title"], level=1)
        if not section["paragraphs"]:
            document.add_paragraph("Not written yet.")
        for parts in section["paragraphs"]:
            paragraph = document.add_paragraph()
            for part in parts:
                if "text" in part:
                    paragraph.add_run(part["text"])
                else:
                    paragraph.add_run(part["figure"])
                    paragraph.add_run(str(note(part))).font.superscript = True
    document.add_heading("Notes: where each figure comes from", level=1)
    for number, text in enumerate(notes, start=1):
        document.add_paragraph(f"{number}. {text}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
