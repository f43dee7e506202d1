import itertools
import random
import unicodedata

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from lib.vntext import (
    collation_key,
    drop_pasted_noise,
    fold,
    nfc,
    search_terms,
    split_full_name,
    text_problem,
)
from people.models import Person
from tests.factories import PersonFactory, UnitFactory

ORDER = "aăâbcdđeêghiklmnoôơpqrstuưvxy"  # the Vietnamese alphabet (standards.md §4.4)
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # ngang huyền hỏi ngã sắc nặng
REFERENCE = {}  # every lower-case letter, precomposed → (alphabet index, tone index)
for _index, _base in enumerate(ORDER):
    for _tone, _mark in enumerate(TONE_MARKS if _base in "aăâeêioôơuưy" else ("",)):
        REFERENCE[unicodedata.normalize("NFC", _base + _mark)] = (_index, _tone)
LETTERS = sorted(REFERENCE) + sorted(c.upper() for c in REFERENCE)

words = st.text(alphabet=LETTERS, min_size=1, max_size=7)
names = st.lists(words, min_size=1, max_size=2).map(" ".join)
vietnamese = st.text(alphabet=[*LETTERS, " ", "\t", "\n", "-", ".", "0", "9"])
nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


def reference_key(text: str):
    """Primary: letters in alphabet order, a word break before any letter; secondary: the tones."""
    primary, tones = [], []
    for char in text.lower():
        if char == " ":
            primary.append(-1)
            continue
        index, tone = REFERENCE[char]
        primary.append(index)
        tones.append(tone)
    return tuple(primary), tuple(tones)


# fold


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(vietnamese)
def test_fold_of_vietnamese_is_plain_ascii(text):
    assert fold(text).isascii()
    assert fold(text) == fold(text).lower()


@given(st.text())
def test_fold_ignores_the_normal_form(text):
    assert fold(nfc(text)) == fold(nfd(text)) == fold(unicodedata.normalize("NFC", text))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặng Thị Hương", "dang thi huong"),
        ("  NGUYỄN   văn\tAN ", "nguyen van an"),
        ("", ""),
        (None, ""),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("Sở TN&MT", "so tn&mt"),
    ],
)
def test_fold_examples(text, folded):
    assert fold(text) == folded


def test_search_terms():
    assert search_terms("  Đặng  thị, ĐẶNG 01/QĐ-UBND ") == ["dang", "thi", "01/qd-ubnd"]
    assert search_terms(None) == search_terms("") == []


# nfc


@given(st.text())
def test_nfc_is_normal_trimmed_and_collapsed(text):
    result = nfc(text)
    assert unicodedata.is_normalized("NFC", result)
    assert result == result.strip()
    assert not any(a.isspace() and b.isspace() for a, b in itertools.pairwise(result))
    assert nfc(result) == result


def test_nfc_examples():
    assert nfc(nfd("  Nguyễn \t\n Văn  An ")) == "Nguyễn Văn An"
    assert nfc(None) == "" and nfc(12) == "12"


# collation


def test_names_sort_as_in_the_standard():
    expected = [
        ("An", "Nguyễn", "Văn"),
        ("An", "Phạm", "Văn"),
        ("Ánh", "Lê", ""),
        ("Ân", "Trần", ""),
        ("Ba", "Võ", ""),
        ("Dũng", "Lý", ""),
        ("Đức", "Hồ", ""),
        ("Hà", "Đỗ", ""),
    ]
    shuffled = expected[:]
    random.Random(4).shuffle(shuffled)
    assert sorted(shuffled, key=lambda name: collation_key(*name)) == expected


@pytest.mark.parametrize(
    "ordered",
    [
        ["An", "Ăm"],
        ["Ong", "Ôm", "Ơn"],
        ["Uy", "Ưng"],
        ["Dương", "Đan"],
        ["a", "à", "ả", "ã", "á", "ạ"],
        ["An", "An Bình", "Anh"],
        ["9", "a"],
        ["Ân", "Bá"],
        ["y", "z"],
    ],
)
def test_collation_pairs(ordered):
    keys = [collation_key(word) for word in ordered]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_collation_ignores_case_and_normal_form():
    assert collation_key("ĐẶNG", "hương") == collation_key(nfd("đặng"), nfd("Hương"))


@given(st.lists(st.tuples(names, names, names), min_size=2, max_size=8))
def test_sorting_by_the_key_is_sorting_by_given_family_middle(people):
    by_key = sorted(people, key=lambda p: collation_key(*p))
    by_reference = sorted(people, key=lambda p: tuple(reference_key(part) for part in p))
    assert by_key == by_reference


@given(st.tuples(names, names, names))
def test_collation_key_is_plain_digits_that_fit_the_column(person):
    key = collation_key(*person)
    assert key.isdigit() and key.isascii()
    assert len(collation_key("x" * 50, "x" * 50, "x" * 80)) <= Person._meta.get_field("sort_key").max_length


def test_split_full_name():
    assert split_full_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")
    assert split_full_name(" Lê  Lợi ") == ("Lê", "", "Lợi")
    assert split_full_name("Mai") == ("", "", "Mai")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="checks the PostgreSQL collation")
def test_database_order_of_sort_key_is_python_order(db):
    unit, rng = UnitFactory(), random.Random(2025)
    people = [
        PersonFactory(
            agency=unit.agency,
            family_name=rng.choice(LETTERS).upper() + "ê",
            middle_name=rng.choice(["", "Văn", "Thị", "Hoàng Phủ"]),
            given_name="".join(rng.choices(LETTERS, k=rng.randint(1, 4))),
        )
        for _ in range(120)
    ]
    expected = sorted(people, key=lambda p: (collation_key(p.given_name, p.family_name, p.middle_name), p.pk))
    assert list(Person.objects.order_by("sort_key", "pk")) == expected


@pytest.mark.parametrize(
    ("text", "free_text", "problem"),
    [
        ("Nguyễn Thị Hương", False, None),
        ("Đoạn một.\n\tĐoạn hai 👩\u200d💻", True, None),  # line break, tab and a joined emoji in free text
        ("Lan\u202e", False, ("bidi", "\u202e")),
        ("Lan\u2067", True, ("bidi", "\u2067")),  # direction controls are refused even in free text
        ("La\u200bn", False, ("zero_width", "\u200b")),
        ("La\u200dn", False, ("zero_width", "\u200d")),
        ("Lan\u00ad", False, ("invisible", "\u00ad")),
        ("Lan\nAnh", False, ("control", "\n")),
        ("Lan\x07", True, ("control", "\x07")),
        ("Ng\ufffd\ufffdn", True, ("replacement", "\ufffd")),
    ],
)
def test_text_problem_names_the_first_character_not_allowed(text, free_text, problem):
    assert text_problem(text, free_text=free_text) == problem


def test_pasted_noise_is_dropped_from_free_text_and_the_joiners_kept():
    assert drop_pasted_noise("\ufeffMột\u200b câu\u2060 👨\u200d👩") == "Một câu 👨\u200d👩"
