"""`sendtrack plan-summary`: the JSON of docs/spec/improvement-plan.md §3; status 2 for no such plan."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.improvement import lancashire


def test_plan_summary_prints_the_specs_json(plan, capsys):
    call_command("plan_summary", plan=plan.name, as_of="2019-05-16", json=True)
    assert json.loads(capsys.readouterr().out) == lancashire.SUMMARY_JSON


def test_plan_summary_prints_the_sentence_without_json(plan, capsys):
    call_command("plan_summary", plan=plan.name, as_of="2019-05-16")
    assert capsys.readouterr().out.strip() == lancashire.SENTENCE


def test_an_unknown_plan_is_one_line_and_exit_status_2(plan, capsys):
    with pytest.raises(SystemExit) as exit_info:
        call_command("plan_summary", plan="Nope", json=True)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "No plan named 'Nope' in Northbridge\n"


def test_the_sendtrack_cli_spells_the_command_with_a_hyphen(plan, capsys):
    from sendtrack.cli import main

    main(["plan-summary", "--plan", plan.name, "--as-of", "2019-05-16", "--json"])
    assert json.loads(capsys.readouterr().out)["total"] == 94


def test_the_api_gives_the_same_summary(client, plan, manager, caseworker_elsewhere):
    client.force_login(manager)
    response = client.get(f"/api/improvement/plans/{plan.pk}/summary?as_of=2019-05-16")
    assert response.json() == {**lancashire.SUMMARY_JSON, "sentence": lancashire.SENTENCE}
    client.force_login(caseworker_elsewhere)
    assert client.get(f"/api/improvement/plans/{plan.pk}/summary").status_code == 404
