from sendtrack.accounts.services import issue_api_token


def test_api_me_returns_the_user_and_their_memberships_for_a_session(client, manager):
    client.force_login(manager)

    body = client.get("/api/me").json()

    assert body["email"] == "manager@northbridge.example"
    assert body["memberships"] == [
        {
            "organisation": "Northbridge Council",
            "organisation_kind": "local_authority",
            "local_area": "Northbridge",
            "local_area_code": "999",
            "role": "send_manager",
        }
    ]


def test_api_me_accepts_a_bearer_token(client, caseworker):
    token = issue_api_token(user=caseworker, name="tracker sync")

    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 200
    assert response.json()["memberships"][0]["role"] == "caseworker"


def test_api_me_refuses_a_wrong_token_and_no_credentials(client, db):
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401
    assert client.get("/api/me").status_code == 401


def test_openapi_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get("/api/openapi.json")
    docs = client.get("/api/docs").content.decode()

    assert schema.status_code == 200
    assert "/api/me" in schema.json()["paths"]
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
