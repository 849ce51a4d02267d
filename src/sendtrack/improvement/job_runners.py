"""The board report as a job: the runner the job queue finds and calls."""

from __future__ import annotations

from sendtrack.jobs.models import Job, JobKind
from sendtrack.jobs.runners import register_runner, save_result
from sendtrack.jobs.services import finish


def board_report(job: Job) -> None:
    from sendtrack.improvement.board_report_renderer import render_board_report
    from sendtrack.improvement.models import ImprovementPlan
    from sendtrack.improvement.selectors import meetings_for

    plan = ImprovementPlan.objects.get(pk=job.params["plan"])
    meeting = meetings_for(plan).get(pk=job.params["meeting"])
    content, file_name, _ = render_board_report(plan=plan, meeting=meeting, file_format=job.params["format"])
    stored = save_result(job, content, file_name)
    finish(job, summary=f"The board report is ready: {file_name}", result_file=stored, result_name=file_name)


register_runner(JobKind.BOARD_REPORT, board_report)
