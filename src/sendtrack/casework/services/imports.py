"""Bulk import of case files (JSON Lines), used by `sendtrack import-cases` and the demo generator."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from datetime import date
from functools import partial
from typing import Any, cast

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from sendtrack.accounts.models import LocalArea, Organisation, User
from sendtrack.casework.models import Case, CaseEvent, IntegrityFlag, Milestone, Person
from sendtrack.casework.services.bulk import (
    analyze,
    indexes_built_after,
    insert_encoded,
    insert_new,
    insert_rows,
)
from sendtrack.casework.services.import_rows import (
    MILESTONE_COLUMNS,
    CasesMadeInChunks,
    Checked,
    Shaped,
    check_line,
    encoded_rows,
    shape,
    shaped_ahead,
)
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.core.side_by_side import side_by_side
from sendtrack.core.timing import logged_time
from sendtrack.interchange.case_files import read_lines
from sendtrack.interchange.import_report import ImportReport

# What an import may change on a person it already holds (the reference is how it was found).
PERSON_COLUMNS = [*(name for name in Person.personal_fields() if name != "ref"), "extra"]
# The tables an import fills.
LOADED_MODELS = [Person, Case, CaseEvent, Milestone, IntegrityFlag]
CASE_COLUMNS = ["person", "extra", "content_hash", "updated_at", *Case.DERIVED_FIELDS]
# The columns an import writes, in the order its rows give them.
PERSON_NEW_COLUMNS = [
    "local_area_id",
    "ref",
    *(f.attname for f in Person._meta.concrete_fields if f.name in PERSON_COLUMNS and f.name != "ref"),
]
CASE_NEW_COLUMNS = [
    "local_area_id",
    "case_ref",
    "created_at",
    "person_id",
    "extra",
    "content_hash",
    "updated_at",
    *Case.DERIVED_FIELDS,
]
EVENT_COLUMNS = [
    "case_id",
    "type",
    "date",
    "data",
    "position",
    "organisation_id",
    "panel_incomplete",
    "recorded_by_id",
    "recorded_at",
]
FLAG_COLUMNS = ["case_id", "local_area_id", "code", "date", "explanation"]


@audited(AuditVerb.CASE_IMPORTED)
def import_cases(
    lines: Iterable[str | dict[str, Any]] | CasesMadeInChunks,
    *,
    area: LocalArea,
    by: User | None = None,
    dry_run: bool = False,
    as_of: date | None = None,
    settings_by_urn: Mapping[str, Organisation] | None = None,
    chunk_size: int = 1000,
    on_progress: Callable[[int], None] | None = None,
    also_write: Callable[[ImportReport], bool] | None = None,
    build_indexes_after: bool = False,
    workers: int = 0,
    caseworker_of: Callable[[int], int | None] | None = None,
) -> ImportReport:
    """Import case files (one JSON object per line, docs/spec/case-events.md §1) into one local area.

    - Every line is checked; each bad line is reported as "line N: problem". If any line is bad,
      nothing is stored (the whole file runs in one transaction).
    - A case whose content is the same as when it was last imported is left alone (a hash of its
      content is kept on the case), so importing the same file twice changes nothing.
    - A changed case keeps its record and caseworker; its events, milestones and flags are replaced.
    - `settings_by_urn` maps URN or UKPRN to the setting organisation; by default the area's
      organisations with a URN. Person settings and consultations are linked through it.
    - `dry_run` checks everything and reports what would happen without storing anything.
    - `lines` is read once, streaming; rows are written with bulk inserts in chunks of `chunk_size`.
      A line may be given already parsed, as a dict; or the lines may be cases a worker can make
      for itself (`CasesMadeInChunks`: the demo's generator passes its cases so).
    - An `area` not yet saved is saved with the import, so a refused file leaves no empty area.
    - A stored import writes one audit row: the counts and the ids of the cases it created or changed.
    - `on_progress`, if given, is called with the number of lines read so far, every 100 lines.
    - `also_write`, if given, is called in the same transaction once every line is read and written
      (in a dry run too), for the rest of a larger import (new events for children already held);
      errors it adds to the report undo everything; it returns whether it changed anything.
    - `build_indexes_after`: on PostgreSQL, when the case tables are empty (a first load into a
      fresh database), their secondary indexes and foreign keys are built once the rows are in,
      in the same transaction (`bulk.indexes_built_after`). Then, with `workers`, each line is
      checked and run through the engine in that many worker processes (`import_rows.shaped_ahead`)
      while this one writes: the same checks, rows and ids, in the same order.
    - `caseworker_of`, if given, names the caseworker (a user id) of each case the import creates,
      from the new case's id, written with the case; a case it changes keeps its caseworker.
    """
    as_of = as_of or timezone.localdate()
    report = ImportReport(unit="cases", into=area.name, dry_run=dry_run, also={"milestones": 0})
    with transaction.atomic(durable=True):
        if area.pk is None:
            area.save()
        writer = _Writer(area, by, as_of, settings_by_urn, caseworker_of)
        loading = indexes_built_after(LOADED_MODELS) if build_indexes_after and not dry_run else nullcontext()
        with loading as dropped:
            seen: dict[str, int] = {}
            batch: list[Checked | Shaped] = []
            for item in _checked(lines, writer, workers if dropped else 0):
                report.rows += 1
                if on_progress is not None and report.rows % 100 == 0:
                    on_progress(report.rows)
                if isinstance(item, tuple):
                    report.errors.append(f"line {item[0]}: {item[1]}")
                    continue
                ref = item.case_ref
                if ref in seen:
                    report.errors.append(
                        f"line {item.line}: case {ref} appears again (first on line {seen[ref]})"
                    )
                    continue
                seen[ref] = item.line
                known = writer.existing.get(ref)
                if known is not None and known[1] == item.digest:
                    report.unchanged += 1
                    continue
                if known is None:
                    report.created += 1
                else:
                    report.updated += 1
                if report.errors or dry_run:
                    continue
                batch.append(item)
                if len(batch) >= chunk_size:
                    report.also["milestones"] += writer.write(batch)
                    batch = []
            if batch and not report.errors and not dry_run:
                report.also["milestones"] += writer.write(batch)
            changed_more = also_write(report) if also_write is not None and not report.errors else False
        if report.errors or dry_run:
            transaction.set_rollback(True)
            return report
        report.written = True
        _audit_import(area, by, report, writer)
        if report.created or report.updated or changed_more:
            transaction.on_commit(lambda: refresh_after_import(area, as_of, report.created + report.updated))
    return report


def _checked(
    lines: Iterable[str | dict[str, Any]] | CasesMadeInChunks, writer: _Writer, workers: int
) -> Iterator[Checked | Shaped | tuple[int, str]]:
    """Each line checked (here) or checked and shaped (in worker processes), or (line number, problem)."""
    if workers:
        yield from shaped_ahead(
            lines if isinstance(lines, CasesMadeInChunks) else read_lines(lines),
            as_of=writer.as_of,
            by_urn=writer.by_urn,
            by_name=writer.by_name,
            workers=workers,
        )
        return
    for line in read_lines(lines):
        checked = check_line(line)
        yield (line.number, checked) if isinstance(checked, str) else checked


def _audit_import(area: LocalArea, by: User | None, report: ImportReport, writer: _Writer) -> None:
    """One row for the whole run, however many cases: counts, and which cases it created or changed."""
    audit(
        actor=by,
        verb=AuditVerb.CASE_IMPORTED,
        local_area=area,
        detail={
            "lines": report.rows,
            "created": report.created,
            "changed": report.updated,
            "unchanged": report.unchanged,
            "milestones": report.also["milestones"],
            "cases_created": writer.created_ids,
            "cases_changed": writer.changed_ids,
        },
    )


# An import of at least this many cases refreshes the tables' statistics before anything reads them.
ANALYZE_AFTER_CASES = 1000
# From this many cases, on PostgreSQL, the first refresh after an import (the summaries: the
# database's counting) runs in a thread with its own connection while the others (the forecast:
# nearly all Python) run here; England's 640,000 children 46 s and 95 s one after the other.
REFRESH_SIDE_BY_SIDE_FROM = 10_000


def refresh_after_import(area: LocalArea, as_of: date, cases: int) -> None:
    """What follows a stored import that changed `cases` cases: statistics, then summaries and forecast."""
    if cases >= ANALYZE_AFTER_CASES:
        with logged_time("statistics of the case tables"):
            analyze(LOADED_MODELS)
    _refresh_kpi_summaries(area, as_of, cases)


def _refresh_kpi_summaries(area: LocalArea, as_of: date, cases: int) -> None:
    """Dashboards read summaries and the forecast, so every import that changed something refreshes them.

    Both belong to apps above casework, so settings name them (`AFTER_CASE_IMPORT`) rather than
    casework importing them. Each reads only the cases and writes only its own tables, so after a
    large import (committed, so another connection sees it) they may run side by side.
    """
    refreshes = [partial(_refresh, path, area, as_of) for path in settings.AFTER_CASE_IMPORT]
    together = (
        cases >= REFRESH_SIDE_BY_SIDE_FROM
        and len(refreshes) > 1
        and connection.vendor == "postgresql"
        and not connection.in_atomic_block
    )
    if together:
        side_by_side(refreshes[0], partial(_one_after_another, refreshes[1:]))
    else:
        _one_after_another(refreshes)


def _one_after_another(refreshes: Sequence[Callable[[], None]]) -> None:
    for refresh in refreshes:
        refresh()


def _refresh(path: str, area: LocalArea, as_of: date) -> None:
    with logged_time(path):
        import_string(path)(area=area, as_of=as_of)


class _Writer:
    """Writes checked cases in bulk: persons, cases, events, milestones, flags."""

    def __init__(
        self,
        area: LocalArea,
        by: User | None,
        as_of: date,
        settings_by_urn: Mapping[str, Organisation] | None,
        caseworker_of: Callable[[int], int | None] | None = None,
    ) -> None:
        self.area = area
        self.caseworker_of = caseworker_of
        self.by = by
        self.as_of = as_of
        self.existing: dict[str, tuple[int, str, int]] = {
            ref: (pk, digest, person_id)
            for ref, pk, digest, person_id in Case.objects.filter(local_area=area).values_list(
                "case_ref", "pk", "content_hash", "person_id"
            )
        }
        self.persons: dict[str, int] = {
            ref: pk
            for ref, pk in Person.objects.filter(local_area=area, ref__isnull=False).values_list("ref", "pk")
            if ref is not None
        }
        organisations = list(Organisation.objects.filter(local_area=area))
        self.by_urn: dict[str, int] = (
            {urn: o.pk for urn, o in settings_by_urn.items()}
            if settings_by_urn is not None
            else {o.urn: o.pk for o in organisations if o.urn}
        )
        self.by_name: dict[str, int] = {o.name.lower(): o.pk for o in organisations}
        self.created_ids: list[int] = []
        self.changed_ids: list[int] = []

    def _persons(self, batch: list[Shaped]) -> dict[int, int]:
        """Create or update each case's person; return line number -> person id."""
        now_creating: dict[str, dict[str, Any]] = {}
        to_create: list[dict[str, Any]] = []
        to_update: dict[int, Person] = {}
        line_person: dict[int, dict[str, Any] | int] = {}
        for item in batch:
            values = dict(item.person)
            ref = values.pop("ref")
            urn = values["setting_urn"]
            values["setting_id"] = self.by_urn.get(urn) if urn else None
            known_case = self.existing.get(item.case_ref)
            person_id = self.persons.get(ref) if ref else (known_case[2] if known_case else None)
            if person_id is not None:
                to_update[person_id] = Person(pk=person_id, local_area=self.area, ref=ref, **values)
                line_person[item.line] = person_id
            elif ref and ref in now_creating:
                now_creating[ref].update(values)
                line_person[item.line] = now_creating[ref]
            else:
                row = {"local_area_id": self.area.pk, "ref": ref, **values}
                to_create.append(row)
                if ref:
                    now_creating[ref] = row
                line_person[item.line] = row
        if to_create:
            ids = insert_new(
                Person, PERSON_NEW_COLUMNS, [[row[c] for c in PERSON_NEW_COLUMNS] for row in to_create]
            )
            for row, pk in zip(to_create, ids, strict=True):
                row["id"] = pk
        if to_update:
            Person.objects.bulk_update(list(to_update.values()), PERSON_COLUMNS)
        for ref, row in now_creating.items():
            self.persons[ref] = row["id"]
        return {line: found if isinstance(found, int) else found["id"] for line, found in line_person.items()}

    def write(self, items: list[Checked | Shaped]) -> int:
        batch = [
            item if isinstance(item, Shaped) else shape(item, self.as_of, self.by_urn, self.by_name)
            for item in items
        ]
        person_ids = self._persons(batch)
        now = timezone.now()
        new_rows: list[list[Any]] = []
        new_at: list[int] = []
        changed: list[Case] = []
        case_ids: list[int] = [0] * len(batch)
        for at, item in enumerate(batch):
            ref = item.case_ref
            values = {
                "person_id": person_ids[item.line],
                "extra": item.extra,
                "content_hash": item.digest,
                "updated_at": now,
                **item.columns,
            }
            known = self.existing.get(ref)
            if known is None:
                values.update(local_area_id=self.area.pk, case_ref=ref, created_at=now)
                new_rows.append([values[c] for c in CASE_NEW_COLUMNS])
                new_at.append(at)
            else:
                changed.append(Case(pk=known[0], local_area=self.area, case_ref=ref, **values))
                case_ids[at] = known[0]
        if changed:
            ids = [case.pk for case in changed]
            CaseEvent.objects.filter(case_id__in=ids).delete()
            Milestone.objects.filter(case_id__in=ids).delete()
            IntegrityFlag.objects.filter(case_id__in=ids).delete()
            Case.objects.bulk_update(changed, CASE_COLUMNS)
        keyed = ("caseworker_id", self.caseworker_of) if self.caseworker_of is not None else None
        created = insert_new(Case, CASE_NEW_COLUMNS, new_rows, keyed=keyed)
        for at, pk in zip(new_at, created, strict=True):
            case_ids[at] = pk
        self.created_ids.extend(created)
        self.changed_ids.extend(case.pk for case in changed)

        by_id = self.by.pk if self.by is not None else None
        area_id = self.area.pk
        if isinstance(items[0], Shaped):  # shaped, and so encoded, in worker processes
            return self._write_encoded(case_ids, batch, by_id, now)
        events: list[tuple[Any, ...]] = []
        milestones: list[tuple[Any, ...]] = []
        flags: list[tuple[Any, ...]] = []
        for case_id, item in zip(case_ids, batch, strict=True):
            events.extend((case_id, *event, by_id, now) for event in item.events)
            milestones.extend((case_id, area_id, *row) for row in item.milestones)
            flags.extend((case_id, area_id, *row) for row in item.flags)
        insert_rows(CaseEvent, EVENT_COLUMNS, events)
        insert_rows(Milestone, ["case_id", "local_area_id", *MILESTONE_COLUMNS], milestones)
        insert_rows(IntegrityFlag, FLAG_COLUMNS, flags)
        return len(milestones)

    def _write_encoded(self, case_ids: list[int], batch: list[Shaped], by_id: int | None, now: Any) -> int:
        """Copy rows a worker encoded, each case's head (its id, who recorded, when) put before them."""
        event_rows, milestone_rows, flag_rows = encoded_rows()
        events: list[bytes] = []
        milestones: list[bytes] = []
        flags: list[bytes] = []
        area_id = self.area.pk
        for case_id, item in zip(case_ids, batch, strict=True):
            head = event_rows.head((case_id, by_id, now))
            events.extend([head + tail for tail in cast("list[bytes]", item.events)])
            head = milestone_rows.head((case_id, area_id))
            milestones.extend([head + tail for tail in cast("list[bytes]", item.milestones)])
            if item.flags:
                head = flag_rows.head((case_id, area_id))
                flags.extend([head + tail for tail in cast("list[bytes]", item.flags)])
        insert_encoded(event_rows, events)
        insert_encoded(milestone_rows, milestones)
        insert_encoded(flag_rows, flags)
        return len(milestones)
