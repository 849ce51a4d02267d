"""The dependency audit fails on fixable vulnerabilities and only warns when it cannot audit."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", TOOL)
audit = importlib.util.module_from_spec(spec)
sys.modules["audit_dependencies"] = audit
spec.loader.exec_module(audit)


def _report(*dependencies) -> str:
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def _vulnerable(name="django", version="5.2.0", vuln="PYSEC-2026-1", fixes=("5.2.9",)):
    return {
        "name": name,
        "version": version,
        "vulns": [{"id": vuln, "fix_versions": list(fixes), "aliases": []}],
    }


CLEAN = {"name": "qrcode", "version": "8.2", "vulns": []}


def test_a_vulnerability_with_a_fix_fails_the_audit_and_says_what_to_upgrade():
    verdict = audit.judge(1, _report(CLEAN, _vulnerable()), "")

    assert verdict.exit_code == 1
    assert "VULNERABLE: django 5.2.0 has PYSEC-2026-1; upgrade to 5.2.9" in verdict.lines


def test_a_vulnerability_without_a_fix_is_a_warning_only():
    verdict = audit.judge(1, _report(CLEAN, _vulnerable(fixes=())), "")

    assert verdict.exit_code == 0
    assert any(line.startswith("WARNING: django 5.2.0 has PYSEC-2026-1") for line in verdict.lines)


def test_no_vulnerabilities_pass():
    assert audit.judge(0, _report(CLEAN), "").exit_code == 0


def test_an_unreachable_service_warns_and_passes_unless_strict():
    stderr = "ERROR:pip_audit._cli:requests.exceptions.ConnectionError: Max retries exceeded"

    relaxed = audit.judge(1, "", stderr)
    strict = audit.judge(1, "", stderr, strict=True)

    assert relaxed.exit_code == 0
    assert "dependencies were NOT audited" in relaxed.lines[0]
    assert strict.exit_code == 1


def test_a_service_that_knows_none_of_the_packages_counts_as_not_audited():
    skipped = {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}

    verdict = audit.judge(0, _report(skipped), "")

    assert verdict.exit_code == 0
    assert "knew none of the 1 packages" in verdict.lines[0]


def test_any_other_pip_audit_failure_fails():
    assert audit.judge(2, "", "pip-audit: error: unrecognised arguments").exit_code == 1


def test_an_accepted_vulnerability_does_not_fail(monkeypatch):
    monkeypatch.setitem(audit.ACCEPTED, "PYSEC-2026-1", "not reachable: we never call the affected function")

    assert audit.judge(1, _report(_vulnerable()), "").exit_code == 0


def test_the_tool_runs_against_the_installed_packages():
    result = subprocess.run(
        [sys.executable, str(TOOL)], capture_output=True, text=True, timeout=900, check=False
    )

    output = result.stdout + result.stderr
    assert "Audited" in output or "NOT audited" in output, output
