"""Splitting a page into articles: titles, bylines, photo credits, sidebars, captions."""

from __future__ import annotations

import pytest

from extractor.articles import split_articles
from extractor.lexicon import load_lexicon
from extractor.reading import repair_layout


def _split(text: str):
    return split_articles(repair_layout(text), load_lexicon().words("surnames"))


def test_the_sample_page_holds_three_articles_with_their_titles_and_authors(sample_text):
    articles = _split(sample_text)
    assert [(a.title, a.authors) for a in articles] == [
        ("万盛经开区 党建引领促“先行” 教育升级绘“盛景”", ["王小寒", "唐华颖", "胡忠英"]),
        ("荣昌 做深做实“渝事好商量”协商平台 架起服务群众连心桥", ["陈钰桦"]),
        ("重庆市黔江民族中学校 创新“114”模式 打造民中特色“大思政课”", ["谭发", "陈锐"]),
    ]


def test_the_sample_caption_is_lifted_out_of_the_sentence_it_interrupts(sample_text):
    first = _split(sample_text)[0]
    assert first.captions == ["万盛经开区优秀共产党员事迹展演活动"]
    assert "将师德专题教育作为每月主题党日必学内容" in first.text
    assert "万盛经开区优秀共产党员事迹展演活动" not in first.text


def test_the_sidebar_and_photo_credit_stay_with_the_article_before_them(sample_text):
    first, second, _ = _split(sample_text)
    assert first.photo_credit == "图片由万盛经开区教育局提供"
    assert "过去这一年 教育亮点多" in first.text
    assert "新华小学等7所学校" in first.text
    assert not second.text.startswith("◎")


def test_a_trailing_byline_is_cut_from_the_last_paragraph(sample_text):
    second = _split(sample_text)[1]
    assert second.text.endswith("架起了服务群众的“连心桥”。")
    assert "陈钰桦" not in second.text


@pytest.mark.parametrize(
    "page, title, subtitle, authors",
    [
        ("标题一\n\n正文,共7所学校。\n\n张三 李四", "标题一", None, ["张三", "李四"]),
        ("主标题 副句\n——记某某学校的成长之路\n\n正文内容,很长。", "主标题 副句", "记某某学校的成长之路", []),
        ("标题\n\n记者 王明\n\n正文,内容。", "标题", None, ["王明"]),
        ("标题\n\n正文结束了。 欧阳明", "标题", None, ["欧阳明"]),
        ("正文第一句,没有标题。", "", None, []),
        ("标题 两部分\n\n记者 方晓雯 通讯员 钟立群\n\n正文,内容。", "标题 两部分", None, ["方晓雯", "钟立群"]),
        ("标题\n\n本报记者 王明 李华\n\n正文,内容。", "标题", None, ["王明", "李华"]),
        ("发布日期:2024-09-26 来源:某区人民法院\n标题 两部分\n\n正文,内容。", "标题 两部分", None, []),
        ("标题 两部分\n——副题,一季度\n\n记者 黄诗琪\n\n正文,内容。\n\n小标题\n\n正文。", "标题 两部分", "副题,一季度", ["黄诗琪"]),
        ("标题\n\n本报讯(记者 吴晓梅)12月26日,记者获悉,内容。", "标题", None, ["吴晓梅"]),
        ("标题\n\n新华社北京3月5日电(记者 王明 李华)内容,很长。", "标题", None, ["王明", "李华"]),
        ("标题 两部分\n\n发布时间:2023-11-03\n\n记者 钟晓岚\n\n正文,内容。\n\n小标题\n\n正文,内容。", "标题 两部分", None, ["钟晓岚"]),
        # A headline led by a place and a colon, over the page's publish line (which never joins it).
        ("丹岭县:织密服务网 看病更舒心\n\n发布时间:2024-06-18  来源:县融媒体中心\n\n正文,内容。", "丹岭县:织密服务网 看病更舒心", None, []),
        # Page furniture: a breadcrumb trail above, buttons below.
        ("首页 > 新闻中心 > 乡镇动态\n\n标题 两部分\n\n正文,内容。\n\n【打印本页】　【关闭窗口】", "标题 两部分", None, []),
        ("标题\n\n正文,内容。\n\n(记者 程晓雯 通讯员 沈雨桐)", "标题", None, ["程晓雯", "沈雨桐"]),
        ("标题\n\n正文,内容。\n\n(武岚县融媒体中心 黄晓燕 苏文杰)", "标题", None, ["黄晓燕", "苏文杰"]),
    ],
)
def test_article_metadata(page, title, subtitle, authors):
    (article,) = _split(page)
    assert (article.title, article.subtitle, article.authors) == (title, subtitle, authors)


@pytest.mark.parametrize(
    "page, titles",
    [
        ("甲文标题\n\n甲文正文,内容。\n\n张三\n\n乙文标题\n\n乙文正文,内容。\n\n李四", ["甲文标题", "乙文标题"]),
        ("甲文标题\n\n甲文正文,内容。\n\n小标题\n\n更多正文,内容。", ["甲文标题"]),
        ("甲文标题\n\n正文,内容。\n\n张三\n\n链接》\n\n补充材料\n\n◎要点一。\n\n乙文标题\n\n正文,内容。", ["甲文标题", "乙文标题"]),
        # The first article's byline stood on top, so nothing closed it: what lies under the next headline tells.
        ("甲文标题\n\n记者 张三\n\n正文,内容。\n\n乙文标题\n\n本报讯 3月1日,内容。", ["甲文标题", "乙文标题"]),
        ("甲文标题\n\n记者 张三\n\n正文,内容。\n\n乙文标题\n\n本报记者 李四\n\n正文,内容。", ["甲文标题", "乙文标题"]),
        ("甲文标题\n\n记者 张三\n\n正文,内容。\n\n乙文标题 两部分\n——副题\n\n正文,内容。", ["甲文标题", "乙文标题 两部分"]),
        ("甲文标题\n\n本报讯(记者 张三)正文,内容。\n\n链接:\n\n大事记\n\n2019年5月,协会成立。\n\n乙文标题\n\n3月16日上午,内容。",
         ["甲文标题", "乙文标题"]),
        # A sidebar of two headed blocks stays one article.
        ("甲文标题\n\n记者 张三\n\n正文,内容。\n\n相关链接\n\n规划要点\n\n到2025年,建成3家。\n\n主要活动\n\n11月下旬:冰雪节开幕;",
         ["甲文标题"]),
        ("甲文标题\n\n记者 张三\n\n正文,内容。\n\n小标题\n\n更多正文,内容。", ["甲文标题"]),  # a section heading
    ],
)
def test_a_byline_closes_an_article_and_the_next_headline_opens_one(page, titles):
    assert [a.title for a in _split(page)] == titles


@pytest.mark.parametrize(
    "line, is_heading",
    [("核心提示", True), ("四轮驱动教育高质量发展", True), ("百年大计,教育为本。", False)],
)
def test_headings_become_sections(line, is_heading):
    (article,) = _split(f"标题\n\n第一段,正文。\n\n{line}\n\n第二段,正文。")
    assert ([title for title, _ in article.section_offsets()] == [line]) is is_heading


def test_a_publish_line_above_the_headline_stays_in_the_text_of_the_article_below():
    (article,) = _split("发布日期:2024-09-26 来源:某区人民法院\n\n标题 两部分\n\n正文,内容。")
    assert article.text.startswith("发布日期:2024-09-26")


@pytest.mark.parametrize(
    "credit",
    ["图片由万盛经开区教育局提供", "（图片由金水区教育局提供）", "李卫东 摄", "图:张三", "(照片由某校提供)"],
)
def test_photo_credits_are_not_authors(credit):
    (article,) = _split(f"标题\n\n正文,内容。\n\n{credit}\n\n张三 李四")
    assert article.photo_credit == credit and article.authors == ["张三", "李四"]


@pytest.mark.parametrize(
    "page, captions, text",
    [
        # A caption with its photographer's credit, cutting into a sentence.
        ("标题\n\n在科技特派员指导下,他的120亩凤丹采用林下套种模式,去年亩均收益\n◎科技特派员在基地指导农户。 沈雨桐 摄\n达到4800元,提高近三成。",
         ["◎科技特派员在基地指导农户。 沈雨桐 摄"], "在科技特派员指导下,他的120亩凤丹采用林下套种模式,去年亩均收益达到4800元,提高近三成。"),
        # One standing between paragraphs, led by 图为; the paragraph after it is not joined to it.
        ("标题\n\n第一段,正文。\n\n图为学生在课后学习棕扇舞。(记者 杨丽琼 摄)\n同时,第二段正文。", ["图为学生在课后学习棕扇舞。(记者 杨丽琼 摄)"],
         "第一段,正文。\n同时,第二段正文。"),
        # A bullet with no credit is text, not a caption.
        ("标题\n\n成果如下:\n\n◎“某技术”获省科学技术奖一等奖;\n\n◎“某工艺”获二等奖。", [], "成果如下:\n◎“某技术”获省科学技术奖一等奖;\n◎“某工艺”获二等奖。"),
    ],
)
def test_photo_captions_are_set_aside(page, captions, text):
    (article,) = _split(page)
    assert (article.captions, article.text) == (captions, text)
