"""When the stored due lists (awards.snapshots) are out of date: two counters, bumped after a change commits.

- "records" goes up when anything the engine reads of a person or a unit changes: people, posts, annual
  ratings (of people and of units), disciplines, matters under review, leave, units and agencies (their
  lineage), the award ledger — and every model of an app that registered a fact source
  (awards.subjects.register_fact_source: achievements' initiatives and their authors). One receiver per
  model (never a receiver for every sender, which would stop Django's fast deletes everywhere).
- "law" goes up when a law table changes (awards, rule sets, rules, criteria, base salaries, settings) or an
  agency sets its own value of a setting; the law version also names the last applied awards migration,
  since the migrations that load the law send no signal.

Writes that send no signal — `bulk_create`, `QuerySet.update`, raw SQL: the importers and generators — call
`mark_records_changed()` (or `mark_law_changed()`) once after their writes. A counter is bumped once per
transaction, after it commits (a rolled-back change bumps nothing), in its own short statement: no writer
holds the counter's row for the length of its transaction.

A snapshot is also out of date the day after it was computed: what is "pending" or "still open" is judged on
the day (awards.due, awards.subjects).
"""

from functools import cache

from django.apps import apps
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F
from django.db.models.signals import post_delete, post_save

RECORDS, LAW = "records", "law"


def versions() -> tuple[str, int]:
    """(the law version, the record version) in force — one query."""
    from .models import DueVersion

    numbers = dict(DueVersion.objects.values_list("name", "number"))
    return f"{numbers.get(LAW, 0)}.{_law_migration()}", numbers.get(RECORDS, 0)


@cache
def _law_migration() -> str:
    """The last applied migration of the awards app (read once per process: migrations need a restart)."""
    applied = MigrationRecorder.Migration.objects.filter(app="awards").order_by("-applied", "-id")
    return applied.values_list("name", flat=True).first() or ""


def mark_records_changed() -> None:
    """The facts of people or units changed (call it after bulk writes, which send no signal)."""
    _after_commit(RECORDS, _bump_records)


def mark_law_changed() -> None:
    """A law table or an agency's setting changed."""
    _after_commit(LAW, _bump_law)


def _after_commit(name: str, bump) -> None:
    """Bump once the transaction commits (at once outside one). Each change registers its callback, and when
    the transaction's callbacks run, the first one bumps and the others see it was done: Django gives the
    connection a new `run_on_commit` list at every commit, so "done" is remembered against that list (and
    its length, for the tests' captured callbacks, which run against the test's one open transaction)."""
    if not transaction.get_connection().in_atomic_block:
        _bump(name)
    else:
        transaction.on_commit(bump, robust=True)


def _once(name: str) -> bool:
    """Whether the counter `name` is still to be bumped for the commit whose callbacks are running."""
    connection = transaction.get_connection()
    batch = connection.run_on_commit
    done = connection.__dict__.setdefault("_due_versions_bumped", {})
    seen = done.get(name)
    if seen is not None and seen[0] is batch and seen[1] == len(batch):
        return False
    done[name] = (batch, len(batch))
    return True


def _bump_records() -> None:
    if _once(RECORDS):
        _bump(RECORDS)


def _bump_law() -> None:
    if _once(LAW):
        _bump(LAW)


def _bump(name: str) -> None:
    from .models import DueVersion

    if not DueVersion.objects.filter(name=name).update(number=F("number") + 1):
        DueVersion.objects.get_or_create(name=name, defaults={"number": 1})


def _records_changed(sender, **kwargs) -> None:
    if not kwargs.get("raw"):
        mark_records_changed()


def _law_changed(sender, **kwargs) -> None:
    if not kwargs.get("raw"):
        mark_law_changed()


RECORD_MODELS = (
    "people.Person",
    "people.Assignment",
    "people.QualityRating",
    "people.UnitQualityRating",
    "people.Discipline",
    "people.Proceeding",
    "people.Leave",
    "organisations.Unit",
    "organisations.Agency",
    "awards.AwardRecord",
)
LAW_MODELS = (
    "awards.Award",
    "awards.RuleSet",
    "awards.AwardRule",
    "awards.Criterion",
    "awards.BaseSalary",
    "awards.Setting",
    "awards.AgencySetting",
)


def connect() -> None:
    """Connect the receivers (AwardsConfig.ready); the models of apps below awards, named here."""
    for label in RECORD_MODELS:
        _watch(apps.get_model(label), _records_changed)
    for label in LAW_MODELS:
        _watch(apps.get_model(label), _law_changed)


def watch_app_of(source) -> None:
    """Every model of the app a fact source comes from changes the records (awards.subjects)."""
    config = apps.get_containing_app_config(source.__module__)
    if config is not None and config.label != "awards":
        for model in config.get_models():
            _watch(model, _records_changed)


def _watch(model, receiver) -> None:
    uid = f"awards.staleness.{model._meta.label}"
    post_save.connect(receiver, sender=model, dispatch_uid=uid)
    post_delete.connect(receiver, sender=model, dispatch_uid=uid)
