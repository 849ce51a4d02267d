"""A child's documents on the fixed cast: Lily Brown's case in Northbridge (tests/casework/conftest.py).

Files are kept under a temporary MEDIA_ROOT; the files are small but real: a PDF, a Word document
made by python-docx, PNG and JPEG images, and a Word 97-2003 header.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendtrack.casework.models import CaseDocument
from sendtrack.documents import services
from tests.trust.casework_cast import *  # noqa: F403

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
# The EICAR test file: every virus scanner reports it, and it harms nothing.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Educational psychology advice for Lily Brown")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENT_SCANNER = "sendtrack.documents.scanning.no_scan"
    return settings.MEDIA_ROOT


def upload(name: str = "health-advice.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def advice_document(child_case, caseworker) -> CaseDocument:  # noqa: F811
    return services.upload_document(
        case=child_case,
        by=caseworker,
        upload=upload(),
        details=services.Details(
            kind="advice", agency="health", title="Paediatric report by Dr Rees", date=dt.date(2026, 3, 2)
        ),
    )


@pytest.fixture
def shared_document(child_case, caseworker) -> CaseDocument:  # noqa: F811
    return services.upload_document(
        case=child_case,
        by=caseworker,
        upload=upload("decision-letter.pdf"),
        details=services.Details(
            kind="decision_letter",
            title="Letter: we will assess",
            date=dt.date(2026, 2, 10),
            shared_with_family=True,
        ),
    )
