"""`sendtrack timeline`: one case or a batch, exit codes, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sendtrack.statutory.cli import main
from tests.statutory.cases import SPEC_EXAMPLE, case, event

SRC = Path(__file__).resolve().parents[2] / "src"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_case_prints_one_json_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "case.json", json.dumps(case(*SPEC_EXAMPLE)))
    assert main(["timeline", path, "--as-of", "2026-06-01"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert (result["as_of"], result["milestones"][0]["status"], err) == ("2026-06-01", "met", "")


def test_the_leading_word_timeline_is_optional(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "case.json", json.dumps(case(*SPEC_EXAMPLE)))
    assert main([path, "--as-of", "2026-06-01"]) == 0
    assert json.loads(capsys.readouterr().out)["case_ref"] == "LA999-000001"


def test_as_of_defaults_to_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "case.json", json.dumps(case(*SPEC_EXAMPLE)))
    assert main([path]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == date.today().isoformat()


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_malformed_case_exits_2_with_one_line_naming_event_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = case(event("request_received", "2026-01-05"), event("advice_requested", "2026-02-11"))
    path = write(tmp_path, "case.json", json.dumps(bad))
    assert main([path, "--as-of", "2026-06-01"]) == 2
    line = one_error_line(capsys)
    assert 'case LA999-000001: events[1] (advice_requested): field "from": missing' in line


def test_a_school_closure_of_27_days_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Closed on 22 July 2026, reopening on 18 August 2026: 27 days closed, one short of 28.
    bad = case(
        event("request_received", "2026-05-11"),
        event("exception", reason="school_closure", start="2026-07-22", end="2026-08-18"),
    )
    path = write(tmp_path, "case.json", json.dumps(bad))
    assert main([path, "--as-of", "2026-10-01"]) == 2
    assert one_error_line(capsys) == (
        f'{path}: case LA999-000001: events[1] (exception): field "end": a school_closure exception '
        "must last at least 28 days; end is the reopening date, so closed on 2026-07-22 and reopening "
        "on 2026-08-18 is 27 days closed"
    )


def test_a_file_that_is_not_json_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "case.json", '{"case_ref": "X1",\n "events": [}')
    assert main([path]) == 2
    assert "not valid JSON" in one_error_line(capsys)


def test_a_file_that_is_not_utf8_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    path.write_bytes(b'{"case_ref": "\xff"}')
    assert main([str(path)]) == 2
    assert "not valid UTF-8" in one_error_line(capsys)


def test_a_missing_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.json")]) == 2
    assert "cannot read" in one_error_line(capsys)


def test_a_bad_as_of_date_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "case.json", json.dumps(case(*SPEC_EXAMPLE)))
    assert main([path, "--as-of", "1 June 2026"]) == 2
    assert "--as-of" in one_error_line(capsys)


def batch_line(obj: Any) -> str:
    return json.dumps(obj) + "\n"


def test_a_batch_writes_one_line_per_good_case_and_reports_each_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = case(*SPEC_EXAMPLE, case_ref="GOOD-1")
    bad = case(event("request_received", "2026-13-01"), case_ref="BAD-2")
    text = (
        batch_line(good) + batch_line(bad) + "\n" + "{not json\n" + batch_line(dict(good, case_ref="GOOD-5"))
    )
    path = write(tmp_path, "cases.jsonl", text)
    assert main(["timeline", "--batch", path, "--as-of", "2026-06-01"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["case_ref"] for line in out.splitlines()] == ["GOOD-1", "GOOD-5"]
    errors = err.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith('line 2: case BAD-2: events[0] (request_received): field "date"')
    assert errors[1].startswith("line 4: not valid JSON")


def test_a_clean_batch_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "cases.jsonl", batch_line(case(*SPEC_EXAMPLE)) * 3)
    assert main(["--batch", path, "--as-of", "2026-06-01"]) == 0
    out, err = capsys.readouterr()
    assert (len(out.splitlines()), err) == (3, "")


def test_giving_both_a_case_and_a_batch_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["a.json", "--batch", "b.jsonl"]) == 2
    one_error_line(capsys)


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)


def test_python_m_sendtrack_statutory_runs_the_command(tmp_path: Path) -> None:
    path = write(tmp_path, "case.json", json.dumps(case(*SPEC_EXAMPLE)))
    done = run_python("-m", "sendtrack.statutory", "timeline", path, "--as-of", "2026-06-01")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["as_of"] == "2026-06-01"


def test_importing_the_engine_imports_no_django() -> None:
    done = run_python(
        "-c",
        "import sys, sendtrack.statutory; assert not any(m.startswith('django') for m in sys.modules), "
        "sorted(m for m in sys.modules if m.startswith('django'))",
    )
    assert done.returncode == 0, done.stderr
