"""The machine's side of bench_before_after.py: load, cores and memory, and a process tree's time and peak.

Linux only (/proc), as the benchmarks' machine is.
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


class Failure(Exception):
    """A measurement that could not be made, with the message to print (no traceback)."""


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def machine() -> dict[str, object]:
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def _children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_rss_kib(root: int) -> tuple[int, set[int]]:
    """Resident memory of `root` and every process below it, summed; and their ids."""
    tree = _children_by_parent()
    seen, todo, total = set(), [root], 0
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        todo.extend(tree.get(pid, []))
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    return total, seen


@dataclass
class TreeRun:
    returncode: int
    wall: float
    cpu: float
    peak_tree_kib: int
    max_single_kib: int
    processes: int
    stdout: str
    tail: str
    stopped: bool = False


def run_tree(
    command: list[str],
    env: dict[str, str],
    cwd: Path,
    log: Path,
    every: float = 0.25,
    limit: float | None = None,
) -> TreeRun:
    """Run `command`, sampling the summed resident memory of its process tree every `every` seconds.
    CPU is user plus system time of the command and every process it waited for (wait4's rusage);
    the largest single process's peak comes from the same rusage. A run still going after `limit`
    seconds is stopped (its whole process group) and marked `stopped`, its figures those so far."""
    with log.open("w", encoding="utf-8") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        peak, pids, stopped = 0, set(), False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if limit is not None and not stopped and time.perf_counter() - started > limit:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, 15)
                stopped = True
            rss, seen = _tree_rss_kib(process.pid)
            peak, pids = max(peak, rss), pids | seen
            time.sleep(every)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    return TreeRun(
        returncode=process.returncode,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_tree_kib=peak,
        max_single_kib=usage.ru_maxrss,
        processes=len(pids),
        stdout=text,
        tail="\n".join(text.strip().splitlines()[-8:]),
        stopped=stopped,
    )
