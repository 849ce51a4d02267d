"""`sendtrack timeline`: print a case's statutory timeline as JSON.

    sendtrack timeline CASE.json [--as-of YYYY-MM-DD]
    sendtrack timeline --batch CASES.jsonl [--as-of YYYY-MM-DD]

Exit status: 0 on success; 2 for a file that cannot be read or a malformed case (one line on
standard error saying which event, which field and why); 1 when some lines of a batch were bad
(each reported as "line N: ..." while the good lines are still written).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import IO, NoReturn

from sendtrack.statutory.dates import parse_iso_date
from sendtrack.statutory.events import CaseFileError
from sendtrack.statutory.output import timeline_json

EXIT_OK = 0
EXIT_SOME_BAD_LINES = 1
EXIT_MALFORMED = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage errors as one line, like every other error of this command."""
        self.exit(EXIT_MALFORMED, f"sendtrack timeline: {message}\n")


def _as_of(value: str) -> date:
    parsed = parse_iso_date(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"--as-of must be a date in the form YYYY-MM-DD, not {value!r}")
    return parsed


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sendtrack timeline", description="Print a case's statutory timeline as JSON.")
    parser.add_argument(
        "case_file", nargs="?", metavar="CASE.json", help="one case as a JSON object ('-' for stdin)"
    )
    parser.add_argument("--batch", metavar="CASES.jsonl", help="one case per line; one timeline per line out")
    parser.add_argument(
        "--as-of", type=_as_of, default=None, help="the date to work out the timeline at (default: today)"
    )
    return parser


@contextmanager
def _open(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdin
    else:
        with open(path, encoding="utf-8") as handle:
            yield handle


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; `argv` may start with the word "timeline" or go straight to its arguments."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["timeline"]:
        args_list = args_list[1:]
    parser = _parser()
    try:
        args = parser.parse_args(args_list)
        if (args.case_file is None) == (args.batch is None):
            parser.error("give either CASE.json or --batch CASES.jsonl")
    except SystemExit as stop:  # usage errors and --help: return the status, do not exit
        return stop.code if isinstance(stop.code, int) else EXIT_MALFORMED
    as_of: date = args.as_of if args.as_of is not None else date.today()
    try:
        if args.batch is not None:
            return _run_batch(args.batch, as_of)
        return _run_one(args.case_file, as_of)
    except OSError as error:
        path = args.batch if args.batch is not None else args.case_file
        _say(f"sendtrack timeline: cannot read {path}: {error.strerror or error}")
        return EXIT_MALFORMED


def _say(line: str) -> None:
    sys.stderr.write(line.replace("\n", " ") + "\n")


def _run_one(path: str, as_of: date) -> int:
    try:
        with _open(path) as handle:
            case_obj = json.loads(handle.read())
    except UnicodeDecodeError:
        _say(f"{path}: not valid UTF-8 text")
        return EXIT_MALFORMED
    except json.JSONDecodeError as error:
        _say(f"{path}: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
        return EXIT_MALFORMED
    try:
        result = timeline_json(case_obj, as_of)
    except CaseFileError as error:
        _say(f"{path}: {error}")
        return EXIT_MALFORMED
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return EXIT_OK


def _run_batch(path: str, as_of: date) -> int:
    bad = 0
    out = sys.stdout
    with _open(path) as handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError:
                _say(f"line {number + 1}: not valid UTF-8 text; stopped reading")
                return EXIT_SOME_BAD_LINES
            if not line:
                break
            number += 1
            if not line.strip():
                continue
            try:
                result = timeline_json(json.loads(line), as_of)
            except json.JSONDecodeError as error:
                _say(f"line {number}: not valid JSON: {error.msg} at column {error.colno}")
                bad += 1
                continue
            except CaseFileError as error:
                _say(f"line {number}: {error}")
                bad += 1
                continue
            out.write(json.dumps(result, separators=(",", ":")) + "\n")
    return EXIT_SOME_BAD_LINES if bad else EXIT_OK
