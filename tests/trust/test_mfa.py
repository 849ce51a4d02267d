"""Multi-factor authentication: a password alone opens nothing but the way to the second factor."""

from __future__ import annotations

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sendtrack.accounts.forms import TOO_MANY_CODE_TRIES, WRONG_CODE, WRONG_CODE_OR_BACKUP_CODE
from sendtrack.accounts.middleware import MFA_URL_NAMES
from sendtrack.accounts.public import public_url_names
from sendtrack.accounts.services import issue_api_token
from tests.core.test_every_page_needs_sign_in import all_pages
from tests.trust.conftest import MFA_SETUP, MFA_VERIFY, authenticator_for, code_now, sign_in_with_password


def _errors(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_someone_with_no_authenticator_is_sent_to_set_one_up_after_their_password(client, caseworker, mfa_on):
    sign_in_with_password(client, caseworker)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"{MFA_SETUP}?next=%2F"


def test_someone_with_an_authenticator_is_asked_for_a_code_before_any_page(client, caseworker, mfa_on):
    authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)

    response = client.get("/account/invite-user/?tab=1")

    assert response.status_code == 302
    assert response["Location"] == f"{MFA_VERIFY}?next=%2Faccount%2Finvite-user%2F%3Ftab%3D1"


@pytest.mark.parametrize(("url", "name"), list(all_pages()))
def test_no_page_but_the_public_ones_opens_to_a_password_alone(client, manager, mfa_on, url, name):
    if name in public_url_names() or name in MFA_URL_NAMES:
        pytest.skip(f"{name} is open before the second factor")
    authenticator_for(manager)
    sign_in_with_password(client, manager)

    response = client.get(url)

    if url.startswith("/api/"):
        assert response.status_code == 403, f"{url} answered {response.status_code}"
        assert "Multi-factor authentication is needed" in response.json()["detail"]
    else:
        assert response.status_code == 302, f"{url} answered {response.status_code}"
        assert response["Location"].startswith(f"{MFA_VERIFY}?next="), f"{url} went to {response['Location']}"


def test_the_django_admin_also_needs_the_second_factor(client, administrator, mfa_on):
    authenticator_for(administrator)
    sign_in_with_password(client, administrator)

    assert client.get("/admin/")["Location"].startswith(MFA_VERIFY)


def test_public_pages_and_sign_out_stay_open_before_the_second_factor(client, caseworker, mfa_on):
    sign_in_with_password(client, caseworker)

    assert client.get("/privacy/").status_code == 200
    assert client.get("/accessibility/").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.post("/account/sign-out/")["Location"] == "/account/signed-out/"
    assert client.get("/").status_code == 302


def test_a_caseworker_sets_up_an_authenticator_and_gets_ten_backup_codes(client, caseworker, mfa_on):
    sign_in_with_password(client, caseworker)
    page = client.get(MFA_SETUP + "?next=/account/switch-organisation/")
    body = page.content.decode()
    assert '<svg role="img" aria-label="QR code for your authenticator app"' in body
    assert re.search(r'id="mfa-secret">([A-Z2-7]{4} ?){8}', body)
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)

    done = client.post(MFA_SETUP, {"code": code_now(device), "next": "/privacy/"})

    assert done.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True)
    )
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


def test_the_setup_page_keeps_the_same_secret_when_reloaded(client, caseworker, mfa_on):
    sign_in_with_password(client, caseworker)
    first = re.search(r'id="mfa-secret">([^<]+)<', client.get(MFA_SETUP).content.decode()).group(1)
    second = re.search(r'id="mfa-secret">([^<]+)<', client.get(MFA_SETUP).content.decode()).group(1)

    assert first == second
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_a_wrong_first_code_does_not_confirm_the_authenticator(client, caseworker, mfa_on):
    sign_in_with_password(client, caseworker)
    client.get(MFA_SETUP)
    device = TOTPDevice.objects.get(user=caseworker)
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"

    response = client.post(MFA_SETUP, {"code": wrong})

    assert WRONG_CODE in _errors(response)
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/").status_code == 302


def test_a_code_from_the_app_opens_the_page_first_asked_for(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)

    response = client.post(MFA_VERIFY, {"code": code_now(device), "next": "/privacy/"})

    assert response["Location"] == "/privacy/"
    assert client.get("/").status_code == 200


def test_a_next_page_on_another_site_is_ignored(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)

    response = client.post(MFA_VERIFY, {"code": code_now(device), "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_a_code_already_used_is_refused_when_replayed(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    code = code_now(device)
    assert client.post(MFA_VERIFY, {"code": code})["Location"] == "/"

    attacker = Client()
    sign_in_with_password(attacker, caseworker)
    replay = attacker.post(MFA_VERIFY, {"code": code})

    assert replay.status_code == 200
    assert WRONG_CODE_OR_BACKUP_CODE in _errors(replay)
    assert attacker.get("/").status_code == 302


def test_a_backup_code_works_once(client, caseworker, mfa_on):
    authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    client.get("/")
    from sendtrack.accounts.mfa import replace_backup_codes

    code = replace_backup_codes(user=caseworker)[0]
    assert client.post(MFA_VERIFY, {"code": code.upper()})["Location"] == "/"

    again = Client()
    sign_in_with_password(again, caseworker)
    assert WRONG_CODE_OR_BACKUP_CODE in _errors(again.post(MFA_VERIFY, {"code": code}))
    assert StaticToken.objects.filter(device__user=caseworker).count() == 9


def test_after_wrong_codes_even_the_right_code_must_wait(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    for wrong in ("000000", "111111", "222222"):
        client.post(MFA_VERIFY, {"code": wrong if wrong != code_now(device) else "333333"})

    response = client.post(MFA_VERIFY, {"code": code_now(device)})

    assert TOO_MANY_CODE_TRIES in _errors(response)
    assert client.get("/").status_code == 302


def test_the_second_factor_gives_the_session_a_new_key(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    before = client.cookies["sessionid"].value

    client.post(MFA_VERIFY, {"code": code_now(device)})

    assert client.cookies["sessionid"].value != before


def test_a_parent_needs_the_second_factor_too(client, parent, mfa_on):
    sign_in_with_password(client, parent)

    assert client.get("/")["Location"].startswith(MFA_SETUP)


def test_the_api_answers_a_password_only_session_with_json_not_a_redirect(client, manager, mfa_on):
    device = authenticator_for(manager)
    sign_in_with_password(client, manager)

    refused = client.get("/api/me")
    client.post(MFA_VERIFY, {"code": code_now(device)})
    allowed = client.get("/api/me")

    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/json"
    assert allowed.status_code == 200


def test_an_api_token_is_not_asked_for_a_second_factor(client, caseworker, mfa_on):
    token = issue_api_token(user=caseworker, name="tracker sync")

    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_an_htmx_request_is_told_to_load_the_whole_verify_page(client, caseworker, mfa_on):
    authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)

    response = client.get("/", HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(MFA_VERIFY)


def test_the_development_bypass_lets_a_password_through(client, caseworker, settings):
    settings.MFA_DEV_BYPASS = True
    sign_in_with_password(client, caseworker)

    assert client.get("/").status_code == 200


def test_the_mfa_pages_have_no_inline_script_or_style(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    pages = [client.get(MFA_VERIFY)]
    client.post(MFA_VERIFY, {"code": code_now(device)})
    pages.append(client.get("/account/mfa/backup-codes/"))
    pages.append(client.post("/account/mfa/backup-codes/"))
    TOTPDevice.objects.filter(user=caseworker).delete()
    pages.append(client.get(MFA_SETUP))

    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline script"
        assert " style=" not in body and "<style" not in body, "inline style"


def test_backup_codes_can_be_replaced_and_the_old_ones_stop_working(client, caseworker, mfa_on):
    device = authenticator_for(caseworker)
    sign_in_with_password(client, caseworker)
    client.post(MFA_VERIFY, {"code": code_now(device)})
    from sendtrack.accounts.mfa import replace_backup_codes

    old = replace_backup_codes(user=caseworker)
    assert "You have 10 unused backup codes" in client.get("/account/mfa/backup-codes/").content.decode()
    new = re.findall(r"<li>([a-z2-7]{8})</li>", client.post("/account/mfa/backup-codes/").content.decode())

    assert len(new) == 10
    assert not set(old) & set(
        StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True)
    )


def test_the_mfa_secret_command_gives_a_demo_account_a_working_authenticator(
    client, caseworker, mfa_on, capsys
):
    call_command("mfa_secret", caseworker.email)
    output = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=caseworker, confirmed=True)
    assert "otpauth://totp/sendtrack%3Acaseworker%40northbridge.example" in output

    sign_in_with_password(client, caseworker)
    assert client.post(MFA_VERIFY, {"code": code_now(device)})["Location"] == "/"


def test_the_mfa_secret_command_refuses_in_production_and_for_unknown_accounts(caseworker, settings):
    with pytest.raises(CommandError, match="There is no account"):
        call_command("mfa_secret", "nobody@northbridge.example")
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="In production"):
        call_command("mfa_secret", caseworker.email)
