"""The findings of the checks that depend on the words only are kept when a version is saved; the
quality list then runs only the dated checks, and gives the same findings as checking afresh."""

from __future__ import annotations

import datetime as dt

import pytest

from sendtrack.ehcplan.checks import (
    CHECKS_REVISION,
    DATED_CHECKS,
    check_plan,
    read_stored,
    stored_findings,
)
from sendtrack.ehcplan.models import PlanVersion
from sendtrack.ehcplan.selectors import plans_for_quality
from sendtrack.ehcplan.services import save_plan, start_plan
from tests.ehcplan.plans import AS_OF, good_plan, liverpool_plan, unquantified_therapy_plan


@pytest.mark.parametrize(
    "plan",
    [good_plan(), liverpool_plan(), unquantified_therapy_plan()],
    ids=["good", "liverpool", "unquantified"],
)
def test_kept_findings_and_the_dated_checks_equal_checking_afresh(plan):
    late = AS_OF + dt.timedelta(days=800)  # long after the last review: the dated check finds it
    kept = read_stored(stored_findings(plan))
    assert kept is not None
    assert check_plan(plan, late, stored=kept) == check_plan(plan, late)
    assert any(f.check in DATED_CHECKS for f in check_plan(plan, late))
    assert not any(f.check in DATED_CHECKS for f in kept)


def test_findings_kept_by_another_revision_are_not_read():
    data = stored_findings(liverpool_plan())
    assert read_stored({**data, "revision": CHECKS_REVISION - 1}) is None
    assert read_stored(None) is None


@pytest.mark.django_db
def test_saving_keeps_the_findings_and_the_quality_list_reads_them(child_case, caseworker):
    version = start_plan(case=child_case, by=caseworker)
    save_plan(version=version, by=caseworker, plan=liverpool_plan(), reason="Written")
    version.refresh_from_db()
    assert read_stored(version.findings) == [
        f for f in check_plan(liverpool_plan(), AS_OF) if f.check not in DATED_CHECKS
    ]
    # What the list shows comes from what was kept: change it and the list follows.
    PlanVersion.objects.filter(pk=version.pk).update(findings={"revision": CHECKS_REVISION, "findings": []})
    [(_, found)] = plans_for_quality(caseworker)
    assert {f.check for f in found} <= DATED_CHECKS
    PlanVersion.objects.filter(pk=version.pk).update(findings=None)  # nothing kept: checked afresh
    [(_, found)] = plans_for_quality(caseworker)
    assert "health_responsible_for_education" in {f.check for f in found}
