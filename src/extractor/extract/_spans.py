"""Quoted spans and clauses of an article, shared by the awards and programs extractors.

Names of honours and programs stand in quote marks (“双创”, 《…实施方案》), quotes nest
(《“大思政”视域下…》, “红魂铸绿梦,‘三领’争先锋”), and a comma inside quotes does not end
a clause. One regular-expression scan finds the quotes: a quote with no mark inside it (most
of them) is one match; the other marks are paired with a small stack. Clauses are found on
demand, by a search forwards and one backwards over the reversed text, around the few offsets
the extractors ask about: indexing every comma of an article would cost more than all the
questions.

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
from typing import NamedTuple

from ..segment import SegmentedText

__all__ = ["CLAUSE_BREAK", "CLOSING_MARKS", "ClauseIndex", "QuoteIndex", "QuotedSpan", "quotes_and_clauses", "strip_quote_marks"]

# Opening mark -> closing mark. Straight double quotes open and close alike.
_PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "「": "」", "『": "』", '"': '"'}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MARKS = "“”‘’《》〈〉「」『』\""
CLOSING_MARKS = "”’》〉」』\""
# A quote with no mark and no line break inside (one match), else a single mark. Every branch
# starts with a literal mark, so the engine skips straight to the next mark (a character class
# as the last branch would make it try each position in turn).
_QUOTE_OR_MARK = re.compile(
    "|".join(f"{re.escape(opener)}[^{_MARKS}\\n]*{re.escape(closer)}" for opener, closer in _PAIRS.items())
    + "|"
    + "|".join(re.escape(mark) for mark in _MARKS)
)
_QUOTE_MARK_RUN = re.compile(f"[{_MARKS}]")
# What ends a clause: commas, stops, colons, semicolons, ellipses, line breaks (not 、).
CLAUSE_BREAK = re.compile(r"[，,。．；;！!？?：:…\n]")


class QuotedSpan(NamedTuple):
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


def strip_quote_marks(text: str) -> str:
    """``text`` without quote and book-title marks.

    >>> strip_quote_marks("“大思政”视域下")
    '大思政视域下'
    """
    return _QUOTE_MARK_RUN.sub("", text)


def _pair_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuotedSpan]:
    """The quotes of ``text[start:end]``, sorted by start (outer before inner)."""
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset) of the quotes still open
    nested = False
    for match in _QUOTE_OR_MARK.finditer(text, start, len(text) if end is None else end):
        offset = match.start()
        if stack:
            # Quotes never run across a paragraph: forget the openers of earlier ones.
            line_break = text.rfind("\n", stack[0][1], offset)
            if line_break >= 0:
                stack = [entry for entry in stack if entry[1] > line_break]
        mark = match.group()
        if len(mark) > 1 and not (mark[0] == '"' and stack and stack[-1][0] == '"'):
            nested |= bool(stack)
            spans.append(QuotedSpan(offset, match.end(), mark[0], len(stack)))
            continue
        if len(mark) > 1:  # "…" while a " is open: its first mark closes that one
            _pair_mark(spans, stack, '"', offset)
            offset, mark = match.end() - 1, '"'
        _pair_mark(spans, stack, mark, offset)
        nested = True
    if nested:
        spans.sort(key=lambda span: (span.start, -span.end))
    return spans


def _pair_mark(spans: list[QuotedSpan], stack: list[tuple[str, int]], mark: str, offset: int) -> None:
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


class QuoteIndex:
    """Every paired quote of a text, with fast look-up of the outermost quote around an offset.

    Quotes never run across a line break, so a look-up pairs only the marks of its own
    paragraph (once); :attr:`spans` pairs the whole text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._spans: list[QuotedSpan] | None = None
        self._outer: list[QuotedSpan] = []
        self._outer_starts: list[int] = []
        # Paragraph start -> (start, end, starts of its outer quotes, its outer quotes).
        self._paragraphs: dict[int, tuple[int, int, list[int], list[QuotedSpan]]] = {}
        self._line: tuple[int, int, list[int], list[QuotedSpan]] = (0, 0, [], [])  # the last one read

    @property
    def spans(self) -> list[QuotedSpan]:
        """Every quote, outer before inner, in reading order."""
        if self._spans is None:
            self._spans = _pair_quotes(self.text)
            self._outer = [span for span in self._spans if span.depth == 0]
            self._outer_starts = [span.start for span in self._outer]
        return self._spans

    @property
    def outer(self) -> list[QuotedSpan]:
        """The quotes that no other quote holds."""
        self.spans
        return self._outer

    def covering(self, offset: int) -> QuotedSpan | None:
        """The outermost quote whose marks enclose ``offset`` (the marks themselves included)."""
        if self._spans is not None:
            starts, outer = self._outer_starts, self._outer
        elif self._line[0] <= offset < self._line[1]:
            starts, outer = self._line[2], self._line[3]
        else:
            starts, outer = self._paragraph(offset)
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < outer[index].end:
            return outer[index]
        return None

    def inside(self, offset: int) -> bool:
        """Is ``offset`` strictly between an opening and its closing mark?"""
        span = self.covering(offset)
        return span is not None and span.start < offset < span.end

    def _paragraph(self, offset: int) -> tuple[list[int], list[QuotedSpan]]:
        start = self.text.rfind("\n", 0, offset) + 1
        line = self._paragraphs.get(start)
        if line is None:
            end = self.text.find("\n", offset)
            end = len(self.text) + 1 if end < 0 else end
            outer = [span for span in _pair_quotes(self.text, start, end) if span.depth == 0]
            line = self._paragraphs[start] = (start, end, [span.start for span in outer], outer)
        self._line = line  # look-ups come in runs within one paragraph
        return line[2], line[3]


class ClauseIndex:
    """Clauses of a text: the runs between clause breaks that fall outside quotes.

    ``reversed_text`` is ``text[::-1]`` (given when the caller already has it): a clause's
    start is the first break found searching it.
    """

    def __init__(self, text: str, quotes: QuoteIndex, reversed_text: str | None = None) -> None:
        self.text = text
        self._quotes = quotes
        self._reversed = text[::-1] if reversed_text is None else reversed_text
        self._spans: dict[int, tuple[int, int]] = {}

    def span(self, offset: int) -> tuple[int, int]:
        """``(start, end)`` of the clause holding ``offset``: after the previous break, up to the next."""
        span = self._spans.get(offset)
        if span is None:
            span = self._spans[offset] = (self._previous_break(offset) + 1, self.next_break(offset))
        return span

    def next_break(self, offset: int) -> int:
        """Offset of the first clause break at or after ``offset`` (the text's end when none)."""
        match = CLAUSE_BREAK.search(self.text, offset)
        while match is not None:
            quote = self._quotes.covering(match.start())
            if quote is None:
                return match.start()
            match = CLAUSE_BREAK.search(self.text, quote.end)
        return len(self.text)

    def _previous_break(self, offset: int) -> int:
        """Offset of the last clause break before ``offset``, -1 when none."""
        last = len(self.text) - 1  # text offset i is reversed offset last - i
        match = CLAUSE_BREAK.search(self._reversed, last - offset + 1)
        while match is not None:
            quote = self._quotes.covering(last - match.start())
            if quote is None:
                return last - match.start()
            match = CLAUSE_BREAK.search(self._reversed, last - quote.start + 1)
        return -1

    def break_char(self, offset: int) -> str:
        """The break character at ``offset`` ("" at the end of the text)."""
        return self.text[offset] if offset < len(self.text) else ""


def quotes_and_clauses(segmented: SegmentedText) -> tuple[QuoteIndex, ClauseIndex]:
    """The quotes and clauses of an article, built once for the extractors that read them.

    >>> from extractor.segment import get_segmenter, segment_text
    >>> quotes_and_clauses(segment_text("“双创”,好。", get_segmenter("jieba")))[1].span(5)
    (5, 6)
    """
    text = segmented.text

    def build() -> tuple[QuoteIndex, ClauseIndex]:
        quotes = QuoteIndex(text)
        return quotes, ClauseIndex(text, quotes, segmented.memo("text.reversed", lambda: text[::-1]))

    return segmented.memo("quotes_and_clauses", build)
