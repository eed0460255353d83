"""Tests of the scorer: each table row is one scoring rule of ANNOTATION.md on a tiny case."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from extractor.evaluate import (
    ALL,
    KINDS,
    PRF,
    EvalReport,
    GoldFormatError,
    check_floors,
    find_gold_files,
    load_gold,
    normalize_text,
    pair_documents,
    render_report,
    score_documents,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD_DIRS = [Path(os.environ["EXTRACTOR_GOLD"])] if os.environ.get("EXTRACTOR_GOLD") else []
GOLD_DIRS += [REPO_ROOT / "gold", Path("/work/shared/gold")]


def _items(entries: list[Any]) -> list[dict[str, Any]]:
    """Items from a short notation: a string is ``{"text": s}``, a dict is taken as is."""
    return [{"text": entry} if isinstance(entry, str) else dict(entry) for entry in entries]


def _gold(*articles: dict[str, list[Any]], title: str = "标题", authors: list[str] | None = None) -> dict:
    return {
        "file": "a.txt",
        "reference_date": None,
        "articles": [
            {"title": title, "authors": authors or [], **{kind: _items(items) for kind, items in article.items()}}
            for article in articles
        ],
    }


def _predicted(*articles: dict[str, list[Any]], title: str = "标题", authors: list[str] | None = None) -> dict:
    return {
        "source": {"path": "data/raw/a.txt"},
        "articles": [
            {"title": title, "authors": authors or [], **{kind: _items(items) for kind, items in article.items()}}
            for article in articles
        ],
    }


def _counts(report: EvalReport, kind: str, mode: str) -> tuple[int, int, int]:
    prf = getattr(report.kinds[kind], mode)
    return prf.tp, prf.fp, prf.fn


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“渝事好商量”", "渝事好商量"),
        ("《律动的黔江号子》", "律动的黔江号子"),
        ("〈a〉「b」『c』‘d’\"e\"'f'", "abcdef"),
        ("清风校园 廉洁入心", "清风校园廉洁入心"),
        ("2022年\n8月", "2022年8月"),
        ("全\u3000角\t空白", "全角空白"),
        ("９０％", "90%"),
        ("ＡＢＣ１２３", "ABC123"),
        ("＂引号＂", "引号"),
    ],
    ids=["curly-quotes", "book-title", "all-marks", "space", "newline", "ideographic-space", "fullwidth-percent",
         "fullwidth-latin", "fullwidth-quote"],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


# (tp, fp, fn, precision, recall, f1)
@pytest.mark.parametrize(
    ("tp", "fp", "fn", "precision", "recall", "f1"),
    [
        pytest.param(1, 1, 1, 0.5, 0.5, 0.5, id="ordinary"),
        pytest.param(3, 1, 0, 0.75, 1.0, 6 / 7, id="one-alarm"),
        pytest.param(0, 0, 2, None, 0.0, 0.0, id="nothing-predicted"),
        pytest.param(0, 2, 0, 0.0, None, 0.0, id="nothing-required"),
        pytest.param(0, 0, 0, None, None, 1.0, id="nothing-either-side"),
    ],
)
def test_precision_recall_f1(tp: int, fp: int, fn: int, precision: float | None, recall: float | None,
                             f1: float) -> None:
    prf = PRF(tp=tp, fp=fp, fn=fn)
    assert (prf.precision, prf.recall) == (precision, recall)
    assert prf.f1 == pytest.approx(f1)


# (kind, gold items, predicted items, strict (tp, fp, fn), lenient (tp, fp, fn))
MATCH_CASES = [
    pytest.param("figures", ["7所"], ["7所"], (1, 0, 0), (1, 0, 0), id="strict-equal"),
    pytest.param("figures", ["7所"], ["8所"], (0, 1, 1), (0, 1, 1), id="no-match"),
    pytest.param("figures", ["20余项"], ["20余"], (0, 1, 1), (1, 0, 0), id="lenient-prediction-inside-gold"),
    pytest.param("awards", ["三等奖"], ["全国职业院校技能大赛三等奖"], (0, 1, 1), (1, 0, 0),
                 id="lenient-gold-inside-prediction"),
    pytest.param("awards", ["重庆市文明校园"], ["“重庆市文明校园”"], (1, 0, 0), (1, 0, 0), id="quotes-ignored"),
    pytest.param("programs", ["律动的黔江号子"], ["《律动的黔江号子》"], (1, 0, 0), (1, 0, 0), id="book-marks-ignored"),
    pytest.param("programs", ["清风校园 廉洁入心"], ["清风校园廉洁入心"], (1, 0, 0), (1, 0, 0), id="spaces-ignored"),
    pytest.param("dates", ["2022年8月"], ["2022年\n8月"], (1, 0, 0), (1, 0, 0), id="line-break-ignored"),
    pytest.param("figures", ["90%"], ["９０％"], (1, 0, 0), (1, 0, 0), id="nfkc-full-width"),
    pytest.param("figures", ["7所", "7所"], ["7所"], (1, 0, 1), (1, 0, 1), id="multiset-repeat-missed"),
    pytest.param("figures", ["7所"], ["7所", "7所"], (1, 1, 0), (1, 1, 0), id="multiset-repeat-alarm"),
    pytest.param("awards", ["党建品牌特色学校", "党建品牌特色学校"], ["党建品牌特色学校", "党建品牌特色学校"],
                 (2, 0, 0), (2, 0, 0), id="multiset-repeat-both-found"),
    pytest.param("figures", ["3个"], ["3个", "13个"], (1, 1, 0), (1, 1, 0), id="one-to-one-strict-wins"),
    pytest.param("awards", ["第一批X奖", "X奖"], ["X奖"], (1, 0, 1), (1, 0, 1), id="strict-pass-before-lenient"),
    pytest.param("programs", ["渝事好商量"], ["渝事好商量", "“渝事好商量”"], (1, 0, 0), (1, 0, 0),
                 id="set-predictions-deduplicated"),
    pytest.param("programs", ["渝事好商量", "渝事好商量"], ["渝事好商量"], (1, 0, 0), (1, 0, 0),
                 id="set-gold-deduplicated"),
    pytest.param("people", ["陶庆明", "陶庆明"], ["陶庆明", "向孝学"], (1, 1, 0), (1, 1, 0), id="set-people"),
    pytest.param("organizations", ["万盛小学"], [], (0, 0, 1), (0, 0, 1), id="set-nothing-predicted"),
    pytest.param("programs", [{"text": "A计划", "optional": True}, "A计划"], [], (0, 0, 1), (0, 0, 1),
                 id="set-name-required-if-any-occurrence-is"),
    pytest.param("programs", [{"text": "A计划", "optional": True}, {"text": "A计划", "optional": True}], [],
                 (0, 0, 0), (0, 0, 0), id="set-name-optional-if-all-occurrences-are"),
    pytest.param("dates", [{"text": "近年来", "value": None, "optional": True}], ["近年来"], (0, 0, 0), (0, 0, 0),
                 id="optional-found-counts-neither-way"),
    pytest.param("dates", [{"text": "近年来", "value": None, "optional": True}], [], (0, 0, 0), (0, 0, 0),
                 id="optional-not-found-is-no-miss"),
    pytest.param("dates", [{"text": "近年来", "value": None, "optional": True}], ["近年来以来"], (0, 1, 0), (0, 0, 0),
                 id="optional-lenient-counts-neither-way"),
    pytest.param("figures", [{"text": "7所", "optional": True}, "7所"], ["7所"], (1, 0, 0), (1, 0, 0),
                 id="required-gold-matched-before-optional"),
    pytest.param("awards", ["全国优秀共青团干部"], [{"text": "全国优秀共青团干部称号", "name": "全国优秀共青团干部"}],
                 (1, 0, 0), (1, 0, 0), id="award-name-compared-over-text"),
    pytest.param("programs", ["渝事好商量"], [{"text": "“渝事好商量”协商平台", "name": "渝事好商量"}],
                 (1, 0, 0), (1, 0, 0), id="program-name-compared-over-text"),
    pytest.param("awards", ["绿色学校"], [{"text": "绿色学校", "name": None}], (1, 0, 0), (1, 0, 0),
                 id="award-without-name-uses-text"),
    pytest.param("organizations", ["万盛小学"], [{"text": "万盛小学", "name": "别的"}], (1, 0, 0), (1, 0, 0),
                 id="organization-name-field-ignored"),
    pytest.param("figures", ["7所"], ["“”"], (0, 1, 1), (0, 1, 1), id="empty-prediction-never-matches"),
]


@pytest.mark.parametrize(("kind", "gold_items", "predicted_items", "strict", "lenient"), MATCH_CASES)
def test_matching(kind: str, gold_items: list, predicted_items: list, strict: tuple, lenient: tuple) -> None:
    report = score_documents([(_gold({kind: gold_items}), _predicted({kind: predicted_items}))])
    assert _counts(report, kind, "strict") == strict
    assert _counts(report, kind, "lenient") == lenient
    assert _counts(report, ALL, "lenient") == lenient


def _figure(text: str, value: Any, unit: str, **extra: Any) -> dict:
    return {"text": text, "value": value, "unit": unit, **extra}


def _date(text: str, value: str | None, **extra: Any) -> dict:
    return {"text": text, "value": value, **extra}


# (kind, gold item, predicted item, (value_correct, value_total))
VALUE_CASES = [
    pytest.param("figures", _figure("7所", 7, "所"), _figure("7所", 7, "所"), (1, 1), id="figure-equal"),
    pytest.param("figures", _figure("7所", 7, "所"), _figure("7所", 7.0, "所"), (1, 1), id="figure-int-equals-float"),
    pytest.param("figures", _figure("7所", 7, "所"), _figure("7所", 8, "所"), (0, 1), id="figure-value-differs"),
    pytest.param("figures", _figure("7所", 7, "所"), _figure("7所", 7, "个"), (0, 1), id="figure-unit-differs"),
    pytest.param("figures", _figure("90%", 90, "%"), _figure("90%", 90, "％"), (1, 1), id="figure-unit-nfkc"),
    pytest.param("figures", _figure("5.3亿元", 530000000, "元"), _figure("5.3亿元", 5.3e8, "元"), (1, 1),
                 id="figure-float-noise"),
    pytest.param("figures", _figure("3至5所", [3, 5], "所"), _figure("3至5所", [3.0, 5.0], "所"), (1, 1),
                 id="figure-range-equal"),
    pytest.param("figures", _figure("3至5所", [3, 5], "所"), _figure("3至5所", [3, 6], "所"), (0, 1),
                 id="figure-range-differs"),
    pytest.param("figures", _figure("3至5所", [3, 5], "所"), _figure("3至5所", 3, "所"), (0, 1),
                 id="figure-range-vs-number"),
    pytest.param("figures", _figure("20余项", 20, "项"), _figure("20余", 20, "项"), (1, 1),
                 id="figure-lenient-pair-counted"),
    pytest.param("figures", _figure("7所", 7, "所", optional=True), _figure("7所", 8, "个"), (0, 0),
                 id="figure-optional-gold-not-counted"),
    pytest.param("figures", _figure("7所", 7, "所"), _figure("8所", 7, "所"), (0, 0), id="figure-unmatched-not-counted"),
    pytest.param("dates", _date("2022年8月", "2022-08"), _date("2022年8月", "2022-08"), (1, 1), id="date-equal"),
    pytest.param("dates", _date("2022年8月", "2022-08"), _date("2022年8月", "2022"), (0, 1), id="date-differs"),
    pytest.param("dates", _date("2022年8月", "2022-08"), _date("2022年8月", None), (0, 1),
                 id="date-predicted-null"),
    pytest.param("dates", _date("去年5月", None), _date("去年5月", "2023-05"), (0, 0), id="date-null-gold-not-counted"),
    pytest.param("awards", {"text": "一等奖"}, {"text": "一等奖", "name": "一等奖"}, (None, None), id="award-no-values"),
]


@pytest.mark.parametrize(("kind", "gold_item", "predicted_item", "expected"), VALUE_CASES)
def test_value_accuracy(kind: str, gold_item: dict, predicted_item: dict, expected: tuple) -> None:
    report = score_documents([(_gold({kind: [gold_item]}), _predicted({kind: [predicted_item]}))])
    score = report.kinds[kind]
    assert (score.value_correct, score.value_total) == expected
    if expected[1]:
        assert score.value_accuracy == expected[0] / expected[1]
        assert len(report.values) == expected[1] - expected[0]
        assert (report.kinds[ALL].value_correct, report.kinds[ALL].value_total) == expected
    else:
        assert score.value_accuracy is None


def test_value_record_shows_gold_and_predicted() -> None:
    gold = _gold({"figures": [_figure("7所", 7, "所")]})
    predicted = _predicted({"figures": [_figure("7所", 7, "个")]})
    (record,) = score_documents([(gold, predicted)]).values
    assert (record.file, record.article, record.kind, record.text) == ("a.txt", 0, "figures", "7所")
    assert (record.gold_value, record.gold_unit, record.predicted_value, record.predicted_unit) == (7, "所", 7, "个")


# (gold articles, predicted articles, lenient (tp, fp, fn), titles (correct, total))
UNPAIRED_CASES = [
    pytest.param(
        [{"figures": ["7所"]}, {"figures": ["8所"], "people": ["陶庆明"]}],
        [{"figures": ["7所"]}],
        (1, 0, 2), (1, 2), id="extra-gold-article-all-misses",
    ),
    pytest.param(
        [{"figures": ["7所"]}],
        [{"figures": ["7所"]}, {"figures": ["7所"], "people": ["陶庆明"]}],
        (1, 2, 0), (1, 1), id="extra-predicted-article-all-alarms",
    ),
    pytest.param(
        [{"figures": ["7所"]}, {"figures": ["8所"]}],
        [{"figures": ["8所"]}, {"figures": ["7所"]}],
        (0, 2, 2), (2, 2), id="articles-paired-in-order",
    ),
    pytest.param(
        [{"figures": [{"text": "7所", "optional": True}]}, {"people": [{"text": "甬道池", "optional": True}]}],
        [],
        (0, 0, 0), (0, 2), id="unpaired-optional-items-no-misses",
    ),
]


@pytest.mark.parametrize(("gold_articles", "predicted_articles", "lenient", "titles"), UNPAIRED_CASES)
def test_unpaired_articles(gold_articles: list, predicted_articles: list, lenient: tuple, titles: tuple) -> None:
    report = score_documents([(_gold(*gold_articles), _predicted(*predicted_articles))])
    assert _counts(report, ALL, "lenient") == lenient
    assert (report.titles.correct, report.titles.total) == titles
    assert len(report.misses) == lenient[2]
    assert len(report.alarms) == lenient[1]


def test_missing_prediction_misses_everything() -> None:
    gold = _gold({"figures": ["7所"], "programs": ["渝事好商量"]})
    report = score_documents([(gold, None)])
    assert _counts(report, ALL, "lenient") == (0, 0, 2)
    assert [(record.kind, record.text, record.article) for record in report.misses] == [
        ("figures", "7所", 0),
        ("programs", "渝事好商量", 0),
    ]


# (gold title, gold authors, predicted title, predicted authors, title correct, authors correct)
METADATA_CASES = [
    pytest.param("万盛经开区 党建引领促“先行”", ["王小寒"], "万盛经开区党建引领促先行", ["王小寒"], 1, 1,
                 id="title-normalized"),
    pytest.param("标题", [], "别的标题", [], 0, 1, id="title-differs"),
    pytest.param("标题", ["王小寒", "唐华颖"], "标题", ["唐华颖", "王小寒"], 1, 1, id="authors-order-insensitive"),
    pytest.param("标题", ["王小寒", "唐华颖"], "标题", ["王小寒"], 1, 0, id="author-missing"),
    pytest.param("标题", ["王小寒"], "标题", ["王小寒", "王小寒"], 1, 0, id="author-repeated"),
    pytest.param("标题", ["王 小寒"], "标题", ["王小寒"], 1, 1, id="author-normalized"),
]


@pytest.mark.parametrize(
    ("gold_title", "gold_authors", "predicted_title", "predicted_authors", "title_correct", "authors_correct"),
    METADATA_CASES,
)
def test_titles_and_authors(
    gold_title: str, gold_authors: list, predicted_title: str, predicted_authors: list,
    title_correct: int, authors_correct: int,
) -> None:
    gold = _gold({}, title=gold_title, authors=gold_authors)
    predicted = _predicted({}, title=predicted_title, authors=predicted_authors)
    report = score_documents([(gold, predicted)])
    assert (report.titles.correct, report.titles.total) == (title_correct, 1)
    assert (report.authors.correct, report.authors.total) == (authors_correct, 1)
    wrong = {record.kind for record in report.values}
    assert ("title" in wrong) == (not title_correct)
    assert ("authors" in wrong) == (not authors_correct)


def _two_kind_report() -> EvalReport:
    """figures: 1 found, 1 missed, 1 false alarm (F1 0.5); people: F1 1.0; all: F1 2/3."""
    gold = _gold({"figures": ["7所", "8所"], "people": ["陶庆明"]})
    predicted = _predicted({"figures": ["7所", "9所"], "people": ["陶庆明"]})
    return score_documents([(gold, predicted)])


# (floors, expected violated kinds)
FLOOR_CASES = [
    pytest.param({}, [], id="no-floors"),
    pytest.param({"figures": 0.5}, [], id="above-floor"),
    pytest.param({"figures": 0.5 + 1e-9}, ["figures"], id="below-floor"),
    pytest.param({"people": 1.0}, [], id="floor-equal-to-f1-holds"),
    pytest.param({"all": 0.8}, ["all"], id="all-below-floor"),
    pytest.param({"figures": 0.9, "people": 0.9, "all": 0.9}, ["figures", "all"], id="several-floors"),
    pytest.param({"awards": 1.0}, [], id="empty-kind-scores-one"),
]


@pytest.mark.parametrize(("floors", "violated"), FLOOR_CASES)
def test_check_floors(floors: dict[str, float], violated: list[str]) -> None:
    report = _two_kind_report()
    assert report.kinds["figures"].lenient.f1 == pytest.approx(0.5)
    messages = check_floors(report, floors)
    assert [message.split(":")[0] for message in messages] == violated


def test_check_floors_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind 'figure'"):
        check_floors(_two_kind_report(), {"figure": 0.5})


def test_all_is_micro_sum() -> None:
    report = _two_kind_report()
    assert _counts(report, ALL, "lenient") == (2, 1, 1)
    assert report.kinds[ALL].gold == 3
    assert report.kinds[ALL].predicted == 3


def test_report_json_round_trip() -> None:
    data = json.loads(_two_kind_report().to_json())
    assert set(data["kinds"]) == {*KINDS, ALL}
    assert data["kinds"]["people"]["lenient"]["f1"] == 1.0
    assert data["kinds"]["people"]["value_accuracy"] is None
    assert data["titles"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    assert data["misses"] == [{"file": "a.txt", "article": 0, "kind": "figures", "text": "8所"}]
    assert data == _two_kind_report().as_dict()


@pytest.mark.parametrize(
    ("show", "present", "absent"),
    [
        pytest.param(set(), ["lenient F1", "figures", "titles 1/1"], ["Misses", "False alarms"], id="summary-only"),
        pytest.param({"misses"}, ["Misses", "8所"], ["False alarms"], id="misses"),
        pytest.param({"alarms"}, ["False alarms", "9所"], ["Misses"], id="alarms"),
        pytest.param({"values"}, ["Wrong values"], ["Misses"], id="values"),
    ],
)
def test_render_report(show: set[str], present: list[str], absent: list[str]) -> None:
    console = Console(record=True, width=160)
    render_report(_two_kind_report(), console, show)
    output = console.export_text()
    for snippet in present:
        assert snippet in output
    for snippet in absent:
        assert snippet not in output


def test_render_report_rejects_unknown_detail() -> None:
    with pytest.raises(ValueError, match="unknown detail"):
        render_report(EvalReport(), Console(quiet=True), {"miss"})


def test_prediction_for_another_file_is_refused() -> None:
    predicted = _predicted({})
    predicted["source"]["path"] = "data/raw/b.txt"
    with pytest.raises(ValueError, match="b.txt"):
        score_documents([(_gold({}), predicted)])


def test_pair_documents_by_source_file_name() -> None:
    gold_a, gold_b = _gold({}), {**_gold({}), "file": "b.txt"}
    predicted_a = _predicted({})
    assert pair_documents([gold_a, gold_b], [predicted_a]) == [(gold_a, predicted_a), (gold_b, None)]


# (file content, expected message fragment)
BAD_GOLD_CASES = [
    pytest.param("{", "not valid JSON", id="not-json"),
    pytest.param("[]", "top level", id="not-object"),
    pytest.param('{"articles": []}', "'file'", id="no-file"),
    pytest.param('{"file": "a.txt", "articles": {}}', "'articles' must be a list", id="articles-not-list"),
    pytest.param('{"file": "a.txt", "articles": [{"authors": []}]}', "articles[0]: 'title'", id="no-title"),
    pytest.param('{"file": "a.txt", "articles": [{"title": "T", "figures": [{"value": 1}]}]}',
                 "articles[0].figures[0]: 'text'", id="item-without-text"),
    pytest.param('{"file": "a.txt", "articles": [{"title": "T", "people": [{"text": "甲", "optional": "yes"}]}]}',
                 "'optional'", id="optional-not-bool"),
    pytest.param('{"file": "a.txt", "articles": [{"title": "T", "figures": [{"text": "3所", "value": [3]}]}]}',
                 "'value'", id="range-of-one"),
    pytest.param('{"file": "a.txt", "articles": [{"title": "T", "dates": [{"text": "今年", "value": 2024}]}]}',
                 "'value' must be a string or null", id="date-value-number"),
]


@pytest.mark.parametrize(("content", "message"), BAD_GOLD_CASES)
def test_load_gold_rejects_bad_structure(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "a.txt.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=f"a.txt.gold.json: .*{re.escape(message)}"):
        load_gold(path)


def test_find_gold_files(tmp_path: Path) -> None:
    for name in ("b.txt.gold.json", "a.txt.gold.json", "notes.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [path.name for path in find_gold_files(tmp_path)] == ["a.txt.gold.json", "b.txt.gold.json"]
    assert find_gold_files(tmp_path / "b.txt.gold.json") == [tmp_path / "b.txt.gold.json"]
    with pytest.raises(FileNotFoundError):
        find_gold_files(tmp_path / "missing")


def _gold_as_prediction(gold: dict) -> dict:
    """A predicted document holding exactly the gold items (awards and programs also get a name)."""
    articles = []
    for article in gold["articles"]:
        predicted = {"title": article["title"], "authors": list(article.get("authors", []))}
        for kind in KINDS:
            items = []
            for item in article.get(kind, []):
                copy = {key: value for key, value in item.items() if key != "optional"}
                if kind in ("awards", "programs"):
                    copy["name"] = normalize_text(item["text"])
                items.append(copy)
            predicted[kind] = items
        articles.append(predicted)
    return {"source": {"path": f"data/raw/{gold['file']}"}, "articles": articles}


def _real_gold_files() -> list[Path]:
    for directory in GOLD_DIRS:
        if directory.is_dir() and find_gold_files(directory):
            return find_gold_files(directory)
    return []


@pytest.mark.parametrize(
    "gold_path",
    _real_gold_files() or [pytest.param(None, marks=pytest.mark.skip("no gold files found"))],
    ids=lambda path: path.name if path else "none",
)
def test_gold_scored_against_itself_is_perfect(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    report = score_documents([(gold, _gold_as_prediction(gold))])
    for kind in (*KINDS, ALL):
        score = report.kinds[kind]
        assert score.strict.f1 == 1.0, kind
        assert score.lenient.f1 == 1.0, kind
    for kind in ("figures", "dates", ALL):
        assert report.kinds[kind].value_accuracy == 1.0, kind
    assert report.kinds["figures"].value_total > 0
    assert report.titles.accuracy == 1.0 and report.authors.accuracy == 1.0
    assert report.misses == [] and report.alarms == [] and report.values == []
