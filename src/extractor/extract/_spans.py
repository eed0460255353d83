"""Quoted spans and clauses of an article, shared by the awards and programs extractors.

Names of honours and programs stand in quote marks (“双创”, 《…实施方案》), quotes nest
(《“大思政”视域下…》, “红魂铸绿梦,‘三领’争先锋”), and a comma inside quotes does not end
a clause. One regular-expression scan finds the marks; a small stack pairs them.

>>> quotes = QuoteIndex("开展“清风校园,廉洁入心”活动,效果好。")
>>> [(q.inner_start, q.inner_end, q.mark) for q in quotes.spans]
[(3, 12, '“')]
>>> clauses = ClauseIndex("开展“清风校园,廉洁入心”活动,效果好。", quotes)
>>> clauses.span(4)
(0, 15)
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["CLOSING_MARKS", "alternation", "quotes_and_clauses", "ClauseIndex", "QuoteIndex", "QuotedSpan", "strip_quote_marks"]

# Opening mark -> closing mark. Straight double quotes open and close alike.
_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "「": "」", "『": "』", '"': '"'}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
CLOSING_MARKS = "”’》〉」』\""
_MARK = re.compile(r'[“”‘’《》〈〉「」『』"\n]')
_QUOTE_MARK_RUN = re.compile(r'[“”‘’《》〈〉「」『』"]')
# What ends a clause: commas, stops, colons, semicolons, ellipses, line breaks (not 、).
_CLAUSE_BREAK = re.compile(r"[，,。．；;！!？?：:…\n]")  # stdlib: faster on a plain class


@dataclass(frozen=True)
class QuotedSpan:
    """A paired quote: ``start`` is the opening mark, ``end`` is just after the closing mark."""

    start: int
    end: int
    mark: str
    depth: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


def alternation(words) -> str:
    """A regular expression that matches any of ``words``, longest first (so 获评 wins over 获).

    >>> alternation(["获", "获评"])
    '获评|获'
    """
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in ordered) or r"(?!x)x"


def strip_quote_marks(text: str) -> str:
    """``text`` without quote and book-title marks.

    >>> strip_quote_marks("“大思政”视域下")
    '大思政视域下'
    """
    return _QUOTE_MARK_RUN.sub("", text)


def _pair_quotes(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    for match in _MARK.finditer(text):
        mark, offset = match.group(), match.start()
        if mark == "\n":  # quotes never run across a paragraph
            stack.clear()
            continue
        if mark == '"' and stack and stack[-1][0] == '"':
            _, start = stack.pop()
            spans.append(QuotedSpan(start, offset + 1, mark, len(stack)))
        elif mark in _PAIRS:
            stack.append((mark, offset))
        else:
            opener = _CLOSERS[mark]
            # Close the nearest matching opener; openers left inside it were never closed.
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == opener:
                    start = stack[index][1]
                    del stack[index:]
                    spans.append(QuotedSpan(start, offset + 1, opener, index))
                    break
            # A closer with no opener (a misprint) is left alone.
    spans.sort(key=lambda span: (span.start, -span.end))
    return spans


class QuoteIndex:
    """Every paired quote of a text, with fast look-up of the outermost quote around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = _pair_quotes(text)
        self.outer = [span for span in self.spans if span.depth == 0]
        self._outer_starts = [span.start for span in self.outer]

    def covering(self, offset: int) -> QuotedSpan | None:
        """The outermost quote whose marks enclose ``offset`` (the marks themselves included)."""
        index = bisect_right(self._outer_starts, offset) - 1
        if index >= 0 and offset < self.outer[index].end:
            return self.outer[index]
        return None

    def inside(self, offset: int) -> bool:
        """Is ``offset`` strictly between an opening and its closing mark?"""
        span = self.covering(offset)
        return span is not None and span.start < offset < span.end

    def starting_at(self, offset: int) -> QuotedSpan | None:
        """The outermost quote whose opening mark is at ``offset``."""
        index = bisect_left(self._outer_starts, offset)
        if index < len(self.outer) and self.outer[index].start == offset:
            return self.outer[index]
        return None


class ClauseIndex:
    """Clause breaks of a text that fall outside quotes, for clause look-ups by offset."""

    def __init__(self, text: str, quotes: QuoteIndex) -> None:
        self.text = text
        # Scan the gaps between outer quotes (quotes never hold a line break).
        self.breaks: list[int] = []
        position = 0
        for quote in quotes.outer:
            self.breaks += [match.start() for match in _CLAUSE_BREAK.finditer(text, position, quote.start)]
            position = max(position, quote.end)
        self.breaks += [match.start() for match in _CLAUSE_BREAK.finditer(text, position)]

    def span(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the clause holding ``offset``: after the previous break, up to the next."""
        index = bisect_right(self.breaks, offset - 1)
        start = self.breaks[index - 1] + 1 if index > 0 else 0
        end = self.breaks[index] if index < len(self.breaks) else len(self.text)
        return start, end

    def next_break(self, offset: int) -> int:
        """Offset of the first clause break at or after ``offset`` (the text's end when none)."""
        index = bisect_left(self.breaks, offset)
        return self.breaks[index] if index < len(self.breaks) else len(self.text)

    def break_char(self, offset: int) -> str:
        """The break character at ``offset`` ("" at the end of the text)."""
        return self.text[offset] if offset < len(self.text) else ""


@lru_cache(maxsize=4)
def quotes_and_clauses(text: str) -> tuple[QuoteIndex, ClauseIndex]:
    """The quotes and clauses of an article, computed once for the extractors that read them.

    The awards and programs extractors run one after the other on the same article text; a
    small cache keyed by the text spares the second one the scan (both indexes are read-only).

    >>> quotes_and_clauses("“双创”,好。")[1].span(5)
    (5, 6)
    """
    quotes = QuoteIndex(text)
    return quotes, ClauseIndex(text, quotes)
