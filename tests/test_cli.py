"""The command line: exit codes of run, --check, validate and schema; output on stdout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.validation import schema_files

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def raw(tmp_path, sample_path) -> Path:
    folder = tmp_path / "raw"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(sample_path, folder / "page.txt")
    shutil.copy(sample_path, folder / "sub" / "其他 页.txt")
    (folder / "notes.md").write_text("not taken by the default glob", encoding="utf-8")
    return folder


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_run_writes_one_document_per_file_mirroring_folders(raw, tmp_path):
    out = tmp_path / "out"
    result = _run("run", str(raw), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json"))
    assert written == ["page.json", "sub/其他 页.json"]
    document = json.loads((out / "page.json").read_text(encoding="utf-8"))
    assert len(document["articles"]) == 3
    assert "\\u" not in (out / "page.json").read_text(encoding="utf-8")  # no ASCII escapes


def test_run_is_deterministic_and_check_passes_on_unchanged_output(raw, tmp_path):
    out = tmp_path / "out"
    assert _run("run", str(raw), "--out", str(out), "--jobs", "1").exit_code == 0
    first = (out / "page.json").read_bytes()
    assert _run("run", str(raw), "--out", str(out), "--jobs", "2").exit_code == 0
    assert (out / "page.json").read_bytes() == first
    assert _run("run", str(raw), "--out", str(out), "--check").exit_code == 0


def test_check_names_each_output_that_would_change_and_writes_nothing(raw, tmp_path):
    out = tmp_path / "out"
    assert _run("run", str(raw), "--out", str(out)).exit_code == 0
    (out / "page.json").write_text("{}", encoding="utf-8")
    (out / "sub" / "其他 页.json").unlink()
    result = _run("run", str(raw), "--out", str(out), "--check")
    assert result.exit_code == 1
    assert "would change" in result.output and "page.json" in result.output and "其他 页.json" in result.output
    assert (out / "page.json").read_text(encoding="utf-8") == "{}"
    assert not (out / "sub" / "其他 页.json").exists()


def test_run_without_out_prints_the_document_to_stdout(sample_path):
    result = _run("run", str(sample_path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"] == str(sample_path)


def test_jsonl_format_prints_one_article_per_line(sample_path):
    result = _run("run", str(sample_path), "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 3
    assert [json.loads(line)["article"]["authors"][0] for line in lines] == ["王小寒", "陈钰桦", "谭发"]


def test_a_failed_file_gives_exit_1_and_the_batch_goes_on(raw, tmp_path):
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    result = _run("run", str(raw), "--out", str(out))
    assert result.exit_code == 1
    assert "image.txt: not text" in result.output
    assert (out / "page.json").exists()
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [(Path(e["path"]).name, e["reason"]) for e in errors] == [("image.txt", "not text")]


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", "x.txt", "--format", "xml"],
        ["run", "x.txt", "--segmenter", "nope"],
        ["run", "x.txt", "--check"],
        ["run", "x.txt", "--reference-date", "yesterday"],
        ["eval", "g", "--min", "figures"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args):
    assert _run(*args).exit_code == 2


def test_validate_accepts_real_output_and_reports_each_violation(raw, tmp_path):
    out = tmp_path / "out"
    _run("run", str(raw), "--out", str(out))
    assert _run("validate", str(out)).exit_code == 0
    document = json.loads((out / "page.json").read_text(encoding="utf-8"))
    document["articles"][0]["title"] = 7
    del document["source"]["sha256"]
    (out / "page.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _run("validate", str(out))
    assert result.exit_code == 1
    assert f"{out / 'page.json'}: $.articles[0].title: Input should be a valid string" in result.output
    assert f"{out / 'page.json'}: $.source.sha256: Field required" in result.output


def test_validate_catches_offsets_that_do_not_slice_the_text(raw, tmp_path):
    out = tmp_path / "out"
    _run("run", str(raw), "--out", str(out))
    document = json.loads((out / "page.json").read_text(encoding="utf-8"))
    article = document["articles"][0]
    article["dates"] = [{"text": "2099年", "start": 0, "end": 5, "sentence": "", "rule": "test",
                         "value": "2099", "kind": "absolute"}]
    (out / "page.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = _run("validate", str(out / "page.json"))
    assert result.exit_code == 1 and "dates[0]: text[0:5] is not '2099年'" in result.output


def test_validate_with_nothing_to_check_fails(tmp_path):
    assert _run("validate", str(tmp_path)).exit_code == 1


def test_committed_schemas_equal_what_the_schema_command_writes(tmp_path):
    assert _run("schema", "--out", str(tmp_path)).exit_code == 0
    for name, data in schema_files().items():
        assert (tmp_path / name).read_bytes() == data
        assert (ROOT / "schemas" / name).read_bytes() == data, f"schemas/{name} is stale: run extractor schema"


def test_version_and_help_from_the_installed_console_script():
    version = subprocess.run([sys.executable, "-m", "extractor", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("extractor ")
    for command in (["--help"], ["run", "--help"], ["eval", "--help"], ["lexicon", "show", "--help"]):
        shown = _run(*command)
        assert shown.exit_code == 0 and "Usage" in shown.output
