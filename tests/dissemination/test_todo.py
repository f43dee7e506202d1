"""The staff member's documents in the to-do list (dissemination/todo.py)."""

import datetime as dt

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from dissemination import domain
from dissemination.todo import documents_to_confirm

from .conftest import issued_document

TODAY = timezone.localdate()


def tasks(user):
    request = RequestFactory().get("/")
    request.user = user
    return {task.label: task for task in documents_to_confirm(request)}


def send(world, number, *, due, implement=False):
    return domain.disseminate(
        actor=world.secretariat,
        document=issued_document(world.agency, number=number),
        people=[world.team_person],
        due_date=due,
        requires_implementation=implement,
    )


def test_documents_to_read_to_implement_and_due_this_week(heads, english):
    soon = send(heads, 1, due=TODAY + dt.timedelta(days=3), implement=True)
    send(heads, 2, due=TODAY + dt.timedelta(days=30))
    domain.confirm_read(actor=heads.huong, receipt=soon.receipts.get())

    found = tasks(heads.huong)

    to_read, to_implement, this_week = (
        found["Documents to read"],
        found["Documents to implement"],
        found["Documents due this week"],
    )
    assert (to_read.count, to_read.due, to_read.urgent) == (1, TODAY + dt.timedelta(days=30), False)
    assert (to_implement.count, to_implement.due) == (1, TODAY + dt.timedelta(days=3))
    assert (this_week.count, this_week.due) == (1, TODAY + dt.timedelta(days=3))
    assert to_read.url == reverse("dissemination:mine") + "?show=to-read"


def test_an_overdue_document_is_urgent(heads, english):
    dissemination = send(heads, 1, due=TODAY)
    dissemination.__class__.objects.filter(pk=dissemination.pk).update(due_date=TODAY - dt.timedelta(days=2))

    task = tasks(heads.huong)["Documents to read"]

    assert (task.count, task.urgent) == (1, True)


def test_each_task_is_one_query(heads, django_assert_num_queries):
    send(heads, 1, due=TODAY + dt.timedelta(days=3))
    tasks(heads.huong)  # the account's scope

    with django_assert_num_queries(3):
        found = tasks(heads.huong)

    assert sorted(task.count for task in found.values()) == [0, 1, 1]


def test_someone_without_a_person_has_no_documents(heads, django_assert_num_queries):
    send(heads, 1, due=TODAY + dt.timedelta(days=3))
    tasks(heads.secretariat)

    with django_assert_num_queries(0):
        found = tasks(heads.secretariat)

    assert [task.count for task in found.values()] == [0, 0, 0]
