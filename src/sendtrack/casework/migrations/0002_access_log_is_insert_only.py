"""On PostgreSQL, the database itself refuses to change or delete access log and audit rows.

The models already refuse at the ORM level; these triggers also stop raw SQL from the application's
own database account. SQLite is left alone (Django's test flush deletes rows there); TRUNCATE, used
by PostgreSQL's test flush and by restore into an empty database, does not fire row triggers.
"""

from django.db import migrations

TABLES = ("casework_accesslog", "core_auditevent")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION sendtrack_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are insert-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""
CREATE_TRIGGER = """
CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION sendtrack_refuse_change();
"""
DROP_TRIGGER = "DROP TRIGGER IF EXISTS {table}_insert_only ON {table};"
DROP_FUNCTION = "DROP FUNCTION IF EXISTS sendtrack_refuse_change();"


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(CREATE_TRIGGER.format(table=table), params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(DROP_TRIGGER.format(table=table))
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("core", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
