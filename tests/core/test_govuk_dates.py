import datetime as dt

from sendtrack.core.templatetags.govuk_dates import govuk_date


def test_dates_are_written_the_gov_uk_way():
    assert govuk_date(dt.date(2026, 1, 5)) == "5 January 2026"
    assert govuk_date("2024-02-29") == "29 February 2024"
    assert govuk_date(None) == ""
