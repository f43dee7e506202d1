"""council/minutes.py: the biên bản họp and the biên bản kiểm phiếu drafted when the ballot closes — the
attendance, the quorum, the recusal and how it was counted, the posting report, each item's figures and
outcome, the list to the director —, read back from the body and from the PDF; no member named beside a
choice of a secret item; the paper ballot's totals in the count minutes; a second draft updates the first."""

import datetime as dt

import pytest

from accounts.models import Role, RoleGrant
from activity.models import ActivityLog
from council.domain import ballot, meetings
from council.minutes import draft_minutes
from council.models import Item, Meeting
from council.quorum import quorum_of
from documents import access as document_access
from documents.models import Status as DocumentStatus
from documents.rendering import render_pdf
from nominations.models import Comment, Handling, Posting
from people.models import Assignment
from tests.nominations.test_papers import pdf_text, squash


def body_lines(document) -> list[str]:
    """Each block as printed: its label, then its text."""
    return [
        f"{block.get('label', '')} {''.join(r['text'] for r in block['runs'])}".strip()
        for block in document.body
    ]


def items_of(cw) -> list[Item]:
    return list(cw.meeting.items.select_related("proposal__person", "proposal__unit").order_by("position"))


def vote(cw, *, written_for_last=False, closer=None) -> list[Item]:
    """Open, every present member votes for all but item 4 (against) and skips his own proposal; the absent
    member votes in writing; close."""
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    items = items_of(cw)
    for membership, user in cw.members[:-1]:
        choices = {item.pk: "for" for item in items if item.proposal.person_id != membership.person_id}
        choices[items[-1].pk] = "against"
        ballot.cast(actor=user, meeting=cw.meeting, choices=choices)
    written = {item.pk: "for" for item in items}
    written[items[-1].pk] = "for" if written_for_last else "against"
    ballot.record_written(
        actor=cw.secretary, meeting=cw.meeting, membership=cw.members[-1][0], choices=written
    )
    meetings.close_ballot(actor=closer or cw.secretary, meeting=cw.meeting)
    cw.meeting.refresh_from_db()
    return items_of(cw)


def make_secret(cw, item):
    Item.objects.filter(pk=item.pk).update(secret=True)


@pytest.fixture
def posted(cw):
    """The first two proposals were posted on the portal; one comment came in on the first, handled."""
    posting = Posting.objects.create(
        round=cw.round, channel="portal", opens_on=cw.today - dt.timedelta(days=14), working_days=5,
        closes_on=cw.today - dt.timedelta(days=7), citation="Thông tư 07/2026 Điều 19 khoản 4",
    )  # fmt: skip
    first, second = (item.proposal for item in items_of(cw)[:2])
    for proposal in (first, second):
        proposal.posting = posting
        proposal.save(update_fields=["posting"])
    Comment.objects.create(
        posting=posting, proposal=first, author="Một cán bộ", received_on=cw.today - dt.timedelta(days=10),
        text="Đề nghị xem lại thành tích.", handling=Handling.REJECTED, handling_reason="Đã xác minh.",
    )  # fmt: skip
    return posting


def test_minutes_after_close_hold_attendance_quorum_recusal_votes_and_list(cw, posted):
    items = vote(cw)
    meeting = cw.meeting
    assert meeting.minutes is not None and meeting.minutes.status == DocumentStatus.DRAFT
    assert meeting.minutes.kind.code == "bien_ban"
    text = "\n".join(body_lines(meeting.minutes))
    names = [membership.person.full_name for membership, _user in cw.members]
    # attendance: 9 on the date, 8 present in role order, 1 in writing, the chair and the secretary
    assert "Tổng số thành viên Hội đồng tại ngày họp: 9 người." in text
    assert "Thành viên có mặt: 8/9 người:" in text
    assert text.index(f"{names[0]}, Chủ tịch Hội đồng") < text.index(f"{names[1]}, Phó Chủ tịch Thường trực")
    assert "Thành viên vắng mặt, có phiếu biểu quyết bằng văn bản: 1 người:" in text
    assert f"Ông {names[8]}, Ủy viên." in text
    assert f"Chủ trì: Ông {names[0]}, Chủ tịch Hội đồng." in text
    assert f"Thư ký: Ông {names[2]}, Ủy viên kiêm Thư ký." in text
    # the quorum, the recusal of member 4 on his own proposal and how recusals were counted
    needed = quorum_of(meeting).needed  # the agency's 80 % for award sessions over the 2/3 quorum
    assert f"Phiên họp có mặt 8/9 thành viên, đủ điều kiện theo quy chế (tối thiểu {needed}, bằng" in text
    assert (
        f"Ông {names[3]} (Ủy viên) không tham gia biểu quyết đề nghị “Lao động tiên tiến” cho Ông {names[3]}"
        in text
    )
    assert "lý do: là người được đề nghị khen thưởng" in text
    assert (
        "tỷ lệ tính trên tổng số thành viên Hội đồng; thành viên không biểu quyết được tính là không" in text
    )
    assert "Nghị định số 98/2023/NĐ-CP, Điều 30 khoản 7" in text
    # the posting report
    assert "công khai trên Cổng thông tin điện tử của cơ quan" in text
    assert "nhận được 1 ý kiến" in text and "không tiếp thu 1" in text
    # per item: the figures, the requirement, the outcome
    own = next(i for i in items if i.proposal.person_id == cw.members[3][0].person_id)
    assert (own.votes_for, own.not_voting, own.passes) == (8, 1, True)
    assert f"đồng ý 8, không đồng ý 0, không biểu quyết 1; cần tối thiểu {own.required}/9" in text
    failed = items[-1]
    assert (failed.votes_for, failed.votes_against, failed.passes) == (0, 9, False)
    assert "đồng ý 0, không đồng ý 9, không biểu quyết 0" in text and "Kết luận: KHÔNG ĐẠT." in text
    assert text.count("Kết luận: ĐẠT.") == 3
    # the list to the director: the three passed, within the agency's authority; not the failed one
    assert "Đề nghị Giám đốc Sở Thử nghiệm khen thưởng (thuộc thẩm quyền của Giám đốc Sở Thử nghiệm):" in text
    conclusion = text[text.index("ĐỀ NGHỊ KHEN THƯỞNG") :]
    assert failed.proposal.subject_name not in conclusion
    assert all(i.proposal.subject_name in conclusion for i in items[:3])
    # the closing and the two signatures: the secretary in the body, the chair in the block
    assert "Phiên họp kết thúc lúc" in text and "THƯ KÝ HỘI ĐỒNG" in text
    assert (meeting.minutes.signer_position, meeting.minutes.signer_name) == ("CHỦ TỊCH HỘI ĐỒNG", names[0])
    # open items: the names per choice are the members' public act
    assert f"Không đồng ý: {names[0]}" in text


def test_the_minutes_pdf_reads_back_with_the_figures(cw):
    vote(cw)
    text = pdf_text(render_pdf(cw.meeting.minutes))
    for words in (
        "BIÊN BẢN",
        "Thành viên có mặt: 8/9 người",
        "Phiên họp có mặt 8/9 thành viên, đủ điều kiện theo quy chế",
        "đồng ý 8, không đồng ý 0, không biểu quyết 1",
        "đồng ý 0, không đồng ý 9, không biểu quyết 0",
        "Kết luận: KHÔNG ĐẠT",
        "Đề nghị Giám đốc Sở Thử nghiệm khen thưởng",
        "CHỦ TỊCH HỘI ĐỒNG",
    ):
        assert squash(words) in text, words


def test_no_member_is_named_beside_a_choice_of_a_secret_item(cw):
    secret = items_of(cw)[1]
    make_secret(cw, secret)
    vote(cw)
    minutes = cw.meeting.minutes
    lines = body_lines(minutes)
    at = next(n for n, line in enumerate(lines) if secret.proposal.subject_name in line and "kín" in line)
    names = [membership.person.full_name for membership, _user in cw.members]
    assert not any(name in lines[at] for name in names)
    assert not lines[at + 1].startswith("+")  # no named choices after a secret item
    assert lines[at - 1].startswith("+")  # the open item before it has them
    # a secret item on the agenda: the count minutes, totals only
    count = cw.meeting.count_minutes
    assert count is not None and count.kind.code == "bien_ban"
    count_text = "\n".join(body_lines(count))
    assert "Số phiếu phát ra: 9 (thành viên có mặt hoặc có người dự thay: 8;" in count_text
    assert "kiểm tra phiếu của mình đã được kiểm bằng mã biên nhận trên trang của phiên họp" in count_text
    assert "Kiểm phiếu điện tử do thư ký Hội đồng thực hiện:" in count_text
    for line in body_lines(count):
        if "Đồng ý:" in line or "Không đồng ý:" in line:
            raise AssertionError(line)
    # the log says the minutes were drafted, never a choice
    logged = ActivityLog.objects.get(action="council.minutes.drafted")
    assert logged.data["after"] == {"minutes": minutes.pk, "count_minutes": count.pk}


def test_all_secret_meeting_gives_totals_only(cw):
    Item.objects.filter(meeting=cw.meeting).update(secret=True)
    vote(cw)
    minutes_text = "\n".join(body_lines(cw.meeting.minutes))
    assert "Đồng ý:" not in minutes_text and "Không đồng ý:" not in minutes_text
    assert not any(line.startswith("+") for line in body_lines(cw.meeting.minutes))
    assert minutes_text.count("hình thức: bỏ phiếu kín") == 4
    assert "Số phiếu phát ra: 9" in "\n".join(body_lines(cw.meeting.count_minutes))


def test_an_open_electronic_meeting_has_no_count_minutes(cw):
    vote(cw)
    assert cw.meeting.minutes is not None and cw.meeting.count_minutes is None


def test_paper_ballot_count_minutes_show_the_paper_totals(cw):
    Meeting.objects.filter(pk=cw.meeting.pk).update(ballot_mode="paper")
    cw.meeting.refresh_from_db()
    cw.meeting.counters.set([cw.members[4][0], cw.members[5][0]])
    meetings.open_ballot(actor=cw.secretary, meeting=cw.meeting)
    items = items_of(cw)
    own = cw.members[3][0].person_id
    for item in items[:-1]:
        ballots = 8 if item.proposal.person_id == own else 9
        ballot.enter_paper_count(actor=cw.secretary, item=item, ballots=ballots, votes_for=8,
                                 votes_against=ballots - 8)  # fmt: skip
    ballot.enter_paper_count(
        actor=cw.secretary, item=items[-1], ballots=9, votes_for=2, votes_against=6, invalid=1
    )
    meetings.close_ballot(actor=cw.secretary, meeting=cw.meeting)
    cw.meeting.refresh_from_db()
    count = cw.meeting.count_minutes
    text = "\n".join(body_lines(count))
    names = [membership.person.full_name for membership, _user in cw.members]
    assert f"Ông {names[4]}, Ủy viên;" in text and f"Ông {names[5]}, Ủy viên." in text
    assert "kiểm phiếu biểu quyết (phiếu giấy)" in text
    assert "số phiếu thu vào 9, hợp lệ 8, không hợp lệ 1; đồng ý 2, không đồng ý 6" in text
    assert "số phiếu thu vào 8, hợp lệ 8, không hợp lệ 0; đồng ý 8, không đồng ý 0" in text
    assert "mã biên nhận" not in text
    assert (count.signer_position, count.signer_name) == ("TRƯỞNG BAN KIỂM PHIẾU", names[4])
    pdf = pdf_text(render_pdf(count))
    assert squash("số phiếu thu vào 9, hợp lệ 8, không hợp lệ 1; đồng ý 2, không đồng ý 6") in pdf
    minutes = "\n".join(body_lines(cw.meeting.minutes))
    assert "đồng ý 2, không đồng ý 6, không biểu quyết 1" in minutes


def test_a_second_draft_updates_the_drafts(cw):
    vote(cw)
    Item.objects.filter(meeting=cw.meeting).update(outcome_note="")
    Meeting.objects.filter(pk=cw.meeting.pk).update(chair_note="Hội đồng thống nhất kết quả.")
    cw.meeting.refresh_from_db()
    first = cw.meeting.minutes
    minutes, count = draft_minutes(actor=cw.secretary, meeting=cw.meeting)
    assert minutes.pk == first.pk and count is None
    minutes.refresh_from_db()
    assert "Ý kiến của Chủ tịch Hội đồng: Hội đồng thống nhất kết quả." in body_lines(minutes)
    assert ActivityLog.objects.filter(action="council.minutes.drafted").count() == 2


def test_a_chair_who_signs_for_the_agency_is_the_chosen_signer(cw):
    chair, user = cw.members[0]
    Assignment.objects.filter(person=chair.person).update(position="Giám đốc", is_primary=True)
    RoleGrant.objects.create(user=user, role=Role.AGENCY_LEADER, agency=cw.world.agency)
    vote(cw)
    minutes = cw.meeting.minutes
    assert minutes.signer_id == chair.person_id
    assert (minutes.signer_position, minutes.signer_name) == ("GIÁM ĐỐC", chair.person.full_name)
    assert "THƯ KÝ HỘI ĐỒNG" in body_lines(minutes)  # the secretary signs in the body's closing


def test_a_council_secretary_outside_the_secretariat_gets_drafts_he_can_edit(cw):
    member_secretary = cw.members[2][1]  # ủy viên kiêm thư ký: manages the council, drafts no documents
    assert not document_access.can_draft(member_secretary, cw.world.agency)
    vote(cw, closer=member_secretary)
    minutes = cw.meeting.minutes
    assert minutes.created_by_id == member_secretary.pk
    assert document_access.can_edit(member_secretary, minutes)
