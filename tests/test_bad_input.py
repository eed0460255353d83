"""Bad input: every kind of file a scraped folder holds has a defined outcome, and the batch goes on.

Each row of CASES is one input file in one batch; the tests below check the
outcome of each row (written and valid, or failed with its reason), then the
file-system troubles (links, permissions, files that vanish or change), output
paths, the error log and exit codes, --resume, and the streamed path for big
files.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import runner
from extractor.cli import app
from extractor.models import Document
from extractor.reading import MAX_ARTICLE_CHARS
from extractor.runner import ERRORS_FILE, RunConfig, discover_inputs, process_file, run_batch
from extractor.validation import validate_paths
from extractor.writer import output_path

ARTICLE = (
    "万盛经开区 教育升级绘盛景\n\n"
    "万盛经开区着力打造全市教育高质量发展先行区,7所学校入选市首批中小学教师评价试点学校。\n\n"
    "2022年8月,万盛职教中心被遴选为全市首批中小学校党建“双创”样板支部培育创建单位。\n\n"
    "王小寒 唐华颖"
)
TRADITIONAL = (
    "萬盛經開區 教育升級繪盛景\n\n"
    "萬盛經開區著力打造全市教育高質量發展先行區,7所學校入選市首批中小學教師評價試點學校。\n\n"
    "2022年8月,萬盛職教中心被遴選為全市首批中小學校黨建“雙創”樣板支部培育創建單位。\n\n"
    "王小寒 唐華穎"
)
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><script>var x = '<p>';</script></head>"
    "<body><div>" + ARTICLE.replace("\n\n", "</div><div>") + "</div></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
ZIP = b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml" + bytes(200)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256))
NO_TEXT = "no text (only white space or markup)"

# name -> (bytes, expected status, expected reason, expected encoding, expected replaced_chars)
CASES: dict[str, tuple[bytes, str, str | None, str | None, int]] = {
    "empty.txt": (b"", "failed", "empty file", None, 0),
    "blank.txt": (" \r\n\t\n\u3000\n".encode(), "failed", NO_TEXT, None, 0),
    "image.txt": (PNG, "failed", "not text", None, 0),
    "archive.txt": (ZIP, "failed", "not text", None, 0),
    "paper.txt": (PDF, "failed", "not text", None, 0),
    "only-markup.txt": (b"<html><body><script>x()</script><div> </div></body></html>", "failed", NO_TEXT, None, 0),
    "utf8.txt": (ARTICLE.encode(), "written", None, "utf-8", 0),
    "utf8-bom.txt": (codecs.BOM_UTF8 + ARTICLE.encode(), "written", None, "utf-8-sig", 0),
    "damaged.txt": (ARTICLE.encode().replace("学校".encode(), b"\xff\xfe", 1), "written", None, "utf-8", 2),
    "gbk.txt": (ARTICLE.encode("gbk"), "written", None, "gb18030", 0),
    "gb18030.txt": (ARTICLE.encode("gb18030"), "written", None, "gb18030", 0),
    "damaged-gbk.txt": (ARTICLE.encode("gbk").replace("学校".encode("gbk"), b"\xff", 1), "written", None, "gb18030", 1),
    "big5.txt": (TRADITIONAL.encode("big5"), "written", None, "big5", 0),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "written", None, "utf-16", 0),
    "utf16-no-bom.txt": (ARTICLE.encode("utf-16-le"), "written", None, "utf-16-le", 0),
    "utf16be-no-bom.txt": (ARTICLE.encode("utf-16-be"), "written", None, "utf-16-be", 0),
    "crlf.txt": (ARTICLE.replace("\n", "\r\n").encode(), "written", None, "utf-8", 0),
    "cr.txt": (ARTICLE.replace("\n", "\r").encode(), "written", None, "utf-8", 0),
    "full-width.txt": (ARTICLE.replace(",", "，").replace("7", "７").encode(), "written", None, "utf-8", 0),
    "page.html.txt": (HTML.encode(), "written", None, "utf-8", 0),
    "名字 有空格.txt": (ARTICLE.encode(), "written", None, "utf-8", 0),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "raw"
    folder.mkdir()
    for name, (data, *_) in CASES.items():
        (folder / name).write_bytes(data)
    out = folder.parent / "out"
    summary = run_batch(discover_inputs([folder]), RunConfig(out=out), jobs=1)
    return folder, out, {Path(result.path).name: result for result in summary.results}


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_input_has_its_outcome(batch, name):
    folder, out, results = batch
    data, status, reason, encoding, replaced = CASES[name]
    result = results[name]
    assert (result.status, result.reason) == (status, reason)
    target = output_path(folder / name, folder, out)
    if status == "failed":
        assert not target.exists()
        return
    document = Document.model_validate_json(target.read_bytes())
    assert (document.source.encoding, document.source.replaced_chars, document.source.bytes) == (
        encoding, replaced, len(data)
    )
    article = document.articles[0]
    title, *_, byline = (TRADITIONAL if encoding == "big5" else ARTICLE).split("\n")
    assert (article.title, article.authors) == (title, byline.split())
    assert "<" not in article.text and "\r" not in article.text


def test_every_failure_of_the_batch_is_in_the_error_log(batch):
    folder, out, results = batch
    logged = [json.loads(line) for line in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    failed = sorted((result.path, result.reason) for result in results.values() if result.failed)
    assert sorted((entry["path"], entry["reason"]) for entry in logged) == failed
    assert len(failed) == sum(1 for case in CASES.values() if case[1] == "failed")


def test_the_outputs_of_the_batch_are_valid(batch):
    _, out, results = batch
    problems, checked = validate_paths([out])
    assert (problems, checked) == ([], sum(1 for r in results.values() if r.status == "written"))


# --- the file system ---------------------------------------------------------------


def _one(path: Path, tmp_path: Path, **config) -> runner.FileResult:
    return process_file(path, path.parent, RunConfig(out=tmp_path / "out", **config))


def test_a_symlink_loop_fails_with_its_reason(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink(loop.name, loop)
    assert discover_inputs([tmp_path]) == [(loop, tmp_path)]
    assert (_one(loop, tmp_path).status, _one(loop, tmp_path).reason) == ("failed", "symbolic link loop")


@pytest.mark.parametrize("make", ["missing", "dangling-link"])
def test_a_path_that_does_not_exist_fails_with_its_reason(tmp_path, make):
    path = tmp_path / "gone.txt"
    if make == "dangling-link":
        os.symlink(tmp_path / "nowhere.txt", path)
    assert discover_inputs([path]) == [(path, tmp_path)]
    assert (_one(path, tmp_path).status, _one(path, tmp_path).reason) == ("failed", "no such file")


def test_a_file_without_read_permission_fails_with_its_reason(tmp_path, monkeypatch):
    # Root reads every file whatever its mode, so the refusal is simulated where the runner opens inputs.
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")

    def refuse(path):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(runner, "_open_input", refuse)
    assert (_one(path, tmp_path).status, _one(path, tmp_path).reason) == ("failed", "permission denied")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a file of mode 000")
def test_a_real_file_of_mode_000_fails_with_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    try:
        assert _one(path, tmp_path).reason == "permission denied"
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can list a folder of mode 000")
def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(tmp_path):
    folder = tmp_path / "raw" / "locked"
    folder.mkdir(parents=True)
    folder.chmod(0)
    try:
        (result,) = run_batch(discover_inputs([tmp_path / "raw"]), RunConfig(out=tmp_path / "out")).results
        assert (result.path, result.reason) == (str(folder), "permission denied")
    finally:
        folder.chmod(0o755)


def test_a_read_error_in_the_middle_of_a_file_fails_with_its_reason(tmp_path, monkeypatch):
    class FailingDisk(io.BytesIO):
        def read(self, size=-1):
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(runner, "_open_input", lambda path: FailingDisk())
    result = _one(tmp_path / "page.txt", tmp_path)
    assert (result.status, result.reason) == ("failed", "cannot read: Input/output error")


def test_a_file_deleted_during_the_run_fails_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(ARTICLE, encoding="utf-8")

    def delete_the_next(result) -> None:
        if result.path.endswith("a.txt"):
            (folder / "b.txt").unlink()

    summary = run_batch(discover_inputs([folder]), RunConfig(out=tmp_path / "out"), on_result=delete_the_next)
    assert [(Path(r.path).name, r.status, r.reason) for r in summary.results] == [
        ("a.txt", "written", None), ("b.txt", "failed", "no such file"), ("c.txt", "written", None),
    ]


def test_a_big_file_that_changes_while_it_is_read_fails_and_leaves_no_output(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "STREAM_BYTES", 100)

    class Rewritten(io.BytesIO):
        """A file that someone appends to between the runner's first pass and its second."""

        rewinds = 0

        def seek(self, offset, whence=0):
            self.rewinds += 1
            if self.rewinds == 2:  # the rewind after the first pass
                self.__init__(ARTICLE.encode() + "又一句。".encode())
            return super().seek(offset, whence)

    monkeypatch.setattr(runner, "_open_input", lambda path: Rewritten(ARTICLE.encode()))
    result = _one(tmp_path / "page.txt", tmp_path)
    assert (result.status, result.reason) == ("failed", "the file changed while it was being read")
    assert list((tmp_path / "out").glob("**/*")) == []  # not even a temporary file


def test_a_named_pipe_is_read_like_a_file_even_when_it_is_big(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "STREAM_BYTES", 100)  # the pipe is copied aside to be read twice
    pipe = tmp_path / "piped.txt"
    os.mkfifo(pipe)
    writer = threading.Thread(target=lambda: pipe.write_bytes(ARTICLE.encode("gbk")))
    writer.start()
    result = _one(pipe, tmp_path)
    writer.join()
    regular = tmp_path / "regular" / "piped.txt"
    regular.parent.mkdir()
    regular.write_bytes(ARTICLE.encode("gbk"))
    expected = process_file(regular, regular.parent, RunConfig(out=tmp_path / "expected"))
    assert (result.status, expected.status) == ("written", "written")
    assert _without_path(Path(result.output)) == _without_path(Path(expected.output))


def _without_path(output: Path) -> dict:
    document = json.loads(output.read_bytes())
    document["source"].pop("path")
    return document


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement_characters(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    name = "新闻-".encode("gbk") + b".txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as stream:
        stream.write(ARTICLE.encode())
    (result,) = run_batch(discover_inputs([folder]), RunConfig(out=tmp_path / "out")).results
    assert result.status == "written" and "\ufffd" in result.path
    document = Document.model_validate_json(Path(result.output).read_bytes())
    assert document.source.path == result.path


# --- output paths ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "root", "expected"),
    [
        ("raw/a/b.txt", "raw", "out/a/b.json"),
        ("raw/../../etc/x.txt", "raw/../..", "out/etc/x.json"),
        ("/abs/where/x.txt", "/abs/where", "out/x.json"),
        ("../x.txt", "..", "out/x.json"),
        ("raw/名字 有空格.txt", "raw", "out/名字 有空格.json"),
        ("raw/..txt", "raw", "out/..txt.json"),
        ("raw/noext", "raw", "out/noext.json"),
    ],
)
def test_output_paths_stay_inside_the_output_folder(tmp_path, monkeypatch, path, root, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raw" / "a").mkdir(parents=True)
    target = output_path(Path(path), Path(root), Path("out"))
    assert target.as_posix() == expected
    assert ".." not in target.parts and not target.is_absolute()


def test_two_inputs_with_one_output_name_never_overwrite_each_other(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "a.md").write_text(ARTICLE.replace("王小寒", "李四"), encoding="utf-8")
    summary = run_batch(discover_inputs([folder], "*"), RunConfig(out=tmp_path / "out"))
    assert [(Path(r.path).name, r.status) for r in summary.results] == [("a.md", "written"), ("a.txt", "failed")]
    assert summary.results[1].reason == f"output {tmp_path / 'out' / 'a.json'} is already the output of {folder / 'a.md'}"
    assert "李四" in (tmp_path / "out" / "a.json").read_text(encoding="utf-8")


def test_an_output_that_cannot_be_written_fails_with_its_reason(tmp_path):
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    (tmp_path / "raw" / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").write_text("a file where the output folder should be")
    (result,) = run_batch(discover_inputs([tmp_path / "raw"]), RunConfig(out=tmp_path / "out")).results
    assert result.status == "failed" and result.reason.startswith(f"cannot write {tmp_path / 'out' / 'sub' / 'a.json'}")


def test_temporary_files_of_killed_runs_are_removed_and_live_ones_kept(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".a.json.999999999-0123abcd.tmp"  # above any pid_max: that process is gone
    live = out / ".a.json.1-0123abcd.tmp"  # pid 1 is always running
    other = out / ".notes.tmp"  # not one of ours
    for path in (dead, live, other):
        path.write_text("{half a docu")
    run_batch(discover_inputs([folder]), RunConfig(out=out))
    assert sorted(p.name for p in out.iterdir()) == sorted(["a.json", live.name, other.name])


# --- --resume ------------------------------------------------------------------------


def _change_input(folder: Path, output: Path) -> None:
    (folder / "a.txt").write_text(ARTICLE.replace("7所", "8所"), encoding="utf-8")


def _truncate_output(folder: Path, output: Path) -> None:
    data = output.read_bytes()
    output.write_bytes(data[: len(data) // 2])


def _delete_output(folder: Path, output: Path) -> None:
    output.unlink()


def _move_input(folder: Path, output: Path) -> None:
    output.write_text(output.read_text(encoding="utf-8").replace(str(folder), "elsewhere"), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "status"),
    [(None, "skipped"), (_change_input, "written"), (_truncate_output, "written"), (_delete_output, "written"),
     (_move_input, "written")],
    ids=["untouched", "input-changed", "output-truncated", "output-deleted", "output-of-another-path"],
)
@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_resume_skips_only_complete_up_to_date_outputs(tmp_path, change, status, output_format):
    folder, out = tmp_path / "raw", tmp_path / "out"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    files = discover_inputs([folder])
    (first,) = run_batch(files, RunConfig(out=out, format=output_format)).results
    if change is not None:
        change(folder, Path(first.output))
    (result,) = run_batch(files, RunConfig(out=out, format=output_format, resume=True)).results
    assert result.status == status
    assert Path(result.output).read_bytes() == Path(first.output).read_bytes() or change is _change_input


# --- exit codes and messages ----------------------------------------------------------


def _cli(*args: str):
    return CliRunner().invoke(app, ["run", *args])


@pytest.mark.parametrize(
    ("files", "code"),
    [({"a.txt": ARTICLE}, 0), ({"a.txt": ARTICLE, "b.txt": ""}, 1), ({"b.txt": PNG}, 1)],
    ids=["all-good", "one-empty", "all-bad"],
)
def test_exit_code_is_0_when_all_succeeded_and_1_when_some_failed(tmp_path, files, code):
    folder = tmp_path / "raw"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    assert _cli(str(folder), "--out", str(tmp_path / "out"), "-j", "1", "-q").exit_code == code


def test_a_path_that_does_not_exist_exits_1_with_one_line(tmp_path):
    result = _cli(str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{tmp_path / 'nope.txt'}: no such file"]


def test_each_failure_is_one_line_however_long_its_path(tmp_path):
    folder = tmp_path / ("很长的文件夹名字" * 8)
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(PNG)
    result = _cli(str(folder), "--out", str(tmp_path / "out"), "-q")
    assert result.output.splitlines() == [f"{folder / name}: not text" for name in ("a.txt", "b.txt", "c.txt")]


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_bytes(PNG)
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = _cli(str(folder), "--out", str(tmp_path / "out"), "--fail-fast", "-j", "1", "-q")
    assert result.exit_code == 1 and result.output.splitlines() == [f"{folder / 'a.txt'}: not text"]
    assert not (tmp_path / "out" / "b.json").exists()
    assert json.loads((tmp_path / "out" / ERRORS_FILE).read_text())["reason"] == "not text"


def test_the_summary_counts_the_failures(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_bytes(PNG)
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = _cli(str(folder), "--out", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1
    counts = {line.split("│")[1].strip(): line.split("│")[2].strip() for line in result.output.splitlines()
              if line.count("│") == 3}
    assert (counts["files"], counts["written"], counts["files failed"]) == ("2", "1", "1")


# --- big inputs: streamed article by article ------------------------------------------


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_a_streamed_file_gives_the_bytes_of_a_file_read_whole(tmp_path, monkeypatch, sample_text, output_format,
                                                              encoding):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "page.txt").write_bytes((sample_text * 2).encode(encoding))
    files = discover_inputs([folder])
    whole = run_batch(files, RunConfig(out=tmp_path / "whole", format=output_format)).results[0]
    monkeypatch.setattr(runner, "STREAM_BYTES", 1000)
    monkeypatch.setattr("extractor.reading.READ_CHUNK_BYTES", 777)
    streamed = run_batch(files, RunConfig(out=tmp_path / "streamed", format=output_format)).results[0]
    assert (whole.status, streamed.status, streamed.articles) == ("written", "written", 6)
    assert Path(streamed.output).read_bytes() == Path(whole.output).read_bytes()


def test_a_single_line_of_megabytes_is_cut_into_articles_with_warnings(tmp_path, sample_text):
    line = sample_text.replace("\n", "") * 40  # no line break at all: a page exported without them
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    result = _one(path, tmp_path)
    document = Document.model_validate_json(Path(result.output).read_bytes())
    assert result.status == "written" and len(document.articles) >= 2
    assert all(len(article.text) <= MAX_ARTICLE_CHARS for article in document.articles)
    assert "".join(a.title + a.text for a in document.articles).replace("\n", "") == line
    assert all(any(w.startswith("article cut at") for w in a.warnings) for a in document.articles)


_PEAK_RSS = (
    "import resource, sys\n"
    "from extractor.cli import main\n"
    "sys.argv = ['extractor', 'run', sys.argv[1], '--out', sys.argv[2], '-q', '-j', '1']\n"
    "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
)


def _peak_rss_mb(path: Path, out: Path) -> int:
    done = subprocess.run([sys.executable, "-c", _PEAK_RSS, str(path), str(out)], capture_output=True, text=True,
                          check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.parametrize("megabytes", [int(os.environ.get("EXTRACTOR_BIG_MB", "12"))])
def test_memory_does_not_grow_with_the_size_of_a_file(tmp_path, sample_path, megabytes):
    """A file bigger than STREAM_BYTES costs what a small one costs (EXTRACTOR_BIG_MB=200 for the full check)."""
    sample = sample_path.read_bytes()
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_bytes(sample * 10)
    with open(big, "wb") as stream:
        for _ in range(megabytes * 2**20 // len(sample) + 1):
            stream.write(sample)
    assert big.stat().st_size > runner.STREAM_BYTES
    baseline = _peak_rss_mb(small, tmp_path / "out-small")
    peak = _peak_rss_mb(big, tmp_path / "out-big")
    problems, checked = validate_paths([tmp_path / "out-big"])
    assert (problems, checked) == ([], 1)
    # Held whole, the input, its text and its output (5x the input) would add hundreds of MB.
    assert peak - baseline < 60 and peak < 500, (baseline, peak)
