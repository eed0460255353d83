"""Faults: pathological articles cost a warning, and runs killed at any point lose nothing.

- The extractor guard: a pattern that backtracks for ever, a regex timeout, a
  bug in one extractor: each becomes a warning on the article, which keeps its
  other kinds.
- Interruptions: SIGTERM/Ctrl-C inside a run (in process, deterministic), and
  a real ``extractor run`` killed with SIGKILL, SIGTERM and SIGINT at random
  moments, then run again: every output present at any time is complete and
  valid, and the rerun ends byte-identical to an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import regex

from extractor import extract_text, pipeline
from extractor.extract import _guard
from extractor.models import Document
from extractor.runner import ERRORS_FILE, Interrupted, RunConfig, discover_inputs, run_batch
from extractor.validation import validate_paths
from extractor.writer import write_if_changed

ARTICLE = "教育新闻标题\n\n万盛经开区7所学校入选市首批试点学校,2022年8月获评重庆市文明校园。\n\n王小寒"


def _forever(segmented, context):
    # Exponential backtracking: (a|aa)+ tries every split of sixty a's before failing on the b.
    regex.match(r"(a|aa)+$", "a" * 60 + "b")
    return []


def _times_out(segmented, context):
    regex.match(r"(a|aa)+$", "a" * 60 + "b", timeout=0.2)
    return []


def _breaks(segmented, context):
    raise ValueError("a bug\nover two lines")


@pytest.fixture()
def broken_figures(monkeypatch):
    """Replace the figures extractor by the given function; the others run as usual."""
    real = pipeline.get_extractor

    def use(function, time_limit: float = 0.5):
        monkeypatch.setattr(pipeline, "get_extractor", lambda kind: function if kind == "figures" else real(kind))
        monkeypatch.setattr(_guard, "EXTRACTOR_TIME_LIMIT", time_limit)

    return use


@pytest.mark.parametrize(
    ("function", "time_limit", "warning"),
    [
        (_forever, 0.5, "figures: skipped on this article: over its time limit"),
        # The alarm counts wall time and may beat the regex timeout on a busy machine: a long alarm here.
        (_times_out, 60.0, "figures: skipped on this article: regex timed out"),
        (_breaks, 0.5, "figures: internal error: ValueError: a bug over two lines"),
    ],
    ids=["catastrophic-backtracking", "regex-timeout", "bug"],
)
def test_a_failing_extractor_costs_a_warning_not_the_article(broken_figures, function, time_limit, warning):
    broken_figures(function, time_limit)
    article = extract_text(ARTICLE).articles[0]
    assert article.warnings == [warning]
    assert article.figures == [] and article.title == "教育新闻标题"
    assert article.dates == extract_text(ARTICLE).articles[0].dates  # the other kinds are untouched
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the timer is put back


def test_outside_the_main_thread_the_regex_timeout_still_guards(broken_figures):
    broken_figures(_times_out, time_limit=0.1)  # no alarm outside the main thread: only the regex's own timeout
    found = {}
    worker = threading.Thread(target=lambda: found.update(doc=extract_text(ARTICLE)))
    worker.start()
    worker.join()
    assert found["doc"].articles[0].warnings == ["figures: skipped on this article: regex timed out"]


def test_a_handler_of_sigalrm_set_by_the_host_program_is_left_alone(broken_figures):
    broken_figures(_times_out, time_limit=0.1)  # not armed: the host's handler stays
    calls = []
    previous = signal.signal(signal.SIGALRM, lambda *_: calls.append(1))
    try:
        assert extract_text(ARTICLE).articles[0].warnings == ["figures: skipped on this article: regex timed out"]
        assert signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL and calls == []
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_a_failing_dateline_reader_costs_a_warning(monkeypatch):
    from extractor.extract import dates

    monkeypatch.setattr(dates, "find_dateline", lambda text: 1 / 0)
    article = extract_text(ARTICLE).articles[0]
    assert article.warnings == ["dateline: internal error: ZeroDivisionError: division by zero"]
    assert article.reference_date is None


# --- interruptions inside a run --------------------------------------------------------


@pytest.fixture()
def folder(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for index in range(6):
        (raw / f"p{index}.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "p1.txt").write_bytes(b"")  # a failure before the interruption, for the error log
    return raw


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_interrupted_run_reports_it_and_leaves_only_complete_files(tmp_path, folder, jobs):
    def interrupt_after_three(result) -> None:
        if len(seen) == 2:
            raise Interrupted(signal.SIGTERM)
        seen.append(result)

    seen: list = []
    out = tmp_path / "out"
    summary = run_batch(discover_inputs([folder]), RunConfig(out=out), jobs=jobs, on_result=interrupt_after_three)
    assert summary.interrupted == signal.SIGTERM
    assert [Path(r.path).name for r in summary.results] == ["p0.txt", "p1.txt", "p2.txt"]
    assert json.loads((out / ERRORS_FILE).read_text()) == {"path": str(folder / "p1.txt"), "reason": "empty file"}
    assert not list(out.glob(".*.tmp"))
    problems, checked = validate_paths([out])
    assert problems == [] and checked >= 2


def test_a_write_interrupted_halfway_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    monkeypatch.setattr("extractor.writer._IN_MEMORY_BYTES", 10)  # stream through the temporary file
    target = tmp_path / "a.json"
    target.write_bytes(b"the old, complete output")

    def pieces():
        yield b"x" * 100
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_if_changed(target, pieces())
    assert target.read_bytes() == b"the old, complete output"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


# --- a real run, killed at random moments -----------------------------------------------

ROUNDS = int(os.environ.get("EXTRACTOR_FAULT_ROUNDS", "6"))
PAGES = 40
# (signal, sent to the whole process group?): kill -9 of everything, a polite SIGTERM, a Ctrl-C.
KILLS = [(signal.SIGKILL, True), (signal.SIGTERM, False), (signal.SIGINT, True)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, sample_path) -> Path:
    """Many copies and variants of the sample: encodings, line ends, HTML, and files that fail."""
    raw = tmp_path_factory.mktemp("faults") / "raw"
    (raw / "sub").mkdir(parents=True)
    text = sample_path.read_text(encoding="utf-8")
    for index in range(PAGES):
        (raw / f"page{index:02d}.txt").write_text(text, encoding="utf-8")
    (raw / "gbk.txt").write_bytes(text.encode("gb18030"))
    (raw / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode())
    (raw / "sub" / "网页 副本.txt").write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    (raw / "sub" / "double.txt").write_text(text * 4, encoding="utf-8")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (raw / "empty.txt").write_bytes(b"")
    return raw


def _run(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "extractor", "run", str(raw), "--out", str(out), "-q", *extra]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> tuple[dict[str, bytes], float]:
    out = tmp_path_factory.mktemp("reference") / "out"
    started = time.monotonic()
    process = _run(corpus, out, "-j", "1")
    assert process.wait() == 1, process.stderr.read()  # two files fail: image.txt and empty.txt
    return _tree(out), time.monotonic() - started


def test_a_run_killed_at_random_moments_loses_nothing_and_a_rerun_finishes_the_job(corpus, reference, tmp_path):
    expected, seconds = reference
    assert len([name for name in expected if name.endswith(".json")]) == PAGES + 4
    rng = random.Random(20240709)
    for round_number in range(ROUNDS):
        kill, to_group = KILLS[round_number % len(KILLS)]
        out = tmp_path / f"out{round_number}"
        earlier = tmp_path / f"out{round_number - len(KILLS)}-killed"
        if earlier.exists():  # later rounds start from the half-done output of an earlier one
            shutil.copytree(earlier, out)
        left_before = set(out.rglob(".*.tmp"))
        process = _run(corpus, out, "-j", str(1 + round_number % 2), "--resume")
        time.sleep(rng.uniform(0.2, seconds))
        if to_group:
            os.killpg(process.pid, kill)
        else:
            process.send_signal(kill)
        code = process.wait()
        _wait_until_gone(process.pid)  # a killed group's workers die a moment after their parent
        if kill != signal.SIGKILL:
            # A polite stop: exit 128+signal, or die of it while still starting up (nothing written yet),
            # or the run was over already; and nothing half written is left.
            assert code in (128 + kill, -kill, 0, 1), process.stderr.read()
            assert set(out.rglob(".*.tmp")) <= left_before
        _assert_every_present_output_is_complete(out, expected)
        if out.exists():
            shutil.copytree(out, tmp_path / f"out{round_number}-killed")
        rerun = _run(corpus, out, "-j", str(2 - round_number % 2), "--resume")
        assert rerun.wait() == 1, rerun.stderr.read()
        assert _tree(out) == expected  # byte-identical, error log included, stale temporary files gone


def _wait_until_gone(group: int, deadline_seconds: float = 30.0) -> None:
    """Wait until no live process (zombies aside) is left in the process group."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                state, _, group_id = stat.read_text().rsplit(")", 1)[1].split()[:3]
            except (OSError, IndexError, ValueError):
                continue
            if int(group_id) == group and state not in ("Z", "X"):
                alive.append(stat)
        if not alive:
            return
        time.sleep(0.05)
    raise AssertionError(f"process group {group} still running")


def _assert_every_present_output_is_complete(out: Path, expected: dict[str, bytes]) -> None:
    for name, data in _tree(out).items():
        if name.rsplit("/", 1)[-1].startswith("."):
            assert name.endswith(".tmp")  # what a kill -9 leaves: the next run removes it
        elif name == ERRORS_FILE:
            assert set(data.splitlines()) <= set(expected[ERRORS_FILE].splitlines())
        else:
            assert data == expected[name], name
            Document.model_validate_json(data)


def test_stale_temporary_files_are_ignored_by_validation_and_removed_by_the_next_run(corpus, reference, tmp_path):
    expected, _ = reference
    out = tmp_path / "out"
    shutil.copytree(corpus, tmp_path / "raw")
    process = _run(tmp_path / "raw", out, "-j", "1")
    process.wait()
    stale = out / ".page00.json.999999999-deadbeef.tmp"
    stale.write_bytes(b'{"schema_version": "1.0", "sou')
    assert validate_paths([out]) == ([], PAGES + 4)
    _run(tmp_path / "raw", out, "-j", "1", "--resume").wait()
    assert not stale.exists()
