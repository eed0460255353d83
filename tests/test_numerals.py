"""Numbers in Chinese numerals, Arabic digits and mixed forms (extractor.numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.numerals import as_plain_number, parse_chinese_number, parse_chinese_range


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # single digits, zero and 两
        ("〇", 0),
        ("零", 0),
        ("一", 1),
        ("两", 2),
        ("二", 2),
        ("九", 9),
        # tens: a leading 十 counts one ten
        ("十", 10),
        ("十三", 13),
        ("二十", 20),
        ("二十五", 25),
        ("九十九", 99),
        # hundreds and thousands, with 零 marking a gap
        ("一百", 100),
        ("一百零八", 108),
        ("一百一十", 110),
        ("三百四十五", 345),
        ("两千", 2000),
        ("两百", 200),
        ("一千零五十", 1050),
        ("一千零一十", 1010),
        ("一千零十", 1010),
        ("九千九百九十九", 9999),
        # sections closed by 万 and 亿
        ("三万五千", 35000),
        ("十万", 100000),
        ("二十万零三百", 200300),
        ("两百万", 2000000),
        ("一亿三千万", 130000000),
        ("五千零一十万", 50100000),
        ("五万亿", 5 * 10**12),
        # a bare power (百余人, 万余名, 逾千人)
        ("百", 100),
        ("千", 1000),
        ("万", 10000),
        ("亿", 10**8),
        ("百万", 10**6),
        ("千万", 10**7),
        ("万亿", 10**12),
        # abbreviated: the last digit counts the next lower power
        ("一万五", 15000),
        ("三千五", 3500),
        ("一百五", 150),
        # digit by digit
        ("一〇四", 104),
        ("二〇二二", 2022),
        ("二○二三", 2023),
        # decimal point 点
        ("三点五", Decimal("3.5")),
        ("九十五点五", Decimal("95.5")),
        ("零点五", Decimal("0.5")),
        # Arabic digits, thousands separators, decimals, full-width digits
        ("7", 7),
        ("1967", 1967),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        ("2.5", Decimal("2.5")),
        ("１２", 12),
        ("２５．５", Decimal("25.5")),
        # Arabic with powers: exact, int when integral
        ("1.5万", 15000),
        ("25.5万", 255000),
        ("3千万", 30000000),
        ("5.3亿", 530000000),
        ("1.2万亿", 1200000000000),
        ("1亿2000万", 120000000),
        ("0.35万", 3500),
        ("3.14159万", Decimal("31415.9")),
        # financial forms
        ("壹佰贰拾叁", 123),
    ],
)
def test_parse_chinese_number(text: str, expected: int | Decimal) -> None:
    value = parse_chinese_number(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text",
    ["", " ", "万万", "十十", "百十", "千百", "三万五千万", "七八九十", "点五", "三点", "三点十", "1.5.6", "abc", "个", "三个", "1 2", "二二十"],
)
def test_parse_chinese_number_refuses_what_is_no_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_number(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三四", (3, 4)),
        ("一两", (1, 2)),
        ("两三", (2, 3)),
        ("三五", (3, 5)),
        ("七八", (7, 8)),
        ("十七八", (17, 18)),
        ("二十七八", (27, 28)),
        ("二三十", (20, 30)),
        ("三四百", (300, 400)),
        ("五六千", (5000, 6000)),
        ("三四万", (30000, 40000)),
        ("三十", None),
        ("二十三", None),
        ("四三", None),
        ("三九", None),
        ("一〇四", None),
        ("十七八万", None),
        ("三", None),
    ],
)
def test_parse_chinese_range(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_chinese_range(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("530000000.0"), 530000000), (Decimal("2.50"), Decimal("2.5")), (7, 7), (Decimal("0"), 0)],
)
def test_as_plain_number(value: Decimal | int, expected: int | Decimal) -> None:
    plain = as_plain_number(value)
    assert plain == expected and type(plain) is type(expected)


_DIGITS = "零一二三四五六七八九"


def _to_chinese(number: int) -> str:
    """A reference writer of standard Chinese numerals (一万零五百, 十三), to check the reader."""
    if number == 0:
        return "零"

    def below_10000(part: int, leading: bool) -> str:
        written, zero = "", False
        for power, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = part // power % 10
            if digit == 0:
                zero = bool(written) or not leading
                continue
            if zero and (written or not leading):
                written += "零"
            zero = False
            written += ("" if (digit == 1 and power == 10 and leading and not written) else _DIGITS[digit]) + name
        return written

    sections: list[str] = []
    for power, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part = number // power % 10**4
        if part:
            leading = not sections
            if not leading and part < 1000:
                sections.append("零")
            sections.append(below_10000(part, leading) + name)
    return "".join(sections).lstrip("零")


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_reads_what_a_standard_writer_writes(number: int) -> None:
    assert parse_chinese_number(_to_chinese(number)) == number


@given(st.integers(min_value=0, max_value=10**15))
def test_reads_arabic_digits_and_thousands_separators(number: int) -> None:
    assert parse_chinese_number(str(number)) == number
    assert parse_chinese_number(f"{number:,}") == number


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from([("万", 10**4), ("亿", 10**8), ("千万", 10**7)]))
def test_arabic_number_times_power_is_exact(number: Decimal, power: tuple[str, int]) -> None:
    word, factor = power
    value = parse_chinese_number(f"{number}{word}")
    assert value == number * factor
    assert isinstance(value, int) == (number * factor == int(number * factor))


@given(st.text(alphabet="〇零一二两三四五六七八九十百千万亿点0123456789.,壹个 ", max_size=12))
def test_any_string_reads_or_raises_value_error(text: str) -> None:
    try:
        value = parse_chinese_number(text)
    except ValueError:
        return
    assert isinstance(value, (int, Decimal)) and value >= 0
