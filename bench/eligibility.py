"""Benchmark: judge N synthetic people (default 50 000) for every individual award of one year, and N/10
collectives (their own ratings and member figures) for every collective award, in memory.

Usage: .venv/bin/python bench/eligibility.py [N] [YEAR]   (needs a migrated database: the law is read from it)
Prints the time to build the facts, to load the law, and to evaluate — figures, not a pass/fail test — and the
"screening" line: the CPU time (time.process_time) of judging everyone for every candidate award, individual
and collective, as a province's who-is-due does (issue 12: under 5 s for 50 000 people), the verdicts kept
as its lists keep them. The explanations are formatted only when read: the last line says what reading those
of a thousand people costs (a page, an export).
"""

import datetime as dt
import gc
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from awards.eligibility import Engine  # noqa: E402
from awards.facts import RATINGS, Discipline, Facts, Initiative, Members, Title  # noqa: E402


def synthetic(rng: random.Random, year: int) -> Facts:
    ratings = {y: rng.choices(RATINGS, weights=(2, 8, 60, 30))[0] for y in range(year - 5, year + 1)}
    titles = [Title("chien-si-thi-dua-co-so", y) for y in range(year - 3, year) if rng.random() < 0.2]
    titles += [Title("lao-dong-tien-tien", y) for y in range(year - 3, year) if rng.random() < 0.8]
    initiatives = [
        Initiative(year, rng.choice(("co-so", "co-so", "tinh"))) for _ in range(rng.random() < 0.2)
    ]
    discipline = []
    if rng.random() < 0.03:
        start = dt.date(year - rng.randint(0, 2), rng.randint(1, 12), 1)
        discipline.append(Discipline("khien-trach", start, start + dt.timedelta(days=180)))
    return Facts(
        kind="individual",
        ratings=ratings,
        titles=titles,
        initiatives=initiatives,
        discipline=discipline,
        hired_on=dt.date(rng.randint(1995, year), rng.randint(1, 12), 1),
        gender=rng.choice(("nam", "nu")),
        pending_review=rng.random() < 0.01,
    )


def synthetic_unit(rng: random.Random, year: int) -> Facts:
    """A collective of 5–30 members with its own ratings of six years (as people.UnitQualityRating)."""
    ratings = {y: rng.choices(RATINGS, weights=(1, 6, 58, 35))[0] for y in range(year - 5, year + 1)}
    total = rng.randint(5, 30)
    ldtt = rng.randint(total // 2, total)
    members = Members(
        total=total,
        completed_tasks=max(ldtt, total - rng.choice((0, 0, 0, 1))),
        lao_dong_tien_tien=ldtt,
        chien_si_thi_dua_co_so=rng.randint(0, max(1, ldtt // 5)),
        disciplined_canh_cao_or_above=int(rng.random() < 0.05),
        women=rng.randint(0, total),
        rated=total,
    )
    return Facts(kind="collective", ratings=ratings, members=members)


class Collector:
    """The time the garbage collector spends while it is on (gc.callbacks): the verdicts are kept, as the
    who-is-due lists keep them, so the collections walk a heap that grows with the province."""

    def __init__(self):
        self.seconds, self._started = 0.0, 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.process_time()
        else:
            self.seconds += time.process_time() - self._started

    def __enter__(self):
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self)


def judge(engine: Engine, subjects: list, awards: list, year: int) -> tuple:
    """The verdicts counted by award and outcome; the wall-clock, CPU and garbage-collection seconds; the
    verdicts (kept, as the who-is-due lists keep them)."""
    started, cpu, verdicts, judged = time.perf_counter(), time.process_time(), Counter(), []
    with Collector() as collector:
        for facts in subjects:
            many = engine.evaluate_many(facts, awards, year)
            judged.append(many)
            for award, verdict in many.items():
                verdicts[award, verdict.verdict] += 1
    return verdicts, time.perf_counter() - started, time.process_time() - cpu, collector.seconds, judged


def report(kind: str, count: int, awards: list, verdicts: Counter, seconds: float, cpu: float, gc_cpu: float):
    evaluations = count * len(awards)
    print(
        f"{kind}: evaluated {evaluations:,} verdicts in {seconds:.2f} s ({evaluations / seconds:,.0f}/s), "
        f"{cpu:.2f} s of CPU (garbage collection {gc_cpu:.2f} s)"
    )
    for award in awards:
        print(
            f"  {award:32} "
            + ", ".join(f"{v} {verdicts[award, v]:,}" for v in ("eligible", "not_eligible", "deferred"))
        )


def main(count: int, year: int) -> None:
    rng = random.Random(2026)
    started, cpu = time.perf_counter(), time.process_time()
    people = [synthetic(rng, year) for _ in range(count)]
    units = [synthetic_unit(rng, year) for _ in range(count // 10)]
    built, built_cpu = time.perf_counter(), time.process_time()
    engine = Engine()
    loaded = time.perf_counter()
    individual = [a.code for a in engine.awards.values() if a.subject == "individual"]
    collective = [a.code for a in engine.awards.values() if a.subject == "collective"]
    rule_set = engine.rule_set_for(year).code
    print(
        f"{count:,} people × {len(individual)} individual awards, {len(units):,} collectives × "
        f"{len(collective)} collective awards, year {year} (rule set {rule_set})"
    )
    print(
        f"facts built in memory: {built - started:.2f} s ({built_cpu - cpu:.2f} s of CPU); "
        f"law loaded: {(loaded - built) * 1000:.0f} ms"
    )
    *people_figures, people_verdicts = judge(engine, people, individual, year)
    report("people", count, individual, *people_figures)
    *unit_figures, _unit_verdicts = judge(engine, units, collective, year)
    report("collectives", len(units), collective, *unit_figures)
    evaluations = count * len(individual) + len(units) * len(collective)
    screening, collecting = people_figures[2] + unit_figures[2], people_figures[3] + unit_figures[3]
    print(
        f"screening: {evaluations:,} verdicts in {screening:.2f} s of CPU "
        f"({evaluations / screening:,.0f}/s), garbage collection {collecting:.2f} s of it"
    )
    gc.collect()
    started, shown = time.process_time(), people_verdicts[:1000]
    characters = sum(len(check.message) for many in shown for v in many.values() for check in v.checks)
    print(
        f"every explanation of {len(shown):,} people read afterwards: {characters:,} characters in "
        f"{(time.process_time() - started) * 1000:.0f} ms of CPU"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000, int(sys.argv[2]) if len(sys.argv) > 2 else 2025)
