"""The batch runner: many input files to output documents, on all cores.

Each input is one task: read, extract, render, then write atomically (or,
with ``check``, compare with the file already there). A bad input never stops
the batch: it becomes a failed :class:`FileResult` with a one-line reason,
and every failure of a run is listed in ``<out>/_errors.jsonl``.

Memory per task is bounded: an input up to :data:`STREAM_BYTES` is read
whole; a bigger one is read twice in chunks (once for its encoding, hash and
replaced characters, which the output's ``source`` states first, then for
its text) and extracted and written article by article.

A run stopped by SIGTERM or Ctrl-C abandons the files in progress (their
temporary files are removed), writes the error log of what it did, and
reports :attr:`BatchSummary.interrupted`; a kill -9 leaves at worst temporary
files, which the next run removes. Outputs are complete or absent, so running
again (with ``resume``) finishes the job.

>>> [p.name for p, _ in discover_inputs([Path("data/raw")], "*.txt")]  # doctest: +SKIP
['000_de12ec8bcb7dc337.txt']
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby, islice
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Literal, TypeVar, Union

from .articles import ArticleDraft
from .models import ITEM_KINDS, Article, ErrorRecord, Source
from .pipeline import Options, extract_draft, iter_articles, iter_drafts
from .reading import InputError, decode_bytes, iter_text, read_chunk, scan_stream
from .writer import (
    iter_article_jsonl,
    iter_document_json,
    matches_file,
    output_path,
    remove_stale_temporaries,
    write_atomic,
    write_if_changed,
)

__all__ = [
    "BatchSummary", "FileResult", "Interrupted", "RunConfig", "discover_inputs", "handle_interruptions",
    "process_file", "run_batch",
]

# Text pieces to articles: the pipeline's iter_articles, or the pool's _articles_on_pool.
ArticleExtractor = Callable[[Iterable[str], Options], Iterator[Article]]
Status = Literal["written", "unchanged", "would change", "skipped", "failed", "printed"]
ERRORS_FILE = "_errors.jsonl"
# Inputs up to this size are read whole; bigger ones are streamed.
STREAM_BYTES = 8 << 20
_HEAD_BYTES = 64 * 1024  # of an output, enough to hold its source
_SOURCE_KEY = re.compile(r'"source":\s*')
_OS_REASONS = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "no such file",
    errno.EISDIR: "is a folder",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symbolic link loop",
    errno.ENAMETOOLONG: "name too long",
}


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived: abandon the work in progress (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


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
    warnings: int = 0  # article warnings: an extractor that timed out, an article cut for its length
    payload: bytes | None = None  # the rendered document, when printing to stdout

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class BatchSummary:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: int | None = None  # the signal that stopped the run early

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

    A path that does not exist is returned too, and so is a folder that cannot
    be listed, so that each is reported as a failure.
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
    unreadable: list[Path] = []
    # os.walk without followlinks cannot loop through a symlink cycle.
    for folder, folders, files in os.walk(root, onerror=lambda error: unreadable.append(Path(error.filename))):
        folders.sort()
        base = Path(folder)
        for name in files:
            path = base / name
            if path.match(pattern) and not name.startswith("."):
                yield path
    yield from unreadable


def process_file(
    path: Path, root: Path, config: RunConfig, extract_articles: ArticleExtractor = iter_articles
) -> FileResult:
    """Extract one file and write (or check, or print) its output; never raises for a bad input.

    ``extract_articles`` turns the file's text into articles: the pipeline in
    this process, or, for one big file, the pool's workers (:func:`_articles_on_pool`).
    """
    shown = shown_path(path)
    target = output_path(path, root, config.out, config.suffix) if config.out else None
    try:
        with _open_input(path) as stream:
            return _process_stream(stream, shown, target, config, extract_articles)
    except InputError as error:
        return FileResult(shown, "failed", reason=str(error))
    except OSError as error:  # opening the input: writing errors arrive as _OutputError
        return FileResult(shown, "failed", reason=_describe(error))
    except _OutputError as error:
        return FileResult(shown, "failed", output=str(target), reason=str(error))
    except Exception as error:  # a bug of ours must not stop the batch: report it and go on
        return FileResult(shown, "failed", reason=f"internal error: {type(error).__name__}: {_one_line(str(error))}")


class _OutputError(Exception):
    """The output cannot be written; the message is the reason."""


def _open_input(path: Path) -> BinaryIO:
    return open(path, "rb")


def _process_stream(
    stream: BinaryIO, shown: str, target: Path | None, config: RunConfig, extract_articles: ArticleExtractor
) -> FileResult:
    head = read_chunk(stream, STREAM_BYTES + 1)
    if len(head) <= STREAM_BYTES:
        sha256 = hashlib.sha256(head).hexdigest()
        if config.resume and target is not None and _is_up_to_date(target, sha256, shown, config):
            return FileResult(shown, "skipped", output=str(target), reason="up to date")
        decoded = decode_bytes(head)
        source = Source(path=shown, sha256=sha256, encoding=decoded.encoding, bytes=len(head),
                        replaced_chars=decoded.replaced_chars)
        return _render_and_store(source, [decoded.text], shown, target, config, extract_articles)
    with _seekable(stream, head) as whole:
        scanned = scan_stream(whole)
        if config.resume and target is not None and _is_up_to_date(target, scanned.sha256, shown, config):
            return FileResult(shown, "skipped", output=str(target), reason="up to date")
        whole.seek(0)
        source = Source(path=shown, sha256=scanned.sha256, encoding=scanned.encoding, bytes=scanned.bytes,
                        replaced_chars=scanned.replaced_chars)
        return _render_and_store(source, iter_text(whole, scanned), shown, target, config, extract_articles)


def _render_and_store(
    source: Source, pieces: Iterable[str], shown: str, target: Path | None, config: RunConfig,
    extract_articles: ArticleExtractor,
) -> FileResult:
    tally = _Tally(extract_articles(pieces, config.options), empty_reason=_empty_reason(source))
    if config.format == "jsonl":
        rendered = iter_article_jsonl(source, tally)
    else:
        rendered = iter_document_json(source, tally)
    result = FileResult(shown, "printed")
    if target is None:
        result.payload = b"".join(rendered)
    elif config.check:
        result.status = "unchanged" if matches_file(target, rendered) else "would change"
    else:
        try:
            result.status = "written" if write_if_changed(target, rendered) else "unchanged"
        except OSError as error:  # reading errors arrive as InputError: this one is the output's
            raise _OutputError(f"cannot write {target}: {_describe(error)}") from error
    if target is not None:
        result.output = str(target)
    result.articles, result.counts, result.warnings = tally.articles, dict(tally.counts), tally.warnings
    return result


class _Tally:
    """Counts articles and items as they stream by; no article at all is an error of the input."""

    def __init__(self, articles: Iterator[Article], empty_reason: str) -> None:
        self._articles = articles
        self._empty_reason = empty_reason
        self.articles = 0
        self.warnings = 0
        self.counts: Counter[str] = Counter({kind: 0 for kind in ITEM_KINDS})

    def __iter__(self) -> Iterator[Article]:
        for article in self._articles:
            self.articles += 1
            self.warnings += len(article.warnings)
            for kind in ITEM_KINDS:
                self.counts[kind] += len(getattr(article, kind))
            yield article
        if not self.articles:
            raise InputError(self._empty_reason)


def _empty_reason(source: Source) -> str:
    return "empty file" if source.bytes == 0 else "no text (only white space or markup)"


@contextmanager
def _seekable(stream: BinaryIO, head: bytes) -> Iterator[BinaryIO]:
    """The whole input as a seekable file: the file itself, or, for a pipe, a temporary copy."""
    if stream.seekable():
        stream.seek(0)
        yield stream
        return
    with tempfile.TemporaryFile() as copy:
        copy.write(head)
        try:
            shutil.copyfileobj(stream, copy)
        except OSError as error:
            raise InputError(f"cannot read: {_describe(error)}") from error
        copy.seek(0)
        yield copy  # type: ignore[misc]


def _is_up_to_date(target: Path, sha256: str, shown: str, config: RunConfig) -> bool:
    """Is ``target`` a complete output of exactly these input bytes at this path?

    Only its start (where the source is) and its end are read, whatever its size.
    """
    try:
        with open(target, "rb") as stream:
            head = stream.read(_HEAD_BYTES).decode("utf-8", errors="replace")
            stream.seek(max(stream.seek(0, os.SEEK_END) - 2, 0))
            tail = stream.read()
        key = _SOURCE_KEY.search(head)
        stored, _ = json.JSONDecoder().raw_decode(head, key.end()) if key else (None, 0)
    except (OSError, ValueError):
        return False
    complete = tail.endswith(b"\n") if config.format == "jsonl" else tail == b"}\n"
    return complete and isinstance(stored, dict) and stored.get("sha256") == sha256 and stored.get("path") == shown


def shown_path(path: Path) -> str:
    # A file name that is not valid UTF-8 is shown (and stored) with U+FFFD in place of its bad bytes.
    return os.fsencode(path).decode("utf-8", errors="replace")


def _describe(error: OSError) -> str:
    return _OS_REASONS.get(error.errno or 0) or error.strerror or type(error).__name__


def _one_line(message: str, limit: int = 300) -> str:
    return " ".join(message.split())[:limit]


Task = Union[tuple[Path, Path, RunConfig], FileResult]


def _process_task(task: Task) -> FileResult:
    if isinstance(task, FileResult):  # settled before the run: an output name taken by another input
        return task
    return process_file(*task)


def _plan(files: list[tuple[Path, Path]], config: RunConfig) -> list[Task]:
    """One task per input; an input whose output path another input already takes fails instead of overwriting."""
    tasks: list[Task] = []
    taken: dict[Path, Path] = {}
    for path, root in files:
        if config.out is not None:
            target = output_path(path, root, config.out, config.suffix)
            first = taken.setdefault(target, path)
            if first != path:
                reason = f"output {target} is already the output of {shown_path(first)}"
                tasks.append(FileResult(shown_path(path), "failed", output=str(target), reason=reason))
                continue
        tasks.append((path, root, config))
    return tasks


def warm_up(options: Options) -> None:
    # Each worker process loads its lexicon and segmenter once, before its first file.
    from .segment import get_segmenter

    get_segmenter(options.segmenter, options.load_lexicon())


def _start_worker(options: Options) -> None:
    # The parent handles Ctrl-C and SIGTERM for the batch: it cancels what has not started and tells
    # the busy workers to abandon their file (_process_in_worker). An idle worker ignores SIGTERM and
    # leaves when the pool shuts down: killed while it waits, it could die holding the task queue's
    # lock and hang every other worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    warm_up(options)


def _exit_with_parent(parent: int) -> None:
    # A parent killed with -9 cannot shut its pool down: its workers would wait for tasks for ever.
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _process_in_worker(task: Task) -> FileResult:
    # During a file, SIGTERM abandons it: the writer removes its temporary file on the way out.
    idle = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        return _process_task(task)
    finally:
        signal.signal(signal.SIGTERM, idle)


# --- on all cores ---------------------------------------------------------------------------
# Files go to the workers in chunks of about _CHUNK_BYTES of input (at most _CHUNK_FILES files):
# one round trip through the pool's queues per chunk rather than per file, while the workers
# still finish within a chunk of each other. A file of _SPLIT_BYTES or more is read and split
# into articles here, in the parent, and its articles go to the workers _DRAFTS_PER_TASK at a
# time, so that one big file keeps every core busy too. At most _AHEAD_PER_WORKER tasks per
# worker are in flight beyond what the parent has taken back: memory does not grow with the
# number of files or articles, and results come back in input order.
_CHUNK_BYTES = 256 * 1024
_CHUNK_FILES = 64
_SPLIT_BYTES = 2 << 20
_DRAFTS_PER_TASK = 4
_AHEAD_PER_WORKER = 4
T = TypeVar("T")


@dataclass(frozen=True)
class _BigFile:
    task: tuple[Path, Path, RunConfig]


def _pool_units(tasks: list[Task]) -> list[list[Task] | _BigFile]:
    """Consecutive small tasks grouped into chunks; each big file a unit of its own."""
    units: list[list[Task] | _BigFile] = []
    chunk: list[Task] = []
    size = 0
    for task in tasks:
        task_bytes = 0 if isinstance(task, FileResult) else _size_of(task[0])
        if task_bytes >= _SPLIT_BYTES:
            if chunk:
                units.append(chunk)
            units.append(_BigFile(task))
            chunk, size = [], 0
            continue
        chunk.append(task)
        size += task_bytes
        if size >= _CHUNK_BYTES or len(chunk) >= _CHUNK_FILES:
            units.append(chunk)
            chunk, size = [], 0
    if chunk:
        units.append(chunk)
    return units


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reported when the file is processed
        return 0


def _results_in_order(pool: ProcessPoolExecutor, units: list[list[Task] | _BigFile], ahead: int) -> Iterator[FileResult]:
    for big, group in groupby(units, key=lambda unit: isinstance(unit, _BigFile)):
        if big:  # after the chunks before it are taken: results stay in input order
            for unit in group:
                yield process_file(*unit.task, extract_articles=partial(_articles_on_pool, pool, ahead))
        else:
            yield from _in_order((pool.submit(_process_chunk_in_worker, chunk) for chunk in group), ahead)


def _process_chunk_in_worker(chunk: list[Task]) -> list[FileResult]:
    return [_process_in_worker(task) for task in chunk]


def _articles_on_pool(pool: ProcessPoolExecutor, ahead: int, pieces: Iterable[str], options: Options) -> Iterator[Article]:
    """:func:`~extractor.pipeline.iter_articles` with the extraction done by the pool's workers."""
    drafts = iter_drafts(pieces, options)
    batches = iter(lambda: list(islice(drafts, _DRAFTS_PER_TASK)), [])
    yield from _in_order((pool.submit(_extract_drafts, batch, options) for batch in batches), ahead)


def _in_order(futures: Iterator[Future[list[T]]], ahead: int) -> Iterator[T]:
    """The items of each future's list, in order; at most ``ahead`` futures submitted and not yet taken."""
    pending: deque[Future[list[T]]] = deque()
    for future in futures:
        pending.append(future)
        if len(pending) >= ahead:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _extract_drafts(drafts: list[ArticleDraft], options: Options) -> list[Article]:
    return [extract_draft(draft, options) for draft in drafts]


ResultSource = Callable[[list[Task]], Iterator[FileResult]]


def run_batch(
    files: list[tuple[Path, Path]],
    config: RunConfig,
    jobs: int = 1,
    on_result: Callable[[FileResult], bool | None] | None = None,
    *,
    results: ResultSource | None = None,
) -> BatchSummary:
    """Process ``files``; ``on_result`` sees each result as it comes and may return True to stop.

    ``results`` turns the planned tasks into their results, in task order
    (default: this machine, on ``jobs`` processes; the Dask runner passes its
    cluster). Whatever runs the tasks, the frame is this one: stale temporary
    files swept, the error log written, an :class:`Interrupted` raised
    meanwhile (see :func:`handle_interruptions`) reported in
    ``summary.interrupted``.
    """
    started = time.perf_counter()
    summary = BatchSummary()
    tasks = _plan(files, config)
    writes = config.out is not None and not config.check
    if writes:
        _remove_stale_temporaries(tasks, config)
    stream = (results or partial(_local_results, config=config, jobs=jobs))(tasks)
    try:
        for result in stream:
            summary.results.append(result)
            if on_result and on_result(result):
                break
    except Interrupted as stop:
        summary.interrupted = stop.signum
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # stops the workers of an unfinished stream
        summary.seconds = time.perf_counter() - started
        if writes:
            _write_error_log(config.out, summary.failures)  # type: ignore[arg-type]
            if summary.interrupted:
                _remove_stale_temporaries(tasks, config)
    return summary


def _local_results(tasks: list[Task], config: RunConfig, jobs: int) -> Iterator[FileResult]:
    """The tasks' results in order, computed here or on a pool of ``jobs`` processes."""
    units = _pool_units(tasks) if jobs > 1 else []
    has_big_file = any(isinstance(unit, _BigFile) for unit in units)
    if len(units) <= 1 and not has_big_file:  # one chunk of work: a pool would cost more than it saves
        for task in tasks:
            yield _process_task(task)
        return
    workers = jobs if has_big_file else min(jobs, len(units))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(config.options,)) as pool:
        try:
            yield from _results_in_order(pool, units, workers * _AHEAD_PER_WORKER)
        except GeneratorExit:  # the caller stopped early (--fail-fast)
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        except Interrupted:
            _stop_workers(pool)
            raise


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and tell each worker to abandon its file."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            os.kill(process.pid, signal.SIGTERM)
        except (ProcessLookupError, TypeError):
            pass


def _remove_stale_temporaries(tasks: list[Task], config: RunConfig) -> None:
    """Remove what killed runs left in the folders this run writes to."""
    folders = {config.out}
    for task in tasks:
        if not isinstance(task, FileResult):
            folders.add(output_path(task[0], task[1], config.out, config.suffix).parent)  # type: ignore[arg-type]
    for folder in sorted(folders):  # type: ignore[type-var]
        remove_stale_temporaries(folder)  # type: ignore[arg-type]


@contextmanager
def handle_interruptions() -> Iterator[None]:
    """Turn SIGTERM and SIGINT into :class:`Interrupted` while a batch runs; a second one kills at once.

    Only in the main thread (elsewhere signals cannot be handled); the
    previous handlers come back afterwards.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}

    def interrupt(signum: int, frame: object) -> None:
        for other in previous:
            signal.signal(other, signal.SIG_DFL)
        raise Interrupted(signum)

    for signum in previous:
        signal.signal(signum, interrupt)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _write_error_log(out: Path, failures: list[FileResult]) -> None:
    log = out / ERRORS_FILE
    if not failures:
        try:
            log.unlink()
        except FileNotFoundError:
            pass
        return
    lines = [ErrorRecord(path=f.path, reason=f.reason or "failed").model_dump_json() + "\n" for f in failures]
    write_atomic(log, "".join(lines).encode("utf-8"))
