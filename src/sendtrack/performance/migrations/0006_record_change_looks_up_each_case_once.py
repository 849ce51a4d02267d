"""The note of a statement that changed events finds their areas by looking up each changed case
once, through the cases' primary key, instead of joining every event to a scan of every case.

The join's plan (a hash of the whole case table, planned once a session) made each statement cost
the size of the table: a bulk load of events, a statement a thousand cases, grew quadratically
(docs/decisions/0025-england-demo-load.md, sixth pass). The notes written are the same rows.
Reversed, the join is back."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION sendtrack_note_record_change() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'casework_caseevent' THEN
        IF TG_OP = 'DELETE' THEN
            WITH areas AS MATERIALIZED (
                SELECT (SELECT c.local_area_id FROM casework_case c WHERE c.id = r.case_id) AS area_id
                  FROM (SELECT DISTINCT case_id FROM old_rows) r
            )
            INSERT INTO performance_recordchange (area_id, xid)
            SELECT DISTINCT area_id, pg_current_xact_id()::text::bigint FROM areas WHERE area_id IS NOT NULL;
        ELSE
            WITH areas AS MATERIALIZED (
                SELECT (SELECT c.local_area_id FROM casework_case c WHERE c.id = r.case_id) AS area_id
                  FROM (SELECT DISTINCT case_id FROM new_rows) r
            )
            INSERT INTO performance_recordchange (area_id, xid)
            SELECT DISTINCT area_id, pg_current_xact_id()::text::bigint FROM areas WHERE area_id IS NOT NULL;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT DISTINCT r.local_area_id, pg_current_xact_id()::text::bigint FROM new_rows r;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT a.local_area_id, pg_current_xact_id()::text::bigint
          FROM (SELECT local_area_id FROM new_rows UNION SELECT local_area_id FROM old_rows) a;
    ELSE
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT DISTINCT r.local_area_id, pg_current_xact_id()::text::bigint FROM old_rows r;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
JOINED = """
CREATE OR REPLACE FUNCTION sendtrack_note_record_change() RETURNS trigger AS $$
BEGIN
    IF TG_TABLE_NAME = 'casework_caseevent' THEN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO performance_recordchange (area_id, xid)
            SELECT DISTINCT c.local_area_id, pg_current_xact_id()::text::bigint
              FROM old_rows r JOIN casework_case c ON c.id = r.case_id;
        ELSE
            INSERT INTO performance_recordchange (area_id, xid)
            SELECT DISTINCT c.local_area_id, pg_current_xact_id()::text::bigint
              FROM new_rows r JOIN casework_case c ON c.id = r.case_id;
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT DISTINCT r.local_area_id, pg_current_xact_id()::text::bigint FROM new_rows r;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT a.local_area_id, pg_current_xact_id()::text::bigint
          FROM (SELECT local_area_id FROM new_rows UNION SELECT local_area_id FROM old_rows) a;
    ELSE
        INSERT INTO performance_recordchange (area_id, xid)
        SELECT DISTINCT r.local_area_id, pg_current_xact_id()::text::bigint FROM old_rows r;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _looked_up(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def _joined(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(JOINED, params=None)


class Migration(migrations.Migration):
    dependencies = [("performance", "0005_kpi_summary_date_kept_per_area")]

    operations = [migrations.RunPython(_looked_up, _joined)]
