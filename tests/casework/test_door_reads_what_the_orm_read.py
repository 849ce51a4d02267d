"""The door reads the case, person, setting, caseworker and area in one fixed statement
(`case_rows`): every field must be what the ORM's `select_related` gave, with or without a setting
and a caseworker, and no case for a user the rule lets see none."""

from __future__ import annotations

from django.db.models import Model

from sendtrack.casework.case_rows import cases_with_details
from sendtrack.casework.models import Case
from tests.casework.conftest import import_objects


def fields(instance: Model | None) -> dict[str, object] | None:
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_each_row_and_its_related_rows_are_what_select_related_gave(
    caseworker, area, child_case, django_assert_num_queries
):
    Case.objects.filter(pk=child_case.pk).update(caseworker=caseworker, extra={"note": "x", "n": [1, 2]})
    import_objects([{"case_ref": "NB-0002", "person": {"ref": "P0002"}, "events": []}], area)
    expected = list(
        Case.objects.visible_to(caseworker)
        .select_related("person", "person__setting", "caseworker", "local_area")
        .order_by("local_area_id", "pk")
    )

    with django_assert_num_queries(1):
        found = cases_with_details(Case.objects.visible_to(caseworker))
        related = [(c.person, c.person.setting, c.caseworker, c.local_area) for c in found]

    assert [fields(c) for c in found] == [fields(c) for c in expected]
    assert [[fields(r) for r in rs] for rs in related] == [
        [fields(r) for r in (c.person, c.person.setting, c.caseworker, c.local_area)] for c in expected
    ]
    assert related[0][1] is not None and related[0][2] is not None and related[1][1:3] == (None, None)


def test_a_user_the_rule_lets_see_nothing_gets_no_case(caseworker_elsewhere, parent, child_case):
    assert cases_with_details(Case.objects.visible_to(caseworker_elsewhere)) == []
    assert cases_with_details(Case.objects.none()) == []
