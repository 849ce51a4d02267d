"""Every response carries the security headers; signed-in pages are never cached; CSRF is checked."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.core.test_every_page_needs_sign_in import all_pages
from tests.factories import TEST_PASSWORD
from tests.trust.conftest import SIGN_IN


def _csp(response) -> dict[str, str]:
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] if " " in d else "" for d in directives}


@pytest.mark.parametrize("url", ["/account/sign-in/", "/privacy/", "/healthz", "/no-such-page/"])
def test_every_response_forbids_sniffing_framing_and_leaking_the_address(client, db, url):
    response = client.get(url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_content_security_policy_allows_no_inline_script_or_style(client, db):
    policy = _csp(client.get("/account/sign-in/"))

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in str(policy) and "unsafe-eval" not in str(policy)


def test_a_signed_in_page_is_never_stored_by_the_browser(client, caseworker):
    client.force_login(caseworker)

    response = client.get("/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_sign_in_page_itself_is_not_cached_after_sign_in(client, caseworker):
    client.force_login(caseworker)

    assert "no-store" in client.get("/privacy/")["Cache-Control"]


def test_signing_in_without_the_csrf_token_is_refused(db, caseworker):
    client = Client(enforce_csrf_checks=True)

    response = client.post(SIGN_IN, {"username": caseworker.email, "password": TEST_PASSWORD})

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_signing_out_without_the_csrf_token_is_refused(db, caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)

    assert client.post("/account/sign-out/").status_code == 403
    assert client.get("/").status_code == 200


def test_signing_in_with_the_csrf_token_works(db, caseworker):
    client = Client(enforce_csrf_checks=True)
    client.get(SIGN_IN)
    token = client.cookies["csrftoken"].value

    response = client.post(
        SIGN_IN, {"username": caseworker.email, "password": TEST_PASSWORD, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302


@pytest.mark.parametrize(("url", "name"), list(all_pages()))
def test_no_state_changing_request_is_accepted_without_the_csrf_token(manager, url, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code in {401, 403, 405}, (
            f"{method.upper()} {url} answered {response.status_code}"
        )
