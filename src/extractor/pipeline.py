"""The pipeline: read → split → segment → extract → validate, for one input.

>>> doc = extract_text("标题\\n\\n共有7所学校参加。", reference_date="2024-07-09")
>>> doc.articles[0].title
'标题'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .articles import ArticleDraft, iter_article_drafts
from .extract import EXTRACTORS, ExtractContext, get_extractor
from .extract._guard import call_guarded, run_guarded
from .extract.links import link_items
from .lexicon import Lexicon, load_lexicon
from .models import Article, Document, Section, Source
from .reading import MAX_ARTICLE_CHARS, DecodedText, decode_bytes, iter_paragraphs, replace_surrogates
from .segment import DEFAULT_SEGMENTER, get_segmenter, segment_text

__all__ = ["Options", "extract_bytes", "extract_draft", "extract_file", "extract_text", "iter_articles", "iter_drafts"]


@dataclass(frozen=True)
class Options:
    """How to extract: the same options give the same output, byte for byte."""

    reference_date: date | None = None
    segmenter: str = DEFAULT_SEGMENTER
    lexicon_dir: str | None = None

    @classmethod
    def make(
        cls,
        reference_date: date | str | None = None,
        segmenter: str = DEFAULT_SEGMENTER,
        lexicon: str | Path | None = None,
    ) -> "Options":
        if isinstance(reference_date, str):
            reference_date = date.fromisoformat(reference_date)
        return cls(reference_date, segmenter, str(lexicon) if lexicon else None)

    def load_lexicon(self) -> Lexicon:
        return load_lexicon(self.lexicon_dir)


def extract_text(
    text: str,
    *,
    reference_date: date | str | None = None,
    segmenter: str = DEFAULT_SEGMENTER,
    lexicon: str | Path | None = None,
    path: str = "<text>",
) -> Document:
    """Extract every item from an already decoded page of text."""
    options = Options.make(reference_date, segmenter, lexicon)
    text, replaced = replace_surrogates(text)  # lone surrogates cannot be written as UTF-8
    data = text.encode("utf-8")
    decoded = DecodedText(text, "utf-8", replaced)
    return _build_document(decoded, path, hashlib.sha256(data).hexdigest(), len(data), options)


def extract_file(
    path: str | Path,
    *,
    reference_date: date | str | None = None,
    segmenter: str = DEFAULT_SEGMENTER,
    lexicon: str | Path | None = None,
) -> Document:
    """Read, decode and extract one file."""
    options = Options.make(reference_date, segmenter, lexicon)
    return extract_bytes(Path(path).read_bytes(), str(path), options)


def extract_bytes(data: bytes, path: str, options: Options) -> Document:
    """Extract from the raw bytes of one file (raises :class:`NotTextError`)."""
    decoded = decode_bytes(data)
    return _build_document(decoded, path, hashlib.sha256(data).hexdigest(), len(data), options)


def _build_document(decoded: DecodedText, path: str, sha256: str, size: int, options: Options) -> Document:
    articles = list(iter_articles([decoded.text], options))
    source = Source(
        path=path, sha256=sha256, encoding=decoded.encoding, bytes=size, replaced_chars=decoded.replaced_chars
    )
    return Document(source=source, articles=articles)


def iter_articles(pieces: Iterable[str], options: Options) -> Iterator[Article]:
    """The articles of a text given in pieces, each extracted as soon as it is complete.

    Memory holds one article at a time whatever the size of the text: the
    runner streams big files through here.
    """
    for draft in iter_drafts(pieces, options):
        yield extract_draft(draft, options)


def iter_drafts(pieces: Iterable[str], options: Options) -> Iterator[ArticleDraft]:
    """The first half of :func:`iter_articles`: articles split from the text, not yet extracted."""
    lexicon = options.load_lexicon()
    drafts = iter_article_drafts(iter_paragraphs(pieces), lexicon.words("surnames"), MAX_ARTICLE_CHARS)
    return drafts if options.reference_date else _with_reference_dates(drafts)


def _with_reference_dates(drafts: Iterable[ArticleDraft]) -> Iterator[ArticleDraft]:
    """Drafts with the date each states about itself, or else the one an earlier article of the page stated.

    A web page's publish line, or a newspaper page's dateline, stands in its first article only; the
    articles under it were published that day too. Set here, in page order, so that articles
    extracted on other processes know it.
    """
    from .extract.dates import find_dateline  # the dates module owns what a dateline looks like

    page_date = None
    for draft in drafts:
        stated = call_guarded("dateline", lambda: find_dateline(draft.text), None, draft.warnings)
        if stated is not None:
            draft.reference_date, draft.reference_origin = stated, "article"
            page_date = stated
        elif page_date is not None:
            draft.reference_date, draft.reference_origin = page_date, "page"
        yield draft


def extract_draft(draft: ArticleDraft, options: Options) -> Article:
    """The second half: one article's items. The runner sends drafts of a big file to its workers."""
    return _extract_article(draft, options, options.load_lexicon())


def _extract_article(draft: ArticleDraft, options: Options, lexicon: Lexicon) -> Article:
    text = draft.text
    warnings = list(draft.warnings)
    if options.reference_date is not None:
        reference_date, origin = options.reference_date, "given"
    else:  # found by iter_drafts
        reference_date, origin = draft.reference_date, draft.reference_origin
    segmented = segment_text(text, get_segmenter(options.segmenter, lexicon))
    context = ExtractContext(lexicon=lexicon, reference_date=reference_date, title=draft.title)
    # Each extractor under a time limit: a pathological article costs a warning, not the file.
    found, extractor_warnings = run_guarded({kind: get_extractor(kind) for kind in EXTRACTORS}, segmented, context)
    warnings.extend(extractor_warnings)
    items = link_items(found)
    return Article(
        title=draft.title,
        subtitle=draft.subtitle,
        authors=draft.authors,
        photo_credit=draft.photo_credit,
        captions=draft.captions,
        sections=[Section(title=title, start=start) for title, start in draft.section_offsets()],
        reference_date=reference_date.isoformat() if reference_date else None,
        reference_date_origin=origin,
        text=text,
        warnings=warnings,
        **items,
    )
