from datetime import date

from django import template

from sendtrack.inspection.clock import PlannedTask

register = template.Library()


@register.filter
def task_status(task: PlannedTask, today: date) -> str:
    return task.status(today)
