"""Read: bytes to text, and newspaper layout to paragraphs, in bounded memory.

Three steps, each usable on a whole text or on a stream of pieces:

* :func:`sniff_encoding` decides the encoding from a file's first
  :data:`SNIFF_BYTES` (BOMs, strict UTF-8, then charset-normalizer for
  GB18030/GBK/Big5/UTF-16 without BOM) and refuses what is not text.
  :func:`decode_bytes` decodes a whole file held in memory;
  :func:`scan_stream` and :func:`iter_text` decode a file of any size in
  pieces. Both use the same decision, so a file gives the same text either way.
* :func:`iter_paragraphs` turns pieces of text into paragraphs: line breaks
  normalized, an HTML page saved by mistake stripped of its tags, lines that
  a page layout broke in the middle of a sentence joined, photo captions that
  interrupt a sentence lifted out. It holds one paragraph at a time.
* :func:`repair_layout` is the same for a whole text, as a :class:`Page`.

No unit of text grows without bound: a line longer than
:data:`MAX_LINE_CHARS` is cut (after a sentence end when there is one), and a
paragraph stops growing at :data:`MAX_PARAGRAPH_CHARS`, so a 50 MB file
without a line break costs no more per piece than an ordinary page.

>>> repair_layout("他说,我们将作为每\\n\\n图为活动现场\\n\\n月主题党日必学内容。").paragraphs
['他说,我们将作为每月主题党日必学内容。']
"""

from __future__ import annotations

import codecs
import hashlib
import html
from collections import deque
from dataclasses import dataclass, field
from typing import BinaryIO, Iterable, Iterator

import regex

__all__ = [
    "DecodedText", "InputError", "MAX_ARTICLE_CHARS", "MAX_LINE_CHARS", "MAX_PARAGRAPH_CHARS", "NotTextError",
    "Page", "ScannedFile", "decode_bytes", "iter_paragraphs", "iter_text", "read_chunk", "repair_layout",
    "replace_surrogates", "scan_stream", "sniff_encoding",
]

# How many bytes decide the encoding; a file no longer than this is judged whole.
SNIFF_BYTES = 256 * 1024
# Bytes read at a time when a file is streamed.
READ_CHUNK_BYTES = 1 << 20
# Limits that keep every later stage linear: real lines and paragraphs are a few thousand characters.
MAX_LINE_CHARS = 100_000
MAX_PARAGRAPH_CHARS = 100_000
# An article longer than this is cut into parts (see extractor.articles.iter_article_drafts).
MAX_ARTICLE_CHARS = 200_000


class InputError(Exception):
    """An input that cannot become text; the message is the one-line reason."""


class NotTextError(InputError, ValueError):
    """The bytes are not a text file (an image, an archive, a PDF …)."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced_chars: int = 0


@dataclass(frozen=True)
class ScannedFile:
    """What one pass over a file learns before its text is used."""

    encoding: str
    sha256: str
    bytes: int
    replaced_chars: int


@dataclass
class Page:
    """A page after layout repair: body paragraphs in reading order, captions set aside.

    ``caption_after[i]`` lists the captions that stood inside paragraph ``i``.
    """

    paragraphs: list[str]
    caption_after: dict[int, list[str]] = field(default_factory=dict)


# --- encodings -----------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of binary formats that users pass by mistake: images, archives (and Office files), PDF, programs.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"%PDF", b"\x1f\x8b",
    b"BM", b"RIFF", b"\x7fELF", b"Rar!", b"7z\xbc\xaf", b"\xd0\xcf\x11\xe0",
)
NOT_TEXT = "not text"
_DETECT_SAMPLE = 64 * 1024
# What a literal U+FFFD written in the file looks like: it is text, not a decoding failure.
_LITERAL_REPLACEMENT = {"utf-8": b"\xef\xbf\xbd", "utf-8-sig": b"\xef\xbf\xbd", "gb18030": b"\x841\xa47"}


def sniff_encoding(head: bytes, complete: bool) -> str:
    """The codec name for a file that starts with ``head`` (all of it when ``complete``).

    Raises :class:`NotTextError` for a binary file.

    >>> sniff_encoding("国家级教学成果二等奖".encode("gb18030"), complete=True)
    'gb18030'
    """
    head = head[:SNIFF_BYTES]
    encoding = _sniff(head, complete)
    if _looks_binary(head.decode(encoding, errors="replace")):
        raise NotTextError(NOT_TEXT)
    return encoding


def _sniff(head: bytes, complete: bool) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if head.startswith(_BINARY_MAGIC):
        raise NotTextError(NOT_TEXT)
    utf16 = _guess_utf16_without_bom(head[:_DETECT_SAMPLE])
    if utf16:
        return utf16
    if b"\x00" in head[:_DETECT_SAMPLE]:
        raise NotTextError(NOT_TEXT)
    try:
        # Incremental, so that a character cut at the end of the head is not an error.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return "utf-8"
    except UnicodeDecodeError as error:
        # Mostly UTF-8 with a few bad bytes (a truncated download) stays UTF-8.
        if _mostly_utf8(head, error.start):
            return "utf-8"
    if not complete and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # no multi-byte character cut in half for the detector
    return _detect_legacy(head) or _least_damaged(head)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode a whole file, detecting its encoding.

    >>> decode_bytes("教育".encode("gb18030")).text
    '教育'
    """
    encoding = sniff_encoding(data[:SNIFF_BYTES], len(data) <= SNIFF_BYTES)
    text = data.decode(encoding, errors="replace")
    literal = _LITERAL_REPLACEMENT.get(encoding)
    replaced = text.count("\ufffd") - (data.count(literal) if literal else 0)
    return DecodedText(text, encoding, max(replaced, 0))


class _CountingDecoder:
    """An incremental decoder that counts the bytes it had to replace by U+FFFD."""

    def __init__(self, encoding: str) -> None:
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._literal = _LITERAL_REPLACEMENT.get(encoding, b"")
        self._tail = b""  # the last bytes of the previous piece: a literal U+FFFD may straddle two pieces
        self.replaced_chars = 0

    def decode(self, data: bytes, final: bool = False) -> str:
        text = self._decoder.decode(data, final)
        replaced = text.count("\ufffd")
        if replaced and self._literal:
            replaced -= (self._tail + data).count(self._literal)
        if self._literal:
            self._tail = (self._tail + data)[-(len(self._literal) - 1):]
        self.replaced_chars += max(replaced, 0)
        return text


def scan_stream(stream: BinaryIO) -> ScannedFile:
    """Read a stream once: its encoding, SHA-256, size and replaced characters.

    Memory stays at one chunk whatever the size. Raises :class:`NotTextError`.
    """
    digest = hashlib.sha256()
    head = read_chunk(stream, SNIFF_BYTES)
    first = read_chunk(stream, READ_CHUNK_BYTES)
    encoding = sniff_encoding(head, complete=not first)
    decoder = _CountingDecoder(encoding)
    size = 0
    chunk = head
    while chunk:
        digest.update(chunk)
        size += len(chunk)
        decoder.decode(chunk)
        chunk, first = first, (read_chunk(stream, READ_CHUNK_BYTES) if first else b"")
    decoder.decode(b"", final=True)
    return ScannedFile(encoding, digest.hexdigest(), size, decoder.replaced_chars)


def iter_text(stream: BinaryIO, scanned: ScannedFile) -> Iterator[str]:
    """The decoded text of a stream, a piece at a time; the stream must hold what was scanned.

    Raises :class:`InputError` when the bytes changed since :func:`scan_stream`
    (a file rewritten during the run), after the last piece.
    """
    digest = hashlib.sha256()
    decoder = _CountingDecoder(scanned.encoding)
    size = 0
    while chunk := read_chunk(stream, READ_CHUNK_BYTES):
        digest.update(chunk)
        size += len(chunk)
        yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)
    if size != scanned.bytes or digest.hexdigest() != scanned.sha256:
        raise InputError("the file changed while it was being read")


def read_chunk(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, fewer only at the end; a read error is an :class:`InputError`."""
    try:
        data = stream.read(size)
        if not data or len(data) == size:
            return data
        # read() on a pipe may return less than asked before the end: fill the chunk.
        parts = [data]
        got = len(data)
        while got < size and (more := stream.read(size - got)):
            parts.append(more)
            got += len(more)
        return b"".join(parts)
    except OSError as error:  # a disk error, a file on a network share that went away
        raise InputError(f"cannot read: {error.strerror or error}") from error


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (which no UTF-8 file can hold) replaced by U+FFFD, and their count."""
    if not _SURROGATE.search(text):
        return text, 0
    cleaned, count = _SURROGATE.subn("\ufffd", text)
    return cleaned, count


_SURROGATE = regex.compile(r"[\ud800-\udfff]")


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
    # Chinese UTF-16 has few zeros, but some: without any, it is not UTF-16 (the common UTF-8 case stops here).
    if b"\x00" not in sample:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        even = len(sample) - len(sample) % 2
        try:
            text = sample[:even].decode(encoding)
        except UnicodeDecodeError:
            continue
        if text and _cjk_share(text) > 0.6:
            return encoding
    return None


_CJK = regex.compile(r"[\u4e00-\u9fff\u3000-\u303f]")


def _cjk_share(text: str) -> float:
    return len(_CJK.findall(text)) / max(len(text), 1)


def _mostly_utf8(data: bytes, first_error: int) -> bool:
    decoded = data[:_DETECT_SAMPLE].decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    return first_error > 0 and bad <= max(2, len(decoded) // 200)


def _detect_legacy(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported lazily: it costs start-up time

    candidates = ["gb18030", "big5", "utf_16", "utf_8", "cp1252"]
    matches = from_bytes(data, cp_isolation=candidates, preemptive_behaviour=False)
    best = matches.best()
    if best is None:
        return None
    # A few characters can read as GB18030 and as Big5 alike: the genre is mainland news, so GB wins a tie.
    tied = {match.encoding for match in matches if match.chaos == best.chaos}
    encoding = "gb18030" if "gb18030" in tied else best.encoding.replace("_", "-")
    # GBK and GB2312 are subsets of GB18030: decode with the superset.
    if encoding in {"gbk", "gb2312", "cp936", "hz"}:
        encoding = "gb18030"
    if encoding in {"big5hkscs", "cp950"}:
        encoding = "big5"
    return encoding


def _least_damaged(data: bytes) -> str:
    """The encoding that has to replace the fewest bytes, when that is few: damaged text is still text.

    The detector refuses a file with a single bad byte; this takes it back.
    """
    damage = {encoding: data.decode(encoding, errors="replace").count("\ufffd") for encoding in _DAMAGED_CANDIDATES}
    encoding = min(damage, key=damage.__getitem__)  # the first of equals wins: the order is a preference
    if damage[encoding] > _MAX_DAMAGE * len(data.decode(encoding, errors="replace")):
        raise NotTextError(NOT_TEXT)
    return encoding


_DAMAGED_CANDIDATES = ("utf-8", "gb18030", "big5")
_MAX_DAMAGE = 0.05  # a text with more than 5 % of its characters undecodable is taken for binary data


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f]")


def _looks_binary(text: str) -> bool:
    sample = text[:_DETECT_SAMPLE]
    return len(_CONTROL.findall(sample)) > len(sample) * 0.02


# --- lines ---------------------------------------------------------------------

_HTML_HINT = regex.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])", regex.I)
_HTML_HINT_CHARS = 2000
_LINE_BREAK = regex.compile(r"\r\n?|[\f\v\u2028\u2029\x85]")
_LINE_STRIP = " \t\u3000\ufeff"
_CUT_AFTER = "。！？!?；;"


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a form feed or U+2028/2029 ends a line too."""
    return _LINE_BREAK.sub("\n", text)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.match(text[:_HTML_HINT_CHARS]))


def strip_html(text: str) -> str:
    """Text of an HTML page saved by mistake: tags, scripts, styles and comments go, block tags end lines.

    >>> strip_html("<p>教育&amp;科研</p><script>x()</script>")
    '\\n教育&科研\\n'
    """
    stripper = _HtmlStripper()
    return html.unescape(stripper.feed(text) + stripper.close())


class _HtmlStripper:
    """Removes markup from HTML given in pieces, in one linear pass.

    Entities are left for the caller to unescape line by line, so that an
    entity cut between two pieces is never half decoded.
    """

    _MAX_TAG_CHARS = 2000  # a "<" without ">" this far is text, not a tag
    _TAG_START = regex.compile(r"<[A-Za-z/!?]")  # as in HTML: "a < b" holds no tag
    _RAW_TEXT = regex.compile(r"<(script|style)\b", regex.I)
    _BLOCK_TAG = regex.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|title)\b", regex.I)
    _ENDS = {
        "comment": regex.compile(r"-->"),
        "script": regex.compile(r"</script[^>]{0,100}>", regex.I),
        "style": regex.compile(r"</style[^>]{0,100}>", regex.I),
    }
    _LONGEST_END = 120

    def __init__(self) -> None:
        self._carry = ""
        self._inside: str | None = None  # "comment", "script" or "style": skipped up to its end

    def feed(self, piece: str, final: bool = False) -> str:
        text = self._carry + piece
        self._carry = ""
        out: list[str] = []
        position = 0
        while position < len(text):
            if self._inside:
                end = self._ENDS[self._inside].search(text, position)
                if end is None:
                    # Keep just enough to see the end when it is cut between two pieces.
                    if not final:
                        self._carry = text[max(position, len(text) - self._LONGEST_END) :]
                    break
                position, self._inside = end.end(), None
                continue
            opening = text.find("<", position)
            if opening < 0:
                out.append(text[position:])
                break
            out.append(text[position:opening])
            if text.startswith("<!--", opening):
                self._inside, position = "comment", opening + 4
                continue
            if opening + 1 == len(text) and not final:
                self._carry = text[opening:]  # the next piece tells whether a tag starts here
                break
            closing = text.find(">", opening, opening + self._MAX_TAG_CHARS + 1)
            unclosed = closing < 0 and (final or len(text) - opening > self._MAX_TAG_CHARS)
            if unclosed or not self._TAG_START.match(text, opening):
                out.append("<")
                position = opening + 1
                continue
            if closing < 0:  # the tag may end in the next piece
                self._carry = text[opening:]
                break
            tag = text[opening : closing + 1]
            raw = self._RAW_TEXT.match(tag)
            if raw and not tag.endswith("/>"):
                self._inside = raw.group(1).lower()
            elif self._BLOCK_TAG.match(tag):
                out.append("\n")
            position = closing + 1
        return "".join(out)

    def close(self) -> str:
        return self.feed("", final=True)


def _iter_lines(pieces: Iterable[str]) -> Iterator[str]:
    """Non-empty lines, stripped, no longer than :data:`MAX_LINE_CHARS`, from pieces of text."""
    pieces = iter(pieces)
    head = ""
    for piece in pieces:  # enough of the start to tell an HTML page
        head += piece
        if len(head) >= _HTML_HINT_CHARS:
            break
    is_html = looks_like_html(head)
    stripper = _HtmlStripper() if is_html else None
    carry: list[str] = []  # the line being read, in parts
    carry_chars = 0
    for piece in _chain_with_end(head, pieces):
        if piece is None:
            if stripper is None:
                break
            piece = stripper.close()
        elif stripper is not None:
            piece = stripper.feed(piece)
        piece = normalize_newlines(piece)
        if "\n" not in piece:
            carry.append(piece)
            carry_chars += len(piece)
        else:
            first, *middle, last = piece.split("\n")
            carry.append(first)
            yield from _finish_line("".join(carry), is_html)
            for line in middle:
                yield from _finish_line(line, is_html)
            carry, carry_chars = [last], len(last)
        if carry_chars > MAX_LINE_CHARS:
            line = "".join(carry)
            while len(line) > MAX_LINE_CHARS:
                cut = _cut_point(line)
                yield from _finish_line(line[:cut], is_html)
                line = line[cut:]
            carry, carry_chars = [line], len(line)
    yield from _finish_line("".join(carry), is_html)


def _chain_with_end(head: str, pieces: Iterator[str]) -> Iterator[str | None]:
    yield head
    yield from pieces
    yield None  # the end: lets the HTML stripper flush what it holds


def _finish_line(line: str, is_html: bool) -> Iterator[str]:
    if len(line) > MAX_LINE_CHARS:  # a whole text given in one piece: its long lines are cut here
        while len(line) > MAX_LINE_CHARS:
            cut = _cut_point(line)
            yield from _finish_line(line[:cut], is_html)
            line = line[cut:]
    if is_html and "&" in line:
        line = html.unescape(line)
        if "\n" in normalize_newlines(line):  # an encoded line break (&#10;)
            for part in normalize_newlines(line).split("\n"):
                yield from _finish_line(part, False)
            return
    line = line.strip(_LINE_STRIP)
    if line:
        yield line


def _cut_point(line: str) -> int:
    """Where to cut an over-long line: after the last sentence end in its first window, or at the limit."""
    window = line[:MAX_LINE_CHARS]
    best = max(window.rfind(mark) for mark in _CUT_AFTER)
    return best + 1 if best >= MAX_LINE_CHARS // 2 else MAX_LINE_CHARS


# --- layout repair -------------------------------------------------------------

_SENTENCE_END = "。！？!?；;…"
_CLOSERS = "”’」』)）》"
_MID_SENTENCE_END = ",，、：:（(“‘《"
_CONTINUATION_MIN_CHARS = 34
_CAPTION_MAX_CHARS = 40
# "…架起了服务群众的“连心桥”。 陈钰桦": a byline after the last sentence.
_TRAILING_BYLINE = regex.compile(r"[。！？!?”]\s+\p{Han}{2,4}(?:\s+\p{Han}{2,4}){0,4}$")
_BYLINE_TAIL_CHARS = 120  # a trailing byline is short: only the end of a paragraph is searched
_HEADLINE_GAP = regex.compile(r"\S[ \u3000]+\S")
_INNER_PUNCT = regex.compile(r"[,，。；;：:！？!?]")
# A web page's own publish line (发布日期:2024-07-09 来源:…): metadata, never continued.
META_LINE = regex.compile(r"^(?:发布日期|发布时间|发稿时间|日期|时间|来源|信息来源|作者|编辑|浏览次数|点击数)\s*[:：]")
# A photo caption, whatever its length or punctuation: led by 图为/图：/◎…, or closed by the photographer's
# credit ("◎游客在滑雪场体验滑雪。 记者 赵明阳 摄", "图为…测量血压。(记者 韦丽萍 摄)"). A ◎ line with no
# credit is more often a list bullet, so the mark alone does not make a caption.
_PHOTO_CAPTION = regex.compile(
    r"^(?:图为|(?:上|下|左|右|组)?图[:：]|图片说明[:：]).{4,}"
    r"|^.{4,}?(?:[(（](?:本报)?(?:记者|通讯员|特约摄影|摄影)?[ \u3000]*\p{Han}{2,4}(?:[ \u3000、]+\p{Han}{2,4})*[ \u3000]*摄(?:影)?[)）]"
    r"|[ \u3000]+(?:本报记者|记者|通讯员)?[ \u3000]*\p{Han}{2,4}(?:[ \u3000、]+\p{Han}{2,4})*[ \u3000]*摄(?:影)?)$"
)
_PHOTO_CAPTION_MAX_CHARS = 150
# A web page's furniture: its breadcrumb trail ("当前位置:首页 > 政务公开 > 部门动态", "首页 » 新闻") and lines
# of bracketed buttons ("【打印本页】 【关闭窗口】").
PAGE_FURNITURE = regex.compile(r"^(?:当前位置[:：]\s*)?(?:首页|主页|网站首页)\s*[>»›/]|^(?:【[^】]{1,12}】[\s\u3000]*)+$")
# A numbered section heading: "一、守护蔚蓝海湾,海洋生态持续向好", "(二)强化…", "3. 完善…".
_NUMBERED = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d))")
# A sidebar's heading line ("链接:", "相关链接", "链接:…主要数据(2022—2024年)"): it opens what follows.
SIDEBAR_LINE = regex.compile(r"^(?:相关)?(?:链接|延伸阅读|背景资料|小贴士|相关新闻)(?:[》>:：]+.{0,40}|[》>:：]*)$")


def is_photo_caption(line: str) -> bool:
    """A photo caption by its marks, wherever it stands.

    >>> is_photo_caption("◎游客在滑雪场体验滑雪乐趣。 记者 赵明阳 摄"), is_photo_caption("◎获省级奖项3项;")
    (True, False)
    """
    # Most lines neither start nor end like a caption: two string tests spare them the pattern.
    return (
        len(line) <= _PHOTO_CAPTION_MAX_CHARS
        and (line.startswith(_CAPTION_STARTS) or line.endswith(_CAPTION_ENDS))
        and bool(_PHOTO_CAPTION.match(line))
    )


_CAPTION_STARTS = ("图为", "图:", "图：", "上图", "下图", "左图", "右图", "组图", "图片说明")
_CAPTION_ENDS = ("摄", "摄)", "摄）", "摄影", "摄影)", "摄影）")
_SUBTITLE_DASHES = ("——", "--", "──")  # a subtitle line stands alone
_NOT_CONTINUATION = ("◎", "●", "■", "▲", "◆", "★", "☆", "□", "·", "•", "—", "链接")


def repair_layout(text: str) -> Page:
    """Join lines broken by the page layout and set aside interrupting captions."""
    page = Page([])
    for paragraph, captions in iter_paragraphs([text]):
        if captions:
            page.caption_after[len(page.paragraphs)] = captions
        page.paragraphs.append(paragraph)
    return page


def iter_paragraphs(pieces: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """``(paragraph, captions that stood inside it)`` from a text given in pieces of any size.

    How the text is cut into pieces changes nothing in the result.

    >>> list(iter_paragraphs(["标题\\n\\n他说,我们", "将作为每\\n月主题党日必学内容。"]))
    [('标题', []), ('他说,我们将作为每月主题党日必学内容。', [])]
    """
    lines = _Lookahead(_iter_lines(pieces))
    while lines:
        paragraph = _Paragraph(lines.pop())
        captions: list[str] = []
        while lines and paragraph.continues():
            following, after = lines.peek(0), lines.peek(1)
            if (
                after is not None
                and _is_caption(following)
                and _caption_is_followed_by_text(after)
                # A plain line as wide as the one before it is the column's next line, not a caption.
                and (is_photo_caption(following) or len(following) != paragraph.last_line_length)
            ):
                captions.append(lines.pop())
                continue
            if not _can_start_continuation(following) or paragraph.length + len(following) > MAX_PARAGRAPH_CHARS:
                break
            paragraph.add(lines.pop())
        yield paragraph.text(), captions


class _Lookahead:
    """An iterator that can look two items ahead."""

    def __init__(self, items: Iterator[str]) -> None:
        self._items = items
        self._ahead: deque[str] = deque()

    def _fill(self, count: int) -> None:
        while len(self._ahead) < count:
            item = next(self._items, None)
            if item is None:
                return
            self._ahead.append(item)

    def __bool__(self) -> bool:
        self._fill(1)
        return bool(self._ahead)

    def peek(self, index: int) -> str | None:
        self._fill(index + 1)
        return self._ahead[index] if index < len(self._ahead) else None

    def pop(self) -> str:
        self._fill(1)
        return self._ahead.popleft()


class _Paragraph:
    """A paragraph being joined from lines, with what :meth:`continues` needs kept up to date.

    Every test looks at the added line or at the end of the paragraph, never
    at the whole of it again, so joining many lines stays linear.
    """

    def __init__(self, line: str) -> None:
        # A publish line, a subtitle, a sidebar's heading, page furniture or a caption stands alone.
        self._stands_alone = bool(
            META_LINE.match(line)
            or line.startswith(_SUBTITLE_DASHES)
            or SIDEBAR_LINE.match(line)
            or PAGE_FURNITURE.match(line)
            or is_photo_caption(line)
            # A short numbered line with no sentence end is a section heading, not a wrapped line.
            or (len(line) < _CONTINUATION_MIN_CHARS and _NUMBERED.match(line) and line[-1] not in _SENTENCE_END + "，,、：:")
        )
        self._lines = [line]
        self.length = len(line)
        self._tail = line[-_BYLINE_TAIL_CHARS:]
        self._has_gap = bool(_HEADLINE_GAP.search(line))
        self._has_inner_punct = bool(_INNER_PUNCT.search(line))
        self._has_comma = "," in line or "，" in line
        self._open_quotes = line.count("“") - line.count("”")
        self._open_titles = line.count("《") - line.count("》")

    def add(self, line: str) -> None:
        # Lines are stripped, so no gap of spaces can form where two of them meet.
        self._lines.append(line)
        self.length += len(line)
        self._tail = (self._tail + line)[-_BYLINE_TAIL_CHARS:]
        self._has_gap = self._has_gap or bool(_HEADLINE_GAP.search(line))
        self._has_inner_punct = self._has_inner_punct or bool(_INNER_PUNCT.search(line))
        self._has_comma = self._has_comma or "," in line or "，" in line
        self._open_quotes += line.count("“") - line.count("”")
        self._open_titles += line.count("《") - line.count("》")

    def text(self) -> str:
        return "".join(self._lines)

    @property
    def last_line_length(self) -> int:
        return len(self._lines[-1])

    def continues(self) -> bool:
        """Does the paragraph stop in the middle of a sentence?"""
        tail = self._tail
        last = tail[-1]
        headline_like = self._has_gap and not self._has_inner_punct and last not in _SENTENCE_END
        if self._stands_alone or headline_like or _TRAILING_BYLINE.search(tail):
            return False
        if last in _SENTENCE_END:
            return False
        if last in _CLOSERS:
            # A closing quote after a full stop ends the sentence; otherwise the text goes on, in a long
            # line or one a comma shows to be a sentence ("…12月28日上午,2024年全市“就业援助月”").
            long_or_sentence = self.length >= _CONTINUATION_MIN_CHARS or self._has_comma
            return long_or_sentence and tail[-2:-1] not in tuple(_SENTENCE_END)
        if last in _MID_SENTENCE_END:
            return True
        if self._open_quotes > 0 or self._open_titles > 0:
            return True
        # Headings and bylines are short and have no inner punctuation.
        return self.length >= _CONTINUATION_MIN_CHARS or self._has_inner_punct


def _is_caption(line: str) -> bool:
    if is_photo_caption(line):
        return True
    return len(line) <= _CAPTION_MAX_CHARS and not _INNER_PUNCT.search(line) and line[-1] not in _SENTENCE_END


def _caption_is_followed_by_text(after: str) -> bool:
    return not _is_caption(after) and _can_start_continuation(after)


def _can_start_continuation(line: str) -> bool:
    # A list bullet, a sidebar marker, a headline or a publish line never continues the previous sentence.
    if line.startswith(_NOT_CONTINUATION) or META_LINE.match(line):
        return False
    return not _is_headline_like(line)


def _is_headline_like(line: str) -> bool:
    """Two or more space-separated parts and no sentence punctuation: a headline."""
    return bool(_HEADLINE_GAP.search(line)) and not _INNER_PUNCT.search(line) and line[-1] not in _SENTENCE_END
