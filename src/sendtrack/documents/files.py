"""Which files may be kept on a child's record: PDF, Word (.docx, .doc) and PNG or JPEG images, of
at most 25 MB (`DOCUMENT_MAX_BYTES`), whose contents are what their name says.

The type is read from the file's first bytes (its "magic number"), never from the name alone or from
what the browser claims, so a program renamed `letter.pdf` is refused. Plain Python, no framework.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 25 * MEGABYTE

ALLOWED_IN_WORDS = "a PDF, a Word document (.docx or .doc) or a PNG or JPEG image"
EMPTY = "The file {name} is empty"
TOO_BIG = "The file {name} is {size}: it must be {limit} or smaller"
WRONG_NAME = "The file {name} cannot be kept: it must be " + ALLOWED_IN_WORDS
WRONG_CONTENTS = "The file {name} is named as {kind} but its contents are not {kind}: it cannot be kept"
NO_NAME = "The file has no name"


class Stream(Protocol):
    """A file open for reading bytes: an upload, a Django `File`, a file on disk, `io.BytesIO`."""

    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


class FileRefused(ValueError):
    """A file that may not be kept, with the reason in words a caseworker understands."""


@dataclass(frozen=True, slots=True)
class FileType:
    code: str
    words: str
    content_type: str
    suffixes: tuple[str, ...]


PDF = FileType("pdf", "a PDF", "application/pdf", (".pdf",))
DOCX = FileType(
    "docx",
    "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
DOC = FileType("doc", "a Word 97-2003 document", "application/msword", (".doc",))
PNG = FileType("png", "a PNG image", "image/png", (".png",))
JPEG = FileType("jpeg", "a JPEG image", "image/jpeg", (".jpg", ".jpeg"))
TYPES = (PDF, DOCX, DOC, PNG, JPEG)
BY_SUFFIX = {suffix: kind for kind in TYPES for suffix in kind.suffixes}
BY_CONTENT_TYPE = {kind.content_type: kind for kind in TYPES}

MAGIC = {
    PDF: (b"%PDF-",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
    JPEG: (b"\xff\xd8\xff",),
    DOC: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),  # an OLE2 compound file, as Word 97-2003 writes
    DOCX: (b"PK\x03\x04",),  # a ZIP holding word/document.xml (checked below)
}


def size_in_words(size: int) -> str:
    """ "312 KB", "24.8 MB": a file's size as people read it."""
    if size < MEGABYTE:
        return f"{max(1, round(size / 1024))} KB"
    megabytes = size / MEGABYTE
    return f"{megabytes:.1f} MB" if megabytes < 100 else f"{round(megabytes)} MB"


def _is_word_package(stream: Stream) -> bool:
    try:
        with zipfile.ZipFile(stream) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def check_file(stream: Stream, *, name: str, size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> FileType:
    """The file's type when it may be kept; `FileRefused` saying why when it may not.

    `stream` is read from its start and left at its start.
    """
    shown = PurePath(name or "").name
    if not shown:
        raise FileRefused(NO_NAME)
    if size <= 0:
        raise FileRefused(EMPTY.format(name=shown))
    if size > max_bytes:
        raise FileRefused(
            TOO_BIG.format(name=shown, size=size_in_words(size), limit=size_in_words(max_bytes))
        )
    kind = BY_SUFFIX.get(PurePath(shown).suffix.lower())
    if kind is None:
        raise FileRefused(WRONG_NAME.format(name=shown))
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    matches = any(head.startswith(magic) for magic in MAGIC[kind])
    if matches and kind is DOCX:
        matches = _is_word_package(stream)
        stream.seek(0)
    if not matches:
        raise FileRefused(WRONG_CONTENTS.format(name=shown, kind=kind.words))
    return kind


def sha256_of(stream: Stream) -> str:
    """The file's SHA-256 in hex; the stream is read from its start and left at its start."""
    stream.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(block)
    stream.seek(0)
    return digest.hexdigest()
