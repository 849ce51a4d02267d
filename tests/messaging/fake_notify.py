"""A small stand-in for GOV.UK Notify's API on 127.0.0.1: it checks each request as Notify does
(a JWT signed with the API key's secret, issued by the service id, within 30 seconds; the body's
fields) and answers with Notify's documented shapes, errors included."""

from __future__ import annotations

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

SERVICE_ID = "5f2b3c9e-1a4d-4f6b-9c8e-2d7a1b3c4e5f"
SECRET = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"  # noqa: S105
API_KEY = f"sendtrack_test-{SERVICE_ID}-{SECRET}"
TEMPLATES = {
    "invitation": "0b8f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b",
    "family_update": "1c9f7b2e-4d3e-4f6a-9b0c-2d3e4f5a6b7c",
    "decision_letter": "2d0a8c3f-5e4f-4a7b-8c1d-3e4f5a6b7c8d",
    "plan_confirmation": "3e1b9d4a-6f5a-4b8c-9d2e-4f5a6b7c8d9e",
    "decision_letter_email": "5a3d1f6c-8b7c-4dae-9f40-6b7c8d9e0f1a",
}
# The one reply-to address set up in the service's Notify settings.
REPLY_TO_ID = "4f2c0e5b-7a6b-4c9d-8e3f-5a6b7c8d9e0f"
REJECTED_DOMAIN = "@bounce.example"


def errors(status: int, error: str, message: str) -> tuple[int, dict]:
    return status, {"status_code": status, "errors": [{"error": error, "message": message}]}


class Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        status, answer = self.answer(body)
        self.server.requests.append({"path": self.path, "body": body, "status": status})
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def answer(self, body: dict) -> tuple[int, dict]:
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["iss", "iat"]})
        except jwt.PyJWTError:
            return errors(403, "AuthError", "Invalid token: API key not found")
        if claims["iss"] != SERVICE_ID:
            return errors(403, "AuthError", "Invalid token: service not found")
        if abs(time.time() - claims["iat"]) > 30:
            return errors(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds")
        if body.get("template_id") not in TEMPLATES.values():
            return errors(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation") or {}
        if self.path == "/v2/notifications/email":
            address = body.get("email_address", "")
            if "@" not in address or address.endswith(REJECTED_DOMAIN):
                return errors(400, "ValidationError", "email_address Not a valid email address")
            reply_to = body.get("email_reply_to_id")
            if reply_to is not None and reply_to != REPLY_TO_ID:
                return errors(
                    400,
                    "BadRequestError",
                    f"email_reply_to_id {reply_to} does not exist in database for service id {SERVICE_ID}",
                )
            content = {
                "subject": personalisation.get("subject", ""),
                "body": personalisation.get("body", ""),
                "from_email": "sendtrack@notifications.service.gov.uk",
            }
        elif self.path == "/v2/notifications/letter":
            lines = [personalisation.get(f"address_line_{n}") for n in range(1, 8)]
            if sum(1 for line in lines if line) < 3:
                return errors(400, "ValidationError", "Address must be at least 3 lines")
            content = {"subject": personalisation.get("subject", ""), "body": personalisation.get("body", "")}
        else:
            return errors(404, "NotFound", "Not found")
        notification_id = str(uuid.uuid4())
        return 201, {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": content,
            "uri": f"https://api.notifications.service.gov.uk/v2/notifications/{notification_id}",
            "template": {
                "id": body["template_id"],
                "version": 1,
                "uri": f"https://api.notifications.service.gov.uk/v2/template/{body['template_id']}",
            },
        }


class FakeNotify(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict] = []
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> FakeNotify:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=5)
