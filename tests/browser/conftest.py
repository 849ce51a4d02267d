"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

`make test` installs Chromium when it is missing. Screenshots of failures are kept under
var/test-artifacts/. Use the `page` fixture, `sign_in(page, live_server, user)` and
`axe_violations(page, live_server)`.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in this thread; the tests still use the ORM directly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: `make test` installs it with apt-get")
        pytest.skip("Chromium is not installed (run `make test`, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport() -> dict[str, int]:
    return DESKTOP


@pytest.fixture(scope="session")
def cold_start() -> list[bool]:
    return [True]


@pytest.fixture
def page(request, browser, viewport, transactional_db, live_server, cold_start) -> Iterator[object]:
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    if cold_start:
        # A test worker's first page starts Chromium's renderer and the live server's first request;
        # beside another worker doing the same on a loaded machine, that alone can pass 15 s.
        page.goto(f"{live_server.url}/account/sign-in/", timeout=120_000)
        cold_start.clear()
    page.set_default_timeout(15_000)
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        artifacts = Path(settings.TEST_ARTIFACTS_DIR)
        artifacts.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    context.close()


def sign_in(page, live_server, user, password: str = TEST_PASSWORD) -> None:
    email = user if isinstance(user, str) else user.email
    page.goto(f"{live_server.url}/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page, live_server) -> list[dict]:
    """Run axe-core (served by the app itself) on the current page; return its violations."""
    page.add_script_tag(url=f"{live_server.url}/static/vendor/js/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
