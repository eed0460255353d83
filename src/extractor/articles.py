"""Split: a repaired page into articles, each with its title, byline and text.

A page can hold several articles. An article starts with a headline; it is
closed by a byline (a line of names, or names after the last sentence), and
the next headline after that starts the next article. A headline over what
opens an article (a dateline, a byline, a subtitle) starts one even when
the article before had its byline on top and nothing closed it. A sidebar (``链接》``)
after a byline still belongs to the article before it. The article's
``text`` is its body paragraphs (subtitle, section headings, sidebar and photo
credit included, title and byline not), joined with line breaks: every item's
offsets point into it.

>>> page = repair_layout("标题 第二部分\\n\\n正文第一段,共有7所学校。\\n\\n张三 李四")
>>> [(a.title, a.authors) for a in split_articles(page, frozenset("张李"))]
[('标题 第二部分', ['张三', '李四'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import chain, pairwise
from typing import Iterable, Iterator

import regex

from .reading import META_LINE, PAGE_FURNITURE, SIDEBAR_LINE, Page, is_photo_caption, repair_layout  # noqa: F401  (repair_layout: in the doctest)

__all__ = ["ArticleDraft", "iter_article_drafts", "split_articles"]


@dataclass
class ArticleDraft:
    """An article before extraction: metadata and body paragraphs."""

    title: str = ""
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    photo_credit: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)  # indexes into paragraphs
    warnings: list[str] = field(default_factory=list)  # for article.warnings (an article cut for its length)
    # What its relative dates resolve against, and where that came from ("article", "page"): set by the
    # pipeline in page order, since an article may take the date an earlier one of its page stated.
    reference_date: date | None = None
    reference_origin: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    def section_offsets(self) -> list[tuple[str, int]]:
        offsets, position = [], 0
        starts = []
        for paragraph in self.paragraphs:
            starts.append(position)
            position += len(paragraph) + 1
        for index in self.headings:
            offsets.append((self.paragraphs[index], starts[index]))
        return offsets


_SENTENCE_PUNCT = regex.compile(r"[,，。；;：:！？!?、]")
_SENTENCE_END = "。！？!?；;…"
_NAME = r"\p{Han}{2,4}"
_BYLINE_ROLES = r"(?:本报记者|特约记者|见习记者|记者|通讯员|实习生|文/|文|撰稿|作者|编辑|责任编辑|校对)"
_NAME_SEPARATORS = regex.compile(r"[ \u3000、,，]+")
_BYLINE_PREFIX = regex.compile(rf"^{_BYLINE_ROLES}[\s:：/|]*")
# "记者 方晓雯 通讯员 钟立群": roles may stand before each group of names.
_BYLINE_ROLE_ANYWHERE = regex.compile(rf"(?:(?<=^)|(?<=[\s\u3000、,，]))(?:{_BYLINE_ROLES})[\s\u3000:：/|]*")

_BYLINE = regex.compile(rf"^{_NAME}(?:[ \u3000、,，]+{_NAME}){{0,5}}$")
# A character no byline has (roles, names and separators are all Han, space, 、,，:：/|): most
# body paragraphs have one early, and are told from bylines before any rewriting.
_NOT_IN_BYLINE = regex.compile(r"[^\p{Han}\s:：/|、,，]")
_TRAILING_BYLINE = regex.compile(rf"(?<=[。！？!?”])[ \u3000]+({_NAME}(?:[ \u3000]+{_NAME}){{0,4}})$")
# The head of a dateline: 本报讯, 弥川融媒讯, 新华社北京3月5日电.
_DATELINE = r"[\p{Han}0-9]{0,16}(?:讯|电)"
# "本报讯(记者 吴晓梅)12月26日,…", "新华社北京3月5日电(记者 王明)": names in a dateline.
_DATELINE_BYLINE = regex.compile(
    rf"^{_DATELINE}\s*[（(]\s*((?:{_BYLINE_ROLES}[\s\u3000:：]*)?{_NAME}"
    rf"(?:[\s\u3000、,，]+(?:{_BYLINE_ROLES}[\s\u3000:：]*)?{_NAME}){{0,5}})\s*[）)]"
)
_PHOTO_CREDIT = regex.compile(
    r"^[（(]?(?:(?:图片|照片)由.{1,40}提供|(?:图|图片|摄影)[:：/].{1,30}|.{1,20}[ \u3000]摄(?:影)?)[）)]?$"
)
# A whole byline in brackets at an article's end: "(记者 程晓雯 通讯员 沈雨桐)".
_BRACKETED = regex.compile(r"^[（(](.+)[)）]$")
# A newsroom before the names of a byline: "(武岚县融媒体中心 黄晓燕 苏文杰)".
_NEWSROOM = regex.compile(r"^\p{Han}{1,10}(?:融媒体中心|新闻中心|日报社?|晚报|报社|电视台|广播电视台|新闻网)[\s\u3000]+")
# What opens an article's first paragraph: a dateline or a byline.
_ARTICLE_OPENING = regex.compile(rf"^(?:{_DATELINE}(?![\p{{Han}}])|(?:本报记者|记者|通讯员)[\s\u3000:：])")
# How a news report's first sentence begins: its day (and the time of day), or 近日/日前.
_NEWS_LEAD = regex.compile(r"^(?:\d{1,2}月\d{1,2}日(?:上午|下午|中午|晚上?|早上|凌晨)?|近日|日前)[,，]")
# A headline may be led by a place or a speaker and a colon: "丹岭县:织密县域医共体服务网 群众…".
_HEADLINE_LEAD = regex.compile(r"^\p{Han}{2,8}[:：](?=\S)")
_BULLET = ("◎", "●", "■", "▲", "◆", "★", "☆", "□", "•")
_SUBTITLE = regex.compile(r"^(?:——|--|──)")
_HEADING_MAX_CHARS = 40


def split_articles(page: Page, surnames: frozenset[str]) -> list[ArticleDraft]:
    """Group the page's paragraphs into articles."""
    paragraphs = ((paragraph, page.caption_after.get(index, [])) for index, paragraph in enumerate(page.paragraphs))
    return list(iter_article_drafts(paragraphs, surnames))


def iter_article_drafts(
    paragraphs: Iterable[tuple[str, list[str]]], surnames: frozenset[str], max_chars: int | None = None
) -> Iterator[ArticleDraft]:
    """Articles from ``(paragraph, captions inside it)`` pairs, each yielded as soon as the next begins.

    A page of any length streams through holding one article. An article
    longer than ``max_chars`` is cut; its rest goes on in an untitled draft,
    and both parts carry a warning.
    """
    current: ArticleDraft | None = None
    closed = False  # the current article's byline has been read
    in_sidebar = False
    sidebar_has_body = False
    size = 0  # characters of the current article so far
    pending_meta: list[str] = []  # publish lines above the first headline
    pending_captions: list[str] = []  # photo captions above it
    # Each paragraph with the one after it (None after the last): what stands under a headline tells.
    for (paragraph, captions), following in pairwise(chain(paragraphs, [None])):
        kind = _classify(paragraph, surnames)
        if kind == "furniture":
            continue
        if current is None and kind == "meta":
            pending_meta.append(paragraph)
            continue
        if kind == "caption":  # a photo caption between paragraphs: set aside like one inside a sentence
            (current.captions if current is not None else pending_captions).append(paragraph)
            continue
        if max_chars and current is not None and current.paragraphs and size + len(paragraph) > max_chars:
            current.warnings.append(f"article cut at {max_chars} characters: it goes on in the next article")
            yield current
            current = ArticleDraft(warnings=[f"article cut at {max_chars} characters: this continues the one before"])
            closed = in_sidebar = sidebar_has_body = False
            size = 0
        if kind == "heading" and (
            current is None
            or (closed and (not in_sidebar or sidebar_has_body))
            # A headline over a dateline, a byline or a subtitle (or, after a sidebar's text, over a news
            # lead: "3月16日上午,…") starts an article even when the one before had its byline on top.
            or (_has_body(current) and following is not None and _opens_article(following[0], surnames))
            or (in_sidebar and sidebar_has_body and following is not None and _NEWS_LEAD.match(following[0]))
        ):
            if current is not None:
                yield current
            current = ArticleDraft(title=paragraph, paragraphs=pending_meta, captions=pending_captions)
            pending_meta, pending_captions = [], []
            closed = in_sidebar = sidebar_has_body = False
            size = 0
        elif current is None:
            # Text before any headline: an article without a title.
            current = ArticleDraft(paragraphs=pending_meta, captions=pending_captions)
            pending_meta, pending_captions = [], []
            closed = False
            _add_paragraph(current, paragraph, kind, surnames)
        elif kind == "subtitle" and not _has_body(current) and current.subtitle is None:
            current.subtitle = paragraph.lstrip("—-─ ")
            current.paragraphs.append(paragraph)  # its facts are the article's too (一季度产值增长15.8%)
        elif kind == "byline":
            current.authors.extend(_names(_unbracketed(paragraph)))
            closed = closed or _has_body(current)
        elif kind == "sidebar":
            in_sidebar, sidebar_has_body = True, False
            current.headings.append(len(current.paragraphs))
            current.paragraphs.append(paragraph)
        else:
            if kind == "credit":
                current.photo_credit = paragraph
            if in_sidebar and kind not in ("heading", "credit"):
                sidebar_has_body = True
            closed = _add_paragraph(current, paragraph, kind, surnames) or closed
        size += len(paragraph) + 1
        current.captions.extend(captions)
    if current is None and (pending_meta or pending_captions):
        current = ArticleDraft(paragraphs=pending_meta, captions=pending_captions)
    if current is not None:
        yield current


def _add_paragraph(article: ArticleDraft, paragraph: str, kind: str, surnames: frozenset[str]) -> bool:
    """Append a body paragraph; returns True when it ended with the byline."""
    dateline = _DATELINE_BYLINE.match(paragraph) if kind == "body" else None
    if dateline:
        names = _names(dateline.group(1))
        if names and all(_is_name(name, surnames) for name in names):
            article.authors.extend(names)
    trailing = _TRAILING_BYLINE.search(paragraph)
    ends_with_byline = False
    if trailing and kind == "body":
        names = _names(trailing.group(1))
        if names and all(_is_name(name, surnames) for name in names):
            article.authors.extend(names)
            paragraph = paragraph[: trailing.start()]
            ends_with_byline = True
    if kind == "heading":
        article.headings.append(len(article.paragraphs))
    article.paragraphs.append(paragraph)
    return ends_with_byline


def _opens_article(paragraph: str, surnames: frozenset[str]) -> bool:
    """Does this paragraph, right under a headline, show that the headline starts an article?"""
    return bool(_ARTICLE_OPENING.match(paragraph) or _SUBTITLE.match(paragraph)) or _is_byline(paragraph, surnames)


def _classify(paragraph: str, surnames: frozenset[str]) -> str:
    if META_LINE.match(paragraph):
        return "meta"
    if PAGE_FURNITURE.match(paragraph):  # left out of the text
        return "furniture"
    if SIDEBAR_LINE.match(paragraph):
        return "sidebar"
    if is_photo_caption(paragraph):  # before credits: a caption may end with its credit
        return "caption"
    if _PHOTO_CREDIT.match(paragraph):
        return "credit"
    if _is_byline(paragraph, surnames):
        return "byline"
    if _SUBTITLE.match(paragraph):
        return "subtitle"
    if paragraph.startswith(_BULLET):
        return "body"
    if (
        len(paragraph) <= _HEADING_MAX_CHARS
        and paragraph[-1] not in _SENTENCE_END
        and not _SENTENCE_PUNCT.search(_HEADLINE_LEAD.sub("", paragraph, count=1))
    ):
        return "heading"
    return "body"


def _is_byline(paragraph: str, surnames: frozenset[str]) -> bool:
    paragraph = _unbracketed(paragraph)
    if _NOT_IN_BYLINE.search(paragraph):
        return False
    prefixed = _BYLINE_PREFIX.match(paragraph)
    rest = _BYLINE_ROLE_ANYWHERE.sub(" ", paragraph).strip()
    if not _BYLINE.match(rest):
        return False
    names = _names(rest)
    if not all(_is_name(name, surnames) for name in names):
        return False
    # One bare name is a byline only when short; a 4-character line is more often a heading.
    return bool(prefixed) or len(names) > 1 or len(names[0]) <= 3


def _unbracketed(paragraph: str) -> str:
    """``"(记者 程晓雯)"`` -> ``"记者 程晓雯"``, ``"(县融媒体中心 黄晓燕)"`` -> ``"黄晓燕"``; others as they are."""
    bracketed = _BRACKETED.match(paragraph)
    return _NEWSROOM.sub("", bracketed.group(1).strip(), count=1) if bracketed else paragraph


def _names(line: str) -> list[str]:
    line = _BYLINE_ROLE_ANYWHERE.sub(" ", line)
    return [name for name in _NAME_SEPARATORS.split(line) if name]


def _is_name(name: str, surnames: frozenset[str]) -> bool:
    return 2 <= len(name) <= 4 and (name[0] in surnames or name[:2] in surnames)


def _has_body(article: ArticleDraft) -> bool:
    """Has the article text of its own yet? A publish line or subtitle above the byline is not body."""
    return any(not (META_LINE.match(p) or _SUBTITLE.match(p)) for p in article.paragraphs)
