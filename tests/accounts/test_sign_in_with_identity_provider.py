"""Staff sign in with their organisation's OpenID Connect provider: a real provider on loopback.

The provider is the npm package `oidc-provider` run by `tests/accounts/oidc_provider.mjs`; sendtrack
talks to it over HTTP through mozilla-django-oidc (discovery, token endpoint, signing keys), and the
test plays the browser between the two, following every redirect as a browser would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from sendtrack.accounts.models import IdentityProvider, IdentityProviderDevice, User
from sendtrack.accounts.oidc import OrganisationSignInBackend, ProviderUnavailable
from sendtrack.accounts.oidc_rules import asserts_mfa, id_token_problem, verified_email
from tests.trust.conftest import MFA_SETUP, MFA_VERIFY, authenticator_for

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "accounts" / "oidc_provider.mjs"
RETURN_ADDRESS = "http://testserver/account/sign-in/return/"
CLIENT_ID = "sendtrack-northbridge"
CLIENT_SECRET = "a-client-secret-only-for-these-tests"  # noqa: S105
SECRET_VARIABLE = "OIDC_TEST_NORTHBRIDGE_SECRET"  # noqa: S105
ACCOUNTS = {
    "manager-with-mfa": {
        "email": "Manager@Northbridge.example",
        "email_verified": True,
        "name": "Priya Shah",
        "amr": ["pwd", "mfa"],
    },
    "caseworker-password-only": {
        "email": "caseworker@northbridge.example",
        "email_verified": True,
        "name": "Tom Ellis",
        "amr": ["pwd"],
    },
    "stranger": {"email": "new.starter@northbridge.example", "email_verified": True, "amr": ["pwd", "mfa"]},
    "unverified-manager": {"email": "manager@northbridge.example", "email_verified": False, "amr": ["mfa"]},
    "parent": {"email": "parent@example.org", "email_verified": True, "amr": ["pwd", "mfa"]},
}


@pytest.fixture(scope="module")
def provider_process() -> Iterator[str]:
    """Start the provider; yield its issuer."""
    node = shutil.which("node")
    assert node, "Node is needed for the OpenID Connect tests (make install-test installs its packages)"
    assert (ROOT / "node_modules" / "oidc-provider").is_dir(), "run `make install-test` (npm ci) first"
    config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [RETURN_ADDRESS],
        "accounts": ACCOUNTS,
    }
    process = subprocess.Popen(  # noqa: S603
        [node, str(SCRIPT)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "OIDC_TEST_CONFIG": json.dumps(config), "NODE_ENV": "test"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            problem = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"the provider did not start: {problem}")
        yield json.loads(line)["issuer"]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def identity_provider(provider_process, council, monkeypatch) -> IdentityProvider:
    monkeypatch.setenv(SECRET_VARIABLE, CLIENT_SECRET)
    return IdentityProvider.objects.create(
        organisation=council,
        slug="northbridge-council",
        issuer=provider_process,
        client_id=CLIENT_ID,
        client_secret_variable=SECRET_VARIABLE,
    )


@pytest.fixture
def mfa_on(settings):
    settings.MFA_DEV_BYPASS = False
    settings.MFA_REQUIRED = True


def _is_sendtrack(address: str) -> bool:
    return address.startswith("http://testserver/")


def _local(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sign_in_at_provider(client: Client, login: str, *, slug: str = "northbridge-council") -> str:
    """Press "Sign in with Northbridge Council" and sign in at the provider as ``login``.

    Returns the address the provider sends the browser back to (sendtrack's return page with the
    code and state), without opening it.
    """
    start = client.get(f"/account/sign-in/with/{slug}/")
    assert start.status_code == 302, start.content.decode()
    address = start["Location"]
    browser = requests.Session()
    for _ in range(12):
        if _is_sendtrack(address):
            return address
        if urlsplit(address).path.startswith("/interaction/") or "/interaction/" in address:
            address = f"{address}{'&' if '?' in address else '?'}{urlencode({'login': login})}"
        answer = browser.get(address, allow_redirects=False, timeout=10)
        assert answer.status_code in {302, 303}, f"{address}: {answer.status_code} {answer.text[:300]}"
        address = urljoin(address, answer.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


def sign_in(client: Client, login: str):
    return client.get(_local(sign_in_at_provider(client, login)))


def test_the_sign_in_page_offers_each_organisation_with_a_provider(client, identity_provider):
    body = client.get("/account/sign-in/").content.decode()

    assert "Sign in with Northbridge Council" in body
    assert 'href="/account/sign-in/with/northbridge-council/"' in body
    assert "Or sign in with your email address and password" in body


def test_staff_whose_provider_asserts_mfa_are_signed_in_without_a_second_factor(
    client, identity_provider, manager, mfa_on
):
    authenticator_for(manager)  # they have an app too, and are still not asked for it

    response = sign_in(client, "manager-with-mfa")

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Signed in as <strong>Priya Shah</strong>" in home.content.decode()
    device = IdentityProviderDevice.objects.get(user=manager, provider=identity_provider)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert device.verify_token("123456") is False  # it stands for the provider, never for a code


def test_staff_whose_provider_used_only_a_password_are_asked_for_sendtracks_own_code(
    client, identity_provider, caseworker, mfa_on
):
    authenticator_for(caseworker)

    sign_in(client, "caseworker-password-only")
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"{MFA_VERIFY}?next=%2F"
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert not IdentityProviderDevice.objects.exists()


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, identity_provider, caseworker, mfa_on):
    sign_in(client, "caseworker-password-only")

    assert client.get("/")["Location"] == f"{MFA_SETUP}?next=%2F"


def test_someone_nobody_invited_gets_a_polite_page_and_no_account(client, identity_provider, manager):
    users_before = User.objects.count()

    response = sign_in(client, "stranger")

    assert response.status_code == 403
    body = response.content.decode()
    assert "We could not find your invitation" in body
    assert "new.starter@northbridge.example" in body
    assert "no account has been made" in body
    assert User.objects.count() == users_before
    assert not User.objects.filter(email__iexact="new.starter@northbridge.example").exists()
    assert client.get("/").status_code == 302  # not signed in


def test_an_email_the_provider_did_not_verify_signs_nobody_in(client, identity_provider, manager):
    response = sign_in(client, "unverified-manager")

    assert response.status_code == 403
    assert "Your email address could not be confirmed" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_family_account_cannot_use_the_organisations_sign_in(client, identity_provider, parent):
    response = sign_in(client, "parent")

    assert response.status_code == 403
    assert "We could not find your invitation" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_state_is_refused_and_signs_nobody_in(client, identity_provider, manager):
    returned = sign_in_at_provider(client, "manager-with-mfa")
    query = parse_qs(urlsplit(returned).query)
    tampered = urlencode({"code": query["code"][0], "state": "not-the-state-we-sent", "iss": query["iss"][0]})

    response = client.get(f"/account/sign-in/return/?{tampered}")

    assert response.status_code == 400
    assert "You could not be signed in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_return_replayed_after_use_is_refused(client, identity_provider, manager):
    returned = _local(sign_in_at_provider(client, "manager-with-mfa"))
    assert client.get(returned).status_code == 302
    client.post("/account/sign-out/")

    replay = client.get(returned)

    assert replay.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_return_from_another_browser_is_refused(client, identity_provider, manager):
    returned = _local(sign_in_at_provider(client, "manager-with-mfa"))

    response = Client().get(returned)  # the code and state, but not the session that asked for them

    assert response.status_code == 400
    assert "You could not be signed in" in response.content.decode()


def test_a_provider_whose_discovery_names_another_issuer_is_refused_before_sign_in(
    client, identity_provider, manager
):
    # The address answers, but the provider there says it is someone else.
    identity_provider.issuer = identity_provider.issuer.replace("127.0.0.1", "localhost")
    identity_provider.discovery_url = f"{identity_provider.issuer}/.well-known/openid-configuration".replace(
        "localhost", "127.0.0.1"
    )
    identity_provider.save()

    response = client.get("/account/sign-in/with/northbridge-council/")

    assert response.status_code == 400
    assert "You could not be signed in" in response.content.decode()


def test_a_provider_that_names_another_issuer_on_return_is_refused(client, identity_provider, manager):
    returned = _local(sign_in_at_provider(client, "manager-with-mfa"))
    # Between start and return the configured issuer stops matching the provider's discovery document.
    IdentityProvider.objects.filter(pk=identity_provider.pk).update(
        issuer=identity_provider.issuer + "/other-tenant",
        discovery_url=f"{identity_provider.issuer}/.well-known/openid-configuration",
    )

    response = client.get(returned)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def _real_id_token(client: Client, provider: IdentityProvider) -> tuple[str, str]:
    """Sign in at the provider and swap the code for its ID token as sendtrack would; (token, nonce)."""
    returned = parse_qs(urlsplit(sign_in_at_provider(client, "manager-with-mfa")).query)
    entry = client.session["oidc_states"][returned["state"][0]]
    discovery = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=10).json()
    answer = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": returned["code"][0],
            "redirect_uri": RETURN_ADDRESS,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "code_verifier": entry["code_verifier"],
        },
        timeout=10,
    )
    answer.raise_for_status()
    return answer.json()["id_token"], entry["nonce"]


def test_an_id_token_signed_by_the_provider_must_name_the_configured_issuer_and_client(
    client, identity_provider, manager
):
    token, nonce = _real_id_token(client, identity_provider)
    backend = OrganisationSignInBackend()
    backend.use(identity_provider)
    assert backend.verify_token(token, nonce=nonce)["amr"] == ["pwd", "mfa"]

    real_issuer = identity_provider.issuer
    identity_provider.issuer = f"{real_issuer}/"  # what an administrator might type
    identity_provider.discovery_url = f"{real_issuer}/.well-known/openid-configuration"
    with pytest.raises(ProviderUnavailable, match="names another issuer"):
        backend.use(identity_provider)
    backend.provider = identity_provider  # had the discovery document agreed, the token still would not
    with pytest.raises(SuspiciousOperation, match="another issuer"):
        backend.verify_token(token, nonce=nonce)

    identity_provider.issuer = real_issuer
    identity_provider.client_id = "another-service"
    with pytest.raises(SuspiciousOperation, match="another client"):
        backend.verify_token(token, nonce=nonce)
    with pytest.raises(SuspiciousOperation, match="Nonce"):
        backend.verify_token(token, nonce="another-nonce")


def test_a_missing_client_secret_stops_sign_in_before_the_provider(client, identity_provider, monkeypatch):
    monkeypatch.delenv(SECRET_VARIABLE)

    response = client.get("/account/sign-in/with/northbridge-council/")

    assert response.status_code == 400
    assert "Signing in with Northbridge Council did not work" in response.content.decode()


def test_a_disabled_provider_is_not_offered(client, identity_provider):
    IdentityProvider.objects.filter(pk=identity_provider.pk).update(enabled=False)

    assert "Sign in with Northbridge Council" not in client.get("/account/sign-in/").content.decode()
    assert client.get("/account/sign-in/with/northbridge-council/").status_code == 404


@pytest.mark.parametrize(
    ("amr", "expected"),
    [
        (["pwd", "mfa"], True),
        (["otp"], True),
        (["hwk", "pin"], True),
        (["sc"], True),
        ("mfa", True),
        (["pwd"], False),
        (["pwd", "sms"], False),
        ([], False),
        (None, False),
        ([{"mfa": 1}], False),
    ],
)
def test_which_authentication_methods_count_as_a_second_factor(amr, expected):
    assert asserts_mfa(amr) is expected


def test_an_email_counts_only_when_the_provider_verified_it():
    assert verified_email({"email": "A@B.example", "email_verified": True}) == "a@b.example"
    assert verified_email({"email": "a@b.example", "xms_edov": True}) == "a@b.example"
    assert verified_email({"email": "a@b.example", "email_verified": "true"}) == "a@b.example"
    assert verified_email({"email": "a@b.example", "email_verified": False}) is None
    assert verified_email({"email": "a@b.example"}) is None
    assert verified_email({"email_verified": True}) is None


def test_an_id_token_must_name_our_issuer_and_client():
    good = {"iss": "https://idp.example", "aud": "us", "sub": "1"}

    assert id_token_problem(good, issuer="https://idp.example", client_id="us") is None
    assert "another issuer" in str(id_token_problem(good, issuer="https://other.example", client_id="us"))
    assert "another client" in str(id_token_problem(good, issuer="https://idp.example", client_id="them"))
    shared = {**good, "aud": ["us", "them"], "azp": "them"}
    assert "another client" in str(id_token_problem(shared, issuer="https://idp.example", client_id="us"))


def test_the_admin_form_asks_for_https_and_the_name_of_a_variable_not_a_secret(council):
    from sendtrack.accounts.forms import IdentityProviderForm

    good = {
        "organisation": council.pk,
        "slug": "northbridge-council",
        "issuer": "https://login.microsoftonline.com/0000-tenant/v2.0",
        "discovery_url": "",
        "client_id": "11111111-2222-3333-4444-555555555555",
        "client_secret_variable": "OIDC_NORTHBRIDGE_SECRET",
        "enabled": "on",
    }
    assert IdentityProviderForm(good).is_valid()
    assert IdentityProviderForm({**good, "issuer": "http://127.0.0.1:9000"}).is_valid()  # loopback, for tests

    plain = IdentityProviderForm({**good, "issuer": "http://login.example.gov.uk"})
    assert plain.errors["issuer"] == ["The issuer must start with https://"]
    pasted = IdentityProviderForm({**good, "client_secret_variable": "Xy7~q.Secret-Value"})
    assert "not the secret itself" in pasted.errors["client_secret_variable"][0]
