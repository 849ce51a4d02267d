"""`sendtrack import-waiting-list`: import service waiting lists from CSV or Excel."""

from sendtrack.performance.management.other_source_command import NOTHING_STORED, OtherSourceImportCommand
from sendtrack.performance.services.imports import import_waiting_list


class Command(OtherSourceImportCommand):
    help = "Import service waiting lists (one child's referral a row) from .csv or .xlsx" + NOTHING_STORED
    importer = staticmethod(import_waiting_list)
