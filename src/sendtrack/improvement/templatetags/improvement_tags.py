"""Small display helpers for plans: status and RAG words and their GOV.UK tag colours."""

from __future__ import annotations

import base64
from collections.abc import Callable, Mapping

from django import template

from sendtrack.improvement import rules

register = template.Library()

RAG_TAG_CLASSES = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
    "blue": "govuk-tag--blue",
}
STATUS_TAG_CLASSES = {
    rules.NOT_STARTED: "govuk-tag--grey",
    rules.IN_PROGRESS: "govuk-tag--light-blue",
    rules.FINAL_STAGES: "govuk-tag--turquoise",
    rules.COMPLETE: "govuk-tag--green",
    rules.AT_RISK: "govuk-tag--red",
}


# Filters that look a RAG rating or a status up in a table: name -> (table, what an unknown value gives).
LOOKUPS: dict[str, tuple[Mapping[str, str], str]] = {
    "rag_tag_class": (RAG_TAG_CLASSES, "govuk-tag--grey"),
    "rag_label": (rules.RAG_LABELS, "Not rated"),
    "status_tag_class": (STATUS_TAG_CLASSES, "govuk-tag--grey"),
    "status_label": (rules.STATUS_LABELS, ""),
}


def _lookup(table: Mapping[str, str], default: str) -> Callable[[str], str]:
    return lambda value: table.get(value, default)


for _name, (_table, _default) in LOOKUPS.items():
    register.filter(_name, _lookup(_table, _default))


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key)


@register.filter
def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
