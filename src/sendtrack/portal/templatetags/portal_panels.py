"""The family panel other apps' pages show: casework's person page includes it for the SEND team."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from sendtrack.casework.links import case_url
from sendtrack.casework.models import Case
from sendtrack.portal import selectors

register = template.Library()

# `portal/_person_panel.html` as it renders for a record no one in the family follows, has been
# invited to or has answered: most records. A test compares the two.
EMPTY_PANEL = """
<section class="app-family-panel" aria-labelledby="family-panel-title">
<h2 class="govuk-heading-m" id="family-panel-title">Family</h2>

<p class="govuk-body">No family member can see this record online yet.</p>


<p class="govuk-body"><a class="govuk-link" href="{invite}">Invite a family member</a></p>
<h2 class="govuk-heading-m">Responses to the draft plan</h2>

<p class="govuk-body">The family has not responded to a draft plan online.</p>

</section>
"""


@register.simple_tag
def family_panel(case: Case) -> SafeString:
    """Who in the family follows the record, open invitations and responses to the draft plan.

    One query answers whether there is anything to show; only then are the three lists read."""
    if not selectors.family_panel_has_anything(case):
        invite = case_url("portal:invite-family-member", case.case_ref)
        return mark_safe(EMPTY_PANEL.format(invite=conditional_escape(invite)))  # noqa: S308 - escaped
    return render_to_string("portal/_person_panel.html", {"case": case, **selectors.family_panel(case)})
