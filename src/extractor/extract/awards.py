"""Awards: honours, prizes, titles and designations received, one item per occurrence.

A trigger verb (荣获, 被评为, 入选, 认定 …; lexicon ``award_triggers``) opens the honour; the
honour runs to the clause end, a wrapper (称号, 名单; ``award_wrappers``), a list closer
(等, 等奖项) or the next trigger. A list gives one award per item as written. Each award keeps
the honour as written (``text``, quote marks trimmed at its edges) and as a clean ``name``
(no quote marks), with its recipient, level, rank, contest and the sentence's date.

Triggers are read as words, not characters: in 获评论二等奖 the segmenter cuts 获/评论, so the
trigger is 获 and the honour 评论二等奖.

>>> from extractor.segment import get_segmenter, segment_text
>>> from extractor.lexicon import load_lexicon
>>> from extractor.extract import ExtractContext
>>> text = "该校先后获评重庆市文明校园、绿色学校、零犯罪学校等称号。"
>>> awards = find_awards(segment_text(text, get_segmenter("jieba")), ExtractContext(load_lexicon()))
>>> [(a.name, a.recipient, a.level) for a in awards]
[('重庆市文明校园', '该校', 'provincial'), ('绿色学校', '该校', None), ('零犯罪学校', '该校', None)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..models import Award, Level
from ..segment import SegmentedText
from . import ExtractContext
from ._spans import CLOSING_MARKS, ClauseIndex, QuoteIndex, quotes_and_clauses, strip_quote_marks
from ._words import word_alternation

__all__ = ["award_spans", "find_awards"]

_MAX_HONOUR = 80  # characters an honour's region may run before it is cut
_MAX_RECIPIENT = 30
_MAX_SUBJECT = 15  # characters read for a sentence's subject
_SUBJECT_CLAUSES = 4  # the first clauses of a sentence, where its subject stands
# Tags a subject is made of: nouns, names, places, organizations, abbreviations, a leading pronoun (该).
_SUBJECT_TAGS = frozenset("nrj")
# How far back from a trigger the recipient, the contest and the date are read: bounds the work
# on a long text without punctuation.
_LOOK_BACK = 120
_MAX_AGENT = 20  # characters between 被 and a passive verb (被国家体育总局评为)
_NUMERALS = "0-9０-９一二三四五六七八九十百千万两〇零"
# A trigger may be glued by the segmenter to what follows it only when that is a number or a
# quote mark (获二、三等奖 is cut 获二/、/三等奖).
_GLUE = set("0123456789０１２３４５６７８９一二三四五六七八九十两首第“‘《「『\"")
_BATCH = re.compile(rf"(?:首批|第[{_NUMERALS}]+批|[{_NUMERALS}]+年度?)")
_DATE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?")
_LEADING_DATE = re.compile(rf"^(?:[{_NUMERALS}]{{2,4}}年(?:[{_NUMERALS}]{{1,2}}月)?(?:[{_NUMERALS}]{{1,2}}日)?(?:以来|起|初|底|末)?)")
_EDGE_JUNK = "◎●○■□◆◇▲△★☆·•・-—*＊ \t\u3000"
# A sentence's end inside quoted speech is no clause break (“…获得了X一等奖。”他说): an honour stops there.
_SENTENCE_END = re.compile(r"[。！？!?]")
_SEPARATOR = re.compile(r"、|以及|及|和|与|(?<=[”》’」』])(?=[“《‘「『])")
_CONJUNCTIONS = frozenset({"以及", "及", "和", "与"})
_PROVINCE = re.compile(r"[\u4e00-\u9fff]{2,3}省|自治区")
_CONTEST_IN_SENTENCE = re.compile(r"在([^，,。；;在]{2,60})(?:中|上)(?=[，,]|[^，,。；;]{0,12}获)")
_OPENER_OF = {"”": "“", "’": "‘", "》": "《", "」": "「", "』": "『"}
_LEVEL_OF_SUFFIX: dict[str, Level] = {"省": "provincial", "市": "municipal", "区": "district", "县": "district"}
_RULE_OF_FORM = {"plain": "award.trigger", "passive": "award.passive", "active": "award.active", "after": "award.conferred"}
_MAX_CONFERRED = 40  # characters between 为 and a verb of form ``after`` (为首批“X”授牌)
_COUNT_TAILS = ("以上", "左右")  # words after a count (3项以上)
_NUMERAL_PIECE = re.compile(r"^[一二三四五六七八九十特金银铜甲乙]{1,2}(?:、[一二三四五六七八九十特金银铜甲乙]{1,2})*$")


@dataclass(frozen=True, slots=True)
class _EndPattern:
    """A pattern anchored at the end (``…$``), with the characters its matches can end with.

    A search for it tries every offset of the text; most texts end with none of those
    characters, and one look at the last character tells. (``$`` also matches before a line
    break that ends the text: that one is among the characters too.)
    """

    pattern: re.Pattern[str]
    last_chars: frozenset[str]

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        end = len(text) if end is None else end
        if end <= start or text[end - 1] not in self.last_chars:
            return None
        return self.pattern.search(text, start, end)


def _end_pattern(pattern: str, last_words: Iterable[str]) -> _EndPattern:
    """``pattern`` (ending with one of ``last_words``, then ``$``) as an :class:`_EndPattern`."""
    return _EndPattern(re.compile(pattern), frozenset(word[-1] for word in last_words if word) | {"\n"})


@dataclass(frozen=True)
class _Vocabulary:
    """The award lexicon, compiled once per lexicon."""

    trigger_pattern: re.Pattern[str]
    triggers_by_first: dict[str, list[tuple[str, str, str]]]  # first char -> (word, form, strength)
    end_pattern: re.Pattern[str]  # closing wrappers and stop words
    wrapper_roles: dict[str, str]
    suffix_pattern: _EndPattern  # wrappers dropped at a name's end
    conferral_pattern: re.Pattern[str]  # 教育部公布的: who conferred, before the name
    announced_list: re.Pattern[str]  # 公布X名单: a list named earlier, which a bare 入选 enters
    lead_pattern: re.Pattern[str]  # 建设: a verb glued before the name
    generic_words: frozenset[str]
    generic_pattern: _EndPattern  # a name made only of a level and generic words
    generic_start: re.Pattern[str]
    not_honour: tuple[str, ...]
    heads: tuple[str, ...]  # words an honour ends with (…示范校)
    head_starts: tuple[str, ...]  # words an honour starts with (最佳…)
    joining_heads: tuple[str, ...]  # honours that 和/及/与 may join (奖章, 模范)
    rank_pattern: re.Pattern[str]  # a rank that ends a name, with the numerals listed before it
    rank_words: tuple[str, ...]  # what a ranked name ends with (a cheap test before the pattern)
    ranks: dict[str, str]
    contest_pattern: re.Pattern[str]
    contest_end: re.Pattern[str]  # a contest's last word (大赛, 评选)
    rank_count_gate: re.Pattern[str]  # a rank's last character before a number (一等奖5名)
    filler_lead: re.Pattern[str]
    filler_tail: _EndPattern
    contest_before: re.Pattern[str]  # 在…中 before a trigger
    level_pattern: re.Pattern[str]
    levels: dict[str, tuple[Level, str]]
    municipality_pattern: re.Pattern[str] | None
    lead_count: re.Pattern[str]
    money_tail: _EndPattern  # a sum of money ending a name (专项资金1500万元): no honour
    tail_count: _EndPattern
    left_glue: frozenset[str]  # one-character words the segmenter may glue before a trigger
    fillers: frozenset[str]
    right_glue: frozenset[str]  # ranks and honour words the segmenter may glue after a trigger


def _build_vocabulary(lexicon: Lexicon) -> _Vocabulary:
    triggers_by_first: dict[str, list[tuple[str, str, str]]] = {}
    for row in lexicon.rows("award_triggers"):
        triggers_by_first.setdefault(row.word[0], []).append((row.word, row.form, row.strength))
    for words in triggers_by_first.values():
        words.sort(key=lambda entry: -len(entry[0]))
    wrapper_roles = {row.word: row.role for row in lexicon.rows("award_wrappers")}
    ending = [word for word, role in wrapper_roles.items() if role in ("closing", "stop")]
    dropped = [word for word, role in wrapper_roles.items() if role in ("closing", "suffix")]
    generic = frozenset(row.word for row in lexicon.rows("award_generic") if row.role == "generic")
    not_honour = tuple(row.word for row in lexicon.rows("award_generic") if row.role == "not_honour")
    levels = {row.word: (row.level, row.scope) for row in lexicon.rows("level_cues")}
    fillers = word_alternation(lexicon.words("award_fillers"))
    money_units = [row.word for row in lexicon.rows("units") if row.kind == "money"]
    ranks = {row.word: row.rank or row.word for row in lexicon.rows("award_ranks")}
    count_units = {row.word for row in lexicon.rows("units") if row.kind == "count"}
    # A count after a name (一等奖1项); not an ordinal (第一名).
    count = rf"(?<![第{_NUMERALS}.])[{_NUMERALS}.]+(?:余|多)?(?:{word_alternation(count_units)})(?:{word_alternation(_COUNT_TAILS)})?"
    municipalities = lexicon.words("municipalities")
    return _Vocabulary(
        # The stdlib engine scans a plain alternation of words several times faster than `regex`.
        trigger_pattern=re.compile(word_alternation({w for ws in triggers_by_first.values() for w, _, _ in ws})),
        triggers_by_first=triggers_by_first,
        end_pattern=re.compile(word_alternation(ending)),
        wrapper_roles=wrapper_roles,
        suffix_pattern=_end_pattern(rf"(?:{word_alternation(dropped)})+$", dropped),
        lead_pattern=re.compile(word_alternation(w for w, r in wrapper_roles.items() if r == "lead")),
        # The verbs of the conferral words (公布的 → 公布) announce a list: 公布第二批X名单.
        announced_list=re.compile(
            rf"(?:{word_alternation(w[:-1] for w, r in wrapper_roles.items() if r == 'conferral' and w.endswith('的') and len(w) > 2)})"
            rf"([^，,。；;！？!?]{{2,{_MAX_HONOUR}}}?)(?:{word_alternation(w for w, r in wrapper_roles.items() if r == 'closing' and w.endswith(('名单', '名录')))})"
        ),
        conferral_pattern=re.compile(
            rf"[^“”《》]{{0,{_MAX_AGENT}}}?(?:{word_alternation([w for w, r in wrapper_roles.items() if r == 'conferral'])})"
        ),
        generic_words=generic,
        generic_pattern=_end_pattern(rf"^(?:{word_alternation(set(levels))})*(?:{word_alternation(generic)})+$", generic),
        generic_start=re.compile(word_alternation(generic)),
        not_honour=not_honour,
        heads=tuple(row.word for row in lexicon.rows("award_heads") if row.at == "end"),
        head_starts=tuple(row.word for row in lexicon.rows("award_heads") if row.at == "start"),
        joining_heads=tuple(row.word for row in lexicon.rows("award_heads") if row.joins),
        rank_pattern=re.compile(rf"((?:[一二三四五六七八九十特金银铜甲乙]、)*)({word_alternation(set(ranks))})$"),
        rank_words=tuple(ranks),
        ranks=ranks,
        contest_pattern=re.compile(rf"^(.+(?:{word_alternation(lexicon.words('award_contests'))}))(.{{1,10}})$"),
        contest_end=re.compile(rf"(?:{word_alternation(lexicon.words('award_contests'))})[”’」』)）]?$"),
        filler_lead=re.compile(rf"^(?:{fillers})+"),
        filler_tail=_end_pattern(rf"(?:{fillers})+$", lexicon.words("award_fillers")),
        contest_before=re.compile(rf"(.*)在(.{{2,60}}?)(?:中|上|里|期间)(?:{fillers})*$"),  # used with match()
        level_pattern=re.compile(word_alternation(set(levels))),
        levels=levels,
        municipality_pattern=re.compile(word_alternation(municipalities)) if municipalities else None,
        lead_count=re.compile(rf"(?:共|计)?{count}"),  # used with match(), anchored at pos
        tail_count=_end_pattern(rf"(?:共|计|各)?{count}$", count_units | set(_COUNT_TAILS)),
        money_tail=_end_pattern(rf"[{_NUMERALS}.]+(?:余|多)?[万亿千百]*(?:{word_alternation(money_units)})$", money_units),
        rank_count_gate=re.compile(f"[{''.join(sorted({rank[-1] for rank in ranks}))}](?=[{_NUMERALS}])"),
        left_glue=frozenset(word for word in lexicon.words("award_fillers") if len(word) == 1) | set("中上里"),
        fillers=lexicon.words("award_fillers"),
        # 荣获冠军 reads as 荣获/冠军, but 获奖 (one character glued) is the verb "to win a prize".
        right_glue=frozenset(word for word in set(ranks) | lexicon.words("award_heads") if len(word) >= 2),
    )


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    return lexicon.memo("awards.vocabulary", lambda: _build_vocabulary(lexicon))


@dataclass(slots=True)
class _Trigger:
    start: int
    end: int
    word: str
    form: str
    strength: str
    passive_at: int | None = None  # offset of 被 for a passive verb
    honour_at: int | None = None  # where the honour starts, after 为, for a verb of form ``after``


@dataclass(slots=True)
class _Item:
    """One honour of a region, before it becomes an Award."""

    start: int
    end: int
    name: str
    recipient: str | None
    rule: str
    level: Level | None = None
    rank: str | None = None
    contest: str | None = None


@dataclass(slots=True)
class _Article:
    """What one extraction run knows about the article."""

    segmented: SegmentedText
    vocabulary: _Vocabulary
    quotes: QuoteIndex
    clauses: ClauseIndex
    subject: str | None
    title: str
    # Are 市级 honours provincial here (see _in_municipality)? Read on the first 市级 honour:
    # most articles have none.
    provincial_cities: bool | None = None


@dataclass(slots=True)
class _Region:
    """Where one trigger's honours stand (``text[start:end]``), and the contest they were won in."""

    trigger: _Trigger
    start: int
    end: int
    closed: bool  # a wrapper or a generic honour word (称号, 等奖项) ends the region
    next_start: int  # where the next trigger starts
    contest: tuple[str, int, int] | None  # 在…中 before the trigger: (name, start, end)


def find_awards(segmented: SegmentedText, context: ExtractContext) -> list[Award]:
    """Every honour received in the article, in reading order."""
    article = _prepare(segmented, context.lexicon, context.title)
    awards: list[Award] = []
    sentences: dict[int, str] = {}  # sentence start -> the sentence: a list's awards share one
    for item in _scan(article):
        sentence_start, _ = segmented.sentence_span(item.start)
        if sentence_start not in sentences:
            sentences[sentence_start] = segmented.sentence_at(item.start)
        # model_validate on a plain dict is about twice as fast as the keyword constructor.
        awards.append(
            Award.model_validate(
                {
                    "text": segmented.text[item.start : item.end],
                    "start": item.start,
                    "end": item.end,
                    "sentence": sentences[sentence_start],
                    "rule": item.rule,
                    "name": item.name,
                    "recipient": item.recipient,
                    "level": item.level,
                    "rank": item.rank,
                    "contest": item.contest,
                    "date": _sentence_date(segmented.text, sentence_start, item.start, item.end),
                }
            )
        )
    return awards


def award_spans(segmented: SegmentedText, lexicon: Lexicon) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans where honours stand (after their triggers), and spans of the contests they were won in.

    Names there are no programs. Only the regions are found, not the awards in them: the
    programs extractor asks this for every article, so it stays cheap.

    >>> from extractor.segment import get_segmenter, segment_text
    >>> from extractor.lexicon import load_lexicon
    >>> award_spans(segment_text("学校在全省大赛中入选国家级示范基地。", get_segmenter("jieba")), load_lexicon())
    ([(10, 17)], [(3, 7)])
    """
    quotes, clauses = quotes_and_clauses(segmented)
    honours, contests = [], []
    for region in _regions(_Article(segmented, _vocabulary(lexicon), quotes, clauses, None, "")):
        if not _needs_wrapper(region):
            honours.append((region.start, region.end))
        if region.contest is not None:
            contests.append(region.contest[1:])
    return honours, contests


def _prepare(segmented: SegmentedText, lexicon: Lexicon, title: str) -> _Article:
    vocabulary = _vocabulary(lexicon)
    quotes, clauses = quotes_and_clauses(segmented)
    return _Article(segmented, vocabulary, quotes, clauses, _title_subject(title), title)


def _provincial_cities(article: _Article) -> bool:
    """Are the article's 市级 honours provincial? Read once, when the first one asks."""
    if article.provincial_cities is None:
        article.provincial_cities = _in_municipality(article.vocabulary, article.title, article.segmented.text)
    return article.provincial_cities


def _in_municipality(vocabulary: _Vocabulary, title: str, text: str) -> bool:
    """Is the article about one of the four municipalities (so that its 市级 honours are provincial)?

    It is when its title names one, or its text names them more often than provinces: a
    Shandong hospital that works with 北京天坛医院 is not in Beijing.
    """
    pattern = vocabulary.municipality_pattern
    if pattern is None:
        return False
    if pattern.search(title):
        return True
    first = pattern.search(text)
    if first is None:
        return False
    municipalities = len(pattern.findall(text, first.start()))
    if municipalities > text.count("省") + text.count("自治区"):  # more than provinces can be
        return True
    return municipalities > len(_PROVINCE.findall(text))


def _title_subject(title: str) -> str | None:
    """The article's subject from a two-part headline (``万盛经开区 党建引领促“先行”`` → 万盛经开区)."""
    parts = title.split()
    if len(parts) < 2:
        return None
    first = parts[0]
    if 2 <= len(first) <= 15 and not any(mark in first for mark in "“”‘’《》\"'") and first.isalnum():
        return first
    return None


def _sentence_date(text: str, sentence_start: int, offset: int, item_end: int) -> str | None:
    """The last year (and month) written in the award's sentence before the award ends.

    The nearest date wins: 2012年被列入…名录,2019年获评… dates the second honour 2019.
    """
    start = max(sentence_start, offset - _LOOK_BACK)
    match = None
    if text.find("年", start, item_end) < 0:
        return None
    for match in _DATE.finditer(text, start, item_end):
        pass
    if match is None:
        return None
    year, month = match.group(1), match.group(2)
    if month and 1 <= int(month) <= 12:
        return f"{year}-{int(month):02d}"
    return year


# ---------------------------------------------------------------- triggers


def _reads_as_word(
    segmented: SegmentedText, start: int, end: int, left_glue: frozenset[str], right_glue: frozenset[str]
) -> bool:
    """Does ``text[start:end]`` stand as whole words (获 in 获/评论, not 获评)?

    The segmenter glues some one-character words to a trigger (中获, 获二); those still read
    as the trigger: the glued part must be a filler or the 中 of 在…中 before it, a number, a rank
    or an honour word after it (荣获冠军).
    """
    if not segmented.is_boundary(start):
        word_start, _, _ = segmented.word_at(start)
        if segmented.text[word_start:start] not in left_glue:
            return False
    if segmented.is_boundary(end):
        return True
    word_start, word_end, _ = segmented.word_at(end - 1)
    if word_start > start:
        # The trigger's last characters begin another word: 获评|论 is 获/评论. Only the 为 of
        # 评为/遴选为 may be glued to the honour (为国赛).
        return segmented.text[word_start:end] == "为"
    glued = segmented.text[end:word_end]
    return glued in right_glue or all(char in _GLUE for char in glued)  # 荣获冠军, 获二


def _find_triggers(article: _Article) -> list[_Trigger]:
    text = article.segmented.text
    vocabulary = article.vocabulary
    triggers: list[_Trigger] = []
    match = vocabulary.trigger_pattern.search(text)
    while match is not None:
        start = match.start()
        next_search = start + 1  # a rejected 荣获 (光荣/获得) may hide 获得 one character on
        quote = article.quotes.covering(start)
        if quote is None or quote.mark != "《":  # a title that holds 获 is no award sentence
            for word, form, strength in vocabulary.triggers_by_first[text[start]]:
                end = start + len(word)
                if text.startswith(word, start) and _reads_as_word(
                    article.segmented, start, end, vocabulary.left_glue, vocabulary.right_glue
                ):
                    trigger = _Trigger(start, end, word, form, strength)
                    if form == "passive":
                        trigger.passive_at = _passive_marker(article, start)
                    if form == "after":
                        trigger.honour_at = _conferred_honour(article, start)
                    if form != "after" or trigger.honour_at is not None:
                        triggers.append(trigger)
                    next_search = end
                    break
        match = vocabulary.trigger_pattern.search(text, next_search)
    return triggers


def _passive_marker(article: _Article, verb_start: int) -> int | None:
    """Offset of the 被 that governs a passive verb (被评为, 被教育部认定为), or None."""
    clause_start, _ = article.clauses.span(verb_start)
    window_start = max(clause_start, verb_start - _MAX_AGENT)
    position = article.segmented.text.rfind("被", window_start, verb_start)
    if position >= 0 and article.segmented.is_boundary(position):
        return position
    return None


def _conferred_honour(article: _Article, verb_start: int) -> int | None:
    """Where the honour of 为X颁发证书 starts (after 为), when X looks like an honour, else None.

    X must end with a quote, a rank or a title (标兵, 能手), or with another honour head after a
    batch, a 级 level or a start word such as 十佳: 为企业颁发营业执照 confers no honour.
    """
    segmented = article.segmented
    text = segmented.text
    vocabulary = article.vocabulary
    clause_start, _ = article.clauses.span(verb_start)
    position = text.rfind("为", max(clause_start, verb_start - _MAX_CONFERRED), verb_start)
    if position < 0 or segmented.word_at(position)[2] != "为":
        return None
    raw = text[position + 1 : verb_start]
    name = strip_quote_marks(raw)
    if len(name) < 2 or vocabulary.generic_pattern.search(name) or _ends_as_no_honour(vocabulary, name):
        return None
    if raw.endswith("”") or _rank_match(vocabulary, name) or name.endswith(vocabulary.joining_heads):
        return position + 1
    if name.endswith(vocabulary.heads) and (
        _BATCH.match(name)
        or any(match.group().endswith("级") for match in vocabulary.level_pattern.finditer(name))
        or any(word in name for word in vocabulary.head_starts)
    ):
        return position + 1
    return None


# ---------------------------------------------------------------- regions and items


def _regions(article: _Article) -> list[_Region]:
    """The region after every trigger, found once per article for the awards and the programs."""

    def build() -> list[_Region]:
        text = article.segmented.text
        triggers = _without_conferrals(article, _find_triggers(article))
        regions = []
        for index, trigger in enumerate(triggers):
            following = triggers[index + 1] if index + 1 < len(triggers) else None
            next_start = len(text) if following is None else following.start
            if following is not None and following.honour_at is not None:
                next_start = following.honour_at - 1  # the 为 of 为X颁奖: X is that verb's honour
            if trigger.honour_at is not None:
                regions.append(_Region(trigger, trigger.honour_at, trigger.start, True, next_start, None))
                continue
            start = trigger.end
            if trigger.form != "active" and text.startswith("的", start):
                continue  # 唯一入选的基层法庭, 获得的荣誉: the verb qualifies a noun, it confers nothing
            if text.startswith(("了", "过"), start) or (trigger.form == "active" and text.startswith("的", start)):
                start += 1  # 为新认定的15家X授牌: the designated ones are counted after 的
            # The region stays in the trigger's clause. No clause break stands in a trigger (or 了),
            # so that clause ends where the region's would: its span is read once and kept for
            # the recipient and the contest.
            _, clause_end = article.clauses.span(trigger.start)
            end, closed = _region_end(article, start, min(clause_end, next_start))
            region = _Region(trigger, start, end, closed, next_start, None)
            if not _needs_wrapper(region):
                region.contest = _contest_before(article, trigger)
            regions.append(region)
        return regions

    # The vocabulary is one per lexicon: its identity tells lexicons apart.
    return article.segmented.memo(f"awards.regions:{id(article.vocabulary)}", build)


def _without_conferrals(article: _Article, triggers: list[_Trigger]) -> list[_Trigger]:
    """Drop a trigger that reads as a conferral inside the honour of the trigger before it in its clause.

    In 入选教育部认定的首批X, 认定的 says who conferred X: the honour of 入选 goes on past it.
    """
    text = article.segmented.text
    kept: list[_Trigger] = []
    for trigger in triggers:
        if trigger.honour_at is not None and kept and kept[-1].start >= trigger.honour_at:
            continue  # 为获评“X”的教师颁奖: the honour is 获评's
        if (
            kept
            and article.vocabulary.wrapper_roles.get(text[trigger.start : trigger.end + 1]) == "conferral"
            and article.clauses.span(kept[-1].start) == article.clauses.span(trigger.start)
        ):
            continue
        kept.append(trigger)
    return kept


def _needs_wrapper(region: _Region) -> bool:
    """Is this 授予 with no 被 and no 称号 after it (将该路段命名为…): no honour?"""
    trigger = region.trigger
    return trigger.form == "passive" and trigger.passive_at is None and not region.closed


def _scan(article: _Article) -> list[_Item]:
    """Every honour's item, in reading order."""
    items: list[_Item] = []
    previous: tuple[int, str | None] | None = None  # (sentence start, recipient) of the last award
    listed = False  # an award found before its trigger (公布X名单,…入选): the items need sorting
    for region in _regions(article):
        trigger, start, end, closed, next_start = region.trigger, region.start, region.end, region.closed, region.next_start
        recipient = _qualified_receiver(article, trigger, end) or _recipient(article, trigger)
        sentence_start, _ = article.segmented.sentence_span(trigger.start)
        if recipient is None and trigger.form != "after":  # 县领导为X颁奖: the subject confers
            if previous is not None and previous[0] == sentence_start:
                recipient = previous[1]
            else:
                recipient = _sentence_subject(article, sentence_start, trigger.start) or article.subject
        rule = _RULE_OF_FORM[trigger.form]
        if trigger.form == "passive" and trigger.passive_at is None:
            rule = "award.wrapper"
        found = _region_items(
            article, trigger, start, end, closed, recipient, rule, region.contest, cut_by_trigger=end == next_start
        )
        if not found and start >= end and trigger.form == "plain" and trigger.strength == "strong":
            found = _announced_list(article, trigger, sentence_start, recipient, items)
            listed = listed or bool(found)
        items.extend(found)
        if found:
            previous = (sentence_start, found[-1].recipient)
            items.extend(_continued_items(article, end, next_start, found[-1]))
    counted = _counted_ranks(article, items)
    if counted or listed:
        items = sorted(items + counted, key=lambda item: item.start)
    return items


def _announced_list(
    article: _Article, trigger: _Trigger, sentence_start: int, recipient: str | None, items: list[_Item]
) -> list[_Item]:
    """The list a bare 入选 enters, announced earlier in its sentence: 公布第二批X名单,该校成功入选 → X."""
    text = article.segmented.text
    found = None
    for match in article.vocabulary.announced_list.finditer(text, sentence_start, trigger.start):
        found = match  # the last list announced before the trigger
    if found is None or any(item.start < found.end() and found.start() < item.end for item in items):
        return []
    start, end = found.span(1)
    return _region_items(article, trigger, start, end, True, recipient, "award.trigger.announced", None)


def _counted_ranks(article: _Article, items: list[_Item]) -> list[_Item]:
    """Ranks counted after the sentence says prizes were won (…全部获奖,其中一等奖5名、二等奖4名)."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    found: list[_Item] = []
    # Only a rank after a 获 can be counted as won: the text before the first 获 holds none.
    first_win = text.find("获")
    if first_win < 0:
        return found
    # A rank's last character before a number is rare: find it first, then read the rank back.
    for hit in vocabulary.rank_count_gate.finditer(text, first_win + 1):
        end = hit.end()
        rank = vocabulary.rank_pattern.search(text, max(end - 16, 0), end) if text.endswith(vocabulary.rank_words, 0, end) else None
        count = vocabulary.lead_count.match(text, end)
        if rank is None or count is None:
            continue
        start = rank.start()
        if any(item.start <= start < item.end for item in items):
            continue
        sentence_start, _ = article.segmented.sentence_span(start)
        sentence_start = max(sentence_start, start - _LOOK_BACK)
        if text.find("获", sentence_start, start) < 0 or not article.segmented.is_boundary(start):
            continue  # 大赛设一等奖5名: prizes offered, not won
        name = text[start:end]
        item = _Item(start, end, name, count.group(), "award.rank.counted", rank=_rank(vocabulary, _rank_match(vocabulary, name)))
        contests = list(_CONTEST_IN_SENTENCE.finditer(text, sentence_start, start))
        if contests:
            item.contest = contests[-1].group(1)
            item.level = _level(article, None, item.contest)
        found.append(item)
    return found


def _region_end(article: _Article, start: int, limit: int) -> tuple[int, bool]:
    """Where the honour that starts at ``start`` ends, and whether a wrapper (称号, 等奖项) closes it.

    ``limit`` is the end of the trigger's clause, or the next trigger when that comes first.
    """
    text = article.segmented.text
    vocabulary = article.vocabulary
    end = min(limit, start + _MAX_HONOUR, len(text))
    sentence_end = _SENTENCE_END.search(text, start, end)
    if sentence_end is not None:
        end = sentence_end.start()
    for match in vocabulary.end_pattern.finditer(text, start, end):
        position = match.start()
        if position == start or _quoted_within(article, position, start):
            continue
        if vocabulary.wrapper_roles[match.group()] == "stop" and not (
            article.segmented.is_boundary(position) and article.segmented.is_boundary(match.end())
        ):
            continue
        end = position
        break
    if text.startswith("“", start) and text.find("”的", start, end) >= 0:
        # 获评“优秀教师”的20名教师: the quoted honour qualifies who follows 的.
        quote = article.quotes.covering(start)
        if quote is not None and quote.start == start and quote.end < end and text.startswith("的", quote.end):
            end = quote.end
    end = _list_closer(article, start, end)
    return end, _closed_at(article, end)


def _quoted_within(article: _Article, position: int, start: int) -> bool:
    """Is ``position`` inside a quote that opens at or after ``start``?"""
    quote = article.quotes.covering(position)
    return quote is not None and quote.start >= start and quote.start < position < quote.end


def _list_closer(article: _Article, start: int, end: int) -> int:
    """The offset of a list's closing 等 (…零犯罪学校等称号), else ``end``."""
    text = article.segmented.text
    position = text.find("等", start + 1, end)
    while position > start:
        word = article.segmented.word_after(position)
        if not _quoted_within(article, position, start) and (
            word == "等" or word[1:] in article.vocabulary.generic_words or word[1:] in article.vocabulary.not_honour
        ):
            return position
        position = text.find("等", position + 1, end)
    return end


def _closed_at(article: _Article, end: int) -> bool:
    """Does a wrapper or a generic honour word (称号, 等荣誉, 等奖项) stand at ``end``?"""
    text = article.segmented.text
    position = end + 1 if text.startswith("等", end) else end
    match = article.vocabulary.end_pattern.match(text, position)
    if match and article.vocabulary.wrapper_roles[match.group()] == "closing":
        return True
    return bool(article.vocabulary.generic_start.match(text, position))


def _continued_items(article: _Article, end: int, limit: int, last: _Item) -> list[_Item]:
    """A list that goes on after a comma and closes with 等奖项 (…二等奖,…一等奖等奖项)."""
    text = article.segmented.text
    if article.clauses.break_char(end) not in ",，" or end + 1 >= limit:
        return []
    clause_end = min(article.clauses.next_break(end + 1), limit)
    closer = _list_closer(article, end + 1, clause_end)
    if closer >= clause_end:
        return []
    tail = strip_quote_marks(text[closer + 1 : clause_end])
    if tail and not article.vocabulary.generic_pattern.search(tail):
        return []
    trigger = _Trigger(end + 1, end + 1, "", "plain", "strong")
    return _region_items(article, trigger, end + 1, closer, False, last.recipient, "award.list.continued", None)


def _pieces(article: _Article, start: int, end: int) -> list[tuple[int, int]]:
    """Split a region into list items at 、, 及/和 between prizes, and between adjacent quotes."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    cuts: list[tuple[int, int]] = []  # (separator start, separator end)
    for match in _SEPARATOR.finditer(text, start, end):
        position = match.start()
        if article.quotes.inside(position) or text.count("(", start, position) > text.count(")", start, position):
            continue
        if text.count("（", start, position) > text.count("）", start, position):
            continue
        if match.group() in _CONJUNCTIONS:
            left = strip_quote_marks(text[cuts[-1][1] if cuts else start : position])
            if not (_rank_match(vocabulary, left) or left.endswith(vocabulary.joining_heads)):
                continue
            if not article.segmented.is_boundary(position):
                continue
        cuts.append((position, match.end()))
    if not cuts:  # most regions hold one honour
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for cut_start, cut_end in cuts:
        pieces.append((piece_start, cut_start))
        piece_start = cut_end
    pieces.append((piece_start, end))
    # 二、三等奖 is one prize: a bare numeral joins the next piece.
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for piece_start, piece_end in pieces:
        if carry is not None:
            piece_start, carry = carry, None
        if _NUMERAL_PIECE.match(text[piece_start:piece_end]) and text.startswith("、", piece_end):
            carry = piece_start
            continue
        merged.append((piece_start, piece_end))
    if carry is not None:
        merged.append((carry, end))
    return merged


def _trim(article: _Article, start: int, end: int) -> tuple[int, int, str | None, str | None]:
    """Trim one piece to the honour: ``(start, end, count before, count after)``."""
    text = article.segmented.text
    vocabulary = article.vocabulary
    lead_count = tail_count = None
    for _ in range(4):  # wrappers, counts and marks can stack: “X”称号1项
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        match = vocabulary.suffix_pattern.search(text, start, end)
        if match and match.start() > start:
            end = match.start()
        match = vocabulary.tail_count.search(text, start, end)
        if match and match.start() > start:
            tail_count, end = text[match.start() : end], match.start()
        match = vocabulary.lead_count.match(text, start, end)
        if match and match.end() < end:
            lead_count, start = text[start : match.end()], match.end()
        if text.startswith("等", end - 1) and end - 1 > start and article.segmented.is_boundary(end - 1):
            end -= 1  # a list's closing 等, not the 等 of 一等
        match = vocabulary.conferral_pattern.match(text, start, end)
        if match is None:
            # 获批建设国家级…: a glued verb, when a level or a batch starts the honour after it
            # (建设工程鲁班奖 keeps its 建设).
            match = vocabulary.lead_pattern.match(text, start, end)
            if match and not (vocabulary.level_pattern.match(text, match.end()) or _BATCH.match(text, match.end())):
                match = None
        if match and match.end() < end:
            start = match.end()
        start, end = _trim_marks(article, start, end)
        if (start, end) == before:
            break
    return start, end, lead_count, tail_count


def _trim_marks(article: _Article, start: int, end: int) -> tuple[int, int]:
    """Drop quote marks at the edges of a name (“党建品牌特色学校” → 党建品牌特色学校)."""
    text = article.segmented.text
    while start < end and text[start] in "“‘《「『\"":
        start += 1
    while end > start and text[end - 1] in CLOSING_MARKS:
        opener = _OPENER_OF.get(text[end - 1], "")
        if opener and text.count(opener, start, end - 1) > text.count(text[end - 1], start, end - 1):
            break  # 省级“五四红旗团委”: the mark closes a quote opened inside the name
        end -= 1
    return start, end


def _region_items(
    article: _Article,
    trigger: _Trigger,
    start: int,
    end: int,
    closed: bool,
    recipient: str | None,
    rule: str,
    contest: tuple[str, int, int] | None,
    cut_by_trigger: bool = False,
) -> list[_Item]:
    text = article.segmented.text
    vocabulary = article.vocabulary
    if trigger.form == "passive" and trigger.passive_at is None and not closed:
        return []
    if _ends_as_no_honour(vocabulary, strip_quote_marks(text[start:end])):
        return []  # 获县委、县政府主要领导批示: the list shares a head that is no honour
    pieces = _pieces(article, start, end)
    if len(pieces) > 1 and rule != "award.list.continued":
        rule += ".list"
    items: list[_Item] = []
    for index, (piece_start, piece_end) in enumerate(pieces):
        item_start, item_end, lead_count, tail_count = _trim(article, piece_start, piece_end)
        if cut_by_trigger and lead_count and index and index == len(pieces) - 1:
            continue  # 2项成果获二等奖、5项成果获三等奖: the counted last piece receives the next trigger's honour
        item_recipient = recipient
        if trigger.form == "passive" and trigger.passive_at is None:
            # 授予张三“全国劳动模范”称号: the receiver stands before the quoted honour.
            opening = text.rfind("“", item_start, item_end)
            if opening > item_start:
                item_recipient, item_start = text[item_start:opening], opening + 1
        if trigger.form == "after":
            item_recipient = lead_count or tail_count  # 为20名优秀教师颁奖
        if trigger.form == "active":
            split = text.find("为", item_start, item_end)
            if split > item_start and article.segmented.is_boundary(split):
                item_recipient, item_start = text[item_start:split], split + 1
            elif tail_count or lead_count:
                item_recipient = tail_count
            elif not _BATCH.match(text, item_start):
                continue
        name = strip_quote_marks(text[item_start:item_end])
        rank = _rank_match(vocabulary, name)
        if not _is_honour(article, trigger, name, rank, closed, contest is not None, text[piece_start:piece_end]):
            continue
        item = _Item(item_start, item_end, name, item_recipient, rule)
        items.append(item)
        item.rank = _rank(vocabulary, rank)
        item.contest = contest[0] if contest else _contest_in_name(vocabulary, name, rank)
        item.level = _level(article, item_start, name)
        if item.level is None and rank is not None and rank.start() == 0 and len(items) > 1:
            item.level = items[-2].level  # 市特等奖、一等奖: the bare rank shares its neighbour's level
        if item.level is None and item.contest:
            item.level = _level(article, None, item.contest)
    return items


def _ends_as_no_honour(vocabulary: _Vocabulary, name: str) -> bool:
    """Does ``name`` end with a word that is no honour (…技术, …支持), unless a longer honour head
    holds that word (农业主推技术 is a designation)?"""
    return name.endswith(vocabulary.not_honour) and not name.endswith(vocabulary.heads)


def _is_honour(
    article: _Article, trigger: _Trigger, name: str, rank: re.Match[str] | None, closed: bool, in_contest: bool, raw: str
) -> bool:
    """Is ``name`` (ending with ``rank``, if any) an honour? After a weak trigger (获得) it must look like one."""
    vocabulary = article.vocabulary
    if len(name) < 2 or len(name) > _MAX_HONOUR:
        return False
    if vocabulary.generic_pattern.search(name) or _ends_as_no_honour(vocabulary, name):
        return False
    if vocabulary.money_tail.search(name):
        return False  # 获得省级专项资金1500万元: money is no honour
    ranked_or_headed = bool(
        rank or name.endswith(vocabulary.heads) or name.startswith(vocabulary.head_starts)
    )
    if len(name) == 2 and not ranked_or_headed:
        return False  # 入选作品将…: two characters name an honour only as a rank or a title (冠军, 标兵)
    if trigger.strength == "strong" or closed:
        return True
    return bool(
        ranked_or_headed
        or vocabulary.level_pattern.search(name)
        or _BATCH.match(name)
        or in_contest
        or any(mark in raw for mark in "“《")
    )


# ---------------------------------------------------------------- fields


def _recipient(article: _Article, trigger: _Trigger) -> str | None:
    """The receiver written before the trigger (该校先后获评 → 该校), or None when the clause has none."""
    if trigger.form in ("active", "after"):
        return None
    text = article.segmented.text
    clause_start, _ = article.clauses.span(trigger.start)
    end = trigger.passive_at if trigger.passive_at is not None else trigger.start
    before = text[max(clause_start, end - _LOOK_BACK) : end]
    match = article.vocabulary.contest_before.match(before) if "在" in before else None
    if match:
        before = match.group(1)
    return _clean_recipient(article.vocabulary, before)


def _qualified_receiver(article: _Article, trigger: _Trigger, end: int) -> str | None:
    """Who an honour qualifies between 为 and a conferring verb: 为获评“X”的20名教师颁奖 → 20名教师."""
    segmented = article.segmented
    text = segmented.text
    if (
        trigger.form != "plain"
        or not text.startswith("的", end)
        or not text.startswith("为", trigger.start - 1)
        or segmented.word_at(trigger.start - 1)[2] != "为"
    ):
        return None
    vocabulary = article.vocabulary
    _, clause_end = article.clauses.span(trigger.start)
    for match in vocabulary.trigger_pattern.finditer(text, end + 1, clause_end):
        word = match.group()
        if any(form == "after" for entry, form, _ in vocabulary.triggers_by_first[word[0]] if entry == word):
            return _clean_recipient(vocabulary, text[end + 1 : match.start()])
    return None


def _sentence_subject(article: _Article, sentence_start: int, trigger_start: int) -> str | None:
    """The noun phrase an earlier clause of the sentence begins with (该社区近年来探索…,先后获评…)."""
    clause_start, _ = article.clauses.span(trigger_start)
    position = sentence_start
    for _ in range(_SUBJECT_CLAUSES):
        if position >= clause_start:
            break
        start, end = article.clauses.span(position)
        words: list[str] = []
        for word, tag in article.segmented.tag_span(start, min(end, start + _MAX_SUBJECT)):
            if tag[0] not in _SUBJECT_TAGS or (tag[0] == "r" and words) or word in article.vocabulary.fillers:
                break
            words.append(word)
        subject = _clean_recipient(article.vocabulary, "".join(words))
        if subject and len(subject) >= 2:
            return subject
        position = end + 1
    return None


def _clean_recipient(vocabulary: _Vocabulary, before: str) -> str | None:
    previous = None
    while previous != before:
        previous = before
        before = before.strip(_EDGE_JUNK)
        before = _LEADING_DATE.sub("", before)
        before = vocabulary.filler_lead.sub("", before)
        if vocabulary.filler_tail.search(before):
            before = vocabulary.filler_tail.pattern.sub("", before)
    if not before or len(before) > _MAX_RECIPIENT:
        return None
    return before


def _contest_before(article: _Article, trigger: _Trigger) -> tuple[str, int, int] | None:
    """The contest of 在…中获三等奖, with its span."""
    if trigger.form in ("active", "after") or not trigger.word:
        return None
    text = article.segmented.text
    clause_start, _ = article.clauses.span(trigger.start)
    contest_before = article.vocabulary.contest_before
    match = None
    if text.find("在", max(clause_start, trigger.start - _LOOK_BACK), trigger.start) >= 0:
        match = contest_before.match(text, max(clause_start, trigger.start - _LOOK_BACK), trigger.start)
    if (
        match is None
        and clause_start > 0
        and text[clause_start - 1] in ",，"
        # the contest's 在 stands within the look-back (a cheap test before the clause's span)
        and text.find("在", max(0, clause_start - _LOOK_BACK), clause_start - 1) >= 0
    ):
        # 在第46届世界技能大赛中,我省选手勇夺金牌: the contest stands in a clause of its own.
        previous_start, _ = article.clauses.span(clause_start - 1)
        if text.startswith("在", previous_start):
            match = contest_before.match(text, max(previous_start, clause_start - _LOOK_BACK), clause_start - 1)
            if match is not None and (
                match.group(1).strip(_EDGE_JUNK) or not article.vocabulary.contest_end.search(match.group(2))
            ):
                match = None  # 在…公布的名单中,…入选: a list, not a contest
    if match is None:
        return None
    start, end = match.span(2)
    return text[start:end], start, end


def _contest_in_name(vocabulary: _Vocabulary, name: str, rank: re.Match[str] | None) -> str | None:
    """The contest a prize's name starts with (重庆市高中政治论文大赛一等奖 → …大赛)."""
    if not (rank or name.endswith("奖")):
        return None
    match = vocabulary.contest_pattern.match(name)
    return match.group(1) if match else None


def _rank_match(vocabulary: _Vocabulary, name: str) -> re.Match[str] | None:
    """The rank ``name`` ends with, with the numerals listed before it (二、三等奖), or None."""
    if not name.endswith(vocabulary.rank_words):  # most names end with no rank: skip the search
        return None
    return vocabulary.rank_pattern.search(name)


def _rank(vocabulary: _Vocabulary, match: re.Match[str] | None) -> str | None:
    """The rank of a :func:`_rank_match`; 二、三等奖 gives 二等奖、三等奖."""
    if match is None:
        return None
    word = match.group(2)
    rank = vocabulary.ranks[word]
    listed = [part for part in match.group(1).split("、") if part]
    if not listed:
        return rank
    return "、".join([numeral + rank[1:] for numeral in listed] + [rank])


def _level(article: _Article, start: int | None, name: str) -> Level | None:
    """The level a name states (全国 national, 重庆市/市级 provincial in a municipality …)."""
    vocabulary = article.vocabulary
    batch = _BATCH.match(name)
    first = batch.end() if batch else 0  # 第七批国家…: a start cue may follow the batch
    for match in vocabulary.level_pattern.finditer(name):
        level, scope = vocabulary.levels[match.group()]
        if scope == "start" and match.start() not in (0, first):
            continue
        if match.start() > 0 and start is not None and not article.segmented.is_boundary(start + match.start()):
            continue
        if level == "municipal" and _provincial_cities(article):
            level = "provincial"
        return level
    if start is not None:
        first_start, first_end, first = article.segmented.word_at(start)
        if first_start == start and len(first) >= 3:
            suffix_level = _LEVEL_OF_SUFFIX.get(first[-1])
            if suffix_level == "municipal" and _provincial_cities(article):
                return "provincial"
            return suffix_level
    return None
