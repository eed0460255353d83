"""The Python API: extract_text and extract_file return validated models."""

from __future__ import annotations

from datetime import date

import pytest

import extractor
from extractor import extract_file, extract_text
from extractor.models import Document


def test_extract_file_returns_a_document_of_the_sample_page(sample_path):
    document = extract_file(sample_path)
    assert isinstance(document, Document)
    assert document.source.encoding == "utf-8"
    assert document.source.sha256 == __import__("hashlib").sha256(sample_path.read_bytes()).hexdigest()
    assert [a.authors for a in document.articles] == [["王小寒", "唐华颖", "胡忠英"], ["陈钰桦"], ["谭发", "陈锐"]]


def test_extract_text_and_extract_file_agree(sample_path, sample_text):
    by_file = extract_file(sample_path)
    by_text = extract_text(sample_text, path=str(sample_path))
    assert by_text.articles == by_file.articles


@pytest.mark.parametrize("reference", ["2024-07-09", date(2024, 7, 9)])
def test_a_given_reference_date_is_recorded_on_every_article(reference):
    article = extract_text("标题\n\n去年5月,共有7所学校参加。", reference_date=reference).articles[0]
    assert (article.reference_date, article.reference_date_origin) == ("2024-07-09", "given")


def test_without_a_reference_date_none_is_invented():
    article = extract_text("标题\n\n去年5月,共有7所学校参加。").articles[0]
    assert article.reference_date is None and article.reference_date_origin is None


@pytest.mark.parametrize("segmenter", ["jieba", "rjieba"])
def test_both_segmenters_give_the_same_document(sample_text, segmenter):
    assert extract_text(sample_text, segmenter=segmenter).articles == extract_text(sample_text).articles


def test_every_item_is_grounded_in_its_article_text(sample_path):
    for article in extract_file(sample_path).articles:
        for kind in ("figures", "dates", "awards", "programs", "organizations", "people"):
            for item in getattr(article, kind):
                assert article.text[item.start : item.end] == item.text
                assert item.text.replace("\n", "") and item.rule


def test_the_package_does_no_work_at_import():
    assert extractor.__version__
    with pytest.raises(AttributeError):
        extractor.no_such_name  # noqa: B018


_PROGRAM = {"text": "双创", "start": 0, "end": 2, "sentence": "双创", "rule": "r", "name": "双创", "kind": "project"}


@pytest.mark.parametrize(
    "items, error",
    [
        ({"programs": [_PROGRAM]}, None),
        ({"programs": [{**_PROGRAM, "mentions": [{"start": 0, "end": 2}]}]}, None),
        ({"programs": [{**_PROGRAM, "start": 1, "end": 3}]}, "programs[0]: text[1:3] is not '双创'"),
        ({"programs": [{**_PROGRAM, "mentions": [{"start": 3, "end": 9}]}]}, "programs[0]: mention ends past the text"),
    ],
)
def test_an_article_refuses_items_that_do_not_slice_its_text(items, error):
    import re

    from pydantic import ValidationError

    from extractor.models import Article

    if error is None:
        Article(title="t", text="双创工作", **items)
        return
    with pytest.raises(ValidationError, match=re.escape(error)):
        Article(title="t", text="双创工作", **items)


def test_an_article_that_states_no_date_takes_the_one_an_earlier_article_of_the_page_stated():
    page = "甲文标题\n\n发布日期:2024-03-18\n\n正文,内容。\n\n张三\n\n乙文标题\n\n3月16日上午,开幕式举行。\n\n李四"
    first, second = extract_text(page).articles
    assert (first.reference_date, first.reference_date_origin) == ("2024-03-18", "article")
    assert (second.reference_date, second.reference_date_origin) == ("2024-03-18", "page")
    assert [item.value for item in second.dates] == ["2024-03-16"]
    assert extract_text(page, reference_date="2020-01-01").articles[1].reference_date_origin == "given"
