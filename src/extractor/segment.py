"""Segment: word boundaries and sentences for one article, behind one interface.

Two backends cut the same words: ``jieba`` (the reference, pure Python) and
``rjieba`` (its Rust port). ``rjieba`` is the default because it measured
about 30 times faster with identical words: on bench/run.py's 20 MB corpus
``jieba.lcut`` cuts 1.2 MB/s and rjieba 38 MB/s on one core, and their words
agree on every boundary of the sample page and of that corpus. Their
part-of-speech tags (:meth:`Segmenter.tag`) are close but not identical:
jieba's posseg cuts unknown words its own way (about 3 % of spans differ on
the sample page). Both load the package's user dictionary
(``lexicon/userdict.tsv``) plus a user's additions. A segmenter is built once
per process and lexicon (jieba from its dictionary cache file), then reused.

>>> seg = segment_text("7所学校入选。", get_segmenter("jieba"))
>>> seg.words[:3], seg.is_boundary(2)
(['7', '所', '学校'], True)
"""

from __future__ import annotations

import logging
import operator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Callable, Protocol, TypeVar

import regex

from .lexicon import Lexicon, load_lexicon

__all__ = ["SEGMENTERS", "Segmenter", "SegmentedText", "get_segmenter", "segment_text"]

T = TypeVar("T")
SEGMENTERS = ("rjieba", "jieba")
DEFAULT_SEGMENTER = "rjieba"


class Segmenter(Protocol):
    name: str

    def cut(self, text: str) -> list[str]:
        """Words whose concatenation is ``text``."""

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Words with part-of-speech tags (jieba's tag set: nr, ns, nt, m, q …)."""


class _JiebaSegmenter:
    name = "jieba"

    def __init__(self, lexicon: Lexicon) -> None:
        import jieba

        from ._posseg import FastPosTokenizer

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()  # reads jieba's cache file; built once per machine
        for row in lexicon.rows("userdict"):
            self._tokenizer.add_word(row.word, row.freq, row.tag)
        self._tagger = FastPosTokenizer(self._tokenizer)

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text)

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(pair.word, pair.flag) for pair in self._tagger.lcut(text)]


class _RjiebaSegmenter:
    name = "rjieba"

    def __init__(self, lexicon: Lexicon) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        for row in lexicon.rows("userdict"):
            self._jieba.add_word(row.word, row.freq, row.tag)

    def cut(self, text: str) -> list[str]:
        try:
            return self._jieba.cut(text)
        except UnicodeEncodeError:  # a lone surrogate cannot cross into Rust
            return [word for piece in _split_surrogates(text) for word in self._cut_piece(piece)]

    def tag(self, text: str) -> list[tuple[str, str]]:
        try:
            return self._jieba.tag(text)
        except UnicodeEncodeError:
            return [pair for piece in _split_surrogates(text) for pair in self._tag_piece(piece)]

    def _cut_piece(self, piece: str) -> list[str]:
        return [piece] if _SURROGATE.match(piece) else self._jieba.cut(piece)

    def _tag_piece(self, piece: str) -> list[tuple[str, str]]:
        return [(piece, "x")] if _SURROGATE.match(piece) else self._jieba.tag(piece)


# A lone surrogate, kept as its own piece (the capturing group keeps it in the split).
_SURROGATE = regex.compile(r"([\ud800-\udfff])")


def _split_surrogates(text: str) -> list[str]:
    """``"a\\ud800b"`` -> ``["a", "\\ud800", "b"]``."""
    return [piece for piece in _SURROGATE.split(text) if piece]


_BACKENDS = {"jieba": _JiebaSegmenter, "rjieba": _RjiebaSegmenter}


def get_segmenter(name: str = DEFAULT_SEGMENTER, lexicon: Lexicon | None = None) -> Segmenter:
    """The named backend with the lexicon's user words, built once per process."""
    if name not in _BACKENDS:
        raise ValueError(f"unknown segmenter {name!r}; choose one of {', '.join(SEGMENTERS)}")
    return _build_segmenter(name, lexicon or load_lexicon())


@lru_cache(maxsize=8)
def _build_segmenter(name: str, lexicon: Lexicon) -> Segmenter:
    return _BACKENDS[name](lexicon)


# Sentence ends: full stops, question and exclamation marks, semicolons, and line breaks;
# a closing quote and the line breaks after an end belong to the sentence they close.
_SENTENCE_END = regex.compile(r"[。！？!?；;…]+[”’」』)）]*\n*|\n+")


@dataclass
class SegmentedText:
    """An article's text with its word boundaries and sentence spans.

    Offsets are character offsets into ``text``; ``starts[i]`` is where
    ``words[i]`` begins. Every lookup is a binary search over ``starts``,
    so building one costs little more than the segmenter's own cut.
    """

    text: str
    words: list[str]
    starts: list[int]
    sentence_starts: list[int]
    segmenter: Segmenter
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def is_boundary(self, offset: int) -> bool:
        """Is ``offset`` between two words (or at either end of the text)?"""
        index = bisect_left(self.starts, offset)
        return (index < len(self.starts) and self.starts[index] == offset) or offset == len(self.text)

    def word_index_at(self, offset: int) -> int:
        """Index of the word that covers ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def word_at(self, offset: int) -> tuple[int, int, str]:
        """``(start, end, word)`` of the word covering ``offset``."""
        index = self.word_index_at(offset)
        start = self.starts[index]
        return start, start + len(self.words[index]), self.words[index]

    def word_after(self, offset: int) -> str:
        """The word that starts at ``offset``, or "" when no word starts there."""
        index = bisect_left(self.starts, offset)
        return self.words[index] if index < len(self.starts) and self.starts[index] == offset else ""

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``offset``."""
        index = bisect_right(self.sentence_starts, offset) - 1
        start = self.sentence_starts[max(index, 0)]
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def sentence_at(self, offset: int) -> str:
        start, end = self.sentence_span(offset)
        return self.text[start:end].strip()

    def tag_span(self, start: int, end: int) -> list[tuple[str, str]]:
        """Part-of-speech tags for one span only: tagging a whole article is slow."""
        return self.segmenter.tag(self.text[start:end])

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A structure derived from this article, built by the first extractor that asks for it.

        Extractors share what they all need (quote pairs, clause index …)
        instead of each building it again: ``segmented.memo("quotes", lambda: QuoteIndex(text))``.
        """
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


def segment_text(text: str, segmenter: Segmenter) -> SegmentedText:
    """Cut ``text`` into words and sentences."""
    words = segmenter.cut(text)
    # Offsets by a running sum in C, not a Python loop: this runs once per article.
    starts = list(accumulate(map(len, words), initial=0))
    if starts.pop() != len(text):  # a backend must not drop characters; fall back to one-char words
        words = list(text)
        starts = list(range(len(text)))
    last = len(text)
    sentence_starts = [0, *(end for end in map(_match_end, _SENTENCE_END.finditer(text)) if end < last)]
    return SegmentedText(text, words, starts, sentence_starts, segmenter)


_match_end = operator.methodcaller("end")
