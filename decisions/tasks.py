"""Background work of the decisions, run by the task worker (`manage.py run_worker`): the ZIP of a forward
package once it is sent (decisions.packages). Idempotent: a task run again (its worker died) builds the file
again and replaces the previous one; a package not sent (or gone) is left alone."""

from django_tasks import task

from .models import ForwardPackage, PackageStatus


@task()
def build_package_archive(*, package_id: int) -> int:
    """Build and store the ZIP of a sent package; its size in bytes (0: gone or not sent)."""
    from .packages import store_archive

    package = ForwardPackage.objects.filter(pk=package_id).exclude(status=PackageStatus.DRAFT).first()
    if package is None:
        return 0
    return store_archive(package).archive.size
