"""Background work of the publishing, run by the task worker (`manage.py run_worker`): a published
document's official PDF. Idempotent: run again, it renders the file again and replaces the previous one; a
publication gone or not of a document is left alone."""

from django_tasks import task

from .models import Kind, Publication


@task()
def store_publication_pdf(*, publication_id: int) -> int:
    """Render and keep the PDF of a document's publication; its size in bytes (0: nothing to render)."""
    from .snapshot import store_pdf

    publication = (
        Publication.objects.filter(pk=publication_id, kind=Kind.DOCUMENT).select_related("document").first()
    )
    if publication is None:
        return 0
    store_pdf(publication)
    return publication.pdf.size


def store_missing_pdfs() -> int:
    """Render now the PDF of every document publication that has none yet (the demo loader, which runs no
    worker; after a restore): how many were rendered."""
    from .snapshot import store_pdf

    missing = Publication.objects.filter(kind=Kind.DOCUMENT, pdf="").select_related("document").order_by("pk")
    count = 0
    for publication in missing:
        store_pdf(publication)
        count += 1
    return count
