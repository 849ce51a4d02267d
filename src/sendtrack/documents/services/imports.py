"""Loading a council's shared-drive folder of documents: `CASE_REF/anything.pdf` with an index CSV.

All or nothing: every row is checked first (its case, type, date, and the file's type, size and
virus scan); with any problem nothing is kept and the report names every bad row. Running the same
folder again adds nothing: a file already on its case (the same bytes) counts as unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.casework.models import Case, CaseDocument
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.documents import files
from sendtrack.documents.files import FileRefused
from sendtrack.documents.index import IndexRow, problem, read_index
from sendtrack.documents.services.uploads import Details, check_upload, store_document
from sendtrack.interchange.import_report import ImportReport

NO_SUCH_CASE = "there is no case {case_ref} in {area}"
NO_SUCH_FILE = "there is no such file in the folder"


def _checked_files(
    folder: Path, rows: list[IndexRow], cases: dict[str, Case], area: LocalArea, max_bytes: int
) -> tuple[dict[int, tuple[files.FileType, str]], list[str]]:
    """Each good row's file type and SHA-256, and a problem for each row whose case or file is wrong."""
    checked: dict[int, tuple[files.FileType, str]] = {}
    problems: list[str] = []
    root = folder.resolve()
    for row in rows:
        if row.case_ref not in cases:
            why = NO_SUCH_CASE.format(case_ref=row.case_ref, area=area.name)
            problems.append(problem(row.row, "file", row.path, why))
            continue
        path = (folder / row.path).resolve()
        if not path.is_file() or not path.is_relative_to(root):
            problems.append(problem(row.row, "file", row.path, NO_SUCH_FILE))
            continue
        with path.open("rb") as stream:
            try:
                kind = check_upload(stream, name=path.name, size=path.stat().st_size, max_bytes=max_bytes)
            except FileRefused as refused:
                problems.append(problem(row.row, "file", row.path, str(refused)))
                continue
            checked[row.row] = (kind, files.sha256_of(stream))
    return checked, problems


def _not_in_index(folder: Path, listed: set[str]) -> list[str]:
    found = sorted(
        path.relative_to(folder).as_posix()
        for path in folder.glob("*/**/*")
        if path.is_file() and not path.name.startswith(".")
    )
    return [
        f"{name} is in the folder but not in the index: it was not loaded"
        for name in found
        if name not in listed
    ]


@audited(AuditVerb.DOCUMENTS_IMPORTED)
def import_documents(
    *,
    folder: Path,
    index: Iterable[str],
    area: LocalArea,
    by: User | None = None,
    dry_run: bool = False,
    max_bytes: int = files.DEFAULT_MAX_BYTES,
) -> ImportReport:
    """Check every row of the index and its file, then keep them all on their cases, or none."""
    report = ImportReport(unit="documents", into=area.name, dry_run=dry_run)
    read = read_index(index, today=timezone.localdate())
    rows, problems, report.rows = read.rows, read.problems, read.count
    refs = {row.case_ref for row in rows}
    cases = {case.case_ref: case for case in Case.objects.filter(local_area=area, case_ref__in=refs)}
    checked, file_problems = _checked_files(folder, rows, cases, area, max_bytes)
    report.errors = sorted([*problems, *file_problems], key=_row_number)
    report.warnings = _not_in_index(folder, read.listed) if read.listed else []
    if report.errors:
        return report
    held = set(CaseDocument.objects.filter(case__in=cases.values()).values_list("case__case_ref", "sha256"))
    new = [row for row in rows if (row.case_ref, checked[row.row][1]) not in held]
    report.created, report.unchanged = len(new), len(rows) - len(new)
    if dry_run:
        return report
    if not new:
        report.written = True
        return report
    stored: list[CaseDocument] = []
    try:
        with transaction.atomic(durable=True):
            for row in new:
                file_type, sha256 = checked[row.row]
                details = Details(
                    kind=row.kind,
                    title=row.title,
                    date=row.date,
                    agency=row.agency,
                    shared_with_family=row.shared,
                )
                with (folder / row.path).open("rb") as stream:
                    upload = File(stream, name=Path(row.path).name)
                    stored.append(
                        store_document(
                            case=cases[row.case_ref],
                            by=by,
                            upload=upload,
                            details=details,
                            file_type=file_type,
                            sha256=sha256,
                        )
                    )
            audit(
                actor=by,
                verb=AuditVerb.DOCUMENTS_IMPORTED,
                local_area=area,
                detail={
                    "folder": folder.name,
                    "changes": {"documents": {"before": None, "after": [d.pk for d in stored]}},
                    "unchanged": report.unchanged,
                },
            )
    except Exception:
        for document in stored:
            document.file.storage.delete(document.file.name)
        raise
    report.written = True
    return report


def _row_number(text: str) -> int:
    head = text.split(",", 1)[0].removeprefix("Row ")
    return int(head) if head.isdigit() else 0
