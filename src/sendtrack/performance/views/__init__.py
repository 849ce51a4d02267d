"""The performance pages: the dashboard, a page per KPI, the cases behind a figure, SEN2 issues."""
