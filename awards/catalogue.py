"""The catalogue as data: the emulation titles of Luật Thi đua, khen thưởng 2022 (Điều 19 individual, Điều 20
collective) and the reward forms a Sở deals with (Điều 9: Giấy khen, Bằng khen), with the awarding authority
and status tag of shared/reference/law.md §2–3. Codes are the API's and never change.

A form given to individuals and to collectives has one code per subject ("giay-khen" and
"giay-khen-tap-the"): its coefficient, criteria and council rules differ by subject.

`ensure_catalogue()` writes the rows (migration, and tests whose flushes empty the table); a change of the
law changes rows here and a migration, never the code that reads them.
"""

from typing import NamedTuple

from .authorities import AUTHORITIES
from .models import Award


class Entry(NamedTuple):
    code: str
    name: str
    subject: str
    kind: str  # "title" (danh hiệu thi đua) or "form" (hình thức khen thưởng)
    authority_code: str
    citation: str
    status: str
    registrable: bool = False


ENTRIES = [
    Entry("lao-dong-tien-tien", "Lao động tiên tiến", "individual", "title", "giam-doc-so",
          "Luật TĐKT 2022, Điều 24; thẩm quyền Điều 80 khoản 1", "V2", True),
    Entry("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "individual", "title", "giam-doc-so",
          "Luật TĐKT 2022, Điều 23; thẩm quyền Điều 80 khoản 1", "V2", True),
    Entry("chien-si-thi-dua-tinh", "Chiến sĩ thi đua cấp tỉnh", "individual", "title", "chu-tich-ubnd-tinh",
          "Luật TĐKT 2022, Điều 22; thẩm quyền Điều 79", "R", True),
    Entry("chien-si-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc", "individual", "title", "thu-tuong",
          "Luật TĐKT 2022, Điều 21; thẩm quyền Điều 78 khoản 2", "V2"),
    Entry("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "collective", "title", "giam-doc-so",
          "Luật TĐKT 2022, Điều 28; thẩm quyền Điều 80 khoản 1", "R", True),
    Entry("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "collective", "title",
          "chu-tich-ubnd-tinh", "Luật TĐKT 2022, Điều 27; thẩm quyền Điều 79", "R", True),
    Entry("co-thi-dua-tinh", "Cờ thi đua của UBND tỉnh, thành phố", "collective", "title",
          "chu-tich-ubnd-tinh", "Luật TĐKT 2022, Điều 26", "R", True),
    Entry("co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", "collective", "title", "chinh-phu",
          "Luật TĐKT 2022, Điều 25; thẩm quyền Điều 78 khoản 1", "V2"),
    Entry("giay-khen", "Giấy khen của Giám đốc Sở", "individual", "form", "giam-doc-so",
          "Luật TĐKT 2022, Điều 75; thẩm quyền Điều 80 khoản 1", "R"),
    Entry("giay-khen-tap-the", "Giấy khen của Giám đốc Sở (tập thể)", "collective", "form", "giam-doc-so",
          "Luật TĐKT 2022, Điều 75; thẩm quyền Điều 80 khoản 1", "R"),
    Entry("bang-khen-tinh", "Bằng khen của Chủ tịch UBND tỉnh, thành phố", "individual", "form",
          "chu-tich-ubnd-tinh", "Luật TĐKT 2022, Điều 74", "R"),
    Entry("bang-khen-tinh-tap-the", "Bằng khen của Chủ tịch UBND tỉnh, thành phố (tập thể)", "collective",
          "form", "chu-tich-ubnd-tinh", "Luật TĐKT 2022, Điều 74", "R"),
    Entry("bang-khen-thu-tuong", "Bằng khen của Thủ tướng Chính phủ", "individual", "form", "thu-tuong",
          "Luật TĐKT 2022, Điều 72", "U"),
    Entry("bang-khen-thu-tuong-tap-the", "Bằng khen của Thủ tướng Chính phủ (tập thể)", "collective", "form",
          "thu-tuong", "Luật TĐKT 2022, Điều 72", "U"),
]  # fmt: skip
TITLES = [entry for entry in ENTRIES if entry.kind == "title"]


def ensure_catalogue(model=Award) -> None:
    """Write the rows (idempotent); a migration passes its historical `Award`."""
    fields = {field.name for field in model._meta.get_fields()}  # an older migration state lacks some
    for position, entry in enumerate(ENTRIES):
        values = {
            "name": entry.name,
            "subject": entry.subject,
            "kind": entry.kind,
            "authority_code": entry.authority_code,
            "authority": AUTHORITIES[entry.authority_code],
            "citation": entry.citation,
            "source_status": entry.status,
            "registrable": entry.registrable,
            "position": position,
        }
        model.objects.update_or_create(
            code=entry.code, defaults={name: value for name, value in values.items() if name in fields}
        )
