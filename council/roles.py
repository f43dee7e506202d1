"""The council's roles as data (law-nominations.md §2.2: chair, vice-chairs — one standing —, members, the
member who keeps the minutes), loaded by a migration; an agency's admin may add or rename roles."""

ROLES = [
    # code, name, kind, standing, secretary
    ("chu-tich", "Chủ tịch Hội đồng", "chair", False, False),
    ("pho-chu-tich-thuong-truc", "Phó Chủ tịch Thường trực", "vice_chair", True, False),
    ("pho-chu-tich", "Phó Chủ tịch", "vice_chair", False, False),
    ("uy-vien-thuong-truc", "Ủy viên Thường trực", "member", True, False),
    ("uy-vien-thu-ky", "Ủy viên kiêm Thư ký", "member", False, True),
    ("uy-vien", "Ủy viên", "member", False, False),
]


def ensure_roles(apps=None) -> None:
    if apps is None:
        from django.apps import apps
    CouncilRole = apps.get_model("council", "CouncilRole")
    for position, (code, name, kind, standing, secretary) in enumerate(ROLES, start=1):
        CouncilRole.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "standing": standing, "secretary": secretary,
                      "position": position},
        )  # fmt: skip
