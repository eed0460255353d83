"""Segmenter backends and SegmentedText: boundaries, words, sentences, dictionaries.

Both backends run every behaviour row; how often their words differ on the
sample page is printed (``pytest -s``) and bounded.
"""

from __future__ import annotations

from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.lexicon import load_lexicon
from extractor.segment import DEFAULT_SEGMENTER, SEGMENTERS, get_segmenter, segment_text

SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_de12ec8bcb7dc337.txt"
# Share of word boundaries on which the two backends may disagree on the sample page.
MAX_BOUNDARY_DISAGREEMENT = 0.01

backends = pytest.mark.parametrize("backend", SEGMENTERS)


@pytest.fixture(scope="module", params=SEGMENTERS)
def segmenter(request):
    return get_segmenter(request.param)


@pytest.mark.parametrize(
    "text, words",
    [
        ("7所学校入选。", ["7", "所", "学校", "入选", "。"]),
        ("", []),
        ("a  b\t\r\n", ["a", " ", " ", "b", "\t", "\r\n"]),
        ("😀中文\u3000x", ["😀", "中文", "\u3000", "x"]),
        ("学校\ud800入选", ["学校", "\ud800", "入选"]),  # a lone surrogate stays a word of its own
    ],
)
def test_words_and_starts(segmenter, text, words):
    segmented = segment_text(text, segmenter)
    assert segmented.words == words
    assert segmented.starts == list(accumulate([len(w) for w in words], initial=0))[:-1]


@pytest.mark.parametrize(
    "offset, expected",
    [(0, True), (1, True), (2, True), (3, False), (4, True), (5, False), (6, True), (7, True), (8, False), (-1, False)],
)
def test_is_boundary(segmenter, offset, expected):
    assert segment_text("7所学校入选。", segmenter).is_boundary(offset) is expected


@pytest.mark.parametrize(
    "offset, expected",
    [(0, (0, 1, "7")), (2, (2, 4, "学校")), (3, (2, 4, "学校")), (5, (4, 6, "入选")), (6, (6, 7, "。"))],
)
def test_word_at(segmenter, offset, expected):
    assert segment_text("7所学校入选。", segmenter).word_at(offset) == expected


@pytest.mark.parametrize("offset, expected", [(0, "7"), (2, "学校"), (3, ""), (4, "入选"), (7, ""), (99, "")])
def test_word_after(segmenter, offset, expected):
    assert segment_text("7所学校入选。", segmenter).word_after(offset) == expected


@pytest.mark.parametrize(
    "offset, span, sentence",
    [
        (0, (0, 4), "第一句。"),
        (3, (0, 4), "第一句。"),
        (4, (4, 9), "第二句！"),  # the line break after the end belongs to the sentence it closes
        (8, (4, 9), "第二句！"),
        (9, (9, 15), "第三句”结束"),
        (14, (9, 15), "第三句”结束"),
    ],
)
def test_sentences(segmenter, offset, span, sentence):
    segmented = segment_text("第一句。第二句！\n第三句”结束", segmenter)
    assert segmented.sentence_span(offset) == span
    assert segmented.sentence_at(offset) == sentence


@pytest.mark.parametrize(
    "text, sentence_starts",
    [
        ("他说：“好！”然后走了。", [0, 7]),
        ("一。\n\n二？三", [0, 4, 6]),
        ("标题\n正文；续", [0, 3, 6]),
        ("没有句号", [0]),
    ],
)
def test_sentence_starts(segmenter, text, sentence_starts):
    assert segment_text(text, segmenter).sentence_starts == sentence_starts


def test_tag_span_tags_only_the_span(segmenter):
    assert segment_text("7所学校入选。", segmenter).tag_span(2, 4) == [("学校", "n")]


@backends
def test_packaged_user_words_stay_whole(backend):
    segmenter = get_segmenter(backend)
    for row in load_lexicon().rows("userdict"):
        assert segmenter.cut(row.word) == [row.word], row.word


@backends
def test_a_user_word_changes_segmentation(backend, tmp_path):
    text = "全区推进星河启航工程建设"
    assert "星河启航工程" not in get_segmenter(backend).cut(text)
    (tmp_path / "userdict.tsv").write_text("word\tfreq\ttag\n星河启航工程\t\tnz\n", encoding="utf-8")
    with_user_word = get_segmenter(backend, load_lexicon(tmp_path))
    assert with_user_word.cut(text) == ["全区", "推进", "星河启航工程", "建设"]


def test_backends_cut_the_sample_page_alike():
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    boundaries = {name: set(accumulate(map(len, get_segmenter(name).cut(text)))) for name in SEGMENTERS}
    first, second = (boundaries[name] for name in SEGMENTERS)
    disagreement = len(first ^ second) / len(first | second)
    print(f"\nword boundaries that differ between {' and '.join(SEGMENTERS)} on the sample page: "
          f"{len(first ^ second)} of {len(first | second)} ({disagreement:.2%})")
    assert disagreement <= MAX_BOUNDARY_DISAGREEMENT


def test_a_segmenter_is_built_once_per_process_and_lexicon():
    assert get_segmenter(DEFAULT_SEGMENTER) is get_segmenter(DEFAULT_SEGMENTER, load_lexicon())


def test_an_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown segmenter"):
        get_segmenter("thulac")


_TEXT = st.text(
    alphabet=st.sampled_from(list("学校入选教育局万盛经开区7１2.3%万亿元年月日。！？；，、：“”（）\n \u3000aZ😀")),
    max_size=80,
)


@settings(max_examples=60, deadline=None)
@given(text=_TEXT)
def test_offsets_are_consistent_for_any_text(segmenter, text):
    segmented = segment_text(text, segmenter)
    assert "".join(segmented.words) == text
    starts = set(segmented.starts)
    for offset in range(len(text) + 1):
        assert segmented.is_boundary(offset) is (offset in starts or offset == len(text))
    for offset in range(len(text)):
        start, end, word = segmented.word_at(offset)
        assert start <= offset < end and text[start:end] == word
        sentence_start, sentence_end = segmented.sentence_span(offset)
        assert sentence_start <= offset < sentence_end
    assert segmented.sentence_starts[0] == 0
    assert segmented.sentence_starts == sorted(set(segmented.sentence_starts))


def test_memo_builds_once_per_article(segmenter):
    builds: list[str] = []

    def build_index() -> str:
        builds.append("built")
        return "index"

    first, second = segment_text("第一篇。", segmenter), segment_text("第一篇。", segmenter)
    assert [first.memo("quotes", build_index), first.memo("quotes", build_index)] == ["index", "index"]
    assert second.memo("quotes", build_index) == "index"
    assert len(builds) == 2  # once for each article, not once per call


# The jieba backend tags unknown words with its own Viterbi search (extractor._posseg),
# which must find exactly the path jieba.posseg's search finds.
@pytest.mark.parametrize(
    "observed",
    [
        "陶庆明", "渝事好", "亦是向高而攀勇", "为国赛备赛", "青说青听", "溱州",  # names, new terms, run-ons
        "个", "一坛", "度的",  # one and two characters
        "\u9fa5\u9fa4", "𠀀中",  # characters the model has never seen (every state is possible)
    ],
)
def test_fast_viterbi_finds_jiebas_path(observed):
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    from extractor._posseg import viterbi

    assert viterbi(observed) == jieba_viterbi(observed, char_state_tab_P, start_P, trans_P, emit_P)


@settings(max_examples=150, deadline=None)
@given(observed=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=10))
def test_fast_viterbi_matches_jieba_on_any_han_text(observed):
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    from extractor._posseg import viterbi

    assert viterbi(observed) == jieba_viterbi(observed, char_state_tab_P, start_P, trans_P, emit_P)


def test_fast_tagger_tags_a_sentence_like_posseg():
    import jieba
    import jieba.posseg

    from extractor._posseg import FastPosTokenizer

    tokenizer = jieba.Tokenizer()
    text = "陶庆明老师和秦梅梅在溱州为国赛备赛，共12所学校参加。"
    slow = [(pair.word, pair.flag) for pair in jieba.posseg.POSTokenizer(tokenizer).lcut(text)]
    assert [(pair.word, pair.flag) for pair in FastPosTokenizer(tokenizer).lcut(text)] == slow
