"""Reading: encodings and BOMs, undecodable bytes, binary files, line endings, HTML, layout repair, streaming."""

from __future__ import annotations

import codecs
import io
import random

import pytest

from extractor import reading
from extractor.reading import (
    MAX_LINE_CHARS,
    MAX_PARAGRAPH_CHARS,
    InputError,
    NotTextError,
    decode_bytes,
    iter_paragraphs,
    iter_text,
    repair_layout,
    replace_surrogates,
    scan_stream,
    strip_html,
)

# Long enough for an encoding detector to have something to go on, as short as a real page can be.
SIMPLIFIED = "万盛经开区着力打造全市教育高质量发展先行区,教育发展成效明显。7所学校入选市首批中小学教师评价试点学校。"
TRADITIONAL = "萬盛經開區著力打造全市教育高質量發展先行區,教育發展成效明顯。7所學校入選市首批中小學教師評價試點學校。"


def _decode(data: bytes) -> tuple[str, str, int]:
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding, decoded.replaced_chars


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + SIMPLIFIED.encode("utf-32-le"), "utf-32"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED.encode("gbk"), "gb18030"),
        (SIMPLIFIED.encode("gb2312"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom", "gb18030", "gbk",
         "gb2312", "big5"],
)
def test_each_encoding_decodes_to_the_text_without_replacement(data, encoding):
    text, found, replaced = _decode(data)
    assert (found, replaced) == (encoding, 0)
    assert text in (SIMPLIFIED, TRADITIONAL)


@pytest.mark.parametrize(
    ("data", "text", "replaced"),
    [
        (SIMPLIFIED.encode() + b"\xff\xfe" + SIMPLIFIED.encode(), SIMPLIFIED + "\ufffd\ufffd" + SIMPLIFIED, 2),
        # A truncated download: the last character is cut in half.
        (SIMPLIFIED.encode() + "教".encode()[:2], SIMPLIFIED + "\ufffd", 1),
        # U+FFFD written in the file is text, not a decoding failure.
        (SIMPLIFIED.encode() + "\ufffd".encode(), SIMPLIFIED + "\ufffd", 0),
        ("\ufffd".encode() + SIMPLIFIED.encode() + b"\x80", "\ufffd" + SIMPLIFIED + "\ufffd", 1),
        (SIMPLIFIED.encode("gb18030") + b"\xff" + SIMPLIFIED.encode("gb18030"), SIMPLIFIED + "\ufffd" + SIMPLIFIED, 1),
    ],
    ids=["bad-bytes-in-utf8", "truncated-utf8", "literal-fffd", "literal-and-bad", "bad-byte-in-gb18030"],
)
def test_undecodable_bytes_are_replaced_and_counted(data, text, replaced):
    assert _decode(data)[0::2] == (text, replaced)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200),
        b"PK\x03\x04" + b"word/document.xml" + bytes(100),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\x1f\x8b\x08\x00" + bytes(64),
        b"\x7fELF\x02\x01\x01" + bytes(64),
        bytes(range(256)) * 8,
        b"SQLite format 3\x00" + random.Random(0).randbytes(4000),
    ],
    ids=["png", "jpeg", "zip-or-docx", "pdf", "gzip", "elf", "all-bytes", "sqlite"],
)
def test_binary_files_are_not_text(data):
    with pytest.raises(NotTextError, match="^not text$"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("data", "text"),
    [(b"", ""), (b" \n\t\r\n  ", " \n\t\r\n  "), ("\u3000\n".encode(), "\u3000\n")],
    ids=["empty", "white-space", "ideographic-space"],
)
def test_empty_and_blank_files_decode_to_no_paragraph(data, text):
    assert decode_bytes(data).text == text
    assert repair_layout(text).paragraphs == []


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("标题\r\n\r\n正文第一句。\r\n正文第二句。", ["标题", "正文第一句。", "正文第二句。"]),
        ("标题\r\r正文第一句。\r正文第二句。", ["标题", "正文第一句。", "正文第二句。"]),
        ("标题\r\n\n\r正文第一句。\n正文第二句。\r\n", ["标题", "正文第一句。", "正文第二句。"]),
        ("标题\f正文第一句。\u2028正文第二句。", ["标题", "正文第一句。", "正文第二句。"]),
        # A sentence broken by a CR line end is joined like one broken by LF.
        ("他说,我们将作为每\r\n\r\n月主题党日必学内容。", ["他说,我们将作为每月主题党日必学内容。"]),
    ],
    ids=["crlf", "cr", "mixed", "form-feed-and-line-separator", "crlf-inside-a-sentence"],
)
def test_line_endings_of_every_kind_break_lines_alike(text, paragraphs):
    assert repair_layout(text).paragraphs == paragraphs


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # Full-width and half-width punctuation both end or continue a sentence; nothing is normalized.
        ("他说，我们将作为每\n月主题党日必学内容！\n下一段。", ["他说，我们将作为每月主题党日必学内容！", "下一段。"]),
        ("他说,我们将作为每\n月主题党日必学内容!\n下一段.", ["他说,我们将作为每月主题党日必学内容!", "下一段."]),
        ("共有１２所学校，\n参加人数达３０００人。", ["共有１２所学校，参加人数达３０００人。"]),
        ("共有12所学校;\n参加人数达3000人;", ["共有12所学校;", "参加人数达3000人;"]),
    ],
    ids=["full-width-punctuation", "half-width-punctuation", "full-width-digits", "half-width-semicolons"],
)
def test_full_and_half_width_text_is_kept_as_written(text, paragraphs):
    assert repair_layout(text).paragraphs == paragraphs


@pytest.mark.parametrize(
    ("text", "paragraphs", "captions"),
    [
        ("他说,我们将作为每\n\n图为活动现场\n\n月主题党日必学内容。", ["他说,我们将作为每月主题党日必学内容。"],
         {0: ["图为活动现场"]}),
        ("万盛经开区 党建引领促先行\n\n正文一句。", ["万盛经开区 党建引领促先行", "正文一句。"], {}),
        ("…架起了服务群众的“连心桥”。 陈钰桦\n下一篇标题", ["…架起了服务群众的“连心桥”。 陈钰桦", "下一篇标题"], {}),
        ("他们开展“优秀教师\n选树宣传”活动。", ["他们开展“优秀教师选树宣传”活动。"], {}),
        ("主要做法是:\n●第一项做法。", ["主要做法是:", "●第一项做法。"], {}),
        ("  \u3000正文一句。\ufeff  \n", ["正文一句。"], {}),
        ("当前位置:首页 > 政务公开 > 部门动态\n\n东澜县:守护碧海蓝湾 绘就生态底色", ["当前位置:首页 > 政务公开 > 部门动态", "东澜县:守护碧海蓝湾 绘就生态底色"], {}),
        ("一、守护蔚蓝海湾,海洋生态持续向好\n近年来,全县累计投入资金4.6亿元。", ["一、守护蔚蓝海湾,海洋生态持续向好", "近年来,全县累计投入资金4.6亿元。"], {}),
        ("全县重点推进以下工作:一、全面落实河长制,二、加快推进\n污水处理设施建设。", ["全县重点推进以下工作:一、全面落实河长制,二、加快推进污水处理设施建设。"], {}),
        ("本报讯 12月28日上午,全市“就业援助月”\n活动在人力资源市场启动。", ["本报讯 12月28日上午,全市“就业援助月”活动在人力资源市场启动。"], {}),
        ("培训质量的提升也带来了一块块“金字招牌”。今年7月,桦\n林技师学院被人力资源社会保障部确定为国家级高技能人才培\n训基地;市职业技能公共实训基地获评省级优秀公共实训基地。",
         ["培训质量的提升也带来了一块块“金字招牌”。今年7月,桦林技师学院被人力资源社会保障部确定为国家级高技能人才培训基地;市职业技能公共实训基地获评省级优秀公共实训基地。"], {}),
    ],
    ids=["caption-inside-a-sentence", "headline-not-joined", "trailing-byline-ends", "open-quote-continues",
         "bullet-starts-anew", "blanks-stripped", "breadcrumb-not-joined", "numbered-heading-not-joined",
         "long-numbered-line-continues", "short-quoted-sentence-continues", "column-line-is-no-caption"],
)
def test_layout_repair(text, paragraphs, captions):
    page = repair_layout(text)
    assert (page.paragraphs, page.caption_after) == (paragraphs, captions)


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 1000, 10**6])
def test_paragraphs_do_not_depend_on_how_the_text_is_cut(sample_text, size):
    pieces = [sample_text[i : i + size] for i in range(0, len(sample_text), size)]
    whole = repair_layout(sample_text)
    assert list(iter_paragraphs(pieces)) == [
        (paragraph, whole.caption_after.get(index, [])) for index, paragraph in enumerate(whole.paragraphs)
    ]


@pytest.mark.parametrize(
    ("line", "cut_after_sentence"),
    [("教育" * (MAX_LINE_CHARS + 17), False), (("教育发展成效明显。" * 40_000), True), ("a" * (3 * MAX_LINE_CHARS), False)],
    ids=["no-punctuation", "sentences", "ascii"],
)
def test_a_gigantic_line_is_cut_into_bounded_paragraphs_and_loses_nothing(line, cut_after_sentence):
    paragraphs = [paragraph for paragraph, _ in iter_paragraphs([line[:5000], line[5000:]])]
    assert "".join(paragraphs) == line
    assert max(len(p) for p in paragraphs) <= MAX_PARAGRAPH_CHARS and len(paragraphs) >= 2
    assert all(p.endswith("。") for p in paragraphs) == cut_after_sentence


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        ("<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style></head>"
         "<body><p>正文&amp;第一句。</p><script>var a = '<p>不是正文</p>';</script><!-- 注释 --><div>第二句。</div>"
         "</body></html>", ["标题", "正文&第一句。", "第二句。"]),
        ("<html><body><p>第一句&#10;第二句。</p><br/><p>共 &lt;5&gt; 所。</p></body></html>",
         ["第一句", "第二句。", "共 <5> 所。"]),
        ("<html><body><p>a < b 的比较。</p><SCRIPT>x()</SCRIPT >后文。</body></html>", ["a < b 的比较。", "后文。"]),
        ("<div>未闭合的注释<!-- 到结尾", ["未闭合的注释"]),
    ],
    ids=["page", "entities-and-breaks", "stray-less-than-and-upper-case", "unclosed-comment"],
)
def test_html_saved_by_mistake_is_stripped_to_its_text(html, paragraphs):
    assert repair_layout(html).paragraphs == paragraphs
    pieces = [html[i : i + 5] for i in range(0, len(html), 5)]
    assert [p for p, _ in iter_paragraphs(pieces)] == paragraphs


def test_strip_html_keeps_line_breaks_for_block_tags():
    assert strip_html("<p>教育&amp;科研</p><script>x()</script>后") == "\n教育&科研\n后"


def test_text_that_merely_mentions_tags_is_not_treated_as_html():
    assert repair_layout("标题\n\n文中写着<p>这样的标签。").paragraphs == ["标题", "文中写着<p>这样的标签。"]


@pytest.mark.parametrize(
    "data",
    [
        SIMPLIFIED.encode() * 300,
        codecs.BOM_UTF16_LE + (SIMPLIFIED * 300).encode("utf-16-le"),
        (SIMPLIFIED * 300).encode("gb18030") + b"\xff" + SIMPLIFIED.encode("gb18030"),
        (SIMPLIFIED.encode() + b"\xe6") * 300 + "\ufffd".encode(),
        TRADITIONAL.encode("big5") * 300,
    ],
    ids=["utf8", "utf16-bom", "gb18030-with-a-bad-byte", "utf8-with-bad-and-literal", "big5"],
)
@pytest.mark.parametrize("chunk", [1, 3, 4096])
def test_streamed_decoding_gives_what_whole_decoding_gives(monkeypatch, data, chunk):
    monkeypatch.setattr(reading, "READ_CHUNK_BYTES", chunk)
    whole = decode_bytes(data)
    scanned = scan_stream(io.BytesIO(data))
    assert (scanned.encoding, scanned.replaced_chars, scanned.bytes) == (whole.encoding, whole.replaced_chars, len(data))
    assert "".join(iter_text(io.BytesIO(data), scanned)) == whole.text


class _Trickle(io.RawIOBase):
    """A pipe-like stream: each read returns at most a few bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, 5) if size and size > 0 else 5)


def test_short_reads_from_a_pipe_change_nothing():
    data = SIMPLIFIED.encode("gb18030") * 50
    scanned = scan_stream(_Trickle(data))
    assert (scanned.encoding, scanned.bytes) == ("gb18030", len(data))
    assert "".join(iter_text(_Trickle(data), scanned)) == SIMPLIFIED * 50


def test_a_file_that_changes_between_the_two_passes_is_an_input_error():
    scanned = scan_stream(io.BytesIO(SIMPLIFIED.encode()))
    with pytest.raises(InputError, match="changed while it was being read"):
        list(iter_text(io.BytesIO(SIMPLIFIED.encode() + "又一句。".encode()), scanned))


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n" + bytes(300), bytes(1000)], ids=["png", "zeros"]
)
def test_a_streamed_binary_file_is_not_text(data):
    with pytest.raises(NotTextError):
        scan_stream(io.BytesIO(data))


@pytest.mark.parametrize(
    ("text", "cleaned", "count"),
    [("教育", "教育", 0), ("a\ud800b", "a\ufffdb", 1), ("\udc80\udcff", "\ufffd\ufffd", 2)],
)
def test_lone_surrogates_are_replaced_and_counted(text, cleaned, count):
    assert replace_surrogates(text) == (cleaned, count)
