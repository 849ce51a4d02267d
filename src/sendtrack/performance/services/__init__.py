"""Actions that change performance records: rebuilding KPI summaries and importing other sources."""
