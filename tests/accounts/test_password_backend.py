"""The signed-in user is read by a fixed statement (`accounts.backends.PasswordBackend`): the same
user as Django's own backend gives, none for an inactive or missing one, and a session signed in
under Django's backend stays signed in and is moved to this one."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.backends import ModelBackend

from sendtrack.accounts.backends import PASSWORD_BACKEND, RENAMED_FROM, PasswordBackend

FIELDS = (
    "id",
    "email",
    "full_name",
    "password",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "last_login",
)


def as_fields(user) -> dict:
    return {name: getattr(user, name) for name in FIELDS}


def test_it_reads_the_user_django_reads(caseworker):
    caseworker.is_staff = True
    caseworker.save()

    read = PasswordBackend().get_user(caseworker.pk)

    assert as_fields(read) == as_fields(ModelBackend().get_user(caseworker.pk))
    assert read.email == caseworker.email and read.date_joined.tzinfo is not None
    assert read._state.adding is False


def test_an_inactive_or_missing_user_is_nobody(caseworker):
    missing = caseworker.pk + 1000
    caseworker.is_active = False
    caseworker.save()

    assert PasswordBackend().get_user(caseworker.pk) is None
    assert PasswordBackend().get_user(missing) is None


def test_signing_in_names_this_backend(client, caseworker):
    caseworker.set_password("a long enough password 1")
    caseworker.save()

    client.post("/account/sign-in/", {"username": caseworker.email, "password": "a long enough password 1"})

    assert client.session[BACKEND_SESSION_KEY] == PASSWORD_BACKEND


def test_a_session_of_djangos_backend_stays_signed_in_and_moves_over(client, caseworker):
    client.force_login(caseworker, backend=RENAMED_FROM)
    assert client.session[BACKEND_SESSION_KEY] == RENAMED_FROM

    response = client.get("/")

    assert response.status_code == 200 and response.wsgi_request.user == caseworker
    assert client.session[BACKEND_SESSION_KEY] == PASSWORD_BACKEND
    assert client.get("/").wsgi_request.user == caseworker
