"""Numerals: the value of a number written in Chinese numerals, Arabic digits or both.

Chinese numerals are grammar, not vocabulary (like the digits 0-9), so their
characters live here rather than in a lexicon file. Arithmetic is exact
(:class:`~decimal.Decimal`); a value is returned as ``int`` when it is integral.

>>> parse_chinese_number("一百零八"), parse_chinese_number("25.5万"), parse_chinese_number("三点五")
(108, 255000, Decimal('3.5'))
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

__all__ = [
    "CHINESE_DIGITS",
    "CHINESE_NUMERAL_CHARS",
    "CHINESE_POWERS",
    "FORMAL_NUMERAL_CHARS",
    "as_plain_number",
    "parse_chinese_number",
    "parse_chinese_range",
]

# Digit characters and their values; 两 is "two" before a measure word or a power (两千, 两个).
CHINESE_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
# Powers of ten: 十 百 千 multiply inside a section, 万 and 亿 close a section.
CHINESE_POWERS: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
}  # fmt: skip
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_POWERS)
# The formal (banker's) numerals are also common characters of words (队伍, 陆续, 大陆), so a
# number right after one may still start there: 队伍三百余支.
FORMAL_NUMERAL_CHARS = "壹贰叁肆伍陆柒捌玖拾佰仟"
_SECTION_POWERS = frozenset(power for power, value in CHINESE_POWERS.items() if value >= 10**4)

# An Arabic number inside a mixed one: digits, thousands commas, decimals. Chinese digits, powers
# and the decimal point 点 are single characters, looked up one by one.
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_POINT = "点"
_POWER_CHARACTERS = "".join(CHINESE_POWERS)
# The multipliers written after an Arabic number (5.3亿, 3千万); others take the general reading.
_MULTIPLIERS = {
    "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8,
    "十万": 10**5, "百万": 10**6, "千万": 10**7, "万亿": 10**12,
}  # fmt: skip
# Neighbouring digits that give an approximate range: 三四 (3-4), 十七八 (17-18), 二三十 (20-30).
_RANGE = re.compile(
    r"(?P<tens>[二两三四五六七八九]?十)?(?P<low>[一二两三四五六七八九])(?P<high>[二两三四五六七八九])"
    r"(?P<power>[十百千万亿]*)"
)


def as_plain_number(value: Decimal | int) -> int | Decimal:
    """``int`` when the value is integral, else the exact :class:`Decimal`.

    >>> as_plain_number(Decimal("530000000.0")), as_plain_number(Decimal("2.50"))
    (530000000, Decimal('2.5'))
    """
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def parse_chinese_number(text: str) -> int | Decimal:
    """The value of one number in Chinese numerals, Arabic digits, or a mix of both.

    Handles positional forms (十三, 一百零八, 三万五千, 两千), abbreviated forms
    (一万五 is 15000), digit-by-digit forms (一〇四), a decimal point (三点五),
    and Arabic numbers with a power (1.5万, 3千万, 5.3亿). Full-width digits are
    accepted. Raises :class:`ValueError` for anything else.

    >>> parse_chinese_number("十三"), parse_chinese_number("3千万"), parse_chinese_number("一〇四")
    (13, 30000000, 104)
    """
    if text.isascii() and text.isdigit():
        return int(text)  # the common case, 7 or 1967
    if len(text) == 1 and text in CHINESE_DIGITS:
        return CHINESE_DIGITS[text]  # 三, 两
    # 12.5, 1,234, 5.3亿, 3千万: an Arabic number and its multiplier, without the general reading.
    head = text.rstrip(_POWER_CHARACTERS)
    multiplier = _MULTIPLIERS.get(text[len(head) :]) if len(head) < len(text) else 1
    if multiplier is not None and head.isascii() and _ARABIC.fullmatch(head):
        return as_plain_number(_arabic_value(head) * multiplier)
    normalized = unicodedata.normalize("NFKC", text).strip()
    tokens = _tokenize(normalized, text)
    if any(kind == "point" for kind, _ in tokens):
        return _parse_with_point(tokens, text)
    if all(kind == "digit" for kind, _ in tokens) and len(tokens) > 1:
        # 一〇四, 二〇二二: read digit by digit.
        return int("".join(str(CHINESE_DIGITS[value]) for _, value in tokens))
    return as_plain_number(_parse_positional(tokens, text))


def _arabic_value(digits: str) -> int | Decimal:
    """``1,234`` is 1234, ``12.50`` is Decimal("12.5"), ``3.0`` is 3."""
    whole, _, fraction = digits.replace(",", "").partition(".")
    fraction = fraction.rstrip("0")
    return Decimal(f"{whole}.{fraction}") if fraction else int(whole)


def parse_chinese_range(text: str) -> tuple[int, int] | None:
    """The range written by two neighbouring digits (三四 is 3 to 4), or None.

    >>> parse_chinese_range("二三十"), parse_chinese_range("十七八"), parse_chinese_range("三十")
    ((20, 30), (17, 18), None)
    """
    match = _RANGE.fullmatch(text)
    if match is None:
        return None
    low, high = CHINESE_DIGITS[match["low"]], CHINESE_DIGITS[match["high"]]
    if not 0 < high - low <= 2:
        return None
    if match["tens"] and match["power"]:
        return None  # 十七八万: too rare to guess the reading of
    base = int(parse_chinese_number(match["tens"])) if match["tens"] else 0
    scale = int(parse_chinese_number("一" + match["power"])) if match["power"] else 1
    return base + low * scale, base + high * scale


def _tokenize(normalized: str, original: str) -> list[tuple[str, str]]:
    """``[(kind, text)]`` with kind ``arabic``, ``digit``, ``power`` or ``point``; ValueError if a character is none."""
    tokens: list[tuple[str, str]] = []
    position, length = 0, len(normalized)
    while position < length:
        char = normalized[position]
        if char in CHINESE_DIGITS:
            tokens.append(("digit", char))
        elif char in CHINESE_POWERS:
            tokens.append(("power", char))
        elif char == _POINT:
            tokens.append(("point", char))
        else:
            match = _ARABIC.match(normalized, position)
            if match is None:
                raise ValueError(f"not a number: {original!r}")
            tokens.append(("arabic", match.group()))
            position = match.end()
            continue
        position += 1
    if not tokens:
        raise ValueError(f"not a number: {original!r}")
    return tokens


def _parse_with_point(tokens: list[tuple[str, str]], original: str) -> Decimal:
    """三点五, 九十五点五: an integer part, 点, then digits read one by one."""
    index = next(i for i, (kind, _) in enumerate(tokens) if kind == "point")
    whole, fraction = tokens[:index], tokens[index + 1 :]
    if not whole or not fraction or any(kind != "digit" for kind, _ in fraction):
        raise ValueError(f"not a number: {original!r}")
    integer = _parse_positional(whole, original)
    digits = "".join(str(CHINESE_DIGITS[value]) for _, value in fraction)
    return as_plain_number(Decimal(integer) + Decimal("0." + digits))


def _parse_positional(tokens: list[tuple[str, str]], original: str) -> int | Decimal:
    """Sum the sections: 三万五千 is 3×10000 + 5×1000.

    ``total`` holds closed sections (those ended by 万 or 亿), ``section`` the
    part below 万 being built, ``number`` the digit or Arabic number just read.
    Small powers (十 百 千) must fall inside a section; 万 and 亿 close it. The sums are
    ``int`` unless an Arabic number has decimals (exact either way, ints are cheaper).
    """
    total: int | Decimal = 0
    section: int | Decimal = 0
    number: int | Decimal | None = None
    smallest_power = 10**4  # the small power last used in this section; the next must be smaller
    previous = ""  # kind of the previous token: "", "number", "zero", "small", "万", "亿"
    for kind, value in tokens:
        if kind in ("arabic", "digit"):
            if previous in ("number", "zero") and not (previous == "zero" and kind == "digit"):
                raise ValueError(f"two numbers in a row: {original!r}")
            if kind == "arabic":
                digits = value.replace(",", "")
                number = Decimal(digits) if "." in digits else int(digits)
                previous = "number"
            elif CHINESE_DIGITS[value] == 0:
                previous = "zero"  # 一百零八: the zero only marks a gap
            else:
                number = CHINESE_DIGITS[value]
                previous = "number"
            continue
        power = CHINESE_POWERS[value]
        if power < 10**4:
            if number is None:
                if not (previous == "" or (previous == "zero" and power == 10)):
                    raise ValueError(f"misplaced {value}: {original!r}")
                number = 1  # 十三, 百余人, 一千零十: a leading power counts one
            if power >= smallest_power:
                raise ValueError(f"powers out of order: {original!r}")
            section += number * power
            smallest_power = power
            previous = "small"
        else:
            if number is None and previous != "small":
                if previous == "":
                    number = 1  # 万 alone (万余人)
                elif not (previous == "万" and power == 10**8):  # 万亿 is the one pair of section powers
                    raise ValueError(f"misplaced {value}: {original!r}")
            if power == 10**8:
                total = (total + section + (number or 0)) * power
            else:
                if previous == "万" or (total and total % 10**8 != 0):
                    raise ValueError(f"万 twice in one section: {original!r}")
                total += (section + (number or 0)) * power
            section = 0
            smallest_power = 10**4
            previous = "万" if power == 10**4 else "亿"
        number = None
    if number is not None:
        before_kind, before_value = tokens[-2] if len(tokens) > 1 else ("", "")
        if before_kind == "power" and tokens[-1][0] == "digit" and CHINESE_POWERS[before_value] >= 100:
            number *= CHINESE_POWERS[before_value] // 10  # 一万五 = 15000, 三千五 = 3500
        section += number
    return total + section
