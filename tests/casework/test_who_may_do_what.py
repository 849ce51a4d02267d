"""Every rule of `casework/access.py` and `accounts/access.py`, as one table over the fixed cast.

The records are Lily Brown's case in Northbridge (health advice asked of the NHS trust, Oakfield
Primary School consulted, `parent` linked to her), Northbridge's improvement plans, an action of
those plans led by the NHS trust, and Northbridge's area-wide figures. A row reads across the
columns below: Y where the person may, - where they may not.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sendtrack.accounts import access as area_access
from sendtrack.casework import access
from sendtrack.casework.models import Case

COLUMNS = (
    "see the case",
    "change the case",
    "count the case in reports",
    "invite the family",
    "administer the case",
    "see the plans",
    "change the plans",
    "update the trust's action",
    "see the area's figures",
    "see the inspection clock",
    "produce the inspection lists",
    "import a case file",
    "follow the area's jobs",
    "correct refused addresses",
)
TABLE = {
    #                        case       plans action figures inspection running
    "caseworker":           "YYYY-" "Y-" "-" "Y" "--" "--Y",
    "manager":              "YYYYY" "YY" "Y" "Y" "YY" "Y-Y",
    "read_only_officer":    "--Y--" "Y-" "-" "Y" "Y-" "---",
    "administrator":        "----Y" "YY" "Y" "-" "--" "YYY",
    "caseworker_elsewhere": "-----" "--" "-" "-" "--" "---",
    "health_advisor":       "Y----" "Y-" "Y" "-" "--" "---",
    "dco":                  "Y-Y--" "Y-" "-" "Y" "--" "---",
    "social_worker":        "-----" "Y-" "-" "-" "--" "---",
    "senco":                "Y----" "Y-" "-" "-" "--" "---",
    "other_senco":          "-----" "Y-" "-" "-" "--" "---",
    "parent":               "Y----" "--" "-" "-" "--" "---",
    "other_parent":         "-----" "--" "-" "-" "--" "---",
    "anonymous":            "-----" "--" "-" "-" "--" "---",
}  # fmt: skip
TRUST = "Northbridge Community Health NHS Trust"


def row_for(user, case: Case) -> str:
    area = case.local_area
    answers = (
        access.visible_cases(Case.objects.all(), user).filter(pk=case.pk).exists(),
        access.may_change_case(user, case),
        access.reported_cases(Case.objects.all(), user).filter(pk=case.pk).exists(),
        access.may_invite_family(user, case.person),
        access.administered_cases(user).filter(pk=case.pk).exists(),
        area in area_access.plan_areas(user),
        access.may_manage_plans(user, area.pk),
        access.may_update_action(user, local_area_id=area.pk, organisation=TRUST),
        area in area_access.reporting_areas(user),
        area in area_access.inspection_clock_areas(user),
        area in area_access.inspection_list_areas(user),
        area in area_access.case_importing_areas(user),
        area in area_access.job_areas(user),
        area in area_access.address_fixing_areas(user),
    )
    return "".join("Y" if answer else "-" for answer in answers)


def test_the_table_has_a_column_for_every_answer():
    assert all(len(row) == len(COLUMNS) for row in TABLE.values())


@pytest.mark.parametrize("who", list(TABLE))
def test_who_may_do_what(request, who, child_case, family_link):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    assert row_for(user, child_case) == TABLE[who], dict(zip(COLUMNS, row_for(user, child_case), strict=True))


# The service navigation: which sections each role is shown (columns in the header's order).
SECTION_COLUMNS = (
    "Home",
    "Tracker",
    "Advice",
    "Reviews",
    "Phase transfers",
    "Panels",
    "Improvement plans",
    "Performance",
    "Forecast",
    "What families told us",
    "Your family",
    "Invite a user",
    "Import cases",
    "Scheduled jobs",
)
NAVIGATION = {
    #                              home  casework   plans figures family  running
    "caseworker":                  "Y" "YYYYY" "Y" "YYY" "-" "--" "-",
    "send_manager":                "Y" "YYYYY" "Y" "YYY" "-" "YY" "-",
    "health_advisor":              "Y" "-YYY-" "-" "---" "-" "--" "-",
    "designated_clinical_officer": "Y" "-YYY-" "Y" "YYY" "-" "--" "-",
    "social_worker":               "Y" "-YYY-" "-" "---" "-" "--" "-",
    "educational_psychologist":    "Y" "-YYY-" "-" "---" "-" "--" "-",
    "setting_senco":               "Y" "-YYY-" "-" "---" "-" "--" "-",
    "board_member":                "Y" "-----" "Y" "YYY" "-" "--" "-",
    "parent":                      "Y" "-----" "-" "---" "Y" "--" "-",
    "administrator":               "Y" "-----" "Y" "---" "-" "YY" "Y",
}  # fmt: skip


def test_the_navigation_table_names_every_role_and_section():
    from sendtrack.accounts.models import Role
    from sendtrack.core.navigation import SECTIONS

    assert set(NAVIGATION) == set(Role.values)
    assert tuple(section.label for section in SECTIONS) == SECTION_COLUMNS
    assert all(len(row) == len(SECTION_COLUMNS) for row in NAVIGATION.values())


@pytest.mark.parametrize("role", list(NAVIGATION))
def test_which_sections_each_role_is_shown(role):
    from sendtrack.core.navigation import SECTIONS

    row = "".join("Y" if area_access.sees_section(role, section.url_name) else "-" for section in SECTIONS)
    assert row == NAVIGATION[role], dict(zip(SECTION_COLUMNS, row, strict=True))


def test_a_section_the_rules_do_not_name_is_shown_to_nobody():
    assert not any(area_access.sees_section(role, "casework:not-a-section") for role in NAVIGATION)


@pytest.mark.parametrize(
    ("agency", "roles"),
    [
        ("education", {"caseworker", "send_manager", "educational_psychologist", "setting_senco"}),
        ("health", {"health_advisor", "designated_clinical_officer"}),
        ("social_care", {"social_worker"}),
        ("other", set()),
    ],
)
def test_who_may_audit_a_plan_for_each_agency(agency, roles):
    assert set(area_access.auditor_roles(agency)) == roles
