"""The one way a document's bytes leave sendtrack: as an attachment the browser never renders."""

from __future__ import annotations

from django.http import FileResponse, Http404

from sendtrack.casework.models import CaseDocument

MISSING_FILE = "The file of this document could not be found"


def document_response(document: CaseDocument) -> FileResponse:
    """The file as a download (`Content-Disposition: attachment`), of the type read from its bytes,
    with `nosniff` so no browser guesses another. The caller has written the access-log row."""
    try:
        stream = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(MISSING_FILE) from error
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response
