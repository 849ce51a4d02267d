"""Adding, changing and bulk-loading a child's documents: every change of state, each audited."""

from sendtrack.documents.services.imports import import_documents
from sendtrack.documents.services.uploads import (
    Details,
    DocumentRefused,
    change_document,
    upload_document,
)

__all__ = ["Details", "DocumentRefused", "change_document", "import_documents", "upload_document"]
