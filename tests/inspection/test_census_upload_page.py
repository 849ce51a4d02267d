"""The census extract upload page: all rows or none, every problem named with its row."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.inspection.models import CensusFigures

HEADER = (
    "upn,period_end,suspensions,permanent_exclusions,absence_percent,pupil_premium,"
    "known_to_social_care,social_care_team,sen_support\n"
)
GOOD = (
    HEADER
    + "A999200011000,31/03/2026,1,0,12.5,yes,yes,Disabled children team,no\n"
    + "B999200011001,31/03/2026,0,0,3,no,no,,yes\n"
)


def upload(client, text: str, name: str = "census.csv", **extra: str):
    return client.post(
        reverse("inspection:upload-census"), {"extract": SimpleUploadedFile(name, text.encode()), **extra}
    )


def test_a_good_file_is_imported_whole(client, area, manager):
    client.force_login(manager)
    response = upload(client, GOOD)
    assert response.status_code == 302
    assert CensusFigures.objects.filter(local_area=area).count() == 2
    assert AuditEvent.objects.filter(verb=AuditVerb.CENSUS_EXTRACT_IMPORTED, actor=manager).count() == 1


def test_a_bad_row_refuses_the_whole_file_naming_row_column_value_and_why(client, area, manager):
    client.force_login(manager)
    response = upload(client, GOOD + "A999200011002,31/13/2026,1,0,112,maybe,yes,,\n")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing imported: 3 problems in 3 rows" in page
    assert "Row 4, column period_end (&#x27;31/13/2026&#x27;): not a date" in page
    assert "Row 4, column absence_percent (&#x27;112&#x27;): must be a percentage" in page
    assert not CensusFigures.objects.exists()


def test_check_only_writes_nothing(client, area, manager):
    client.force_login(manager)
    response = upload(client, GOOD, check_only="yes")
    assert response.status_code == 200 and "Would import 2 rows" in response.content.decode()
    assert not CensusFigures.objects.exists()


def test_no_file_or_not_a_csv_is_a_clear_message(client, area, manager):
    client.force_login(manager)
    assert "Choose a CSV file" in client.post(reverse("inspection:upload-census")).content.decode()
    response = upload(client, "x", name="census.xlsx")
    assert response.status_code == 400 and "must be a CSV file" in response.content.decode()


def test_only_the_areas_send_managers_upload(client, area, caseworker, read_only_officer):
    for user in (caseworker, read_only_officer):
        client.force_login(user)
        assert client.get(reverse("inspection:upload-census")).status_code == 403
