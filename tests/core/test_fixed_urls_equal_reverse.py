"""`{% fixed_url %}` keeps each address once per URL configuration and script prefix: it must give
what `{% url %}` (`reverse`) gives, under any script prefix."""

from __future__ import annotations

import pytest
from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix

from sendtrack.core.templatetags.fixed_urls import fixed_url

NAMES = ["core:home", "core:privacy", "core:accessibility", "accounts:sign-out", "casework:tracker"]


@pytest.mark.parametrize("prefix", ["/", "/sendtrack/", "/a b/"])
def test_each_address_is_what_reverse_gives(prefix):
    set_script_prefix(prefix)
    try:
        assert [fixed_url(name) for name in NAMES] == [reverse(name) for name in NAMES]
    finally:
        clear_script_prefix()


def test_the_tag_escapes_and_names_as_url_does():
    template = engines["django"].from_string(
        "{% load fixed_urls %}{% fixed_url 'casework:tracker' %}|"
        "{% fixed_url 'core:home' as home %}{{ home }}"
    )
    set_script_prefix("/a&b/")
    try:
        assert template.render({}) == "/a&amp;b/casework/|/a&amp;b/"
    finally:
        clear_script_prefix()
