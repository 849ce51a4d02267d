"""`sendtrack import-exclusions`: import termly suspensions, exclusions and attendance from CSV or Excel."""

from sendtrack.performance.management.other_source_command import NOTHING_STORED, OtherSourceImportCommand
from sendtrack.performance.services.imports import import_exclusions


class Command(OtherSourceImportCommand):
    help = (
        "Import termly suspensions, exclusions and attendance of pupils with SEN from .csv or .xlsx"
        + NOTHING_STORED
    )
    importer = staticmethod(import_exclusions)
