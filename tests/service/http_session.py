"""A browser-like client for a server on loopback: keeps cookies (Secure ones too, as the servers
run without TLS here), sends CSRF tokens with forms, and does not follow redirects."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import uuid
from http.cookies import SimpleCookie

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, url: str, data: bytes | None = None, content_type: str = "") -> tuple[int, dict, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")

    def get(self, url: str) -> tuple[int, dict, str]:
        return self.request(url)

    def post_form(self, url: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None):
        """GET the page for its CSRF token, then POST the form (multipart when it has files)."""
        _, _, page = self.get(url)
        token = CSRF_FIELD.search(page)
        assert token, f"no form on {url}"
        fields = {"csrfmiddlewaretoken": token.group(1), **fields}
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        for name, (file_name, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file_name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(url, body, f"multipart/form-data; boundary={boundary}")
