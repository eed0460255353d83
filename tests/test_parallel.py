"""--jobs N: files in chunks and the articles of big files on worker processes, same output as one process.

The size thresholds are lowered so that small test files exercise the
chunking and the splitting of a big file; no test measures time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import runner
from extractor.runner import FileResult, RunConfig, _BigFile, _pool_units, discover_inputs, run_batch

SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "data" / "raw" / "000_de12ec8bcb7dc337.txt"
SMALL_ARTICLES = [
    "万盛小学获评市级文明校园\n\n2023年,学校新增教师17人,8所学校入选试点。\n\n王小寒",
    "荣昌区政协开展委员沙龙\n\n去年5月,委员走访小院,帮助25家企业融资5.3亿元。\n\n陈钰桦",
    "黔江民族中学举办主题班会\n\n近日,学校组织师生600余人参加活动。",
]


@pytest.fixture
def small_thresholds(monkeypatch):
    # A file of 4 kB or more is split into articles; chunks hold about 300 bytes or 2 files.
    monkeypatch.setattr(runner, "_SPLIT_BYTES", 4_000)
    monkeypatch.setattr(runner, "_CHUNK_BYTES", 300)
    monkeypatch.setattr(runner, "_CHUNK_FILES", 2)


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number, text in enumerate(SMALL_ARTICLES * 2):
        (folder / f"a{number}.txt").write_text(text, encoding="utf-8")
    (folder / "b_page.txt").write_bytes(SAMPLE_PAGE.read_bytes())  # three articles, ~20 kB: split
    (folder / "c_after.txt").write_text(SMALL_ARTICLES[0], encoding="utf-8")
    return folder


def _shape(unit) -> str:
    return "big" if isinstance(unit, _BigFile) else f"chunk of {len(unit)}"


@pytest.mark.parametrize(
    "sizes, shapes",
    [
        ([100, 100, 100], ["chunk of 2", "chunk of 1"]),  # at most _CHUNK_FILES files per chunk
        ([200, 200, 50], ["chunk of 2", "chunk of 1"]),  # a chunk closes once it holds _CHUNK_BYTES
        ([350, 10], ["chunk of 1", "chunk of 1"]),
        ([10, 5_000, 10], ["chunk of 1", "big", "chunk of 1"]),  # a big file stands alone
        ([5_000, 5_000], ["big", "big"]),
        ([], []),
    ],
)
def test_units_group_small_files_and_set_big_ones_apart(small_thresholds, tmp_path, sizes, shapes):
    tasks = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"{number}.txt"
        path.write_bytes(b"x" * size)
        tasks.append((path, tmp_path, RunConfig()))
    assert [_shape(unit) for unit in _pool_units(tasks)] == shapes


def test_a_missing_file_and_a_settled_failure_are_small_units(small_thresholds, tmp_path):
    settled = FileResult("x.txt", "failed", reason="output taken")
    units = _pool_units([(tmp_path / "missing.txt", tmp_path, RunConfig()), settled])
    assert [_shape(unit) for unit in units] == ["chunk of 2"]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_two_processes_write_the_same_bytes_as_one(small_thresholds, inputs, tmp_path, output_format):
    files = discover_inputs([inputs])
    one = run_batch(files, RunConfig(out=tmp_path / "one", format=output_format), jobs=1)
    two = run_batch(files, RunConfig(out=tmp_path / "two", format=output_format), jobs=2)
    assert [(r.path, r.status, r.articles, r.counts) for r in two.results] == [
        (r.path, r.status, r.articles, r.counts) for r in one.results
    ]
    assert next(r for r in two.results if r.path.endswith("b_page.txt")).articles == 3
    assert _outputs(tmp_path / "two") == _outputs(tmp_path / "one")


def test_printed_documents_come_back_in_input_order(small_thresholds, inputs):
    files = discover_inputs([inputs])
    one = run_batch(files, RunConfig(), jobs=1)
    two = run_batch(files, RunConfig(), jobs=2)
    assert [r.payload for r in two.results] == [r.payload for r in one.results]
    assert all(r.payload for r in two.results)


def test_stopping_early_reports_only_what_was_taken(small_thresholds, inputs, tmp_path):
    seen: list[str] = []

    def stop_after_first(result: FileResult) -> bool:
        seen.append(result.path)
        return True

    summary = run_batch(discover_inputs([inputs]), RunConfig(out=tmp_path / "out"), jobs=2, on_result=stop_after_first)
    assert [r.path for r in summary.results] == seen == [str(inputs / "a0.txt")]


def test_one_big_file_alone_uses_the_pool_and_gives_the_same_document(small_thresholds, tmp_path):
    (tmp_path / "in").mkdir()
    page = tmp_path / "in" / "page.txt"
    page.write_bytes(SAMPLE_PAGE.read_bytes())
    files = discover_inputs([page])
    assert [_shape(unit) for unit in _pool_units([(page, page.parent, RunConfig())])] == ["big"]
    one = run_batch(files, RunConfig(), jobs=1)
    two = run_batch(files, RunConfig(), jobs=2)
    assert two.results[0].payload == one.results[0].payload
