"""The jobs a person may see, by the rules of `accounts.access`: those they started, their areas' as an
administrator."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.http import Http404

from sendtrack.accounts.access import job_areas, runs_the_service
from sendtrack.accounts.models import User
from sendtrack.jobs.models import Job


def is_administrator(user: User) -> bool:
    return runs_the_service(user) or bool(job_areas(user))


def jobs_visible_to(user: User) -> QuerySet[Job]:
    """Jobs the user started; an administrator also sees every job of their local areas and the
    service-wide jobs the scheduler starts."""
    if not user.is_authenticated:
        return Job.objects.none()
    rule = Q(started_by=user)
    administered = [area.pk for area in job_areas(user)]
    every_job = runs_the_service(user)
    if administered or every_job:
        rule |= Q(local_area_id__in=administered) | Q(local_area__isnull=True, started_by__isnull=True)
    if every_job:
        rule |= Q(pk__isnull=False)
    return Job.objects.filter(rule)


def get_visible_job_or_404(user: User, job_id: uuid.UUID | str) -> Job:
    job = jobs_visible_to(user).select_related("local_area").filter(pk=job_id).first()
    if job is None:
        raise Http404("No job found")
    return job
