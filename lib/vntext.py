"""Vietnamese text: NFC normalisation, accent folding for search, a collation key for sorting, and the
characters a name or a code must not hide.

The collation key follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y)
with tones as a secondary level in the order ngang < huyền < hỏi < ngã < sắc < nặng, as ICU's `vi`
collation does. The key of several strings sorts like the tuple of the strings (each compared in full,
letters then tones, before the next one). It is a plain ASCII string of digits, so it sorts the same on
SQLite and PostgreSQL whatever the database collation.
"""

import re
import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Two-digit primary codes: "00" ends a string, "01" is a word break, then digits, then letters.
_END, _SEPARATOR = "00", "01"
_DIGIT_CODE = {str(d): f"{d + 2:02d}" for d in range(10)}  # digits sort before letters
_LETTER_CODE = {letter: f"{index + 12:02d}" for index, letter in enumerate(_ALPHABET)}
_OTHER_LETTERS = "fjwz"  # foreign letters sort after y
_LETTER_CODE.update({letter: f"{len(_ALPHABET) + 12 + i:02d}" for i, letter in enumerate(_OTHER_LETTERS)})

# Combining marks that make a different letter (primary level) ...
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â/ê/ô", "\u031b": "ơ/ư"}
# ... and the tone marks (secondary level), in ICU vi order.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
_WHITESPACE = re.compile(r"\s+")

# Characters that change how text reads without being seen: bidirectional marks, embeddings, overrides and
# isolates (a name after U+202E shows reversed), and the zero-width ones.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Pasted noise dropped from free text: zero-width space, word joiner, byte order mark. The zero-width
# (non-)joiners stay there: they shape emoji and some scripts, and hide nothing in a paragraph.
PASTED_NOISE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
REPLACEMENT = "\ufffd"  # what a decoder leaves for bytes that were not text
BIDI, ZERO_WIDTH_CHAR, INVISIBLE, CONTROL, NOT_DECODED = (
    "bidi",
    "zero_width",
    "invisible",
    "control",
    "replacement",
)


def nfc(value: str | None) -> str:
    """NFC-normalise and trim; collapse runs of white space. None becomes ''."""
    if value is None:
        return ""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value: str | None) -> str:
    """Lower-case, strip every accent and map đ→d: 'Đặng Thị Hương' → 'dang thi huong'."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value).replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", bare.lower()).strip()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a search query, without duplicates, in order."""
    words = re.findall(r"[\w/.-]+", fold(query))
    return list(dict.fromkeys(words))


def _letter(base: str, marks: list[str]) -> str:
    if base == "đ":
        return "đ"
    for mark in marks:
        if mark == "\u0306" and base == "a":
            return "ă"
        if mark == "\u0302" and base in "aeo":
            return {"a": "â", "e": "ê", "o": "ô"}[base]
        if mark == "\u031b" and base in "ou":
            return {"o": "ơ", "u": "ư"}[base]
    return base


def _split_letters(text: str):
    """Yield (letter, tone) pairs of a lower-case NFD string."""
    text = unicodedata.normalize("NFD", text.lower())
    index = 0
    while index < len(text):
        base = text[index]
        index += 1
        marks = []
        while index < len(text) and unicodedata.combining(text[index]):
            marks.append(text[index])
            index += 1
        tone = next((_TONES[m] for m in marks if m in _TONES), "0")
        yield _letter(base, marks), tone


def _part_key(text: str) -> str:
    """Letters (primary level), the end mark, then one tone digit per letter (secondary level)."""
    primary, secondary = [], []
    for letter, tone in _split_letters(nfc(text)):
        code = _LETTER_CODE.get(letter) or _DIGIT_CODE.get(letter)
        if code is None:  # space, hyphen, apostrophe, other symbols: a word break
            if primary and primary[-1] != _SEPARATOR:
                primary.append(_SEPARATOR)
            continue
        primary.append(code)
        secondary.append(tone)
    return "".join(primary) + _END + "".join(secondary)


def collation_key(*parts: str) -> str:
    """A sort key for a sequence of strings (e.g. given name, family name, middle name).

    Each part's key is self-delimiting (two strings with equal letters have as many tone digits), so the
    concatenation sorts like the tuple of the parts.
    """
    return "".join(_part_key(part) for part in parts)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split 'Nguyễn Thị Minh Khai' into ('Nguyễn', 'Thị Minh', 'Khai') — a heuristic: last word is the
    given name. Compound given names must be entered in their own field."""
    words = nfc(full_name).split(" ")
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def text_problem(value: str, *, free_text: bool = False) -> tuple[str, str] | None:
    """(kind, character) of the first character the text must not contain, or None.

    Everywhere: U+FFFD (text that was not decoded), bidirectional controls, control characters other than a
    line break or a tab in free text. In a name or a code (not `free_text`): also line breaks and tabs, the
    zero-width characters and every other invisible format character (category Cf, e.g. a soft hyphen)."""
    for character in value:
        if character == REPLACEMENT:
            return NOT_DECODED, character
        if character in BIDI_CONTROLS:
            return BIDI, character
        category = unicodedata.category(character)
        if category == "Cc" and not (free_text and character in "\n\t"):
            return CONTROL, character
        if free_text:
            continue
        if character in ZERO_WIDTH:
            return ZERO_WIDTH_CHAR, character
        if category == "Cf":
            return INVISIBLE, character
    return None


def drop_pasted_noise(value: str) -> str:
    """Free text without the zero-width spaces, word joiners and byte order marks a paste brings along."""
    return value.translate(PASTED_NOISE)
