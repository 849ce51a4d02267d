"""The SEN2 upload page (dry run, then confirm) and the page of what came in after any import."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sendtrack.casework.models import Person
from sendtrack.intake.models import ImportRun
from tests.intake.sen2_files import ANN, BEN, sen2_file

pytestmark = pytest.mark.django_db


def test_a_return_is_checked_then_imported_then_accounted_for(client, area, caseworker):
    client.force_login(caseworker)
    wrong = client.post("/intake/import-sen2/", {"sen2": SimpleUploadedFile("return.csv", b"a,b")})
    assert (
        wrong.status_code == 400 and "Choose the SEN2 return as an XML (.xml) file" in wrong.content.decode()
    )
    bad = sen2_file(ANN.replace("<Sex>F</Sex>", "<Sex>X</Sex>"))
    refused = client.post("/intake/import-sen2/", {"sen2": SimpleUploadedFile("SEN2.xml", bad)})
    body = refused.content.decode()
    assert refused.status_code == 400 and "line 11, Person Sex: not one of M, F (value: X)" in body
    assert "Nothing can be imported yet" in body and not Person.objects.exists()

    dry = client.post("/intake/import-sen2/", {"sen2": SimpleUploadedFile("SEN2.xml", sen2_file(ANN, BEN))})
    body = dry.content.decode()
    assert dry.status_code == 200 and "Ready to import" in body and "Would import 2 persons" in body
    assert "Final plans issued" in body and "Not imported yet" in body
    assert not Person.objects.exists()

    done = client.post("/intake/import-sen2/confirm/")
    run = ImportRun.objects.get()
    assert done.status_code == 302 and done.url == f"/intake/imports/{run.pk}/"
    assert Person.objects.count() == 2
    page = client.get(done.url).content.decode()
    assert "What came in: SEN2.xml" in page
    assert "What the return itself says for 2025" in page
    assert "Issued after 20 weeks, within a year" in page
    assert "0.0% (0 of 1)" in page  # within 20 weeks after the import
    listing = client.get("/intake/imports/").content.decode()
    assert "SEN2.xml" in listing


def test_only_the_councils_send_team_sees_what_came_in(client, area, caseworker, health_advisor, tmp_path):
    path = tmp_path / "SEN2.xml"
    path.write_bytes(sen2_file(BEN))
    call_command("import_sen2", str(path), "--area", "999")
    run = ImportRun.objects.get()
    client.force_login(health_advisor)
    assert client.get(f"/intake/imports/{run.pk}/").status_code == 404
    assert client.get("/intake/import-sen2/").status_code == 404


def test_a_tracker_import_is_accounted_for_too(area, tmp_path, capsys):
    from tests.intake.test_import_tracker import EXPECTED_MAPPING, workbook

    path = tmp_path / "tracker.xlsx"
    path.write_bytes(workbook())
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(EXPECTED_MAPPING))
    call_command("import_tracker", str(path), "--mapping", str(mapping), "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["source"] == "tracker" and report["dry_run"] is False
    assert report["children"]["in_source"] == 3
    assert report["in_sendtrack_after"]["requests"] == report["in_source"]["requests"]
    assert sum(report["in_source"]["requests"].values()) == 4
    assert ImportRun.objects.get().kind == ImportRun.TRACKER
