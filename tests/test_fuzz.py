"""Fuzz: arbitrary Unicode, arbitrary bytes and mutated real articles never break the reader or extract_text.

For every input: no exception escapes (a file that is not text raises
NotTextError, nothing else), every item's offsets slice its article's text,
and the document survives a JSON round trip through the schema models.

Example counts are modest so that CI stays fast; for a deeper run:

    EXTRACTOR_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

(the count applies to each test; the cheap reading tests run ten times as many).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from extractor import extract_text
from extractor.models import ITEM_KINDS, Document
from extractor.pipeline import Options, extract_bytes
from extractor.reading import NotTextError, decode_bytes, iter_paragraphs, iter_text, repair_layout, scan_stream
from extractor.writer import article_jsonl, document_json

EXAMPLES = int(os.environ.get("EXTRACTOR_FUZZ_EXAMPLES", "40"))
EXTRACTION = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
READING = settings(max_examples=EXAMPLES * 10, deadline=None, suppress_health_check=list(HealthCheck))

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
REAL_PAGES = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]

# Text that looks like the genre: Chinese, both widths of punctuation and digits, line breaks, quotes, markup.
GENRE_PIECES = st.sampled_from(
    list("万盛经开区教育学校党建品牌年月日所个人名项亿万元第一二三十百千两零〇")
    + list("，。、；：？！“”《》（）——…,.;:?!\"'()<>/&#")
    + list("0123456789０１２３４５６７８９%％")
    + ["\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\t", "\ufeff", "\ufffd", "\x00", "\u2028"]
)
ANY_TEXT = st.one_of(st.text(), st.lists(GENRE_PIECES, max_size=400).map("".join))


def _check_document(document: Document) -> None:
    """The invariants every document must keep, whatever the input."""
    for article in document.articles:
        for kind in ITEM_KINDS:
            for item in getattr(article, kind):
                assert article.text[item.start : item.end] == item.text
                for mention in getattr(item, "mentions", ()):
                    assert 0 <= mention.start <= mention.end <= len(article.text)
        assert not any(w.startswith(tuple(f"{kind}: internal error" for kind in ITEM_KINDS)) for w in article.warnings), (
            article.warnings
        )
    assert Document.model_validate_json(document_json(document)) == document
    for line in article_jsonl(document).splitlines():
        assert line.startswith(b'{"schema_version"')


@EXTRACTION
@given(ANY_TEXT)
def test_extract_text_takes_any_unicode(text):
    _check_document(extract_text(text))


@EXTRACTION
@given(st.binary(max_size=2000))
def test_extract_bytes_takes_any_bytes(data):
    try:
        document = extract_bytes(data, "fuzz.txt", Options())
    except NotTextError:
        return
    assert document.source.bytes == len(data) and document.source.replaced_chars >= 0
    _check_document(document)


@st.composite
def mutated_page(draw) -> str:
    """A real page, changed the ways scraping and PDF export change pages."""
    text = draw(st.sampled_from(REAL_PAGES))
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 400)))
        mutation = draw(st.sampled_from(["delete", "duplicate", "insert", "line-break", "swap-widths", "markup"]))
        if mutation == "delete":
            text = text[:start] + text[end:]
        elif mutation == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        elif mutation == "insert":
            text = text[:start] + draw(ANY_TEXT) + text[start:]
        elif mutation == "line-break":
            text = text[:start] + draw(st.sampled_from(["\n", "\r\n", "\n\n图为活动现场\n\n", "\r"])) + text[start:]
        elif mutation == "swap-widths":
            text = text[:start] + text[start:end].translate(_WIDTHS) + text[end:]
        else:
            text = text[:start] + draw(st.sampled_from(["<p>", "</div>", "<script>x()", "&amp;", "<!--"])) + text[start:]
    return text


_WIDTHS = str.maketrans("，。：；！？0123456789,.:;!?", ",.:;!?０１２３４５６７８９，。：；！？")


@pytest.mark.skipif(not REAL_PAGES, reason="no real pages in data/raw")
@EXTRACTION
@given(mutated_page())
def test_extract_text_takes_mutated_real_pages(text):
    _check_document(extract_text(text))


@pytest.mark.skipif(not REAL_PAGES, reason="no real pages in data/raw")
@EXTRACTION
@given(mutated_page(), st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]), st.data())
def test_extract_bytes_takes_mutated_encoded_pages_with_flipped_bytes(text, encoding, data):
    raw = bytearray(text.encode(encoding, errors="replace"))
    for _ in range(data.draw(st.integers(0, 5))):
        if raw:
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    try:
        document = extract_bytes(bytes(raw), "page.txt", Options())
    except NotTextError:
        return
    _check_document(document)


# --- the reader alone: cheap, so many more examples ------------------------------------


@READING
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused_as_not_text(data):
    try:
        decoded = decode_bytes(data)
    except NotTextError:
        return
    decoded.text.encode("utf-8")  # no lone surrogate: the text can always be written out
    assert decoded.replaced_chars >= 0


@READING
@given(st.binary(max_size=3000), st.integers(1, 64))
def test_streamed_decoding_equals_whole_decoding_for_any_bytes(monkeypatch_chunk, data, chunk):
    try:
        whole = decode_bytes(data)
    except NotTextError:
        with pytest.raises(NotTextError):
            scan_stream(io.BytesIO(data))
        return
    with monkeypatch_chunk(chunk):
        scanned = scan_stream(io.BytesIO(data))
        streamed = "".join(iter_text(io.BytesIO(data), scanned))
    assert (streamed, scanned.encoding, scanned.replaced_chars) == (whole.text, whole.encoding, whole.replaced_chars)


@pytest.fixture(scope="module")
def monkeypatch_chunk():
    """Set reading.READ_CHUNK_BYTES for a block (hypothesis cannot take function-scoped fixtures)."""
    from contextlib import contextmanager

    from extractor import reading

    @contextmanager
    def chunk_size(size: int):
        saved = reading.READ_CHUNK_BYTES
        reading.READ_CHUNK_BYTES = size
        try:
            yield
        finally:
            reading.READ_CHUNK_BYTES = saved

    return chunk_size


@READING
@given(ANY_TEXT, st.lists(st.integers(0, 400), max_size=8))
def test_paragraphs_do_not_depend_on_where_the_text_is_cut(text, cuts):
    bounds = sorted({min(cut, len(text)) for cut in cuts} | {0, len(text)})
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    page = repair_layout(text)
    streamed = list(iter_paragraphs(pieces))
    assert [p for p, _ in streamed] == page.paragraphs
    assert all(paragraph and "\n" not in paragraph and "\r" not in paragraph for paragraph in page.paragraphs)


@READING
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_layout_repair_keeps_every_visible_character_of_plain_text(text):
    assume("<" not in text and "&" not in text)  # HTML is stripped on purpose
    kept = "".join(repair_layout(text).paragraphs) + "".join(
        "".join(captions) for captions in repair_layout(text).caption_after.values()
    )
    visible = [ch for ch in text if not ch.isspace() and ch != "\ufeff"]
    assert sorted(ch for ch in kept if not ch.isspace() and ch != "\ufeff") == sorted(visible)
