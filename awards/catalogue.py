"""The emulation titles of Luật Thi đua, khen thưởng 2022 (Điều 19 individual, Điều 20 collective) as data,
with the authority and status tag of shared/reference/law.md §2. Codes are the API's (issue 5 keeps them).

`ensure_catalogue()` writes the rows (migration 0002, and tests whose flushes empty the table); a change
of the law changes rows here and a migration, never the code that reads them.
"""

TITLES = [
    # code, name, subject, authority, citation, status, registrable
    (
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "individual",
        "Giám đốc Sở",
        "Luật TĐKT 2022, Điều 24; thẩm quyền Điều 80 khoản 1",
        "V2",
        True,
    ),
    (
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "individual",
        "Giám đốc Sở",
        "Luật TĐKT 2022, Điều 23; thẩm quyền Điều 80 khoản 1",
        "V2",
        True,
    ),
    (
        "chien-si-thi-dua-tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "individual",
        "Chủ tịch UBND tỉnh, thành phố",
        "Luật TĐKT 2022, Điều 22; thẩm quyền Điều 79",
        "R",
        True,
    ),
    (
        "chien-si-thi-dua-toan-quoc",
        "Chiến sĩ thi đua toàn quốc",
        "individual",
        "Thủ tướng Chính phủ",
        "Luật TĐKT 2022, Điều 21; thẩm quyền Điều 78 khoản 2",
        "V2",
        False,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "collective",
        "Giám đốc Sở",
        "Luật TĐKT 2022, Điều 28; thẩm quyền Điều 80 khoản 1",
        "R",
        True,
    ),
    (
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "collective",
        "Chủ tịch UBND tỉnh, thành phố",
        "Luật TĐKT 2022, Điều 27; thẩm quyền Điều 79",
        "R",
        True,
    ),
    (
        "co-thi-dua-tinh",
        "Cờ thi đua của UBND tỉnh, thành phố",
        "collective",
        "Chủ tịch UBND tỉnh, thành phố",
        "Luật TĐKT 2022, Điều 26",
        "R",
        True,
    ),
    (
        "co-thi-dua-chinh-phu",
        "Cờ thi đua của Chính phủ",
        "collective",
        "Chính phủ",
        "Luật TĐKT 2022, Điều 25; thẩm quyền Điều 78 khoản 1",
        "V2",
        False,
    ),
]


def ensure_catalogue(model=None) -> None:
    if model is None:
        from .models import Award as model
    for position, (code, name, subject, authority, citation, status, registrable) in enumerate(TITLES):
        model.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "subject": subject,
                "kind": "title",
                "authority": authority,
                "citation": citation,
                "source_status": status,
                "registrable": registrable,
                "position": position,
            },
        )
