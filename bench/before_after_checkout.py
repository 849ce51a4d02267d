"""The before commit for bench_before_after.py: a worktree of it, and whether this virtualenv runs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from before_after_system import Failure

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "var" / "bench"


def git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Failure(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout.strip()


def resolve(commit: str) -> str:
    try:
        return git("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")
    except Failure:
        raise Failure(
            f"{commit!r} is not a commit of this repository (git rev-parse found nothing)"
        ) from None


def before_checkout(sha: str) -> Path:
    """A detached worktree of `sha` under var/bench/, reused when it is already there."""
    path = REPORTS / f"before-{sha[:12]}"
    if (path / ".git").exists():
        head = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout
        if head.strip() != sha:
            done = subprocess.run(
                ["git", "-C", str(path), "checkout", "--quiet", "--detach", sha],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise Failure(f"{path} could not be moved to {sha[:12]}: {done.stderr.strip()}")
    else:
        # --force: the folder may have been deleted by hand while git still lists it as a worktree
        git("worktree", "add", "--quiet", "--force", "--detach", str(path), sha)
    vendor = Path("src/sendtrack/static/vendor")  # built assets, not in git: the pages link to them
    if (ROOT / vendor).is_dir() and not (path / vendor).exists():
        shutil.copytree(ROOT / vendor, path / vendor)
    return path


def dependencies(sha: str) -> dict[str, object]:
    """How the before commit's requirements differ from this checkout's, and whether the virtualenv
    (installed from this checkout) satisfies every one of the before commit's."""
    import tomllib
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    def wanted(text: str) -> set[str]:
        project = tomllib.loads(text)["project"]
        return set(project["dependencies"]) | set(project.get("optional-dependencies", {}).get("test", []))

    before = wanted(git("show", f"{sha}:pyproject.toml"))
    after = wanted((ROOT / "pyproject.toml").read_text())
    unmet = []
    for line in sorted(before):
        requirement = Requirement(line)
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            unmet.append(f"{line} (not installed)")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            unmet.append(f"{line} (installed {installed})")
    if unmet:
        raise Failure(
            "The virtualenv does not meet the before commit's requirements, so its code cannot be run"
            " with it: " + "; ".join(unmet) + ". Install a virtualenv from that commit's pyproject.toml."
        )
    return {
        "only_before": sorted(before - after),
        "only_after": sorted(after - before),
        "before_requirements_met_by_this_virtualenv": True,
    }
