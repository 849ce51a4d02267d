"""`{% case_url 'casework:history' case.case_ref %}`: the address `{% url %}` gives, without resolving the
URL configuration on every page (`links.case_url`)."""

from __future__ import annotations

from django import template

from sendtrack.casework.links import case_url as address

register = template.Library()


@register.simple_tag
def case_url(url_name: str, case_ref: str) -> str:
    return address(url_name, case_ref)
