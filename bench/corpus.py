"""Build a benchmark corpus of realistic size from the pages in data/raw.

The raw pages are cut into their parts (headlines, body paragraphs, bylines)
with the project's own reader and splitter; the parts are then shuffled and
dealt into article-sized files (a headline, body paragraphs, a byline), so
that no file repeats another and no cache flatters a measurement. Digits
inside figures are redrawn for the same reason; years, months and days are
kept so that dates stay plausible.

>>> corpus = build_corpus(Path("data/raw"), Path("/tmp/c"), megabytes=0.05)  # doctest: +SKIP
>>> corpus.files[0].name
'article_00000.txt'
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import regex

from extractor.articles import split_articles
from extractor.lexicon import load_lexicon
from extractor.reading import decode_bytes, repair_layout

__all__ = ["Corpus", "build_corpus", "build_large_file"]

# Article sizes in UTF-8 bytes: the genre's articles run from ~1,000 to ~4,000 characters.
ARTICLE_BYTES = (3_000, 12_000)
# A run of digits that counts something (not a year, month, day or time of day).
_FIGURE_DIGITS = regex.compile(r"(?<![\d.])\d+(?=[^\d年月日号时点:：./\-])")


@dataclass
class _Parts:
    headlines: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)


@dataclass
class Corpus:
    folder: Path
    files: list[Path]
    bytes: int

    @property
    def megabytes(self) -> float:
        return self.bytes / 1e6


def _read_parts(raw_dir: Path) -> _Parts:
    surnames = load_lexicon().words("surnames")
    parts = _Parts()
    for path in sorted(raw_dir.glob("*.txt")):
        page = repair_layout(decode_bytes(path.read_bytes()).text)
        for draft in split_articles(page, surnames):
            if draft.title:
                parts.headlines.append(draft.title)
            parts.paragraphs.extend(p for p in draft.paragraphs if p)
            if draft.authors:
                parts.bylines.append(" ".join(draft.authors))
    if not parts.paragraphs:
        raise SystemExit(f"{raw_dir}: no text to build a corpus from")
    parts.headlines = parts.headlines or ["新闻"]
    parts.bylines = parts.bylines or [""]
    return parts


def _redraw_digits(text: str, rng: random.Random) -> str:
    def redraw(match: regex.Match) -> str:
        digits = match.group()
        first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
        return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])

    return _FIGURE_DIGITS.sub(redraw, text)


def _articles(parts: _Parts, rng: random.Random):
    """An endless stream of article texts, each from a fresh shuffle of the parts."""
    deck: list[str] = []
    while True:
        target = rng.randint(*ARTICLE_BYTES)
        body: list[str] = []
        size = 0
        while size < target:
            if not deck:
                deck = parts.paragraphs[:]
                rng.shuffle(deck)
            paragraph = _redraw_digits(deck.pop(), rng)
            body.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
        lines = [rng.choice(parts.headlines), *body, rng.choice(parts.bylines)]
        yield "\n\n".join(line for line in lines if line) + "\n"


def build_corpus(raw_dir: Path, folder: Path, megabytes: float, seed: int = 0) -> Corpus:
    """Write article-sized files totalling ``megabytes`` (10^6 bytes) into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = int(megabytes * 1e6)
    files: list[Path] = []
    total = 0
    for number, article in enumerate(_articles(_read_parts(raw_dir), rng)):
        if total >= wanted:
            break
        data = article.encode("utf-8")
        path = folder / f"article_{number:05d}.txt"
        path.write_bytes(data)
        files.append(path)
        total += len(data)
    return Corpus(folder, files, total)


def build_large_file(raw_dir: Path, path: Path, megabytes: float, seed: int = 1) -> Corpus:
    """One file of many articles, one after the other (a whole newspaper issue)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    wanted = int(megabytes * 1e6)
    total = 0
    with path.open("wb") as stream:
        for article in _articles(_read_parts(raw_dir), rng):
            if total >= wanted:
                break
            data = (article + "\n").encode("utf-8")
            stream.write(data)
            total += len(data)
    return Corpus(path.parent, [path], total)
