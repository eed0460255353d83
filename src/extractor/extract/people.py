"""People: named persons, with the role that stands next to the name.

Three rules, from the most to the least certain:

- ``person.role``: a role word right before a name (党委书记、校长陶庆明, 学生秦梅梅,
  学校团委副书记向孝学); the role keeps its posts and units. Names that the segmenter
  splits (向|孝学, 王|小寒) are joined when a surname stands alone before one or two
  characters that end the clause or precede a word that often follows a name (表示, 看来)
  or a verb or an adverb (种粮大户刘|长海|一边查看).
- ``person.role_after``: a name right before a title (陶庆明校长).
- ``person.tagged``: a word that jieba tags as a personal name (nr) when a word like 表示
  or 介绍 follows it (jieba tags many words nr: 高素质, 智慧, 文明); ``person.home``: a
  name between a village and 家 (普陀村毛万二家小院); ``person.list``: words tagged nr in a
  list closed by 等, unless the list names places (安德、唐昌等6个镇).

Every candidate must start with a surname (lexicon ``surnames``) and must not be a word of
``non_names`` (高质量, 文明, 和平), a place, or a role word; names after a byline or
photo-credit word (记者, 摄影) are authors, not people. Only the candidate words are tagged.

>>> from extractor.lexicon import load_lexicon
>>> from extractor.segment import get_segmenter, segment_text
>>> seg = segment_text("党委书记、校长陶庆明表示，学生秦梅梅获奖。", get_segmenter("jieba"))
>>> [(p.text, p.role) for p in find_people(seg, ExtractContext(load_lexicon()))]
[('陶庆明', '党委书记、校长'), ('秦梅梅', '学生')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import takewhile

from ..lexicon import Lexicon
from ..models import Person
from ..segment import SegmentedText
from . import ExtractContext
from ._words import HAN, reversed_word_pattern, word_alternation, word_ends

__all__ = ["find_people"]

_HAN = re.compile(f"{HAN}+")
# nrt: jieba tags names of its dictionary so (王淑芬), not only transliterations.
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
# Tags jieba gives a surname standing alone (罗 j, 刘 zg); not p, c, d as for 向 or 和.
_SURNAME_TAGS = frozenset({"nr", "nrfg", "j", "zg", "g", "ng", "n"})
# Tags of place and other proper names (义安 nz): a place suffix after one belongs to it.
# A given name's last character the segmenter left alone (张大|勇 n, 梁国|栋 zg): a noun or a morpheme.
_GIVEN_CHARACTER_TAGS = frozenset({"n", "ng", "zg", "g", "nr"})
_PLACE_TAGS = frozenset({"ns", "nz"})
# Tags of verbs and adverbs, which start the clause after a name.
_PREDICATE_TAGS = frozenset({"v", "vd", "vi", "vn", "d", "ad"})
# Tags of ordinary words (钱袋子 n, 高质量 … ): a word of three characters tagged so is no name.
_COMMON_TAGS = frozenset({"n", "v", "vn", "a", "an", "ad", "d", "l", "i"})
# Separators between the posts of one person (党委书记、校长; 书记兼校长).
_ROLE_JOINERS = "、和及兼"
# Longest role read before a name: 市委常委、区委书记、区长 and a little more.
_MAX_ROLE_CHARS = 24
# At a sentence start: a name, a comma, and a clause that ends the sentence.
# The scan reads the character that ends the sentence before; the sentence start is checked.
_APPOSITION_TEXT = f"\\s*({HAN}{{2,4}})[，,]([^，,。！？；\n]{{2,40}})(?=[。；\n]|$)"
_APPOSITION = re.compile(_APPOSITION_TEXT)  # at the start of the text
_APPOSITION_AFTER_END = re.compile(f"[。！？!?；;…”’」』)）\n]{_APPOSITION_TEXT}")
# The last two items of a list closed by 等 (陈思、王一鸣等): the scan looks for 、, name, 等.
_LIST_END = re.compile(f"、{HAN}{{2,4}}等")
_CLOSING_QUOTES = "”’」』》〉\"'"


@dataclass(frozen=True)
class _Vocabulary:
    reversed_word_pattern: re.Pattern[str]  # for word_ends: titles, person nouns and cues
    ends_with_role: frozenset[str]  # those of them that end with a title or a person noun
    reversed_role_pattern: re.Pattern[str]  # a role written backwards, read leftwards from its end
    after_name_words: frozenset[str]  # titles and cues, which may follow a name
    ends_with_after_name: frozenset[str]  # words of reversed_word_pattern that end with one of them
    after_name_by_first: dict[str, tuple[str, ...]]  # the same, by first character
    credit_pattern: re.Pattern[str]  # a byline word right before a name
    titles: frozenset[str]
    roles: frozenset[str]  # every role word: titles, person nouns, units, modifiers
    addresses: frozenset[str]  # 老师, 大爷, 校长: after a surname, a form of address, not a name
    cues: frozenset[str]
    follows: frozenset[str]  # cues and the short words that may follow a name
    credits: frozenset[str]
    surnames: frozenset[str]
    double_surnames: frozenset[str]
    non_names: frozenset[str]
    common_words: frozenset[str]  # role words, names' exclusions and organization stop words
    place_names: frozenset[str]
    place_suffixes: tuple[str, ...]  # longest first
    area_suffixes: tuple[str, ...]  # of towns and larger areas (镇, 县, 街道), not 村 or 组
    home_pattern: re.Pattern[str]
    places_after_list: re.Pattern[str]  # 等6个镇, 等地: the list before 等 names places


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    def build() -> _Vocabulary:
        by_kind: dict[str, list[str]] = {}
        for row in lexicon.rows("roles"):
            by_kind.setdefault(row.kind, []).append(row.word)  # type: ignore[attr-defined]
        surnames = lexicon.words("surnames")
        double = [word for word in surnames if len(word) == 2]
        role_words = by_kind.get("title", []) + by_kind.get("person", [])
        units, modifiers = by_kind.get("unit", []), by_kind.get("modifier", [])
        cues = by_kind.get("cue", [])
        after_name = by_kind.get("title", []) + cues

        def backwards(words: list[str]) -> str:
            return word_alternation(word[::-1] for word in words)

        # A role is read leftwards from its last word, the longest first; a title that is itself
        # a unit and a title (政协委员) is left out of that first word, so that the unit may be
        # read whole (区政协|委员, not 区 + 政协委员).
        role_set = set(role_words)
        simple = [word for word in role_words if not _is_post(word, units, modifiers, role_set)]
        reversed_post = f"{backwards(simple)}(?:{backwards(modifiers)})*(?:{backwards(units)})*"
        places = lexicon.rows("places")
        place_suffix_words = [row.word for row in places if row.kind != "name"]  # type: ignore[attr-defined]
        village = word_alternation([row.word for row in places if row.kind == "village"])  # type: ignore[attr-defined]
        return _Vocabulary(
            reversed_word_pattern=reversed_word_pattern(role_words + cues),
            ends_with_role=frozenset(word for word in role_words + cues if word.endswith(tuple(role_words))),
            # Posts joined by 、 (党委书记、校长), written once: the pattern compiles in half the time.
            reversed_role_pattern=re.compile(f"(?:{reversed_post}[{_ROLE_JOINERS}]?)+(?<![{_ROLE_JOINERS}])"),
            after_name_words=frozenset(after_name),
            ends_with_after_name=frozenset(word for word in role_words + cues if word.endswith(tuple(after_name))),
            after_name_by_first=_by_first_character(after_name),
            credit_pattern=re.compile(f"(?:{word_alternation(by_kind.get('credit', []))})[ \u3000:：/]*$"),
            titles=frozenset(by_kind.get("title", [])),
            roles=frozenset(word for kind in ("title", "person", "unit", "modifier") for word in by_kind.get(kind, [])),
            addresses=frozenset(by_kind.get("address", []) + by_kind.get("title", [])),
            cues=frozenset(by_kind.get("cue", [])),
            follows=frozenset(by_kind.get("cue", []) + by_kind.get("follow", [])),
            credits=frozenset(by_kind.get("credit", [])),
            surnames=surnames,
            double_surnames=frozenset(double),
            non_names=lexicon.words("non_names"),
            common_words=frozenset(
                [row.word for row in lexicon.rows("roles")]
                + list(lexicon.words("non_names"))
                + list(lexicon.words("org_stopwords"))
            ),
            place_names=frozenset(row.word for row in places if row.kind == "name"),  # type: ignore[attr-defined]
            area_suffixes=tuple(row.word for row in places if row.kind == "suffix"),  # type: ignore[attr-defined]
            place_suffixes=tuple(
                sorted((row.word for row in places if row.kind != "name"), key=len, reverse=True)  # type: ignore[attr-defined]
            ),
            places_after_list=re.compile(
                f"等(?:地|乡镇|[0-9〇零一二三四五六七八九十百两几多]+个?(?:{word_alternation(place_suffix_words)}))"
            ),
            # 普陀村毛万二家小院: a household named after its head (not 家长, 家庭, 家乡 …).
            # (The name's surname is checked on each match: a class of 400 surnames compiles slowly.)
            home_pattern=re.compile(f"{village}({HAN}{{2,4}}?)家(?![长庭乡园属人风教访族])"),
        )

    return lexicon.memo("people.vocabulary", build)


@dataclass
class _Found:
    start: int
    end: int
    role: str | None
    rule: str


def find_people(segmented: SegmentedText, context: ExtractContext) -> list[Person]:
    """Every named person of the article, one item per name, in order of first mention."""
    vocabulary = _vocabulary(context.lexicon)
    text = segmented.text
    found: dict[str, _Found] = {}
    taken: set[int] = set()  # offsets inside names found so far: 明德 of 吴|明德 is no second name

    def add(start: int, end: int, role: str | None, rule: str) -> None:
        name = text[start:end]
        if taken.isdisjoint(range(start, end)) and not _after_credit(text, start, vocabulary):
            found.setdefault(name, _Found(start, end, role, rule))
            taken.update(range(start, end))

    # Titles, person nouns and cues, by where they end (from the last): where a role ends
    # before a surname (学生|秦梅梅), and where a title or a cue may end (陶庆明|校长).
    reversed_text = segmented.memo("text.reversed", lambda: text[::-1])
    ends = list(word_ends(vocabulary.reversed_word_pattern, text, reversed_text))
    role_ends = [
        position
        for position, longest in ends
        if longest in vocabulary.ends_with_role and _surname_at(text, position, vocabulary)
    ]
    after_name_ends = [position for position, longest in ends if longest in vocabulary.ends_with_after_name]
    # A role right before a name, left to right. The scan finds where the role's last word ends, then
    # the whole role is read leftwards on a short span (a scan with the whole role pattern is slow).
    for position in reversed(role_ends):
        backwards = len(text) - position
        match = vocabulary.reversed_role_pattern.match(reversed_text, backwards, backwards + _MAX_ROLE_CHARS)
        if match is None:
            continue
        role_start = position - (match.end() - backwards)
        role = _clean_role(text, role_start, text[role_start:position], vocabulary)
        # One role may stand before a list of names: 学生王梓涵、李欣怡.
        while (span := _name_at(segmented, position, vocabulary, joined_ok=True)) is not None:
            add(span[0], span[1], role, "person.role")
            if span[1] >= len(text) or text[span[1]] != "、":
                break
            position = span[1] + 1
    # A word tagged as a name before a title (陶庆明|校长) or a cue (张伟|介绍).
    starts, words = segmented.starts, segmented.words
    for position in reversed(after_name_ends):
        index = bisect_left(starts, position) - 1  # the word that ends here, if one does
        following = words[index]
        if index < 1 or starts[index] + len(following) != position or following not in vocabulary.after_name_words:
            continue
        end = starts[index]
        index -= 1
        start, word = starts[index], words[index]
        if start in taken or not _looks_like_name(word, vocabulary):
            continue
        previous = words[index - 1] if index else ""
        if index and _suffix_of_place_before(segmented, index - 1, word, vocabulary):
            continue
        if following in vocabulary.titles:
            role, rule = following, "person.role_after"
        elif _near_place(previous, following, vocabulary):
            continue
        else:
            role, rule = None, "person.tagged"
        if _tagged_as_name(segmented, start, end):  # asked last: the tagger costs the most
            add(start, end, role, rule)
    for match in _LIST_END.finditer(text):
        # 获奖学生有陈思、王一鸣、张可欣等: a list of words tagged as names, closed by 等.
        for start, end in _list_items(segmented, match.end() - 1, vocabulary):
            add(start, end, None, "person.list")
    for match in vocabulary.home_pattern.finditer(text):
        if _looks_like_name(match.group(1), vocabulary):
            add(match.start(1), match.end(1), None, "person.home")
    for match in filter(None, (_APPOSITION.match(text), *_APPOSITION_AFTER_END.finditer(text))):
        # 陶庆明，黔江民族中学党委书记、校长。: a name opening a sentence, its post after it.
        start = match.start(1)
        if text[segmented.sentence_span(start)[0] : start].strip():
            continue
        start, end = match.span(1)
        if not (segmented.is_boundary(end) and _looks_like_name(match.group(1), vocabulary)):
            continue
        clause = match.group(2)
        role = vocabulary.reversed_role_pattern.match(clause[::-1])  # the role that ends the clause
        if role and _tagged_as_name(segmented, start, end):
            role_start = len(clause) - role.end()
            add(start, end, _clean_role(clause, role_start, clause[role_start:], vocabulary), "person.apposition")
    people = [
        Person.model_validate(
            {
                "text": name,
                "start": item.start,
                "end": item.end,
                "sentence": segmented.sentence_at(item.start),
                "rule": item.rule,
                "role": item.role,
                "mentions": _mentions(text, name),
            }
        )
        for name, item in found.items()
    ]
    return sorted(people, key=lambda person: person.start)


def _name_at(
    segmented: SegmentedText, position: int, vocabulary: _Vocabulary, joined_ok: bool
) -> tuple[int, int] | None:
    """The span of the name that starts at ``position`` (right after a role), if one does."""
    text = segmented.text
    word = segmented.word_after(position)
    if not word:
        return None
    if len(word) in (3, 4) and word[-1] in vocabulary.follows and _looks_like_name(word[:-1], vocabulary):
        word = word[:-1]  # 学生|赵六说, 村民|张明华家: the segmenter glued 说 or 家 to the name
    end = position + len(word)
    following = segmented.word_after(end)
    if (
        len(word) == 2
        and len(following) == 2
        and following[-1] in vocabulary.follows
        and following not in vocabulary.follows  # 法官|陈静|荣获: the cue is whole, the name too
        and _looks_like_name(word + following[0], vocabulary)
        and _tagged_as_name(segmented, position, end + 1)
    ):
        return position, end + 1  # 老党员|刘德|明说: the name's last character went with 说
    if (
        len(word) == 2
        and len(following) == 1
        and _looks_like_name(word + following, vocabulary)
        and _ends_name(segmented, end + 1, vocabulary)
        and all(tag in _NAME_TAGS for _, tag in _tags(segmented, position, end + 1))
    ):
        return position, end + 1  # 护林员|罗文|芳|说: both parts tagged as a name
    if (
        len(word) == 2
        and len(following) == 1
        and following not in vocabulary.common_words
        and _looks_like_name(word + following, vocabulary)
        and _tags(segmented, end, end + 1)[0][1] in _GIVEN_CHARACTER_TAGS
        and (_ends_name(segmented, end + 1, vocabulary) or _predicate_follows(segmented, end + 1))
    ):
        return position, end + 1  # 代表|张大|勇|感慨: a name's last character left alone, a noun
    if (
        len(word) == 2
        and len(following) == 1
        and text.startswith("、", end + 1)
        and following not in vocabulary.follows
        and _looks_like_name(word + following, vocabulary)
        and _tagged_as_name(segmented, position, end)
    ):
        return position, end + 1  # 茶农|刘家|兴|、: a name of a list, cut before its last character
    if _looks_like_name(word, vocabulary):
        # 委员|沙龙|四个平台: two characters after a role are a name when tagged as one and
        # followed by the end of the clause or by 表示, 的 …; three need one of the two.
        tagged = _tagged_as_name(segmented, position, end)
        if not tagged and len(word) >= 3 and _tagged_as_common_word(segmented, position, end):
            return None  # 村民|钱袋子: a word of the dictionary, not a name the tagger missed
        ends = _ends_name(segmented, end, vocabulary) or (tagged and _predicate_follows(segmented, end))
        return (position, end) if (tagged and ends) or (len(word) >= 3 and (tagged or ends)) else None
    # The segmenter split the name: a lone surname, then the given name (向|孝学, 王|小寒).
    surname_length = 2 if text[position : position + 2] in vocabulary.double_surnames else 1
    if not joined_ok or len(word) != surname_length or word not in vocabulary.surnames:
        return None
    given = segmented.word_after(position + surname_length)
    if len(given) == 2 and given[-1] in vocabulary.follows:
        given = given[:1]  # 段|明说: 说 follows the name
    if not given or len(given) > 2 or not _HAN.fullmatch(given) or given in vocabulary.common_words:
        return None  # 党员|和|群众: a conjunction and a noun, not a surname and a given name
    end = position + surname_length + len(given)
    if not _is_candidate(text[position:end], vocabulary):
        return None
    # 向孝学|看来 ends where a name ends; 向|基层|宣讲 is a preposition and a noun.
    if _ends_name(segmented, end, vocabulary):
        return position, end
    # 罗|光辉|长期 is read as a name by the tagger (罗 j, 光辉 nr); 刘|长海|一边 (刘 zg, 长海 ns)
    # is a surname and a clause about him, while 委员|来|小院|走访 is a verb.
    tags = [tag for _, tag in _tags(segmented, position, end)]
    # 教师|黄|玉兰|今年: a surname read as an adjective (黄 a) before a given name tagged as a name.
    surname_ok = tags[0] in _SURNAME_TAGS or (len(tags) == 2 and tags[1] in _NAME_TAGS)
    if surname_ok and (any(tag in _NAME_TAGS for tag in tags) or _predicate_follows(segmented, end)):
        return position, end
    return None


def _predicate_follows(segmented: SegmentedText, end: int) -> bool:
    """Does a verb or an adverb follow (法官陈静|设计, 种粮大户刘长海|一边查看)? After a role,
    the words before it are the person the clause tells about."""
    following = segmented.word_after(end)
    tags = _tags(segmented, end, end + len(following)) if following else []
    return len(tags) == 1 and tags[0][1] in _PREDICATE_TAGS


def _is_post(word: str, units: list[str], modifiers: list[str], roles: set[str]) -> bool:
    """Is ``word`` units and modifiers before a role word (政协委员 = 政协 + 委员)?"""

    def heads(rest: str, units_allowed: bool) -> bool:
        return not rest or any(
            rest.startswith(head) and heads(rest[len(head) :], units_allowed and head in units)
            for head in (units + modifiers if units_allowed else modifiers)
        )

    return any(word[cut:] in roles and heads(word[:cut], True) for cut in range(1, len(word)))


def _by_first_character(words: list[str]) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in by_first.items()}


def _surname_at(text: str, position: int, vocabulary: _Vocabulary) -> bool:
    return text[position : position + 1] in vocabulary.surnames or text[position : position + 2] in vocabulary.double_surnames


def _list_items(segmented: SegmentedText, end: int, vocabulary: _Vocabulary) -> list[tuple[int, int]]:
    """The names of the 、 list that ends at ``end`` (before 等): whole words tagged as names.

    At least two names are needed; the list is read backwards from 等. A list of places is
    none (安德、唐昌等6个镇, when jieba tags 唐昌 nr): 等 counts places after it, or a name of the
    list is written elsewhere in the article as a place (唐昌镇).
    """
    text = segmented.text
    if vocabulary.places_after_list.match(text, end):
        return []
    # The words that may be names, before the tagger is asked about them: it costs the most.
    candidates: list[tuple[int, int]] = []
    index = segmented.word_index_at(end - 1)
    while index >= 0:
        start = segmented.starts[index]
        word = segmented.words[index]
        if not _looks_like_name(word, vocabulary):
            break
        candidates.append((start, start + len(word)))
        if index < 2 or segmented.words[index - 1] != "、":
            break
        index -= 2

    def any_place(spans: list[tuple[int, int]]) -> bool:
        return any(_written_as_place(text, text[start:stop], vocabulary) for start, stop in spans)

    # The names are the candidates up to the first one not tagged as a name; the first two
    # of them are the names of any list there is.
    if len(candidates) < 2 or any_place(candidates[:2]):
        return []
    spans = list(takewhile(lambda span: _tagged_as_name(segmented, *span), candidates))
    if len(spans) < 2 or any_place(spans[2:]):
        return []
    return spans[::-1]


def _written_as_place(text: str, name: str, vocabulary: _Vocabulary) -> bool:
    """Is ``name`` written somewhere as an area, with its suffix (唐昌镇)?"""
    start = text.find(name)
    while start >= 0:
        if text.startswith(vocabulary.area_suffixes, start + len(name)):
            return True
        start = text.find(name, start + 1)
    return False


def _looks_like_name(word: str, vocabulary: _Vocabulary) -> bool:
    """A whole word of 2 to 3 characters (4 with a double surname) that may be a name."""
    limit = 4 if word[:2] in vocabulary.double_surnames else 3
    return 2 <= len(word) <= limit and _is_candidate(word, vocabulary)


def _is_candidate(name: str, vocabulary: _Vocabulary) -> bool:
    if not _HAN.fullmatch(name) or (name[0] not in vocabulary.surnames and name[:2] not in vocabulary.double_surnames):
        return False
    if name in vocabulary.non_names or name in vocabulary.roles or name in vocabulary.place_names:
        return False
    surname_length = 2 if name[:2] in vocabulary.double_surnames else 1
    if name[surname_length:] in vocabulary.addresses:  # 李老师, 张大爷, 王校长
        return False
    return not name.endswith(vocabulary.place_suffixes)


def _tags(segmented: SegmentedText, start: int, end: int) -> list[tuple[str, str]]:
    """The tags of ``text[start:end]``, each span tagged once per article: the rules ask about
    the same word more than once (a name after a role is also a name before a cue)."""
    tagged: dict[tuple[int, int], list[tuple[str, str]]] = segmented.memo("people.tags", dict)
    span = (start, end)
    if span not in tagged:
        tagged[span] = segmented.tag_span(start, end)
    return tagged[span]


def _tagged_as_name(segmented: SegmentedText, start: int, end: int) -> bool:
    """One word tagged as a name, or a surname and a given name each tagged so (李 nr, 淑芬 nrt)."""
    tags = _tags(segmented, start, end)
    if len(tags) == 2 and len(tags[0][0]) == 1:
        return all(tag in _NAME_TAGS for _, tag in tags)
    return len(tags) == 1 and tags[0][1] in _NAME_TAGS


def _tagged_as_common_word(segmented: SegmentedText, start: int, end: int) -> bool:
    """Is the span one word tagged as a common noun, verb or adjective (钱袋子 n)?"""
    tags = _tags(segmented, start, end)
    return len(tags) == 1 and tags[0][1] in _COMMON_TAGS


def _ends_name(segmented: SegmentedText, end: int, vocabulary: _Vocabulary) -> bool:
    """Does a name end here: at the end of a clause, or before 表示, 看来, 的, a title …?"""
    text = segmented.text
    if end >= len(text):
        return True
    if not _HAN.match(text[end]):
        return text[end] not in _CLOSING_QUOTES  # “委员沙龙”: a quoted term, not a name
    if segmented.word_after(end) in vocabulary.follows or text[end] in vocabulary.follows:
        return True
    # A title or a cue starts the next word: 周|建国|主持会议, 部长张华|教授.
    return text.startswith(vocabulary.after_name_by_first.get(text[end], ()), end)


def _near_place(previous: str, following: str, vocabulary: _Vocabulary) -> bool:
    """清流镇|邵家坝|院落: a word between a place and a place noun names a place."""
    return previous.endswith(vocabulary.place_suffixes) or following.startswith(vocabulary.place_suffixes)


def _suffix_of_place_before(segmented: SegmentedText, index: int, word: str, vocabulary: _Vocabulary) -> bool:
    """义安|区顺安|镇长: the "surname" 区 is the suffix of the place before it (义安 ns or nz),
    glued to the next place by the segmenter. Only such words are tagged: they are rare."""
    if word[0] not in vocabulary.area_suffixes:
        return False
    previous, start = segmented.words[index], segmented.starts[index]
    if previous in vocabulary.place_names:
        return True
    tags = _tags(segmented, start, start + len(previous)) if _HAN.fullmatch(previous) else []
    return len(tags) == 1 and tags[0][1] in _PLACE_TAGS


def _after_credit(text: str, start: int, vocabulary: _Vocabulary) -> bool:
    return vocabulary.credit_pattern.search(text, max(0, start - 8), start) is not None


def _clean_role(text: str, start: int, role: str, vocabulary: _Vocabulary) -> str:
    """The role without joiners at its ends, and without the 区 of 荣昌|区政协主席.

    A role may start with a bare body (区政协主席, 街道党工委书记); after a place name
    that 区 or 街道 belongs to the place, and the role is what follows it.
    """
    role = role.strip(_ROLE_JOINERS)
    if start > 0 and role.startswith(vocabulary.place_suffixes) and _HAN.match(text[start - 1]):
        for suffix in vocabulary.place_suffixes:
            if role.startswith(suffix) and vocabulary.reversed_role_pattern.fullmatch(role[len(suffix) :][::-1]):
                return role[len(suffix) :]
    return role


def _mentions(text: str, name: str) -> list[dict[str, int]]:
    """Every occurrence of ``name``, as spans."""
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append({"start": start, "end": start + len(name)})
        start = text.find(name, start + len(name))
    return spans
