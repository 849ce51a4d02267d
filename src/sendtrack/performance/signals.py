"""What the performance app tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent after the KPI summaries of some areas were rebuilt, with `local_areas` (a list) and `as_of`: once
# for a refresh of every area, so that a receiver can look them all up in one query.
kpi_summaries_refreshed = Signal()
