"""See the extractions: one self-contained HTML report of a batch, and a terminal view of a page.

The HTML report is one file with no network access (inline CSS and script,
system fonts): an index of the batch (articles with their counts per kind,
the top awards by level, figures summed by unit, dates on a timeline), then
every article's text with each item in a ``<mark data-kind=…>`` carrying its
fields as a tooltip, a legend that filters by kind, and a table per kind.
Article bodies are rendered by Python into HTML strings embedded as JSON
(a browser does not build them until an article is opened), and the index is
paginated, so a batch of a thousand articles opens in a few seconds.

Overlapping items (an award that contains an organization) nest: a longer
item is the outer ``<mark>``; an item that crosses another's end is cut into
parts that share its ``data-item``, so the markup always nests validly.

>>> _highlight("获评全国文明校园", [_Span(2, 8, "awards", "awards-0", ""), _Span(2, 4, "organizations", "organizations-0", "")])
'获评<mark data-kind="awards" data-item="awards-0" data-start="2" data-end="8" title=""><mark data-kind="organizations" data-item="organizations-0" data-start="2" data-end="4" title="">全国</mark>文明校园</mark>'
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any, Iterable, Sequence, get_args

import regex
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .models import ITEM_KINDS, Article, ArticleRecord, Document, ErrorRecord, Item, Level

__all__ = ["KIND_STYLES", "ReportError", "item_fields", "load_outputs", "read_document", "render_html", "render_terminal"]


@dataclass(frozen=True)
class KindStyle:
    label: str
    background: str  # highlight colour in the HTML report
    border: str  # underline colour in the HTML report; shows where nested items end
    terminal: str  # rich style in the terminal


KIND_STYLES: dict[str, KindStyle] = {
    "figures": KindStyle("figure", "#cfe2ff", "#3b6fd8", "bold blue"),
    "dates": KindStyle("date", "#d3f9d8", "#2f9e44", "bold green"),
    "awards": KindStyle("award", "#ffe8a3", "#e8a400", "bold yellow"),
    "programs": KindStyle("program", "#eebefa", "#ae3ec9", "bold magenta"),
    "organizations": KindStyle("organization", "#c5f6fa", "#1098ad", "bold cyan"),
    "people": KindStyle("person", "#ffc9c9", "#e03131", "bold red"),
}
_KIND_ORDER = {kind: index for index, kind in enumerate(ITEM_KINDS)}
# Fields every item has; a kind's own fields are the rest of its model.
_ITEM_FIELDS = frozenset(Item.model_fields) | {"mentions"}
_LEVELS: tuple[str | None, ...] = (*get_args(Level), None)
_YEAR_MONTH = regex.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?")
PAGE_SIZE = 50


class ReportError(ValueError):
    """An output file cannot be read as a document."""


@lru_cache(maxsize=None)
def item_fields(kind: str) -> tuple[str, ...]:
    """The fields of one kind beyond text, offsets, sentence and rule.

    >>> item_fields("figures")
    ('value', 'unit', 'approx', 'subject', 'unit_kind')
    """
    (model,) = get_args(Article.model_fields[kind].annotation)
    return tuple(name for name in model.model_fields if name not in _ITEM_FIELDS)


# ---------------------------------------------------------------- reading outputs


def read_document(path: Path) -> list[Document]:
    """The documents of one output file: a ``.json`` document, or ``.jsonl`` article records."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".jsonl":
            return [Document.model_validate_json(text)]
        records = [ArticleRecord.model_validate_json(line) for line in text.splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ReportError(f"{path}: not a valid output file: {error}") from None
    documents: list[Document] = []
    for record in records:  # consecutive records of one source make one document
        if documents and documents[-1].source == record.source:
            documents[-1].articles.append(record.article)
        else:
            documents.append(Document(schema_version=record.schema_version, source=record.source,
                                      articles=[record.article]))
    return documents


def load_outputs(paths: Iterable[Path]) -> tuple[list[Document], list[ErrorRecord]]:
    """Every document in these output files and folders, and the inputs their runs failed on."""
    from .runner import ERRORS_FILE
    from .validation import _output_files

    paths = list(paths)
    documents = [document for path in _output_files(paths) for document in read_document(path)]
    errors: list[ErrorRecord] = []
    for folder in paths:
        log = folder / ERRORS_FILE
        if folder.is_dir() and log.is_file():
            lines = log.read_text(encoding="utf-8").splitlines()
            errors.extend(ErrorRecord.model_validate_json(line) for line in lines if line.strip())
    return documents, errors


# ---------------------------------------------------------------- shared formatting


def _format_value(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "yes"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return "–".join(_format_value(part) for part in value)
    return str(value)


def _fields_of(item: Item, kind: str) -> list[tuple[str, str]]:
    return [(name, _format_value(getattr(item, name))) for name in item_fields(kind)]


def _tooltip(item: Item, kind: str) -> str:
    lines = [f"{KIND_STYLES[kind].label}: {item.text}"]
    lines += [f"{name}: {shown}" for name, shown in _fields_of(item, kind) if shown]
    lines.append(f"rule: {item.rule}")
    return "\n".join(lines)


# ---------------------------------------------------------------- terminal view


def render_terminal(documents: Sequence[Document], console: Console, kinds: Sequence[str] = ITEM_KINDS) -> None:
    """Print each article's text with its items coloured by kind, then one table per kind."""
    legend = Text("  ").join(Text(f" {kind} ", style=f"reverse {KIND_STYLES[kind].terminal}") for kind in kinds)
    console.print(legend)
    for document in documents:
        for number, article in enumerate(document.articles, start=1):
            heading = f"{document.source.path} · article {number}: {article.title}"
            console.print(Panel(_coloured_text(article, kinds), title=heading, title_align="left"))
            for kind in kinds:
                items = getattr(article, kind)
                if items:
                    console.print(_item_table(kind, items))


def _coloured_text(article: Article, kinds: Sequence[str]) -> Text:
    text = Text(article.text)
    spans = [(item.start, item.end, kind) for kind in kinds for item in getattr(article, kind)]
    # Longer items first, so that a shorter item inside one shows in its own colour.
    for start, end, kind in sorted(spans, key=lambda span: (span[0] - span[1], _KIND_ORDER[span[2]])):
        text.stylize(KIND_STYLES[kind].terminal, start, end)
    return text


def _item_table(kind: str, items: Sequence[Item]) -> Table:
    rows = [[item.text, *(shown for _, shown in _fields_of(item, kind)), item.rule] for item in items]
    names = ["text", *item_fields(kind), "rule"]
    used = [column for column in range(len(names)) if any(row[column] for row in rows)]
    table = Table(title=f"{kind} ({len(items)})", title_style=KIND_STYLES[kind].terminal, title_justify="left")
    table.add_column("#", justify="right", style="dim")
    for column in used:
        table.add_column(names[column], justify="right" if names[column] == "value" else "left")
    for number, row in enumerate(rows, start=1):
        table.add_row(str(number), *(row[column] for column in used))
    return table


# ---------------------------------------------------------------- highlighting


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cheap in the sets below
class _Span:
    start: int
    end: int
    kind: str
    key: str  # the item's id in its article, shared by all its parts and mentions
    tip: str
    mention: bool = False


def _highlight(text: str, spans: Iterable[_Span]) -> str:
    """``text`` as HTML with each span in a ``<mark>``, nested validly however the spans overlap.

    Between consecutive span boundaries the set of covering spans is fixed. At
    each boundary the open marks are closed down to the first one that ends
    there (marks above it that go on are closed too and reopened as a new
    part), then the spans that start are opened, longest first, so that a
    contained span nests inside its container without being cut.
    """
    spans = [span for span in spans if 0 <= span.start < span.end <= len(text)]
    starting: dict[int, list[_Span]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    points = sorted({0, len(text), *(span.start for span in spans), *(span.end for span in spans)})
    out: list[str] = []
    parts: dict[_Span, list[tuple[int, int, int]]] = defaultdict(list)  # (slot in out, start, end)
    stack: list[tuple[_Span, int, int]] = []  # (span, slot of its opening tag, start of this part)
    active: set[_Span] = set()

    def close_from(depth: int, at: int) -> None:
        for span, slot, start in reversed(stack[depth:]):
            out.append("</mark>")
            parts[span].append((slot, start, at))
        del stack[depth:]

    for start, end in zip(points, points[1:]):
        active = {span for span in active if span.end > start} | set(starting.get(start, ()))
        close_from(next((depth for depth, (span, _, _) in enumerate(stack) if span not in active), len(stack)), start)
        opened = {span for span, _, _ in stack}
        for span in sorted(active - opened, key=_nesting_order):
            stack.append((span, len(out), start))
            out.append("")  # the opening tag, written once the part's end is known
        out.append(escape(text[start:end], quote=False))
    close_from(0, len(text))
    for span, span_parts in parts.items():
        for number, (slot, start, end) in enumerate(span_parts, start=1):
            out[slot] = _mark_tag(span, start, end, f"{number}/{len(span_parts)}" if len(span_parts) > 1 else None)
    return "".join(out)


def _nesting_order(span: _Span) -> tuple:
    return (-span.end, _KIND_ORDER.get(span.kind, 99), span.mention, span.start, span.key)


def _mark_tag(span: _Span, start: int, end: int, part: str | None) -> str:
    extra = ' class="mention"' if span.mention else ""
    if part:
        extra += f' data-part="{part}"'
    return (f'<mark data-kind="{span.kind}" data-item="{span.key}" data-start="{start}" data-end="{end}"'
            f'{extra} title="{escape(span.tip)}">')


def _article_spans(article: Article) -> list[_Span]:
    spans = []
    for kind in ITEM_KINDS:
        for index, item in enumerate(getattr(article, kind)):
            key, tip = f"{kind}-{index}", _tooltip(item, kind)
            spans.append(_Span(item.start, item.end, kind, key, tip))
            for mention in getattr(item, "mentions", ()):
                if (mention.start, mention.end) != (item.start, item.end):
                    spans.append(_Span(mention.start, mention.end, kind, key, tip, mention=True))
    return spans


# ---------------------------------------------------------------- batch index


@dataclass
class _Entry:
    number: int
    path: str
    article: Article


def _entries(documents: Sequence[Document]) -> list[_Entry]:
    entries = []
    for document in documents:
        for article in document.articles:
            entries.append(_Entry(len(entries) + 1, document.source.path, article))
    return entries


def _kind_counts(article: Article) -> dict[str, int]:
    return {kind: len(getattr(article, kind)) for kind in ITEM_KINDS}


def _awards_by_level(articles: Iterable[Article]) -> dict[str | None, Counter[str]]:
    """Level -> how often each award name was received, in the order of the levels."""
    by_level: dict[str | None, Counter[str]] = {level: Counter() for level in _LEVELS}
    for article in articles:
        for award in article.awards:
            by_level[award.level][award.name or award.text] += 1
    return {level: names for level, names in by_level.items() if names}


@dataclass
class _UnitTotal:
    unit: str
    unit_kind: str | None = None
    figures: int = 0
    total: float = 0
    ranges: int = 0


def _figures_by_unit(articles: Iterable[Article]) -> list[_UnitTotal]:
    """Per unit: how many figures, the sum of the single values, and how many were ranges."""
    totals: dict[str, _UnitTotal] = {}
    for article in articles:
        for figure in article.figures:
            entry = totals.setdefault(figure.unit, _UnitTotal(figure.unit))
            entry.unit_kind = entry.unit_kind or figure.unit_kind
            entry.figures += 1
            if isinstance(figure.value, list):
                entry.ranges += 1
            else:
                entry.total += figure.value
    return sorted(totals.values(), key=lambda entry: (-entry.figures, entry.unit))


def _timeline(articles: Iterable[Article]) -> tuple[dict[int, Counter[int]], int]:
    """Year -> month (0: the year, a half or a quarter only) -> dates; and how many dates have no year."""
    years: dict[int, Counter[int]] = defaultdict(Counter)
    unplaced = 0
    for article in articles:
        for item in article.dates:
            match = _YEAR_MONTH.match(item.value or "")
            if match:
                years[int(match[1])][int(match[2] or 0)] += 1
            else:
                unplaced += 1
    return dict(sorted(years.items())), unplaced


# ---------------------------------------------------------------- HTML


def render_html(documents: Sequence[Document], errors: Sequence[ErrorRecord] = (), title: str = "extractor report") -> str:
    """The whole report as one HTML page (deterministic: same documents, same bytes)."""
    entries = _entries(documents)
    articles = [entry.article for entry in entries]
    totals = Counter[str]()
    for article in articles:
        totals.update(_kind_counts(article))
    sections = [
        _summary_html(len(documents), len(entries), totals, errors),
        '<div class="overview">',
        _awards_html(_awards_by_level(articles)),
        _units_html(_figures_by_unit(articles)),
        _timeline_html(*_timeline(articles)),
        "</div>",
        _articles_html(entries),
    ]
    bodies = "".join(
        f'<script type="application/json" id="article-{entry.number}">{_script_json(_article_body_html(entry))}</script>'
        for entry in entries
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_css()}</style></head>"
        f"<body data-kinds='{json.dumps(list(ITEM_KINDS))}' data-page-size=\"{PAGE_SIZE}\">"
        f"<header><h1>{escape(title)}</h1>{_legend_html(totals)}</header>"
        f"<main>{''.join(sections)}</main>{bodies}"
        f"<script>{_SCRIPT}</script></body></html>\n"
    )


def _script_json(value: str) -> str:
    """``value`` as JSON that cannot end or confuse the ``<script>`` element it stands in.

    >>> print(_script_json("<b>a</b><!--"))
    "<b>a<\\/b>\\u003c!--"
    """
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "\\u003c!--")


def _legend_html(totals: Counter[str]) -> str:
    chips = ['<button type="button" class="chip" data-filter="all" aria-pressed="true">all kinds</button>']
    chips += [
        f'<button type="button" class="chip" data-filter="{kind}" data-kind="{kind}" aria-pressed="true" '
        f'title="show only {kind} (shift-click: show or hide {kind})"><i></i>{kind} {totals[kind]}</button>'
        for kind in ITEM_KINDS
    ]
    return f'<nav class="legend" aria-label="filter by kind">{"".join(chips)}</nav>'


def _summary_html(files: int, articles: int, totals: Counter[str], errors: Sequence[ErrorRecord]) -> str:
    cells = [("files", files, "files"), ("articles", articles, "articles")]
    cells += [(kind, totals[kind], kind) for kind in ITEM_KINDS]
    if errors:
        cells.append(("failed inputs", len(errors), "failed"))
    figures = "".join(
        f'<div class="stat" data-total="{key}" data-count="{count}"><b>{count:,}</b><span>{escape(label)}</span></div>'
        for label, count, key in cells
    )
    failed = ""
    if errors:
        rows = "".join(f"<tr><td>{escape(e.path)}</td><td>{escape(e.reason)}</td></tr>" for e in errors)
        failed = f'<details class="failed"><summary>failed inputs</summary><table>{rows}</table></details>'
    return f'<section id="summary"><div class="stats">{figures}</div>{failed}</section>'


def _articles_html(entries: Sequence[_Entry]) -> str:
    rows = []
    for entry in entries:
        counts = "".join(
            f'<span class="count" data-kind="{kind}" data-count="{count}" title="{kind}">{count}</span>'
            for kind, count in _kind_counts(entry.article).items()
        )
        search = escape(f"{entry.path} {entry.article.title}".lower())
        rows.append(
            f'<details class="article" data-number="{entry.number}" data-search="{search}"'
            f'{" open" if entry.number == 1 else ""}><summary><span class="n">{entry.number}</span>'
            f'<span class="file">{escape(entry.path)}</span><span class="title">{escape(entry.article.title)}</span>'
            f'<span class="counts">{counts}</span></summary><div class="body"></div></details>'
        )
    pager = (
        '<div class="pager"><input type="search" placeholder="filter by file or title" aria-label="filter articles">'
        '<button type="button" data-page="prev">‹ previous</button><span class="page"></span>'
        '<button type="button" data-page="next">next ›</button></div>'
    )
    return f'<section id="articles"><h2>Articles</h2>{pager}<div class="list">{"".join(rows)}</div></section>'


def _article_body_html(entry: _Entry) -> str:
    article = entry.article
    meta = [("file", entry.path)]
    if article.subtitle:
        meta.append(("subtitle", article.subtitle))
    if article.authors:
        meta.append(("authors", "、".join(article.authors)))
    if article.photo_credit:
        meta.append(("photo", article.photo_credit))
    if article.reference_date:
        meta.append(("reference date", f"{article.reference_date} ({article.reference_date_origin})"))
    meta += [("caption", caption) for caption in article.captions]
    meta += [("warning", warning) for warning in article.warnings]
    meta_html = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in meta)
    tables = "".join(_items_table_html(kind, getattr(article, kind)) for kind in ITEM_KINDS if getattr(article, kind))
    return (
        f'<dl class="meta">{meta_html}</dl>'
        f'<div class="text" lang="zh-CN">{_highlight(article.text, _article_spans(article))}</div>{tables}'
    )


def _items_table_html(kind: str, items: Sequence[Item]) -> str:
    names = item_fields(kind)
    head = "".join(f"<th>{name}</th>" for name in ("#", "text", *names, "rule"))
    rows = []
    for index, item in enumerate(items):
        cells = "".join(f"<td>{escape(shown)}</td>" for _, shown in _fields_of(item, kind))
        rows.append(
            f'<tr data-item="{kind}-{index}"><td>{index + 1}</td><td>{escape(item.text)}</td>{cells}'
            f"<td><code>{escape(item.rule)}</code></td></tr>"
        )
    return (
        f'<table class="items" data-kind="{kind}"><caption>{kind} ({len(items)})</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _awards_html(by_level: dict[str | None, Counter[str]], top: int = 5) -> str:
    if not by_level:
        return '<section id="awards"><h2>Awards by level</h2><p class="none">no awards</p></section>'
    blocks = []
    for level, names in by_level.items():
        rows = "".join(
            f"<li><span>{escape(name)}</span><b>{count}</b></li>" for name, count in
            sorted(names.items(), key=lambda pair: (-pair[1], pair[0]))[:top]
        )
        shown = level or "no level"
        blocks.append(
            f'<div class="level" data-level="{shown}"><h3>{shown} <small>{sum(names.values())}</small></h3>'
            f"<ol>{rows}</ol></div>"
        )
    return f'<section id="awards"><h2>Top awards by level</h2><div class="levels">{"".join(blocks)}</div></section>'


def _units_html(units: Sequence[_UnitTotal]) -> str:
    if not units:
        return '<section id="units"><h2>Figures by unit</h2><p class="none">no figures</p></section>'
    rows = "".join(
        f'<tr data-unit="{escape(entry.unit)}"><td>{escape(entry.unit)}</td><td>{escape(entry.unit_kind or "")}</td>'
        f"<td>{entry.figures:,}</td><td>{_format_value(entry.total)}</td><td>{entry.ranges or ''}</td></tr>"
        for entry in units
    )
    head = "<tr><th>unit</th><th>kind</th><th>figures</th><th>sum of values</th><th>ranges (not summed)</th></tr>"
    return f'<section id="units"><h2>Figures by unit</h2><table><thead>{head}</thead><tbody>{rows}</tbody></table></section>'


def _timeline_html(years: dict[int, Counter[int]], unplaced: int) -> str:
    if not years:
        note = f"{unplaced} dates without a year" if unplaced else "no dates"
        return f'<section id="timeline"><h2>Dates on a timeline</h2><p class="none">{note}</p></section>'
    most = max(count for months in years.values() for count in months.values())
    head = "<tr><th>year</th><th>whole year</th>" + "".join(f"<th>{m}</th>" for m in range(1, 13)) + "<th>dates</th></tr>"
    rows = []
    for year, months in years.items():
        cells = "".join(
            f'<td data-month="{month}" style="--heat:{months[month] / most:.2f}">{months[month] or ""}</td>'
            for month in range(13)
        )
        rows.append(f'<tr data-year="{year}"><th>{year}</th>{cells}<td>{sum(months.values())}</td></tr>')
    note = f'<p class="note">{unplaced} more dates have no year (relative, vague or XXXX).</p>' if unplaced else ""
    return (f'<section id="timeline"><h2>Dates on a timeline</h2><table class="timeline"><thead>{head}</thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{note}</section>')


def _css() -> str:
    kinds = "".join(
        f'[data-kind="{kind}"]{{--bg:{style.background};--fg:{style.border}}}'
        f'body.hide-{kind} mark[data-kind="{kind}"]{{background:none;border-color:transparent}}'
        f'body.hide-{kind} table.items[data-kind="{kind}"]{{display:none}}'
        f'body.hide-{kind} .chip[data-kind="{kind}"]{{opacity:.45}}'
        for kind, style in KIND_STYLES.items()
    )
    return _CSS + kinds


_CSS = """
:root{color-scheme:light;--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.6 system-ui,-apple-system,"Segoe UI","PingFang SC",
"Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1.5rem}
h1{font-size:1.2rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}h3{font-size:.95rem;margin:.3rem 0}
main{padding:0 1.5rem 3rem;max-width:1200px}
.legend{display:flex;flex-wrap:wrap;gap:.4rem}
.chip{font:inherit;font-size:.85rem;border:1px solid var(--line);border-radius:1rem;background:#fff;padding:.1rem .7rem;cursor:pointer}
.chip i{display:inline-block;width:.8rem;height:.8rem;border-radius:.2rem;margin-right:.35rem;vertical-align:-.1rem;
background:var(--bg);border:2px solid var(--fg)}
.chip[aria-pressed="true"]{border-color:var(--fg,#888)}
.stats{display:flex;flex-wrap:wrap;gap:.6rem;margin-top:1rem}
.stat{background:var(--panel);border:1px solid var(--line);border-radius:.4rem;padding:.4rem .8rem;min-width:6.5rem}
.stat b{display:block;font-size:1.3rem}.stat span{color:var(--muted);font-size:.85rem}
.pager{display:flex;gap:.5rem;align-items:center;margin:.5rem 0}.pager input{flex:1;max-width:22rem;font:inherit;padding:.15rem .4rem}
.pager button{font:inherit}
details.article{border:1px solid var(--line);border-radius:.4rem;margin:.35rem 0}
details.article>summary{display:flex;gap:.7rem;align-items:baseline;padding:.35rem .7rem;cursor:pointer;background:var(--panel)}
summary .n{color:var(--muted);min-width:2.5rem;text-align:right}summary .file{color:var(--muted);font-size:.85rem}
summary .title{flex:1;font-weight:600}
.counts{display:flex;gap:.25rem}.count{min-width:1.8rem;text-align:center;border-radius:.3rem;font-size:.8rem;
background:var(--bg);border-bottom:2px solid var(--fg)}
.count[data-count="0"]{opacity:.35}
.body{padding:.5rem 1rem 1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 .8rem;font-size:.85rem;color:var(--muted)}.meta dd{margin:0}
.text{white-space:pre-wrap;line-height:2;font-size:1rem;margin:.6rem 0 1rem}
mark{background:var(--bg);color:inherit;border-bottom:2px solid var(--fg);border-radius:2px;padding:0 1px}
mark mark{padding:0}
mark.mention{border-bottom-style:dotted}
mark.flash{outline:3px solid var(--fg)}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.15rem .5rem;text-align:left;vertical-align:top}
table.items caption{text-align:left;font-weight:600;padding:.2rem 0;color:var(--fg)}
table.items tbody tr{cursor:pointer}table.items tbody tr:hover{background:var(--panel)}
.overview{display:grid;grid-template-columns:repeat(auto-fit,minmax(24rem,1fr));gap:0 2rem}
#timeline{grid-column:1/-1}
.levels{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.8rem}
.level{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .8rem}.level small{color:var(--muted)}
.level ol{margin:0;padding-left:1.2rem}.level li span{margin-right:.5rem}
.timeline td[data-month]{text-align:center;min-width:2rem;background:rgba(47,158,68,var(--heat))}
.none,.note{color:var(--muted)}
"""

_SCRIPT = """
(() => {
  const body = document.body;
  const kinds = JSON.parse(body.dataset.kinds);
  const size = Number(body.dataset.pageSize);
  const all = Array.from(document.querySelectorAll('details.article'));
  let shown = all, page = 0;
  const fill = (article) => {
    if (article.dataset.filled) return;
    const body = document.getElementById('article-' + article.dataset.number);
    article.querySelector('.body').innerHTML = JSON.parse(body.textContent);
    article.dataset.filled = '1';
  };
  all.forEach((article) => {
    article.addEventListener('toggle', () => { if (article.open) fill(article); });
    if (article.open) fill(article);
  });
  const pageLabel = document.querySelector('.pager .page');
  const paginate = () => {
    const pages = Math.max(1, Math.ceil(shown.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    all.forEach((article) => { article.hidden = true; });
    shown.slice(page * size, (page + 1) * size).forEach((article) => { article.hidden = false; });
    pageLabel.textContent = `page ${page + 1} of ${pages} · ${shown.length} articles`;
  };
  document.querySelectorAll('.pager button').forEach((button) => button.addEventListener('click', () => {
    page += button.dataset.page === 'next' ? 1 : -1;
    paginate();
  }));
  document.querySelector('.pager input').addEventListener('input', (event) => {
    const words = event.target.value.toLowerCase().split(/\\s+/).filter(Boolean);
    shown = all.filter((article) => words.every((word) => article.dataset.search.includes(word)));
    page = 0;
    paginate();
  });
  const visible = new Set(kinds);
  const show = () => {
    kinds.forEach((kind) => body.classList.toggle('hide-' + kind, !visible.has(kind)));
    document.querySelectorAll('.chip').forEach((chip) => {
      const kind = chip.dataset.filter;
      chip.setAttribute('aria-pressed', String(kind === 'all' ? visible.size === kinds.length : visible.has(kind)));
    });
  };
  document.querySelectorAll('.chip').forEach((chip) => chip.addEventListener('click', (event) => {
    const kind = chip.dataset.filter;
    const only = visible.size === 1 && visible.has(kind);
    if (kind === 'all' || only) kinds.forEach((k) => visible.add(k));
    else if (event.shiftKey) { if (visible.has(kind)) visible.delete(kind); else visible.add(kind); }
    else { visible.clear(); visible.add(kind); }
    show();
  }));
  document.addEventListener('click', (event) => {
    const row = event.target.closest('table.items tr[data-item]');
    if (!row) return;
    const mark = row.closest('.body').querySelector(`mark[data-item="${row.dataset.item}"]`);
    if (!mark) return;
    mark.scrollIntoView({block: 'center'});
    mark.classList.add('flash');
    setTimeout(() => mark.classList.remove('flash'), 1200);
  });
  paginate();
  body.dataset.ready = '1';
})();
"""
