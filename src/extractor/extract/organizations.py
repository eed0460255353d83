"""Organizations: named schools, party and government bodies, courts, companies, associations.

A name ends with a suffix from the lexicon (``org_suffixes``: 小学, 政协, 人民法院, 协会 …)
and starts with the name words right before it, read from the suffix leftwards: place
names, proper names, ordinals (第四十九) and the nouns between them. Only that short span is
tagged (``SegmentedText.tag_span``), never the whole article. A suffix whose row asks for a
place (政协, 区委) or a name (小学) is no organization without one: a bare 区委, 市政协 or
学校 is a reference, not a name. Each surface form is one item with all its mentions; a
shorter form of a longer name in the same article (黔江民族中学 for 重庆市黔江民族中学校) gets
``alias_of``.

>>> from extractor.lexicon import load_lexicon
>>> from extractor.segment import get_segmenter, segment_text
>>> seg = segment_text("以万盛小学为试点，荣昌区政协和内江市政协共建。", get_segmenter("jieba"))
>>> [(o.text, o.kind) for o in find_organizations(seg, ExtractContext(load_lexicon()))]
[('万盛小学', 'school'), ('荣昌区政协', 'government'), ('内江市政协', 'government')]
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..lexicon import Lexicon
from ..models import Organization, Span
from ..segment import SegmentedText
from . import ExtractContext

__all__ = ["find_organizations"]

# How far left of a suffix a name may start: long enough for 重庆市黔江区民族 (8) or
# 万盛经开区教师 (7) with room to spare, short enough to keep the tagged spans small.
_MAX_PREFIX_CHARS = 16
# The characters a name is written with; anything else (punctuation, quotes, spaces) ends it.
_NAME_CHARS = regex.compile(r"[\p{Han}A-Za-z0-9]+$")
_ORDINAL = regex.compile(r"第[〇零一二三四五六七八九十百千0-9]+")
_NUMERALS = regex.compile(r"[〇零一二三四五六七八九十百千0-9]+")
_HAN = regex.compile(r"\p{Han}+")
# Part-of-speech tags (jieba's set) of words that name a thing: places, proper names, and the
# bound morphemes (g, zg) jieba leaves when it cannot read a rare name (溱州 → 溱/州).
_PLACE_TAGS = frozenset({"ns"})
_PROPER_TAGS = frozenset({"ns", "nz", "nt", "nr", "nrt", "nrfg", "g", "zg", "ng"})
# Tags of ordinary words that may stand inside a name (民族, 实验, 产业, 求精, 附属).
_INNER_TAGS = frozenset({"n", "nl", "vn", "an", "a", "b", "j", "s", "l", "i", "nw"})


@dataclass(frozen=True)
class _Vocabulary:
    suffix_pattern: regex.Pattern[str]
    suffix_rows: dict[str, tuple[str, str]]  # suffix -> (kind, prefix requirement)
    suffixes_by_first_char: dict[str, list[str]]  # longest first
    stopwords: frozenset[str]
    titles: frozenset[str]  # posts (院长, 会长) that may be written in one word with a suffix
    place_names: frozenset[str]
    place_suffixes: tuple[str, ...]  # longest first


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    def build() -> _Vocabulary:
        rows = {row.word: (row.kind, row.prefix) for row in lexicon.rows("org_suffixes")}  # type: ignore[attr-defined]
        ordered = sorted(rows, key=len, reverse=True)
        by_first: dict[str, list[str]] = {}
        for suffix in ordered:
            by_first.setdefault(suffix[0], []).append(suffix)
        pattern = regex.compile("|".join(regex.escape(suffix) for suffix in ordered) or r"(?!)")
        places = lexicon.rows("places")
        return _Vocabulary(
            suffix_pattern=pattern,
            suffix_rows=rows,
            suffixes_by_first_char=by_first,
            stopwords=lexicon.words("org_stopwords"),
            titles=frozenset(row.word for row in lexicon.rows("roles") if row.kind == "title"),  # type: ignore[attr-defined]
            place_names=frozenset(row.word for row in places if row.kind == "name"),  # type: ignore[attr-defined]
            place_suffixes=tuple(
                sorted((row.word for row in places if row.kind != "name"), key=len, reverse=True)  # type: ignore[attr-defined]
            ),
        )

    return lexicon.memo("organizations.vocabulary", build)


@dataclass
class _Piece:
    """One word of a candidate name: its offset in the text and what it is."""

    start: int
    word: str
    role: str  # "place", "proper", "ordinal", "inner", "time", or "admin" (区, 市 … alone)


_Candidate = tuple[int, int, int, str, str]  # start, end, suffix start, kind, requirement


def find_organizations(segmented: SegmentedText, context: ExtractContext) -> list[Organization]:
    """Every named organization of the article, one item per surface form."""
    vocabulary = _vocabulary(context.lexicon)
    text = segmented.text
    # Overlapping, so that 办事处 is still tried after 街道办 in 街道办事处 failed.
    candidates = [
        candidate
        for match in vocabulary.suffix_pattern.finditer(text, overlapped=True)
        if (candidate := _name_ending_at(segmented, match.start(), vocabulary)) is not None
    ]
    found: dict[str, Organization] = {}
    for start, end, _, kind, requirement in _outermost(candidates):
        name = text[start:end]
        if name in found:
            found[name].mentions.append(Span(start=start, end=end))
            continue
        found[name] = Organization(
            text=name,
            start=start,
            end=end,
            sentence=segmented.sentence_at(start),
            rule=f"organization.suffix.{requirement}",
            kind=kind,  # type: ignore[arg-type]
            mentions=[Span(start=start, end=end)],
        )
    return _link_aliases(list(found.values()))


def _outermost(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop names inside a longer name: 荣昌区委 in 荣昌区委宣传部, 学校 tails of 中学校.

    Of two readings of the same span the longer suffix wins (教育委员会 over 委员会).
    """
    ordered = sorted(candidates, key=lambda candidate: (candidate[0], -candidate[1], candidate[2]))
    kept: list[_Candidate] = []
    for candidate in ordered:
        if kept and candidate[1] <= kept[-1][1]:
            continue
        kept.append(candidate)
    return kept


def _name_ending_at(segmented: SegmentedText, suffix_start: int, vocabulary: _Vocabulary) -> _Candidate | None:
    """``(start, end, suffix start, kind, requirement)`` of the name whose suffix starts here."""
    text = segmented.text
    for suffix in vocabulary.suffixes_by_first_char.get(text[suffix_start], ()):
        end = suffix_start + len(suffix)
        if not text.startswith(suffix, suffix_start) or not _ends_word(segmented, end, vocabulary):
            continue
        kind, requirement = vocabulary.suffix_rows[suffix]
        pieces = _name_pieces(segmented, suffix_start, vocabulary)
        start = _name_start(pieces, requirement)
        if start is not None:
            return start, end, suffix_start, kind, requirement
        # A shorter suffix does not make a better name: 中学校 without a name is 学校 without one.
        return None
    return None


def _ends_word(segmented: SegmentedText, end: int, vocabulary: _Vocabulary) -> bool:
    """The suffix must end a word: 中学 in 中学生 or 政协 in 政协委员 names no body.

    A word made of the suffix and a title (医院院长, 协会会长) ends the name too, unless the
    word is itself a post (党委书记: the committee is not named there).
    """
    if segmented.is_boundary(end):
        return True
    word_start, word_end, word = segmented.word_at(end)
    return segmented.text[end:word_end] in vocabulary.titles and word not in vocabulary.titles


def _name_pieces(segmented: SegmentedText, suffix_start: int, vocabulary: _Vocabulary) -> list[_Piece]:
    """The words before a suffix that may belong to the name, left to right."""
    text = segmented.text
    window_start = max(0, suffix_start - _MAX_PREFIX_CHARS)
    chars = _NAME_CHARS.search(text, window_start, suffix_start)
    if chars is None:
        return []
    window_start = chars.start()
    # Start on a word boundary, so that the tagger does not see half a word.
    while window_start < suffix_start and not segmented.is_boundary(window_start):
        window_start += 1
    if window_start >= suffix_start:
        return []
    pieces: list[_Piece] = []
    for start, word, tag in reversed(_tagged_words(segmented, window_start, suffix_start)):
        role = "ordinal" if _ORDINAL.fullmatch(word) else _piece_role(word, tag, vocabulary)
        if role is None:  # a verb, a preposition, a number …: 荣昌区成立|眼镜产业协会
            break
        pieces.insert(0, _Piece(start, word, role))
    return _merge_admin_suffixes(pieces)


def _tagged_words(segmented: SegmentedText, start: int, end: int) -> list[tuple[int, str, str]]:
    """``(offset, word, tag)`` of a short span; 第 and the numerals after it are one word."""
    words: list[tuple[int, str, str]] = []
    position = start
    for word, tag in segmented.tag_span(start, end):
        if words and _NUMERALS.fullmatch(word) and _ORDINAL.fullmatch(words[-1][1]):
            words[-1] = (words[-1][0], words[-1][1] + word, "m")  # 第一|〇|四 → 第一〇四
        else:
            words.append((position, word, tag))
        position += len(word)
    return words


def _piece_role(word: str, tag: str, vocabulary: _Vocabulary) -> str | None:
    if word in vocabulary.stopwords:
        return None
    if not _HAN.fullmatch(word):
        return "inner" if word.isascii() and word.isalnum() else None
    if word in vocabulary.place_names or tag in _PLACE_TAGS or _is_place_word(word, vocabulary):
        return "place"
    if word in vocabulary.place_suffixes:
        return "admin"
    if tag in _PROPER_TAGS:
        return "proper"
    if tag == "m" and not _NUMERALS.search(word):
        return "inner"  # 昌元 tagged 昌/元: 元 is no number here
    if tag == "t":
        return "time"  # 老年 in 荣昌区老年大学; never the first word of a name (近年来)
    return "inner" if tag in _INNER_TAGS else None


def _is_place_word(word: str, vocabulary: _Vocabulary) -> bool:
    """荣昌区, 重庆市委: a word that starts with a known place name (two characters or more)."""
    return any(word[:length] in vocabulary.place_names for length in range(2, min(len(word), 4) + 1))


def _merge_admin_suffixes(pieces: list[_Piece]) -> list[_Piece]:
    """Glue 区, 市, 州 … to the word before them: 隆昌 + 市, 溱 + 州 make a place.

    An administrative word with nothing before it (市 of 市政协) is no name: it and
    everything left of it are dropped.
    """
    merged: list[_Piece] = []
    for piece in pieces:
        if piece.role != "admin":
            merged.append(piece)
            continue
        if not merged or merged[-1].role in ("ordinal", "time") or (len(merged[-1].word) < 2 and merged[-1].role == "inner"):
            merged = []
            continue
        before = merged.pop()
        merged.append(_Piece(before.start, before.word + piece.word, "place"))
    return merged


def _name_start(pieces: list[_Piece], requirement: str) -> int | None:
    """Where the name starts, or None when the words before the suffix name nothing."""
    if requirement == "any":
        while pieces and pieces[0].role == "time":
            pieces = pieces[1:]
        named = sum(len(piece.word) for piece in pieces) >= 3 or any(piece.role != "inner" for piece in pieces)
        return pieces[0].start if pieces and named else None
    wanted = {"place"} if requirement == "place" else {"place", "proper", "ordinal"}
    # Ordinary words before the first place or proper name are not part of the name.
    for piece in pieces:
        if piece.role in wanted:
            return piece.start
    return None


def _link_aliases(organizations: list[Organization]) -> list[Organization]:
    """Point a short form at the longest name of the article that contains it."""
    by_length = sorted((org.text for org in organizations), key=len, reverse=True)
    linked = []
    for org in organizations:
        full = next((name for name in by_length if len(name) > len(org.text) and org.text in name), None)
        linked.append(org.model_copy(update={"alias_of": full}) if full else org)
    return linked

