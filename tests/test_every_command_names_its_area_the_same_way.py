"""Every command that takes `--area` reads it the same way: a DfE code or a name, one error wording."""

from __future__ import annotations

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from sendtrack.command_options import NO_SUCH_AREA, as_of_option, chosen_area

# demo-data's --area is the name of the area it creates, not one it looks up.
CREATES_ITS_AREA = {"demo_data"}
AREA_COMMANDS = sorted(
    name
    for name, app in get_commands().items()
    if app.startswith("sendtrack")
    and name not in CREATES_ITS_AREA
    and any(
        "--area" in action.option_strings
        for action in load_command_class(app, name).create_parser("sendtrack", name)._actions
    )
)


def test_the_commands_that_work_in_an_area_are_all_found() -> None:
    assert {"import_cases", "export_sen2", "import_plan", "refresh_kpis", "retention"} <= set(AREA_COMMANDS)


@pytest.mark.parametrize("name", AREA_COMMANDS)
def test_an_unknown_area_is_refused_with_the_same_words_by_every_command(
    name, area, tmp_path, capsys
) -> None:
    wanted = NO_SUCH_AREA.format(value="Nowhere")
    required = {
        "import_cases": [str(tmp_path / "cases.jsonl")],
        "import_plan": [str(tmp_path / "plan.csv")],
        "import_exclusions": [str(tmp_path / "rows.csv")],
        "import_high_needs": [str(tmp_path / "rows.csv")],
        "import_waiting_list": [str(tmp_path / "rows.csv")],
        "import_census_extract": [str(tmp_path / "rows.csv")],
        "export_person": ["P0001"],
        "import_tracker": [str(tmp_path / "tracker.csv")],
        "import_sen2": [str(tmp_path / "SEN2.xml")],
        "import_published_timeliness": [str(tmp_path / "timeliness.csv")],
        "import_documents": [str(tmp_path)],
    }.get(name, [])
    for path in required[:1]:
        if path.endswith((".csv", ".jsonl")):
            with open(path, "w", encoding="utf-8") as file:
                file.write("")
    options = {
        "plan": "Plan",
        "meeting": "2026-01-05",
        "census_date": "2026-01-15",
        "mapping": str(tmp_path / "mapping.json"),
        "first": "2025-01-01",
        "last": "2025-06-01",
        "index": str(tmp_path / "index.csv"),
    }
    parser = load_command_class(get_commands()[name], name).create_parser("sendtrack", name)
    given = {key: value for key, value in options.items() if any(a.dest == key for a in parser._actions)}

    with pytest.raises((CommandError, SystemExit)) as refused:
        call_command(name, *required, area="Nowhere", **given)

    if isinstance(refused.value, CommandError):
        assert str(refused.value) == wanted
    else:  # the plan commands end with status 2 and one line, as their contract asks
        assert refused.value.code == 2
        assert capsys.readouterr().err == wanted + "\n"


@pytest.mark.parametrize("value", ["999", "Northbridge", "northbridge"])
def test_an_area_is_found_by_its_code_or_its_name_in_any_case(area, value) -> None:
    assert chosen_area(value) == area


def test_without_an_area_the_only_one_is_taken_and_with_two_one_must_be_named(area, other_area) -> None:
    with pytest.raises(CommandError, match="--area"):
        chosen_area(None)
    other_area.delete()
    assert chosen_area(None) == area


def test_a_bad_as_of_date_names_the_option_and_the_value() -> None:
    with pytest.raises(
        CommandError, match=r"--as-of must be a date in the form YYYY-MM-DD, not '16/03/2026'"
    ):
        as_of_option("16/03/2026")
