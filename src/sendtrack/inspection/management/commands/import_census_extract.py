"""`sendtrack import-census-extract FILE.csv --area CODE`: census and social care figures for the lists."""

from sendtrack.inspection.census import COLUMNS
from sendtrack.inspection.services import import_census_extract
from sendtrack.performance.management.other_source_command import NOTHING_STORED, OtherSourceImportCommand


class Command(OtherSourceImportCommand):
    help = (
        "Import school census and social care figures for the inspection lists from .csv "
        f"(columns: {', '.join(COLUMNS)})" + NOTHING_STORED
    )
    importer = staticmethod(import_census_extract)
