"""Walks the URL resolver so that a new page is covered the day it is added."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sendtrack.accounts.public import public_url_names

PLACEHOLDERS = {
    "int": "1",
    "str": "REF-1",
    "slug": "a-slug",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
}
SKIP_PREFIXES = ("admin/", "static/", "media/", "__debug__")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def _concrete(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: PLACEHOLDERS.get(m.group(1) or "str", "x"), route)
    return "/" + path


def all_pages():
    seen = set()
    for route, name in _walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES):
            continue
        url = _concrete(route)
        if url and url not in seen:
            seen.add(url)
            yield pytest.param(url, name, id=url)


@pytest.mark.parametrize(("url", "name"), list(all_pages()))
def test_a_page_not_on_the_public_list_asks_an_anonymous_visitor_to_sign_in(client, db, url, name):
    if name in public_url_names():
        pytest.skip(f"{name} is public")
    response = client.get(url)
    if url.startswith("/api/"):
        assert response.status_code in {401, 404, 405}, f"{url} answered {response.status_code}"
        return
    assert response.status_code in {302, 404, 405}, f"{url} answered {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith("/account/sign-in/"), (
            f"{url} redirected to {response['Location']}"
        )


def test_the_walker_finds_the_pages_it_must_guard():
    urls = {param.values[0] for param in all_pages()}
    assert "/" in urls
    assert "/account/invite-user/" in urls
    assert "/api/me" in urls
