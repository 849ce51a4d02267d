"""`sendtrack import-high-needs`: import high needs funding and spend from CSV or Excel."""

from sendtrack.performance.management.other_source_command import NOTHING_STORED, OtherSourceImportCommand
from sendtrack.performance.services.imports import import_high_needs


class Command(OtherSourceImportCommand):
    help = "Import high needs funding and spend by financial year from .csv or .xlsx" + NOTHING_STORED
    importer = staticmethod(import_high_needs)
