"""sendtrack export-person REF [--area CODE] [--pdf FILE] > FILE.json"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from sendtrack.casework.models import Case, Person
from sendtrack.command_options import add_area_option, chosen_area
from sendtrack.core import subject_access
from sendtrack.core.audit import audit
from sendtrack.core.models import AuditVerb


class Command(BaseCommand):
    help = "Write everything held about a person (subject access) as JSON, and optionally as PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ref", help="the person reference or one of their case references")
        add_area_option(parser)
        parser.add_argument("--pdf", metavar="FILE", help="also write a PDF to FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        area = chosen_area(options["area"])
        ref = options["ref"]
        person = Person.objects.filter(local_area=area, ref=ref).first()
        if person is None:
            case = Case.objects.filter(local_area=area, case_ref=ref).select_related("person").first()
            person = case.person if case else None
        if person is None:
            raise CommandError(f"No person or case in {area.name} has the reference {ref!r}")
        with transaction.atomic():
            audit(actor=None, verb=AuditVerb.SUBJECT_ACCESS_EXPORTED, local_area=area, subject=person)
        self.stdout.write(subject_access.subject_access_json(person))
        if options["pdf"]:
            with open(options["pdf"], "wb") as out:
                out.write(subject_access.subject_access_pdf(person))
        self.stderr.write(f"Exported everything held about person {person.pk} of {area.name}.")
