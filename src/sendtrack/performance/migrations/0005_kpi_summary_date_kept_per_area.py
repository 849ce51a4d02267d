"""The date the KPI summaries are as of is kept once an area, in `SummaryRefresh` (which the
dashboard already read it from), not on every row: the date moves every night, so with it on each
row every row differed every night and was rewritten; without it a refresh writes only the rows
whose values changed (docs/decisions/0026-national-refresh-in-seconds.md). Reversed, each row gets
its area's date back."""

from django.db import migrations, models


def _dates_back_on_rows(apps, schema_editor):
    summaries = apps.get_model("performance", "KpiSummary")
    refreshes = apps.get_model("performance", "SummaryRefresh")
    for area_id, as_of in refreshes.objects.values_list("local_area_id", "as_of"):
        summaries.objects.filter(local_area_id=area_id).update(as_of=as_of)
    summaries.objects.filter(as_of__isnull=True).delete()  # rows of an area never refreshed


class Migration(migrations.Migration):
    dependencies = [("performance", "0004_sen2_checks")]

    operations = [
        migrations.AlterField("kpisummary", "as_of", models.DateField(null=True)),
        migrations.RunPython(migrations.RunPython.noop, _dates_back_on_rows),
        migrations.RemoveField("kpisummary", "as_of"),
    ]
