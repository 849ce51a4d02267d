"""The forecast API: case risks through `visible_to`, area summaries for the area's reporting roles."""

from __future__ import annotations


def test_the_api_lists_open_requests_riskiest_first(client, caseworker, checked):
    client.force_login(caseworker)

    body = client.get("/api/forecast/cases").json()

    assert body["count"] == 3 and body["as_of"] == "2026-03-16"
    refs = [row["case_ref"] for row in body["rows"]]
    chances = [row["chance_late"] for row in body["rows"]]
    assert chances == sorted(chances, reverse=True)
    assert refs.index("NB-9001") < refs.index("NB-9002")
    assert body["rows"][refs.index("NB-9001")]["reason"].startswith("Likely late because health advice")


def test_the_api_shows_another_areas_caseworker_nothing(client, caseworker_elsewhere, checked):
    client.force_login(caseworker_elsewhere)

    assert client.get("/api/forecast/cases").json()["count"] == 0
    assert client.get("/api/forecast/areas/999").status_code == 404


def test_the_area_summary_is_withheld_until_the_forecast_beats_its_baselines(client, manager, failed_check):
    client.force_login(manager)

    body = client.get("/api/forecast/areas/999").json()

    assert body["shown"] is False and body["summary"] is None
    assert "did not beat both baselines" in body["why_not_shown"]
    assert body["backtest"]["steps"]["final_plan"]["brier"] == 0.26


def test_the_area_summary_gives_months_year_end_queues_and_what_ifs(client, manager, checked):
    client.force_login(manager)

    body = client.get("/api/forecast/areas/999").json()

    summary = body["summary"]
    assert body["shown"] is True and summary["open_requests"] == 3
    assert [m["month"] for m in summary["months"]] == ["2026-03-01", "2026-04-01", "2026-05-01"]
    assert {q["kind"] for q in summary["queues"]} >= {"advice:health"}
    assert summary["year_end"]["year"] == 2026
