"""Two `sendtrack serve` processes on different ports over one database and one job queue: a
sign-in on one is valid on the other, a case file uploaded to one is read by a worker from the
shared storage, and the job's result shows on the other."""

from __future__ import annotations

import re
import subprocess
import time
import uuid

import pytest
from django_otp.oath import TOTP

from tests.jobs.conftest import case_file_text
from tests.scratch import SENDTRACK
from tests.service.http_session import Browser
from tests.service.servers import production_environment, running, serving
from tests.trust.conftest import MFA_VERIFY, SIGN_IN

TOTP_KEY = "3132333435363738393031323334353637383930"
PASSWORD = "a long password for the manager"  # noqa: S105
CAST = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from sendtrack.accounts.models import LocalArea, Organisation, OrganisationKind, Role, User, Membership
area = LocalArea.objects.create(code="999", name="Northbridge")
add = Organisation.objects.create
council = add(local_area=area, kind=OrganisationKind.LOCAL_AUTHORITY, name="Northbridge Council")
add(local_area=area, kind=OrganisationKind.SETTING, name="Oakfield Primary School", urn="131204")
add(local_area=area, kind=OrganisationKind.NHS_TRUST, name="Northbridge Community Health NHS Trust")
user = User.objects.create_user(
    email="manager@northbridge.example", password={PASSWORD!r}, full_name="Priya Shah"
)
Membership.objects.create(user=user, organisation=council, role=Role.SEND_MANAGER)
TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True, key={TOTP_KEY!r})
"""


def code_now() -> str:
    return f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"


@pytest.mark.django_db
def test_two_servers_share_sessions_uploads_and_jobs(scratch, tmp_path):
    database = scratch.migrated(f"sendtrack_two_{uuid.uuid4().hex[:8]}")
    url = scratch.url(database)
    shared = {
        "JOBS_BACKEND": "database",
        "MEDIA_ROOT": str(tmp_path / "shared-media"),
        "WORKER_STALE_SECONDS": "30",
    }
    env = production_environment(url, **shared)
    done = subprocess.run(
        [*SENDTRACK, "shell", "-c", CAST], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]

    with (
        serving(url, tmp_path / "a.log", **shared) as (server_a, _),
        serving(url, tmp_path / "b.log", **shared) as (server_b, _),
    ):
        browser = Browser()
        status, headers, _ = browser.post_form(
            server_a + SIGN_IN, {"username": "manager@northbridge.example", "password": PASSWORD}
        )
        assert status == 302, "the password was not accepted"
        status, headers, _ = browser.post_form(server_a + MFA_VERIFY, {"code": code_now()})
        assert status == 302 and MFA_VERIFY not in headers["Location"]

        status, _, page = browser.get(server_b + "/casework/import/")
        assert status == 200 and "Import a case file" in page, "the session made on A is not valid on B"

        status, headers, _ = browser.post_form(
            server_a + "/casework/import/", {}, files={"file": ("cases.jsonl", case_file_text(3).encode())}
        )
        assert status == 302
        job_path = headers["Location"]
        assert re.fullmatch(r"/jobs/[0-9a-f-]{36}/", job_path)
        _, _, waiting = browser.get(server_b + job_path)
        assert "Waiting to start" in waiting

        with running(["worker"], production_environment(url, **shared), tmp_path / "worker.log"):
            deadline = time.monotonic() + 90
            while "Finished" not in (page := browser.get(server_b + job_path)[2]):
                assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-3000:]
                time.sleep(0.5)

        assert "Imported 3 cases into Northbridge: 3 new, 0 changed, 0 unchanged" in page
        status, _, person = browser.get(server_b + "/casework/cases/NB-0002/")
        assert status == 200 and "Lily Brown" in person
