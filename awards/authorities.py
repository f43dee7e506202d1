"""The awarding authorities (law.md §2.3), read by the catalogue (awards/catalogue.py) that writes them on the
awards and by the model (awards/models.py) that tells whether the head of the agency awards himself."""

AUTHORITIES = {  # code → name
    "giam-doc-so": "Giám đốc Sở",
    "chu-tich-ubnd-tinh": "Chủ tịch UBND tỉnh, thành phố",
    "thu-tuong": "Thủ tướng Chính phủ",
    "chinh-phu": "Chính phủ",
}
WITHIN_AGENCY = {"giam-doc-so"}  # what the head of a Sở awards himself (Luật 2022 Điều 80 khoản 1)
