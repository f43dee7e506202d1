"""The task worker with leases (`manage.py run_worker`): the tasks of a dead worker are run again by another.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so if the worker is killed. Here
each worker holds a lease (a WorkerLease row) that a thread renews every quarter of THIDUA_TASK_LEASE_SECONDS
while the worker lives, even in the middle of a long task. On start and at each renewal, a worker puts back in
the queue the RUNNING tasks whose worker has no live lease (claimed more than a lease ago, so that a worker
just started is not mistaken for a dead one). The attempts of a task are its claims (`worker_ids`): after
THIDUA_TASK_MAX_ATTEMPTS it is marked FAILED with the reason, not retried again. Two workers never recover
the same task: the rows are locked with skip_locked (PostgreSQL) and the change is made only if the task is
still RUNNING since the same claim (any database). A task that is run again must be idempotent (the e-mail
task is: notifications.tasks).
"""

import datetime as dt
import logging
import threading

from django.conf import settings
from django.db import Error, close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import WorkerLease

logger = logging.getLogger("thidua.worker")


class WorkerLost(Exception):
    """The class path recorded on a task given up after its workers died THIDUA_TASK_MAX_ATTEMPTS times."""


def renew_lease(worker_id: str, *, seconds: float) -> None:
    expires_at = timezone.now() + dt.timedelta(seconds=seconds)
    WorkerLease.objects.update_or_create(worker_id=worker_id, defaults={"expires_at": expires_at})


def recover_lost_tasks(*, lease_seconds: float, max_attempts: int) -> int:
    """Put back in the queue (or give up) the RUNNING tasks of workers without a live lease: how many."""
    now = timezone.now()
    alive = set(WorkerLease.objects.filter(expires_at__gte=now).values_list("worker_id", flat=True))
    claimed_before = now - dt.timedelta(seconds=lease_seconds)
    recovered = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(started_at__lt=claimed_before)
        for result in running.select_for_update(skip_locked=True).only("id", "started_at", "worker_ids"):
            if not result.worker_ids or result.worker_ids[-1] not in alive:
                recovered += _requeue(result, now=now, max_attempts=max_attempts)
    WorkerLease.objects.filter(expires_at__lt=now - dt.timedelta(days=1)).delete()
    return recovered


def _requeue(result: DBTaskResult, *, now, max_attempts: int) -> int:
    """READY again, or FAILED after `max_attempts` claims: only if still RUNNING since the same claim."""
    same_claim = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
    )
    attempts = len(result.worker_ids)
    if attempts < max_attempts:
        logger.warning("Task %s: its worker %s died, queued again", result.pk, result.worker_ids[-1:])
        return same_claim.update(status=TaskResultStatus.READY)
    logger.error("Task %s: its worker died %d times, given up", result.pk, attempts)
    reason = f"The worker running the task died ({attempts} attempts: {', '.join(result.worker_ids)})."
    return same_claim.update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
        traceback=reason,
        return_value=None,
    )


class Heartbeat(threading.Thread):
    """Renews the worker's lease and recovers the tasks of dead workers, every quarter of a lease."""

    def __init__(self, worker_id: str, *, lease_seconds: float, max_attempts: int):
        super().__init__(name=f"lease-{worker_id}", daemon=True)
        self.worker_id, self.lease_seconds, self.max_attempts = worker_id, lease_seconds, max_attempts
        self.stopping = threading.Event()

    def beat(self) -> None:
        close_old_connections()  # after a lost connection, a new one
        try:
            renew_lease(self.worker_id, seconds=self.lease_seconds)
            recover_lost_tasks(lease_seconds=self.lease_seconds, max_attempts=self.max_attempts)
        except Error:  # a locked or lost database: the next beat tries again
            logger.exception("Worker %s could not renew its lease", self.worker_id)

    def run(self) -> None:
        try:
            while not self.stopping.wait(max(self.lease_seconds / 4, 0.2)):
                self.beat()
        finally:
            connections.close_all()


class LeasedWorker(Worker):
    """django-tasks-db's worker, holding a lease while it runs (see the module's docstring)."""

    def run(self) -> None:
        heartbeat = Heartbeat(
            self.worker_id,
            lease_seconds=settings.THIDUA_TASK_LEASE_SECONDS,
            max_attempts=settings.THIDUA_TASK_MAX_ATTEMPTS,
        )
        heartbeat.beat()  # the lease first, before any claim; then the tasks of dead workers
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=5)
            WorkerLease.objects.filter(worker_id=self.worker_id).delete()
