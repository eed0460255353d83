"""Programs: named initiatives, one item per distinct name per article.

These rules find them:

- ``program.book_title``: a name in 《》 (documents, courses, textbooks, research projects); its
  kind from its own head (…实施方案: document) or the words around it (开设《X》等校本选修课);
- ``program.quote.*``: a name in “” that names an initiative, brand, model, platform or
  campaign. Quotes are also used for emphasis and figures of speech (“先行区”字眼, 架起“连心桥”),
  so the context decides: a program head after the quote (“114”模式), a program head ending the
  quoted name (“七个行动计划”), a numbered slogan (“四轮驱动”, “双创”), a program verb before it
  (开展“X”) or an emphasis cue (当好“X”, “X”字眼) — lexicon ``program_cues``;
- ``program.quote.practice``: a quote after a program verb followed by one short action that
  ends the object (推行“一站式”结算): the quote names how the action is done;
- ``program.about``: an unquoted document title 关于…的实施意见 / …的通知;
- ``program.list.counted`` and ``program.head``: unquoted names, listed before a counted head
  (委员进小院、委员沙龙四个平台) or ending with a program head (…工程, …试点; lexicon
  ``program_heads``) when the name is specific, not plain prose (学校基层党建平台).
- ``program.ordinal_event``: an event counted by its editions (首届…丰收节, 第十届…文化节).
- ``program.list.joined``: the unquoted last item of a list of programs (…工程和国家储备林项目).

Names inside an honour or the contest it was won in are left to the awards.

>>> from extractor.segment import get_segmenter, segment_text
>>> from extractor.lexicon import load_lexicon
>>> from extractor.extract import ExtractContext
>>> text = "创新“四轮驱动”,当好“好帮手”,印发《关于开展党建工作的通知》。"
>>> programs = find_programs(segment_text(text, get_segmenter("jieba")), ExtractContext(load_lexicon()))
>>> [(p.name, p.kind) for p in programs]
[('四轮驱动', 'model'), ('关于开展党建工作的通知', 'document')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..models import Program, ProgramKind
from ..segment import SegmentedText
from . import ExtractContext
from ._spans import CLAUSE_BREAK, CLOSING_MARKS, ClauseIndex, QuoteIndex, QuotedSpan, quotes_and_clauses, strip_quote_marks
from ._words import word_alternation
from .awards import award_spans

__all__ = ["find_programs"]

_MAX_QUOTED = 30  # a longer quote is speech or a sentence, not a name
_MAX_UNQUOTED = 30
_MAX_LIST = 200  # characters of a counted list read back from its head
_MIN_BODY = 3  # characters an unquoted name needs before its head
_LONG_NAME = 10  # an unquoted name this long is specific enough without a place or number
_CUE_WINDOW = 12  # a verb cue must end this close before the quote (实施党建品牌“七个行动计划”)
_AFTER_WINDOW = 60  # characters read after a quote (a list closed by 等…活动 fits)
_HEAD_WINDOW = 6  # modifiers allowed between a closing quote and its head (“1234”思政教育模式)
_CUED_HEAD_WINDOW = 12  # the same after a program verb, whose object runs on (开展“X”…公益活动)
_NUMERALS = "一二三四五六七八九十百千"
# Numbered slogans that name a way of working: “114”, “十四五”, “七联七化”, “双创”, “四轮驱动”,
# and the doubled word of a rollout to every unit (“班班通”, “村村通”: every class, every village).
_SLOGAN = re.compile(
    rf"^(?:[0-9]+|[{_NUMERALS}]+|[{_NUMERALS}两][^{_NUMERALS}两][{_NUMERALS}两][^{_NUMERALS}两]"
    rf"|双[\u4e00-\u9fff]|[{_NUMERALS}][\u4e00-\u9fff]{{3}}|[{_NUMERALS[1:]}两][\u4e00-\u9fff]{{2}}"
    r"|(?P<unit>[\u4e00-\u9fff])(?P=unit)[\u4e00-\u9fff])$"
)
# The period of a five-year plan (“十四五”, “十五五”); 五一 and 十一 are holidays.
_PLAN_PERIOD = re.compile(rf"^十[{_NUMERALS[:9]}]五$")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_NUMBER_ONLY = re.compile(rf"^(?:[0-9]+|[{_NUMERALS}]+)$")
_SENTENCE_MARKS = re.compile(r"[。！？!?；;]")
_SPEECH_AFTER = re.compile(r"^(?:[^，。,]{0,8}?)(?:表示|说|介绍|指出|认为|强调|谈道|坦言)")
# Part-of-speech tags (jieba's set) that end a name when walking back from its head:
# prepositions, conjunctions, particles, pronouns, adverbs, locatives, measure words.
_STOP_TAGS = frozenset("p c u uj ul uz ug uv ud r rr rz d w y e o q f".split())
# Time words end a name too (明年全市计划…), but 现代 (tagged as time) may begin one (现代学徒制试点).
_TIME_WORD = re.compile(r"[年月日]|^(?:今|明|去|前|近|目前|当前|以来|期间)")
# Tags of words a name does not begin with (建成, 依托, 共同 …); vn (建设) may begin one.
_LEADING_TAGS = frozenset("v vd vi vg d p c u uj r f".split())
# A mark a tagger tags as a word of its own ("x"), never joined to its neighbours: punctuation
# and symbols except the few kept inside words (+ # & . % - as in “1+1+N”, C#, 5%). A tagger cuts
# the runs between such marks one by one, so the words after a mark are the same whether the
# tagged span starts before it or right after it. · is left out as names go on over it (see
# _name_start), and so are whitespace and the CJK blocks, whatever their Unicode category.
_TAG_BREAK = re.compile(r"[^\w\s+#&.%\-·\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LIST_BREAKER = re.compile(r"[“”《》]")  # quoted items are judged as quotes
# The modifiers and head after a closing quote: letters and digits, no punctuation.
_MODIFIERS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{0,12}")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z]")
# What may follow a quote that is a verb's whole object: the clause end, a list mark, 和.
_ENDS_OBJECT = re.compile(r"(?:$|[、，,。；;！!？?：:\s)）”]|和|及|与|以及)")
_SPACE = re.compile(r"\s")
# Two to four characters that end a verb's object after a quote (推行“X”积分兑换, …结算和…).
_SHORT_ACTION = re.compile(r"[\u4e00-\u9fff]{2,4}?(?=$|[、，,。；;：:！!？?\s)）”]|和|及|与)")
_QUOTE_OPENERS = "“‘「『\""
# The unquoted last item of a list joined to a program found before it (…工程和国家储备林项目).
# After 、 the head may be shared by the whole list (“青说青听”、廉洁小故事分享活动), and 等 closes
# a list whose items are judged on their own: neither joins.
_JOINED_ITEM = re.compile(r"[”’》」』\"]?(?:和|及|以及)([^\W_等]{4,20})(?=$|[、，,。；;：:！!？?\s])")


@dataclass(frozen=True)
class _Vocabulary:
    heads: dict[str, tuple[str, str]]  # head -> (kind or "none", unquoted: named, short, cue or never)
    head_pattern: re.Pattern[str]  # heads of unquoted names (named and cue)
    head_pattern_all: re.Pattern[str]  # every program head (after a closing quote)
    head_end: re.Pattern[str]  # a head that ends a name
    title_after: re.Pattern[str]  # a head after a book title (《X》等校本选修课)
    title_before: re.Pattern[str]  # a head before a book title (课题《X》)
    list_head: re.Pattern[str]  # a list after a quote that ends with 等…head
    counted_head: re.Pattern[str]  # 四个平台: a count of a program head, that may close a list
    none_end: re.Pattern[str]  # a head that makes a name no program (…日报)
    none_start: re.Pattern[str]  # the same head right after a title (《求是》杂志)
    leading_titles: re.Pattern[str]
    about_pattern: re.Pattern[str]
    cues_before: dict[str, tuple[str, str | None]]  # cue -> (signal, kind)
    cue_before_pattern: re.Pattern[str]
    emphasis_after: re.Pattern[str]
    emphasis_end: re.Pattern[str]  # a metaphor's last word (“金名片”)
    program_after: dict[str, str | None]  # a word after a quote that tells a program (“X”示范园区) -> kind
    program_after_pattern: re.Pattern[str]
    honour_end: re.Pattern[str]  # what ends an honour's name (称号, 名单): the quote before it is the honour
    person_words: frozenset[str]  # who a post belongs to (…工作室领衔人): the name before is no program
    org_suffixes: frozenset[str]  # what ends an organization's name (…工程研究中心, …有限公司)
    org_suffix_pattern: re.Pattern[str]
    generic: frozenset[str]
    level_pattern: re.Pattern[str]
    count_after: re.Pattern[str]
    partner_cue: re.Pattern[str]  # 与<partner>共建 right before a name
    copula_head: re.Pattern[str]  # “X”已成为…区域品牌: what the quote became ends with a head
    ordinal_event: re.Pattern[str]  # 首届…丰收节, 第十届…文化节: an event counted by its editions


def _build_vocabulary(lexicon: Lexicon) -> _Vocabulary:
    heads = {row.word: (row.kind, row.unquoted) for row in lexicon.rows("program_heads")}
    program_heads = [word for word, (kind, _) in heads.items() if kind != "none"]
    none_alt = word_alternation(word for word, (kind, _) in heads.items() if kind == "none")
    unquoted_alt = word_alternation(
        word for word, (kind, unquoted) in heads.items() if kind != "none" and unquoted != "never"
    )
    heads_alt = word_alternation(program_heads)
    document_heads = word_alternation(word for word, (kind, _) in heads.items() if kind == "document")
    cues = {row.word: (row.signal, row.kind) for row in lexicon.rows("program_cues") if row.position == "before"}
    after = [row.word for row in lexicon.rows("program_cues") if row.position == "after" and row.signal == "emphasis"]
    program_after = {
        row.word: row.kind for row in lexicon.rows("program_cues") if row.position == "after" and row.signal == "program"
    }
    honour_end = [row.word for row in lexicon.rows("award_wrappers") if row.role in ("closing", "suffix", "stop")]
    honour_end += [row.word for row in lexicon.rows("award_generic") if row.role == "generic"]
    metaphors = [row.word for row in lexicon.rows("program_cues") if row.position == "end"]
    count_units = word_alternation(row.word for row in lexicon.rows("units") if row.kind == "count")
    count = rf"(?:[0-9]+|[{_NUMERALS}两]+)(?:{count_units})"
    # The verbs that say what something is or became (成为, 被誉为): emphasis before a quote.
    copulas = [word for word, (signal, _) in cues.items() if signal == "emphasis"]
    campaign_heads = word_alternation(word for word, (kind, _) in heads.items() if kind == "campaign")
    return _Vocabulary(
        heads=heads,
        head_pattern=re.compile(unquoted_alt),
        head_pattern_all=re.compile(heads_alt),
        head_end=re.compile(rf"(?:{heads_alt})$"),
        none_end=re.compile(rf"(?:{none_alt})$"),
        none_start=re.compile(none_alt),
        leading_titles=re.compile(r"^(?:、?《[^》]*》)*"),
        title_after=re.compile(rf"等?[^，,。；;]{{0,8}}?({heads_alt})"),
        title_before=re.compile(rf"({heads_alt})$"),
        list_head=re.compile(
            rf"(?:、[^，,。；;：:！!？?\n]{{0,30}}?等?|等)[^，,。；;：:！!？?\n]{{0,12}}?(?:{heads_alt})"
        ),
        counted_head=re.compile(rf"(?:{count})({unquoted_alt})$"),
        about_pattern=re.compile(rf"关于[^，,。；;！!？?\n]{{2,60}}?的(?:{document_heads})"),
        cues_before=cues,
        cue_before_pattern=re.compile(word_alternation(cues)),
        emphasis_after=re.compile(rf"(?:{word_alternation(after)})"),
        emphasis_end=re.compile(rf"(?:{word_alternation(metaphors)})$"),
        program_after=program_after,
        program_after_pattern=re.compile(word_alternation(program_after)),
        honour_end=re.compile(word_alternation(honour_end)),
        person_words=frozenset(row.word for row in lexicon.rows("roles") if row.kind in ("title", "person")),
        org_suffixes=lexicon.words("org_suffixes"),
        org_suffix_pattern=re.compile(word_alternation(lexicon.words("org_suffixes"))),
        generic=lexicon.words("program_generic"),
        level_pattern=re.compile(word_alternation(row.word for row in lexicon.rows("level_cues")
                                                 if row.scope == "anywhere")),
        count_after=re.compile(rf"[0-9{_NUMERALS}两]+(?:余|多)?(?:{count_units})"),
        partner_cue=re.compile(
            rf"与[^，,。；;！!？?\n与]{{2,20}}?(?:{word_alternation(w for w, (signal, _) in cues.items() if signal == 'program')})$"
        ),
        copula_head=re.compile(
            rf"^[^，,。；;！!？?\n]{{0,3}}?(?:{word_alternation(copulas)})[^，,。；;！!？?\n“”]{{0,16}}?({heads_alt})"
            r"(?=$|[，,。；;！!？?\n])"
        ),
        ordinal_event=re.compile(
            rf"(?:首届|第[0-9{_NUMERALS}]+届)((?:[\u4e00-\u9fffA-Za-z0-9·]|[(（][\u4e00-\u9fff]{{2,6}}[)）]){{2,20}}?"
            rf"(?:{campaign_heads}))"
        ),
    )


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    return lexicon.memo("programs.vocabulary", lambda: _build_vocabulary(lexicon))


@dataclass
class _Found:
    start: int
    end: int
    name: str
    kind: ProgramKind
    rule: str


class _Cover:
    """The union of some spans, to ask whether a span lies inside it.

    >>> _Cover([(0, 4), (2, 6), (10, 12)]).covers(3, 6), _Cover([(0, 4)]).covers(3, 5)
    (True, False)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]


@dataclass
class _Article:
    segmented: SegmentedText
    vocabulary: _Vocabulary
    quotes: QuoteIndex
    clauses: ClauseIndex
    blocked: _Cover  # honours and the contests they were won in
    contests: _Cover  # the contests alone
    heads: list[re.Match[str]]  # the heads of unquoted names, read by two rules
    around: dict[int, tuple[str, str]] = field(default_factory=dict)  # a quote group's start -> _around
    idioms: dict[str, bool] = field(default_factory=dict)  # a quoted name -> _is_idiom

    def is_blocked(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` lie inside an honour or a contest (left to the awards)?"""
        return self.blocked.covers(start, end)


def find_programs(segmented: SegmentedText, context: ExtractContext) -> list[Program]:
    """Every distinct program name of the article, at its first occurrence, with all mentions."""
    article = _prepare(segmented, context.lexicon)
    found: list[_Found] = []
    found += _book_titles(article)
    found += _quoted_names(article)
    found += _about_documents(article)
    found += _counted_lists(article)
    found += _headed_names(article)
    found += _ordinal_events(article)
    found += _joined_names(article, found)
    return _merge(article, found)


def _prepare(segmented: SegmentedText, lexicon: Lexicon) -> _Article:
    quotes, clauses = quotes_and_clauses(segmented)
    quotes.spans  # every quote is judged: pair them all at once, before the awards look some up
    honours, contests = award_spans(segmented, lexicon)
    vocabulary = _vocabulary(lexicon)
    heads = list(vocabulary.head_pattern.finditer(segmented.text))
    return _Article(segmented, vocabulary, quotes, clauses, _Cover(honours + contests), _Cover(contests), heads)


# ---------------------------------------------------------------- 《…》


def _book_titles(article: _Article) -> list[_Found]:
    text = article.segmented.text
    found = []
    for quote in article.quotes.spans:
        if quote.mark != "《" or _in_book_title(article, quote):
            continue
        inner = text[quote.inner_start : quote.inner_end]
        name = strip_quote_marks(inner).strip()
        if len(name) < 2 or article.is_blocked(quote.inner_start, quote.inner_end):
            continue
        kind = _kind_of_name(article.vocabulary, name)
        if kind == "none":
            continue  # 《重庆日报》: a newspaper
        if kind is None:
            kind = _kind_around_title(article, quote) or "other"
            if kind == "none":
                continue
        found.append(_Found(quote.inner_start, quote.inner_end, name, kind, "program.book_title"))
    return found


def _in_book_title(article: _Article, quote: QuotedSpan) -> bool:
    outer = article.quotes.covering(quote.start)
    return outer is not None and outer is not quote and outer.mark == "《"


def _kind_of_name(vocabulary: _Vocabulary, name: str) -> str | None:
    """The kind a name's own head gives (…实施方案: document), "none" for a newspaper, else None."""
    name = _TRAILING_NOTE.sub("", name)  # 《…三年行动计划(2023-2025年)》
    match = vocabulary.head_end.search(name)
    if match is None:
        return "none" if vocabulary.none_end.search(name) else None
    return vocabulary.heads[match.group()][0]


def _kind_around_title(article: _Article, quote: QuotedSpan) -> str | None:
    """The kind the words around a title give: 课题《X》 project, 《X》等校本选修课 course."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    clause_start, clause_end = article.clauses.span(quote.start)
    after = text[quote.end : clause_end]
    after = vocabulary.leading_titles.sub("", after)  # 《西兰卡普》《南溪号子》《威风锣鼓》等…
    if vocabulary.none_start.match(after):
        return "none"  # 《求是》杂志: a periodical
    match = vocabulary.title_after.match(after)
    if match:
        return vocabulary.heads[match.group(1)][0]  # type: ignore[return-value]
    before = text[max(clause_start, quote.start - 8) : quote.start]
    if vocabulary.none_end.search(before):
        return "none"  # 歌曲《…》, 美术作品《…》: a work, not a program
    match = vocabulary.title_before.search(before)
    if match:
        return vocabulary.heads[match.group(1)][0]  # type: ignore[return-value]
    return None


# ---------------------------------------------------------------- “…”


def _quoted_names(article: _Article) -> list[_Found]:
    text = article.segmented.text
    found = []
    groups = _quote_groups(article, article.quotes.outer)
    for group in groups:  # grows with the quotes found inside quoted sentences
        for quote in group:
            if article.is_blocked(quote.inner_start, quote.inner_end) and not _inside_honour_name(article, quote):
                continue
            verdict = _judge_quote(article, quote, group)
            if verdict is None:
                if _is_sentence(article, quote):
                    groups += _nested_groups(article, quote)  # “通过‘慧种田’平台,浇水…”
                continue
            kind, rule = verdict
            name = strip_quote_marks(text[quote.inner_start : quote.inner_end]).strip()
            found.append(_Found(quote.inner_start, quote.inner_end, name, kind, rule))
    return found


def _inside_honour_name(article: _Article, quote: QuotedSpan) -> bool:
    """Does a quote in an honour name what the honour is about (入选“千县工程”县医院名单)?

    It does when the honour's name goes on after it; a quote that a wrapper closes
    (荣获“全国文明城市”称号) is the honour itself, and so is one that opens with the honour's
    level and has no program head of its own (入选“全国十佳…案例”推介名单).
    """
    text = article.segmented.text
    if article.contests.covers(quote.inner_start, quote.inner_end):
        return False  # 在“…大赛”竞赛中获二等奖: the contest goes with the award
    vocabulary = article.vocabulary
    name = text[quote.inner_start : quote.inner_end]
    if vocabulary.level_pattern.match(name) and _kind_of_name(vocabulary, name) is None:
        return False
    return quote.end < len(text) and text[quote.end].isalnum() and not article.vocabulary.honour_end.match(text, quote.end)


def _is_sentence(article: _Article, quote: QuotedSpan) -> bool:
    """Is a quote a sentence someone says (too long for a name, or holding a stop)?"""
    inner = article.segmented.text[quote.inner_start : quote.inner_end]
    return len(inner) > _MAX_QUOTED or bool(_SENTENCE_MARKS.search(inner))


def _in_quoted_name(article: _Article, offset: int) -> bool:
    """Is ``offset`` inside a quote that is a name, not a sentence someone says? The names in
    a quoted sentence (“我们将以筹办第六届X节为契机…”) are read like the text around it."""
    quote = article.quotes.covering(offset)
    if quote is None or not _is_sentence(article, quote):
        return quote is not None
    return any(quote.start < span.start <= offset < span.end for span in article.quotes.spans if span.depth > quote.depth)


def _nested_groups(article: _Article, quote: QuotedSpan) -> list[list[QuotedSpan]]:
    """The groups of quotes right inside a quoted sentence, judged within its clauses."""
    text = article.segmented.text
    inner = [span for span in article.quotes.spans if quote.start < span.start < quote.end and span.depth == quote.depth + 1]
    groups = _quote_groups(article, inner)
    for group in groups:
        # The words around the group, within its clause of the quoted sentence.
        before = CLAUSE_BREAK.split(text[max(quote.inner_start, group[0].start - _CUE_WINDOW) : group[0].start])[-1]
        after = CLAUSE_BREAK.split(text[group[-1].end : min(quote.inner_end, group[-1].end + _AFTER_WINDOW)])[0]
        article.around[group[0].start] = (before, after)
    return groups


def _quote_groups(article: _Article, quotes: list[QuotedSpan]) -> list[list[QuotedSpan]]:
    """“” quotes, grouped when they stand side by side or in a 、 list (“A”、“B”等活动)."""
    text = article.segmented.text
    groups: list[list[QuotedSpan]] = []
    for quote in quotes:
        if quote.mark not in _QUOTE_OPENERS:
            continue
        if groups and text[groups[-1][-1].end : quote.start] in ("", "、"):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return groups


def _around(article: _Article, group: list[QuotedSpan]) -> tuple[str, str]:
    """``(before, after)``: the words of the clause before a group of quotes and after it."""
    around = article.around.get(group[0].start)
    if around is not None:
        return around
    text = article.segmented.text
    # Nothing but quotes and 、 stands between the group's quotes: they share one clause.
    clause_start, clause_end = article.clauses.span(group[0].start)
    after = text[group[-1].end : min(clause_end, group[-1].end + _AFTER_WINDOW)]
    around = article.around[group[0].start] = (text[max(clause_start, group[0].start - _CUE_WINDOW) : group[0].start], after)
    return around


def _judge_quote(article: _Article, quote: QuotedSpan, group: list[QuotedSpan]) -> tuple[ProgramKind, str] | None:
    """``(kind, rule)`` when a quote names a program, None when it is speech or emphasis."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    inner = text[quote.inner_start : quote.inner_end]
    name = strip_quote_marks(inner).strip()
    if not 2 <= len(name) <= _MAX_QUOTED or _SENTENCE_MARKS.search(inner):
        return None
    before, after = _around(article, group)
    if _SPEECH_AFTER.match(after) or text[max(quote.start - 1, 0) : quote.start] in ("：", ":"):
        return None
    if _PLAN_PERIOD.match(name):
        return "other", "program.quote.slogan"  # “十五五”期间: a plan's period, not a holiday's
    if vocabulary.emphasis_after.match(after) or vocabulary.emphasis_end.search(name):
        return None
    # A space ends a headline's part (平台建设 “筑巢引凤”): a cue before it governs nothing after it.
    cue = _last_cue(vocabulary, _SPACE.split(before)[-1])
    signal, cue_kind = vocabulary.cues_before[cue] if cue is not None else ("", None)
    # A program verb takes the whole noun after the quote (开展“X”白内障复明手术公益活动).
    head = _head_after(article, group[-1].end, after, _CUED_HEAD_WINDOW if signal == "program" else _HEAD_WINDOW)
    if head is not None:
        return vocabulary.heads[head][0], "program.quote.head"  # type: ignore[return-value]
    verdict = _judge_by_cues(vocabulary, name, cue, after)
    if verdict is None and signal == "program" and _action_after(article, group[-1].end, after):
        verdict = (cue_kind or "model"), "program.quote.practice"  # 推行“一站式”结算: how it is done
    # Tagging costs more than every other test: ask it only of a quote the cues make a program.
    if verdict is not None and _is_idiom(article, quote, name):
        return None  # 激活村集体经济“一池春水”: a figure of speech
    return verdict


def _judge_by_cues(vocabulary: _Vocabulary, name: str, cue: str | None, after: str) -> tuple[ProgramKind, str] | None:
    """``(kind, rule)`` from the quoted name's own head and the cues around it (开展“X”, “X”示范园区)."""
    signal, cue_kind = vocabulary.cues_before[cue] if cue is not None else ("", None)
    kind = _kind_of_name(vocabulary, name)
    if kind not in (None, "none"):
        if signal == "emphasis" and _ENDS_OBJECT.match(after):
            return None  # 作为…的“头号工程”: what something is taken for, not a name
        return kind, "program.quote.name"  # type: ignore[return-value]
    if _SLOGAN.match(name) or "+" in name:
        # A bare number names a period or a code (“十四五”); numbered words name a method.
        return ("other" if _NUMBER_ONLY.match(name) else "model"), "program.quote.slogan"
    match = vocabulary.copula_head.match(after)
    if match:
        return vocabulary.heads[match.group(1)][0], "program.quote.copula"  # type: ignore[return-value]
    if signal == "emphasis":
        return None
    match = vocabulary.program_after_pattern.match(after)
    if match:
        return (vocabulary.program_after[match.group()] or "other"), "program.quote.cue"  # type: ignore[return-value]
    match = vocabulary.list_head.match(after)
    if match:
        head = vocabulary.head_end.search(match.group()).group()
        return vocabulary.heads[head][0], "program.quote.list"  # type: ignore[return-value]
    if signal == "program" and (_ENDS_OBJECT.match(after) or vocabulary.count_after.match(after)):
        # 打造“X”: the quote is the verb's object; in 打造“网红”打卡点 the object is 打卡点.
        return (cue_kind or "other"), "program.quote.verb"  # type: ignore[return-value]
    return None


def _is_idiom(article: _Article, quote: QuotedSpan, name: str) -> bool:
    """Is a quoted name of four characters one idiom of the dictionary (“一池春水”, not “四轮驱动”)?"""
    if len(name) != 4 or quote.inner_end - quote.inner_start != 4:
        return False
    idiom = article.idioms.get(name)  # a name quoted again is not tagged again
    if idiom is None:
        tokens = article.segmented.tag_span(quote.inner_start, quote.inner_end)
        idiom = article.idioms[name] = len(tokens) == 1 and tokens[0][1] == "i"
    return idiom


def _action_after(article: _Article, offset: int, after: str) -> bool:
    """Is the quote followed by one short action that ends the verb's object (推行“X”结算,
    开展“X”免费筛查)? Then the quote names how the action is done; in 打造“网红”打卡点 the
    object is a thing (打卡点), and the quote only describes it."""
    match = _SHORT_ACTION.match(after)
    if match is None or not article.segmented.is_boundary(offset + match.end()):
        return False
    return article.segmented.tag_span(offset, offset + match.end())[-1][1] in ("v", "vn")


def _head_after(article: _Article, offset: int, after: str, reach: int) -> str | None:
    """The program head that a few modifiers after a quote end with (“1234”思政教育模式 → 模式),
    starting within ``reach`` characters.

    The head must end a word: in “学为中心”课堂教学改革 the head is 改革, not 课堂. A quote that
    的 joins to its head describes it: that names a way of working (“政府搭台、企业点单”的培训模式),
    but no team, brand or base (一支“带不走”的队伍, 打造“有温度”的服务品牌).
    """
    vocabulary = article.vocabulary
    window = _MODIFIERS.match(after).end()
    for match in vocabulary.head_pattern_all.finditer(after, 0, window):
        if match.start() <= reach and article.segmented.is_boundary(offset + match.end()):
            if vocabulary.heads[match.group()][0] != "model" and "的" in after[: match.start()]:
                return None
            return match.group()
    return None


def _last_cue(vocabulary: _Vocabulary, before: str) -> str | None:
    """The cue nearest before a quote (开展, 当好 …), skipping what other quotes hold."""
    last = None
    for match in vocabulary.cue_before_pattern.finditer(before):
        last = match.group()
    return last


# ---------------------------------------------------------------- unquoted names


def _about_documents(article: _Article) -> list[_Found]:
    """关于建立“X”协商平台的实施意见: an unquoted document title."""
    text = article.segmented.text
    found = []
    for match in article.vocabulary.about_pattern.finditer(text):
        start, end = match.span()
        covering = article.quotes.covering(start)
        if covering is not None and covering.mark == "《":
            continue
        found.append(_Found(start, end, strip_quote_marks(match.group()), "document", "program.about"))
    return found


def _counted_lists(article: _Article) -> list[_Found]:
    """委员进小院、川渝毗邻地区协商议事室、委员工作室、委员沙龙四个平台: each item is a program."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    found = []
    for head in article.heads:
        # Heads are rarer than numbers: find the head, then the count before it (四个平台).
        match = vocabulary.counted_head.search(text, max(head.start() - 8, 0), head.end())
        if match is None or match.end() != head.end():
            continue
        clause_start, _ = article.clauses.span(match.start())
        list_end = match.start() - 1 if text.startswith("等", match.start() - 1) else match.start()
        list_start = max(clause_start, list_end - _MAX_LIST)
        listed = text[list_start:list_end]
        if "、" not in listed or _LIST_BREAKER.search(listed):
            continue
        kind = vocabulary.heads[match.group(1)][0]
        position = list_start
        for item in listed.split("、"):
            start, end = position, position + len(item)
            position = end + 1
            if start == list_start:
                if list_start > clause_start or end - start > _MAX_UNQUOTED:
                    continue  # the list's start was cut off: no whole first item
                start = _skip_leading_verbs(article, start, end)
            if 2 <= end - start <= 20 and not article.is_blocked(start, end):
                found.append(_Found(start, end, text[start:end], kind, "program.list.counted"))  # type: ignore[arg-type]
    return found


def _skip_leading_verbs(article: _Article, start: int, end: int) -> int:
    """Drop the verbs a list item begins with (创新拓展委员进小院 → 委员进小院)."""
    return _after_leading_verbs(article, start, end, article.segmented.tag_span(start, end))


def _after_leading_verbs(article: _Article, start: int, end: int, tokens: list[tuple[str, str]]) -> int:
    offset = start
    for word, tag in tokens:
        if not (tag in _LEADING_TAGS or word in article.vocabulary.cues_before):
            break
        offset += len(word)
    return offset if end - offset >= 2 else start


def _headed_names(article: _Article) -> list[_Found]:
    """Unquoted names ending with a program head: 建成世界技能大赛云计算项目市选拔集训基地."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    segmented = article.segmented
    found = []
    for match in article.heads:
        head_start, head_end = match.span()
        if not segmented.is_boundary(head_end) or _in_quoted_name(article, head_start):
            continue
        if vocabulary.count_after.match(text, head_end) or article.is_blocked(head_start, head_end):
            continue  # 建成国家级科技工作室2个: a category counted, not one program
        head = match.group()
        window_start, body_start = _name_window(article, head_start)
        if not _may_be_specific(article, window_start, body_start, head_start, head):
            continue  # decided without tagging: no room for a long name, no number, no level
        if _names_a_post(article, head_end):
            continue  # 技能大师工作室领衔人: the name of a post, not of a program
        if _followed_by(article, head_end, article.vocabulary.org_suffixes):
            continue  # 先进材料工程研究中心: the name of an organization, not of a program
        start = _name_start(article, window_start, body_start, head_start)
        if start is None:
            continue
        name = text[start:head_end]
        if _is_specific(article, name, start, head):
            kind = vocabulary.heads[head][0]
            found.append(_Found(start, head_end, name, kind, "program.head"))  # type: ignore[arg-type]
    return found


def _ordinal_events(article: _Article) -> list[_Found]:
    """Events counted by their editions: 首届林寨古村丰收节, 第十届宝鸡民俗文化节."""
    segmented = article.segmented
    found = []
    for match in article.vocabulary.ordinal_event.finditer(segmented.text):
        start, end = match.span(1)
        if not segmented.is_boundary(start) or not segmented.is_boundary(end):
            continue
        if _in_quoted_name(article, start) or article.is_blocked(start, end):
            continue  # 《…》 and “…” are judged as quotes; contests go with the awards
        found.append(_Found(start, end, match.group(1), "campaign", "program.ordinal_event"))
    return found


def _joined_names(article: _Article, found: list[_Found]) -> list[_Found]:
    """The last item of a list that names programs (实施A工程、“B计划”和国家储备林项目): the item
    is a program too when it ends with a program head, even one that alone is plain prose (…项目)."""
    text = article.segmented.text
    segmented = article.segmented
    vocabulary = article.vocabulary
    joined = []
    for item in found:
        match = _JOINED_ITEM.match(text, item.end)
        if match is None:
            continue
        start, end = match.span(1)
        head = vocabulary.head_end.search(match.group(1))
        if head is None or not segmented.is_boundary(start) or not segmented.is_boundary(end):
            continue
        if _in_quoted_name(article, start) or article.is_blocked(start, end):
            continue
        start = _skip_leading_verbs(article, start, end)
        name = text[start:end]
        kind = vocabulary.heads[head.group()][0]
        if kind == "none" or len(name) - len(head.group()) < _MIN_BODY or vocabulary.counted_head.search(name):
            continue  # …和委员沙龙四个平台: the count closes a list, its items are found as such
        if _is_generic(article, start, end - len(head.group())):
            continue  # …工程和相关项目: plain prose
        joined.append(_Found(start, end, name, kind, "program.list.joined"))  # type: ignore[arg-type]
    return joined


def _followed_by(article: _Article, offset: int, words: frozenset[str]) -> bool:
    """Is the word at ``offset``, or it and the next one, one of ``words``?"""
    segmented = article.segmented
    following = segmented.word_after(offset)
    if not following:
        return False
    return following in words or following + segmented.word_after(offset + len(following)) in words


def _names_a_post(article: _Article, head_end: int) -> bool:
    """Does a person's post follow the head (…工作室领衔人, …基地主任) in one or two words?"""
    if _followed_by(article, head_end, article.vocabulary.person_words):
        return True
    segmented = article.segmented
    following = segmented.word_after(head_end)
    second = segmented.word_after(head_end + len(following)) if following else ""
    # 主持人, 领衔/人: a word of two characters or more and 人 make a person (not 让人, 让/人).
    return (len(following) >= 3 and following.endswith("人")) or (len(following) == 2 and second == "人")


def _name_window(article: _Article, head_start: int) -> tuple[int, int]:
    """``(window_start, body_start)``: the words before a head that are read back, and where a
    name's body may begin in them: after the window's last mark, where the walk back stops."""
    clause_start, _ = article.clauses.span(head_start)
    window_start = max(clause_start, head_start - _MAX_UNQUOTED)
    return window_start, max(_last_tag_break(article.segmented.text, window_start, head_start) + 1, window_start)


def _may_be_specific(article: _Article, window_start: int, body_start: int, head_start: int, head: str) -> bool:
    """Can the words before a head hold a name that :func:`_is_specific` accepts? Told without tagging."""
    text = article.segmented.text
    unquoted = article.vocabulary.heads[head][1]
    body = text[body_start:head_start]
    if len(body) < _min_body(unquoted):
        return False
    if unquoted != "cue":
        return True
    window = text[window_start:head_start]
    if not (_looks_specific(article.vocabulary, window, len(head)) or "与" in window):
        return False  # no room for a long name, no number, no level, no partner (与…共建)
    # The name lies in the body after the last mark; its partner may stand anywhere before it.
    clause_start, _ = article.clauses.span(head_start)
    return _looks_specific(article.vocabulary, body, len(head)) or "与" in text[clause_start:head_start]


def _looks_specific(vocabulary: _Vocabulary, body: str, head_length: int) -> bool:
    """Does a name's body tell one program: ten characters with its head, a Latin letter or
    digit, or a level (省级, 国家级)?"""
    return bool(
        len(body) + head_length >= _LONG_NAME or _LATIN_OR_DIGIT.search(body) or vocabulary.level_pattern.search(body)
    )


def _min_body(unquoted: str) -> int:
    """Characters a name needs before its head: one before a short head (河长制), else three."""
    return 1 if unquoted == "short" else _MIN_BODY


def _name_start(article: _Article, window_start: int, body_start: int, head_start: int) -> int | None:
    """Where an unquoted name ending at a head begins, or None when it follows a quote or a count."""
    if head_start - window_start < 2:
        return None
    text = article.segmented.text
    # The walk back stops at the window's last mark (、, ”, …), a word of its own: tag only the
    # words after it (see _TAG_BREAK) and put the mark before them, tagged as taggers tag marks.
    tokens = [(text[body_start - 1], "x")] if body_start > window_start else []
    if body_start < head_start:
        tokens += article.segmented.tag_span(body_start, head_start)
    start = head_start
    first_word = ""
    kept = 0
    for word, tag in reversed(tokens):
        if not any(char.isalnum() for char in word) and word not in "+·":
            if word == "、" and len(first_word) == 1:
                return None  # 省、市、县三级…: the tail of a list of modifiers, no name
            if word[-1] in CLOSING_MARKS:
                return None  # “1+1+N”家庭医生签约服务模式: the head belongs to the quoted name
            break
        if tag in _STOP_TAGS or (tag == "m" and not _LATIN_OR_DIGIT.search(word)) or (
            tag == "t" and _TIME_WORD.search(word)
        ):
            if tag in ("q", "m"):
                return None  # 6个小院委员工作室, 25.5万亩稻渔基地: counted, not named
            break
        if any(mark in word for mark in "“”‘’《》\""):
            return None  # the head of a quoted name (“114”模式) belongs to the quote
        if word in article.vocabulary.cues_before:
            # 依托数字农业平台: the verb that introduces the name; 部分地区开展试点: the verb
            # whose object the head is, after its subject (a head such as 实施基地 holds its verb).
            break
        start -= len(word)
        first_word = word
        kept += 1
    if start == head_start:
        return None
    start = _after_leading_verbs(article, start, head_start, tokens[len(tokens) - kept :])
    return start if start < head_start else None


def _last_tag_break(text: str, start: int, end: int) -> int:
    """Offset of the last mark in ``text[start:end]`` that a tagger tags alone, -1 when none.

    >>> _last_tag_break("省、市、县三级", 0, 7)
    3
    """
    last = -1
    for match in _TAG_BREAK.finditer(text, start, end):
        last = match.start()
    return last


def _is_specific(article: _Article, name: str, start: int, head: str) -> bool:
    """A name that names one program, not plain prose (学校基层党建平台, 合作计划)."""
    vocabulary = article.vocabulary
    _, unquoted = vocabulary.heads[head]
    body = name[: -len(head)]
    if len(body) < _min_body(unquoted):
        return False  # 民心工程, 国家试点: a kind of program, not one
    if _is_generic(article, start, start + len(body)):
        return False
    if unquoted in ("named", "short"):
        return True
    if _holds_organization(article, start, start + len(body)):
        return False  # 县电商公共服务中心直播基地: a facility of the organization named, not a program
    return _looks_specific(vocabulary, body, len(head)) or _built_with_partner(article, start)


def _holds_organization(article: _Article, start: int, end: int) -> bool:
    """Does ``[start, end)`` hold a word that ends an organization's name (…有限公司, …服务中心)?"""
    segmented = article.segmented
    for match in article.vocabulary.org_suffix_pattern.finditer(segmented.text, start, end):
        if segmented.is_boundary(match.start()) and segmented.is_boundary(match.end()):
            return True
    return False


def _is_generic(article: _Article, start: int, end: int) -> bool:
    """Are the words of ``[start, end)`` all plain modifiers (工作, 相关: 相关项目 names nothing)?"""
    segmented = article.segmented
    words = segmented.words[segmented.word_index_at(start) : segmented.word_index_at(end - 1) + 1]
    return all(word in article.vocabulary.generic for word in words)


def _built_with_partner(article: _Article, start: int) -> bool:
    """Is a name the object of a program verb done with a named partner (与华南农业大学共建X基地)?

    Such a base or platform is one agreement's, not any 实践基地 of plain prose.
    """
    clause_start, _ = article.clauses.span(start)
    match = article.vocabulary.partner_cue.search(article.segmented.text, clause_start, start)
    return match is not None


# ---------------------------------------------------------------- distinct names


def _stands_alone(article: _Article, start: int, end: int) -> bool:
    """Is a repeated name a mention: in quote marks, or whole words (not 114 in 1140人)?"""
    text = article.segmented.text
    if start > 0 and end < len(text) and text[start - 1] in "“‘《「『\"" and text[end] in "”’》」』\"":
        return True
    return article.segmented.is_boundary(start) and article.segmented.is_boundary(end)


def _merge(article: _Article, found: list[_Found]) -> list[Program]:
    """One program per distinct name, at its first occurrence, with every occurrence as a mention."""
    text = article.segmented.text
    by_name: dict[str, _Found] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for item in sorted(found, key=lambda item: (item.start, -item.end)):
        key = "".join(item.name.split())
        if key not in by_name:
            by_name[key] = item
        spans.setdefault(key, []).append((item.start, item.end))
    claimed = _Cover([span for occurrences in spans.values() for span in occurrences])
    programs = []
    for key, item in by_name.items():
        surface = text[item.start : item.end]
        occurrences = set(spans[key])
        position = text.find(surface)
        while position >= 0:
            end = position + len(surface)
            # A repeat inside another program's name (委员工作室 in 畜牧科技城委员工作室) is no mention.
            if (position, end) not in occurrences and _stands_alone(article, position, end) and not claimed.covers(
                position, end
            ):
                occurrences.add((position, end))
            position = text.find(surface, position + 1)
        mentions = sorted(occurrences)
        first_start, first_end = mentions[0]
        # model_validate on a plain dict is about twice as fast as the keyword constructor.
        programs.append(
            Program.model_validate(
                {
                    "text": text[first_start:first_end],
                    "start": first_start,
                    "end": first_end,
                    "sentence": article.segmented.sentence_at(first_start),
                    "rule": item.rule,
                    "name": item.name,
                    "kind": item.kind,
                    "mentions": [{"start": start, "end": end} for start, end in mentions],
                }
            )
        )
    programs.sort(key=lambda program: program.start)
    return programs
