"""On PostgreSQL the milestone index by area, rule and due date also carries the columns the KPI
count reads, so the national refresh reads the index alone (an index-only scan) instead of the wide
milestone rows (docs/decisions/0022-page-speed-and-national-refresh.md). Same name and key columns: the model's
index is unchanged; SQLite keeps the plain index."""

from django.db import migrations

NAME = "milestone_area_rule_due_idx"
TABLE = "casework_milestone"
COVERING = (
    f"CREATE INDEX {NAME} ON {TABLE} (local_area_id, rule_name, due)"
    " INCLUDE (case_id, rule, journey, start, completed, status, excepted)"
)
PLAIN = f"CREATE INDEX {NAME} ON {TABLE} (local_area_id, rule_name, due)"


def _replace(definition: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")
        schema_editor.execute(definition)

    return run


class Migration(migrations.Migration):
    dependencies = [("casework", "0003_person_sen2_fields")]

    operations = [migrations.RunPython(_replace(COVERING), _replace(PLAIN))]
