"""The vocabulary files: loading, users' additions and removals, precise errors, round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.lexicon import ROW_MODELS, LexiconError, format_lexicon_file, load_lexicon, parse_lexicon_file
from extractor.lexicon import _packaged_text  # the packaged files themselves are under test here


@pytest.mark.parametrize("kind", sorted(ROW_MODELS))
def test_every_packaged_file_loads_and_documents_itself(kind):
    text = _packaged_text(kind)
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Source" in line or "source" in line for line in comments), f"{kind}.tsv names no source"
    assert any("Columns" in line or "columns" in line for line in comments), f"{kind}.tsv explains no columns"
    assert parse_lexicon_file(kind, text, f"{kind}.tsv")


@pytest.mark.parametrize("kind", sorted(ROW_MODELS))
def test_show_tsv_round_trips_losslessly(kind, tmp_path):
    rows = load_lexicon().rows(kind)
    (tmp_path / f"{kind}.tsv").write_text(format_lexicon_file(kind, rows), encoding="utf-8")
    reloaded = [row for row, _, _ in parse_lexicon_file(kind, (tmp_path / f"{kind}.tsv").read_text(), "x")]
    assert reloaded == rows


def _user_folder(tmp_path: Path, name: str, content: bytes | str) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir(exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    (folder / name).write_bytes(data)
    return folder


def test_a_user_row_adds_a_word_and_records_where_it_came_from(tmp_path):
    folder = _user_folder(tmp_path, "units.tsv", "word\tkind\n头\tcount\n")
    lexicon = load_lexicon(folder)
    assert "头" in lexicon.words("units")
    (entry,) = [e for e in lexicon.entries("units") if e.row.word == "头"]
    assert entry.source.endswith("units.tsv:2")


def test_a_removal_row_removes_a_packaged_word(tmp_path):
    assert "所" in load_lexicon().words("units")
    folder = _user_folder(tmp_path, "units.tsv", "word\tkind\n-所\n")
    assert "所" not in load_lexicon(folder).words("units")


def test_a_user_row_replaces_the_packaged_row_of_the_same_word(tmp_path):
    folder = _user_folder(tmp_path, "units.tsv", "word\tkind\n所\tother\n")
    rows = [row for row in load_lexicon(folder).rows("units") if row.word == "所"]
    assert [row.kind for row in rows] == ["other"]


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("\ufeffword\tkind\n头\tcount\n", id="utf-8 BOM"),
        pytest.param("word\tkind\r\n头\tcount\r\n", id="CRLF"),
        pytest.param("# my words\n\nword\tkind\n\n头\tcount\n", id="comments and blank lines"),
        pytest.param("word\tkind\n 头 \t count \n", id="spaces around cells"),
    ],
)
def test_harmless_file_variations_are_accepted(tmp_path, content):
    folder = _user_folder(tmp_path, "units.tsv", content)
    assert "头" in load_lexicon(folder).words("units")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("units.tsv", "头\tcount\n", "units.tsv:1: the header row should be"),
        ("units.tsv", "word\tsize\n头\tcount\n", "units.tsv:1: the header row should be"),
        ("units.tsv", "word\tkind\n头\n", "units.tsv:2: kind: Field required"),
        ("units.tsv", "word\tkind\n头\tcows\n", "units.tsv:2: kind: Input should be"),
        ("units.tsv", "word\tkind\n头\tcount\textra\n", "units.tsv:2: 3 columns, expected at most 2"),
        ("units.tsv", "word\tkind\n两 头\tcount\n", "units.tsv:2: word: Value error, the word is empty"),
        ("units.tsv", "# only a comment\n", "units.tsv: empty file (no header row)"),
        ("units.tsv", "word\tkind\n头\tcount\n头\tcount\n", "units.tsv:3: the same row as line 2"),
        ("units.tsv", "word\tkind\n的\tcount\n".encode("gb18030"), "units.tsv: not UTF-8"),
        ("unitz.tsv", "word\tkind\n", "unitz.tsv: unknown lexicon file"),
        ("userdict.tsv", "word\tfreq\ttag\n经开区\tmany\tns\n", "userdict.tsv:2: freq: Input should be a valid integer"),
    ],
)
def test_a_malformed_file_is_refused_naming_file_line_and_problem(tmp_path, name, content, message):
    folder = _user_folder(tmp_path, name, content)
    with pytest.raises(LexiconError) as caught:
        load_lexicon(folder)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_user_folder_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="not a folder"):
        load_lexicon(tmp_path / "nowhere")


def test_the_lexicon_is_loaded_once_per_folder(tmp_path):
    assert load_lexicon() is load_lexicon()
    folder = _user_folder(tmp_path, "units.tsv", "word\tkind\n头\tcount\n")
    assert load_lexicon(folder) is load_lexicon(str(folder))
    assert load_lexicon(folder).fingerprint != load_lexicon().fingerprint


def test_a_user_jieba_word_changes_segmentation(tmp_path):
    from extractor.segment import get_segmenter

    word = "黔江号子"
    assert word not in get_segmenter("jieba").cut(f"学唱{word}。")
    folder = _user_folder(tmp_path, "userdict.tsv", f"word\tfreq\ttag\n{word}\t\tnz\n")
    for backend in ("jieba", "rjieba"):
        assert word in get_segmenter(backend, load_lexicon(folder)).cut(f"学唱{word}。"), backend


def test_a_user_unit_changes_the_figures_of_a_sentence(tmp_path):
    from extractor import extract_text

    assert "尾" not in load_lexicon().words("units"), "pick a unit the package lacks"
    sentence = "标题\n\n向水库投放鱼苗5000尾,改善水质。"
    before = [f.text for f in extract_text(sentence).articles[0].figures]
    folder = _user_folder(tmp_path, "units.tsv", "word\tkind\n尾\tcount\n")
    after = extract_text(sentence, lexicon=folder).articles[0].figures
    assert "5000尾" not in before
    assert [(f.text, f.value, f.unit) for f in after] == [("5000尾", 5000, "尾")]


@pytest.mark.parametrize(
    "file_name, content, sentence, kind, before, after",
    [
        pytest.param(
            "award_triggers.tsv", "word\tform\tstrength\n摘下\tplain\tstrong\n",
            "该队摘下全市中学生篮球联赛冠军。", "awards", [], ["全市中学生篮球联赛冠军"], id="an award trigger",
        ),
        pytest.param(
            "org_suffixes.tsv", "word\tkind\tprefix\n卫生监督所\tgovernment\tplace\n",
            "荣昌区卫生监督所开展检查。", "organizations", [], ["荣昌区卫生监督所"], id="an organization suffix",
        ),
        pytest.param(
            "units.tsv", "word\tkind\n-所\n",
            "全区7所学校入选。", "figures", ["7所"], [], id="removing a packaged unit",
        ),
    ],
)
def test_a_user_entry_changes_what_a_sentence_yields(tmp_path, file_name, content, sentence, kind, before, after):
    from extractor import extract_text

    def names(lexicon=None):
        items = getattr(extract_text(f"标题\n\n{sentence}", lexicon=lexicon).articles[0], kind)
        return [getattr(item, "name", item.text) for item in items]

    assert names() == before
    assert names(_user_folder(tmp_path, file_name, content)) == after
