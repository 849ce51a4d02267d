def test_an_administrator_opens_the_django_admin(client, administrator):
    client.force_login(administrator)

    assert client.get("/admin/").status_code == 200


def test_a_send_manager_gets_a_polite_refusal_from_the_admin(client, manager):
    manager.is_staff = True
    manager.save(update_fields=["is_staff"])
    client.force_login(manager)

    response = client.get("/admin/accounts/organisation/", follow=True)

    assert response.status_code == 403
    assert "You do not have permission to do this" in response.content.decode()


def test_an_anonymous_visitor_to_the_admin_is_sent_to_sign_in(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")
