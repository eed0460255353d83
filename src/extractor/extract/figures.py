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
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Mapping, NamedTuple

from ..lexicon import ApproxRow, FigureContextRow, Lexicon, UnitConversionRow, UnitRow
from ..models import Figure
from ..numerals import CHINESE_DIGITS, CHINESE_NUMERAL_CHARS, CHINESE_POWERS, as_plain_number, parse_chinese_number, parse_chinese_range
from ..segment import SegmentedText
from . import ExtractContext

__all__ = ["find_figures"]

# Grammar of written numbers (not vocabulary): Arabic digits with thousands commas and a
# decimal point, optionally followed by powers (1.5万, 3千万); or a run of Chinese numerals.
_POWERS = "十百千万亿"
_ARABIC = r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"
# An Arabic number does not start inside another number, a code (1+X, G20) or a fraction.
_ARABIC_START = r"(?<![0-9０-９.．A-Za-zＡ-Ｚａ-ｚ+＋_/\-－])"
_RANGE_SEPARATORS = r"(?:至|到|-|－|—|–|~|～|〜)"
# Quote marks that wrap names; a quotation holding this punctuation is speech, not a name.
_NAME_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"))
_SPEECH_PUNCTUATION = "，,。；;！？!?：:、\n"
_MAX_QUOTED_NAME = 30
_MAX_BOOK_TITLE = 80
# Where the counted noun after a figure ends at the latest.
_CLAUSE_END = re.compile(r"[，,。；;！？!?：:、\n（()）“”\"《》…—]")
_SUBJECT_WINDOW = 20
_NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nl", "ng", "zg", "nrt", "nrfg", "j", "vn", "an"})
_PLACE_TAGS = frozenset({"s", "f"})  # 市内外, 中: where, not what
_MODIFIER_TAGS = frozenset({"a", "ad", "b", "r", "l", "i"})
_TRAILING_POWERS = re.compile(rf"[{_POWERS}]+$")
_SKIPPED_GROUPS = frozenset({"quoted", "excluded"})
# Words of place that the segmenter may join to a time unit (工作日内, 月底).
_POSTPOSITIONS = "内后前来里间中底初末"


class _Groups(NamedTuple):
    """The pattern's groups, in the pattern's order (read with one ``match.groups()`` call)."""

    quoted: str | None
    excluded: str | None
    prefix: str | None
    percent: str | None
    low: str | None
    high: str | None
    number: str | None
    infix: str | None
    power: str | None
    unit: str | None
    suffix: str | None


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


def find_figures(segmented: SegmentedText, context: ExtractContext) -> list[Figure]:
    """Every figure of the article, in reading order."""
    grammar = context.lexicon.memo("figures.grammar", lambda: _build_grammar(context.lexicon))
    figures: list[Figure] = []
    for match in grammar.pattern.finditer(segmented.text):
        if match.lastgroup not in _SKIPPED_GROUPS:
            figure = _read_figure(match, segmented, grammar)
            if figure is not None:
                figures.append(figure)
    return figures


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that 人次 wins over 人 and 超过 over 超."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in ordered) or "(?!)"


def _build_grammar(lexicon: Lexicon) -> _Grammar:
    units = {row.word: row for row in lexicon.rows("units") if isinstance(row, UnitRow)}
    approx = {row.word: row for row in lexicon.rows("approx") if isinstance(row, ApproxRow)}
    context_rows = [row for row in lexicon.rows("figure_context") if isinstance(row, FigureContextRow)]

    def words_of(role: str) -> frozenset[str]:
        return frozenset(row.word for row in context_rows if row.role == role)

    not_count_before = words_of("ordinal") | words_of("rate")
    prefixes = _alternation(word for word, row in approx.items() if row.position == "prefix")
    suffixes = _alternation(word for word, row in approx.items() if row.position == "suffix")
    chinese = re.escape(CHINESE_NUMERAL_CHARS)
    digits = re.escape("".join(CHINESE_DIGITS))
    # The second number of a range follows its separator, so only the first has a guarded start.
    high = rf"(?:{_ARABIC}[{_POWERS}]*|[{chinese}]+(?:点[{digits}]+)?)"
    number = rf"(?:{_ARABIC_START}{_ARABIC}[{_POWERS}]*|(?<![{chinese}])[{chinese}]+(?:点[{digits}]+)?)"
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
    pattern = (
        rf"(?=[{re.escape(''.join(sorted(first_characters)))}])"
        rf"(?:(?P<quoted>{quoted})"
        rf"|(?P<excluded>{_alternation(lexicon.words('figure_exclusions'))})"
        rf"|(?P<prefix>{prefixes})?"
        rf"(?:百分之(?P<percent>{number})"
        rf"|(?:(?P<low>{number}){_RANGE_SEPARATORS}(?P<high>{high})|(?P<number>{number}))"
        rf"(?:(?P<infix>{suffixes})(?P<power>[{_POWERS}]+)?)?"
        rf"(?P<unit>{_alternation(units)}))"
        rf"(?P<suffix>{suffixes})?)"
    )
    compiled = re.compile(pattern)
    if tuple(compiled.groupindex) != _Groups._fields:  # a guard for whoever edits the pattern
        raise RuntimeError("the figure pattern's groups must follow _Groups")
    return _Grammar(
        pattern=compiled,
        units=units,
        conversions={row.word: row for row in lexicon.rows("unit_conversions") if isinstance(row, UnitConversionRow)},
        approx=approx,
        not_count_before=not_count_before,
        not_count_endings=tuple(word for word in not_count_before if len(word) > 1),
        glued_words=words_of("glued"),
        term_units=tuple(sorted(words_of("term_unit"))),
        term_body=re.compile(_alternation(words_of("term_body"))),
        subject_end_words=words_of("subject_end"),
        time_units=lexicon.words("time_units"),
    )


def _read_figure(match: re.Match[str], segmented: SegmentedText, grammar: _Grammar) -> Figure | None:
    """The figure a candidate match stands for, or None when a rule rejects it."""
    text = segmented.text
    groups = _Groups._make(match.groups())
    unit = groups.unit
    unit_end = match.end("unit") if unit is not None else match.end("percent")
    if not segmented.is_boundary(unit_end) and not _unit_starts_a_word(match, grammar, segmented):
        return None  # the unit runs on into a longer word: 四轮驱动, 一盘棋, 二期工程
    body_start = match.end("prefix") if groups.prefix is not None else match.start()
    start = _figure_start(match.start(), body_start, groups, segmented, grammar)
    if start is None:
        return None
    if unit is not None and not _counts_things(groups, segmented, grammar, start, unit_end):
        return None
    reading = _read_value(groups, grammar)
    if reading is None:
        return None
    value, unit_name, rule = reading
    end = unit_end
    suffix = groups.suffix
    if suffix is not None and segmented.is_boundary(match.end("suffix")):
        end = match.end("suffix")  # 以上 as a word; not the 多 of 多功能
    qualifiers = [groups.prefix if start < body_start else None, groups.infix, suffix if end > unit_end else None]
    unit_row = grammar.units.get(unit) if unit is not None else None
    return Figure(
        text=text[start:end],
        start=start,
        end=end,
        sentence=segmented.sentence_at(start),
        rule=rule,
        value=value,
        unit=unit_name,
        approx=_approx(qualifiers, grammar),
        subject=_subject(segmented, end, grammar),
        unit_kind=unit_row.kind if unit_row is not None else "percent",
    )


def _unit_starts_a_word(match: re.Match[str], grammar: _Grammar, segmented: SegmentedText) -> bool:
    """The segmenter joins a measure word to what follows (2人获二等奖, 68个村, 3个人): the
    count stands when the unit starts that word. Only counting units, so that 5成为 (become)
    or a unit inside a word begun by the number (四轮驱动, 一成不变) stays out."""
    unit = match.group("unit")
    row = grammar.units.get(unit) if unit is not None else None
    return row is not None and row.kind == "count" and segmented.is_boundary(match.start("unit"))


def _text_after_unit(segmented: SegmentedText, unit_end: int) -> str:
    """The word after the unit, or the rest of the word the unit starts (个村 gives 村)."""
    if segmented.is_boundary(unit_end):
        return segmented.word_after(unit_end)
    _, word_end, _ = segmented.word_at(unit_end)
    return segmented.text[unit_end:word_end]


def _figure_start(
    match_start: int, body_start: int, groups: _Groups, segmented: SegmentedText, grammar: _Grammar
) -> int | None:
    """Where the figure's text starts: at its prefix qualifier when that is a word of its own
    (or starts one: 近百所), else at the number; None when the number is inside a word."""
    if groups.prefix is not None and segmented.is_boundary(match_start):
        start = match_start
    elif segmented.is_boundary(body_start):
        start = body_start
    else:
        word_start, _, _ = segmented.word_at(body_start)
        if segmented.text[word_start:body_start] not in grammar.glued_words:
            return None  # 第一批, 毛万二: the number belongs to a longer word
        return body_start  # 这三所
    before = _word_before(segmented, start)
    if before in grammar.not_count_before or before.endswith(grammar.not_count_endings):
        return None  # 第 3 批, 前 3 名, 每 10万人, 五年级 三班
    return start


def _word_before(segmented: SegmentedText, offset: int) -> str:
    """The word that ends at ``offset``, or "" when none does."""
    if offset == 0:
        return ""
    _, word_end, word = segmented.word_at(offset - 1)
    return word if word_end == offset else ""


def _counts_things(
    groups: _Groups, segmented: SegmentedText, grammar: _Grammar, start: int, unit_end: int
) -> bool:
    """False when number and unit do not count things: a duration (1个月后), the article
    一 (一个缩影), the ordinal 二 (二班, 二次会议), reduplication (一项项), a name or slogan
    of numbered parts (三堂一坛, 十九届四中全会), a term of a congress (十三届全国人大,
    十五届二次会议) or a cohort (2023届毕业生)."""
    text = segmented.text
    unit = groups.unit or ""
    after = _text_after_unit(segmented, unit_end)
    if _is_time_word(after, grammar) or (
        after in ("多", "半") and _is_time_word(segmented.word_after(unit_end + len(after)), grammar)
    ):
        return False
    if text.startswith(unit, unit_end):
        return False  # 一项项荣誉, 一个个成果
    number = groups.number or groups.low or ""
    if number in ("一", "二"):
        return False  # 一 is an article (一名区委常委); a count of two is written 两 (两个), so 二 ranks
    if number[:1] in CHINESE_POWERS and number[0] not in "十拾" and groups.infix is None and groups.prefix is None:
        return False  # 万人, 千家, 百名: a bare power is a manner of speaking unless 余/多 or 近/逾 qualify it
    if unit in grammar.term_units and number.isdecimal() and len(number) == 4 and number[:2] in ("19", "20"):
        return False  # 2023届毕业生: a cohort, which is a date
    if number[:1] in CHINESE_NUMERAL_CHARS and "两" not in number:
        # Names number their parts with 一 二 三 (counts say 两): 三堂一坛, 十五届二次会议.
        if text[unit_end : unit_end + 1] in CHINESE_DIGITS:
            return False
        if unit in grammar.term_units and grammar.term_body.match(text, unit_end):
            return False
        if _word_before(segmented, start).endswith(grammar.term_units):
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


def _read_value(groups: _Groups, grammar: _Grammar) -> tuple[Value, str, str] | None:
    """``(value, unit, rule)`` of a candidate, or None when its number does not read."""
    power = groups.power or ""
    unit = groups.unit or ""
    try:
        if groups.percent is not None:
            return _json_number(parse_chinese_number(groups.percent)), "%", "figure.percent_words"
        if groups.low is not None and groups.high is not None:
            low_text, high_text = groups.low, groups.high
            trailing = _TRAILING_POWERS.search(high_text)
            if trailing and trailing.start() > 0 and not any(ch in CHINESE_POWERS for ch in low_text):
                low_text += trailing.group()  # 3至5万元: the 万 is the low end's too
            low = parse_chinese_number(low_text + power)
            high = parse_chinese_number(high_text + power)
            if not low < high:
                return None
            values: list[int | Decimal] = [low, high]
            rule = "figure.range"
        else:
            number = groups.number or ""
            neighbours = None if number.isascii() else parse_chinese_range(number)
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
    numbers = [_json_number(value) for value in values]
    return (numbers[0] if len(numbers) == 1 else numbers), unit, rule


def _number_rule(number: str) -> str:
    if number[0] in CHINESE_NUMERAL_CHARS:
        return "figure.chinese"
    return "figure.mixed" if number[-1] in _POWERS else "figure.arabic"


def _json_number(value: int | Decimal) -> int | float:
    plain = as_plain_number(value)
    return plain if isinstance(plain, int) else float(plain)


def _approx(qualifiers: list[str | None], grammar: _Grammar) -> str | None:
    """The first qualifier that says over, about or under (达 says nothing)."""
    for word in qualifiers:
        if word is not None and grammar.approx[word].approx != "none":
            return grammar.approx[word].approx
    return None


def _subject(segmented: SegmentedText, end: int, grammar: _Grammar) -> str | None:
    """The noun the figure counts: 学校 in 7所学校入选, 委员工作室 in 11个有辨识度的委员工作室.

    Only the short clause after the figure is tagged. A clause that does not start with
    a noun may be a modifier ending in 的, which is skipped; place words (市内外, 中) in
    front of the noun are dropped; a trailing verbal noun (项目建设) is the predicate.
    """
    text = segmented.text
    limit = min(len(text), end + _SUBJECT_WINDOW)
    stop = _CLAUSE_END.search(text, end, limit)
    clause_end = stop.start() if stop else limit
    if clause_end <= end:
        return None
    tagged = segmented.tag_span(end, clause_end)
    index = 0
    if tagged[0][1] not in _NOUN_TAGS:
        modifier_end = next((i for i, (word, _) in enumerate(tagged) if word == "的"), None)
        if modifier_end is not None:
            index = modifier_end + 1
        else:
            while index < len(tagged) and tagged[index][1] in _MODIFIER_TAGS:
                index += 1
    words: list[tuple[str, str]] = []
    for word, tag in tagged[index:]:
        if word in grammar.subject_end_words or (tag not in _NOUN_TAGS and tag not in _PLACE_TAGS):
            break
        words.append((word, tag))
    last_place = max((i for i, (_, tag) in enumerate(words) if tag in _PLACE_TAGS), default=-1)
    words = words[last_place + 1 :]
    while words and words[-1][1] == "vn" and len(words) > 1:
        words.pop()
    subject = "".join(word for word, _ in words)
    return subject or None
