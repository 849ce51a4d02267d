import pytest

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_send_manager_signs_in_sees_the_home_page_and_signs_out(page, live_server, manager):
    sign_in(page, live_server, manager)

    assert page.get_by_role("heading", level=1).inner_text() == "Northbridge"
    assert "Signed in as Priya Shah, SEND manager at Northbridge Council" in page.inner_text(
        ".app-membership"
    )
    assert axe_violations(page, live_server) == []

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "You have signed out"

    page.goto(f"{live_server.url}/")
    assert "/account/sign-in/" in page.url
    assert page.console_errors == []


def test_a_wrong_password_gets_a_polite_error_summary(page, live_server, manager):
    sign_in(page, live_server, manager, password="not-the-password")

    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    assert axe_violations(page, live_server) == []
