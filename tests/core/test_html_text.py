"""`escaped` gives exactly what Django's `conditional_escape` gives, for any text and for values
that carry their own HTML."""

from __future__ import annotations

import datetime as dt

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from sendtrack.core.html_text import escaped


@given(st.text(alphabet=st.sampled_from("ab &<>\"'é;#x") | st.characters()))
def test_any_text_is_escaped_as_django_escapes_it(text):
    assert escaped(text) == str(conditional_escape(text))


def test_values_that_are_not_text_and_safe_html():
    for value in (12, None, dt.date(2026, 1, 5), mark_safe("<b>kept</b>"), "O'Neil & <Sons>"):
        assert escaped(value) == str(conditional_escape(value))
