from sendtrack.accounts.forms import SIGN_IN_FAILED
from tests.factories import TEST_PASSWORD

SIGN_IN = "/account/sign-in/"


def test_a_member_signs_in_with_email_and_password_and_lands_on_home(client, manager):
    response = client.post(SIGN_IN, {"username": "Manager@Northbridge.example", "password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert (
        "Signed in as <strong>Priya Shah</strong>, SEND manager at Northbridge Council"
        in home.content.decode()
    )


def test_a_wrong_password_and_an_unknown_email_get_the_same_polite_answer(client, manager):
    wrong_password = client.post(SIGN_IN, {"username": manager.email, "password": "not-it"})
    unknown_email = client.post(SIGN_IN, {"username": "nobody@northbridge.example", "password": "not-it"})

    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        body = response.content.decode()
        assert "There is a problem" in body
        assert SIGN_IN_FAILED in body
    assert wrong_password.content.decode().count(SIGN_IN_FAILED) == unknown_email.content.decode().count(
        SIGN_IN_FAILED
    )


def test_an_empty_form_names_each_missing_field(client, db):
    body = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()

    assert 'href="#id_username">Enter your email address' in body
    assert 'href="#id_password">Enter your password' in body


def test_an_expired_session_explains_why_the_user_must_sign_in_again(client, db):
    body = client.get(f"{SIGN_IN}?expired=1").content.decode()

    assert "You were signed out to keep the information safe" in body


def test_signing_out_needs_a_post_and_ends_the_session(client, manager):
    client.force_login(manager)

    assert client.get("/account/sign-out/").status_code == 405
    response = client.post("/account/sign-out/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_passwords_are_hashed_with_argon2_first(manager):
    assert manager.password.startswith("argon2")
