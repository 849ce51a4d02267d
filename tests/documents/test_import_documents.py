"""`sendtrack import-documents FOLDER --index INDEX.csv`: a shared drive's folder of documents, one
folder a case, loaded all or nothing; every bad row named by row, column, value and why."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendtrack.casework.models import CaseDocument
from sendtrack.core.models import AuditEvent, AuditVerb
from tests.documents.conftest import EICAR, JPEG, PDF, docx_bytes

GOOD_INDEX = """file,type,date,title,agency,shared
NB-0001/health-advice.pdf,advice,30/03/2026,Paediatric report,health,no
NB-0001/EP report.docx,Educational psychology advice,2026-03-12,,,no
NB-0001/decision-letter.pdf,Decision letter,10 Feb 2026,,,yes
NB-0002/drawing.jpg,other,2026-02-20,Ben's drawing of school,,yes
"""


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "shared-drive"
    (root / "NB-0001").mkdir(parents=True)
    (root / "NB-0002").mkdir()
    (root / "NB-0001" / "health-advice.pdf").write_bytes(PDF + b"% health\n")
    (root / "NB-0001" / "EP report.docx").write_bytes(docx_bytes())
    (root / "NB-0001" / "decision-letter.pdf").write_bytes(PDF + b"% decision\n")
    (root / "NB-0002" / "drawing.jpg").write_bytes(JPEG)
    return root


def run(folder, index_text, *extra):
    index = folder.parent / "index.csv"
    index.write_text(index_text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_documents",
            str(folder),
            "--index",
            str(index),
            "--area",
            "999",
            *extra,
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        return None, str(error), err.getvalue().splitlines()
    return out.getvalue().strip(), "", err.getvalue().splitlines()


@pytest.fixture
def cases(child_case, uninvolved_case):  # noqa: F811
    return child_case, uninvolved_case


def test_a_good_folder_is_loaded_onto_its_cases(folder, cases, media):
    child, other = cases

    out, error, warnings = run(folder, GOOD_INDEX.replace("30/03/2026", "13/03/2026"))

    assert error == "" and warnings == []
    assert out == "Imported 4 documents into Northbridge: 4 new, 0 changed, 0 unchanged."
    documents = {d.original_name: d for d in CaseDocument.objects.all()}
    advice = documents["health-advice.pdf"]
    assert (advice.case, advice.kind, advice.agency, advice.title, str(advice.date)) == (
        child,
        "advice",
        "health",
        "Paediatric report",
        "2026-03-13",
    )
    ep = documents["EP report.docx"]
    assert (ep.kind, ep.agency, ep.title) == (
        "advice",
        "educational_psychology",
        "Advice from educational psychology",
    )
    assert (
        documents["decision-letter.pdf"].shared_with_family
        and str(documents["decision-letter.pdf"].date) == "2026-02-10"
    )
    assert documents["drawing.jpg"].case == other and documents["drawing.jpg"].content_type == "image/jpeg"
    assert all(d.uploaded_by is None and d.file.read() for d in documents.values())
    audit = AuditEvent.objects.get(verb=AuditVerb.DOCUMENTS_IMPORTED)
    assert sorted(audit.detail["changes"]["documents"]["after"]) == sorted(d.pk for d in documents.values())


def test_loading_the_same_folder_again_adds_nothing(folder, cases):
    index = GOOD_INDEX.replace("30/03/2026", "13/03/2026")
    run(folder, index)

    out, _, _ = run(folder, index)

    assert out == "Imported 4 documents into Northbridge: 0 new, 0 changed, 4 unchanged."
    assert CaseDocument.objects.count() == 4
    assert AuditEvent.objects.filter(verb=AuditVerb.DOCUMENTS_IMPORTED).count() == 1


def test_a_dry_run_counts_and_keeps_nothing(folder, cases, media):
    out, _, _ = run(folder, GOOD_INDEX.replace("30/03/2026", "13/03/2026"), "--dry-run")

    assert out == "Would import 4 documents into Northbridge: 4 new, 0 changed, 0 unchanged."
    assert not CaseDocument.objects.exists() and not media.exists()


def test_a_file_left_out_of_the_index_is_named_as_a_warning(folder, cases):
    (folder / "NB-0001" / "forgotten.pdf").write_bytes(PDF)

    out, _, warnings = run(folder, GOOD_INDEX.replace("30/03/2026", "13/03/2026"))

    assert out.startswith("Imported 4 documents")
    assert warnings == [
        "Warning: NB-0001/forgotten.pdf is in the folder but not in the index: it was not loaded"
    ]


def test_a_broken_index_names_every_bad_row_and_keeps_nothing(folder, cases, media, settings):
    settings.DOCUMENT_SCANNER = "tests.documents.test_final_plan_and_scanning.eicar_scanner"
    (folder / "NB-0001" / "setup.exe").write_bytes(b"MZ\x90\x00")
    (folder / "NB-0001" / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    (folder / "NB-0001" / "infected.pdf").write_bytes(PDF + EICAR)
    broken = GOOD_INDEX + "\n".join(
        [
            "NB-0001/missing.pdf,final plan,2026-03-01,,,",
            "NB-9999/letter.pdf,other,2026-03-01,,,",
            "NB-0001/setup.exe,other,2026-03-01,,,",
            "NB-0001/fake.pdf,other,2026-03-01,,,",
            "NB-0001/infected.pdf,other,2026-03-01,,,",
            "NB-0001/health-advice.pdf,other,2026-03-01,,,",
            "loose.pdf,other,2026-03-01,,,",
            "../outside.pdf,other,2026-03-01,,,",
            "NB-0001/decision-letter.pdf,Letter,31/02/2026,,,maybe",
            "NB-0002/drawing.jpg,advice,2026-03-01,,,",
            "NB-0002/drawing.jpg,review,2026-03-01,,social care,",
            "",
        ]
    )

    out, error, problems = run(folder, broken)

    assert out is None
    assert error == "Nothing imported: 17 problems in 15 documents"
    assert problems == [
        "Row 2, date, '30/03/2026': the date is after today",
        "Row 6, file, 'NB-0001/missing.pdf': there is no such file in the folder",
        "Row 7, file, 'NB-9999/letter.pdf': there is no case NB-9999 in Northbridge",
        "Row 8, file, 'NB-0001/setup.exe': The file setup.exe cannot be kept: it must be a PDF, a Word "
        "document (.docx or .doc) or a PNG or JPEG image",
        "Row 9, file, 'NB-0001/fake.pdf': The file fake.pdf is named as a PDF but its contents are not "
        "a PDF: it cannot be kept",
        "Row 10, file, 'NB-0001/infected.pdf': The file infected.pdf was refused by the virus scanner "
        "(Eicar-Test-Signature): it has not been kept",
        "Row 11, file, 'NB-0001/health-advice.pdf': the file is listed twice (also row 2)",
        "Row 12, file, 'loose.pdf': the file must be in a folder named after its case reference, like "
        "NB-0001/letter.pdf",
        "Row 13, file, '../outside.pdf': the path must lead to a file inside the folder, in the folder "
        "of its case",
        "Row 14, file, 'NB-0001/decision-letter.pdf': the file is listed twice (also row 4)",
        "Row 14, type, 'Letter': is not a type of document: use one of advice, draft plan, final plan, "
        "decision letter, review paperwork, other",
        "Row 14, date, '31/02/2026': not a date sendtrack can read (use a date like 05/01/2026 or "
        "2026-01-05)",
        "Row 14, shared, 'maybe': must be yes or no",
        "Row 15, file, 'NB-0002/drawing.jpg': the file is listed twice (also row 5)",
        "Row 15, agency, '': advice must say who it is from: add the agency (education, health, "
        "social care...)",
        "Row 16, file, 'NB-0002/drawing.jpg': the file is listed twice (also row 5)",
        "Row 16, agency, 'social care': only advice is from an agency",
    ]
    assert not CaseDocument.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.DOCUMENTS_IMPORTED).exists()
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def test_an_index_without_its_columns_is_refused_at_row_one(folder, cases):
    _, error, problems = run(folder, "path,when\nNB-0001/health-advice.pdf,2026-03-01\n")

    assert error == "Nothing imported: 1 problem in 1 documents"
    assert problems == ["Row 1: the index has no type or date column (it needs file, type and date)"]


def test_a_missing_folder_or_index_is_named(tmp_path, cases):
    with pytest.raises(CommandError, match="There is no folder"):
        call_command(
            "import_documents", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i.csv"), "--area", "999"
        )
    with pytest.raises(CommandError, match="There is no index file"):
        call_command("import_documents", str(tmp_path), "--index", str(tmp_path / "i.csv"), "--area", "999")
