"""What the performance app tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent after an area's KPI summaries were rebuilt, with `local_area` and `as_of`.
kpi_summaries_refreshed = Signal()
