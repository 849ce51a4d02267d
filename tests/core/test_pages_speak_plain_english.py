"""Every page of the demo area, seen by each role, reads in words people use, never in codes.

The demo area is loaded once for the module. Each role's demo login walks the pages its navigation
offers, then the first link of every other kind found on them (a case, a plan, an action, a form),
three links deep, and the visible text of every page is searched for identifiers: `snake_case`
words, Python list reprs and `advice:education`-style codes.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve

from sendtrack.accounts.models import Membership, Role
from sendtrack.demo.people import DEMO_EMAIL_DOMAIN

DEMO_CHILDREN = 150
# Every staff role (three caseworkers), a parent and a young person.
DEMO_LOGINS = 13
DEPTH = 3

RAW_IDENTIFIERS = {
    "snake_case word": re.compile(r"\b[a-z]+(?:_[a-z]+)+\b"),
    "Python list": re.compile(r"\[\s*'[^']*'"),
    "rule or field code": re.compile(r"\b[a-z]+(?:_[a-z]+)*:[a-z0-9_]+\b"),
}
# Not pages a person reads: sign-out ends the walk, the admin and the API have their own vocabulary.
NOT_WALKED = ("/account/sign-out", "/admin/", "/api/", "/static/")


class VisibleText(HTMLParser):
    """The text a sighted reader sees, and the links on the page."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def raw_identifiers(text: str) -> list[str]:
    """Each identifier found in `text` once, with the words around its first appearance."""
    found: dict[str, str] = {}
    for kind, pattern in RAW_IDENTIFIERS.items():
        for match in pattern.finditer(text):
            start = max(match.start() - 40, 0)
            found.setdefault(
                match.group(), f"{kind} {match.group()!r} in ...{text[start : match.end() + 40]}..."
            )
    return list(found.values())


def page_kind(path: str) -> str | None:
    """The URL name of a walkable page (with the event type of a form), or None outside the walk."""
    if not path.startswith("/") or path.startswith(NOT_WALKED):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    # Each kind of event has its own form, so each is a page of its own.
    return ":".join([match.view_name, *(v for k, v in match.kwargs.items() if k == "event_type")])


@pytest.fixture(scope="module")
def demo_area(django_db_setup, django_db_blocker):
    fast_hashing = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast_hashing:
        call_command("demo_data", children=DEMO_CHILDREN, seed=1, stdout=io.StringIO())
        yield [
            m.user
            for m in Membership.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
            .select_related("user")
            .order_by("role", "user__email")
        ]
        call_command("flush", interactive=False, verbosity=0)


def walk(client) -> dict[str, list[str]]:
    """Visit the navigation's pages, then the first link of each kind, `DEPTH` links deep."""
    problems: dict[str, list[str]] = {}
    seen_kinds: set[str] = set()
    frontier = ["/"]
    for _ in range(DEPTH + 1):
        following: list[str] = []
        for path in frontier:
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            parser = VisibleText()
            parser.feed(response.content.decode())
            found = raw_identifiers(parser.text)
            if found:
                problems[path] = found
            for href in parser.links:
                link = urlsplit(href)
                target = link.path + (f"?{link.query}" if link.query else "")
                kind = page_kind(link.path)
                if kind is None or kind in seen_kinds:
                    continue
                seen_kinds.add(kind)
                following.append(target)
        frontier = following
    return problems


def test_the_walk_reaches_case_and_plan_pages(demo_area, client, db):
    caseworker = next(u for u in demo_area if u.email.startswith("caseworker@"))
    client.force_login(caseworker)
    visited: list[str] = []
    original_get = client.get

    def recording_get(path, *args, **kwargs):
        visited.append(path)
        return original_get(path, *args, **kwargs)

    client.get = recording_get
    walk(client)
    kinds = {page_kind(urlsplit(p).path) for p in visited}
    assert {"casework:person", "improvement:plan"} <= kinds


def test_the_demo_has_a_login_for_every_role(demo_area):
    roles = set(Membership.objects.filter(user__in=demo_area).values_list("role", flat=True))
    assert roles == set(Role) and len(demo_area) == DEMO_LOGINS


@pytest.mark.parametrize("index", range(DEMO_LOGINS))
def test_no_page_shows_a_raw_identifier_to_any_role(demo_area, client, db, index):
    user = demo_area[index]
    client.force_login(user)
    problems = walk(client)
    report = "\n".join(f"{path}: {line}" for path, lines in problems.items() for line in lines)
    assert not problems, f"{user.email} sees identifiers:\n{report}"
