"""The family panel other apps' pages show: casework's person page includes it for the SEND team."""

from __future__ import annotations

from django import template

from sendtrack.casework.models import Case
from sendtrack.portal import selectors

register = template.Library()


@register.inclusion_tag("portal/_person_panel.html")
def family_panel(case: Case) -> dict[str, object]:
    """Who in the family follows the record, open invitations and responses to the draft plan."""
    return {"case": case, **selectors.family_panel(case)}
