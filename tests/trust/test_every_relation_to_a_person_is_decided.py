"""Every foreign key that leads to a person is in PERSON_RELATIONS, with what subject access,
erasure and merging do to it; a new table linked to a child fails here until someone decides."""

from __future__ import annotations

from django.apps import apps

from sendtrack.core.subject_access import PERSON_RELATIONS, relation_key


def models_about_a_person():
    """Person, Case, and every model with a foreign key (or one-to-one) path to one of them."""
    about = {apps.get_model("casework", "Person"), apps.get_model("casework", "Case")}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in about:
                continue
            if _links(model, about):
                about.add(model)
                grown = True
    return about


def _links(model, about):
    return [
        f
        for f in model._meta.get_fields()
        if f.concrete and (f.many_to_one or f.one_to_one) and f.related_model in about
    ]


def relations_to_a_person():
    about = models_about_a_person()
    return {relation_key(f) for model in about for f in _links(model, about)}


def test_every_relation_to_a_person_is_in_the_registry():
    missing = relations_to_a_person() - set(PERSON_RELATIONS)
    assert not missing, f"Add these to PERSON_RELATIONS in core/subject_access.py: {sorted(missing)}"


def test_the_registry_names_only_relations_that_exist():
    stale = set(PERSON_RELATIONS) - relations_to_a_person()
    assert not stale, sorted(stale)


def test_the_walk_finds_tables_linked_only_through_another():
    keys = relations_to_a_person()
    assert "portal.SurveyAnswer.response" in keys  # via SurveyResponse, not straight to a case
    assert "casework.CaseDocument.event" in keys
