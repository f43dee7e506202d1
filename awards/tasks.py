"""Background work of the rules engine, run by the task worker (`manage.py run_worker`): the due lists and
their .xlsx files (awards.snapshots). Both are idempotent — a task run again (its worker died) starts its
rows or its file over; a snapshot or a file already ready is left as it is."""

from django_tasks import task

from .models import DueExport, DueSnapshot


@task()
def build_due_snapshot(*, snapshot_id: int) -> int:
    """Compute the due list of a queued snapshot; the number of its rows (0: gone or already ready)."""
    from .snapshots import build_snapshot

    snapshot = DueSnapshot.objects.filter(pk=snapshot_id).select_related("agency").first()
    if snapshot is None or snapshot.status == DueSnapshot.Status.READY:
        return 0
    build_snapshot(snapshot=snapshot)
    return snapshot.entries.count()


@task()
def build_due_export(*, export_id: int) -> int:
    """Write the .xlsx of a due list; the number of its rows (0: gone or already written)."""
    from .snapshots import build_export

    export = DueExport.objects.filter(pk=export_id).select_related("snapshot__agency").first()
    if export is None or export.status == DueSnapshot.Status.READY:
        return 0
    return build_export(export=export).rows
