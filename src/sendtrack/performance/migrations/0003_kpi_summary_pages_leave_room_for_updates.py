"""On PostgreSQL the KPI summary table fills its pages only half, so that the refresh, which updates
every row in place (its key unchanged), finds room for the new version beside the old one in the
same page and touches no index (a heap-only update), instead of writing every row into its three
indexes again (docs/decisions/0024-national-refresh-in-one-pass.md). The table is rewritten once in
key order (CLUSTER) so that the rows already stored get that room too. SQLite has no such setting."""

from django.db import migrations

TABLE = "performance_kpisummary"


def _fillfactor(value: str, rewrite: bool):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {TABLE} SET (fillfactor = {value})")
            if rewrite:
                schema_editor.execute(f"CLUSTER {TABLE} USING kpi_summary_unique")

    return run


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_published_timeliness")]

    operations = [migrations.RunPython(_fillfactor("50", rewrite=True), _fillfactor("100", rewrite=False))]
