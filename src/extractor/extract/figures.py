"""Figures: quantities stated in the text (7所, 25.5万亩, 20余项, 5000人次以上, 三四个, 90%).

One pattern, compiled once per lexicon, scans the article. At each position it tries,
in order:

1. a short quoted name (“四支队伍”, 《…》): skipped whole, so counts inside names are
   not figures (a quotation with punctuation inside is speech and is read through);
2. a fixed expression of ``figure_exclusions`` (四个意识): skipped;
3. ``[prefix] 百分之 number [suffix]``: 百分之九十 is 90 %;
4. ``[prefix] number [- number] [余/多 [万]] unit [suffix]``, the unit from ``units``.

A candidate is then judged with the segmenter's word boundaries: a number that starts
or a unit that ends inside a longer word (第一批, 一盘棋, 四轮驱动, 千家万户) is part of
that word and no figure. Rules for ordinals and rates (第, 前, 每: ``figure_context``),
durations (1个月后: the time units of ``time_units`` belong to the dates extractor),
the article 一 (一个缩影), the ordinal 二 (二班; a count of two says 两), reduplication
(一项项), names of numbered parts (三堂一坛, 十五届二次会议) and cohorts (2023届) reject
the rest. The search uses the standard ``re`` engine behind a first-character gate.

>>> from extractor.lexicon import load_lexicon
>>> from extractor.segment import get_segmenter, segment_text
>>> from extractor.extract import ExtractContext
>>> seg = segment_text("7所学校入选，融资5.3亿元。", get_segmenter("jieba"))
>>> [(f.text, f.value, f.unit, f.subject) for f in find_figures(seg, ExtractContext(load_lexicon()))]
[('7所', 7, '所', '学校'), ('5.3亿元', 530000000, '元', None)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping

from ..lexicon import ApproxRow, FigureContextRow, Lexicon, UnitConversionRow, UnitRow
from ..models import Figure
from ..numerals import (
    CHINESE_DIGITS,
    CHINESE_NUMERAL_CHARS,
    CHINESE_POWERS,
    FORMAL_NUMERAL_CHARS,
    as_plain_number,
    parse_chinese_number,
    parse_chinese_range,
)
from ..segment import SegmentedText
from . import ExtractContext
from ._words import word_alternation

__all__ = ["find_figures", "is_counted_time"]

# Grammar of written numbers (not vocabulary): Arabic digits with thousands commas and a
# decimal point, optionally followed by powers (1.5万, 3千万); or a run of Chinese numerals.
# The digit runs are possessive: a number that is not followed by a unit is no figure at
# any shorter length either, so the engine must not try them (a third of the scan's time).
_POWERS = "十百千万亿"
_ARABIC = r"[0-9０-９]++(?:,[0-9]{3}(?![0-9]))*+(?:[.．][0-9０-９]++)?+"
# An Arabic number does not start inside another number, a code (1+X, G20) or a fraction.
_ARABIC_START = r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ+＋_/\-－])"
_RANGE_SEPARATORS = r"(?:至|到|-|－|—|–|~|～|〜)"
# Quote marks that wrap names; a quotation holding this punctuation is speech, not a name.
_NAME_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
_SPEECH_PUNCTUATION = "，,。；;！？!?：:、\n"
_MAX_QUOTED_NAME = 30
_MAX_BOOK_TITLE = 80
# Where the counted noun after a figure ends at the latest.
_CLAUSE_END_CHARACTERS = "，,。；;！？!?：:、\n（()）“”\"《》…—"
_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_END_CHARACTERS)}]")
_SUBJECT_WINDOW = 20
_NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nl", "ng", "zg", "nrt", "nrfg", "j", "vn", "an"})
_PLACE_TAGS = frozenset({"s", "f"})  # 市内外, 中: where, not what
_MODIFIER_TAGS = frozenset({"a", "ad", "b", "r", "l", "i"})
_SUBJECT_TAGS = _NOUN_TAGS | _PLACE_TAGS  # the words a subject spans
_TRAILING_POWERS = re.compile(rf"[{_POWERS}]+$")
_SKIPPED_GROUPS = frozenset({"quoted", "excluded"})
# Words of place that the segmenter may join to a time unit (工作日内, 月底).
_POSTPOSITIONS = "内后前来里间中底初末"
# The pattern's groups, in the pattern's order; a match's groups are unpacked in this order.
_GROUPS = ("quoted", "excluded", "prefix", "percent", "number", "low_unit", "high", "infix", "power", "unit", "suffix")


@dataclass(frozen=True)
class _Grammar:
    """Everything the rules need from one lexicon, built once."""

    pattern: re.Pattern[str]
    units: Mapping[str, UnitRow]
    conversions: Mapping[str, UnitConversionRow]
    approx: Mapping[str, ApproxRow]
    not_count_before: frozenset[str]  # ordinal and rate words: 第, 前, 每
    not_count_endings: tuple[str, ...]  # those of two or more characters, also at a word's end: 五年级
    glued_words: frozenset[str]
    term_units: tuple[str, ...]
    term_body: re.Pattern[str]
    subject_end_words: frozenset[str]
    time_units: frozenset[str]
    time_count_cues: frozenset[str]  # 天数: a count of days after it is a figure (天数达331天)


class _Article:
    """The segmented text as the rules read it: word starts for binary search, and the
    sentence of the figure before (figures come in reading order, so most share it)."""

    __slots__ = ("segmented", "text", "starts", "words", "_sentence")

    def __init__(self, segmented: SegmentedText) -> None:
        self.segmented = segmented
        self.text = segmented.text
        self.starts = segmented.starts
        self.words = segmented.words
        self._sentence = (0, 0, "")

    def word_index(self, offset: int, low: int = 0) -> int:
        """Index of the word that covers ``offset`` (at ``low`` or after it)."""
        return max(bisect_right(self.starts, offset, low) - 1, 0)

    def sentence_at(self, offset: int) -> str:
        start, end, sentence = self._sentence
        if not start <= offset < end:
            start, end = self.segmented.sentence_span(offset)
            sentence = self.text[start:end].strip()
            self._sentence = (start, end, sentence)
        return sentence


def find_figures(segmented: SegmentedText, context: ExtractContext) -> list[Figure]:
    """Every figure of the article, in reading order."""
    grammar = context.lexicon.memo("figures.grammar", lambda: _build_grammar(context.lexicon))
    article = _Article(segmented)
    figures: list[Figure] = []
    text = segmented.text
    # One finditer runs the scan in C between candidates; it restarts only to try a number
    # again one character later (rare), which a plain iteration cannot do.
    restart: int | None = 0
    while restart is not None:
        matches, restart = grammar.pattern.finditer(text, restart), None
        for match in matches:
            if match.lastgroup in _SKIPPED_GROUPS:
                continue
            figure = _read_figure(match, article, grammar)
            if figure is not None:
                figures.append(figure)
            elif match.group("number") and text[match.start("number")] in FORMAL_NUMERAL_CHARS:
                restart = match.start("number") + 1  # 队伍三百余支: 伍 ends a word, 三百 may count
                break
    return figures


def _build_grammar(lexicon: Lexicon) -> _Grammar:
    units = {row.word: row for row in lexicon.rows("units") if isinstance(row, UnitRow)}
    approx = {row.word: row for row in lexicon.rows("approx") if isinstance(row, ApproxRow)}
    context_rows = [row for row in lexicon.rows("figure_context") if isinstance(row, FigureContextRow)]

    def words_of(role: str) -> frozenset[str]:
        return frozenset(row.word for row in context_rows if row.role == role)

    not_count_before = words_of("ordinal") | words_of("rate")
    prefixes = _guarded_alternation(word for word, row in approx.items() if row.position == "prefix")
    suffixes = _guarded_alternation(word for word, row in approx.items() if row.position == "suffix")
    chinese = re.escape(CHINESE_NUMERAL_CHARS)
    digits = re.escape("".join(CHINESE_DIGITS))
    # The second number of a range follows its separator, so only the first has a guarded start.
    high = rf"(?:{_ARABIC}[{_POWERS}]*|[{chinese}]+(?:点[{digits}]+)?)"
    # A Chinese number does not start inside another one, unless after a formal numeral that
    # is a character of a word (队伍三百余支): if 伍三百 fails, 三百 is tried.
    everyday = re.escape("".join(ch for ch in CHINESE_NUMERAL_CHARS if ch not in FORMAL_NUMERAL_CHARS))
    number = rf"(?:{_ARABIC_START}{_ARABIC}[{_POWERS}]*|(?<![{everyday}])[{chinese}]+(?:点[{digits}]+)?)"
    punctuation = re.escape(_SPEECH_PUNCTUATION)
    quoted = "|".join(
        rf"{re.escape(left)}[^{re.escape(left + right)}{punctuation}]{{1,{_MAX_QUOTED_NAME}}}{re.escape(right)}"
        for left, right in _NAME_QUOTES
    )
    quoted += rf"|《[^《》\n]{{1,{_MAX_BOOK_TITLE}}}》"
    # A first-character gate lets the engine skip most positions at once (3x faster scan).
    first_characters = (
        {left for left, _ in _NAME_QUOTES}
        | {"《", "百"}
        | {word[0] for word in lexicon.words("figure_exclusions")}
        | {word[0] for word, row in approx.items() if row.position == "prefix"}
        | set("0123456789０１２３４５６７８９" + CHINESE_NUMERAL_CHARS)
    )
    time_count_cues = words_of("time_count")
    counted_time_units = {unit for unit in lexicon.words("time_units") if any(cue.startswith(unit) for cue in time_count_cues)}
    unit_words = _guarded_alternation(set(units) | counted_time_units)
    # A unit per another unit (微克/立方米, 元/吨, 公里/小时) is one unit.
    per_unit = rf"(?:/{_guarded_alternation(set(units) | lexicon.words('time_units'))})?"
    pattern = (
        rf"(?=[{re.escape(''.join(sorted(first_characters)))}])"
        rf"(?:(?P<quoted>{quoted})"
        rf"|(?P<excluded>{_guarded_alternation(lexicon.words('figure_exclusions'))})"
        rf"|(?P<prefix>{prefixes})?"
        rf"(?:百分之(?P<percent>{number})"
        # A range may write its unit at both ends (5%至8%, 3个至5个百分点): the same unit, or a
        # longer one that starts with it.
        rf"|(?P<number>{number})(?:(?P<low_unit>{unit_words})?{_RANGE_SEPARATORS}(?P<high>{high}))?"
        rf"(?:(?P<infix>{suffixes})(?P<power>[{_POWERS}]+)?)?"
        rf"(?P<unit>(?(low_unit)(?=(?P=low_unit))){unit_words}{per_unit}))"
        rf"(?P<suffix>{suffixes})?)"
    )
    compiled = re.compile(pattern)
    if tuple(compiled.groupindex) != _GROUPS:  # a guard for whoever edits the pattern
        raise RuntimeError("the figure pattern's groups must follow _GROUPS")
    return _Grammar(
        pattern=compiled,
        units=units,
        conversions={row.word: row for row in lexicon.rows("unit_conversions") if isinstance(row, UnitConversionRow)},
        approx=approx,
        not_count_before=not_count_before,
        not_count_endings=tuple(word for word in not_count_before if len(word) > 1),
        glued_words=words_of("glued"),
        term_units=tuple(sorted(words_of("term_unit"))),
        term_body=re.compile(word_alternation(words_of("term_body"))),
        subject_end_words=words_of("subject_end"),
        time_units=lexicon.words("time_units"),
        time_count_cues=time_count_cues,
    )


def _guarded_alternation(words: Iterable[str]) -> str:
    """The word tree of ``words`` behind a test of its first character.

    ``re`` tries a tree's first-level branches one by one (a hundred units) wherever the tree
    is tried, which is after every numeral; one character-class test rejects most positions
    at once. The test only fails where the tree would fail, so the matches are the same.
    """
    words = [word for word in words if word]
    if not words:
        return word_alternation(words)
    return rf"(?=[{re.escape(''.join(sorted({word[0] for word in words})))}]){word_alternation(words)}"


def _read_figure(match: re.Match[str], article: _Article, grammar: _Grammar) -> Figure | None:
    """The figure a candidate match stands for, or None when a rule rejects it.

    The rules run cheapest first. Word boundaries come from one binary search at the
    number; the unit's and the suffix's words are found from there.
    """
    _, _, prefix, percent, number, low_unit, high, infix, power, unit, suffix = match.groups()
    text, starts, words = article.text, article.starts, article.words
    match_start = match.start()
    if unit is None:
        unit_start = unit_end = match.end("percent")
    else:
        unit_start, unit_end = match.span("unit")
        if number in ("一", "二") or text.startswith(unit, unit_end):
            # 一 is an article (一名区委常委), 二 ranks (二班: a count of two says 两), and a
            # doubled measure word says "every one" (一项项荣誉, 一个个成果).
            return None
        if _bare_power(number, prefix, infix):
            return None  # 万人, 千家, 百名: a bare power is a manner of speaking unless 余/多 or 近/逾 qualify it
        if unit.partition("/")[0] not in grammar.units and not is_counted_time(
            text, match_start, unit, grammar.time_count_cues
        ):
            return None  # 3天后, 历时3天: a duration, which is a date
    body_start = match.end("prefix") if prefix is not None else match_start
    body_index = article.word_index(body_start)
    unit_index = article.word_index(unit_end, body_index)
    unit_ends_word = starts[unit_index] == unit_end or unit_end == len(text)
    if not unit_ends_word and not _unit_starts_a_word(unit_start, unit, article, body_index, grammar):
        return None  # the unit runs on into a longer word: 四轮驱动, 一盘棋, 二期工程
    # Where the text starts: at the prefix qualifier when that is a word of its own (or starts
    # one: 近百所), else at the number, which must start a word or follow a glued word (这三所).
    prefix_index = article.word_index(match_start) if prefix is not None else -1
    if prefix is not None and starts[prefix_index] == match_start:
        start, start_index = match_start, prefix_index
    elif starts[body_index] == body_start:
        start, start_index = body_start, body_index
    elif text[starts[body_index] : body_start] in grammar.glued_words:
        start, start_index = body_start, -1
    else:
        return None  # 第一批, 毛万二: the number belongs to a longer word
    before = words[start_index - 1] if start_index > 0 else ""  # the word that ends where the figure starts
    if start_index >= 0 and (before in grammar.not_count_before or before.endswith(grammar.not_count_endings)):
        return None  # 第 3 批, 前 3 名, 每 10万人, 五年级 三班
    if unit is not None and not _counts_things(
        number, unit, before, text, unit_end, _words_after_unit(article, unit_index, unit_end, unit_ends_word), grammar
    ):
        return None
    reading = _read_value(percent, number, high, power, unit, grammar, low_unit is not None)
    if reading is None:
        return None
    value, unit_name, rule = reading
    end = unit_end
    if suffix is not None:
        suffix_end = match.end("suffix")
        if starts[article.word_index(suffix_end, unit_index)] == suffix_end or suffix_end == len(text):
            end = suffix_end  # 以上 as a word; not the 多 of 多功能
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        sentence=article.sentence_at(start),
        rule=rule,
        value=value,
        unit=unit_name,
        approx=None if prefix is None and infix is None and suffix is None else _approx(
            prefix if start < body_start else None, infix, suffix if end > unit_end else None, grammar
        ),
        subject=_subject(article, end, grammar),
        unit_kind=_unit_kind(unit, grammar) if unit is not None else "percent",
    )


def _unit_kind(unit: str, grammar: _Grammar) -> str:
    """The kind of a unit; a unit per another (微克/立方米) has the kind of the first."""
    row = grammar.units.get(unit.partition("/")[0])
    return "time" if row is None else row.kind  # a counted unit of time: 天数达331天


_COUNTED_TIME_REACH = 12
_CLAUSE_TAIL = re.compile(f"[^{re.escape(_CLAUSE_END_CHARACTERS)}]*$")


def is_counted_time(text: str, start: int, unit: str, cues: frozenset[str]) -> bool:
    """Is a count of a unit of time at ``start`` a statistic: does a noun that counts that unit
    (a ``time_count`` word of figure_context) come shortly before it in its clause?

    >>> is_counted_time("优良天数达331天", 6, "天", frozenset({"天数"}))
    True
    """
    clause = _CLAUSE_TAIL.search(text, max(0, start - _COUNTED_TIME_REACH), start).group()
    return any(cue.startswith(unit) and cue in clause for cue in cues)


def _bare_power(number: str | None, prefix: str | None, infix: str | None) -> bool:
    return bool(number) and number[0] in CHINESE_POWERS and number[0] not in "十拾" and infix is None and prefix is None


def _unit_starts_a_word(unit_start: int, unit: str | None, article: _Article, body_index: int, grammar: _Grammar) -> bool:
    """The segmenter joins a measure word to what follows (2人获二等奖, 68个村, 3个人): the
    count stands when the unit starts that word. Only counting units, so that 5成为 (become)
    or a unit inside a word begun by the number (四轮驱动, 一成不变) stays out."""
    if unit is None or _unit_kind(unit, grammar) != "count":
        return False
    return article.starts[article.word_index(unit_start, body_index)] == unit_start


def _words_after_unit(article: _Article, unit_index: int, unit_end: int, unit_ends_word: bool) -> tuple[str, str]:
    """The word after the unit, or the rest of the word the unit starts (个村 gives 村); and the word after that."""
    starts, words = article.starts, article.words
    if unit_ends_word:
        if unit_end == len(article.text) or starts[unit_index] != unit_end:
            return "", ""
        following = unit_index + 1
        return words[unit_index], words[following] if following < len(words) else ""
    rest = article.text[unit_end : starts[unit_index] + len(words[unit_index])]
    following = unit_index + 1
    return rest, words[following] if following < len(words) else ""


def _counts_things(
    number: str | None, unit: str, before: str, text: str, unit_end: int, after: tuple[str, str], grammar: _Grammar
) -> bool:
    """False when number and unit do not count things: a duration (1个月后), a name or slogan
    of numbered parts (三堂一坛, 十九届四中全会), a term of a congress (十三届全国人大,
    十五届二次会议) or a cohort (2023届毕业生)."""
    word_after, next_word = after
    if _is_time_word(word_after, grammar) or (word_after in ("多", "半") and _is_time_word(next_word, grammar)):
        return False
    number = number or ""
    if unit in grammar.term_units and number.isdecimal() and len(number) == 4 and number[:2] in ("19", "20"):
        return False  # 2023届毕业生: a cohort, which is a date
    if number[:1] in CHINESE_NUMERAL_CHARS and "两" not in number:
        # Names number their parts with 一 二 三 (counts say 两): 三堂一坛, 十五届二次会议.
        if text[unit_end : unit_end + 1] in CHINESE_DIGITS:
            return False
        if unit in grammar.term_units and grammar.term_body.match(text, unit_end):
            return False
        if before.endswith(grammar.term_units):
            return False
    return True


def _is_time_word(word: str, grammar: _Grammar) -> bool:
    """月, 小时, 多月, 半小时, 工作日内: a unit of time right after the measure word makes a duration."""
    if len(word) > 1 and word[-1] in _POSTPOSITIONS:
        word = word[:-1]
    if len(word) > 1 and word[0] in "多半":
        word = word[1:]
    return word in grammar.time_units


Value = int | float | list[int | float]


def _read_value(
    percent: str | None,
    number: str | None,
    high: str | None,
    power: str | None,
    unit: str | None,
    grammar: _Grammar,
    low_has_unit: bool = False,
) -> tuple[Value, str, str] | None:
    """``(value, unit, rule)`` of a candidate, or None when its number does not read."""
    unit = unit or ""
    if power is None and high is None and number is not None and number.isdigit() and number.isascii():
        if unit not in grammar.conversions:
            return int(number), unit, "figure.arabic"  # the common case: 7所
    power = power or ""
    try:
        if percent is not None:
            return _json_number(parse_chinese_number(percent)), "%", "figure.percent_words"
        number = number or ""
        if high is not None:
            low_text, high_text = number, high
            trailing = _TRAILING_POWERS.search(high_text)
            if trailing and trailing.start() > 0 and not low_has_unit and not any(ch in CHINESE_POWERS for ch in low_text):
                low_text += trailing.group()  # 3至5万元: the 万 is the low end's too (not in 3元至5万元)
            low = parse_chinese_number(low_text + power)
            high_value = parse_chinese_number(high_text + power)
            if not low < high_value:
                return None
            values: list[int | Decimal] = [low, high_value]
            rule = "figure.range"
        elif number.isascii():
            values = [parse_chinese_number(number + power)]
            rule = "figure.mixed" if power or number[-1] in _POWERS else "figure.arabic"
        else:
            neighbours = parse_chinese_range(number)
            if neighbours is not None:
                values = [parse_chinese_number(str(end) + power) for end in neighbours]
                rule = "figure.chinese_range"
            elif len(number) > 1 and all(ch in CHINESE_DIGITS for ch in number):
                return None  # 一〇四: digit by digit, a name or a code
            else:
                values = [parse_chinese_number(number + power)]
                rule = _number_rule(number + power)
    except ValueError:
        return None
    conversion = grammar.conversions.get(unit)
    if conversion is not None:
        if conversion.factor != 1:
            values = [as_plain_number(Decimal(value) * conversion.factor) for value in values]
            rule = "figure.share"
        unit = conversion.as_unit
    if len(values) == 1:
        return _json_number(values[0]), unit, rule
    return [_json_number(value) for value in values], unit, rule


def _number_rule(number: str) -> str:
    if number[0] in CHINESE_NUMERAL_CHARS:
        return "figure.chinese"
    return "figure.mixed" if number[-1] in _POWERS else "figure.arabic"


def _json_number(value: int | Decimal) -> int | float:
    if type(value) is int:
        return value
    plain = as_plain_number(value)
    return plain if isinstance(plain, int) else float(plain)


def _approx(prefix: str | None, infix: str | None, suffix: str | None, grammar: _Grammar) -> str | None:
    """The first qualifier that says over, about or under (达 says nothing)."""
    for word in (prefix, infix, suffix):
        if word is not None and grammar.approx[word].approx != "none":
            return grammar.approx[word].approx
    return None


_CLAUSE_END_SET = frozenset(_CLAUSE_END_CHARACTERS)


def _subject(article: _Article, end: int, grammar: _Grammar) -> str | None:
    """The noun the figure counts: 学校 in 7所学校入选, 委员工作室 in 11个有辨识度的委员工作室.

    Only the short clause after the figure is tagged, and only when the clause goes on
    after the figure (most figures end theirs). A clause that does not start with a noun
    may be a modifier ending in 的, which is skipped; place words (市内外, 中) in front of
    the noun are dropped; a trailing verbal noun (项目建设) is the predicate.
    """
    text = article.text
    if end >= len(text) or text[end] in _CLAUSE_END_SET:
        return None
    limit = min(len(text), end + _SUBJECT_WINDOW)
    stop = _CLAUSE_END.search(text, end, limit)
    words, tags = zip(*article.segmented.tag_span(end, stop.start() if stop else limit))
    first = 0
    if tags[0] not in _NOUN_TAGS:
        if "的" in words:
            first = words.index("的") + 1
        else:
            while first < len(tags) and tags[first] in _MODIFIER_TAGS:
                first += 1
    last = first
    while last < len(tags) and tags[last] in _SUBJECT_TAGS and words[last] not in grammar.subject_end_words:
        last += 1
    for index in range(first, last):
        if tags[index] in _PLACE_TAGS:
            first = index + 1
    while last - first > 1 and tags[last - 1] == "vn":
        last -= 1
    return "".join(words[first:last]) or None
