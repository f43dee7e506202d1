"""A task for tests/notifications/test_worker.py, run by real worker processes: it says it has started, waits
until the test releases it, then records which worker completed it, on which attempt."""

import time
from pathlib import Path

from django_tasks import task


@task(takes_context=True)
def wait_for_release(context, *, folder: str) -> str:
    folder = Path(folder)
    worker = context.task_result.worker_ids[-1]
    (folder / f"started-{worker}").touch()
    while not (folder / "release").exists():
        time.sleep(0.05)
    with open(folder / "completed", "a", encoding="utf-8") as completed:
        completed.write(f"{worker} {context.attempt}\n")
    return worker
