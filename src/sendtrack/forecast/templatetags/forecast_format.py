from __future__ import annotations

from django import template

from sendtrack.core.templatetags.plain_words import percent

register = template.Library()
register.filter("percent", percent)
