"""Money in Vietnamese: an amount in words, as written on financial documents, and in grouped digits.

`in_words(1005000)` → "Một triệu không trăm linh năm nghìn đồng"; `format_vnd(1490000)` → "1.490.000 đồng".

The written conventions followed (payment vouchers, reward decisions, accounting software):
- 10–19 use "mười", 20–99 "mươi": 15 → "mười lăm", 20 → "hai mươi".
- After "mươi" a 1 is "mốt" (21 → "hai mươi mốt"); after "mười" it stays "một" (11 → "mười một").
- After "mười" or "mươi" a 5 is "lăm" (15 → "mười lăm", 25 → "hai mươi lăm").
- After "mươi" a 4 is "tư" (24 → "hai mươi tư"), the common written form; 14 stays "mười bốn".
- A zero tens digit before a non-zero unit, after hundreds, is "linh" (105 → "một trăm linh năm"), not "lẻ".
- A group of three digits that follows a higher group is read in full, hundreds included:
  1.005.000 → "một triệu không trăm linh năm nghìn"; groups of three zeros are left out
  (1.000.001 → "một triệu không trăm linh một").
- The groups are "nghìn" (not "ngàn"), "triệu" and "tỷ"; above 999 tỷ the number of tỷ is read as a number
  and "tỷ" repeats: 10^12 → "một nghìn tỷ", 10^18 → "một tỷ tỷ".
Words are lower case NFC (precomposed) Vietnamese; the sentence starts with a capital and ends with "đồng".
"""

from django.utils import numberformat

CURRENCY = "đồng"
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9  # one "tỷ"
_GROUP_NAMES = ("triệu", "nghìn", "")  # the three groups of digits below one tỷ, highest first


def _check_amount(amount: int) -> None:
    """Refuse anything but a non-negative int (bool excluded)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"The amount must be a whole number of đồng, not {amount!r}.")
    if amount < 0:
        raise ValueError(f"The amount must not be negative: {amount}.")


def _unit(tens: int, units: int) -> str:
    """The word of a non-zero unit digit after `tens`: mốt, tư and lăm after mươi/mười."""
    if tens >= 2 and units in (1, 4):
        return "mốt" if units == 1 else "tư"
    if tens >= 1 and units == 5:
        return "lăm"
    return DIGITS[units]


def _three_digits(number: int, full: bool) -> list[str]:
    """The words of 1–999; `full` (a group after a higher one) reads "không trăm" and "linh" too."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = [DIGITS[hundreds], "trăm"] if hundreds or full else []
    if tens == 1:
        words.append("mười")
    elif tens >= 2:
        words += [DIGITS[tens], "mươi"]
    elif units and words:
        words.append("linh")
    if units:
        words.append(_unit(tens, units))
    return words


def _below_billion(number: int, full: bool) -> list[str]:
    """The words of 1–999.999.999: its non-zero groups, each followed by triệu/nghìn."""
    words: list[str] = []
    for index, name in enumerate(_GROUP_NAMES):
        group = number // 1000 ** (2 - index) % 1000
        if group:
            words += _three_digits(group, full or bool(words))
            words += [name] if name else []
    return words


def in_words(amount: int) -> str:
    """The amount in Vietnamese words: 760000 → "Bảy trăm sáu mươi nghìn đồng"; 0 → "Không đồng".

    Raises ValueError for a negative amount and TypeError for anything but an int.
    """
    _check_amount(amount)
    chunks = []  # base-10^9 digits, lowest first: each is read below one tỷ, then "tỷ" repeated
    while amount:
        amount, chunk = divmod(amount, BILLION)
        chunks.append(chunk)
    words: list[str] = []
    for power in reversed(range(len(chunks))):
        if chunks[power]:
            words += _below_billion(chunks[power], full=bool(words)) + ["tỷ"] * power
    text = " ".join([*(words or [DIGITS[0]]), CURRENCY])
    return text[0].upper() + text[1:]


def format_vnd(amount: int) -> str:
    """The amount in digits grouped by "." whatever the active language: 1490000 → "1.490.000 đồng".

    Uses Django's own number formatter with the Vietnamese separators (thidua/formats/vi/formats.py).
    Raises ValueError for a negative amount and TypeError for anything but an int.
    """
    _check_amount(amount)
    digits = numberformat.format(amount, ",", grouping=3, thousand_sep=".", force_grouping=True)
    return f"{digits} {CURRENCY}"
