"""The report to a board meeting on a plan, in Word (python-docx) and PDF (WeasyPrint), same content.

Contents, in order: the summary; changes since the previous meeting; the exception report;
measures against milestones; the deep-dive theme's actions in full.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.template.loader import render_to_string

from sendtrack.improvement import rules
from sendtrack.improvement.board_performance_selectors import (
    Chart,
    PerformanceSection,
    build_performance,
    measure_rows,
    theme_measures,
)
from sendtrack.improvement.models import Action, ImprovementPlan, Meeting
from sendtrack.improvement.selectors import (
    action_history,
    exception_report,
    moves_between,
    plan_summary,
    previous_meeting,
)

FORMATS = ("docx", "pdf")


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)  # caption, head, rows
    charts: dict[str, Chart] = field(default_factory=dict)  # by the caption of the table they draw


@dataclass
class BoardReport:
    title: str
    subtitle: str
    sentence: str
    sections: list[Section]

    @property
    def filename_stem(self) -> str:
        return self.title.lower().replace(" ", "-")[:80]


def _status(code: str) -> str:
    return rules.STATUS_LABELS.get(code, "")


def _rag(code: str) -> str:
    return rules.RAG_LABELS.get(code, "Not rated")


def deep_dive_actions(plan: ImprovementPlan, meeting: Meeting) -> list[Action]:
    actions = plan.actions.select_related("finding", "workstream")
    if meeting.deep_dive_workstream_id:
        return list(actions.filter(workstream_id=meeting.deep_dive_workstream_id))
    theme = meeting.deep_dive_theme.strip()
    if not theme:
        return []
    return list(actions.filter(Q(workstream__name__icontains=theme) | Q(finding__text__icontains=theme)))


MEASURE_HEAD = [
    "Measure",
    "Baseline",
    "Target",
    "Milestone",
    "At this meeting",
    "At the last meeting",
    "Direction",
]


def performance_section(performance: PerformanceSection) -> Section:
    section = Section("Performance")
    if performance.measure_rows:
        section.paragraphs.append(
            "Measures counted from a KPI are worked out from the case records as they stood on each "
            "meeting's date; the others are as recorded."
        )
        section.tables.append(("Measures of the plan", MEASURE_HEAD, performance.measure_rows))
    else:
        section.paragraphs.append("No measures have been set for this plan.")
    for trend in performance.trends:
        caption = trend.kpi.name
        section.tables.append((caption, trend.head, trend.rows))
        if trend.chart:
            section.charts[caption] = trend.chart
    return section


def build_board_report(*, plan: ImprovementPlan, meeting: Meeting) -> BoardReport:
    as_of = meeting.held_on
    summary = plan_summary(plan, as_of)
    earlier = previous_meeting(meeting)
    sections = []

    summary_section = Section("Summary", [summary.sentence])
    summary_section.tables.append(
        (
            "Progress summary",
            ["Actions", "Number", "Per cent"],
            [[label, str(n), f"{p}%"] for label, n, p in summary.rows()],
        )
    )
    sections.append(summary_section)
    sections.append(performance_section(build_performance(plan=plan, meeting=meeting, earlier=earlier)))

    since = f"since the meeting on {long_date(earlier.held_on)}" if earlier else "since the plan began"
    moves = moves_between(plan, earlier.held_on if earlier else None, as_of)
    changes = Section(f"Changes {since}")
    if moves:
        changes.tables.append(
            (
                "Status and RAG changes",
                ["Ref", "Action", "Status", "RAG", "Reason", "Recorded"],
                [
                    [
                        m.action.ref,
                        m.action.description,
                        f"{_status(m.status_from)} to {_status(m.status)}"
                        if m.status_changed
                        else _status(m.status),
                        f"{_rag(m.rag_from)} to {_rag(m.rag)}" if m.rag_changed else _rag(m.rag),
                        m.reason,
                        long_date(m.recorded_at.date()),
                    ]
                    for m in moves
                ],
            )
        )
    else:
        changes.paragraphs.append("No status or RAG rating has changed.")
    sections.append(changes)

    exceptions = Section("Exception report")
    groups = exception_report(plan, as_of)
    if not groups:
        exceptions.paragraphs.append("No action is red, overdue or late to start.")
    for owner, actions in groups:
        exceptions.tables.append(
            (
                owner,
                ["Ref", "Action", "Why", "Due", "Latest update"],
                [
                    [a.ref, a.description, "; ".join(a.reasons), long_date(a.due_date), a.latest_update]
                    for a in actions
                ],
            )
        )
    sections.append(exceptions)

    theme = meeting.deep_dive_theme or (
        meeting.deep_dive_workstream.name if meeting.deep_dive_workstream else ""
    )
    deep_dive = Section(f"Deep dive: {theme}" if theme else "Deep dive")
    dive_actions = deep_dive_actions(plan, meeting)
    if not dive_actions:
        deep_dive.paragraphs.append(
            "No deep-dive theme was set for this meeting."
            if not theme
            else "No action belongs to this theme."
        )
    for action in dive_actions:
        deep_dive.tables.append(
            (
                f"{action.ref}: {action.description}",
                ["", ""],
                [
                    ["Finding", action.finding.text if action.finding else ""],
                    ["Workstream", action.workstream.name if action.workstream else ""],
                    ["Lead", ", ".join(x for x in (action.lead, action.organisation) if x)],
                    ["Planned start", long_date(action.start_date)],
                    ["Due", long_date(action.due_date)],
                    ["Status", _status(action.status)],
                    ["RAG rating", _rag(action.rag)],
                    ["Latest update", action.latest_update],
                    ["Success measure", action.measure],
                    ["Evidence", action.evidence],
                    *[
                        [
                            long_date(u.recorded_at.date()),
                            " ".join(
                                x
                                for x in (
                                    f"{_status(u.status)}, {_rag(u.rag)}.",
                                    u.narrative,
                                    f"Reason: {u.reason}" if u.reason else "",
                                )
                                if x
                            ),
                        ]
                        for u in action_history(action)
                    ],
                ],
            )
        )
    theme_rows = measure_rows(
        theme_measures(plan, {a.finding_id for a in dive_actions if a.finding_id}), meeting, earlier
    )
    if theme_rows:
        deep_dive.tables.insert(0, ("Measures for this theme", MEASURE_HEAD, theme_rows))
    sections.append(deep_dive)

    return BoardReport(
        title=f"{plan.name}: progress report",
        subtitle=f"To {meeting.board.name}, {long_date(as_of)}",
        sentence=summary.sentence,
        sections=sections,
    )


def render_docx(report: BoardReport) -> bytes:
    """A Word document with real headings and tables, so an officer can edit it."""
    from docx import Document
    from docx.shared import Inches

    document = Document()
    document.core_properties.title = report.title
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for caption, head, rows in section.tables:
            document.add_heading(caption, level=2)
            if caption in section.charts:
                document.add_picture(io.BytesIO(section.charts[caption].png), width=Inches(4.2))
                document.paragraphs[-1].runs[-1]._r.xpath("./w:drawing/wp:inline/wp:docPr")[0].set(
                    "descr", section.charts[caption].alt
                )
            table = document.add_table(rows=0, cols=len(head))
            table.style = "Table Grid"
            if any(head):
                cells = table.add_row().cells
                for cell, text in zip(cells, head, strict=True):
                    cell.text = text
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
            for row in rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_pdf(report: BoardReport) -> bytes:
    from weasyprint import HTML

    html = render_to_string("improvement/board_report_pdf.html", {"report": report})
    return HTML(string=html).write_pdf()


def render_board_report(
    *, plan: ImprovementPlan, meeting: Meeting, file_format: str
) -> tuple[bytes, str, str]:
    """The report's bytes, file name and content type."""
    if file_format not in FORMATS:
        raise ValueError(f"Choose a format from {', '.join(FORMATS)}")
    report = build_board_report(plan=plan, meeting=meeting)
    stem = f"{plan.name} board report {meeting.held_on.isoformat()}".lower().replace(" ", "-")
    if file_format == "docx":
        return (
            render_docx(report),
            f"{stem}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    return render_pdf(report), f"{stem}.pdf", "application/pdf"
