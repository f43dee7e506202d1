"""The Vietnamese catalogue (locale/vi/LC_MESSAGES/django.po): complete, not fuzzy, placeholders intact."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

# Aliases, so that makemessages (which scans tests/ too) does not extract the strings used here.
from django.utils.translation import gettext as translate
from django.utils.translation import ngettext as translate_plural
from django.utils.translation import pgettext as translate_in_context

PO_PATH = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
PLACEHOLDER = re.compile(
    r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]"
)


def parse_po(text: str) -> list[dict]:
    """Entries of a .po file as dicts: 'flags' (set) and the msgid/msgstr... fields (unescaped)."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        entry, key = {"flags": set()}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := FIELD.match(line):
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            else:
                entry[key] += ast.literal_eval(line)
        entries.append(entry)
    return entries


def placeholders(text: str) -> list[str]:
    """The %-placeholders of a string, sorted ("%%" is an escaped percent sign, not a placeholder)."""
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text) if m.group(0) != "%%")


ENTRIES = parse_po(PO_PATH.read_text(encoding="utf-8"))
HEADER = next(e for e in ENTRIES if e["msgid"] == "")
MESSAGES = [e for e in ENTRIES if e["msgid"] != ""]


def in_vietnamese(message: str) -> str:
    with translation.override("vi"):
        return translate(message)


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_header_declares_vietnamese_utf8_and_one_plural_form():
    header = HEADER["msgstr"]
    assert "Language: vi\n" in header
    assert "charset=UTF-8" in header
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    assert "fuzzy" not in HEADER["flags"]


def test_catalogue_is_not_empty():
    assert len(MESSAGES) > 300


def test_every_entry_is_translated():
    untranslated = [e["msgid"] for e in MESSAGES if not all(s.strip() for s in translations(e))]
    assert untranslated == []


def test_plural_entries_have_exactly_one_form():
    plural = [e for e in MESSAGES if "msgid_plural" in e]
    assert plural
    assert [sorted(k for k in e if k.startswith("msgstr")) for e in plural] == [["msgstr[0]"]] * len(plural)


def test_no_entry_is_fuzzy():
    assert [e["msgid"] for e in ENTRIES if "fuzzy" in e["flags"]] == []


def test_placeholders_match():
    wrong = []
    for entry in MESSAGES:
        expected = placeholders(entry["msgid"])
        if "msgid_plural" in entry:
            expected = sorted(set(expected) | set(placeholders(entry["msgid_plural"])))
            found = [sorted(set(placeholders(s))) for s in translations(entry)]
            wrong += [entry["msgid"] for f in found if f != expected]
        elif placeholders(entry["msgstr"]) != expected:
            wrong.append(entry["msgid"])
    assert wrong == []


def test_python_format_flag_agrees_with_placeholders():
    flagged = {e["msgid"] for e in MESSAGES if "python-format" in e["flags"]}
    with_placeholders = {e["msgid"] for e in MESSAGES if placeholders(e["msgid"])}
    assert with_placeholders <= flagged


def test_translations_keep_surrounding_newlines():
    wrong = [
        e["msgid"]
        for e in MESSAGES
        for s in translations(e)
        if (e["msgid"].startswith("\n"), e["msgid"].endswith("\n")) != (s.startswith("\n"), s.endswith("\n"))
    ]
    assert wrong == []


def test_placeholder_pattern_itself():
    assert placeholders("Dòng %(row)s, cột %(column)s: %(message)s, %d%% và %s") == [
        "%(column)s",
        "%(message)s",
        "%(row)s",
        "%d",
        "%s",
    ]


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("People", "Cán bộ"),
        ("Home", "Trang chủ"),
        ("Password", "Mật khẩu"),
        ("Username", "Tên đăng nhập"),
        ("Log in", "Đăng nhập"),
        ("Log out", "Đăng xuất"),
        ("Units", "Đơn vị"),
        ("Activity log", "Nhật ký hoạt động"),
        ("Emulation secretariat", "Thường trực Hội đồng Thi đua – Khen thưởng"),
        ("Staff member", "Cán bộ, công chức, viên chức"),
        ("Excellently completed duties", "Hoàn thành xuất sắc nhiệm vụ"),
        ("Civil servant (công chức)", "Công chức"),
        ("Forced resignation (buộc thôi việc)", "Buộc thôi việc"),
        ("Two-step verification", "Xác thực hai lớp"),
        ("Female", "Nữ"),
        ("English", "Tiếng Anh"),
    ],
)
def test_known_strings_in_vietnamese(english, vietnamese):
    assert in_vietnamese(english) == vietnamese
    with translation.override("en"):
        assert translate(english) == english


def test_our_catalogue_wins_over_django_own():
    """django.contrib.admin translates these differently ("Thoát", "Lưu lại", "Bản ghi nhớ", "Hành động");
    our catalogue (LOCALE_PATHS) takes precedence. "Password" comes from django.contrib.auth's catalogue."""
    english = ["Log out", "Save", "History", "Action", "People", "Home", "Password"]
    assert [in_vietnamese(s) for s in english] == [
        "Đăng xuất", "Lưu", "Lịch sử", "Thao tác", "Cán bộ", "Trang chủ", "Mật khẩu"]  # fmt: skip
    with translation.override("vi"):
        assert translate_in_context("no such context", english[4]) == "People"


def test_placeholders_and_plurals_render():
    row_message, cell_message = (
        "Row %(row)s, column “%(header)s”: %(message)s",
        "The cell is empty but this column is required.",
    )
    row = in_vietnamese(row_message) % {
        "row": 7,
        "header": "Giới tính",
        "message": in_vietnamese(cell_message),
    }
    assert row == "Dòng 7, cột “Giới tính”: Ô đang để trống nhưng cột này bắt buộc phải có dữ liệu."
    forms = ("%(total)s account", "%(total)s accounts")
    with translation.override("vi"):
        assert [translate_plural(*forms, n) % {"total": n} for n in (1, 5)] == ["1 tài khoản", "5 tài khoản"]


def test_blocktranslate_renders_in_vietnamese():
    template = Template(
        "{% load i18n %}{% blocktranslate count n=n %}{{ n }} closed unit{% plural %}{{ n }} closed units"
        "{% endblocktranslate %} · {% blocktranslate with date=d %}closed {{ date }}{% endblocktranslate %}"
    )
    with translation.override("vi"):
        html = template.render(Context({"n": 3, "d": "31/12/2025"}))
    assert html == "3 đơn vị đã ngừng hoạt động · hoạt động đến 31/12/2025"
