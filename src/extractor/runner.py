"""The batch runner: many input files to output documents, on all cores.

Each input is one task: read, extract, render, then write atomically (or,
with ``check``, compare with the file already there). A failure is recorded
with a one-line reason and the batch goes on.

>>> [p.name for p, _ in discover_inputs([Path("data/raw")], "*.txt")]  # doctest: +SKIP
['000_de12ec8bcb7dc337.txt']
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from .models import ITEM_KINDS, ErrorRecord
from .pipeline import Options, extract_bytes
from .reading import NotTextError
from .writer import article_jsonl, document_json, output_path, write_atomic

__all__ = ["BatchSummary", "FileResult", "RunConfig", "discover_inputs", "process_file", "run_batch"]

Status = Literal["written", "unchanged", "would change", "skipped", "failed", "printed"]
ERRORS_FILE = "_errors.jsonl"


@dataclass(frozen=True)
class RunConfig:
    out: Path | None = None
    format: Literal["json", "jsonl"] = "json"
    check: bool = False
    resume: bool = False
    options: Options = field(default_factory=Options)

    @property
    def suffix(self) -> str:
        return ".jsonl" if self.format == "jsonl" else ".json"


@dataclass
class FileResult:
    path: str
    status: Status
    output: str | None = None
    reason: str | None = None
    articles: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    payload: bytes | None = None  # the rendered document, when printing to stdout

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class BatchSummary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failures(self) -> list[FileResult]:
        return [r for r in self.results if r.failed]

    @property
    def changed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "would change"]

    def item_counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for result in self.results:
            total.update(result.counts)
        return total


def discover_inputs(inputs: Iterable[Path], pattern: str = "*.txt") -> list[tuple[Path, Path]]:
    """``(file, root)`` pairs: files given directly, and files matching ``pattern`` below folders.

    A path that does not exist is returned too, so that it is reported as a failure.
    """
    found: list[tuple[Path, Path]] = []
    for given in inputs:
        if given.is_dir():
            for path in sorted(_walk(given, pattern)):
                found.append((path, given))
        else:
            found.append((given, given.parent))
    return found


def _walk(root: Path, pattern: str) -> Iterator[Path]:
    # os.walk without followlinks cannot loop through a symlink cycle.
    for folder, folders, files in os.walk(root):
        folders.sort()
        base = Path(folder)
        for name in files:
            path = base / name
            if path.match(pattern) and not name.startswith("."):
                yield path


def process_file(path: Path, root: Path, config: RunConfig) -> FileResult:
    """Extract one file and write (or check) its output; never raises for a bad input."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return FileResult(shown, "failed", reason="no such file")
    except IsADirectoryError:
        return FileResult(shown, "failed", reason="is a folder")
    except PermissionError:
        return FileResult(shown, "failed", reason="permission denied")
    except OSError as error:
        return FileResult(shown, "failed", reason=error.strerror or type(error).__name__)
    target = output_path(path, root, config.out, config.suffix) if config.out else None
    if config.resume and target is not None and _is_up_to_date(target, data, config):
        return FileResult(shown, "skipped", output=str(target), reason="up to date")
    try:
        document = extract_bytes(data, shown, config.options)
    except NotTextError as error:
        return FileResult(shown, "failed", reason=str(error))
    except Exception as error:  # a bug of ours must not stop the batch: report it and go on
        return FileResult(shown, "failed", reason=f"internal error: {type(error).__name__}: {error}")
    if not document.articles:
        return FileResult(shown, "failed", reason="empty (no text)")
    payload = article_jsonl(document) if config.format == "jsonl" else document_json(document)
    counts = {kind: sum(len(getattr(a, kind)) for a in document.articles) for kind in ITEM_KINDS}
    result = FileResult(shown, "printed", articles=len(document.articles), counts=counts)
    if target is None:
        result.payload = payload
        return result
    result.output = str(target)
    try:
        existing = target.read_bytes() if target.exists() else None
    except OSError:
        existing = None
    if config.check:
        result.status = "unchanged" if existing == payload else "would change"
    elif existing == payload:
        result.status = "unchanged"
    else:
        try:
            write_atomic(target, payload)
        except OSError as error:
            return FileResult(shown, "failed", reason=f"cannot write {target}: {error.strerror or error}")
        result.status = "written"
    return result


def _is_up_to_date(target: Path, data: bytes, config: RunConfig) -> bool:
    """Is ``target`` a complete output of exactly these input bytes?"""
    try:
        text = target.read_text(encoding="utf-8")
        first = text.splitlines()[0] if config.format == "jsonl" else text
        stored = json.loads(first)["source"]["sha256"]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return False
    return stored == hashlib.sha256(data).hexdigest()


def _process_task(task: tuple[Path, Path, RunConfig]) -> FileResult:
    return process_file(*task)


def _warm_up(options: Options) -> None:
    # Each worker process loads its lexicon and segmenter once, before its first file.
    from .segment import get_segmenter

    get_segmenter(options.segmenter, options.load_lexicon())


def run_batch(
    files: list[tuple[Path, Path]],
    config: RunConfig,
    jobs: int = 1,
    on_result: Callable[[FileResult], bool | None] | None = None,
) -> BatchSummary:
    """Process ``files``; ``on_result`` sees each result as it comes and may return True to stop."""
    import time

    started = time.perf_counter()
    summary = BatchSummary()
    tasks = [(path, root, config) for path, root in files]
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            result = _process_task(task)
            summary.results.append(result)
            if on_result and on_result(result):
                break
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_warm_up,
                                 initargs=(config.options,)) as pool:
            for result in pool.map(_process_task, tasks, chunksize=1):
                summary.results.append(result)
                if on_result and on_result(result):
                    pool.shutdown(wait=False, cancel_futures=True)
                    break
    summary.seconds = time.perf_counter() - started
    if config.out is not None and not config.check:
        _write_error_log(config.out, summary.failures)
    return summary


def _write_error_log(out: Path, failures: list[FileResult]) -> None:
    log = out / ERRORS_FILE
    if not failures:
        if log.exists():
            log.unlink()
        return
    lines = [ErrorRecord(path=f.path, reason=f.reason or "failed").model_dump_json() + "\n" for f in failures]
    write_atomic(log, "".join(lines).encode("utf-8"))
