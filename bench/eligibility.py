"""Benchmark: judge N synthetic people (default 50 000) for every individual award of one year, in memory.

Usage: .venv/bin/python bench/eligibility.py [N] [YEAR]   (needs a migrated database: the law is read from it)
Prints the time to build the facts, to load the law, and to evaluate — figures, not a pass/fail test.
"""

import datetime as dt
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
from awards.facts import RATINGS, Discipline, Facts, Initiative, Title  # noqa: E402


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


def main(count: int, year: int) -> None:
    rng = random.Random(2026)
    started = time.perf_counter()
    people = [synthetic(rng, year) for _ in range(count)]
    built = time.perf_counter()
    engine = Engine()
    loaded = time.perf_counter()
    awards = [a.code for a in engine.awards.values() if a.subject == "individual"]
    verdicts = Counter()
    for facts in people:
        for award, verdict in engine.evaluate_many(facts, awards, year).items():
            verdicts[award, verdict.verdict] += 1
    done = time.perf_counter()
    evaluations = count * len(awards)
    rule_set = engine.rule_set_for(year).code
    print(f"{count:,} people × {len(awards)} individual awards, year {year} (rule set {rule_set})")
    print(f"facts built in memory: {built - started:.2f} s; law loaded: {(loaded - built) * 1000:.0f} ms")
    rate = evaluations / (done - loaded)
    print(f"evaluated {evaluations:,} verdicts in {done - loaded:.2f} s ({rate:,.0f}/s)")
    for award in awards:
        print(
            f"  {award:32} "
            + ", ".join(f"{v} {verdicts[award, v]:,}" for v in ("eligible", "not_eligible", "deferred"))
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000, int(sys.argv[2]) if len(sys.argv) > 2 else 2025)
