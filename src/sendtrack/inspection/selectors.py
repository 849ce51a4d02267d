"""An inspection's records for the user: the areas and notifications the access rules let them reach."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from sendtrack.accounts import access as area_access
from sendtrack.accounts.models import User
from sendtrack.casework import access
from sendtrack.inspection.clock import PlannedTask, lay_out
from sendtrack.inspection.models import Notification


def clock_area_ids(user: User) -> set[int]:
    return {area.pk for area in area_access.inspection_clock_areas(user)}


def list_area_ids(user: User) -> set[int]:
    return {area.pk for area in area_access.inspection_list_areas(user)}


def led_notification_ids(user: User) -> set[int]:
    """The inspections the user is a named lead of (tracking and case sampling), while council staff."""
    if not user.is_authenticated:
        return set()
    return {
        notification.pk
        for notification in Notification.objects.filter(leads__user=user).select_related("inspection")
        if access.may_track_for_inspection(user, notification.inspection.local_area_id, {user.pk})
    }


def notifications_visible_to(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(
        Q(inspection__local_area_id__in=clock_area_ids(user)) | Q(pk__in=led_notification_ids(user))
    ).select_related("inspection__local_area")


def get_notification_or_404(user: User, pk: int, *, for_lists: bool = False) -> Notification:
    """The same 404 whether the notification does not exist or belongs to an area the user cannot see."""
    areas = list_area_ids(user) if for_lists else clock_area_ids(user)
    found = (
        Notification.objects.filter(pk=pk, inspection__local_area_id__in=areas)
        .select_related("inspection__local_area")
        .first()
    )
    if found is None:
        raise Http404("No such inspection")
    return found


def may_change(user: User, notification: Notification) -> bool:
    return notification.inspection.local_area_id in list_area_ids(user)


def get_changeable_notification_or_404(user: User, pk: int) -> Notification:
    """The notification for a change: 404 as `get_notification_or_404`, 403 when `user` may only see it."""
    notification = get_notification_or_404(user, pk)
    if not may_change(user, notification):
        raise PermissionDenied
    return notification


def tasks_of(notification: Notification) -> list[PlannedTask]:
    done = dict(notification.tasks_done.values_list("task", "done_on"))
    return lay_out(
        notified_on=notification.notified_on, children_named_on=notification.children_named_on, done=done
    )
