"""Dates: every time expression of an article, with an ISO 8601 / TIMEX3 style value.

One compiled regex scan per article finds *atoms*: a year, a month, a day, a
relative word (去年), a part of a year or a day (上半年, 傍晚), a clock time, a
connector (至), a duration (3年), a frequency (每周), a vague word (近年来).
Adjacent atoms are then joined, in Python over the few atoms only, into
points (2022年8月, 1月8日傍晚), ranges (5月8日至6月8日: ONE item), durations,
frequencies, offsets (1个月后, 自…以来) and vague expressions. Values:
``2022-08``, ``XXXX-01-08``, ``2023-Q1``, ``2023-H1``, ``2022/2024``,
``2024-07-09T14:30``, ``P3Y``; null when the value needs a reference date
that is not known, or names no date (近年来).

The vocabulary is data: ``time_units``, ``time_relative``, ``time_parts``,
``time_vague``, ``time_festivals`` and ``time_exclusions`` lexicon files.

>>> from extractor.lexicon import load_lexicon
>>> from extractor.segment import get_segmenter, segment_text
>>> seg = segment_text("2022年8月起，去年5月至今", get_segmenter("jieba"))
>>> [(d.text, d.value) for d in find_dates(seg, ExtractContext(load_lexicon(), date(2024, 7, 9)))]
[('2022年8月', '2022-08'), ('去年5月至今', '2023-05/2024-07-09')]
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import Lexicon, TimeFestivalRow, TimePartRow, TimeRelativeRow, TimeUnitRow, TimeVagueRow
from ..models import DateItem
from ..numerals import parse_chinese_number, parse_chinese_range
from ..segment import SegmentedText
from . import ExtractContext
from ._words import word_alternation
from .figures import is_counted_time

__all__ = ["find_dateline", "find_dates"]

# ----------------------------------------------------------------------------- grammar pieces
# Numerals and connectors are grammar (like the digits 0-9), not vocabulary.

_CN_NUM = "〇零一二三四五六七八九十百千两"
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"
_CN_DAY = "三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_CN_HOUR = "二十[一二三四]?|十[一二三四五六七八九]?|[〇零一二三四五六七八九两]"
_CN_MINUTE = "[一二三四五]?十[一二三四五六七八九]?|[零〇]?[一二三四五六七八九]"
_LUNAR_MONTH = "正|腊|冬|" + _CN_MONTH
_LUNAR_DAY = "初[一二三四五六七八九十]|廿[一二三四五六七八九]|" + _CN_DAY
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_NO_DIGIT_BEFORE = r"(?<![\d.．])"
_NO_CN_BEFORE = "(?<![%s])" % _CN_NUM
_WEEKDAY_DAYS = "一二三四五六日天1234567"  # after 周, 星期, 礼拜
_CONNECTOR = r"(?:至|到|[—–－\-~～]{1,2})"
_SUFFIX_MARKS = {"year": "年", "month": "月"}  # 2023年底, 7月初: a part right after the year or month it is of
_CONNECTOR_FIRST = " \u3000\t至到—–－-~～迄"  # where a connector (with its spaces) or 迄今 may start
_CONNECTOR_AFTER = r"年月日号时点分秒\d季度旬底初末天周午晚一二三四五六"  # what a connector may follow
_YEAR_4 = r"(?:1[6-9]|20|21)\d\d"
# What may follow a two-digit year for it to be a year (24年5月) and not a count of years (24年).
_AFTER_SHORT_YEAR = r"(?:度|\d{1,2}月|(?:%s)月|[底初末]|[上下]半年|第?[一二三四1-4]季度|[春夏秋冬])" % _CN_MONTH

# Where a point atom sits in a point, and which levels may stand right before it.
_ALLOWED_BEFORE: dict[str, frozenset[str]] = {
    "century": frozenset(),
    "decade": frozenset({"century"}),
    "year": frozenset(),
    "yearpart": frozenset({"year"}),
    "month": frozenset({"year"}),
    "monthpart": frozenset({"month"}),
    "week": frozenset(),
    "day": frozenset({"month"}),
    "festival": frozenset({"year", "day"}),
    "weekday": frozenset({"day"}),
    "daypart": frozenset({"day", "weekday", "festival"}),
    "clock": frozenset({"day", "weekday", "festival", "daypart"}),
}
_GRANULARITY_OF_UNIT = {
    "century": "period", "year": "year", "half": "half", "quarter": "quarter", "month": "month",
    "week": "week", "day": "day", "hour": "time", "minute": "time", "second": "time",
}  # fmt: skip
# Clock hours that a part of the day moves by 12: 下午3点 is 15:00, 晚上12点 is 24:00, 深夜2点 stays 02:00.
_AFTERNOON_HOURS = {"pm": range(1, 12), "noon": range(1, 6), "night": range(5, 13)}
_ISO_DESIGNATOR = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M", "second": "S"}
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "7": 7}
_PRESENT_SUFFIXES = ("来", "以来")
_PAST_SUFFIXES = ("前", "以前", "之前")
_FUTURE_SUFFIXES = ("后", "以后", "之后", "过后")


# Every numeric atom is a number (after an optional 近, 第, 前 …) followed by a unit or a separator: testing
# this first lets the many numbers that are no date (一个, 统一) fail once instead of once per alternative.
# The time units of the lexicon add their first characters to the class at the end.
_NUMBER_FIRST = "0123456789" + _CN_NUM + "第前公最近过未今几数半若"  # where _NUMBER_THEN_UNIT may start
_NUMBER_THEN_UNIT = (
    r"(?<![\d.．〇零一二三四五六七八九十百千两])(?:最近|近|过去的?这?|未来|今后|前|第|公元?)?[\d〇零一二三四五六七八九十百千两几数半若][\d〇零一二三四五六七八九十百千两干几]*"
    r"[多余个]*[半多]?[年月日号时点分秒:：季世天周星礼学赛/.．\-—–－~～至到%s]"
)
_NUMERIC_ALTERNATIVES = (
    "numdate", "numym", "bareyear", "year", "century", "decade", "barequarter", "quarter", "lunardate", "baremonth", "month",
    "bareday", "day", "barehour", "colonclock", "clock", "firstmonths", "duration",
)  # fmt: skip


@dataclass(frozen=True)
class _Grammar:
    """The compiled scan and the lookup tables of one lexicon (built once, see Lexicon.memo)."""

    pattern: re.Pattern[str]
    exclusions: re.Pattern[str] | None
    exclusion_reach: int
    units: dict[str, TimeUnitRow]
    relative: dict[str, TimeRelativeRow]
    parts: dict[str, TimePartRow]
    suffix_parts: dict[tuple[str, str], TimePartRow]
    vague: dict[str, TimeVagueRow]
    festivals: dict[str, TimeFestivalRow]
    time_count_cues: frozenset[str]  # 天数: a count of days after it is a figure, not a duration
    word_atoms: dict[str, tuple[str, str]]  # see _word_atoms
    surnames: frozenset[str]  # one-character surnames (lexicon surnames): 赵 in 书记赵国庆
    person_roles: frozenset[str]  # titles and person nouns (lexicon roles) that stand before a name

    @classmethod
    def build(cls, lexicon: Lexicon) -> _Grammar:
        units = {row.word: row for row in lexicon.rows("time_units")}  # type: ignore[attr-defined]
        relative = {row.word: row for row in lexicon.rows("time_relative")}  # type: ignore[attr-defined]
        parts = {row.word: row for row in lexicon.rows("time_parts")}  # type: ignore[attr-defined]
        vague = {row.word: row for row in lexicon.rows("time_vague")}  # type: ignore[attr-defined]
        festivals = {row.word: row for row in lexicon.rows("time_festivals")}  # type: ignore[attr-defined]
        # 2023年底, 7月初: a part of a year or month written right after one drops its 年 / 月.
        suffix_parts = {
            (row.of, row.word[1:]): row
            for row in parts.values()
            if len(row.word) > 1 and row.word[0] == _SUFFIX_MARKS.get(row.of)
        }
        week_words = [word for word, row in relative.items() if row.unit == "week"]
        lexicon_words = [*festivals, *parts, *vague, *relative]
        all_units = word_alternation(units)
        bare_units = word_alternation(word for word, row in units.items() if row.counting == "bare")
        cn = _CN_NUM
        alternatives = {
            # 自协同履职以来: an offset from an event; a date inside (自2020年以来) wins over it.
            "since": r"自从?(?P<since_body>[^，。；：,;:！？!?\n“”《》、]{1,20}?)以来",
            "numdate": _NO_DIGIT_BEFORE + r"(?P<nd_y>" + _YEAR_4 + r")(?P<nd_sep>[-/.．])(?P<nd_m>1[0-2]|0?[1-9])"
            r"(?P=nd_sep)(?P<nd_d>3[01]|[12]\d|0?[1-9])(?!\d)",
            "numym": _NO_DIGIT_BEFORE + r"(?P<nm_y>(?:19|20)\d\d)(?:[-/](?P<nm_m>1[0-2]|0?[1-9])|[.．](?P<nm_m2>1[0-2]|0[1-9]))"
            r"(?![\d%％万亿千百元])(?![.．]\d)",
            "bareyear": _NO_DIGIT_BEFORE + r"(?P<by>" + _YEAR_4 + r")(?=\s*" + _CONNECTOR + r"\s*(?:"
            + _YEAR_4 + r"|\d\d)(?:学年|年|赛季))",
            "year": r"(?:" + _NO_DIGIT_BEFORE + r"(?:(?P<y>" + _YEAR_4 + r")(?=学?年(?!历史|之久|代)|赛季)|(?P<y2>\d\d)(?=年"
            + _AFTER_SHORT_YEAR + r")|(?<=[于在])(?P<y3>\d\d)(?=年(?![来间内后前以之多余半的里中]))|(?P<y4>0\d)(?=年)"
            r"|(?:(?<=[，。；：\n,;:])|^)(?P<y5>[89]\d)(?=年[，,]))|" + _NO_CN_BEFORE
            + r"(?:(?P<yc>[〇零一二三四五六七八九]{4})|(?P<yc2>[〇零][〇零一二三四五六七八九]|[一二三四五六七八九]"
            r"[〇零一二三四五六七八九](?=年" + _AFTER_SHORT_YEAR + r"))))(?P<y_unit>学年度|学年|年度|年|赛季)",
            "century": r"(?<![\d.．" + cn + r"])公元?(?P<ce>\d{1,2}|二十[一二]?|十[一二三四五六七八九]?|[一二三四五六七八九])世纪"
            r"|(?<![\d.．" + cn + r"])(?P<ce2>\d{1,2}|二十[一二]?|十[一二三四五六七八九]?|[一二三四五六七八九])世纪",
            "decade": r"(?<![\d.．" + cn + r"])(?:(?P<de4>(?:1[6-9]|20)\d)0|(?P<de>[1-9]0|[一二三四五六七八九]十))年代",
            "barequarter": _NO_DIGIT_BEFORE + r"第?(?P<bq>[一二三四1-4])(?=\s*" + _CONNECTOR + r"\s*第?[一二三四1-4]季度)",
            "quarter": r"(?<![\d.．" + cn + r"])(?:前(?P<qn>[一二三两1-3])个?|第?(?P<q>[一二三四1-4]))季度",
            "weekday": r"(?:(?P<wk_rel>" + word_alternation(week_words) + r")|周|星期|礼拜)(?P<wd>[" + _WEEKDAY_DAYS + "]|末)"
            r"(?![\d" + cn + r"年次个名位项场件批人轮节期])",
            "yearsuffix": f"(?<={_SUFFIX_MARKS['year']})(?P<ys>" + word_alternation(w for of, w in suffix_parts if of == "year") + r")",
            "monthsuffix": f"(?<={_SUFFIX_MARKS['month']})(?P<ms>" + word_alternation(w for of, w in suffix_parts if of == "month") + r")",
            "baremonth": r"(?:" + _NO_DIGIT_BEFORE + r"(?P<bm>1[0-2]|0?[1-9])|" + _NO_CN_BEFORE + r"(?P<bmc>" + _CN_MONTH
            + r"))(?=\s*" + _CONNECTOR + r"\s*(?:1[0-2]|0?[1-9]|" + _CN_MONTH + r")月)",
            # Lunar dates: 农历八月十五, 正月初八, 八月初五 (初 and 廿 days are lunar only).
            "lunar": r"农历(?P<la_m>" + _LUNAR_MONTH + r")月(?P<la_d>" + _LUNAR_DAY + r")?|(?P<lb_m>[正腊冬])月(?P<lb_d>"
            + _LUNAR_DAY + r")?",
            "lunardate": _NO_CN_BEFORE + r"(?P<lc_m>" + _CN_MONTH + r")月(?P<lc_d>[初廿][一二三四五六七八九十])",
            "month": r"(?:" + _NO_DIGIT_BEFORE + r"(?P<m>1[0-2]|0?[1-9])|(?<![" + cn + r"第])(?P<mc>" + _CN_MONTH
            + r"))(?:月份|月)(?!份额)",
            # 今年前两个月, 2024年前5个月: the first months of a year (after 年: a bare 前两个月 may be a time ago).
            "firstmonths": r"(?<=年)前(?P<fm>1[01]|[2-9]|十[一]?|[两二三四五六七八九])个月",
            "bareday": _NO_DIGIT_BEFORE + r"(?P<bd>3[01]|[12]\d|0?[1-9])(?=\s*" + _CONNECTOR + r"\s*(?:3[01]|[12]\d|0?[1-9])[日号])",
            "day": r"(?:" + _NO_DIGIT_BEFORE + r"(?P<d>3[01]|[12]\d|0?[1-9])|" + _NO_CN_BEFORE + r"(?P<dc>" + _CN_DAY
            + r"))(?P<d_u>日|号)",
            "barehour": r"(?<![\d.．:：])(?P<bh>[01]?\d|2[0-4])(?=\s*" + _CONNECTOR + r"\s*(?:[01]?\d|2[0-4])(?:[时点]|[:：]\d\d))",
            "colonclock": r"(?<![\d.．:：])(?P<kh>[01]?\d|2[0-4])[:：](?P<km>[0-5]\d)(?:[:：](?P<ks>[0-5]\d))?(?![\d:：])",
            "clock": r"(?:" + _NO_DIGIT_BEFORE + r"(?P<ch>[01]?\d|2[0-4])|" + _NO_CN_BEFORE + r"(?P<chc>" + _CN_HOUR + r"))"
            r"(?P<ch_u>点钟|时|点)(?:(?P<cmin>[0-5]?\d|" + _CN_MINUTE + r")分(?!钟)|(?P<chalf>半)|(?P<cq>一刻|三刻)"
            r"|(?P<cz>整))?(?P<cx>许|左右)?",
            "frequency": r"每隔?(?P<fq_n>\d+|[" + cn + r"]+|半)?个?(?P<fq_u>" + all_units + r")(?:(?<=[周期拜])(?P<fq_wd>[" + _WEEKDAY_DAYS + "])"
            r"(?![\d" + cn + r"次个名位项场件批人轮节课期]))?",
            # Festivals, parts of a year/month/day, vague and relative words: one trie, told apart by lookup.
            "word": word_alternation(lexicon_words),
            "duration": r"(?:(?P<du_pre>最近|近|过去的?|未来|今后)(?P<du_this>这)?)?(?<![\d.．" + cn + r"])"
            r"(?:(?P<dn_low>\d+(?:\.\d+)?|[" + cn + r"]+)(?:至|到|[—–－\-~～]{1,2}))?"
            r"(?P<dn>[一二三四五六七八九]?十几|\d+(?:\.\d+)?|[" + cn + r"]+|[几数][十百千]?|半|若干)(?P<dn_m>多|余)?"
            r"(?:(?P<du_ge>个)(?P<dn_h>半|多)?(?P<du_c>" + all_units + r")|(?P<dn_h2>半|多)?(?P<du_b>" + bare_units + r"))"
            r"(?P<du_h>半)?(?P<du_sfx>以来|以前|以后|以内|之前|之后|之内|之久|过后|前|后|来|内|间|里)?",
            "tonow": r"(?<=[年月日号时分季度旬底初末天])\s*(?:至今|迄今|到现在)",  # after a subset of _CONNECTOR_AFTER
            "connector": f"(?<=[{_CONNECTOR_AFTER}])" + r"\s*" + _CONNECTOR + r"\s*"
            r"(?=[\d〇零一二三四五六七八九十两上下本今明去前后次同当第周星礼])",
        }
        # Dispatch: a position whose character can start no atom (most) fails one class test. Elsewhere
        # one test of where each group may start, tried without backtracking (every start begins with a
        # class), rejects the common characters that start nothing there (建 mostly starts 建设, not
        # 建党节; 中 stands after 年 or 月 in 年中, 月中). Then each group is tried behind its own start and
        # gate; groups whose first characters may overlap keep their order.
        weekday_or_word = [*week_words, "星期", "礼拜", *("周" + day for day in _WEEKDAY_DAYS + "末"), *lexicon_words]
        suffix_or_connector = [
            f"[{re.escape(_first_chars(word for of, word in suffix_parts if of == part_of))}](?<={mark}.)"
            for part_of, mark in _SUFFIX_MARKS.items()
            if part_of in {of for of, _ in suffix_parts}
        ]
        suffix_or_connector.append(f"[{re.escape(_CONNECTOR_FIRST)}](?<=[{_CONNECTOR_AFTER}].)")
        number_gate = _NUMBER_THEN_UNIT % re.escape(_first_chars(units))
        groups = (  # (first characters, where the group may start, a finer gate or "", alternatives)
            ("自每农正腊冬", "[自每农正腊冬]", "", ("since", "frequency", "lunar")),
            (_NUMBER_FIRST, f"[{re.escape(_NUMBER_FIRST)}]", number_gate, _NUMERIC_ALTERNATIVES),
            (_first_chars(weekday_or_word), _two_char_gate(weekday_or_word), "", ("weekday", "word")),
            (
                _first_chars(word for _, word in suffix_parts) + _CONNECTOR_FIRST,
                "|".join(suffix_or_connector),
                "",
                ("yearsuffix", "monthsuffix", "tonow", "connector"),
            ),
        )
        assert sorted(name for *_, names in groups for name in names) == sorted(alternatives)
        every_first = "".join(sorted({char for first, *_ in groups for char in first}))
        pattern = re.compile(
            "(?=[%s])(?=%s)(?:%s)"
            % (
                re.escape(every_first),
                "|".join(start for _, start, _, _ in groups),
                "|".join(
                    "(?=%s)%s(?:%s)"
                    % (
                        start,
                        f"(?={gate})" if gate else "",
                        "|".join(f"(?P<A_{name}>{alternatives[name]})" for name in names),
                    )
                    for _, start, gate, names in groups
                ),
            )
        )
        exclusion_words = lexicon.words("time_exclusions")
        exclusions = re.compile(word_alternation(exclusion_words)) if exclusion_words else None
        reach = max((len(word) for word in exclusion_words), default=0)
        time_count_cues = frozenset(
            row.word for row in lexicon.rows("figure_context") if getattr(row, "role", None) == "time_count"
        )
        word_atoms = _word_atoms(festivals, parts, vague, relative)
        surnames = frozenset(word for word in lexicon.words("surnames") if len(word) == 1)
        person_roles = frozenset(
            row.word for row in lexicon.rows("roles") if getattr(row, "kind", None) in ("title", "person")
        )
        return cls(
            pattern, exclusions, reach, units, relative, parts, suffix_parts, vague, festivals, time_count_cues,
            word_atoms, surnames, person_roles,
        )  # fmt: skip


def _word_atoms(
    festivals: dict[str, TimeFestivalRow],
    parts: dict[str, TimePartRow],
    vague: dict[str, TimeVagueRow],
    relative: dict[str, TimeRelativeRow],
) -> dict[str, tuple[str, str]]:
    """For each word of the lexicon trie, its atom kind and where it sits in a point (see _ALLOWED_BEFORE):
    去年 -> ("relword", "year"), 上半年 -> ("part", "yearpart"), 近年来 -> ("vague", "") …"""
    atoms = {word: ("relword", "yearpart" if row.unit in ("half", "quarter") else row.unit) for word, row in relative.items()}
    atoms |= {word: ("vague", "") for word in vague}
    atoms |= {word: ("part", _LEVEL_OF_PART[row.of]) for word, row in parts.items()}
    # A word in several tables is a festival first, then a part, then a vague word (the later update wins).
    return atoms | {word: ("festival", "festival") for word in festivals}


def _first_chars(words: Iterable[str]) -> str:
    """The characters that start ``words``, once each: a regex class body (escape it)."""
    return "".join(sorted({word[0] for word in words}))


def _two_char_gate(words: list[str]) -> str:
    """A pattern true where one of ``words`` may start: its first two characters (or a one-character word).

    >>> _two_char_gate(["建党节", "建军节", "晚"])
    '[建][党军]|[晚]'
    """
    longer = [word for word in words if len(word) > 1]
    singles = _first_chars(word for word in words if len(word) == 1)
    tests = [f"[{re.escape(_first_chars(longer))}][{re.escape(_first_chars(word[1:] for word in longer))}]"] if longer else []
    tests += [f"[{re.escape(singles)}]"] if singles else []
    return "|".join(tests) or "(?!)"


def _grammar(lexicon: Lexicon) -> _Grammar:
    return lexicon.memo("dates.grammar", lambda: _Grammar.build(lexicon))


# ----------------------------------------------------------------------------- atoms


class _Atom(NamedTuple):
    kind: str  # the regex alternative that matched: "year", "month", "relword", …
    start: int
    end: int
    match: re.Match[str]
    level: str = ""  # for point atoms: where the atom sits in a point (see _ALLOWED_BEFORE)


def _number(text: str) -> int | Decimal:
    """An Arabic or Chinese number: '15' -> 15, '十五' -> 15, '二〇二二' -> 2022."""
    return parse_chinese_number(text)


_LEVEL_OF_PART = {"year": "yearpart", "month": "monthpart", "day": "daypart"}
_LEVEL_OF_KIND = {
    "numdate": "day", "numym": "month", "year": "year", "bareyear": "year", "century": "century",
    "decade": "decade", "quarter": "yearpart", "barequarter": "yearpart", "firstmonths": "yearpart", "yearsuffix": "yearpart",
    "month": "month", "baremonth": "month", "monthsuffix": "monthpart", "day": "day", "bareday": "day",
    "festival": "festival", "lunar": "festival", "lunardate": "festival", "weekday": "weekday",
    "clock": "clock", "colonclock": "clock", "barehour": "clock",
}  # fmt: skip


def _scan(
    grammar: _Grammar, segmented: SegmentedText, text: str, start: int = 0, end: int | None = None
) -> Iterator[_Atom]:
    """Every atom in ``text[start:end]``, with the token-boundary and exclusion checks applied.

    ``text`` is the segmented text with ASCII digits (see :func:`_ascii_digits`): same length, same offsets.
    """
    previous_end = -1
    for match in grammar.pattern.finditer(text, start, len(text) if end is None else end):
        kind = (match.lastgroup or "A_")[2:]
        if kind == "word":
            kind, level = grammar.word_atoms[match[0]]
        else:
            level = _LEVEL_OF_KIND.get(kind, "")  # "" for atoms that are no part of a point: 3年, 每周, 至
        s, e = match.span()
        if kind == "since":
            inner = list(_scan(grammar, segmented, text, match.start("since_body"), match.end("since_body")))
            if any(atom.level for atom in inner):  # 自2020年以来: the date is the item
                yield from inner
                previous_end = e
                continue
            if segmented.word_after(s) not in ("自", "自从"):
                continue
        if kind in ("connector", "tonow"):
            yield _Atom(kind, s, e, match)
            continue
        # A word must start a token (现在 is not in 体现在), unless it continues the atom before it.
        if not text[s].isdigit() and s != previous_end and not segmented.is_boundary(s):
            continue
        if (kind in ("yearsuffix", "monthsuffix") or (kind == "part" and e - s == 1)) and not segmented.is_boundary(e):
            continue  # 2023年中国: 中 starts 中国; 5日晚会: 晚 starts 晚会
        if kind == "weekday" and segmented.word_at(s)[0] == s and segmented.word_at(s)[1] > e:
            continue  # 周一鸣 is a name, not Monday
        if kind == "festival" and _given_name_after_role(grammar, segmented, s):
            continue  # 书记赵国庆介绍: 国庆 is the given name of 赵, not National Day
        if _excluded(grammar, text, s, e):
            continue
        previous_end = e
        yield _Atom(kind, s, e, match, level)


def _given_name_after_role(grammar: _Grammar, segmented: SegmentedText, start: int) -> bool:
    """Does the word at ``start`` follow a lone surname that follows a title (书记|赵|国庆)?

    A festival word is a common given name; a title, then a surname, then it, reads as a person.
    """
    if start < 2:
        return False
    surname_start, _, surname = segmented.word_at(start - 1)
    if surname not in grammar.surnames or surname_start != start - 1 or surname_start == 0:
        return False
    return segmented.word_at(surname_start - 1)[2] in grammar.person_roles


def _excluded(grammar: _Grammar, text: str, start: int, end: int) -> bool:
    """Does an exclusion word overlap the atom ``text[start:end]`` without lying inside it?"""
    exclusions = grammar.exclusions
    # The few characters where a word overlapping the atom may stand (a search clips them to the text).
    low, high = start - grammar.exclusion_reach + 1, end + grammar.exclusion_reach - 1
    if exclusions is None or exclusions.search(text, low, high) is None:
        return False  # most atoms: one search of a few characters (cheaper than finding them all in the article)
    for hit in exclusions.finditer(text, low, high):
        overlaps = hit.start() < end and hit.end() > start
        inside = start <= hit.start() and hit.end() <= end and hit.end() - hit.start() < end - start
        if overlaps and not inside:  # 过去这一年 keeps its 这一年; a bare 一年 in 这一年 goes
            return True
    return False


# ----------------------------------------------------------------------------- points


_NO_OFFSETS = (None,) * 6


@dataclass(slots=True)
class _Point:
    """What a point expression says, before it is resolved against a reference date."""

    century: int | None = None
    century_offset: int | None = None
    decade: int | None = None
    year: int | None = None
    year_offset: int | None = None
    quarters: tuple[int, int] | None = None
    months: tuple[int, int] | None = None  # 前两个月 of a year: (1, 2)
    quarter_offset: int | None = None
    half: int | None = None
    season: str | None = None
    month: int | None = None
    month_offset: int | None = None
    week_offset: int | None = None
    day: int | None = None
    day_offset: int | None = None
    weekday: int | str | None = None  # 1..7, or "WE" for 周末
    festival: TimeFestivalRow | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    day_half: str | None = None  # am, pm, noon or night: how a clock hour after a part of day reads
    daypart: bool = False
    event_unit: str | None = None  # 次日: relative to a told event, no value
    approx: bool = False
    bare: bool = False  # only the first half of a range (2023 in 2023—2025年)
    needs_anchor: bool = False  # a part of a day or a Chinese-numeral clock/day alone is no date
    deadline: bool = False  # 3月底前: a time limit, set as often ahead of the reference as behind it

    def has_year(self) -> bool:
        return self.year is not None or self.year_offset is not None or self.century is not None

    def has_offset(self) -> bool:
        """Is the point counted from the reference date (去年, 上周, 明天)?"""
        offsets = (
            self.century_offset, self.year_offset, self.quarter_offset,
            self.month_offset, self.week_offset, self.day_offset,
        )  # fmt: skip
        return offsets != _NO_OFFSETS  # a tuple compare, cheaper than any() over a generator


def _apply(point: _Point, atom: _Atom, grammar: _Grammar) -> None:
    """Add one atom's information to a point."""
    m, kind = atom.match, atom.kind
    if kind == "numdate":
        point.year, point.month, point.day = int(m["nd_y"]), int(m["nd_m"]), int(m["nd_d"])
    elif kind == "numym":
        point.year, point.month = int(m["nm_y"]), int(m["nm_m"] or m["nm_m2"])
    elif kind == "bareyear":
        point.year, point.bare = int(m["by"]), True
    elif kind == "year":
        digits = m["y"] or m["y2"] or m["y3"] or m["y4"] or m["y5"] or m["yc"] or m["yc2"]
        value = int(_number(digits)) if not digits.isdigit() or len(digits) == 4 else int(digits)
        if len(digits) == 2:
            value += 2000 if value < 50 else 1900
        point.year = value
    elif kind == "century":
        point.century = int(_number(m["ce"] or m["ce2"]))
    elif kind == "decade":
        if m["de4"]:  # 1990年代
            point.century, point.decade = int(m["de4"][:2]) + 1, int(m["de4"][2])
        else:
            point.decade = int(_number(m["de"])) // 10
    elif kind in ("quarter", "barequarter"):
        if m.group("qn"):
            point.quarters = (1, int(_number(m["qn"])))
        else:
            number = int(_number(m["q"] if kind == "quarter" else m["bq"]))
            point.quarters = (number, number)
            point.bare = kind == "barequarter"
    elif kind == "firstmonths":
        point.months = (1, int(_number(m["fm"])))
    elif kind == "festival":
        point.festival = grammar.festivals[m[0]]
    elif kind in ("lunar", "lunardate"):
        month_text = m["la_m"] or m["lb_m"] or m["lc_m"]
        day_text = (m["la_d"] or m["lb_d"] or m["lc_d"] or "").replace("初", "").replace("廿", "二十")
        month = _LUNAR_MONTHS.get(month_text) or int(_number(month_text))
        day = int(_number(day_text)) if day_text else 0  # 正月 alone: no day, no solar value
        point.festival = TimeFestivalRow(word=m[0], calendar="lunar", month=month, day=day)
    elif kind == "weekday":
        if m["wk_rel"]:
            point.week_offset = grammar.relative[m["wk_rel"]].offset
        point.weekday = "WE" if m["wd"] == "末" else _WEEKDAYS.get(m["wd"]) or int(m["wd"])
    elif kind in ("part", "yearsuffix", "monthsuffix"):
        row = grammar.parts[m[0]] if kind == "part" else grammar.suffix_parts[
            ("year" if kind == "yearsuffix" else "month", m["ys"] or m["ms"])
        ]
        _apply_part(point, row)
    elif kind in ("month", "baremonth"):
        digits = m["m"] or m["mc"] or m["bm"] or m["bmc"]
        point.month = int(_number(digits))
        point.bare = kind == "baremonth"
    elif kind in ("day", "bareday"):
        digits = m["d"] or m["dc"] or m["bd"]
        point.day = int(_number(digits))
        point.bare = kind == "bareday"
        point.needs_anchor = point.month is None and point.month_offset is None and (bool(m["dc"]) or m["d_u"] == "号")
    elif kind == "barehour":
        point.hour, point.minute, point.bare = int(m["bh"]), 0, True
    elif kind == "colonclock":
        point.hour, point.minute = int(m["kh"]), int(m["km"])
        point.second = int(m["ks"]) if m["ks"] else None
    elif kind == "clock":
        _apply_clock(point, m)
    elif kind == "relword":
        _apply_relative(point, grammar.relative[m[0]])
    if kind not in ("part", "day", "bareday", "clock"):
        point.needs_anchor = False


def _apply_part(point: _Point, row: TimePartRow) -> None:
    part = row.part or ""
    if row.of == "day":
        point.day_half, point.daypart = part or None, True
        point.needs_anchor = not _names_a_day(point)
        return
    if row.of == "month":
        point.approx = True
        if point.month is None and point.month_offset is None:
            point.month_offset = 0  # 月底 alone: the end of the reference month
        return
    if part in ("H1", "H2"):
        point.half = int(part[1])
        return
    # 2024年底, 2021年夏季, 年初: the value is the year itself, approximately.
    point.approx = True
    if part in ("SP", "SU", "FA", "WI"):
        point.season = part
        point.needs_anchor = not point.has_year()  # 春天 alone is a season of life as often as of a year
    elif not point.has_year():
        point.year_offset = 0


def _apply_clock(point: _Point, m: re.Match[str]) -> None:
    point.hour = int(_number(m["ch"] or m["chc"]))
    minute = 0
    if m["cmin"]:
        minute = int(_number(m["cmin"]))
    elif m["chalf"]:
        minute = 30
    elif m["cq"]:
        minute = 15 if m["cq"] == "一刻" else 45
    point.minute = minute
    point.approx = point.approx or bool(m["cx"])
    has_detail = bool(m["cmin"] or m["chalf"] or m["cq"] or m["cz"] or m["ch_u"] == "点钟")
    # 下午3点 is a time; 3点建议 (three points) and 两点 alone are not.
    attached = _names_a_day(point) or point.daypart
    point.needs_anchor = not attached and not has_detail and (bool(m["chc"]) or m["ch_u"] == "点")
    if point.hour > 24 or minute > 59:
        point.needs_anchor = True


def _names_a_day(point: _Point) -> bool:
    days = (point.day, point.day_offset, point.weekday, point.festival)
    return any(value is not None for value in days) or point.event_unit == "day"


_OFFSET_UNITS = frozenset({"century", "year", "quarter", "month", "week", "day"})


def _apply_relative(point: _Point, row: TimeRelativeRow) -> None:
    if row.day_half:  # 今晚8点 is 20:00
        point.day_half, point.daypart = row.day_half, True
    if row.anchor == "event":
        point.event_unit = row.unit
        return
    if row.unit in _OFFSET_UNITS:
        setattr(point, f"{row.unit}_offset", row.offset)  # 去年 → year_offset -1, 上周 → week_offset -1


def _is_relative(point: _Point) -> bool:
    if point.has_offset():
        return True
    named_part = point.quarters or point.half or point.season or point.festival
    return not point.has_year() and point.month is None and (
        bool(named_part) or point.weekday is not None or (point.hour is not None and point.day is None)
    )


def _inherit(point: _Point, earlier: _Point) -> _Point:
    """Fill what ``point`` leaves out from the point before it (9月1日至3日: 3日 is in September)."""
    result = replace(point, bare=False)
    finest = _finest_level(point)
    if not point.has_year() and finest not in ("century", "decade", "year"):
        result.century, result.century_offset = earlier.century, earlier.century_offset
        result.year, result.year_offset = earlier.year, earlier.year_offset
        result.decade = result.decade if result.decade is not None else earlier.decade
    if point.month is None and point.month_offset is None and finest in ("day", "clock") and point.day_offset is None:
        result.month, result.month_offset = earlier.month, earlier.month_offset
    if point.weekday is not None and point.week_offset is None:  # 上周一至周五
        result.week_offset = earlier.week_offset
    if finest == "clock" and point.day is None and point.day_offset is None and point.weekday is None:
        result.day, result.day_offset, result.weekday = earlier.day, earlier.day_offset, earlier.weekday
        result.month, result.month_offset = earlier.month, earlier.month_offset
        result.week_offset, result.festival = earlier.week_offset, earlier.festival
        result.day_half = result.day_half or earlier.day_half
    return result


def _finest_level(point: _Point) -> str:
    if point.hour is not None:
        return "clock"
    if point.day is not None or point.day_offset is not None or point.weekday is not None:
        return "day"
    if point.festival:
        return "day" if point.festival.day else "month"  # 腊月: a lunar month
    if point.week_offset is not None:
        return "week"
    if point.month is not None or point.month_offset is not None or point.months:
        return "month"
    if point.quarters or point.quarter_offset is not None:
        return "quarter"
    if point.half:
        return "half"
    if point.year is not None or point.year_offset is not None:
        return "year"
    if point.decade is not None:
        return "decade"
    return "century"


_GRANULARITY_OF_LEVEL = {
    "clock": "time", "day": "day", "week": "week", "month": "month", "quarter": "quarter", "half": "half",
    "year": "year", "decade": "period", "century": "period",
}  # fmt: skip


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _resolve(point: _Point, reference: date | None) -> str | None:
    """The value of a point: ``2022-08``, ``XXXX-01-08``, ``2023-Q1``; None when it needs a missing reference."""
    if point.event_unit or (reference is None and point.has_offset()):
        return None
    year, month, day = point.year, point.month, point.day
    if point.century_offset is not None and reference is not None:
        return _century_value(reference.year // 100 + 1 + point.century_offset, point.decade)
    if point.century is not None:
        return _century_value(point.century, point.decade)
    if point.decade is not None and year is None:
        return f"{19 if point.decade >= 2 else 20}{point.decade}"
    if point.year_offset is not None and reference is not None:
        year = reference.year + point.year_offset
    if point.quarter_offset is not None and reference is not None:
        quarter_index = reference.year * 4 + (reference.month - 1) // 3 + point.quarter_offset
        return f"{quarter_index // 4:04d}-Q{quarter_index % 4 + 1}"
    if point.month_offset is not None and reference is not None:
        year, month = _shift_month(reference.year, reference.month, point.month_offset)
    if point.day_offset is not None and reference is not None:
        moment = reference + timedelta(days=point.day_offset)
        year, month, day = moment.year, moment.month, moment.day
    elif point.weekday is not None and day is None:
        weekday = _weekday_value(point, reference)
        if point.hour is None or weekday is None or "W" in weekday:
            return weekday if point.hour is None or weekday is None else f"{weekday}T{_clock_text(point)}"
        year, month, day = (int(part) for part in weekday.split("-"))
    elif point.week_offset is not None and reference is not None:
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=point.week_offset)
        iso = monday.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if point.festival is not None:
        month, day = point.festival.month, point.festival.day
        if year is None and reference is not None:
            year = reference.year
        if point.festival.calendar == "lunar":
            solar = _lunar_to_solar(year, month, day) if year is not None else None
            if solar is None:
                return None
            year, month, day = solar.year, solar.month, solar.day
    if year is None and reference is not None and (
        month is not None or day is not None or point.quarters or point.half or point.hour is not None
    ):
        year = _year_near(reference, month or 1, day or 1, point.deadline)
        if month is None and day is not None:
            month = reference.month
        if month is None and day is None and point.hour is not None and not (point.quarters or point.half):
            month, day = reference.month, reference.day
    if not _exists(year, month, day):
        return None  # 2月30日
    year_text = f"{year:04d}" if year is not None else "XXXX"
    if point.hour is not None:
        clock = _clock_text(point)
        if day is None and month is None:
            return f"{year_text}-XX-XXT{clock}" if year is None else f"{year_text}T{clock}"
        return f"{year_text}-{_two(month)}-{_two(day)}T{clock}"
    if day is not None:
        return f"{year_text}-{_two(month)}-{day:02d}"
    if month is not None:
        return f"{year_text}-{month:02d}"
    if point.months:
        first, last = point.months
        return f"{year_text}-{first:02d}/{year_text}-{last:02d}"
    if point.quarters:
        first, last = point.quarters
        return f"{year_text}-Q{first}" if first == last else f"{year_text}-Q{first}/{year_text}-Q{last}"
    if point.half:
        return f"{year_text}-H{point.half}"
    return year_text if year is not None else None


def _exists(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    longest = calendar.monthrange(year if year is not None else 2024, month or 1)[1] if month else 31
    return 1 <= day <= longest


def _two(number: int | None) -> str:
    return f"{number:02d}" if number is not None else "XX"


def _century_value(century: int, decade: int | None) -> str:
    return f"{century - 1:02d}{decade}" if decade is not None else f"{century - 1:02d}"


def _clock_text(point: _Point) -> str:
    hour = point.hour or 0
    if hour in _AFTERNOON_HOURS.get(point.day_half or "", range(0)):
        hour += 12
    text = f"{hour:02d}:{point.minute or 0:02d}"
    return text + (f":{point.second:02d}" if point.second is not None else "")


def _weekday_value(point: _Point, reference: date | None) -> str | None:
    if reference is None:
        return None if point.week_offset is not None else f"XXXX-WXX-{point.weekday}"
    monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=point.week_offset or 0)
    if point.weekday == "WE":
        iso = monday.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}-WE"
    day = monday + timedelta(days=int(point.weekday) - 1)  # type: ignore[arg-type]
    return day.isoformat()


def _year_near(reference: date, month: int, day: int, deadline: bool = False) -> int:
    """The year of a month and day written without one: the reference year, unless that puts the date more
    than half a year after the reference (12月28日 in a text of 5 January is last December), or, for a
    deadline, more than half a year before it (3月底前 in a text of 28 December is next March)."""
    day = min(day, calendar.monthrange(reference.year, month)[1]) if 1 <= month <= 12 else 1
    try:
        candidate = date(reference.year, month, day)
    except ValueError:
        return reference.year
    if deadline and reference - candidate > timedelta(days=183):
        return reference.year + 1
    return reference.year - 1 if candidate - reference > timedelta(days=183) else reference.year


@lru_cache(maxsize=256)
def _lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """The solar date of a lunar day; lunar 12/30 is the last day of the lunar year (除夕)."""
    from lunardate import LunarDate  # imported on first use: no work at import time

    if day == 0:
        return None
    try:
        if month == 12 and day == 30:
            return LunarDate(year + 1, 1, 1).to_solar_date() - timedelta(days=1)
        return LunarDate(year, month, day).to_solar_date()
    except (ValueError, IndexError):
        return None


# ----------------------------------------------------------------------------- counts: durations, offsets


class _Count(NamedTuple):
    number: int | Decimal | None  # None for 几年, 数月, and for ranges (两三个月, 3至5年)
    unit: str
    approx: bool
    ranged: bool = False


def _count(match: re.Match[str], grammar: _Grammar) -> _Count | None:
    digits = match["dn"]
    unit = grammar.units[match["du_c"] or match["du_b"]].unit
    if digits[0] in "百千万":  # 百年大计: a bare power is an idiom, not a count
        return None
    half = "半" in ((match["dn_h"] or "") + (match["dn_h2"] or "") + (match["du_h"] or ""))
    approx = bool(match["dn_m"]) or "多" in ((match["dn_h"] or "") + (match["dn_h2"] or ""))
    if digits.endswith("几") and len(digits) > 1:  # 十几个小时 reads like 十多个小时: ten and some
        digits, approx = digits[:-1], True
    if digits in ("几", "数", "若干") or digits[0] in "几数":
        return _Count(None, unit, True)
    if match["dn_low"] or parse_chinese_range(digits):  # 3至5年, 两三个月: no single ISO duration
        return _Count(None, unit, True, ranged=True)
    try:
        number: int | Decimal = Decimal("0.5") if digits == "半" else _number(digits)
    except ValueError:
        return None
    if half and digits != "半":
        number = Decimal(number) + Decimal("0.5")
    return _Count(number, unit, approx)


def _duration_value(count: _Count) -> str | None:
    if count.number is None:
        return None
    number, unit = Decimal(count.number), count.unit
    if unit == "quarter":
        number, unit = number * 3, "month"
    if unit == "half":
        number, unit = number * 6, "month"
    if unit == "year" and number != number.to_integral_value():
        number, unit = number * 12, "month"  # 半年 -> P6M, 一年半 -> P18M
    if unit == "century":
        number, unit = number * 100, "year"
    text = format(number.normalize(), "f")
    prefix = "PT" if unit in ("hour", "minute", "second") else "P"
    return f"{prefix}{text}{_ISO_DESIGNATOR[unit]}"


def _shifted_value(count: _Count, reference: date, sign: int) -> str | None:
    """The period ``count`` before (sign -1) or after (+1) the reference date, at the unit's granularity."""
    if count.number is None or count.number != int(count.number) or count.number > 10000:
        return None  # 半年前 has no calendar value at its unit; 99999天后 leaves the calendar
    number = int(count.number) * sign
    if count.unit == "year":
        return f"{reference.year + number:04d}"
    if count.unit in ("month", "quarter", "half"):
        months = number * {"month": 1, "quarter": 3, "half": 6}[count.unit]
        year, month = _shift_month(reference.year, reference.month, months)
        if count.unit == "quarter":
            return f"{year:04d}-Q{(month - 1) // 3 + 1}"
        return f"{year:04d}-{month:02d}"
    if count.unit == "week":
        iso = (reference + timedelta(weeks=number)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if count.unit == "day":
        return (reference + timedelta(days=number)).isoformat()
    return None


def _span_value(count: _Count, reference: date, sign: int) -> str | None:
    """过去一年 -> 2023-07-09/2024-07-09 for a reference of 2024-07-09."""
    if count.number is None or count.number != int(count.number) or count.number > 1000:
        return None
    if count.unit not in ("year", "month", "week", "day"):
        return None
    number = int(count.number)
    if count.unit in ("year", "month"):
        months = number * (12 if count.unit == "year" else 1) * sign
        year, month = _shift_month(reference.year, reference.month, months)
        other = date(year, month, min(reference.day, calendar.monthrange(year, month)[1]))
    else:
        other = reference + timedelta(days=number * (7 if count.unit == "week" else 1) * sign)
    low, high = sorted((other, reference))
    return f"{low.isoformat()}/{high.isoformat()}"


# ----------------------------------------------------------------------------- joining atoms into items


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    rule: str
    value: str | None
    kind: str
    granularity: str | None
    approx: bool = False
    point: _Point | None = field(default=None, repr=False)


_SPACES = " \u3000\t"
_OPENING = ("（", "(")
_CLOSING = ("）", ")")


def _collect_point(atoms: list[_Atom], index: int, text: str) -> tuple[int, int]:
    """Index after the last atom that continues the point starting at ``atoms[index]``, and the point's end.

    A weekday may stand after a space or in brackets: 2024年7月9日（星期二）上午9:00 is one point.
    """
    levels = [atoms[index].level]
    end = atoms[index].end
    in_brackets = False
    j = index + 1
    while j < len(atoms):
        atom = atoms[j]
        if not atom.level or levels[-1] not in _ALLOWED_BEFORE[atom.level]:
            break
        gap = text[end : atom.start]
        if gap == "的" and levels[-1] == "year" and atom.level in ("yearpart", "month", "festival"):
            gap = ""  # 今年的3月, 2019年的国庆节
        spaces = len(gap) <= 2 and all(ch in _SPACES for ch in gap)
        if in_brackets and gap[:1] in _CLOSING and (gap[1:] == "" or gap[1:].isspace()):
            in_brackets, spaces = False, True
        opening = atom.level == "weekday" and gap in _OPENING
        if gap and not (opening or (spaces and atom.level in ("weekday", "daypart", "clock"))):
            break
        in_brackets = in_brackets or opening
        levels.append(atom.level)
        end = atom.end
        j += 1
    if in_brackets and text[end : end + 1] in _CLOSING:
        end += 1
    elif in_brackets:  # an unclosed bracket: leave the weekday out
        j -= 1
        end = atoms[j - 1].end
    return j, end


def _build_point(atoms: list[_Atom], grammar: _Grammar) -> _Point:
    point = _Point()
    for atom in atoms:
        _apply(point, atom, grammar)
    return point


def _point_found(point: _Point, start: int, end: int, reference: date | None, head: str) -> _Found:
    if point.event_unit:
        return _Found(start, end, "date.offset.word", None, "offset", _GRANULARITY_OF_UNIT.get(point.event_unit), point=point)
    kind = "relative" if _is_relative(point) else "absolute"
    granularity = _GRANULARITY_OF_LEVEL[_finest_level(point)]
    rule = f"date.{kind}.{head}"
    return _Found(start, end, rule, _resolve(point, reference), kind, granularity, point.approx, point)


def _range_value(first: str | None, last: str | None) -> str | None:
    if first is None or last is None:
        return None
    return f"{first}/{last}"


def _join(
    atoms: list[_Atom], segmented: SegmentedText, text: str, grammar: _Grammar, reference: date | None
) -> list[_Found]:
    found: list[_Found] = []
    index = 0
    last_point_end = -1
    while index < len(atoms):
        atom = atoms[index]
        if atom.level:
            stop, end = _collect_point(atoms, index, text)
            group = atoms[index:stop]
            point = _build_point(group, grammar)
            start = group[0].start
            head = group[0].kind if group[0].kind in ("numdate", "numym", "festival") else _finest_level(point)
            after = atoms[stop] if stop < len(atoms) else None
            # A range: point, connector, point (5月8日至6月8日, 2023—2025年, 9月1日至3日).
            if _connects_a_point(atoms, stop, end) and not point.event_unit:
                second_stop, range_end = _collect_point(atoms, stop + 1, text)
                second = _build_point(atoms[stop + 1 : second_stop], grammar)
                if not second.bare and not second.event_unit:
                    second = _inherit(second, point)  # 2023—2025年: 2023 is a year; 9月1日至3日: 3日 is in September
                    value = _range_value(_resolve(point, reference), _resolve(second, reference))
                    granularity = _GRANULARITY_OF_LEVEL[_finest_level(second)]
                    found.append(_Found(start, range_end, "date.range", value, "range", granularity, point=second))
                    last_point_end = range_end
                    index = second_stop
                    continue
            if after is not None and after.kind == "tonow" and after.start == end and not point.bare:
                now = reference.isoformat() if reference else ".."  # ISO 8601-2: an open end
                value = _range_value(_resolve(point, reference), now)
                granularity = _GRANULARITY_OF_LEVEL[_finest_level(point)]
                found.append(_Found(start, after.end, "date.range.to_now", value, "range", granularity, point=point))
                last_point_end = after.end
                index = stop + 1
                continue
            if not point.bare and not point.needs_anchor and not _is_suffix_only(group):
                if found and found[-1].point is not None and text[found[-1].end : start] in ("、", "和", "及", "与"):
                    point = _inherit(point, found[-1].point)
                if _is_deadline(point, segmented, text, end):
                    point.deadline, end = True, end + 1
                found.append(_point_found(point, start, end, reference, head))
                last_point_end = end
            index = stop
            continue
        if atom.kind == "duration":
            narrative = _continues_story(text, last_point_end, atom.start)
            item = _duration_found(atom, grammar, reference, narrative, text)
            if item is not None:
                found.append(item)
        elif atom.kind == "frequency":
            found.append(_frequency_found(atom, atoms, index, grammar, text))
            if found[-1].end > atom.end:  # 每年3月: the date belongs to the frequency
                while index + 1 < len(atoms) and atoms[index + 1].end <= found[-1].end:
                    index += 1
        elif atom.kind == "vague":
            found.append(_vague_found(atom, grammar, reference))
        elif atom.kind == "since":
            found.append(_Found(atom.start, atom.end, "date.offset.since", None, "offset", None))
        index += 1
    return found


def _is_deadline(point: _Point, segmented: SegmentedText, text: str, end: int) -> bool:
    """3月底前, 今年6月底前: a month or a day of one, then 前 as a word of its own (not 前往)."""
    return (
        text.startswith("前", end)
        and segmented.is_boundary(end)
        and segmented.is_boundary(end + 1)
        and point.month is not None
    )


def _connects_a_point(atoms: list[_Atom], index: int, end: int) -> bool:
    """Is ``atoms[index]`` a connector right at ``end``, with a point atom right after it (至6月8日)?"""
    if index + 1 >= len(atoms):
        return False
    connector, following = atoms[index], atoms[index + 1]
    return connector.kind == "connector" and connector.start == end and bool(following.level) and (
        following.start == connector.end
    )


def _is_suffix_only(group: list[_Atom]) -> bool:
    return group[0].kind in ("yearsuffix", "monthsuffix")


def _continues_story(text: str, last_point_end: int, start: int) -> bool:
    """Is a date told earlier in the same paragraph? Then 1个月后 counts from that event, not from today."""
    return last_point_end >= 0 and text.find("\n", last_point_end, start) < 0


def _duration_found(
    atom: _Atom, grammar: _Grammar, reference: date | None, narrative: bool, text: str
) -> _Found | None:
    m = atom.match
    count = _count(m, grammar)
    if count is None or text[atom.start - 1 : atom.start] == "第":
        return None  # 第五年 is an ordinal, not a span of time
    suffix, prefix = m["du_sfx"] or "", m["du_pre"] or ""
    granularity = _GRANULARITY_OF_UNIT.get(count.unit)
    start, end = atom.start, atom.end
    if prefix:  # 近三年, 过去一年, 未来五年: the recent or coming span, vague
        value = None
        if reference is not None:
            value = _span_value(count, reference, 1 if prefix in ("未来", "今后") else -1)
        return _Found(start, end, "date.vague.count", value, "vague", granularity, count.approx)
    if suffix in _PAST_SUFFIXES or (suffix in _FUTURE_SUFFIXES and not narrative):
        if count.number is None:
            return _Found(start, end, "date.vague.count", None, "vague", granularity, True)
        value = _shifted_value(count, reference, -1 if suffix in _PAST_SUFFIXES else 1) if reference else None
        return _Found(start, end, "date.relative.count", value, "relative", granularity, count.approx)
    if suffix in _FUTURE_SUFFIXES:
        return _Found(start, end, "date.offset.count", None, "offset", granularity, count.approx)
    if count.number is None and not count.ranged and suffix not in _PRESENT_SUFFIXES:
        return None  # 几年 alone says nothing
    if not suffix and is_counted_time(text, start, m["du_c"] or m["du_b"], grammar.time_count_cues):
        return None  # 优良天数达331天: a statistic, which the figures extractor reads
    return _Found(start, end, "date.duration", _duration_value(count), "duration", granularity, count.approx)


def _frequency_found(atom: _Atom, atoms: list[_Atom], index: int, grammar: _Grammar, text: str) -> _Found:
    m = atom.match
    unit = grammar.units[m["fq_u"]].unit
    end = atom.end
    if m["fq_wd"] and unit != "week":
        end = m.start("fq_wd")  # 每天一次: 一 is a count, not a weekday
    elif m["fq_wd"]:
        unit = "day"
    following = index + 1
    if following < len(atoms) and atoms[following].level and atoms[following].start == end:
        stop, end = _collect_point(atoms, following, text)
        level = _finest_level(_build_point(atoms[following:stop], grammar))
        unit = unit if level == "century" else level  # 每周三下午: a part of a day names no finer unit
        following = stop
    if _connects_a_point(atoms, following, end):  # 每周一至周五: the range is part of the frequency
        _, end = _collect_point(atoms, following + 1, text)
    granularity = _GRANULARITY_OF_UNIT.get(unit) or _GRANULARITY_OF_LEVEL.get(unit)
    return _Found(atom.start, end, "date.frequency", None, "frequency", granularity)


def _vague_found(atom: _Atom, grammar: _Grammar, reference: date | None) -> _Found:
    row = grammar.vague[atom.match[0]]
    granularity = _GRANULARITY_OF_UNIT.get(row.unit) if row.unit else None
    value = None
    if row.resolves == "day" and reference is not None:
        value, granularity = reference.isoformat(), "day"
    approx = value is not None
    return _Found(atom.start, atom.end, f"date.{row.kind}.word", value, row.kind, granularity, approx)


# ----------------------------------------------------------------------------- public API


def find_dates(segmented: SegmentedText, context: ExtractContext) -> list[DateItem]:
    """Every time expression of the article, in reading order.

    >>> from extractor.lexicon import load_lexicon
    >>> from extractor.segment import get_segmenter, segment_text
    >>> seg = segment_text("1月8日傍晚，近年来", get_segmenter("jieba"))
    >>> [(d.text, d.value, d.kind) for d in find_dates(seg, ExtractContext(load_lexicon()))]
    [('1月8日傍晚', 'XXXX-01-08', 'absolute'), ('近年来', None, 'vague')]
    """
    grammar = _grammar(context.lexicon)
    text = segmented.text
    scan_text = _ascii_digits(text)
    atoms = list(_scan(grammar, segmented, scan_text))
    items: list[DateItem] = []
    names = _name_spans(text)
    for found in _join(atoms, segmented, scan_text, grammar, context.reference_date):
        if found.kind not in ("absolute", "range") and _inside_a_name(names, found.start, found.end):
            continue  # “15分钟生活圈”, 《通往美好明天》: part of a name; a dated name (《2023年工作要点》) keeps its year
        items.append(
            DateItem(
                text=text[found.start : found.end],
                start=found.start,
                end=found.end,
                sentence=segmented.sentence_at(found.start),
                rule=found.rule,
                value=found.value,
                kind=found.kind,  # type: ignore[arg-type]
                granularity=found.granularity,  # type: ignore[arg-type]
                approx=found.approx,
            )
        )
    return items


_FULL_WIDTH_DIGITS = "０１２３４５６７８９／"
_ASCII_DIGITS = str.maketrans(_FULL_WIDTH_DIGITS, "0123456789/")


def _ascii_digits(text: str) -> str:
    """``text`` with full-width digits made ASCII (２０２４年 reads as 2024年); offsets do not move."""
    has_full_width = any(digit in text for digit in _FULL_WIDTH_DIGITS)  # a character search is faster than a regex
    return text.translate(_ASCII_DIGITS) if has_full_width else text


_NAME_MARKS = (("“", "”"), ("《", "》"), ("「", "」"))
_CLAUSE_PUNCTUATION = "，。！？；：,!?;:"
_NAME_REACH = 20  # a name is short: its marks stand at most this far from the date inside


@lru_cache(maxsize=1)
def _name_patterns() -> tuple[re.Pattern[str], ...]:
    # For each kind of mark, a name: the opening mark, no mark of that kind and no clause punctuation,
    # the closing mark. Compiled on first use, not at import.
    return tuple(
        re.compile(f"{re.escape(opening)}[^{re.escape(opening + closing + _CLAUSE_PUNCTUATION)}]*{re.escape(closing)}")
        for opening, closing in _NAME_MARKS
    )


def _name_spans(text: str) -> list[list[tuple[int, int]]]:
    """For each kind of mark, the offsets (opening, closing) of the names it encloses, left to right.

    Quoted speech (“我们每周三开展活动。”) has clause punctuation, so it is no name.

    >>> _name_spans("打造“15分钟生活圈”，“我们每周开展活动，效果好。”")
    [[(2, 10)], [], []]
    """
    return [[(match.start(), match.end() - 1) for match in pattern.finditer(text)] for pattern in _name_patterns()]


def _inside_a_name(names: list[list[tuple[int, int]]], start: int, end: int) -> bool:
    """Is ``text[start:end]`` inside one of the names of :func:`_name_spans`, near both its marks?

    >>> names = _name_spans("打造“15分钟生活圈”")
    >>> _inside_a_name(names, 3, 7), _inside_a_name(names, 0, 2)
    (True, False)
    """
    for spans in names:
        index = bisect_left(spans, (start,))  # the names that open before ``start``; only the last can hold it
        if index:
            opening, closing = spans[index - 1]
            if start - opening <= _NAME_REACH and end <= closing < end + _NAME_REACH:
                return True
    return False


_FULL_DATE = (
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*[-/.．年]\s*(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*[-/.．月]\s*"
    r"(?P<d>\d{1,2}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?!\d)"
)


@lru_cache(maxsize=1)
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    # Compiled on first use, not at import.
    return (
        # 发布日期：2024-07-09, 发布时间:2024年7月9日 10:30, 日期：…
        re.compile(r"(?:发布|发表|更新|刊发|出版|发稿|来源)?(?:日期|时间)\s*[:：]\s*" + _FULL_DATE),
        # 本报讯（记者 王某）2024年7月9日, 新华社北京2024年7月9日电
        re.compile(r"(?:本报讯|本网讯|本台讯|本刊讯)[^\n。]{0,40}?" + _FULL_DATE),
        re.compile(_FULL_DATE + r"日?电"),
        # A newspaper page head: 2024年7月9日 星期二
        re.compile(_FULL_DATE + r"日?\s*(?:星期|周|礼拜)[一二三四五六日天]"),
        # A web page's publish line: 2024-07-09 10:30 来源：…, 来源：重庆日报 | 2024年07月09日
        re.compile(_FULL_DATE + r"[^\n。，]{0,30}来源"),
        re.compile(r"来源[^\n。，]{0,30}?" + _FULL_DATE),
        # A line that holds nothing but a date (and a time) near the head
        re.compile(r"(?m)^[ \t\u3000]*" + _FULL_DATE + r"日?(?:[ \t\u3000]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?[ \t\u3000]*$"),
    )


def find_dateline(text: str) -> date | None:
    """The date an article states about itself, or None.

    >>> find_dateline("标题\\n发布日期：2024-07-09\\n正文"), find_dateline("正文没有日期")
    (datetime.date(2024, 7, 9), None)
    """
    head, tail = (unicodedata.normalize("NFKC", part) for part in (text[:400], text[-200:]))  # ２０２４－０７－０９
    for pattern in _dateline_patterns():
        for part in (head, tail):
            match = pattern.search(part)
            if match is None:
                continue
            try:
                return date(int(_number(match["y"])), int(_number(match["m"])), int(_number(match["d"])))
            except ValueError:
                continue
    return None
