"""The `sendtrack` command: Django's manage.py with sendtrack's own commands listed first.

`sendtrack timeline` runs the statutory engine directly, without starting Django.
"""

from __future__ import annotations

import os
import sys

DJANGO_COMMANDS_SHOWN = {
    "migrate": "Create or update the database tables.",
    "runserver": "Serve sendtrack for development on http://127.0.0.1:8000.",
    "check": "Check the configuration (add --deploy for production).",
    "createsuperuser": "Create an administrator account.",
    "shell": "Open a Python shell with sendtrack loaded.",
}
TIMELINE_HELP = "Work out a case's statutory milestones from its events (JSON or JSON Lines)."


def _print_help() -> None:
    import django
    from django.core.management import get_commands, load_command_class

    django.setup()
    lines = [("timeline", TIMELINE_HELP)]
    for name, app in sorted(get_commands().items()):
        if app.startswith("sendtrack"):
            command = load_command_class(app, name)
            lines.append(
                (name.replace("_", "-"), (command.help or "").strip().splitlines()[0] if command.help else "")
            )
    lines.extend(DJANGO_COMMANDS_SHOWN.items())
    width = max(len(name) for name, _ in lines) + 2
    print("Usage: sendtrack COMMAND [options]\n\nCommands:")
    for name, text in lines:
        print(f"  {name.ljust(width)}{text}")
    print("\nEvery other Django command works too. `sendtrack COMMAND --help` explains one command.")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "timeline":
        from sendtrack.statutory.cli import main as timeline_main

        return timeline_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    if not args or args[0] in {"-h", "--help", "help"} and len(args) == 1:
        _print_help()
        return 0
    from django.core.management import execute_from_command_line

    # sendtrack's own commands are spelled with hyphens (import-cases); their modules with underscores.
    args[0] = args[0].replace("-", "_") if not args[0].startswith("-") else args[0]
    execute_from_command_line(["sendtrack", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
