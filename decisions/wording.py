"""The fixed Vietnamese of a reward decision (quyết định khen thưởng, Nghị định 30/2020/NĐ-CP form 1.1 of
Phụ lục III): its subject, legal bases, articles and the annexed list. Administrative text, not interface
text: the secretariat edits the draft before it goes to the director."""

from collections import defaultdict

from lib.vnmoney import format_vnd, in_words

DOTS = ".........."
TITLE_VERB = {"title": "Tặng danh hiệu", "form": "Tặng"}


def digits(amount: int) -> str:
    """1.490.000 — the amount as the annex's money column prints it (the column says "đồng")."""
    return format_vnd(amount).removesuffix(" đồng")


def day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else DOTS


def award_phrase(award) -> str:
    verb = TITLE_VERB.get(award.kind, "Tặng")
    return f"{verb} “{award.name}”"


def subject(awards, year: int) -> str:
    if len(awards) == 1:
        return f"Về việc {award_phrase(awards[0]).lower()} năm {year}"
    return f"Về việc khen thưởng thành tích năm {year}"


def bases(rule_set, *, meeting, dossiers) -> list[dict]:
    """Căn cứ: the law and decree of the period (the rule set's instruments), the council's minutes, the
    units' tờ trình; each a link to the system's document where it is issued, else its words."""
    found = [{"text": f"Căn cứ {text.strip()}"} for text in rule_set.instruments.split(";") if text.strip()]
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.reference:
        found.append({"cited": minutes})
    elif meeting is not None:
        found.append({"text": f"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng ngày {day(meeting.date)}"})
    covers = [dossier.cover for dossier in dossiers if dossier.cover_id and dossier.cover.reference]
    found.extend({"cited": cover} for cover in covers)
    if not covers:
        found.append({"text": "Xét đề nghị của Thủ trưởng các đơn vị trực thuộc"})
    found.append({"text": "Theo đề nghị của Thường trực Hội đồng Thi đua - Khen thưởng"})
    return found


def _count(lines) -> str:
    people = sum(1 for line in lines if line.person_id)
    units = len(lines) - people
    parts = [f"{people:02d} cá nhân" if people else "", f"{units:02d} tập thể" if units else ""]
    return " và ".join(part for part in parts if part)


def articles(lines, *, agency_name: str, year: int) -> list[tuple[str, str]]:
    """(label, text) per article: one per award (in the lines' order), then the money and the execution."""
    groups = defaultdict(list)
    for line in lines:
        groups[line.article].append(line)
    result = []
    for number, group in sorted(groups.items()):
        award = group[0].award
        text = (
            f"{award_phrase(award)} cho {_count(group)} đã có thành tích trong năm {year} "
            f"(có danh sách kèm theo)."
        )
        amounts = {line.amount for line in group if line.paid}
        if len(amounts) == 1:
            amount = amounts.pop()
            text += f" Mỗi {'cá nhân' if group[0].person_id else 'tập thể'} được thưởng {format_vnd(amount)}."
        result.append((f"Điều {number}.", text))
    total = sum(line.amount for line in lines if line.paid)
    last = len(result)
    result.append(
        (
            f"Điều {last + 1}.",
            f"Tổng số tiền thưởng: {format_vnd(total)} (Bằng chữ: {in_words(total)}), chi từ Quỹ thi đua, "
            f"khen thưởng của {agency_name} năm ban hành Quyết định này, theo quy định.",
        )
    )
    result.append(
        (
            f"Điều {last + 2}.",
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các đơn vị trực thuộc "
            "và các cá "
            f"nhân, tập thể có tên tại {'các Điều' if last > 1 else 'Điều'} "
            f"{', '.join(str(n) for n in range(1, last + 1))} chịu trách nhiệm thi hành Quyết định này.",
        )
    )
    return result


COLUMNS = [
    {"label": "STT", "width": 12, "align": "center"},
    {"label": "Họ và tên", "width": 48, "align": "left"},
    {"label": "Chức vụ", "width": 38, "align": "left"},
    {"label": "Đơn vị", "width": 50, "align": "left"},
    {"label": "Số tiền (đồng)", "width": 30, "align": "right"},
]


def annexes(lines, *, reference: str, issued_on, issuer: str) -> list[dict]:
    """One annex per article: the danh sách kèm theo of its awardees with their amounts and a total."""
    groups = defaultdict(list)
    for line in lines:
        groups[line.article].append(line)
    found = []
    for _number, group in sorted(groups.items()):
        award = group[0].award
        whom = "CÁ NHÂN" if group[0].person_id else "TẬP THỂ"
        rows = [
            [
                str(line.position),
                line.name,
                line.position_title,
                line.unit_name,
                digits(line.amount) if line.paid else "—",
            ]
            for line in group
        ]
        total = sum(line.amount for line in group if line.paid)
        found.append(
            {
                "title": f"DANH SÁCH {whom} ĐƯỢC {award_phrase(award).upper()}",
                "subtitle": (
                    f"(Kèm theo Quyết định số {reference or DOTS} ngày {day(issued_on)} của {issuer})"
                ),
                "columns": COLUMNS,
                "rows": rows,
                "total": [
                    "",
                    "Tổng cộng",
                    "",
                    f"{len(group)} {'cá nhân' if group[0].person_id else 'tập thể'}",
                    digits(total),
                ],
            }
        )
    return found
