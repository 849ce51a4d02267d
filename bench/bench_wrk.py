"""Loopback load with wrk against `sendtrack serve` (gunicorn, 2 processes), signed in as a caseworker.

    .venv/bin/python bench/bench_wrk.py --area 991 --cases 2000                       # quick, SQLite
    .venv/bin/python bench/bench_wrk.py --database-url postgres://postgres@127.0.0.1:5432/sendtrack \
        --area 990 --cases 25000

Builds the area as bench_load.py does, starts `sendtrack serve` with WEB_CONCURRENCY=2, signs in
through the real form, then runs wrk (Debian package `wrk`, installed by `make bench`) as the
issue measured (`wrk -t1 -c8 -d10s`) on each of: /healthz (the floor: the same server doing
almost nothing), the tracker page (first and third), and person pages (each view writes its
access-log row), spread over the area's open cases by a small Lua script. Writes requests per
second, p50 and p99, and each page's share of the floor's requests per second to
var/bench/wrk.json (--output to name another file).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import Session, free_port, prepare  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def parse(output: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    latency = {f"p{p}_ms": round(float(v) * UNITS[u], 2) for p, v, u in LATENCY.findall(output)}
    return {
        "requests": int(total.group(1)) if total else 0,
        "requests_per_second": float(rps.group(1)) if rps else 0.0,
        **latency,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def run_wrk(url: str, cookie: str, seconds: int, connections: int, script: Path | None) -> dict:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "30s",
        "-H",
        f"Cookie: {cookie}",
    ]
    if script is not None:
        command += ["-s", str(script)]
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 120, check=True)
    return parse(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--area", default="991")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--threads", type=int, default=4, help="gunicorn threads a process (1: one request at a time)"
    )
    parser.add_argument("--output", default="wrk.json", help="file name under var/bench/")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (make bench installs it); skipping")
        return 0
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    email, refs = prepare(args)
    port = free_port()
    env = dict(
        os.environ,
        WEB_CONCURRENCY="2",
        SERVE_THREADS=str(args.threads),
        SENDTRACK_DEV_SKIP_MFA="true",
        LOG_LEVEL="WARNING",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "sendtrack.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        session = Session(port)
        while True:
            try:
                session.sign_in(email)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        load_start = os.getloadavg()
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "people.lua"
            chosen = refs[:: max(1, len(refs) // 500)][:500]
            script.write_text(LUA % ", ".join(f'"/casework/cases/{ref}/"' for ref in chosen))
            results = {
                "healthz (floor)": run_wrk(f"{base}/healthz", cookie, args.seconds, args.connections, None),
                "tracker page": run_wrk(f"{base}/casework/", cookie, args.seconds, args.connections, None),
                "tracker page 3": run_wrk(
                    f"{base}/casework/?page=3", cookie, args.seconds, args.connections, None
                ),
                "person page": run_wrk(base, cookie, args.seconds, args.connections, script),
            }
        load_end = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=60)
    floor = results["healthz (floor)"]["requests_per_second"] or 1.0
    for result in results.values():
        result["share_of_floor"] = round(result["requests_per_second"] / floor, 3)
    import sendtrack

    source = Path(sendtrack.__file__).resolve().parent
    commit = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    report = {
        "code": f"{source} at {commit}",
        "server": f"sendtrack serve (gunicorn), 2 processes x {args.threads} thread(s)",
        "database": "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite",
        "cases": args.cases,
        "wrk": f"1 thread, {args.connections} connections, {args.seconds} s each, loopback",
        "signed_in_as": "caseworker",
        "load_average": {"start": [round(v, 2) for v in load_start], "end": [round(v, 2) for v in load_end]},
        "results": results,
    }
    out = ROOT / "var" / "bench" / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
