"""The demo area holds structured EHC plans with a realistic mix of good and weak wording."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from sendtrack.casework.models import CaseEvent
from sendtrack.ehcplan.checks import check_plan
from sendtrack.ehcplan.models import PlanVersion

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 23)


def test_the_demo_writes_plans_for_a_share_of_final_plans_with_each_weakness_present():
    out = StringIO()
    call_command(
        "demo_data",
        "--children",
        "400",
        "--seed",
        "3",
        "--as-of",
        AS_OF.isoformat(),
        "--no-improvement",
        stdout=out,
    )
    versions = list(PlanVersion.objects.select_related("event"))
    with_final = CaseEvent.objects.filter(type="final_plan_issued").values("case_id").distinct().count()
    assert 0.25 <= len(versions) / with_final <= 0.55
    assert f"{len(versions)} structured EHC plans" in out.getvalue()
    fired: Counter[str] = Counter()
    clean = 0
    for version in versions:
        assert version.event.type == "final_plan_issued" and version.event.case_id == version.case_id
        checks = {finding.check for finding in check_plan(version.plan(), AS_OF)}
        fired.update(checks)
        clean += not checks
    for weakness in (
        "vague_wording",
        "provision_not_quantified",
        "outcome_not_measurable",
        "issued_before_agencies_confirmed",
    ):
        assert fired[weakness] >= 2, (weakness, fired, clean, len(versions))
    assert clean >= 2, fired
    assert "missing_section" not in fired and "need_without_provision" not in fired
