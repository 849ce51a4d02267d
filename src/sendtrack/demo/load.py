"""Load the demo local area: organisations and people, then cases through the case import.

The cases go through `casework.services.import_cases`, the same path as `sendtrack import-cases`,
streamed from the generator so memory stays flat.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from sendtrack.accounts.models import LocalArea, Membership, Organisation, Role, User
from sendtrack.core.side_by_side import side_by_side
from sendtrack.demo.calibration import load_calibration
from sendtrack.demo.documents import load_demo_documents
from sendtrack.demo.generator import (
    FEATURED_PARENT_CHILD,
    FEATURED_YOUNG_PERSON,
    case_ref,
    generate_cases,
    generate_chunk,
)
from sendtrack.demo.names import adult_given_name
from sendtrack.demo.people import DEMO_PASSWORD, advice_recipients, demo_email, ensure_demo_people

# Structured plans are written, about 0.9 ms of CPU each, for the children of an area up to this size;
# a larger area has them for every n-th case by id, about this many cases (England: every 16th), as
# many plans as a county's pages and checks need rather than 190,000 more rows to write.
PLAN_CASES = 40_000
# From this many children the import's worker processes make the cases, check them and run the
# engine (about 0.35 ms of CPU a child at England) while this process writes what they return;
# below it, starting them costs more. Two, so that on two cores the making is not one process's queue: at
# 40,000 children the rows took 15.3 s with the cases made in a third process for one worker,
# 16.5 s made by one worker, 12.0 s and 11.8 s by two, 12.6 s by three (decision 0025, eighth pass).
IMPORT_WORKERS_FROM = 10_000
IMPORT_WORKERS = 2
# From this many children the improvement plan (nearly all of it the database's counting) is written
# in a second thread while this one runs the forecast backtest (nearly all of it Python), each on
# its own core: England about 39 s and 31 s one after the other. Below it they run in turn, in one
# connection (the tests' transaction is not seen from another).
SIDE_BY_SIDE_FROM = 10_000
# Told how many cases have been read so far, e.g. for a progress bar.
Progress = Callable[[int], None]


@dataclass
class DemoReport:
    area: LocalArea
    organisations: int = 0
    settings: int = 0
    cases: int = 0
    milestones: int = 0
    family_accounts: int = 0
    ehc_plans: int = 0
    documents: int = 0
    improvement: dict[str, int] = field(default_factory=dict)
    backtest: str = ""
    errors: list[str] = field(default_factory=list)
    # Wall seconds of each step, in order, and this process's CPU seconds (the database's not counted).
    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    cpu_mark: float = field(default_factory=time.process_time)

    def timed(self, step: str, started: float) -> float:
        now, cpu = time.monotonic(), time.process_time()
        self.seconds[step] = round(now - started, 1)
        self.cpu[step] = round(cpu - self.cpu_mark, 1)
        self.cpu_mark = cpu
        return now


def load_demo_area(
    *,
    area_name: str,
    area_code: str,
    children: int,
    seed: int,
    as_of: date,
    progress: Progress | None = None,
    with_improvement: bool = True,
    backtest: Callable[[LocalArea, int], str] | None = None,
) -> DemoReport:
    """Load the demo area; then, if given, `backtest(area, cases)`, its verdict kept in the report."""
    from sendtrack.casework.services import import_cases
    from sendtrack.casework.services.import_rows import CasesMadeInChunks

    started, cpu = time.monotonic(), time.process_time()
    area, organisations = ensure_demo_people(area_name=area_name, area_code=area_code, seed=seed)
    report = DemoReport(area=area, organisations=len(organisations), cpu_mark=cpu)
    started = report.timed("people", started)
    report.settings = sum(1 for o in organisations.values() if o.urn)
    terms = {"area_name": area.name, "advice_to": advice_recipients(organisations)}
    # The cases go to the import as the generator makes them: a JSON line each would be written only
    # to be read back. A large area's are made by the import's workers, each the chunk it checks.
    workers = IMPORT_WORKERS if children >= IMPORT_WORKERS_FROM else 0
    cases: Iterable[dict] | CasesMadeInChunks = (
        CasesMadeInChunks(
            partial(generate_chunk, area_code=area_code, seed=seed, as_of=as_of, **terms), children
        )
        if workers
        else generate_cases(area_code, children, seed, as_of, **terms)
    )
    imported = import_cases(
        cases,
        on_progress=progress,
        area=area,
        as_of=as_of,
        build_indexes_after=True,
        workers=workers,
        caseworker_of=in_turn(caseworker_team(area)),
    )
    report.cases, report.milestones, report.errors = (
        imported.created + imported.updated,
        imported.also["milestones"],
        imported.errors,
    )
    started = report.timed("cases, KPI summaries and forecast", started)
    if imported.errors:
        return report
    report.family_accounts = link_family_accounts(area=area, organisations=organisations, seed=seed)
    started = report.timed("family accounts", started)
    report.ehc_plans = load_demo_plans(area=area, seed=seed, as_of=as_of, every=-(-children // PLAN_CASES))
    started = report.timed("structured plans", started)
    report.documents = load_demo_documents(area=area, as_of=as_of)
    started = report.timed("documents", started)
    improvement = (lambda: _improvement(area, organisations, as_of, seed)) if with_improvement else None
    run_backtest = (lambda: backtest(area, report.cases)) if backtest is not None else None
    if improvement is not None and run_backtest is not None and children >= SIDE_BY_SIDE_FROM:
        report.improvement, report.backtest = side_by_side(improvement, run_backtest)
        report.timed("improvement plan and forecast backtest, side by side", started)
        return report
    if improvement is not None:
        report.improvement = improvement()
        started = report.timed("improvement plan", started)
    if run_backtest is not None:
        report.backtest = run_backtest()
        report.timed("forecast backtest", started)
    return report


def load_demo_plans(*, area: LocalArea, seed: int, as_of: date, every: int = 1, chunk: int = 2000) -> int:
    """Structured plans for a share of the children with a final plan, written as the generator words them.

    With `every` above 1, only the cases whose id is a multiple of it are considered (a sample of a
    large area). The events are read in case order and the plans written a chunk of cases at a time,
    so memory stays flat however many children the area has.
    """
    from django.db.models.functions import Mod

    from sendtrack.casework.models import Case, CaseEvent
    from sendtrack.ehcplan.models import PlanVersion

    share = float(load_calibration().assume("ehc_plan_wording")["share_of_plans_written"])
    wanted = ("final_plan_issued", "review_meeting", "advice_requested")
    corrected = CaseEvent.objects.filter(supersedes=OuterRef("pk"))
    rows = CaseEvent.objects.filter(type__in=wanted).filter(~Exists(corrected))
    if every > 1:
        sampled = Case.objects.filter(local_area=area).annotate(slot=Mod("pk", every)).filter(slot=0)
        found = _sample_events(rows, list(sampled.order_by("pk").values_list("pk", flat=True)), chunk)
    else:
        found = _events(rows.filter(case__local_area=area), chunk)
    written = 0
    events: dict[int, list[dict]] = {}
    finals: dict[int, int] = {}
    for pk, case_id, data, kind in found:
        if case_id not in events and len(events) >= chunk:
            versions = _plan_versions(area, seed, as_of, share, events, finals)
            PlanVersion.objects.bulk_create(versions, batch_size=chunk, ignore_conflicts=True)
            written += len(versions)
            events, finals = {}, {}
        events.setdefault(case_id, []).append(data)
        if kind == "final_plan_issued":
            finals.setdefault(case_id, pk)
    versions = _plan_versions(area, seed, as_of, share, events, finals)
    PlanVersion.objects.bulk_create(versions, batch_size=chunk, ignore_conflicts=True)
    return written + len(versions)


def _events(rows: QuerySet, chunk: int) -> Iterator[tuple[int, int, dict, str]]:
    fields = ("pk", "case_id", "data", "type")
    return rows.order_by("case_id", "position").values_list(*fields).iterator(chunk)


def _sample_events(rows: QuerySet, case_ids: list[int], chunk: int) -> Iterator[tuple[int, int, dict, str]]:
    """The sampled cases' events in case order, read a chunk of case ids at a time through the
    events' case index rather than by scanning every event of the area."""
    for first in range(0, len(case_ids), chunk):
        yield from _events(rows.filter(case_id__in=case_ids[first : first + chunk]), chunk)


def _plan_versions(
    area: LocalArea,
    seed: int,
    as_of: date,
    share: float,
    events: dict[int, list[dict]],
    finals: dict[int, int],
) -> list:
    """The plans of the cases given (each case's events and its first final plan's event id)."""
    from sendtrack.casework.models import Case
    from sendtrack.demo.ehc_plans import plan_for
    from sendtrack.ehcplan.checks import stored_findings
    from sendtrack.ehcplan.models import PlanKind, PlanVersion
    from sendtrack.ehcplan.versions import to_json

    versions = []
    people = Case.objects.filter(pk__in=finals).values_list(
        "pk", "person__given_name", "person__primary_need", "person__date_of_birth"
    )
    for case_id, given_name, need, born in people.order_by("pk"):
        rng = random.Random(f"ehc-plan:{area.code}:{seed}:{case_id}")
        if rng.random() >= share:
            continue
        person = {
            "given_name": given_name,
            "primary_need": need,
            "date_of_birth": born.isoformat() if born else None,
        }
        plan = plan_for({"person": person, "events": events[case_id]}, rng, as_of)
        if plan is not None:
            versions.append(
                PlanVersion(
                    case_id=case_id,
                    number=1,
                    kind=PlanKind.FINAL,
                    content=to_json(plan),
                    findings=stored_findings(plan),
                    issued_on=plan.issued_on,
                    event_id=finals[case_id],
                    reason="Loaded with the demo area",
                )
            )
    return versions


def caseworker_team(area: LocalArea) -> list[int]:
    """The ids of the area's caseworkers, by email."""
    return list(
        User.objects.filter(memberships__role=Role.CASEWORKER, memberships__organisation__local_area=area)
        .order_by("email")
        .values_list("pk", flat=True)
    )


def in_turn(team: list[int]) -> Callable[[int], int | None] | None:
    """Each case's caseworker, as a team leader would share them: by case id, in turn.

    Given to the import, which writes it with each new case; setting it afterwards rewrote every
    case and its index entries (England: 640,000 rows, about 17 s).
    """
    if not team:
        return None
    return lambda case_id: team[case_id % len(team)]


@transaction.atomic
def link_family_accounts(*, area: LocalArea, organisations: dict[str, Organisation], seed: int) -> int:
    """A parent linked to the child with a draft plan out for comment, and a young person of 17."""
    import random

    from sendtrack.casework.models import Case, FamilyLink

    rng = random.Random(f"family:{area.code}:{seed}")
    password = make_password(DEMO_PASSWORD)
    linked = 0
    wanted = (
        (FEATURED_PARENT_CHILD, "parent", FamilyLink.Relationship.PARENT),
        (FEATURED_YOUNG_PERSON, "young.person", FamilyLink.Relationship.YOUNG_PERSON),
    )
    for index, local_part, relationship in wanted:
        case = (
            Case.objects.filter(local_area=area, case_ref=case_ref(area.code, index))
            .select_related("person")
            .first()
        )
        if case is None:
            continue
        person = case.person
        if relationship == FamilyLink.Relationship.PARENT:
            full_name = f"{adult_given_name(rng)} {person.family_name}"
        else:
            full_name = f"{person.given_name} {person.family_name}"
        user, created = User.objects.get_or_create(
            email=demo_email(local_part), defaults={"full_name": full_name}
        )
        if created:
            user.password = password
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=organisations["council"], role=Role.PARENT)
        _, made = FamilyLink.objects.get_or_create(person=person, user=user, relationship=relationship)
        linked += made
    return linked


def _improvement(
    area: LocalArea, organisations: dict[str, Organisation], as_of: date, seed: int
) -> dict[str, int]:
    try:
        from sendtrack.demo.improvement_plan import create_improvement
    except ImportError:  # the improvement app is not installed in this build
        return {}
    manager = User.objects.get(email=demo_email("send.manager"))
    summary = create_improvement(
        area=area, organisations=organisations, manager=manager, as_of=as_of, seed=seed
    )
    return vars(summary)
