"""Check the installed Python packages against known vulnerabilities with pip-audit.

Fails (exit 1) on any known vulnerability that has a fixed version to upgrade to; lists the ones
with no fix yet as warnings (see docs/decisions/0006-dependency-audit-policy.md). When the
vulnerability service cannot be reached, or could audit none of the packages, it warns and passes,
so that tests can run offline; `--strict` makes that a failure too.

    .venv/bin/python tools/audit_dependencies.py [--strict]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass

# Vulnerabilities accepted after review, each with its reason. Empty means none are accepted.
ACCEPTED: dict[str, str] = {}
UNREACHABLE_SIGNS = (
    "ConnectionError",
    "Max retries",
    "Name or service not known",
    "timed out",
    "ServiceError",
)


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    vulnerability: str
    fix_versions: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    lines: tuple[str, ...]


def run_pip_audit() -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable", "--format", "json",
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def judge(returncode: int, stdout: str, stderr: str, *, strict: bool = False) -> Verdict:
    """Turn pip-audit's JSON report into a verdict: fail only on vulnerabilities that can be fixed."""
    try:
        report = json.loads(stdout) if stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        reason = stderr.strip().splitlines()[-1] if stderr.strip() else f"pip-audit exited with {returncode}"
        if any(sign in stderr for sign in UNREACHABLE_SIGNS):
            return _unaudited(f"the vulnerability service could not be reached ({reason})", strict)
        return Verdict(1, (f"pip-audit failed: {reason}",))

    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    if dependencies and not audited:
        return _unaudited(f"the vulnerability service knew none of the {len(dependencies)} packages", strict)

    findings = [
        Finding(d["name"], d["version"], v["id"], tuple(v.get("fix_versions") or ()))
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in ACCEPTED and not set(v.get("aliases") or ()) & set(ACCEPTED)
    ]
    fixable = [f for f in findings if f.fix_versions]
    unfixable = [f for f in findings if not f.fix_versions]
    lines = [f"Audited {len(audited)} of {len(dependencies)} installed packages."]
    lines += [
        f"WARNING: {f.package} {f.version} has {f.vulnerability}, with no fixed version yet"
        for f in unfixable
    ]
    lines += [
        f"VULNERABLE: {f.package} {f.version} has {f.vulnerability}; upgrade to {' or '.join(f.fix_versions)}"
        for f in fixable
    ]
    if fixable:
        lines.append(f"{len(fixable)} known vulnerabilities have fixes: upgrade before releasing.")
        return Verdict(1, tuple(lines))
    lines.append("No known vulnerability with a fix available.")
    return Verdict(0, tuple(lines))


def _unaudited(reason: str, strict: bool) -> Verdict:
    message = f"WARNING: dependencies were NOT audited: {reason}."
    if strict:
        return Verdict(1, (message, "Failing because --strict was given."))
    return Verdict(0, (message, "Passing so that tests can run offline; run again with network access."))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail when the packages could not be audited")
    args = parser.parse_args(argv)
    result = run_pip_audit()
    verdict = judge(result.returncode, result.stdout, result.stderr, strict=args.strict)
    for line in verdict.lines:
        print(line, file=sys.stderr if verdict.exit_code else sys.stdout)
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main())
