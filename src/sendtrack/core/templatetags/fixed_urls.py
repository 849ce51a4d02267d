"""`{% fixed_url 'core:home' %}`: the address `{% url %}` gives for a URL name that takes no
arguments, resolved once per URL configuration and script prefix rather than on every page (each
`{% url %}` walks the resolver: about a dozen a page in the header, footer and page links)."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=512)
def _address(url_name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(url_name, urlconf=urlconf)


@register.simple_tag
def fixed_url(url_name: str) -> str:
    return _address(url_name, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))
