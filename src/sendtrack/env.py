"""Small readers for environment settings that reject anything unexpected.

Each accepts ``NAME_FILE`` as well as ``NAME`` so secrets can come from mounted files.
"""

from __future__ import annotations

import os
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class SettingError(RuntimeError):
    pass


def env_str(name: str, default: str = "") -> str:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "").strip().lower()
    if name not in os.environ and f"{name}_FILE" not in os.environ:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name, "").strip()
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_secret(name: str, *, required: bool, dev_file: Path) -> str:
    """A secret from the environment; in development, generated once into ``dev_file``."""
    value = env_str(name, "").strip()
    if value:
        return value
    if required:
        raise SettingError(f"{name} must be set in production")
    if dev_file.exists():
        return dev_file.read_text(encoding="utf-8").strip()
    import secrets

    dev_file.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    dev_file.write_text(value, encoding="utf-8")
    dev_file.chmod(0o600)
    return value
