"""Files are kept through Django's storage API: the file system by default, S3-compatible object
storage when a council sets STORAGE_BACKEND=s3."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.STORAGES['default']['BACKEND']); "
    "print(sorted((k, v) for k, v in settings.STORAGES['default'].get('OPTIONS', {}).items() "
    "if k in ('bucket_name', 'endpoint_url', 'location')))"
)


def settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("S3_", "STORAGE_"))}
    environment |= {"DJANGO_SETTINGS_MODULE": "sendtrack.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_default_is_the_file_system():
    shown = settings_with()
    assert shown.stdout.splitlines()[0] == "django.core.files.storage.FileSystemStorage"


def test_s3_compatible_storage_is_chosen_by_environment_variables():
    shown = settings_with(
        STORAGE_BACKEND="s3",
        S3_BUCKET="send-documents",
        S3_ENDPOINT_URL="https://s3.council.example",
        S3_PREFIX="nb",
    )
    assert shown.stdout.splitlines() == [
        "storages.backends.s3.S3Storage",
        "[('bucket_name', 'send-documents'), ('endpoint_url', 'https://s3.council.example'), "
        "('location', 'nb')]",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET must be set when STORAGE_BACKEND=s3"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND must be filesystem or s3, not 'ftp'"),
    ],
)
def test_a_storage_setting_that_cannot_work_stops_the_start(env, message):
    shown = settings_with(**env)
    assert shown.returncode != 0 and message in shown.stderr
