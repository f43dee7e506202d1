"""Withdrawing and publishing again go through the publications' gate: logged, refused from the wrong
state, refused to those who may not publish (before anything is validated)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import ActivityLog
from publishing import domain
from publishing.models import Status
from publishing.workflow import PUBLICATIONS


def log_rows(publication):
    return list(
        ActivityLog.objects.filter(target_id=str(publication.pk), target_type__model="publication")
        .order_by("id")
        .values_list("action", "data")
    )


@pytest.fixture
def article(world):
    article = domain.create_article(
        actor=world.editor,
        agency=world.agency,
        title="Tin cũ",
        summary="Tóm tắt",
        body="Nội dung",
        author="A",
    )
    return domain.publish_article(actor=world.editor, article=article)


def test_withdraw_with_a_reason_and_publish_again(world, article):
    domain.withdraw(actor=world.editor, publication=article, reason="  Đăng nhầm  bản nháp ")
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN
    assert article.withdrawal_reason == "Đăng nhầm bản nháp" and article.withdrawn_by == world.editor
    assert article.withdrawn_at is not None
    source = article.article
    source.title = "Tin đã sửa"
    source.save()
    domain.republish(actor=world.secretariat, publication=article)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.title == "Tin đã sửa"  # a fresh snapshot
    assert article.slug == "tin-cu"  # its address stays
    assert (article.withdrawn_at, article.withdrawal_reason) == (None, "")
    rows = log_rows(article)
    assert [action for action, _data in rows] == [
        "publishing.publication.published",
        "publishing.publication.withdrawn",
        "publishing.publication.republished",
    ]
    assert rows[1][1]["after"] == {"status": "withdrawn", "withdrawal_reason": "Đăng nhầm bản nháp"}


def test_withdrawing_twice_is_refused(world, article, english):
    domain.withdraw(actor=world.editor, publication=article, reason="Hết hiệu lực")
    with pytest.raises(ValidationError) as refused:
        domain.withdraw(actor=world.editor, publication=article, reason="Lần nữa")
    assert refused.value.code == "transition"
    assert "cannot be withdrawn from the portal" in refused.value.messages[0]
    domain.republish(actor=world.editor, publication=article)
    with pytest.raises(ValidationError) as refused:
        domain.republish(actor=world.editor, publication=article)
    assert refused.value.code == "transition"
    assert len(log_rows(article)) == 3


def test_a_staff_member_may_not_withdraw_nor_republish(world, article):
    with pytest.raises(PermissionDenied):
        domain.withdraw(actor=world.staff, publication=article, reason="")  # refused before the reason
    domain.withdraw(actor=world.editor, publication=article, reason="Hết hiệu lực")
    with pytest.raises(PermissionDenied):
        domain.republish(actor=world.head, publication=article)
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN


def test_a_reason_is_required(world, article, english):
    with pytest.raises(ValidationError) as refused:
        domain.withdraw(actor=world.editor, publication=article, reason="   ")
    assert refused.value.message_dict == {"reason": ["Say why it is withdrawn."]}
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_the_table():
    assert [(move.action, move.sources, move.target) for move in PUBLICATIONS.moves] == [
        ("withdraw", ("published",), "withdrawn"),
        ("republish", ("withdrawn",), "published"),
    ]
