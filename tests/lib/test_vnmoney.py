import random
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.vnmoney import format_vnd, in_words

# Known amounts: the worked amounts of law.md §5 (coefficient × mức lương cơ sở, rounded) and the edge cases.
KNOWN = [
    (450_000, "Bốn trăm năm mươi nghìn đồng"),
    (710_000, "Bảy trăm mười nghìn đồng"),
    (760_000, "Bảy trăm sáu mươi nghìn đồng"),
    (900_000, "Chín trăm nghìn đồng"),
    (1_410_000, "Một triệu bốn trăm mười nghìn đồng"),
    (1_520_000, "Một triệu năm trăm hai mươi nghìn đồng"),
    (1_200_000, "Một triệu hai trăm nghìn đồng"),
    (1_880_000, "Một triệu tám trăm tám mươi nghìn đồng"),
    (2_030_000, "Hai triệu không trăm ba mươi nghìn đồng"),
    (1_490_000, "Một triệu bốn trăm chín mươi nghìn đồng"),
    (2_340_000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (2_530_000, "Hai triệu năm trăm ba mươi nghìn đồng"),
    (2_240_000, "Hai triệu hai trăm bốn mươi nghìn đồng"),
    (3_510_000, "Ba triệu năm trăm mười nghìn đồng"),
    (3_800_000, "Ba triệu tám trăm nghìn đồng"),
    (4_470_000, "Bốn triệu bốn trăm bảy mươi nghìn đồng"),
    (7_020_000, "Bảy triệu không trăm hai mươi nghìn đồng"),
    (7_590_000, "Bảy triệu năm trăm chín mươi nghìn đồng"),
    (11_920_000, "Mười một triệu chín trăm hai mươi nghìn đồng"),
    (18_720_000, "Mười tám triệu bảy trăm hai mươi nghìn đồng"),
    (20_240_000, "Hai mươi triệu hai trăm bốn mươi nghìn đồng"),
    # law.md §11.5: the Central Board's Q&A figures before rounding
    (447_000, "Bốn trăm bốn mươi bảy nghìn đồng"),
    (834_000, "Tám trăm ba mươi tư nghìn đồng"),
    (1_112_000, "Một triệu một trăm mười hai nghìn đồng"),
    # edge cases
    (0, "Không đồng"),
    (1, "Một đồng"),
    (5, "Năm đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (14, "Mười bốn đồng"),
    (15, "Mười lăm đồng"),
    (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"),
    (24, "Hai mươi tư đồng"),
    (25, "Hai mươi lăm đồng"),
    (51, "Năm mươi mốt đồng"),
    (54, "Năm mươi tư đồng"),
    (55, "Năm mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (105, "Một trăm linh năm đồng"),
    (110, "Một trăm mười đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (999, "Chín trăm chín mươi chín đồng"),
    (1000, "Một nghìn đồng"),
    (1001, "Một nghìn không trăm linh một đồng"),
    (1010, "Một nghìn không trăm mười đồng"),
    (1015, "Một nghìn không trăm mười lăm đồng"),
    (1021, "Một nghìn không trăm hai mươi mốt đồng"),
    (1500, "Một nghìn năm trăm đồng"),
    (10_005, "Mười nghìn không trăm linh năm đồng"),
    (100_000, "Một trăm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_000_001, "Một triệu không trăm linh một đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
    (10_000_000, "Mười triệu đồng"),
    (
        999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
    ),
    (1_000_000_000, "Một tỷ đồng"),
    (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
    (1_000_001_000, "Một tỷ không trăm linh một nghìn đồng"),
    (1_234_567_890, "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng"),
    (1_001_000_000_000, "Một nghìn không trăm linh một tỷ đồng"),
    (5_000_000_000_021, "Năm nghìn tỷ không trăm hai mươi mốt đồng"),
    (2_000_000_000_000_000_000, "Hai tỷ tỷ đồng"),
]

# ---- A reference written independently: recursive on the whole number, by its highest power, with the
# special words (mốt, tư, lăm) applied afterwards as substitutions on a plain digit-by-digit reading.
NAMES = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
POWERS = ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"))
SPECIAL = ((r"mươi một$", "mươi mốt"), (r"mươi bốn$", "mươi tư"), (r"(mươi|mười) năm$", r"\1 lăm"))


def reference_small(n: int, inner: bool) -> str:
    """1–999 digit by digit; `inner` spells the hundreds even when zero."""
    h, t, u = (int(d) for d in f"{n:03d}")
    plain = (f"{NAMES[h]} trăm " if h or inner else "") + ("mười " if t == 1 else "")
    plain += f"{NAMES[t]} mươi " if t > 1 else ("linh " if plain and t == 0 and u else "")
    plain = (plain + (NAMES[u] if u else "")).strip()
    for pattern, replacement in SPECIAL:
        plain = re.sub(pattern, replacement, plain)
    return plain


def reference_words(n: int, inner: bool = False) -> str:
    for power, name in POWERS:
        if n >= power:
            head, rest = divmod(n, power)
            return " ".join(
                filter(None, [reference_words(head, inner), name, rest and reference_words(rest, True)])
            )
    return reference_small(n, inner)


def reference(n: int) -> str:
    words = reference_words(n) if n else "không"
    return words.capitalize() + " đồng"


# ---- A small parser (words → number), to show that the words say the amount.
VALUES = dict(zip(NAMES, range(10), strict=True)) | {"mốt": 1, "tư": 4, "lăm": 5}


def parse_small(words: list[str]) -> int:
    total, digit = 0, 0
    for word in words:
        if word in VALUES:
            digit = VALUES[word]
        elif word in ("trăm", "mươi"):
            total, digit = total + digit * (100 if word == "trăm" else 10), 0
        elif word == "mười":
            total += 10
        else:
            assert word == "linh", word
    return total + digit


def parse(words: list[str]) -> int:
    for name, power in (("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3)):
        if name in words:
            at = len(words) - 1 - words[::-1].index(name)  # the last one: "một nghìn tỷ"
            return parse(words[:at]) * power + parse(words[at + 1 :])
    return parse_small(words)


def parse_amount(text: str) -> int:
    words = text.lower().split(" ")
    assert words.pop() == "đồng"
    return parse(words)


# ---- Tests
@pytest.mark.parametrize(("amount", "words"), KNOWN)
def test_known_amounts(amount, words):
    assert in_words(amount) == words


def test_the_reference_agrees_with_the_known_amounts():
    assert [reference(amount) for amount, _ in KNOWN] == [words for _, words in KNOWN]


def mismatches(amounts) -> list[tuple[int, str, str]]:
    return [(n, in_words(n), reference(n)) for n in amounts if in_words(n) != reference(n)][:5]


def test_every_amount_up_to_2000_matches_the_reference():
    assert mismatches(range(2001)) == []


def test_every_multiple_of_10000_up_to_100_million_matches_the_reference():
    amounts = range(0, 100_000_001, 10_000)
    assert len(amounts) == 10_001
    assert mismatches(amounts) == []


def test_random_amounts_up_to_10_to_the_13_match_the_reference():
    rng = random.Random(20211231)
    amounts = [rng.randrange(10**13) for _ in range(2500)]
    amounts += [rng.randrange(10 ** rng.randint(1, 13)) for _ in range(2500)]  # small ones too
    assert len(amounts) == 5000
    assert mismatches(amounts) == []


def test_the_parser_reads_the_known_amounts():
    assert [parse_amount(words) for _, words in KNOWN] == [amount for amount, _ in KNOWN]


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_words_are_a_clean_sentence_that_says_the_amount(amount):
    text = in_words(amount)
    assert text.endswith(" đồng")
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert "  " not in text and text == text.strip()
    assert unicodedata.is_normalized("NFC", text)
    assert parse_amount(text) == amount


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_words_use_only_the_vocabulary(amount):
    vocabulary = {*NAMES, "mốt", "tư", "lăm", "mười", "mươi", "trăm", "linh", "nghìn", "triệu", "tỷ", "đồng"}
    assert set(in_words(amount).lower().split(" ")) <= vocabulary


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0 đồng"),
        (999, "999 đồng"),
        (1000, "1.000 đồng"),
        (450_000, "450.000 đồng"),
        (1_490_000, "1.490.000 đồng"),
        (20_240_000, "20.240.000 đồng"),
        (10**13, "10.000.000.000.000 đồng"),
    ],
)
def test_format_vnd_groups_with_dots(amount, text):
    assert format_vnd(amount) == text


def test_format_vnd_ignores_the_active_language(settings):
    settings.LANGUAGE_CODE = "en"
    settings.USE_THOUSAND_SEPARATOR = False
    assert format_vnd(2_530_000) == "2.530.000 đồng"


@pytest.mark.parametrize("function", [in_words, format_vnd])
def test_negative_amounts_are_refused(function):
    with pytest.raises(ValueError, match="negative"):
        function(-1)


@pytest.mark.parametrize("function", [in_words, format_vnd])
@pytest.mark.parametrize("value", [1.5, "1000", True, None])
def test_non_integers_are_refused(function, value):
    with pytest.raises(TypeError):
        function(value)
