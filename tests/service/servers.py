"""Run `sendtrack serve` and other long-running commands as real processes on loopback, bounded in time."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.scratch import SENDTRACK, environment

SECRET = "a-test-secret-key-that-is-long-enough-for-django-0123456789"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_environment(url: str, **extra: str) -> dict[str, str]:
    env = environment(url)
    env.update(
        SENDTRACK_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        WEB_CONCURRENCY="2",
        SERVE_THREADS="2",
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


def fetch(url: str, *, timeout: float = 10, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def fetch_json(url: str) -> tuple[int, dict]:
    status, _, body = fetch(url)
    return status, json.loads(body)


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped with code {process.returncode}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on {url} within {seconds} s")


@contextlib.contextmanager
def running(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A sendtrack command as a process, stopped with SIGTERM (then SIGKILL after 30 s) at the end."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SENDTRACK, *args], env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            stop(process)


def stop(process: subprocess.Popen, seconds: float = 30) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


@contextlib.contextmanager
def serving(url: str, log: Path, **extra: str) -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    args = ["serve", "--bind", f"127.0.0.1:{port}"]
    with running(args, production_environment(url, **extra), log) as process:
        wait_until_answering(f"{base}/healthz", process)
        yield base, process
