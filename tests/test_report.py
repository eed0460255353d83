"""The HTML report and the terminal view: structure, nesting of overlapping items, index counts, a real browser.

The demo documents are the sample page with hand-placed items of every kind
(the extractors are tested elsewhere); the real pipeline output is checked too.
"""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from typer.testing import CliRunner

from extractor import extract_file
from extractor.cli import app
from extractor.models import (
    ITEM_KINDS,
    Article,
    Award,
    DateItem,
    Document,
    ErrorRecord,
    Figure,
    Organization,
    Person,
    Program,
    Span,
)
from extractor.report import (
    PAGE_SIZE,
    ReportError,
    _awards_by_level,
    _coloured_text,
    _figures_by_unit,
    _highlight,
    _Span,
    _timeline,
    KIND_STYLES,
    load_outputs,
    render_html,
    render_terminal,
)
from extractor.writer import article_jsonl, document_json

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- demo documents


def _item(model, text: str, needle: str, nth: int = 0, mentions: bool = False, **fields):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start) if "\n" in text[start:] else len(text)
    if mentions:
        spans, at = [], text.find(needle)
        while at >= 0:
            spans.append(Span(start=at, end=at + len(needle)))
            at = text.find(needle, at + 1)
        fields["mentions"] = spans
    rule = fields.pop("rule", f"demo.{model.__name__.lower()}")
    return model(text=needle, start=start, end=start + len(needle), sentence=text[line_start:line_end], rule=rule,
                 **fields)


def _with_items(article: Article, **items) -> Article:
    """The article with exactly these items (none of what the extractors found)."""
    lists = {kind: [item.model_dump() for item in items.get(kind, [])] for kind in ITEM_KINDS}
    return Article.model_validate({**article.model_dump(), **lists})


@pytest.fixture(scope="module")
def demo_document(sample_path) -> Document:
    """The sample page with items of every kind, including an award that contains a program and nested names."""
    document = extract_file(sample_path)
    first, second, third = document.articles[:3]
    a, b, c = first.text, second.text, third.text
    first = _with_items(
        first,
        figures=[
            _item(Figure, a, "7所", value=7, unit="所", subject="学校", unit_kind="count", rule="figure.arabic"),
            _item(Figure, a, "8所", value=8, unit="所", subject="学校", unit_kind="count", rule="figure.arabic"),
            _item(Figure, a, "17所", value=17, unit="所", unit_kind="count", rule="figure.arabic"),
            _item(Figure, a, "30个", value=30, unit="个", subject="党建品牌", unit_kind="count", rule="figure.arabic"),
            _item(Figure, a, "120期", value=120, unit="期", unit_kind="count", rule="figure.arabic"),
            _item(Figure, a, "20余项", value=20, unit="项", approx="over", unit_kind="count", rule="figure.approx"),
            _item(Figure, a, "100余场次", value=100, unit="场次", approx="over", unit_kind="count", rule="figure.approx"),
        ],
        dates=[
            _item(DateItem, a, "近年来", value=None, kind="vague", approx=True, rule="date.vague"),
            _item(DateItem, a, "2022年8月", value="2022-08", kind="absolute", granularity="month", rule="date.absolute"),
        ],
        awards=[
            _item(Award, a, "第一批重庆市深化新时代教育评价改革典型案例评选优秀组织奖", name="第一批重庆市深化新时代教育评价改革典型案例评选优秀组织奖",
                  recipient="万盛经开区", level="provincial", contest="第一批重庆市深化新时代教育评价改革典型案例评选",
                  rule="award.trigger"),
            _item(Award, a, "重庆市义务教育学校评价改革试点区", name="重庆市义务教育学校评价改革试点区", recipient="万盛经开区",
                  level="provincial", rule="award.trigger.list"),
            _item(Award, a, "全国优秀共青团干部", name="全国优秀共青团干部", recipient="教师", level="national",
                  rule="award.trigger.list"),
            _item(Award, a, "重庆市教书育人楷模", name="重庆市教书育人楷模", recipient="教师", level="provincial",
                  rule="award.trigger.list"),
        ],
        programs=[
            _item(Program, a, "四轮驱动", mentions=True, name="四轮驱动", kind="model", rule="program.quoted"),
            # Inside the award above: the contest is named within the award's text.
            _item(Program, a, "深化新时代教育评价改革典型案例评选", name="深化新时代教育评价改革典型案例评选", kind="campaign",
                  rule="program.contest"),
            _item(Program, a, "万盛经开区中小幼(幼儿园)开展党建品牌创建工作实施方案", name="万盛经开区中小幼(幼儿园)开展党建品牌创建工作实施方案",
                  kind="document", rule="program.book_title"),
        ],
        organizations=[
            _item(Organization, a, "万盛小学", mentions=True, kind="school", rule="organization.suffix"),
            _item(Organization, a, "万盛职教中心", kind="school", rule="organization.suffix"),
        ],
    )
    second = _with_items(
        second,
        figures=[
            _item(Figure, b, "四个", value=4, unit="个", subject="平台", unit_kind="count", rule="figure.chinese"),
            _item(Figure, b, "215场次", value=215, unit="场次", unit_kind="count", rule="figure.arabic"),
            _item(Figure, b, "1967人次", value=1967, unit="人次", unit_kind="count", rule="figure.arabic"),
            _item(Figure, b, "239个", value=239, unit="个", unit_kind="count", rule="figure.arabic"),
            _item(Figure, b, "25.5万亩", value=255000, unit="亩", unit_kind="area", rule="figure.multiplier"),
        ],
        dates=[
            _item(DateItem, b, "1月8日傍晚", value="XXXX-01-08", kind="absolute", granularity="day", rule="date.month_day"),
            _item(DateItem, b, "去年5月", value=None, kind="relative", granularity="month", rule="date.relative.year"),
            _item(DateItem, b, "1个月后", value=None, kind="offset", rule="date.offset"),
        ],
        programs=[_item(Program, b, "渝事好商量", mentions=True, name="渝事好商量", kind="platform", rule="program.quoted")],
        organizations=[
            _item(Organization, b, "荣昌区政协", mentions=True, kind="other", rule="organization.suffix"),
            _item(Organization, b, "内江市政协", kind="other", rule="organization.suffix"),
        ],
    )
    third = _with_items(
        third,
        dates=[
            _item(DateItem, c, "2023年", value="2023", kind="absolute", granularity="year", rule="date.absolute"),
            _item(DateItem, c, "2023年10月", value="2023-10", kind="absolute", granularity="month", rule="date.absolute"),
        ],
        awards=[
            _item(Award, c, "重庆市高中思政课优质课比赛二等奖", name="二等奖", recipient="思政课教师", level="provincial",
                  rank="二等奖", contest="重庆市高中思政课优质课比赛", rule="award.contest.rank"),
        ],
        programs=[
            _item(Program, c, "重庆市高中思政课优质课比赛", name="重庆市高中思政课优质课比赛", kind="campaign", rule="program.contest"),
            _item(Program, c, "律动的黔江号子", name="律动的黔江号子", kind="course", rule="program.book_title"),
        ],
        organizations=[
            _item(Organization, c, "重庆市黔江民族中学校", kind="school", rule="organization.suffix"),
            # Nested in the full name above: a short form at the same place.
            _item(Organization, c, "黔江民族中学", mentions=True, kind="school", alias_of="重庆市黔江民族中学校",
                  rule="organization.alias"),
            _item(Organization, c, "重庆市高级人民法院", kind="court", rule="organization.suffix"),
        ],
        people=[
            _item(Person, c, "陶庆明", role="党委书记、校长", rule="person.role_before"),
            _item(Person, c, "向孝学", role="团委副书记", rule="person.role_before"),
            _item(Person, c, "秦梅梅", role="学生", rule="person.role_before"),
        ],
    )
    source = document.source.model_copy(update={"path": sample_path.relative_to(ROOT).as_posix()})
    return document.model_copy(update={"source": source, "articles": [first, second, third]})


def test_demo_document_has_every_kind(demo_document):
    counts = {kind: sum(len(getattr(a, kind)) for a in demo_document.articles) for kind in ITEM_KINDS}
    assert all(counts.values()), counts


# ---------------------------------------------------------------- reading the HTML


class _Page(HTMLParser):
    """Parses HTML, checks that tags nest, and records each mark's text and attributes.

    The article bodies, embedded as JSON strings in ``<script type="application/json">``,
    are parsed too, each into its own page in ``bodies`` (by element id).
    """

    VOID = {"meta", "input", "br", "img", "hr", "link"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict]] = []
        self.marks: list[dict] = []  # attributes plus "text"
        self.elements: list[tuple[str, dict]] = []
        self.problems: list[str] = []
        self.text = ""  # of the article text (div.text), or of everything outside tags
        self.bodies: dict[str, _Page] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in self.VOID:
            return
        if tag == "mark":
            attributes = {**attributes, "text": ""}
            self.marks.append(attributes)
        self.open.append((tag, attributes))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.open or self.open[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1][0] if self.open else 'nothing'}")
            return
        _, attributes = self.open.pop()
        if tag == "script" and attributes.get("type") == "application/json":
            self.bodies[attributes["id"]] = _parse(json.loads(attributes["data"]))

    def handle_data(self, data):
        tag, attributes = self.open[-1] if self.open else ("", {})
        if tag == "script":
            attributes["data"] = attributes.get("data", "") + data
            return
        for tag, attributes in self.open:
            if tag == "mark":
                attributes["text"] += data
        if any(t == "div" and a.get("class") == "text" for t, a in self.open):
            self.text += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    assert page.problems == [] and page.open == []
    return page


def _check_marks(page: _Page, documents: list[Document]) -> int:
    """Every item (and mention) is marked at its offsets with its text; returns the number of items checked."""
    articles = [a for d in documents for a in d.articles]
    assert len(page.bodies) == len(articles)
    checked = 0
    for number, article in enumerate(articles, start=1):
        body = page.bodies[f"article-{number}"]
        assert body.text == article.text
        marks = body.marks
        assert {m["data-kind"] for m in marks} <= set(ITEM_KINDS)
        for kind in ITEM_KINDS:
            for index, item in enumerate(getattr(article, kind)):
                key = f"{kind}-{index}"
                spans = [(item.start, item.end, False)] + [
                    (m.start, m.end, True) for m in getattr(item, "mentions", ())
                    if (m.start, m.end) != (item.start, item.end)
                ]
                for start, end, mention in spans:
                    parts = sorted(
                        (m for m in marks if m["data-item"] == key and ("mention" in m.get("class", "")) == mention
                         and start <= int(m["data-start"]) < end),
                        key=lambda m: int(m["data-start"]),
                    )
                    assert parts and all(m["data-kind"] == kind for m in parts)
                    assert int(parts[0]["data-start"]) == start and int(parts[-1]["data-end"]) == end
                    assert all(int(x["data-end"]) == int(y["data-start"]) for x, y in zip(parts, parts[1:]))
                    assert "".join(m["text"] for m in parts) == article.text[start:end]
                    assert item.rule in parts[0]["title"]
                checked += 1
    return checked


def _index_counts(page: _Page) -> tuple[dict[str, int], list[dict[str, int]]]:
    """The batch totals and each article's counts, as the index shows them."""
    totals = {a["data-total"]: int(a["data-count"]) for t, a in page.elements if "data-total" in a}
    per_article: list[dict[str, int]] = []
    for tag, attributes in page.elements:
        if tag == "details" and attributes.get("class") == "article":
            per_article.append({})
        elif tag == "span" and attributes.get("class") == "count":
            per_article[-1][attributes["data-kind"]] = int(attributes["data-count"])
    return totals, per_article


# ---------------------------------------------------------------- nesting


def _span(start: int, end: int, kind: str = "figures", key: str | None = None) -> _Span:
    return _Span(start, end, kind, key or f"{kind}-{start}", "")


def _tag(kind: str, start: int, end: int, key: str | None = None, part: str | None = None) -> str:
    part_attribute = f' data-part="{part}"' if part else ""
    return (f'<mark data-kind="{kind}" data-item="{key or f"{kind}-{start}"}" data-start="{start}" data-end="{end}"'
            f'{part_attribute} title="">')


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        pytest.param("共有7所", [], "共有7所", id="no items"),
        pytest.param("共有7所", [_span(2, 4)], f"共有{_tag('figures', 2, 4)}7所</mark>", id="one item"),
        pytest.param("a<b&c", [_span(1, 2)], f"a{_tag('figures', 1, 2)}&lt;</mark>b&amp;c", id="escaped"),
        pytest.param(
            "获评全国文明校园",
            [_span(2, 4, "organizations"), _span(2, 8, "awards")],
            f"获评{_tag('awards', 2, 8)}{_tag('organizations', 2, 4)}全国</mark>文明校园</mark>",
            id="contained item nests inside the longer one",
        ),
        pytest.param(
            "ABCD",
            [_span(0, 2, "dates"), _span(0, 2, "figures")],
            f"{_tag('figures', 0, 2)}{_tag('dates', 0, 2)}AB</mark></mark>CD",
            id="same span: kinds nest in a fixed order",
        ),
        pytest.param(
            "ABCDE",
            [_span(0, 3, "awards"), _span(2, 5, "programs")],
            f"{_tag('awards', 0, 3)}AB{_tag('programs', 2, 3, part='1/2')}C</mark></mark>"
            f"{_tag('programs', 3, 5, 'programs-2', '2/2')}DE</mark>",
            id="crossing item is cut in two parts",
        ),
        pytest.param(
            "ABCD",
            [_span(0, 2), _span(2, 4, "dates")],
            f"{_tag('figures', 0, 2)}AB</mark>{_tag('dates', 2, 4)}CD</mark>",
            id="adjacent items stay apart",
        ),
        pytest.param("AB", [_span(1, 1), _span(1, 5)], "AB", id="empty and out-of-text spans are skipped"),
    ],
)
def test_highlight_nests_overlapping_items(text, spans, expected):
    assert _highlight(text, spans) == expected


@st.composite
def _text_and_spans(draw):
    text = draw(st.text(alphabet="教育<&>\n 7所", min_size=1, max_size=30))
    bounds = st.integers(min_value=0, max_value=len(text))
    spans = []
    for index in range(draw(st.integers(min_value=0, max_value=8))):
        start, end = sorted((draw(bounds), draw(bounds)))
        if start < end:
            spans.append(_Span(start, end, draw(st.sampled_from(ITEM_KINDS)), f"item-{index}", ""))
    return text, spans


@given(_text_and_spans())
def test_highlight_always_nests_and_keeps_each_item_whole(case):
    text, spans = case
    page = _parse(f"<div class=text>{_highlight(text, spans)}</div>")
    assert page.text == text
    for span in spans:
        parts = sorted((m for m in page.marks if m["data-item"] == span.key), key=lambda m: int(m["data-start"]))
        assert (int(parts[0]["data-start"]), int(parts[-1]["data-end"])) == (span.start, span.end)
        assert "".join(m["text"] for m in parts) == text[span.start:span.end]


# ---------------------------------------------------------------- the report's structure


def test_report_marks_every_item_of_the_demo_at_its_offsets(demo_document):
    page = _parse(render_html([demo_document]))
    items = sum(len(getattr(a, kind)) for a in demo_document.articles for kind in ITEM_KINDS)
    assert _check_marks(page, [demo_document]) == items


def test_report_of_the_real_sample_marks_what_the_pipeline_found(sample_path):
    document = extract_file(sample_path)
    page = _parse(render_html([document]))
    _check_marks(page, [document])
    assert len(page.bodies) == len(document.articles)


def test_index_counts_equal_the_json(demo_document, sample_path):
    documents = [demo_document, extract_file(sample_path)]
    html = render_html(documents)
    totals, per_article = _index_counts(_parse(html))
    expected = [{kind: len(getattr(a, kind)) for kind in ITEM_KINDS} for d in documents for a in d.articles]
    assert per_article == expected
    assert totals == {
        "files": 2, "articles": len(expected), **{kind: sum(c[kind] for c in expected) for kind in ITEM_KINDS}
    }
    for kind in ITEM_KINDS:  # the number shown is the number counted
        assert f'data-total="{kind}" data-count="{totals[kind]}"><b>{totals[kind]:,}</b>' in html


def test_report_is_self_contained_utf8_and_deterministic(demo_document):
    html = render_html([demo_document], [ErrorRecord(path="raw/bad.txt", reason="not text")])
    assert html == render_html([demo_document], [ErrorRecord(path="raw/bad.txt", reason="not text")])
    page = _parse(html)
    assert ("meta", {"charset": "utf-8"}) in page.elements
    external = [(t, a) for t, a in page.elements if a.get("src") or a.get("href") or t in ("link", "iframe", "img")]
    assert external == []
    for needle in ("http://", "https://", "@import", "url(", "@font-face"):
        assert needle not in html
    assert "raw/bad.txt" in html and 'data-total="failed"' in html
    chips = [a["data-filter"] for t, a in page.elements if t == "button" and "data-filter" in a]
    assert chips == ["all", *ITEM_KINDS]


def test_only_the_first_article_is_open_and_bodies_wait_as_json(demo_document):
    page = _parse(render_html([demo_document]))
    details = [a for t, a in page.elements if t == "details" and a.get("class") == "article"]
    assert ["open" in a for a in details] == [True] + [False] * (len(details) - 1)
    assert page.marks == [] and len(page.bodies) == len(details)  # no article body is in the live page


# ---------------------------------------------------------------- the index's summaries


def _article(text: str, **items) -> Article:
    return Article(title="标题", text=text, **items)


def test_figures_are_summed_by_unit_and_ranges_counted_apart():
    text = "7所、3所、3至5所和25.5万亩"
    article = _article(text, figures=[
        _item(Figure, text, "7所", value=7, unit="所"),
        _item(Figure, text, "3所", value=3, unit="所"),
        _item(Figure, text, "3至5所", value=[3, 5], unit="所"),
        _item(Figure, text, "25.5万亩", value=255000.0, unit="亩", unit_kind="area"),
    ])
    totals = [(e.unit, e.unit_kind, e.figures, e.total, e.ranges) for e in _figures_by_unit([article])]
    assert totals == [("所", None, 3, 10, 1), ("亩", "area", 1, 255000.0, 0)]
    assert "<td>255,000</td>" in render_html([Document.model_validate({"source": _SOURCE, "articles": [article.model_dump()]})])


@pytest.mark.parametrize(
    ("values", "expected", "unplaced"),
    [
        (["2022-08", "2022-08-03", "2022"], {2022: {8: 2, 0: 1}}, 0),
        (["2023-Q1", "2023-H1", "2021/2024"], {2023: {0: 2}, 2021: {0: 1}}, 0),
        (["XXXX-01-08", None, "P3Y"], {}, 3),
    ],
)
def test_dates_are_placed_on_the_timeline_by_year_and_month(values, expected, unplaced):
    text = "日" * len(values)
    dates = [DateItem(text="日", start=i, end=i + 1, sentence=text, rule="d", value=v, kind="absolute")
             for i, v in enumerate(values)]
    years, without_year = _timeline([_article(text, dates=dates)])
    assert {year: dict(months) for year, months in years.items()} == expected
    assert without_year == unplaced


def test_awards_are_grouped_by_level_and_counted_by_name():
    text = "文明校园 文明校园 楷模 绿色学校"
    awards = [
        _item(Award, text, "文明校园", 0, name="文明校园", level="national"),
        _item(Award, text, "文明校园", 1, name="文明校园", level="national"),
        _item(Award, text, "楷模", name="楷模", level="provincial"),
        _item(Award, text, "绿色学校", name="绿色学校"),
    ]
    by_level = _awards_by_level([_article(text, awards=awards)])
    assert {level: dict(names) for level, names in by_level.items()} == {
        "national": {"文明校园": 2}, "provincial": {"楷模": 1}, None: {"绿色学校": 1},
    }


_SOURCE = {"path": "a.txt", "sha256": "0" * 64, "encoding": "utf-8", "bytes": 1}


# ---------------------------------------------------------------- reading outputs and the CLI


@pytest.fixture()
def out_folder(tmp_path, demo_document) -> Path:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "page.json").write_bytes(document_json(demo_document))
    (out / "sub" / "page.jsonl").write_bytes(article_jsonl(demo_document))
    (out / "_errors.jsonl").write_text('{"path":"raw/x.txt","reason":"empty (no text)"}\n', encoding="utf-8")
    return out


def test_load_outputs_reads_json_jsonl_and_the_error_log(out_folder, demo_document):
    documents, errors = load_outputs([out_folder])
    assert documents == [demo_document, demo_document]
    assert errors == [ErrorRecord(path="raw/x.txt", reason="empty (no text)")]


def test_load_outputs_names_a_file_that_is_not_an_output(tmp_path):
    (tmp_path / "broken.json").write_text('{"articles": 3}', encoding="utf-8")
    with pytest.raises(ReportError, match="broken.json"):
        load_outputs([tmp_path])


def test_cli_report_writes_one_html_file(out_folder, tmp_path, demo_document):
    target = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(out_folder), "--html", str(target)])
    assert result.exit_code == 0, result.output
    page = _parse(target.read_text(encoding="utf-8"))
    assert _check_marks(page, [demo_document, demo_document]) > 0


@pytest.mark.parametrize("arguments", [["report", "nowhere"], ["report", "nowhere", "--html", "r.html"]])
def test_cli_report_refuses_what_it_cannot_do(arguments, tmp_path):
    result = CliRunner().invoke(app, [arguments[0], str(tmp_path / arguments[1]), *arguments[2:]])
    assert result.exit_code == 2


def test_cli_show_prints_the_text_and_a_table_per_kind(out_folder):
    result = CliRunner().invoke(app, ["show", str(out_folder / "page.json"), "--kind", "people", "--width", "160"])
    assert result.exit_code == 0, result.output
    assert "陶庆明" in result.output and "党委书记、校长" in result.output and "people (3)" in result.output
    assert "figures (" not in result.output


def test_cli_show_extracts_a_raw_page(sample_path):
    result = CliRunner().invoke(app, ["show", str(sample_path), "--width", "160"])
    assert result.exit_code == 0, result.output
    assert "万盛经开区 党建引领促“先行”" in result.output


def test_terminal_view_colours_each_item_by_kind(demo_document):
    article = demo_document.articles[2]
    text = _coloured_text(article, ITEM_KINDS)
    styled = {(span.start, span.end, str(span.style)) for span in text.spans}
    for kind in ITEM_KINDS:
        for item in getattr(article, kind):
            assert (item.start, item.end, KIND_STYLES[kind].terminal) in styled
    console = Console(record=True, width=200)
    render_terminal([demo_document], console)
    shown = console.export_text()
    assert "重庆市高中思政课优质课比赛" in shown and "award.contest.rank" in shown


# ---------------------------------------------------------------- in a real browser


def _browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("headless Chromium (Debian: chromium, chromium-driver) is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver, options, driver_path


@pytest.fixture()
def browser(tmp_path):
    webdriver, options, driver_path = _browser()
    from selenium.webdriver.chrome.service import Service

    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(path.as_uri())
    WebDriverWait(browser, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def _background(browser, selector: str) -> str:
    return browser.execute_script(f"return getComputedStyle(document.querySelector('{selector}')).backgroundColor")


def test_browser_renders_the_report_and_filters_by_kind(browser, demo_document, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    report = tmp_path / "report.html"
    report.write_text(render_html([demo_document]), encoding="utf-8")
    _open(browser, report)
    article = browser.find_element(By.CSS_SELECTOR, 'details.article[data-number="3"]')
    article.find_element(By.TAG_NAME, "summary").click()
    WebDriverWait(browser, 30).until(lambda _: article.get_attribute("data-filled") == "1")  # filled on 'toggle'
    marked = browser.execute_script(
        "return Array.from(document.querySelectorAll('details.article[open] mark')).map(m => m.dataset.kind)")
    assert set(marked) == set(ITEM_KINDS)
    transparent = "rgba(0, 0, 0, 0)"
    assert _background(browser, 'mark[data-kind="figures"]') != transparent

    browser.find_element(By.CSS_SELECTOR, '.chip[data-filter="awards"]').click()
    assert _background(browser, 'mark[data-kind="awards"]') != transparent
    for kind in ITEM_KINDS:
        if kind != "awards":
            assert _background(browser, f'mark[data-kind="{kind}"]') == transparent, kind
            assert not browser.find_element(By.CSS_SELECTOR, f'table.items[data-kind="{kind}"]').is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, 'table.items[data-kind="awards"]').is_displayed()

    browser.find_element(By.CSS_SELECTOR, '.chip[data-filter="all"]').click()
    assert _background(browser, 'mark[data-kind="people"]') != transparent
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []

    browser.execute_script("window.scrollTo(0, 0)")
    screenshot = tmp_path / "report.png"
    browser.save_screenshot(str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("EXTRACTOR_UPDATE_SCREENSHOT"):  # refresh the README's picture: docs/report.png
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(screenshot, ROOT / "docs" / "report.png")


def test_browser_paginates_a_large_batch(browser, demo_document, tmp_path):
    from selenium.webdriver.common.by import By

    batch = [demo_document] * 400  # 1,200 articles
    report = tmp_path / "large.html"
    report.write_text(render_html(batch), encoding="utf-8")
    _open(browser, report)
    visible = "return Array.from(document.querySelectorAll('details.article')).filter(d => !d.hidden).map(d => d.dataset.number)"
    assert browser.execute_script(visible) == [str(n) for n in range(1, PAGE_SIZE + 1)]
    assert browser.execute_script("return document.querySelectorAll('.body mark').length") == len(
        _parse(render_html([demo_document])).bodies["article-1"].marks)
    browser.find_element(By.CSS_SELECTOR, '.pager button[data-page="next"]').click()
    assert browser.execute_script(visible)[0] == str(PAGE_SIZE + 1)
    search = browser.find_element(By.CSS_SELECTOR, ".pager input")
    search.send_keys("article-does-not-exist")
    assert browser.execute_script(visible) == []
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
