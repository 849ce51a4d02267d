"""The virus-scanning hook every document passes before it is kept.

`DOCUMENT_SCANNER` names a callable `scanner(stream, *, name) -> str | None`: it reads the file's
bytes from `stream` and answers None when the file is clean, or the name of what it found. Anything
it raises (the scanner is down, times out) refuses the file too: a file that was not checked is
never kept.

- `sendtrack.documents.scanning.no_scan`, the default, DOES NOT SCAN: it accepts every file. It is
  there so a development machine works without a scanner; a council must point the setting at its
  own scanner before real documents are uploaded (docs/deploy.md).
- `sendtrack.documents.scanning.clamd_scan` asks a ClamAV daemon (`CLAMD_ADDRESS`: `host:port`
  or the path of its Unix socket) with its INSTREAM command.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

from sendtrack.documents.files import FileRefused, Stream

Scanner = Callable[..., "str | None"]

VIRUS_FOUND = "The file {name} was refused by the virus scanner ({found}): it has not been kept"
SCAN_FAILED = (
    "The file {name} could not be checked for viruses, so it has not been kept. Try again in a few "
    "minutes; if it happens again, tell your administrator"
)
CHUNK = 64 * 1024


def no_scan(stream: Stream, *, name: str) -> str | None:
    """Accept every file without scanning it (the default: set DOCUMENT_SCANNER in production)."""
    return None


def clamd_scan(stream: Stream, *, name: str) -> str | None:
    """Stream the file to clamd (INSTREAM) at `CLAMD_ADDRESS`; the signature's name when it finds one."""
    address = settings.CLAMD_ADDRESS
    if ":" in address and not address.startswith("/"):
        host, port = address.rsplit(":", 1)
        connection = socket.create_connection((host, int(port)), timeout=settings.CLAMD_TIMEOUT)
    else:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(settings.CLAMD_TIMEOUT)
        connection.connect(address)
    with connection:
        connection.sendall(b"zINSTREAM\0")
        stream.seek(0)
        for block in iter(lambda: stream.read(CHUNK), b""):
            connection.sendall(struct.pack("!L", len(block)) + block)
        connection.sendall(struct.pack("!L", 0))
        stream.seek(0)
        answer = b""
        while not answer.endswith(b"\0"):
            received = connection.recv(4096)
            if not received:
                break
            answer += received
    text = answer.rstrip(b"\0").decode("utf-8", "replace").strip()
    if text.endswith(" OK"):
        return None
    if text.endswith(" FOUND"):
        return text.removeprefix("stream:").removesuffix(" FOUND").strip()
    raise OSError(f"clamd answered {text!r}")


def scanner() -> Scanner:
    """The callable `DOCUMENT_SCANNER` names."""
    named: Scanner = import_string(settings.DOCUMENT_SCANNER)
    return named


def scan(stream: Stream, *, name: str) -> None:
    """`FileRefused` unless the scanner answers that the file is clean; the stream is left at its start."""
    try:
        found = scanner()(stream, name=name)
    except Exception as error:  # noqa: BLE001  (any failure of the scanner refuses the file)
        raise FileRefused(SCAN_FAILED.format(name=name)) from error
    finally:
        stream.seek(0)
    if found:
        raise FileRefused(VIRUS_FOUND.format(name=name, found=found))
