"""bench_before_after.py's results as a markdown section: issue 20's figures, before and after."""

from __future__ import annotations

PAGES = ("healthz (floor)", "person page", "tracker page 3")


def _load(data: dict) -> str:
    start, end = data.get("load_start", data.get("start")), data.get("load_end", data.get("end"))
    first = start[0] if isinstance(start, list) else start
    last = end[0] if isinstance(end, list) else end
    return f"{first} to {last}"


def _pages(part: dict) -> list[str]:
    before, after = part["before"], part["after"]
    lines = [
        f"Server: {after['server']}; wrk: {after['wrk']}; {after['cases']:,} cases,"
        " signed in as a caseworker.",
        "",
        "| page | before requests/s | p50 | p99 | after requests/s | p50 | p99 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page in PAGES:
        b, a = before["results"][page], after["results"][page]
        lines.append(
            f"| {page} | {b['requests_per_second']:.1f} | {b.get('p50_ms')} ms | {b.get('p99_ms')} ms"
            f" | {a['requests_per_second']:.1f} | {a.get('p50_ms')} ms | {a.get('p99_ms')} ms |"
        )
    for label, data in (("before", before), ("after", after)):
        log = data["access_log"]
        lines.append(
            f"\n{label}: load {_load(data['load_average'])} during wrk;"
            f" access-log rows written {log['rows_written']:,} for"
            f" {log['person_page_requests']:,} person pages"
            f" ({'every one logged' if log['every_person_page_logged'] else 'NOT every one logged'})."
        )
    return lines


def _ms(values: object) -> str:
    return ", ".join(str(v) for v in values) + " ms" if isinstance(values, list) and values else ""


def _sen2(part: dict) -> list[str]:
    before, after = part["before"], part["after"]
    return [
        "| | before | after |",
        "| --- | --- | --- |",
        f"| checked in | {before.get('checked_in')} | {after.get('checked_in')} |",
        f"| first visit | {before.get('first_visit_ms')} ms | {after.get('first_visit_ms')} ms"
        f" (before any check: {after.get('visit_before_any_check_ms')} ms) |",
        f"| later visits | {_ms(before.get('later_visits_ms'))} | {_ms(after.get('later_visits_ms'))} |",
        f"| visits after a record changed | | {_ms(after.get('visits_after_a_change_ms'))} |",
        f"| the check as a job | (in every visit) | {after.get('check_job_s')} s;"
        f" after the change {after.get('check_job_after_the_change_s')} s |",
        f"| load | {_load(before)} | {_load(after)} |",
    ]


def _every_backend(data: dict) -> str:
    """The CPU of every backend of the database; reports written before it was measured lack it."""
    return f"{data['every_backend_cpu_s']} s" if "every_backend_cpu_s" in data else "not measured"


def _refresh(part: dict) -> list[str]:
    lines = [
        f"{part['children']:,} children; built by the before code in {part['build']['seconds']} s"
        f" (load {_load(part['build'])}); migrated forward in {part['migrate']['seconds']} s.",
        "",
        "| | run | wall | Python CPU | database backend CPU (leader) | every backend's CPU | load |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label in ("before", "after"):
        for run in ("first_run", "second_run"):
            data = part[label][run]
            lines.append(
                f"| {label} | {run.replace('_', ' ')} | {data['wall_s']} s | {data['python_cpu_s']} s"
                f" | {data['database_backend_cpu_s']} s | {_every_backend(data)} | {_load(data)} |"
            )
    lines += [
        "",
        f"Stored rows: before {part['before']['summary_rows']:,}, md5 `{part['before']['summary_rows_md5']}`;"
        f" after {part['after']['summary_rows']:,}, md5 `{part['after']['summary_rows_md5']}`:"
        f" {'equal' if part['same_rows'] else 'DIFFERENT'}.",
    ]
    return lines


def _demo(part: dict) -> list[str]:
    before, after = part["before"], part["after"]
    lines = [
        f"{after['children']:,} children into a fresh database.",
        "",
        "| | wall | CPU (process tree) | peak memory (process tree) | largest process | load |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, data in (("before", before), ("after", after)):
        wall = (
            f"{data['wall_s']} s"
            if data.get("finished", True)
            else f"not finished, stopped at {data['wall_s']} s"
        )
        lines.append(
            f"| {label} | {wall} | {data['cpu_s_process_tree']} s"
            f" | {data['peak_rss_mib_process_tree']} MiB"
            f" | {data['peak_rss_mib_largest_process']} MiB | {_load(data)} |"
        )
    for label, data in (("before", before), ("after", after)):
        steps = data["steps"]
        if isinstance(steps, dict):
            text = "; ".join(f"{name} {s['wall_s']} s ({s['cpu_s']} s CPU)" for name, s in steps.items())
        else:
            text = steps
        lines.append(f"\n{label} steps: {text}.")
        if not data.get("finished", True):
            lines.append(f"\n{label} was stopped; its last lines:\n\n```\n{data['last_output']}\n```")
    return lines


def markdown(report: dict) -> str:
    commits, host = report["commits"], report["machine"]
    lines = [
        "## Issue 20 before and after (bench_before_after.py)",
        "",
        f"Before `{commits['before']['commit'][:12]}` ({commits['before']['subject']}), after"
        f" `{commits['after']['commit'][:12]}` ({commits['after']['subject']})"
        + (" with uncommitted changes" if commits["after"]["uncommitted_changes"] else "")
        + f". {host['cores']} cores, {host['memory_gib']} GiB; {host['postgres'].split(' on ')[0]};"
        f" started {report['started']}, finished {report.get('finished', '(running)')}.",
    ]
    sections = (
        ("pages", "Pages", _pages),
        ("sen2", "SEN2 problems page", _sen2),
        ("refresh", "National KPI refresh", _refresh),
        ("demo", "England demo", _demo),
    )
    for key, title, render in sections:
        if key in report["parts"]:
            lines += ["", f"### {title}", "", *render(report["parts"][key])]
        elif key in report["errors"]:
            lines += ["", f"### {title}", "", f"Failed: {report['errors'][key]}"]
    if report["errors"].get("cleanup"):
        lines += ["", f"Cleanup failed: {report['errors']['cleanup']}"]
    return "\n".join(lines) + "\n"
