"""Uploading a final plan can record its issue (checked by the statutory engine), and every file
passes the virus scanner named by DOCUMENT_SCANNER before it is kept."""

from __future__ import annotations

import datetime as dt
import html
import socket
import socketserver
import threading

import pytest
from django.urls import reverse

from sendtrack.casework import services as casework
from sendtrack.casework.models import CaseDocument, CaseEvent
from sendtrack.core.models import AuditEvent, AuditVerb
from sendtrack.documents import scanning, services
from tests.documents.conftest import EICAR, PDF, upload

FINAL = {"kind": "final_plan", "title": "", "date": "2026-03-13", "record_final_plan": "on"}


def eicar_scanner(stream, *, name):
    """A scanner as a council's adapter would be: it names the EICAR test signature when it sees it."""
    return "Eicar-Test-Signature" if b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in stream.read() else None


def broken_scanner(stream, *, name):
    raise ConnectionRefusedError("the scanner is not running")


@pytest.fixture
def drafted(child_case, caseworker):
    casework.record_event(
        case=child_case,
        by=caseworker,
        event={"type": "plan_decision", "date": "2026-03-02", "outcome": "issue"},
    )
    casework.record_event(
        case=child_case, by=caseworker, event={"type": "draft_plan_issued", "date": "2026-03-04"}
    )
    return child_case


def post_final(client, case, **fields):
    response = client.post(
        reverse("documents:upload", args=[case.case_ref]),
        {**FINAL, **fields, "file": upload("final-plan.pdf")},
    )
    return response, html.unescape(response.content.decode())


def test_a_final_plan_uploaded_with_confirmation_records_its_issue_and_links_it(client, drafted, caseworker):
    client.force_login(caseworker)

    response, _ = post_final(client, drafted)

    assert response.status_code == 302
    event = CaseEvent.objects.get(case=drafted, type="final_plan_issued")
    document = CaseDocument.objects.get()
    assert (event.data, event.recorded_by) == (
        {"type": "final_plan_issued", "date": "2026-03-13"},
        caseworker,
    )
    assert document.event == event and document.kind == "final_plan" and document.title == "Final plan"
    drafted.refresh_from_db()
    assert drafted.stage == "final_issued"
    verbs = list(
        AuditEvent.objects.filter(local_area=drafted.local_area).order_by("pk").values_list("verb", flat=True)
    )
    assert verbs[-2:] == [AuditVerb.EVENT_RECORDED, AuditVerb.DOCUMENT_UPLOADED]


def test_without_the_confirmation_only_the_document_is_kept(client, drafted, caseworker):
    client.force_login(caseworker)

    post_final(client, drafted, record_final_plan="")

    assert CaseDocument.objects.get().event is None
    assert not CaseEvent.objects.filter(case=drafted, type="final_plan_issued").exists()


def test_the_engine_refuses_a_final_plan_before_a_draft_and_nothing_is_kept(
    client, child_case, caseworker, media
):
    client.force_login(caseworker)

    response, page = post_final(client, child_case)

    assert response.status_code == 200
    assert "A final plan cannot be issued before a draft plan: record the draft plan first" in page
    assert not CaseDocument.objects.exists()
    assert not CaseEvent.objects.filter(case=child_case, type="final_plan_issued").exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_only_a_final_plan_can_record_the_issue(child_case, caseworker):
    details = services.Details(kind="draft_plan", title="Draft", date=dt.date(2026, 3, 4))
    with pytest.raises(services.DocumentRefused, match="Only a final plan"):
        services.upload_document(
            case=child_case, by=caseworker, upload=upload(), details=details, record_final_plan=True
        )


def test_the_default_scanner_is_the_explicit_no_op(settings):
    from django.conf import settings as django_settings

    assert django_settings.DOCUMENT_SCANNER == "sendtrack.documents.scanning.no_scan"
    assert scanning.scanner() is scanning.no_scan


def test_a_scanner_that_finds_eicar_refuses_the_file_and_nothing_is_kept(
    client, child_case, caseworker, settings, media
):
    settings.DOCUMENT_SCANNER = f"{__name__}.eicar_scanner"
    client.force_login(caseworker)
    # Hidden in a file that otherwise passes as a PDF, as a real attachment would be.
    infected = PDF + b"\n%" + EICAR + b"\n"

    response = client.post(
        reverse("documents:upload", args=[child_case.case_ref]),
        {"kind": "other", "date": "2026-03-10", "file": upload("letter.pdf", infected)},
    )

    page = html.unescape(response.content.decode())
    assert (
        "The file letter.pdf was refused by the virus scanner (Eicar-Test-Signature): it has not been kept"
        in page
    )
    assert not CaseDocument.objects.exists() and not [p for p in media.rglob("*") if p.is_file()]
    client.post(
        reverse("documents:upload", args=[child_case.case_ref]),
        {"kind": "other", "date": "2026-03-10", "file": upload("clean.pdf", PDF)},
    )
    assert CaseDocument.objects.get().original_name == "clean.pdf"


def test_a_scanner_that_fails_refuses_the_file(child_case, caseworker, settings):
    settings.DOCUMENT_SCANNER = f"{__name__}.broken_scanner"
    details = services.Details(kind="other", title="Letter", date=dt.date(2026, 3, 10))

    with pytest.raises(services.DocumentRefused, match="could not be checked for viruses"):
        services.upload_document(case=child_case, by=caseworker, upload=upload(), details=details)
    assert not CaseDocument.objects.exists()


class FakeClamd(socketserver.BaseRequestHandler):
    """Answers clamd's INSTREAM as ClamAV does: FOUND for the EICAR signature, OK otherwise."""

    def handle(self):
        command = self.request.recv(10)
        assert command == b"zINSTREAM\0"
        received = b""
        while True:
            size = int.from_bytes(self._exactly(4), "big")
            if size == 0:
                break
            received += self._exactly(size)
        found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in received
        self.request.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")

    def _exactly(self, count):
        data = b""
        while len(data) < count:
            data += self.request.recv(count - len(data))
        return data


def test_the_clamav_adapter_speaks_instream(settings):
    with socketserver.TCPServer(("127.0.0.1", 0), FakeClamd) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        settings.CLAMD_ADDRESS = f"127.0.0.1:{server.server_address[1]}"
        try:
            import io

            assert scanning.clamd_scan(io.BytesIO(PDF), name="a.pdf") is None
            assert scanning.clamd_scan(io.BytesIO(EICAR * 3000), name="b.pdf") == "Eicar-Test-Signature"
        finally:
            server.shutdown()


def test_the_clamav_adapter_raises_when_the_daemon_is_not_there(settings):
    import io

    # Bound but not listening, the port refuses connections, and no process running beside this one
    # (another test worker's server) can take it before the scan tries it.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.CLAMD_ADDRESS = f"127.0.0.1:{probe.getsockname()[1]}"
        with pytest.raises(OSError):
            scanning.clamd_scan(io.BytesIO(PDF), name="a.pdf")
