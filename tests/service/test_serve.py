"""`sendtrack serve` runs gunicorn with production settings: it answers /healthz and /readyz on
loopback, logs JSON lines with request ids, and stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from tests.service.servers import fetch, fetch_json, serving, stop

HASHED_STYLESHEET = r'href="(/static/vendor/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"'


@pytest.mark.django_db
def test_serve_answers_health_and_readiness_and_shuts_down_gracefully(scratch, tmp_path):
    database = scratch.migrated(f"sendtrack_serve_{uuid.uuid4().hex[:8]}")
    log = tmp_path / "serve.log"

    with serving(scratch.url(database), log, JOBS_BACKEND="database") as (base, process):
        health = fetch_json(f"{base}/healthz")
        ready = fetch_json(f"{base}/readyz")
        status, headers, _ = fetch(f"{base}/healthz", **{"X-Request-ID": "probe-from-load-balancer-1"})
        sign_in_status, _, sign_in = fetch(f"{base}/account/sign-in/")
        stylesheet = re.search(HASHED_STYLESHEET, sign_in.decode())
        assert stylesheet, "the page links no hashed stylesheet: run `make install-prod` (collectstatic)"
        css_status, css_headers, _ = fetch(f"{base}{stylesheet.group(1)}")
        code = stop(process)

    assert health == (200, {"status": "ok", "database": "ok"})
    assert ready == (200, {"status": "ok", "database": "ok", "migrations": "applied", "queue": "ok"})
    assert status == 200 and headers["X-Request-ID"] == "probe-from-load-balancer-1"
    assert sign_in_status == 200 and css_status == 200 and "max-age" in css_headers["Cache-Control"]
    assert code == 0
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    assert any(line["logger"] == "gunicorn.error" and "Shutting down" in line["message"] for line in lines)
    probes = [line for line in lines if line.get("request_id") == "probe-from-load-balancer-1"]
    assert probes and probes[0]["route"] == "healthz" and probes[0]["status"] == 200


@pytest.mark.django_db
def test_readyz_is_503_before_migrations_are_applied(scratch, tmp_path):
    database = scratch.migrated(f"sendtrack_unready_{uuid.uuid4().hex[:8]}")
    scratch.execute(database, "DELETE FROM django_migrations WHERE app = 'messaging'")

    with serving(scratch.url(database), tmp_path / "serve.log") as (base, _):
        ready = fetch_json(f"{base}/readyz")

    assert ready == (503, {"status": "unavailable", "database": "ok", "migrations": "pending", "queue": "ok"})
