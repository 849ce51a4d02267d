import pathlib
import subprocess
import sys

import sendtrack


def test_sendtrack_help_lists_commands_with_one_line_each():
    result = subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    commands = {line.split()[0]: line for line in lines if line.startswith("  ")}
    for name in ("timeline", "demo-data", "demo-logins", "migrate", "runserver"):
        assert name in commands
        assert len(commands[name].split(None, 1)) == 2, f"{name} has no description"


def test_sendtrack_help_lists_every_command_of_every_app():
    source = pathlib.Path(sendtrack.__file__).parent
    modules = {
        path.stem.replace("_", "-")
        for path in source.glob("*/management/commands/*.py")
        if not path.stem.startswith("_")
    }
    result = subprocess.run(
        [sys.executable, "-m", "sendtrack.cli", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert modules <= listed, modules - listed
