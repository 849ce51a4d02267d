from __future__ import annotations

import sys
import time
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sendtrack.accounts.models import LocalArea
from sendtrack.core.timing import show_step_times

if TYPE_CHECKING:
    from tqdm import tqdm

# The backtest derives every case it reads on each of eight dates and holds them all (about 23 KB a
# case): an area larger than this is backtested on every n-th case, about this many. England's
# 640,000 children would need 14 GiB and most of the load's time for a verdict a sample gives as well.
BACKTEST_CASES = 20_000


class Command(BaseCommand):
    help = "Create a demo local area: organisations, users for every role, cases and an improvement plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", default="Northbridge", help="The demo local area's name.")
        parser.add_argument("--code", default="999", help="Its DfE local authority code.")
        parser.add_argument("--children", type=int, default=3000, help="How many children to generate.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed gives the same area."
        )
        parser.add_argument(
            "--as-of", default=None, help="The date the demo is as of (YYYY-MM-DD); default today."
        )
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any local area exists.")
        parser.add_argument(
            "--no-improvement", action="store_true", help="Leave out the inspection and plan."
        )
        parser.add_argument(
            "--no-backtest", action="store_true", help="Do not check the forecast against the demo's past."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from sendtrack.demo.load import load_demo_area

        if int(options["verbosity"]) >= 2:
            show_step_times()
        if options["if_empty"] and LocalArea.objects.exists():
            self.stdout.write("The database already holds a local area; demo data not loaded.")
            return
        try:
            as_of = date.fromisoformat(str(options["as_of"])) if options["as_of"] else timezone.localdate()
        except ValueError:
            raise CommandError("Enter --as-of as a date in the form YYYY-MM-DD") from None
        children = int(options["children"])
        if children < 2:
            raise CommandError("Enter --children as a whole number of 2 or more")
        started = time.monotonic()
        bar = self._progress_bar(children)
        try:
            report = load_demo_area(
                area_name=str(options["area"]),
                area_code=str(options["code"]),
                children=children,
                seed=int(options["seed"]),
                as_of=as_of,
                progress=None if bar is None else lambda read: bar.update(read - bar.n),
                with_improvement=not options["no_improvement"],
                backtest=None if options["no_backtest"] else partial(self._backtest, as_of=as_of),
            )
        finally:
            if bar is not None:
                bar.close()
        if report.errors:
            for line in report.errors[:10]:
                self.stderr.write(line)
            raise CommandError(f"The demo cases did not import: {len(report.errors)} problems")
        self.stdout.write(
            f"Created the demo local area {report.area.name} as of {as_of:%d %B %Y} in "
            f"{time.monotonic() - started:.0f} seconds: {report.organisations} organisations "
            f"({report.settings} settings), {report.cases} cases, {report.milestones} milestones, "
            f"{report.family_accounts} family accounts linked, {report.ehc_plans} structured EHC plans, "
            f"{report.documents} documents."
        )
        if report.improvement:
            parts = ", ".join(f"{count} {name}" for name, count in report.improvement.items())
            self.stdout.write(f"Improvement: {parts}.")
        if report.backtest:
            self.stdout.write(report.backtest)
        if int(options["verbosity"]) >= 2:
            for step, seconds in report.seconds.items():
                self.stdout.write(f"  {step}: {seconds:.1f} s ({report.cpu[step]:.1f} s CPU)")

    def _backtest(self, area: LocalArea, cases: int, *, as_of: date) -> str:
        """A quarterly backtest of the demo's past, so the forecast pages have a verdict to go by."""
        from sendtrack.forecast.services import run_backtest
        from sendtrack.statutory.dates import months_before

        stored = run_backtest(
            area=area,
            first=months_before(as_of, 20),
            last=months_before(as_of, 8),
            step="quarter",
            truth_date=as_of,
            every=-(-cases // BACKTEST_CASES),
        )
        verdict = "beats" if stored.beats_baselines else "does not beat"
        return f"Forecast backtest: the forecast {verdict} both baselines for the final plan."

    def _progress_bar(self, children: int) -> tqdm | None:
        """The cases read so far, on a terminal; it stays up while the rest of the area is loaded."""
        if not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        return tqdm(total=children, unit=" children", desc="Importing", file=sys.stderr)
