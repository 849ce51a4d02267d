"""The breadcrumbs every page above the top level is written with."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError


def test_breadcrumbs_are_a_labelled_nav_of_links_in_order_with_words_escaped() -> None:
    page = (
        '{% url "casework:tracker" as tracker %}'
        '{% breadcrumbs "EHC tracker" tracker name|add:"\'s plan" "/x/" %}'
    )
    html = Template(page).render(Context({"name": "Lily <O'Neill>"}))
    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<ol class="govuk-breadcrumbs__list">' in html
    assert html.count('<li class="govuk-breadcrumbs__list-item">') == 2
    assert html.index('href="/casework/">EHC tracker</a>') < html.index(
        'href="/x/">Lily &lt;O&#x27;Neill&gt;&#x27;s plan</a>'
    )


def test_a_link_without_its_address_is_refused() -> None:
    with pytest.raises((TemplateSyntaxError, ValueError)):
        Template('{% breadcrumbs "EHC tracker" %}').render(Context({}))
