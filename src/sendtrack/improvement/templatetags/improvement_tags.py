"""Small display helpers for plans: status and RAG words and their GOV.UK tag colours."""

from __future__ import annotations

import base64

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


@register.filter
def rag_tag_class(rag: str) -> str:
    return RAG_TAG_CLASSES.get(rag, "govuk-tag--grey")


@register.filter
def rag_label(rag: str) -> str:
    return rules.RAG_LABELS.get(rag, "Not rated")


@register.filter
def status_tag_class(status: str) -> str:
    return STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")


@register.filter
def status_label(status: str) -> str:
    return rules.STATUS_LABELS.get(status, "")


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key)


@register.filter
def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
