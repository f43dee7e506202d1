"""Drafting the director's decision from a meeting's passed list: the quyết định of the documents module with
its legal bases, articles and annexed list priced for the date; grouping; refusals with clear messages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from decisions.domain.drafting import discard_decision, draft_decisions
from decisions.models import Line, Status
from nominations.models import Proposal


def test_one_decision_with_an_article_per_award(dw):
    decision = dw.draft()
    document = decision.document
    assert document.kind.code == "quyet_dinh" and document.issued_through == "decisions"
    assert document.subject == f"Về việc khen thưởng thành tích năm {dw.round.year}"
    assert document.signer_id == dw.signers.director.pk
    lines = list(decision.lines.select_related("award").order_by("position"))
    assert [(line.position, line.article, line.award.code) for line in lines] == [
        (1, 1, "lao-dong-tien-tien"),
        (2, 1, "lao-dong-tien-tien"),
        (3, 2, "chien-si-thi-dua-co-so"),
    ]
    body = document.body_text()
    assert "Điều 1." in [block.get("label") for block in document.body]
    assert "Tặng danh hiệu “Lao động tiên tiến” cho 02 cá nhân" in body
    assert "Tổng số tiền thưởng:" in body and "Bằng chữ:" in body
    bases = [basis.text for basis in document.bases.all()]
    assert any("Luật Thi đua" in text for text in bases)
    assert any("Biên bản họp Hội đồng" in text for text in bases)
    assert [annex["title"] for annex in document.annexes] == [
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN”",
        "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”",
    ]
    assert [row[1] for row in document.annexes[0]["rows"]] == [line.name for line in lines[:2]]
    assert decision.total_amount == sum(line.amount for line in lines) and decision.awards_count == 3


def test_one_decision_per_award(dw):
    made = draft_decisions(
        actor=dw.world.secretariat,
        meeting=dw.meeting,
        proposals=dw.within,
        grouping="per_award",
        signer=dw.signers.director,
    )
    assert [d.lines.count() for d in made] == [2, 1]
    assert made[
        1
    ].document.subject == f"Về việc tặng danh hiệu “chiến sĩ thi đua cơ sở” năm {dw.round.year}" or (
        "Chiến sĩ thi đua cơ sở" in made[1].document.subject
    )


def test_only_the_highest_title_of_a_period_is_paid(dw):
    """Hương's Chiến sĩ thi đua cơ sở is paid in full (no other title of hers in the period)."""
    decision = dw.draft()
    huong = decision.lines.get(person=dw.world.team_person)
    assert huong.paid and huong.amount > 0


def test_a_not_passed_proposal_is_refused(dw):
    not_passed = Proposal.objects.get(round=dw.round, status="not_passed")
    with pytest.raises(ValidationError) as refused:
        draft_decisions(actor=dw.world.secretariat, meeting=dw.meeting, proposals=[*dw.within, not_passed])
    message = refused.value.message_dict["proposals"][0]
    assert "không được Hội đồng thông qua" in message or "was not passed by the council" in message
    assert not Line.objects.exists()


def test_an_award_beyond_the_authority_is_refused(dw):
    with pytest.raises(ValidationError) as refused:
        draft_decisions(actor=dw.world.secretariat, meeting=dw.meeting, proposals=[dw.provincial])
    assert "Chiến sĩ thi đua cấp tỉnh" in refused.value.message_dict["proposals"][0]


def test_a_proposal_on_another_decision_is_refused_until_it_is_discarded(dw):
    first = dw.draft()
    with pytest.raises(ValidationError):
        dw.draft()
    discard_decision(actor=dw.world.secretariat, decision=first)
    first.refresh_from_db()
    assert first.status == Status.DISCARDED
    assert dw.draft().lines.count() == 3


def test_permission_comes_before_validation(dw):
    with pytest.raises(PermissionDenied):
        draft_decisions(actor=dw.world.staff, meeting=dw.meeting, proposals=[])
    assert not Line.objects.exists()
