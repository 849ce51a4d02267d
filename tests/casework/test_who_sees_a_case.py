"""visible_to: each condition of the rule, and the people it leaves out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from sendtrack.casework.models import Case, FamilyLink, Involvement


def visible(user, case):
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


@pytest.mark.parametrize("who", ["caseworker", "manager", "health_advisor", "dco", "senco", "parent"])
def test_these_people_see_the_childs_case(request, who, child_case, family_link):
    assert visible(request.getfixturevalue(who), child_case)


@pytest.mark.parametrize(
    "who",
    [
        "caseworker_elsewhere",
        "other_senco",
        "other_parent",
        "read_only_officer",
        "administrator",
        "social_worker",
    ],
)
def test_these_people_do_not_see_the_childs_case(request, who, child_case, family_link):
    assert not visible(request.getfixturevalue(who), child_case)


def test_anonymous_visitors_see_no_case(child_case):
    assert not Case.objects.visible_to(AnonymousUser()).exists()


def test_a_health_advisor_does_not_see_a_case_health_was_not_asked_about(
    health_advisor, dco, uninvolved_case
):
    assert not visible(health_advisor, uninvolved_case)
    assert not visible(dco, uninvolved_case)


def test_a_current_involvement_shows_the_case_and_an_ended_one_does_not(
    social_worker, council, uninvolved_case
):
    involvement = Involvement.objects.create(
        case=uninvolved_case,
        organisation=council,
        started_on=dt.date(2026, 3, 1),
        reason="Child in need plan",
    )
    assert visible(social_worker, uninvolved_case)

    Involvement.objects.filter(pk=involvement.pk).update(ended_on=dt.date(2026, 3, 10))
    assert not visible(social_worker, uninvolved_case)


def test_an_ended_family_link_hides_the_case(parent, child_case, family_link):
    FamilyLink.objects.filter(pk=family_link.pk).update(ended_on=dt.date(2026, 3, 1))
    assert not visible(parent, child_case)


def test_caseworkers_see_only_their_own_areas_cases(
    caseworker, caseworker_elsewhere, child_case, case_elsewhere
):
    assert list(Case.objects.visible_to(caseworker)) == [child_case]
    assert list(Case.objects.visible_to(caseworker_elsewhere)) == [case_elsewhere]


def test_area_wide_figures_reach_reporting_roles_but_not_other_areas(
    read_only_officer, dco, caseworker_elsewhere, health_advisor, child_case, uninvolved_case
):
    def reported(user):
        return Case.objects.reported_to(user).count()

    assert reported(read_only_officer) == 2
    assert reported(dco) == 2
    assert reported(caseworker_elsewhere) == 0
    assert reported(health_advisor) == 0
