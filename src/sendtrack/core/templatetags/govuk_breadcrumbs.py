"""GOV.UK breadcrumbs written once.

`{% url 'casework:tracker' as tracker %}{% breadcrumbs "EHC tracker" tracker %}`
"""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*labels_and_urls: object) -> dict[str, list[tuple[object, object]]]:
    """Each link's words then its address, in order from the top of the service down."""
    pairs = zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True)
    return {"crumbs": list(pairs)}
