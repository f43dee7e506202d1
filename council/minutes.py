"""The minutes of a meeting (biên bản họp Hội đồng) and of the vote count (biên bản kiểm phiếu), drafted as
documents of the documents module when the ballot closes (law-nominations.md §2 and §3, issue 14 point 8).

The biên bản họp says: when and where (or online, or by written consultation); the council and the decision
of its term; the attendance on the date (present, represented, absent with a written vote, absent), the
guests, who chaired and who kept the minutes; the quorum; who did not vote on what and how the recusals were
counted; the report of the public posting where a proposal was posted; per item, grouped by award, the votes
and the outcome — named choices only for an open item, totals for a secret one —; the chair's note; the list
passed to the agency's head, split between what he awards and what he proposes upwards; the closing time.

The documents module has one signature block (documents.rendering.layout): it carries the chair (as the
chosen signer when the chair may sign for the agency, else printed as "CHỦ TỊCH HỘI ĐỒNG"); the secretary's
signature closes the body.

The biên bản kiểm phiếu (a paper ballot, or a secret item on the agenda): the counting group, the ballots
issued, collected, valid and invalid, and per item the totals and the result. The texts are fixed Vietnamese
of administrative documents (not interface text); the secretary edits the drafts before they go to signature.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils import timezone

from activity.domain import log_action
from documents import access as document_access
from documents import domain as documents
from documents.body import item as entry
from documents.body import paragraph, run
from documents.models import DocumentKind
from documents.signing import signing_options
from nominations.models import Comment, Handling
from organisations.models import AgencyKind

from .models import Attendance, Choice, Format, OpenVote, Presence, Recusal, RecusalReason, RoleKind
from .quorum import fraction, quorum_of, seats

DOTS = ".........."
ARCHIVE = "HĐTĐKT"
PROVINCIAL = "chu-tich-ubnd-tinh"  # awards.authorities: the provincial chairman awards it himself
HONORIFICS = {"male": "Ông", "female": "Bà"}
REASONS = {
    RecusalReason.SELF: "là người được đề nghị khen thưởng",
    RecusalReason.UNIT: "đề nghị của đơn vị nơi thành viên công tác",
    RecusalReason.RELATIVE: "người được đề nghị là người thân đã kê khai của thành viên",
}
CHOICES = {
    Choice.FOR: "Đồng ý",
    Choice.AGAINST: "Không đồng ý",
    Choice.ABSTAIN: "Không biểu quyết (phiếu trắng)",
}
CHANNELS = {
    "portal": "Cổng thông tin điện tử của cơ quan",
    "board": "bảng tin của cơ quan",
    "press": "báo chí, phát thanh, truyền hình",
}
BASE_MEMBERS = (
    "Cách tính: tỷ lệ tính trên tổng số thành viên Hội đồng; thành viên không biểu quyết được tính là không "
    "đồng ý (Nghị định số 98/2023/NĐ-CP, Điều 30 khoản 7)."
)
BASE_VOTING = (
    "Cách tính: tỷ lệ tính trên số thành viên có quyền biểu quyết đối với từng đề nghị (tổng số thành viên "
    "Hội đồng trừ thành viên không biểu quyết do xung đột lợi ích), theo quy chế của cơ quan."
)
ELECTRONIC_NOTE = (
    "Phiếu được bỏ và kiểm bằng hệ thống điện tử: hộp phiếu của từng đề nghị được niêm phong khi bỏ phiếu và "
    "chỉ được mở khi kết thúc biểu quyết; phiếu không ghi tên người bỏ phiếu. Mỗi thành viên có thể tự kiểm "
    "tra phiếu của mình đã được kiểm bằng mã biên nhận trên trang của phiên họp."
)


# --- words --------------------------------------------------------------------------------------------------


def day(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else DOTS


def clock(value: dt.time | None) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d} phút" if value else f"{DOTS} giờ {DOTS} phút"


def share_words(value) -> str:
    """0.80 → "80%", "2/3" → "2/3", 0.667 → "66,7%"."""
    if isinstance(value, str) and "/" in value:
        return value.strip()
    percent = (Decimal(str(value).replace(",", ".")) * 100).normalize()
    return f"{percent:f}".replace(".", ",") + "%"


def person_name(person) -> str:
    return f"{HONORIFICS.get(person.gender, 'Ông/bà')} {person.full_name}"


def seat_line(seat) -> str:
    return f"{person_name(seat.person)}, {seat.role.name}"


def subject_words(proposal) -> str:
    if proposal.is_collective:
        return f"Tập thể {proposal.unit.name}"
    return f"{person_name(proposal.person)}, {proposal.unit.name}"


def head_of(agency) -> str:
    """Who awards within the agency's authority: "Giám đốc Sở …" (awards.authorities "giam-doc-so")."""
    title = "Giám đốc" if agency.kind == AgencyKind.DEPARTMENT else "Thủ trưởng"
    return f"{title} {agency.name}"


def chairman_above(agency) -> str:
    parent = agency.parent
    if parent is not None and parent.kind == AgencyKind.PEOPLES_COMMITTEE:
        return f"Chủ tịch {parent.name}"
    return "Chủ tịch UBND tỉnh/thành phố"


# --- the facts ---------------------------------------------------------------------------------------------


def _items(meeting) -> list:
    votes = OpenVote.objects.select_related("membership__person").order_by(
        "membership__role__position", "membership__person__sort_key", "membership_id"
    )
    recusals = Recusal.objects.select_related("membership__person", "membership__role").order_by(
        "membership__role__position", "membership__person__sort_key"
    )
    found = meeting.items.select_related(
        "proposal__award", "proposal__person", "proposal__unit", "proposal__posting"
    ).prefetch_related(Prefetch("recusals", queryset=recusals), Prefetch("open_votes", queryset=votes))
    if meeting.is_paper:
        found = found.select_related("paper_count")
    return list(found.order_by("position"))


def _comments(items) -> dict:
    """The comments of the postings on the agenda's proposals, by proposal id."""
    by_proposal = defaultdict(list)
    posted = [i.proposal_id for i in items if i.proposal.posting_id]
    for comment in Comment.objects.filter(proposal_id__in=posted).order_by("received_on", "id"):
        by_proposal[comment.proposal_id].append(comment)
    return by_proposal


def _facts(meeting) -> SimpleNamespace:
    members = list(seats(meeting).select_related("person", "role"))
    attendance = Attendance.objects.filter(meeting=meeting).select_related("substitute")
    presence = {a.membership_id: a for a in attendance}
    items = _items(meeting)
    facts = SimpleNamespace(
        meeting=meeting,
        council=meeting.council,
        agency=meeting.council.agency,
        members=members,
        presence=presence,
        items=items,
        comments=_comments(items),
        guests=list(meeting.guests.all()),
        quorum=quorum_of(meeting),
        counters=list(meeting.counters.select_related("person", "role")),
    )
    facts.chair, facts.secretary = _chair(facts), _secretary(facts)
    return facts


def presence_of(facts, seat) -> str:
    attendance = facts.presence.get(seat.pk)
    return attendance.presence if attendance else Presence.ABSENT


def _attends(facts, seat) -> bool:
    return presence_of(facts, seat) in (Presence.PRESENT, Presence.SUBSTITUTE)


def _chair(facts):
    """The chair's seat; when the chair is away, the standing vice-chair (or a vice-chair) who attends."""
    chairs = [s for s in facts.members if s.role.kind == RoleKind.CHAIR]
    present = [s for s in chairs if _attends(facts, s)]
    if present or facts.meeting.format == Format.WRITTEN:
        return (present or chairs or [None])[0]
    vices = [s for s in facts.members if s.role.kind == RoleKind.VICE_CHAIR and _attends(facts, s)]
    vices.sort(key=lambda s: not s.role.standing)
    return (vices or chairs or [None])[0]


def _secretary(facts):
    secretaries = [s for s in facts.members if s.role.secretary]
    present = [s for s in secretaries if _attends(facts, s)]
    return (present or secretaries or [None])[0]


def _closed_at(meeting):
    return timezone.localtime(meeting.closed_at) if meeting.closed_at else None


# --- the minutes: opening and attendance -------------------------------------------------------------------


def _where(meeting) -> str:
    if meeting.format == Format.WRITTEN:
        return "theo hình thức lấy ý kiến các thành viên bằng văn bản"
    if meeting.format == Format.ONLINE:
        place = f" (điểm cầu chính: {meeting.place})" if meeting.place else ""
        return f"theo hình thức trực tuyến{place}"
    return f"tại {meeting.place or DOTS}"


def _term_words(term) -> str:
    decision = term.decision
    if decision is None:
        return (
            f"Hội đồng nhiệm kỳ từ ngày {day(term.starts_on)} (chưa ghi quyết định thành lập trên hệ thống)."
        )
    number = f" số {decision.reference}" if decision.reference else ""
    issued = f" ngày {day(decision.issued_on)}" if decision.issued_on else ""
    author = decision.issuer_name or decision.agency.name
    return (
        f"Hội đồng được thành lập theo {decision.kind.name}{number}{issued} của {author} "
        f"(nhiệm kỳ từ ngày {day(term.starts_on)})."
    )


def _opening(facts) -> list[dict]:
    meeting = facts.meeting
    action = "lấy ý kiến" if meeting.format == Format.WRITTEN else "họp"
    return [
        paragraph(
            f"Vào hồi {clock(meeting.time)}, ngày {day(meeting.date)}, {_where(meeting)}, "
            f"{facts.council.name} {action} xét khen thưởng: “{meeting.title}”."
        ),
        paragraph(_term_words(meeting.term)),
    ]


def _group(title: str, lines: list[str]) -> list[dict]:
    return [paragraph(title), *(entry("-", f"{line};" if n < len(lines) else f"{line}.")
                                for n, line in enumerate(lines, start=1))]  # fmt: skip


def _substitute_line(facts, seat) -> str:
    attendance = facts.presence[seat.pk]
    substitute = attendance.substitute.full_name if attendance.substitute_id else DOTS
    mandate = attendance.mandate or DOTS
    return f"{seat_line(seat)}: ủy quyền cho {substitute} dự họp, biểu quyết thay (giấy ủy quyền: {mandate})"


def _attendance(facts) -> list[dict]:
    total = len(facts.members)
    groups = {p: [s for s in facts.members if presence_of(facts, s) == p] for p in Presence.values}
    blocks = [paragraph(run("I. THÀNH PHẦN", bold=True))]
    blocks.append(paragraph(f"Tổng số thành viên Hội đồng tại ngày họp: {total} người."))
    present = groups[Presence.PRESENT]
    blocks += _group(f"Thành viên có mặt: {len(present)}/{total} người:", [seat_line(s) for s in present])
    if substitutes := groups[Presence.SUBSTITUTE]:
        lines = [_substitute_line(facts, s) for s in substitutes]
        blocks += _group(f"Thành viên vắng mặt, có người dự họp thay: {len(substitutes)} người:", lines)
    written = groups[Presence.WRITTEN]
    title = f"Thành viên vắng mặt, có phiếu biểu quyết bằng văn bản: {len(written)} người"
    blocks += _group(f"{title}:", [seat_line(s) for s in written]) if written else [paragraph(f"{title}.")]
    absent = groups[Presence.ABSENT]
    title = f"Thành viên vắng mặt: {len(absent)} người"
    blocks += _group(f"{title}:", [seat_line(s) for s in absent]) if absent else [paragraph(f"{title}.")]
    if facts.guests:
        lines = [f"{g.name}, {g.position}" if g.position else g.name for g in facts.guests]
        blocks += _group("Khách mời (dự họp, không biểu quyết):", lines)
    return blocks + _presiding(facts)


def _presiding(facts) -> list[dict]:
    chair = seat_line(facts.chair) if facts.chair else DOTS
    secretary = seat_line(facts.secretary) if facts.secretary else DOTS
    return [paragraph(f"Chủ trì: {chair}."), paragraph(f"Thư ký: {secretary}.")]


def quorum_line(facts) -> str:
    meeting, quorum = facts.meeting, facts.quorum
    rule = f"{share_words(meeting.quorum)} tổng số thành viên"
    if meeting.presence is not None and fraction(meeting.presence) > fraction(meeting.quorum):
        rule = f"{share_words(meeting.presence)} tổng số thành viên đối với phiên họp xét khen thưởng"
    verb = "tham gia ý kiến" if meeting.format == Format.WRITTEN else "có mặt"
    verdict = "đủ điều kiện" if quorum.met else "chưa đủ điều kiện"
    return (
        f"Phiên họp {verb} {quorum.attending}/{quorum.total} thành viên, {verdict} theo quy chế "
        f"(tối thiểu {quorum.needed}, bằng {rule})."
    )


# --- recusals, posting --------------------------------------------------------------------------------------


def _recusals(facts) -> list[dict]:
    blocks = [paragraph(run("II. THÀNH VIÊN KHÔNG BIỂU QUYẾT", bold=True))]
    lines = [
        f"{person_name(recusal.membership.person)} ({recusal.membership.role.name}) không tham gia "
        f"biểu quyết đề nghị “{item.proposal.award.name}” cho {subject_words(item.proposal)}, lý do: "
        f"{REASONS.get(recusal.reason, recusal.get_reason_display())}"
        for item in facts.items
        for recusal in item.recusals.all()
    ]
    if lines:
        blocks += _group("Các thành viên sau không tham gia biểu quyết do xung đột lợi ích:", lines)
    else:
        blocks.append(paragraph("Không có thành viên nào thuộc trường hợp không biểu quyết."))
    base = BASE_VOTING if facts.meeting.recusal_base == "voting" else BASE_MEMBERS
    return [*blocks, paragraph(base)]


def _posting_words(posting) -> str:
    channel = CHANNELS.get(posting.channel, posting.get_channel_display())
    basis = f"; căn cứ: {posting.citation}" if posting.citation else ""
    return (
        f"Danh sách đề nghị khen thưởng đã được công khai trên {channel} từ ngày {day(posting.opens_on)} đến "
        f"ngày {day(posting.closes_on)} ({posting.working_days} ngày làm việc{basis})."
    )


def _comment_line(item, comments) -> str:
    accepted = sum(1 for c in comments if c.handling == Handling.ACCEPTED)
    rejected = sum(1 for c in comments if c.handling == Handling.REJECTED)
    pending = len(comments) - accepted - rejected
    handled = f"đã xử lý {accepted + rejected} (tiếp thu {accepted}, không tiếp thu {rejected})"
    words = f"{len(comments)} ý kiến, {handled}"
    if pending:
        words += f", còn {pending} ý kiến chưa xử lý"
    return f"{subject_words(item.proposal)} ({item.proposal.award.name}): {words}"


def _posting(facts, number: str) -> list[dict]:
    """The report of the public posting (law-nominations.md §3: recorded in the council's minutes)."""
    postings = {}
    for item in facts.items:
        if item.proposal.posting_id:
            postings.setdefault(item.proposal.posting_id, (item.proposal.posting, []))[1].append(item)
    if not postings:
        return []
    blocks = [paragraph(run(f"{number}. KẾT QUẢ CÔNG KHAI, LẤY Ý KIẾN", bold=True))]
    for posting, items in postings.values():
        blocks.append(paragraph(_posting_words(posting)))
        commented = [i for i in items if facts.comments.get(i.proposal_id)]
        total = sum(len(facts.comments[i.proposal_id]) for i in commented)
        if not commented:
            blocks.append(paragraph("Trong thời gian công khai, không nhận được ý kiến nào."))
            continue
        lines = [_comment_line(i, facts.comments[i.proposal_id]) for i in commented]
        blocks += _group(f"Trong thời gian công khai, nhận được {total} ý kiến:", lines)
    return blocks


# --- the votes ----------------------------------------------------------------------------------------------


def by_award(items) -> list[tuple]:
    groups = {}
    for item in items:
        groups.setdefault(item.proposal.award_id, (item.proposal.award, []))[1].append(item)
    return list(groups.values())


def did_not_vote(item) -> int:
    """The seats that cast no agree, disagree or abstain (absent, recused, marked as not voting): the
    tally's not_voting counts every seat that did not agree or disagree, abstentions included."""
    return max((item.not_voting or 0) - (item.abstentions or 0), 0)


def votes_words(meeting, item) -> str:
    words = f"đồng ý {item.votes_for}, không đồng ý {item.votes_against}"
    if meeting.abstain or item.abstentions:
        words += f", phiếu trắng {item.abstentions}"
    return f"{words}, không biểu quyết {did_not_vote(item)}"


def required_words(meeting, item) -> str:
    share = share_words(item.threshold) if item.threshold is not None else "quá nửa"
    base = "số thành viên có quyền biểu quyết" if meeting.recusal_base == "voting" else "tổng số thành viên"
    citation = f"; căn cứ: {item.citation}" if item.citation else ""
    return f"cần tối thiểu {item.required}/{item.denominator} phiếu đồng ý ({share} {base}{citation})"


def outcome_words(item) -> str:
    words = "ĐẠT" if item.passes else "KHÔNG ĐẠT"
    return f"{words} ({item.outcome_note})" if item.outcome_note else words


def _item_blocks(meeting, label: str, item) -> list[dict]:
    how = "bỏ phiếu kín" if item.secret else "biểu quyết công khai"
    blocks = [
        entry(
            label,
            run(subject_words(item.proposal), bold=True),
            f" — hình thức: {how}. Kết quả: {votes_words(meeting, item)}; {required_words(meeting, item)}. ",
            run(f"Kết luận: {outcome_words(item)}.", bold=True),
        )
    ]
    if not item.secret:  # an open vote is a public act; a secret one is given in totals only
        named = defaultdict(list)
        for vote in item.open_votes.all():
            named[vote.choice].append(vote.membership.person.full_name)
        for choice, names in named.items():
            blocks.append(entry("+", f"{CHOICES.get(choice, choice)}: {', '.join(names)}."))
    return blocks


def _votes(facts, number: str) -> list[dict]:
    blocks = [paragraph(run(f"{number}. KẾT QUẢ BIỂU QUYẾT", bold=True))]
    for n, (award, items) in enumerate(by_award(facts.items), start=1):
        blocks.append(paragraph(run(f"{n}. {award.name} ({len(items)} đề nghị)", bold=True)))
        for k, item in enumerate(items, start=1):
            blocks += _item_blocks(facts.meeting, f"{n}.{k}.", item)
    if facts.meeting.chair_note:
        blocks.append(paragraph(f"Ý kiến của Chủ tịch Hội đồng: {facts.meeting.chair_note}"))
    return blocks


# --- the list to the head, the closing ----------------------------------------------------------------------


def _passed_lines(items, *, upward: bool = False) -> list[dict]:
    lines = []
    for award, passed in by_award(items):
        names = "; ".join(subject_words(i.proposal) for i in passed)
        above = f" (để trình {award.authority})" if upward and award.authority_code != PROVINCIAL else ""
        count = f"{len(passed)} {'cá nhân' if award.is_individual else 'tập thể'}"
        lines.append(entry("-", run(award.name, bold=True), f"{above} ({count}): {names}."))
    return lines


def _conclusion(facts, number: str) -> list[dict]:
    passed = [i for i in facts.items if i.passes]
    blocks = [paragraph(run(f"{number}. ĐỀ NGHỊ KHEN THƯỞNG", bold=True))]
    if not passed:
        return [*blocks, paragraph("Không có đề nghị nào đạt tỷ lệ biểu quyết theo quy định.")]
    within = [i for i in passed if i.proposal.award.within_agency_authority]
    upward = [i for i in passed if not i.proposal.award.within_agency_authority]
    blocks.append(paragraph("Căn cứ kết quả biểu quyết, Hội đồng thống nhất:"))
    parts = []
    if within:
        head = head_of(facts.agency)
        parts.append((f"Đề nghị {head} khen thưởng (thuộc thẩm quyền của {head}):", _passed_lines(within)))
    if upward:
        chairman = chairman_above(facts.agency)
        parts.append(
            (f"Đề nghị {chairman} khen thưởng (trình cấp trên):", _passed_lines(upward, upward=True))
        )
    for n, (title, lines) in enumerate(parts, start=1):
        blocks += [paragraph(f"{n}. {title}"), *lines]
    return blocks


def _closing(facts) -> list[dict]:
    meeting, closed = facts.meeting, _closed_at(facts.meeting)
    when = clock(closed.time() if closed else None)
    if closed and closed.date() != meeting.date:
        when += f" ngày {day(closed.date())}"
    else:
        when += " cùng ngày"
    what = "Việc lấy ý kiến" if meeting.format == Format.WRITTEN else "Phiên họp"
    secretary = facts.secretary.person.full_name if facts.secretary else DOTS
    return [
        paragraph(
            f"{what} kết thúc lúc {when}. Biên bản được thông qua tại phiên họp và gửi "
            f"{head_of(facts.agency)}."
        ),
        paragraph(run("THƯ KÝ HỘI ĐỒNG", bold=True)),
        paragraph(run("(Ký, ghi rõ họ tên)", italic=True)),
        paragraph(run(secretary, bold=True)),
    ]


def minutes_body(facts) -> list[dict]:
    numerals = iter(["III", "IV", "V", "VI"])
    blocks = [*_opening(facts), *_attendance(facts), paragraph(quorum_line(facts)), *_recusals(facts)]
    if any(i.proposal.posting_id for i in facts.items):
        blocks += _posting(facts, next(numerals))
    blocks += _votes(facts, next(numerals))
    blocks += _conclusion(facts, next(numerals))
    return blocks + _closing(facts)


# --- the count minutes --------------------------------------------------------------------------------------


def needs_count_minutes(facts) -> bool:
    return facts.meeting.is_paper or any(item.secret for item in facts.items)


def _counting_group(facts) -> list[dict]:
    if facts.counters:
        return _group("Ban kiểm phiếu gồm:", [seat_line(s) for s in facts.counters])
    secretary = seat_line(facts.secretary) if facts.secretary else DOTS
    if facts.meeting.is_paper:
        return _group("Kiểm phiếu:", [secretary])
    return _group("Kiểm phiếu điện tử do thư ký Hội đồng thực hiện:", [secretary])


def issued_ballots(facts) -> tuple[int, int]:
    """(attending — present or represented —, absent with a written vote)."""
    attending = sum(1 for s in facts.members if _attends(facts, s))
    written = sum(1 for s in facts.members if presence_of(facts, s) == Presence.WRITTEN)
    return attending, written


def collected(meeting, item) -> tuple[int, int]:
    """(ballots in the item's box, invalid ballots): the counting group's totals on paper, else the box's."""
    if meeting.is_paper:
        paper = getattr(item, "paper_count", None)
        return (paper.ballots, paper.invalid) if paper else (0, 0)
    return (item.votes_for or 0) + (item.votes_against or 0) + (item.abstentions or 0), 0


def _count_item(meeting, label, item) -> dict:
    ballots, invalid = collected(meeting, item)
    figures = f"đồng ý {item.votes_for}, không đồng ý {item.votes_against}"
    if meeting.abstain or item.abstentions:
        figures += f", phiếu trắng {item.abstentions}"
    return entry(
        label,
        run(f"{subject_words(item.proposal)} — {item.proposal.award.name}", bold=True),
        f": số phiếu thu vào {ballots}, hợp lệ {ballots - invalid}, không hợp lệ {invalid}; {figures}; "
        f"cần tối thiểu {item.required}/{item.denominator} phiếu đồng ý. ",
        run(f"Kết quả: {outcome_words(item)}.", bold=True),
    )


def _count_opening(facts) -> dict:
    meeting, closed = facts.meeting, _closed_at(facts.meeting)
    way = "phiếu giấy" if meeting.is_paper else "phiếu điện tử"
    at = clock(closed.time() if closed else None)
    on = day(closed.date() if closed else meeting.date)
    return paragraph(
        f"Vào hồi {at}, ngày {on}, {_where(meeting)}, tiến hành kiểm phiếu biểu quyết ({way}) các đề nghị "
        f"khen thưởng trình {facts.council.name} tại phiên họp “{meeting.title}” ngày {day(meeting.date)}."
    )


def count_body(facts) -> list[dict]:
    meeting = facts.meeting
    attending, written = issued_ballots(facts)
    blocks = [
        _count_opening(facts),
        paragraph(run("I. THÀNH PHẦN KIỂM PHIẾU", bold=True)),
        *_counting_group(facts),
        paragraph(run("II. SỐ PHIẾU", bold=True)),
        paragraph(f"Tổng số thành viên Hội đồng: {len(facts.members)} người."),
        paragraph(
            f"Số phiếu phát ra: {attending + written} (thành viên có mặt hoặc có người dự thay: {attending}; "
            f"thành viên vắng mặt gửi phiếu bằng văn bản: {written})."
        ),
        paragraph(run("III. KẾT QUẢ KIỂM PHIẾU", bold=True)),
        *(_count_item(meeting, f"{n}.", item) for n, item in enumerate(facts.items, start=1)),
    ]
    if not meeting.is_paper:
        blocks.append(paragraph(ELECTRONIC_NOTE))
    closing = "Việc kiểm phiếu kết thúc cùng ngày. Biên bản kiểm phiếu được công bố tại phiên họp."
    return [*blocks, paragraph(closing)]


# --- the documents ------------------------------------------------------------------------------------------


def _chair_signature(facts) -> dict:
    """The chair in the one signature block: the chosen signer when he may sign for the agency (he then signs
    it off), else printed as the council's chair (the secretary chooses the signer at submission)."""
    chair = facts.chair
    if chair is None:
        return {}
    options = [o for o in signing_options(facts.agency) if o.person.pk == chair.person_id]
    if options:
        return {"signer": chair.person, "signing_authority": options[0].authority}
    return {"signer_position": chair.role.name.upper(), "signer_name": chair.person.full_name}


def _count_signature(facts) -> dict:
    if facts.counters:
        return {"signer_position": "TRƯỞNG BAN KIỂM PHIẾU", "signer_name": facts.counters[0].person.full_name}
    if facts.secretary:
        return {"signer_position": "THƯ KÝ HỘI ĐỒNG", "signer_name": facts.secretary.person.full_name}
    return {}


def minutes_fields(facts) -> dict:
    meeting = facts.meeting
    what = "Lấy ý kiến bằng văn bản" if meeting.format == Format.WRITTEN else "Họp"
    return {
        "subject": f"{what} {facts.council.name} ngày {day(meeting.date)}",
        "body": minutes_body(facts),
        "recipients": [f"{head_of(facts.agency)} (để báo cáo)", "Thành viên Hội đồng"],
        "archive_note": ARCHIVE,
        **_chair_signature(facts),
    }


def count_fields(facts) -> dict:
    meeting = facts.meeting
    return {
        "subject": f"Kiểm phiếu biểu quyết tại phiên họp {facts.council.name} ngày {day(meeting.date)}",
        "body": count_body(facts),
        "recipients": ["Chủ tịch Hội đồng", "Thành viên Hội đồng"],
        "archive_note": ARCHIVE,
        **_count_signature(facts),
    }


def _write(actor, agency, document, fields: dict):
    """A new draft, or the existing one updated while it is a draft (a document already with its signer or
    issued is kept as it is). The actor closed the ballot; when the documents module does not let him draft
    for the agency (a council officer who is not of the secretariat), the system drafts it in his name."""
    if document is not None:
        if not document.is_editable:
            return document
        editor = actor if actor is not None and document_access.can_edit(actor, document) else None
        return documents.update_draft(actor=editor, document=document, fields=fields)
    drafter = actor if actor is not None and document_access.can_draft(actor, agency) else None
    kind = DocumentKind.objects.get(code="bien_ban")
    document = documents.create_draft(actor=drafter, agency=agency, kind=kind, fields=fields)
    if drafter is None and getattr(actor, "pk", None):
        document.created_by = actor
        document.save(update_fields=["created_by"])
    return document


def draft_minutes(*, actor, meeting):
    """Draft (or redraft) the meeting's biên bản and, for a paper ballot or a secret item, its biên bản kiểm
    phiếu; set them on the meeting; returns (minutes, count_minutes or None). Called by close_ballot inside
    its transaction, once the results are written."""
    facts = _facts(meeting)
    agency = facts.agency
    meeting.minutes = _write(actor, agency, meeting.minutes, minutes_fields(facts))
    if needs_count_minutes(facts):
        meeting.count_minutes = _write(actor, agency, meeting.count_minutes, count_fields(facts))
    meeting.save(update_fields=["minutes", "count_minutes"])
    log_action(
        actor=actor,
        action="council.minutes.drafted",
        target=meeting,
        agency=agency,
        after={"minutes": meeting.minutes.pk, "count_minutes": getattr(meeting.count_minutes, "pk", None)},
    )
    return meeting.minutes, meeting.count_minutes
