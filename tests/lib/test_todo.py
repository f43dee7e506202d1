"""lib.todo: sources registered by apps, asked per request, empty tasks left out; the home page shows them."""

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lib import todo
from lib.todo import Task, task_source, tasks_for


@pytest.fixture
def sources(monkeypatch):
    """An empty registry for the test (the apps' own sources are put back afterwards)."""
    monkeypatch.setattr(todo, "_sources", [])
    monkeypatch.setattr(todo, "_discovered", True)
    return todo._sources


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_tasks_come_in_the_sources_order_without_the_empty_ones(world, sources):
    @task_source(order=20)
    def later(request):
        return [Task("Later", 2, "/later/")]

    @task_source(order=10)
    def first(request):
        return [Task("Nothing", 0, "/none/"), Task(f"For {request.user.username}", 3, "/first/")]

    @task_source(order=30)
    def silent(request):
        return None

    tasks = tasks_for(request_of(world.staff))

    assert [(t.label, t.count, t.url) for t in tasks] == [
        ("For nhanvien", 3, "/first/"),
        ("Later", 2, "/later/"),
    ]


def test_an_anonymous_visitor_has_no_tasks(sources):
    from django.contrib.auth.models import AnonymousUser

    @task_source()
    def always(request):  # pragma: no cover - must not be called
        raise AssertionError("asked for an anonymous visitor")

    assert tasks_for(request_of(AnonymousUser())) == []


def test_the_home_page_lists_the_tasks_with_count_link_and_deadline(client, world, sources):
    @task_source()
    def to_read(request):
        return [
            Task(
                "Văn bản cần đọc",
                4,
                "/app/dissemination/?state=unread",
                due=dt.date(2026, 12, 7),
                urgent=True,
            )
        ]

    client.force_login(world.staff)
    page = client.get(reverse("home")).content.decode()

    assert 'data-testid="todo"' in page
    assert 'href="/app/dissemination/?state=unread"' in page and "Văn bản cần đọc" in page
    assert ">4</span>" in page and "07/12/2026" in page and "todo-urgent" in page


def test_the_home_page_says_when_nothing_waits(client, world, sources):
    client.force_login(world.staff)
    page = client.get(reverse("home")).content.decode()

    assert "Không có việc nào đang chờ bạn." in page
