"""Only PDF, Word and PNG or JPEG files of at most 25 MB are kept, and only when their bytes are what
their name says."""

from __future__ import annotations

import io
import zipfile

import pytest

from sendtrack.documents import files
from sendtrack.documents.files import FileRefused, check_file
from tests.documents.conftest import DOC, JPEG, PDF, PNG, docx_bytes


def checked(name: str, content: bytes, **kwargs):
    return check_file(io.BytesIO(content), name=name, size=len(content), **kwargs)


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("advice.pdf", PDF, files.PDF),
        ("ADVICE.PDF", PDF, files.PDF),
        ("advice.docx", None, files.DOCX),
        ("old-letter.doc", DOC, files.DOC),
        ("drawing.png", PNG, files.PNG),
        ("photo.jpg", JPEG, files.JPEG),
        ("photo.jpeg", JPEG, files.JPEG),
    ],
)
def test_the_allowed_kinds_are_recognised_by_their_bytes(name, content, kind):
    assert checked(name, content if content is not None else docx_bytes()) is kind


@pytest.mark.parametrize(
    "name", ["run-me.exe", "page.html", "sheet.xlsx", "notes.txt", "no-extension", "plan.odt"]
)
def test_other_kinds_of_file_are_refused_with_what_is_allowed(name):
    with pytest.raises(FileRefused) as refused:
        checked(name, PDF)
    assert str(refused.value) == (
        f"The file {name} cannot be kept: it must be a PDF, a Word document (.docx or .doc) "
        "or a PNG or JPEG image"
    )


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("letter.pdf", b"MZ\x90\x00 a Windows program", "a PDF"),
        ("letter.pdf", b"<html><script>alert(1)</script>", "a PDF"),
        ("photo.png", JPEG, "a PNG image"),
        ("advice.docx", PDF, "a Word document"),
        ("old.doc", PDF, "a Word 97-2003 document"),
    ],
)
def test_a_file_whose_bytes_are_not_what_its_name_says_is_refused(name, content, words):
    with pytest.raises(FileRefused, match=f"named as {words} but its contents are not {words}"):
        checked(name, content)


def test_a_zip_that_is_not_a_word_document_is_refused_though_it_starts_like_one():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.js", "alert(1)")
    with pytest.raises(FileRefused, match="not a Word document"):
        checked("advice.docx", out.getvalue())


def test_a_file_over_the_limit_is_refused_saying_its_size_and_the_limit():
    with pytest.raises(FileRefused) as refused:
        check_file(io.BytesIO(PDF), name="scan.pdf", size=26 * files.MEGABYTE)
    assert str(refused.value) == "The file scan.pdf is 26.0 MB: it must be 25.0 MB or smaller"
    assert checked("scan.pdf", PDF, max_bytes=len(PDF)) is files.PDF
    with pytest.raises(FileRefused, match="must be 1 KB or smaller"):
        checked("scan.pdf", PDF + b" " * 1024, max_bytes=1024)


def test_an_empty_file_is_refused():
    with pytest.raises(FileRefused, match="The file empty.pdf is empty"):
        checked("empty.pdf", b"")


def test_the_stream_is_left_at_its_start():
    stream = io.BytesIO(PDF)
    stream.seek(5)
    check_file(stream, name="a.pdf", size=len(PDF))
    assert stream.tell() == 0
    assert files.sha256_of(stream) == files.sha256_of(io.BytesIO(PDF)) and stream.tell() == 0


def test_sizes_read_as_people_say_them():
    assert [files.size_in_words(n) for n in (10, 312 * 1024, 25 * files.MEGABYTE)] == [
        "1 KB",
        "312 KB",
        "25.0 MB",
    ]
