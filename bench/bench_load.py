"""Load test: the tracker and person pages served by a real server process on 127.0.0.1.

    .venv/bin/python bench/bench_load.py --area 991 --cases 2000                      # quick, SQLite
    .venv/bin/python bench/bench_load.py --database-url postgres://postgres@127.0.0.1:5432/sendtrack \
        --area 990 --cases 25000 --requests 2000 --concurrency 16

Builds the area (synthetic cases through `import_cases`, as bench_casework.py does) when it holds
fewer than --cases, starts waitress (or `sendtrack runserver --noreload` without it) with the MFA
development bypass on, signs in through the real sign-in form as a caseworker, and sends
--requests requests from --concurrency threads (a mix of tracker pages and person pages). It
stops after --requests or --seconds, whichever comes first, and writes requests per second and
p50/p95 milliseconds to var/bench/load.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-load-password-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def prepare(args: argparse.Namespace) -> tuple[str, list[str]]:
    """Migrate, build the area and its caseworker; return the caseworker's email and open case refs."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from bench_casework import synthetic_case

    from sendtrack.accounts.models import LocalArea, Membership, Organisation, OrganisationKind, Role, User
    from sendtrack.casework.models import Case
    from sendtrack.casework.services import import_cases

    area, _ = LocalArea.objects.get_or_create(code=args.area, defaults={"name": f"Load area {args.area}"})
    council, _ = Organisation.objects.get_or_create(
        local_area=area, name=f"{area.name} Council", defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    email = f"load-caseworker-{args.area}@example.org"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=PASSWORD, full_name="Load Caseworker"
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=council, role=Role.CASEWORKER)
    have = Case.objects.filter(local_area=area).count()
    if have < args.cases:
        rng = random.Random(args.seed)
        today = timezone.localdate()
        lines = (json.dumps(synthetic_case(n, args.area, today, rng)) for n in range(have, args.cases))
        started = time.perf_counter()
        report = import_cases(lines, area=area)
        assert report.ok, report.errors[:5]
        print(f"Imported {report.created} cases in {time.perf_counter() - started:.1f} s")
        from django.db import connection

        if connection.vendor == "postgresql":  # statistics for the planner, as autovacuum would make
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    refs = list(
        Case.objects.filter(local_area=area, open=True)
        .order_by("case_ref")
        .values_list("case_ref", flat=True)
    )
    return email, refs


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen:
    try:
        import waitress  # noqa: F401

        command = [
            sys.executable,
            "-m",
            "waitress",
            f"--listen=127.0.0.1:{port}",
            "--threads=8",
            "sendtrack.wsgi:application",
        ]
    except ImportError:
        command = [sys.executable, "-m", "sendtrack.cli", "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The server did not start within 30 seconds")


class Session:
    """A signed-in browser: one keep-alive connection per thread, sharing the session cookie."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, conn, method: str, path: str, body: str | None = None) -> tuple[int, bytes, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, data, dict(response.getheaders())

    def sign_in(self, email: str) -> None:
        conn = self.connection()
        status, page, _ = self.request(conn, "GET", "/account/sign-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token, f"sign-in page answered {status}"
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token.group(1).decode(), "username": email, "password": PASSWORD}
        )
        status, _, headers = self.request(conn, "POST", "/account/sign-in/", form)
        assert status == 302, f"sign-in answered {status}"
        status, _, _ = self.request(conn, "GET", "/casework/")
        assert status == 200, f"the tracker answered {status} after sign-in"
        conn.close()


def run_load(session: Session, paths: list[tuple[str, str]], concurrency: int, seconds: float) -> dict:
    timings: dict[str, list[float]] = {}
    errors: list[str] = []
    lock = threading.Lock()
    queue = iter(paths)
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        conn = session.connection()
        while time.monotonic() < stop_at:
            with lock:
                item = next(queue, None)
            if item is None:
                break
            kind, path = item
            started = time.perf_counter()
            try:
                status, _, _ = session.request(conn, "GET", path)
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                conn = session.connection()
                with lock:
                    errors.append(f"{path}: {error}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                timings.setdefault(kind, []).append(elapsed)
                if status != 200:
                    errors.append(f"{path}: {status}")
        conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    wall = time.perf_counter() - started
    done = sum(len(v) for v in timings.values())
    every = [t for v in timings.values() for t in v]
    return {
        "requests": done,
        "seconds": round(wall, 2),
        "requests_per_second": round(done / wall, 1) if wall else 0,
        "p50_ms": round(percentile(every, 0.5), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "pages": {
            kind: {
                "requests": len(v),
                "p50_ms": round(percentile(v, 0.5), 1),
                "p95_ms": round(percentile(v, 0.95), 1),
            }
            for kind, v in sorted(timings.items())
        },
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench' / 'load.sqlite3'}")
    parser.add_argument("--area", default="991", help="DfE code of the load area (created if missing)")
    parser.add_argument("--cases", type=int, default=2000, help="build the area up to this many cases")
    parser.add_argument("--requests", type=int, default=600, help="stop after this many requests")
    parser.add_argument("--seconds", type=float, default=60, help="or after this many seconds")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "bench"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "sendtrack.settings",
        "SENDTRACK_DEV_SKIP_MFA": "true",
        "AXES_ENABLED": "false",
    }
    os.environ.update(env)
    email, refs = prepare(args)
    rng = random.Random(args.seed)
    paths = [
        ("tracker", f"/casework/?page={rng.randint(1, 5)}")
        if n % 3 == 0
        else ("person", f"/casework/cases/{rng.choice(refs)}/")
        for n in range(args.requests)
    ]
    port = free_port()
    server = start_server(port, env)
    try:
        session = Session(port)
        session.sign_in(email)
        result = run_load(session, paths, args.concurrency, args.seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    result.update(
        database=args.database_url.split(":", 1)[0],
        area=args.area,
        cases=len(refs) and args.cases,
        open_cases=len(refs),
        concurrency=args.concurrency,
        server="waitress" if "waitress" in " ".join(server.args) else "runserver",
    )
    out = ROOT / "var" / "bench" / "load.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
