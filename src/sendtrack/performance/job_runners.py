"""The KPI refresh as a job: one task per local area, the last to finish finishing the job; the
SEN2 return's export and its check as jobs.

The runners are found by the job queue when it starts (`jobs.apps.JobsConfig.ready`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from sendtrack.accounts.models import LocalArea
from sendtrack.casework.models import Case
from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.progress import mark_total
from sendtrack.jobs.runners import area_of, register_runner, save_result
from sendtrack.jobs.services import count_one_done, finish


def refresh_kpis(job: Job) -> None:
    """Fans out one task per local area; the last area to finish finishes the job."""
    codes = job.params.get("areas") or list(LocalArea.objects.order_by("code").values_list("code", flat=True))
    areas = list(LocalArea.objects.filter(code__in=codes).order_by("code"))
    mark_total(job.pk, len(areas), "areas")
    if not areas:
        finish(job, summary="There are no local areas to refresh")
        return
    Job.objects.filter(pk=job.pk).update(summary=f"Refreshed the KPI summaries of {len(areas):,} local areas")
    as_of = job.params.get("as_of")
    for area in areas:
        refresh_area_kpis.enqueue(str(job.pk), area.pk, as_of)


MAX_ERRORS_SHOWN = 500


def sen2_export(job: Job) -> None:
    """The command's own export (`performance.sen2_export`): refused with its errors, or a file."""
    from sendtrack.performance.sen2_export import export_return, issue_line

    area = area_of(job)
    census = dt.date.fromisoformat(job.params["census_date"])
    result = export_return(
        area=area, census_date=census, draft=bool(job.params.get("draft")), **job.params.get("header", {})
    )
    report = result.report
    if not result.written:
        finish(
            job,
            summary=f"Not written: the return has {len(report.errors):,} errors. Fix them, or write a draft",
            errors=[issue_line(item) for item in report.errors[:MAX_ERRORS_SHOWN]],
            done=report.persons,
        )
        return
    stored = save_result(job, result.content.encode("utf-8"), result.file_name)
    kind = "a DRAFT return" if result.draft else "the return"
    finish(
        job,
        summary=(
            f"Wrote {kind} of {report.persons:,} persons for census day {census:%-d %B %Y}: "
            f"{len(report.errors):,} errors, {len(report.queries):,} queries"
        ),
        result_file=stored,
        result_name=result.file_name,
        done=report.persons,
    )


def sen2_check(job: Job) -> None:
    """Check one area's return and keep the problems (`sen2_checks.run_check`); the nightly run,
    asked for no census day, fans out one task per area for the census being prepared."""
    from sendtrack.performance.sen2_checks import run_check
    from sendtrack.performance.sen2_renderer import next_census_date

    if "census_date" not in job.params:
        as_of = (
            dt.date.fromisoformat(job.params["as_of"]) if job.params.get("as_of") else timezone.localdate()
        )
        _check_every_area(job, next_census_date(as_of))
        return
    area = area_of(job)
    census = dt.date.fromisoformat(job.params["census_date"])
    mark_total(job.pk, Case.objects.filter(local_area=area).values("person_id").distinct().count(), "persons")

    def progress(done: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done)

    check = run_check(area, census, job=job, again=bool(job.params.get("again")), progress=progress)
    if check.job_id != job.pk:
        summary = "The return was already checked since the records last changed"
    else:
        summary = f"Checked the SEN2 return of {check.persons:,} persons for census day {census:%-d %B %Y}"
    finish(job, summary=summary, done=check.persons)


def _check_every_area(job: Job, census: dt.date) -> None:
    areas = list(LocalArea.objects.order_by("code").values_list("pk", flat=True))
    mark_total(job.pk, len(areas), "areas")
    if not areas:
        finish(job, summary="There are no local areas to check")
        return
    Job.objects.filter(pk=job.pk).update(
        summary=f"Checked the SEN2 return of {len(areas):,} local areas for census day {census:%-d %B %Y}"
    )
    for area_id in areas:
        check_area_return.enqueue(str(job.pk), area_id, census.isoformat())


@task()
def check_area_return(job_id: str, area_id: int, census: str) -> str:
    from sendtrack.performance.sen2_checks import run_check

    check = run_check(LocalArea.objects.get(pk=area_id), dt.date.fromisoformat(census))
    count_one_done(job_id)
    return f"{check.persons} persons"


@task()
def refresh_area_kpis(job_id: str, area_id: int, as_of: str | None) -> str:
    from sendtrack.performance.services.refresh import refresh_summaries

    area = LocalArea.objects.get(pk=area_id)
    report = refresh_summaries(area=area, as_of=dt.date.fromisoformat(as_of) if as_of else None)
    count_one_done(job_id)
    return report.summary()


register_runner(JobKind.REFRESH_KPIS, refresh_kpis)
register_runner(JobKind.SEN2_EXPORT, sen2_export)
register_runner(JobKind.SEN2_CHECK, sen2_check)
