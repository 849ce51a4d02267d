"""A council's tracker as caseworkers keep it: a title, grouped headings, a hidden column, dates
written three ways, blank lines, a totals row and a notes sheet."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook

HEADINGS = [
    "Case No",
    "Child name",
    "DOB",
    "UPN",
    "Internal notes",
    "Date request received",
    "Decision date",
    "Agreed to assess?",
    "Health requested",
    "Health received",
    "EP requested",
    "EP received",
    "Draft issued",
    "Final issued",
    "School URN",
]
ROWS = [
    [
        "NB-T001",
        "Lily Brown",
        datetime(2016, 4, 30),
        "A123456789012",
        "called mum",
        "05/01/2025",
        "10/02/2025",
        "Y",
        "5 Feb 25",
        "20 Mar 25",
        "5 Feb 25",
        "1 Mar 25",
        45761,
        45775,
        "131204",
    ],
    [
        "NB-T002",
        "Noah Green",
        datetime(2014, 9, 1),
        "B123456789012",
        "",
        datetime(2025, 3, 3),
        datetime(2025, 4, 7),
        "N",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
    None,  # a blank line between months
    [
        "NB-T003",
        "Aisha Rahman",
        "12/11/2018",
        "C123456789012",
        "",
        "14 Apr 25",
        "19 May 25",
        "Y",
        "20 May 25",
        "TBC",
        "20 May 25",
        "N/A",
        "",
        "",
        "",
    ],
    [
        "NB-T001",
        "Lily Brown",
        datetime(2016, 4, 30),
        "A123456789012",
        "second request",
        "01/09/2025",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


def workbook(rows: list[list | None] | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker 2025"
    sheet.append(["Northbridge EHC needs assessment tracker 2025"])
    sheet.merge_cells("A1:O1")
    sheet.append(["", "", "", "", "", "", "Decision", "", "Advice", "", "", "", "Plan", "", ""])
    sheet.merge_cells("G2:H2")
    sheet.merge_cells("I2:L2")
    sheet.merge_cells("M2:N2")
    sheet.append(HEADINGS)
    for row in rows if rows is not None else ROWS:
        sheet.append(row or [])
    sheet.append([])
    sheet.append(["Total", "", "", "", "", 4])
    sheet.column_dimensions["E"].hidden = True
    for cell in ("M4", "N4"):
        sheet[cell].number_format = "General"  # Excel serial dates, as an exported sheet keeps them
    notes = book.create_sheet("Notes")
    notes.append(["Key", "Meaning"])
    notes.append(["TBC", "to be confirmed"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
