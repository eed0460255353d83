"""Read: bytes to text, and newspaper layout to paragraphs.

Two steps, both pure functions:

* :func:`decode_bytes` finds the encoding (BOMs, strict UTF-8, then
  charset-normalizer for GB18030/GBK/Big5/UTF-16 without BOM) and decodes.
* :func:`repair_layout` joins lines that a page layout broke in the middle of
  a sentence or word, and lifts out photo captions that interrupt a sentence.

>>> repair_layout("他说,我们将作为每\\n\\n图为活动现场\\n\\n月主题党日必学内容。").paragraphs
['他说,我们将作为每月主题党日必学内容。']
"""

from __future__ import annotations

import codecs
import html
from dataclasses import dataclass, field

import regex

__all__ = ["DecodedText", "NotTextError", "Page", "decode_bytes", "repair_layout"]


class NotTextError(ValueError):
    """The bytes are not a text file (an image, an archive, a PDF …)."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced_chars: int = 0


@dataclass
class Page:
    """A page after layout repair: body paragraphs in reading order, captions set aside.

    ``caption_after[i]`` lists the captions that stood inside paragraph ``i``.
    """

    paragraphs: list[str]
    caption_after: dict[int, list[str]] = field(default_factory=dict)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of binary formats that users pass by mistake.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"%PDF", b"\x1f\x8b",
    b"BM", b"RIFF", b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0",
)
_DETECT_SAMPLE = 64 * 1024


def decode_bytes(data: bytes) -> DecodedText:
    """Decode ``data``, detecting its encoding.

    >>> decode_bytes("教育".encode("gb18030")).text
    '教育'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding)
    if data[:4].startswith(_BINARY_MAGIC) or data[:8].startswith(_BINARY_MAGIC):
        raise NotTextError("not text")
    utf16 = _guess_utf16_without_bom(data[:_DETECT_SAMPLE])
    if utf16:
        return _decode_with(data, utf16)
    if b"\x00" in data[:_DETECT_SAMPLE]:
        raise NotTextError("not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        # Mostly UTF-8 with a few bad bytes (a truncated download) stays UTF-8.
        if _mostly_utf8(data, error.start):
            return _decode_with(data, "utf-8")
    return _decode_with(data, _detect_legacy(data))


def _decode_with(data: bytes, encoding: str) -> DecodedText:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - _count_literal_replacement(data, encoding)
    if _looks_binary(text):
        raise NotTextError("not text")
    name = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "utf-32": "utf-32"}.get(encoding, encoding)
    return DecodedText(text, name, max(replaced, 0))


def _count_literal_replacement(data: bytes, encoding: str) -> int:
    # U+FFFD written in the file itself is not a decoding failure.
    if encoding.startswith("utf-8"):
        return data.count("\ufffd".encode("utf-8"))
    return 0


def _guess_utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) / 2
    # ASCII-heavy UTF-16 has a zero byte in every other position.
    if odd_zeros > 0.3 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.3 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    # Chinese UTF-16 has few zeros: accept it only when it decodes to mostly CJK.
    for encoding in ("utf-16-le", "utf-16-be"):
        even = len(sample) - len(sample) % 2
        try:
            text = sample[:even].decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and _cjk_share(text) > 0.6 and b"\x00" in sample:
            return encoding
    return None


def _cjk_share(text: str) -> float:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    return cjk / max(len(text), 1)


def _mostly_utf8(data: bytes, first_error: int) -> bool:
    sample = data[:_DETECT_SAMPLE]
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    return first_error > 0 and bad <= max(2, len(decoded) // 200)


def _detect_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes  # imported lazily: it costs start-up time

    sample = data[: _DETECT_SAMPLE * 4]
    best = from_bytes(
        sample, cp_isolation=["gb18030", "big5", "utf_16", "utf_8", "cp1252"], preemptive_behaviour=False
    ).best()
    if best is None:
        raise NotTextError("not text")
    encoding = best.encoding.replace("_", "-")
    # GBK and GB2312 are subsets of GB18030: decode with the superset.
    if encoding in {"gbk", "gb2312", "cp936", "hz"}:
        encoding = "gb18030"
    if encoding in {"big5hkscs", "cp950"}:
        encoding = "big5"
    return encoding


def _looks_binary(text: str) -> bool:
    sample = text[:_DETECT_SAMPLE]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v")
    return controls > len(sample) * 0.02


# --- layout repair ---------------------------------------------------------

_SENTENCE_END = "。！？!?；;…"
_CLOSERS = "”’」』)）》"
_MID_SENTENCE_END = ",，、：:（(“‘《"
_CONTINUATION_MIN_CHARS = 34
_CAPTION_MAX_CHARS = 40
_HTML_HINT = regex.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])", regex.I)
_TAG = regex.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]{0,2000}>", regex.S | regex.I)
_BLOCK_TAG = regex.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|title)\b[^>]{0,2000}>", regex.I)
# "…架起了服务群众的“连心桥”。 陈钰桦": a byline after the last sentence.
_TRAILING_BYLINE = regex.compile(r"[。！？!?”]\s+\p{Han}{2,4}(?:\s+\p{Han}{2,4}){0,4}$")
_HEADLINE_GAP = regex.compile(r"\S[ \u3000]+\S")
_INNER_PUNCT = regex.compile(r"[,，。；;：:！？!?]")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a form feed or U+2028/2029 ends a line too."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_SEPARATORS)


_LINE_SEPARATORS = str.maketrans({"\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})


def strip_html(text: str) -> str:
    """Text of an HTML page saved by mistake: block tags become line breaks."""
    text = _BLOCK_TAG.sub("\n", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.match(text[:2000]))


def repair_layout(text: str) -> Page:
    """Join lines broken by the page layout and set aside interrupting captions."""
    if looks_like_html(text):
        text = strip_html(text)
    lines = [line.strip(" \t\u3000\ufeff") for line in normalize_newlines(text).split("\n")]
    lines = [line for line in lines if line]
    paragraphs: list[str] = []
    captions: dict[int, list[str]] = {}
    index = 0
    while index < len(lines):
        current = lines[index]
        index += 1
        while index < len(lines) and _continues(current):
            nxt = lines[index]
            after = lines[index + 1] if index + 1 < len(lines) else None
            if after is not None and _is_caption(nxt) and not _is_caption(after) and _can_start_continuation(after):
                captions.setdefault(len(paragraphs), []).append(nxt)
                index += 1
                continue
            if not _can_start_continuation(nxt):
                break
            current = current + nxt
            index += 1
        paragraphs.append(current)
    return Page(paragraphs, captions)


def _continues(line: str) -> bool:
    """Does this line stop in the middle of a sentence?"""
    if _TRAILING_BYLINE.search(line) or _is_headline_like(line):
        return False
    last = line[-1]
    if last in _SENTENCE_END:
        return False
    if last in _CLOSERS:
        # A closing quote after a full stop ends the sentence; otherwise the text goes on.
        return len(line) >= _CONTINUATION_MIN_CHARS and line[-2:-1] not in tuple(_SENTENCE_END)
    if last in _MID_SENTENCE_END:
        return True
    if _unbalanced_quote(line):
        return True
    # Headings and bylines are short and have no inner punctuation.
    return len(line) >= _CONTINUATION_MIN_CHARS or bool(_INNER_PUNCT.search(line))


def _unbalanced_quote(line: str) -> bool:
    return line.count("“") > line.count("”") or line.count("《") > line.count("》")


def _is_caption(line: str) -> bool:
    return len(line) <= _CAPTION_MAX_CHARS and not _INNER_PUNCT.search(line) and line[-1] not in _SENTENCE_END


def _can_start_continuation(line: str) -> bool:
    # A list bullet, a sidebar marker or a headline never continues the previous sentence.
    if line.startswith(("◎", "●", "■", "▲", "◆", "★", "☆", "□", "·", "•", "—", "链接")):
        return False
    return not _is_headline_like(line)


def _is_headline_like(line: str) -> bool:
    """Two or more space-separated parts and no sentence punctuation: a headline."""
    return bool(_HEADLINE_GAP.search(line)) and not _INNER_PUNCT.search(line) and line[-1] not in _SENTENCE_END
