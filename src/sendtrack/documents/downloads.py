"""The one way a document's bytes leave sendtrack: as an attachment the browser never renders."""

from __future__ import annotations

from django.http import FileResponse, Http404

from sendtrack.accounts.http import AuthenticatedHttpRequest
from sendtrack.casework.access import Purpose, get_visible_case_or_404
from sendtrack.casework.models import CaseDocument
from sendtrack.documents.selectors import document_of_case

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


def download_document(
    request: AuthenticatedHttpRequest,
    case_ref: str,
    document_id: int,
    *,
    purpose: Purpose,
    family: bool = False,
) -> FileResponse:
    """One of a case's documents (for the family, one shared with them), the case opened for `purpose`."""
    case = get_visible_case_or_404(request.user, case_ref, purpose=purpose, path=request.path)
    document = document_of_case(case, document_id, family=family)
    if document is None:
        raise Http404("No such document")
    return document_response(document)
