"""Organizations: named schools, party and government bodies, courts, companies, associations.

A name ends with a suffix from the lexicon (``org_suffixes``: 小学, 政协, 人民法院, 协会 …)
and starts with the name words right before it, read from the suffix leftwards: place
names, proper names, ordinals (第四十九), trades (种植) and the nouns between them; a verb, a
function word or a stop word (荣获, 申报, 在) ends them. Only that short span is tagged, never
the whole article, and each distinct span once. A suffix whose row asks for a
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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple

from ..lexicon import Lexicon
from ..models import Organization
from ..segment import SegmentedText
from . import ExtractContext
from ._words import reversed_word_pattern, word_ends

__all__ = ["find_organizations"]

# How far left of a suffix a name may start: long enough for 重庆市黔江区民族 (8) or
# 万盛经开区教师 (7) with room to spare, short enough to keep the tagged spans small.
_MAX_PREFIX_CHARS = 16
# The digits of ordinals in names (第一〇四中学, 第49中学).
_NUMERALS = "〇零一二三四五六七八九十百千0123456789"
_NUMERAL_SET = frozenset(_NUMERALS)
# Brackets around a place inside a name: 中国(铜陵)知识产权保护中心, 中国（安徽）自由贸易试验区.
_BRACKETS = {")": "(", "）": "（"}
# Counters an ordinal of a name may carry: the 届 of 政协宜章县第十届委员会.
_ORDINAL_COUNTERS = "届"
# Part-of-speech tags (jieba's set) of words that name a thing: places (ns), proper names, and
# the bound morphemes (g, zg) jieba leaves when it cannot read a rare name (溱州 → 溱/州).
_PROPER_TAGS = frozenset({"ns", "nz", "nt", "nr", "nrt", "nrfg", "g", "zg", "ng"})
# Tags of words that never start a name: verbs, adverbs, prepositions, conjunctions, particles,
# pronouns, locatives.
_FUNCTION_TAGS = frozenset({"v", "vd", "vg", "d", "p", "c", "u", "uj", "ul", "r", "f"})
# Tags of ordinary words that may stand inside a name (民族, 实验, 产业, 求精, 附属).
_INNER_TAGS = frozenset({"n", "nl", "vn", "an", "a", "b", "j", "s", "l", "i", "nw"})


@dataclass(frozen=True)
class _Vocabulary:
    reversed_suffix_pattern: re.Pattern[str]  # for word_ends: suffixes are found by where they end
    suffix_rows: dict[str, tuple[str, str]]  # suffix -> (kind, prefix requirement)
    tails: dict[str, tuple[str, ...]]  # suffix -> itself and the suffixes it ends with, longest first
    stopwords: frozenset[str]
    trades: frozenset[str]  # 种植, 制造: verbs that stand inside company names
    titles: frozenset[str]  # posts (院长, 会长) that may be written in one word with a suffix
    people_words: frozenset[str]  # titles and person nouns (干部, 党员)
    place_names: frozenset[str]
    place_suffixes: tuple[str, ...]  # longest first
    honour_verbs: frozenset[str]  # 入选, 评为: what follows is a designation (安徽省实验室), not a body (获得 may be a loan)


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    def build() -> _Vocabulary:
        rows = {row.word: (row.kind, row.prefix) for row in lexicon.rows("org_suffixes")}  # type: ignore[attr-defined]
        places = lexicon.rows("places")
        names = [row.word for row in places if row.kind == "name"]  # type: ignore[attr-defined]
        return _Vocabulary(
            reversed_suffix_pattern=reversed_word_pattern(rows),
            suffix_rows=rows,
            tails={suffix: tuple(suffix[i:] for i in range(len(suffix)) if suffix[i:] in rows) for suffix in rows},
            stopwords=lexicon.words("org_stopwords"),
            trades=lexicon.words("org_trades"),
            titles=frozenset(row.word for row in lexicon.rows("roles") if row.kind == "title"),  # type: ignore[attr-defined]
            people_words=frozenset(
                row.word for row in lexicon.rows("roles") if row.kind in ("title", "person")  # type: ignore[attr-defined]
            ),
            place_names=frozenset(names),
            place_suffixes=tuple(
                sorted((row.word for row in places if row.kind != "name"), key=len, reverse=True)  # type: ignore[attr-defined]
            ),
            honour_verbs=frozenset(
                row.word for row in lexicon.rows("award_triggers") if row.strength == "strong"  # type: ignore[attr-defined]
            ),
        )

    return lexicon.memo("organizations.vocabulary", build)


class _FunctionCharacters(NamedTuple):
    joiners: frozenset[str]  # 和, 及
    prepositions: frozenset[str]  # 与, 从


class _Piece(NamedTuple):
    """One word of a candidate name: its offset in the tagged window and what it is."""

    start: int
    word: str
    role: str  # "place", "proper", "ordinal", "inner", "time", "body" (政协), or "admin" (区, 市 … alone)


_Candidate = tuple[int, int, int, str, str]  # start, end, suffix start, kind, requirement


def find_organizations(segmented: SegmentedText, context: ExtractContext) -> list[Organization]:
    """Every named organization of the article, one item per surface form."""
    vocabulary = _vocabulary(context.lexicon)
    text = segmented.text
    reversed_text = segmented.memo("text.reversed", lambda: text[::-1])
    words, starts = segmented.words, segmented.starts
    function_characters = _function_characters(context.lexicon, segmented, vocabulary)
    candidates = []
    windows: dict[tuple[str, str], int | None] = {}  # the same name recurs: read the words before it once
    read_starts: set[int] = set()  # suffix starts already read with their longest suffix
    # Ends come from the last: at a start, the longest suffix that ends a word is read first, so
    # that 中学校 is read and 中学 is not; 办事处 is still read after 街道办 in 街道办事处 failed.
    for end, longest in word_ends(vocabulary.reversed_suffix_pattern, text, reversed_text):
        # The word after the suffix ("" when the suffix ends inside a word), found once per end.
        after = bisect_left(starts, end)
        following = words[after] if after < len(starts) and starts[after] == end else ""
        if not (following or end == len(text) or _ends_word(segmented, end, vocabulary, function_characters)):
            continue
        for suffix in vocabulary.tails[longest]:
            suffix_start = end - len(suffix)
            if suffix_start in read_starts:
                continue
            # One search gives both the word the suffix starts in and the last word before it.
            index = bisect_right(starts, suffix_start) - 1
            if starts[index] == suffix_start:
                last = index - 1
            elif _inside_word(text, starts[index], suffix_start, vocabulary):
                continue
            else:
                last = index
            read_starts.add(suffix_start)
            kind, requirement = vocabulary.suffix_rows[suffix]
            if requirement == "none" and following in vocabulary.people_words:
                continue  # 共青团|干部, 民盟|盟员: a kind of person, not the body
            start = _name_start(segmented, suffix_start, last, requirement, vocabulary, function_characters, windows)
            if start is not None and requirement == "name" and _is_designation(segmented, start, suffix_start, vocabulary):
                break  # the honour names a kind of body, not one: no shorter suffix names one either
            if start is not None:
                candidates.append((start, end, suffix_start, kind, requirement))
                break  # a shorter suffix ending here (法院 of 人民法院) names the same body
    mentions: dict[str, list[dict[str, int]]] = {}  # name -> its mentions, in reading order
    readings: dict[str, _Candidate] = {}  # name -> its first candidate
    for candidate in _outermost(candidates):
        start, end = candidate[0], candidate[1]
        name = text[start:end]
        mentions.setdefault(name, []).append({"start": start, "end": end})
        readings.setdefault(name, candidate)
    full_names = _full_names(readings)
    return [
        Organization.model_validate(
            {
                "text": name,
                "start": start,
                "end": end,
                "sentence": segmented.sentence_at(start),
                "rule": f"organization.suffix.{requirement}",
                "kind": kind,
                "alias_of": full_names[name],
                "mentions": mentions[name],
            }
        )
        for name, (start, end, _, kind, requirement) in readings.items()
    ]


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


def _name_start(
    segmented: SegmentedText,
    suffix_start: int,
    last: int,
    requirement: str,
    vocabulary: _Vocabulary,
    function_characters: _FunctionCharacters,
    windows: dict[tuple[str, str], int | None],
) -> int | None:
    """Where the name that ends with the suffix at ``suffix_start`` starts, or None when there is none.

    ``last`` is the index of the word before the suffix (of the word the suffix starts in, when
    the segmenter cut across the suffix's start).
    """
    window_start = _window_start(segmented, suffix_start, last, vocabulary, function_characters)
    if window_start == suffix_start:
        return suffix_start if requirement == "none" else None
    window = segmented.text[window_start:suffix_start]
    key = (window, requirement)
    if key in windows:
        offset = windows[key]
    else:
        pieces = _window_pieces(segmented.segmenter.tag(window), len(window), vocabulary, function_characters)
        offset = windows[key] = _pieces_start(pieces, requirement, len(window))
    return None if offset is None else window_start + offset


def _is_designation(segmented: SegmentedText, start: int, suffix_start: int, vocabulary: _Vocabulary) -> bool:
    """入选(第二批)安徽省实验室: a name that starts with a place right after an honour verb is a
    designation that bodies are given, not a body (…研究中心 入选 安徽省工程研究中心)."""
    words, starts = segmented.words, segmented.starts
    index = bisect_left(starts, start)
    if index == len(starts) or starts[index] != start:
        return False
    place = words[index]  # the first word of the name, with generic words after it (工程|研究中心)
    if not (place in vocabulary.place_names or _is_place_word(place, vocabulary)):
        return False
    before = words[max(index - 2, 0) : index]  # a batch or a level may stand between: 入选|第二批|安徽省实验室
    return bool(before) and (
        before[-1] in vocabulary.honour_verbs or (before[0] in vocabulary.honour_verbs and before[-1] in vocabulary.stopwords)
    )


def _ends_word(
    segmented: SegmentedText, end: int, vocabulary: _Vocabulary, function_characters: _FunctionCharacters
) -> bool:
    """The suffix must end a word: 中学 in 中学生 or 政协 in 政协委员 names no body.

    Called when ``end`` is no word boundary: a word made of the suffix and a title (医院院长,
    协会会长) or a function word (农村局|等) ends the name too, unless the word is itself a post
    (党委书记: no committee is named), and so does a stop word the segmenter cut across
    (发展改|革委会|同: 会同 follows 发展改革委), or a preposition (农村|局与市: 与 follows 农业农村局).
    """
    word_start, word_end, word = segmented.word_at(end)
    text = segmented.text
    rest = text[end:word_end]
    if text[end] in function_characters.prepositions:
        return True
    if (rest in vocabulary.titles and word not in vocabulary.titles) or rest in vocabulary.stopwords:
        return True
    # 小学|教师 in one word: a person of the named school; 中共党员 names no body (a word of a bare
    # full-name suffix and a person noun is a kind of person).
    if (
        rest in vocabulary.people_words
        and word not in vocabulary.titles
        and vocabulary.suffix_rows.get(text[word_start:end], ("", ""))[1] != "none"
    ):
        return True
    return text[end : end + 2] in vocabulary.stopwords or text[end : end + 3] in vocabulary.stopwords


def _inside_word(text: str, word_start: int, suffix_start: int, vocabulary: _Vocabulary) -> bool:
    """Does the suffix start inside the word at ``word_start``, after a single character that is no
    place's (协|商会 of 协商会, a meeting; 中|小学 of 中小学)? After 区, 市, 县 … it may (县|卫健委 of 县卫健委)."""
    return word_start == suffix_start - 1 and text[word_start] not in vocabulary.place_suffixes


def _window_start(
    segmented: SegmentedText,
    suffix_start: int,
    last: int,
    vocabulary: _Vocabulary,
    function_characters: _FunctionCharacters,
) -> int:
    """Where the words that may name the body before a suffix start (``suffix_start`` if none may).

    ``last`` is the index of the word that holds the character before the suffix. The window
    starts on a word boundary, so that the tagger does not see half a word.
    """
    words, starts = segmented.words, segmented.starts
    if last < 0 or (words[last] in vocabulary.stopwords and starts[last] + len(words[last]) > suffix_start):
        return suffix_start  # 中小学校 is no 中 + 小学校
    # Names are written with letters and digits only: punctuation, quotes and spaces end them.
    # A stop word ends the name too: the window starts after it (在|荣昌区|政协), and when it is
    # the last word (全区|学校, 7所|学校, 的|学校) there is nothing to tag. A conjunction between
    # two name words is left to the tagger (政协|社会|和|法制|委员会).
    limit = suffix_start - _MAX_PREFIX_CHARS
    index = last
    while index >= 0 and starts[index] >= limit:
        word = words[index]
        if word in _BRACKETS and index > 1 and words[index - 2] == _BRACKETS[word] and words[index - 1].isalpha():
            index -= 3  # a place in brackets, left to the tagger: 中国(铜陵)|知识产权保护中心
            continue
        if not word.isalnum():
            break
        if len(word) > 2 and word[-2] in function_characters.prepositions and word[-1] in vocabulary.place_suffixes:
            break  # 局与|市: a word the segmenter joined across the end of one name and a preposition
        if _joins_two_bodies(words, index, vocabulary, function_characters):
            break  # 教育局|和县|财政局: a conjunction and an administrative word, after a body's name
        if word in vocabulary.stopwords and not (
            word in function_characters.joiners and last > index > 0 and words[index - 1] not in vocabulary.stopwords
        ):
            break
        index -= 1
    return starts[index + 1] if index < last else suffix_start


def _joins_two_bodies(
    words: list[str], index: int, vocabulary: _Vocabulary, function_characters: _FunctionCharacters
) -> bool:
    """县教育局|和县|财政局: a word of a conjunction and 县, 市 … (a place to the tagger, 和县) after
    a word that ends with a suffix starts the next body's name, which has no place of its own."""
    word = words[index]
    if not (len(word) == 2 and word[0] in function_characters.joiners and word[1] in vocabulary.place_suffixes):
        return False
    before = words[index - 1] if index else ""
    return any(before[start:] in vocabulary.suffix_rows for start in range(len(before)))


def _window_pieces(
    tags: list[tuple[str, str]], length: int, vocabulary: _Vocabulary, function_characters: _FunctionCharacters
) -> list[_Piece]:
    """The name words at the end of a tagged window of ``length`` characters, with offsets in the window."""
    pieces: list[_Piece] = []
    position = length  # the tagger's words make up the window
    numerals = ""  # numerals read right to left, waiting for their 第 (第一|〇|四中学)
    singles = admins = 0
    joint = None  # the index in pieces of a conjunction between two name words (社会|和|法制)
    for word, tag in reversed(_bracketed_places(tags, vocabulary)):
        position -= len(word)
        if tag == "bracket":
            pieces.append(_Piece(position, word, "proper"))
            continue
        if tag == "c" and len(word) == 1 and joint is None and not numerals and pieces and pieces[-1].role == "inner":
            joint = len(pieces)
            pieces.append(_Piece(position, word, "joint"))
            continue
        if joint == len(pieces) - 1 and _piece_role(word, tag, vocabulary) != "inner":
            break  # a conjunction joins two nouns of one name, not two names (荣昌区政协|和|内江市政协)
        if not word.strip(_NUMERALS):
            numerals = word + numerals
            continue
        if word[0] == "第" and not word[1:].rstrip(_ORDINAL_COUNTERS).strip(_NUMERALS):
            pieces.append(_Piece(position, word + numerals, "ordinal"))
            numerals = ""
            continue
        if not numerals and pieces and _cuts_a_place(word, tag, pieces[-1], vocabulary):
            role = "proper"
        else:
            role = None if numerals else _piece_role(word, tag, vocabulary)
        if role is None and _rare_name_character(word, pieces, vocabulary):
            role = "proper"
        if role is None:  # a verb, a preposition, a bare number …: 荣昌区成立|眼镜产业协会
            break
        if role in ("place", "proper") and _starts_with_preposition(word, vocabulary, function_characters):
            pieces.append(_Piece(position + 1, word[1:], role))  # 以弥川县, 据鹤岭: the glued preposition ends the name
            break
        pieces.append(_Piece(position, word, role))
        singles += len(word) == 1
        admins += role == "admin"
    if joint is not None and not any(piece.role in ("place", "proper", "body") for piece in pieces[joint + 1 :]):
        pieces = pieces[:joint]  # a joined name needs a named body before it (定川市政协|社会和法制委员会)
    if pieces and pieces[-1].word[0] in _BRACKETS.values():
        pieces.pop()  # a place in brackets names what stands before it: (铜陵) starts no name
    pieces.reverse()
    if singles > 1:
        pieces = _merge_single_characters(pieces)
    return _merge_admin_suffixes(pieces) if admins else pieces


def _bracketed_places(tags: list[tuple[str, str]], vocabulary: _Vocabulary) -> list[tuple[str, str]]:
    """The tagged words with a place in brackets made one word tagged ``bracket``: (铜陵)."""
    if not any(word in _BRACKETS for word, _ in tags):
        return tags
    joined: list[tuple[str, str]] = []
    for word, tag in tags:
        if word in _BRACKETS and len(joined) > 1 and joined[-2][0] == _BRACKETS[word]:
            inside, inside_tag = joined[-1]
            if inside_tag == "ns" or inside in vocabulary.place_names or _is_place_word(inside, vocabulary):
                opening = joined[-2][0]
                del joined[-2:]
                joined.append((opening + inside + word, "bracket"))
                continue
        joined.append((word, tag))
    return joined


def _function_characters(lexicon: Lexicon, segmented: SegmentedText, vocabulary: _Vocabulary) -> _FunctionCharacters:
    """The one-character stop words the tagger reads as conjunctions (和, 及: they may stand between
    two words of one name) and as prepositions (与, 从). Found once per lexicon and tagger."""
    tagger = segmented.segmenter

    def build() -> _FunctionCharacters:
        tags = {word: tagger.tag(word) for word in vocabulary.stopwords if len(word) == 1}
        return _FunctionCharacters(
            joiners=frozenset(word for word, tagged in tags.items() if tagged == [(word, "c")]),
            prepositions=frozenset(word for word, tagged in tags.items() if tagged == [(word, "p")]),
        )

    return lexicon.memo(f"organizations.function_characters.{tagger.name}", build)


def _rare_name_character(word: str, pieces: list[_Piece], vocabulary: _Vocabulary) -> bool:
    """璧 of 重庆|璧|晟|新能源: a character the tagger cut off a rare name it does not know and
    tagged at random (a verb for one backend, a morpheme for the other), before another one."""
    if len(word) != 1 or not word.isalpha() or word in vocabulary.stopwords or not pieces:
        return False
    after = pieces[-1]
    if len(after.word) != 1:
        return False
    # Before a lone 乡, 镇 … too: 者|米|乡 is a rare place the tagger read as a particle and a
    # measure word (or a number: then 米 reads as an inner word before the 乡).
    if after.role == "inner" and len(pieces) > 1:
        after = pieces[-2] if len(pieces[-2].word) == 1 else after
    return after.role in ("proper", "admin")


def _starts_with_preposition(word: str, vocabulary: _Vocabulary, function_characters: _FunctionCharacters) -> bool:
    """以弥川县, 从鹤岭: a preposition the segmenter glued to a rare place. Not 向阳区: a place's own
    first character when the rest (阳区) is no place."""
    if len(word) < 3 or word[0] not in function_characters.prepositions:
        return False
    rest = word[1:]
    return not rest.endswith(vocabulary.place_suffixes) or _is_place_word(rest, vocabulary)


def _cuts_a_place(word: str, tag: str, place: _Piece, vocabulary: _Vocabulary) -> bool:
    """武|岚县, 者|卡乡: a rare place of three characters that the segmenter read as a known one of
    two after a character it left alone; the character belongs to the place (not a verb: 赴|岚县)."""
    return (
        len(word) == 1
        and len(place.word) == 2
        and place.role in ("place", "inner")  # 卡乡 is a place for one backend and a noun for the other
        and place.word[1] in vocabulary.place_suffixes
        and tag not in _FUNCTION_TAGS
        and word.isalpha()
        and word not in vocabulary.stopwords
    )


def _piece_role(word: str, tag: str, vocabulary: _Vocabulary) -> str | None:
    if word in vocabulary.stopwords:
        return None
    if word.isascii():
        return "inner" if word.isalnum() else None  # the A of A级, the TCL of TCL集团
    if not word.isalpha():
        return None
    if tag == "ns" or word in vocabulary.place_names or _is_place_word(word, vocabulary):
        return "place"
    if word in vocabulary.place_suffixes:
        return "admin"
    if word in vocabulary.trades:
        return "inner"  # 丰茂|种植|专业合作社: a trade, which the tagger may read as a verb
    if tag in _PROPER_TAGS or vocabulary.suffix_rows.get(word, ("", ""))[1] == "none":
        return "proper"  # 民盟 of 民盟荣昌区委 names its body like a proper name
    if tag == "m" and _NUMERAL_SET.isdisjoint(word):
        return "inner"  # 昌元 tagged 昌/元: 元 is no number here
    if tag == "t":
        return "time"  # 老年 in 荣昌区老年大学; never the first word of a name (近年来)
    if word in vocabulary.suffix_rows:
        return "body"  # 政协 of 政协宜章县第十届委员会: a body whose committee the name is
    if tag == "z" and len(word) == 2:
        return "inner"  # 绿然 of 广东绿然油茶科技: a rare word rjieba tags z and jieba n (not 认真落实)
    return "inner" if tag in _INNER_TAGS else None


def _is_place_word(word: str, vocabulary: _Vocabulary) -> bool:
    """荣昌区, 重庆市委: a word that starts with a known place name; 金水区, 绵阳市: a word
    of three characters or more that ends with an administrative suffix."""
    if len(word) >= 3 and word.endswith(vocabulary.place_suffixes):
        return True
    names = vocabulary.place_names
    return word[:2] in names or word[:3] in names or word[:4] in names


def _merge_single_characters(pieces: list[_Piece]) -> list[_Piece]:
    """龙|坑 → 龙坑: a rare name the tagger cut into characters is one word again."""
    merged: list[_Piece] = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        if (
            previous
            and len(piece.word) == 1
            and len(previous.word) == 1
            and piece.role in ("inner", "proper")
            and previous.role in ("inner", "proper")
        ):
            role = "proper" if "proper" in (piece.role, previous.role) else "inner"
            merged[-1] = _Piece(previous.start, previous.word + piece.word, role)
        else:
            merged.append(piece)
    return merged


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
        if not merged or merged[-1].role in ("ordinal", "time", "joint") or (len(merged[-1].word) < 2 and merged[-1].role == "inner"):
            merged = []
            continue
        before = merged.pop()
        merged.append(_Piece(before.start, before.word + piece.word, "place"))
    return merged


def _pieces_start(pieces: list[_Piece], requirement: str, suffix_offset: int) -> int | None:
    """Where the name starts in the window, or None when the words before the suffix name nothing."""
    if requirement == "none":  # 教育部: a full name by itself, written with a place or not
        named = [piece for piece in pieces if piece.role in ("place", "proper")]
        return named[0].start if named else suffix_offset
    if requirement == "any":
        while pieces and pieces[0].role == "time":
            pieces = pieces[1:]
        if any(piece.role in ("place", "proper") for piece in pieces):
            requirement = "name"  # 重庆华瑞精密机械有限公司: the words before the place are no name (工人正在检测电芯)
        else:
            return pieces[0].start if sum(len(piece.word) for piece in pieces) >= 3 else None
    wanted = {"place"} if requirement == "place" else {"place", "proper", "ordinal"}
    # Ordinary words before the first place or proper name are not part of the name; a
    # proper name right before the place is (中共|重庆市委, 民盟|荣昌区委).
    for index, piece in enumerate(pieces):
        if piece.role in wanted:
            if index and piece.role == "place" and pieces[index - 1].role in ("proper", "body"):
                return pieces[index - 1].start
            return piece.start
    return None


def _full_names(names: Iterable[str]) -> dict[str, str | None]:
    """Each name -> the longest name of the article that contains it (黔江民族中学 → 重庆市黔江民族中学校),
    or None; of names of one length, the first read.

    The names, longest first, are joined into one text, so that one ``str.find`` over the names
    longer than a name replaces a loop over them (an article may name a hundred bodies). Names
    hold no line break (their words are letters and digits), so no match runs across two.
    """
    by_length = sorted(names, key=len, reverse=True)
    joined = "\n".join(by_length)
    offsets = list(accumulate((len(name) + 1 for name in by_length), initial=0))  # where each name starts
    full_names: dict[str, str | None] = {}
    longer_end = 0  # the end in ``joined`` of the names longer than the one read
    for index, name in enumerate(by_length):
        if index and len(name) < len(by_length[index - 1]):
            longer_end = offsets[index]
        found = joined.find(name, 0, longer_end)
        full_names[name] = None if found < 0 else by_length[bisect_right(offsets, found) - 1]
    return full_names
