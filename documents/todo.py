"""The documents' part of the home page's to-do list (lib/todo.py): the signing step's waiting work, each
counted with one query and linked to the document list filtered to exactly those documents."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from lib.todo import Task, task_source
from organisations.scope import scope_for

from .access import RETURNED, TO_ISSUE, TO_SIGN, issues_documents, waiting_documents
from .signing import SIGNING_ROLES


def _task(request, task: str, label) -> Task:
    url = f"{reverse('documents:list')}?{urlencode({'task': task})}"
    return Task(label=label, count=waiting_documents(request.user, task).count(), url=url)


@task_source(order=10)
def signing(request):
    """Drafts waiting for the signer's signature, signed ones for their number, drafts returned. Each is
    counted only for those who can have such work (no query for the others)."""
    user, scope = request.user, scope_for(request.user)
    if scope.person_id and scope.roles.intersection(SIGNING_ROLES):
        yield _task(request, TO_SIGN, _("Documents waiting for your signature"))
    if issues_documents(user):
        yield _task(request, TO_ISSUE, _("Documents signed, waiting for their number and issuance"))
    if scope.installation_admin or scope.manage_agencies or scope.read_units:  # those who draft
        yield _task(request, RETURNED, _("Documents returned to you"))
