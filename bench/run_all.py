"""Run every benchmark script in bench/ and gather their reports into var/bench/report.md.

Each script writes its own JSON under var/bench/. Set BENCH_ENGLAND=1 to include the
national-scale (640,000 children) runs, which take several minutes each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "var" / "bench"
ORDER = ["bench_statutory.py", "bench_demo.py", "bench_casework.py", "bench_performance.py", "bench_load.py"]


def main() -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    scripts = [ROOT / "bench" / name for name in ORDER if (ROOT / "bench" / name).exists()]
    failures = []
    for script in scripts:
        print(f"== {script.name} ==", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=os.environ.copy(), check=False)
        print(
            f"   {script.name} took {time.perf_counter() - started:.1f} s (exit {result.returncode})",
            flush=True,
        )
        if result.returncode != 0:
            failures.append(script.name)
    lines = ["# Benchmark report", ""]
    for path in sorted(REPORTS.glob("*.json")):
        lines += [
            f"## {path.stem}",
            "",
            "```json",
            json.dumps(json.loads(path.read_text()), indent=2),
            "```",
            "",
        ]
    (REPORTS / "report.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"Report written to {REPORTS / 'report.md'}")
    if failures:
        print("Failed: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
