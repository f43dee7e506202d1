"""documents.todo: the signing step's waiting work on the home page, counted and linked to exactly those."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from documents import domain
from documents.todo import signing
from tests.documents.test_domain import officer_draft


def tasks(user) -> list[tuple[str, int, str]]:
    request = RequestFactory().get("/")
    request.user = user
    return [(str(task.label), task.count, task.url) for task in signing(request)]


def listed(client, user, url) -> list[str]:
    client.force_login(user)
    return [document.subject for document in client.get(url).context["page"]]


@pytest.fixture
def waiting(world, signers):
    """Two drafts with the director, one he signed off, one he returned; one the deputy is to sign."""
    drafts = [officer_draft(world, signers.director, subject=f"Dự thảo số {n}") for n in range(4)]
    for_deputy = officer_draft(world, signers.deputy, "KT.", subject="Dự thảo của Phó Giám đốc")
    for document in (*drafts, for_deputy):
        domain.submit_for_signature(actor=world.officer, document=document)
    domain.approve_document(actor=world.leader, document=drafts[2])
    domain.return_document(actor=world.leader, document=drafts[3], reason="Sửa trích yếu.")
    return drafts


def test_the_signer_sees_what_waits_for_his_signature(client, world, waiting):
    url = reverse("documents:list") + "?task=to_sign"
    assert tasks(world.leader) == [("Văn bản chờ ký duyệt", 2, url)]  # he drafts nothing: nothing returned
    assert sorted(listed(client, world.leader, url)) == ["Dự thảo số 0", "Dự thảo số 1"]


def test_the_clerk_and_the_secretariat_see_what_waits_for_a_number(client, world, waiting):
    url = reverse("documents:list") + "?task=to_issue"
    for user in (world.clerk, world.secretariat):
        found = {label: (count, link) for label, count, link in tasks(user)}
        assert found["Văn bản đã ký, chờ cho số và ban hành"] == (1, url)
        assert listed(client, user, url) == ["Dự thảo số 2"]
    assert "Văn bản đã ký, chờ cho số và ban hành" not in {label for label, *_ in tasks(world.officer)}


def test_the_drafter_sees_what_was_returned_to_her(client, world, waiting):
    url = reverse("documents:list") + "?task=returned"
    assert ("Văn bản bị trả lại", 1, url) in tasks(world.officer)
    assert listed(client, world.officer, url) == ["Dự thảo số 3"]
    assert listed(client, world.head, url) == []  # the unit head sees the draft, but it is not his


def test_one_count_query_per_task(world, waiting, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = world.secretariat
    world.secretariat.scope  # noqa: B018 — the scope is computed once per request, before the list
    with django_assert_num_queries(2):  # waiting for a number; returned to her (she signs nothing)
        found = list(signing(request))
    assert [task.count for task in found] == [1, 0]


def test_no_query_for_who_has_no_such_work(world, waiting, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = world.staff
    world.staff.scope  # noqa: B018
    with django_assert_num_queries(0):
        assert list(signing(request)) == []


def test_the_filtered_list_does_not_grow_with_rows(client, world, signers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.leader)
    url = reverse("documents:list") + "?task=to_sign"
    client.get(url)  # warm: the session and the account's scope, kept in the cache
    counted = []
    for rows in (1, 2):
        for n in range(rows):
            document = officer_draft(world, signers.director, subject=f"Dự thảo {rows}-{n}")
            domain.submit_for_signature(actor=world.officer, document=document)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counted.append((len(response.context["page"].object_list), len(queries)))
    assert [shown for shown, _ in counted] == [1, 3]
    assert counted[0][1] == counted[1][1]
