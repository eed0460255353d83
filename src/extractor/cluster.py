"""Beyond one machine: the pipeline on a Dask cluster, or inside your own Dask or Spark job.

Three ways in, one code path per input:

- :func:`run_on_dask` is ``extractor run --scheduler ADDRESS``: each input
  file is one task that runs the local runner's :func:`~extractor.runner.process_file`
  on a worker, so the atomic writes, the error log and ``--resume`` are the
  local runner's, and the output is byte-identical.
- :func:`extract_bag` maps a ``dask.bag`` of texts (or of file paths) to a bag
  of :class:`~extractor.models.Document`, to build into your own graphs.
- :func:`extract_partition` is plain Python: the function to hand to Spark's
  ``mapPartitions`` (or to any other engine that gives you batches of records).

Dask is an optional extra (``pip install 'extractor[dask]'``): it is imported
inside the functions that need it, never by ``import extractor``.

>>> [d.articles[0].title for d in extract_partition([("a.txt", "标题\\n\\n共有7所学校参加。")])]
['标题']
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Union

from .pipeline import Options, extract_file, extract_text
from .runner import BatchSummary, FileResult, RunConfig, Task, process_file, run_batch, shown_path, warm_up
from .segment import DEFAULT_SEGMENTER

if TYPE_CHECKING:
    from datetime import date

    import dask.bag
    from distributed import Client

    from .models import Document

__all__ = ["ClusterError", "extract_bag", "extract_partition", "run_on_dask"]

LOCAL = "local"
# How often a task is tried again when it raises (process_file itself never raises for a bad
# input, so this covers the infrastructure: a lost connection, a full disk, a broken worker).
DEFAULT_RETRIES = 3
# How many workers may die while running the same task before the scheduler gives it up.
ALLOWED_FAILURES = 3

Record = Union[str, "os.PathLike[str]", tuple[str, str]]


class ClusterError(Exception):
    """The scheduler cannot be reached, or its workers cannot see the files."""


def run_on_dask(
    files: list[tuple[Path, Path]],
    config: RunConfig,
    jobs: int = 0,
    on_result: Callable[[FileResult], bool | None] | None = None,
    *,
    scheduler: str = LOCAL,
    retries: int = DEFAULT_RETRIES,
) -> BatchSummary:
    """Process ``files`` on a Dask cluster, like :func:`~extractor.runner.run_batch` does locally.

    ``scheduler`` is a scheduler address (``tcp://host:8786``) or ``"local"``
    for a :class:`~distributed.LocalCluster` of ``jobs`` worker processes
    (0: one per core). Workers must see the inputs and the output folder under
    the same paths as this process (a shared file system). ``on_result`` sees
    results in input order, as the local runner's does, and may return True to
    stop; an :class:`~extractor.runner.Interrupted` stops the run and is
    reported in ``summary.interrupted``, as locally.
    """

    def results_on_cluster(tasks: list[Task]) -> Iterator[FileResult]:
        with _connect(scheduler, jobs) as client:
            _check_worker_folders(client, files, config)
            client.register_plugin(_warm_up_plugin(config.options), name="extractor-warm-up")
            yield from _results_in_order(client, tasks, retries)

    # The local runner's frame: its plan (colliding output names fail the same way), error log and sweeping.
    return run_batch(files, config, jobs, on_result, results=results_on_cluster)


def _results_in_order(client: "Client", tasks: list[Task], retries: int) -> Iterator[FileResult]:
    """Each task's result, in task order, while the cluster works on them in any order.

    Leaving early (a break, an exception) cancels what has not finished.
    """
    from distributed import as_completed

    run = uuid.uuid4().hex[:12]  # keys unique to this run: another run on a shared cluster is another task
    results: list[FileResult | None] = [task if isinstance(task, FileResult) else None for task in tasks]
    todo = [(index, task) for index, task in enumerate(tasks) if not isinstance(task, FileResult)]
    futures = client.map(
        process_file,
        *zip(*(task for _, task in todo)),
        key=[f"extract-{run}-{index}-{task[0].name}" for index, task in todo],
        retries=retries,
        pure=False,
    ) if todo else []
    index_of = {future.key: index for future, (index, _) in zip(futures, todo)}
    done = 0
    try:
        pending = as_completed(futures)
        while done < len(results):
            if results[done] is None:
                future = next(pending)
                index = index_of[future.key]
                results[index] = _result_of(future, tasks[index][0])  # type: ignore[index]
                continue
            yield results[done]  # type: ignore[misc]
            done += 1
    finally:
        client.cancel(futures)


def _result_of(future, path: Path) -> FileResult:
    try:
        return future.result()
    except Exception as error:  # e.g. KilledWorker: the file killed ALLOWED_FAILURES workers in turn
        return FileResult(shown_path(path), "failed", reason=f"cluster: {type(error).__name__}: {error}")


@contextmanager
def _connect(scheduler: str, jobs: int) -> Iterator["Client"]:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError(f"Dask is not installed: pip install 'extractor[dask]' ({error})") from None
    if scheduler == LOCAL:
        # One thread per process: extraction is pure Python and holds the GIL. n_workers=None: one per core.
        with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
            with LocalCluster(
                n_workers=jobs or None, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster, Client(cluster) as client:
                yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"cannot reach the scheduler at {scheduler}: {error}") from None
    with client:
        yield client


def _check_worker_folders(client: "Client", files: list[tuple[Path, Path]], config: RunConfig) -> None:
    """Refuse relative paths when a worker runs in another folder: it would read or write elsewhere."""
    relative = [path for path, _ in files if not path.is_absolute()]
    if config.out is not None and not config.out.is_absolute():
        relative.append(config.out)
    if config.options.lexicon_dir and not Path(config.options.lexicon_dir).is_absolute():
        relative.append(Path(config.options.lexicon_dir))
    if not relative:
        return
    here = os.getcwd()
    for worker, folder in sorted(client.run(os.getcwd).items()):
        if folder != here:
            raise ClusterError(
                f"worker {worker} runs in {folder}, not in {here}, so it cannot find {relative[0]}: "
                "give absolute paths (inputs, --out, --lexicon) that every worker can see"
            )


def _warm_up_plugin(options: Options):
    """A worker plugin that loads the lexicon and segmenter once per worker, before its first task.

    Workers that join later (or restart after a crash) get it too. The
    segmenter is cached per process anyway; this only moves the load out of
    the first task.
    """
    from distributed import WorkerPlugin

    class ExtractorWarmUp(WorkerPlugin):
        def setup(self, worker) -> None:
            warm_up(options)

    return ExtractorWarmUp()


def extract_partition(
    records: Iterable[Record],
    *,
    paths: bool = False,
    reference_date: "date | str | None" = None,
    segmenter: str = DEFAULT_SEGMENTER,
    lexicon: str | Path | None = None,
) -> Iterator["Document"]:
    """Extract each record of one partition: the function for Spark's ``mapPartitions``.

    A record is a text, a ``(name, text)`` pair (a Spark ``Row`` of two
    fields will do; ``name`` becomes ``source.path``), or, with
    ``paths=True``, the path of a file to read. The segmenter is loaded once
    per process and reused by every record. A file that cannot be read as
    text raises :class:`~extractor.reading.InputError`.

    >>> next(extract_partition(["标题\\n\\n共有7所学校参加。"])).source.path
    '<text>'
    """
    options = {"reference_date": reference_date, "segmenter": segmenter, "lexicon": lexicon}
    for record in records:
        if paths:
            yield extract_file(record, **options)  # type: ignore[arg-type]
        elif isinstance(record, str):
            yield extract_text(record, **options)
        else:
            name, text = record  # type: ignore[misc]
            yield extract_text(text, path=str(name), **options)


def extract_bag(
    bag: "dask.bag.Bag",
    *,
    paths: bool = False,
    reference_date: "date | str | None" = None,
    segmenter: str = DEFAULT_SEGMENTER,
    lexicon: str | Path | None = None,
) -> "dask.bag.Bag":
    """Map a bag of texts (or ``(name, text)`` pairs, or paths with ``paths=True``) to a bag of Documents.

    Lazy, like every bag: build it into your graph, then ``.compute()`` or
    ``.map(Document.model_dump_json).to_textfiles(...)``.

    >>> import dask.bag as db  # doctest: +SKIP
    >>> extract_bag(db.from_sequence(["标题\\n\\n共有7所学校参加。"])).compute()[0].articles[0].title  # doctest: +SKIP
    '标题'
    """
    Options.make(reference_date, segmenter, lexicon)  # fail here, on the client, for a bad date
    return bag.map_partitions(
        _extract_partition_list,
        paths=paths,
        reference_date=reference_date,
        segmenter=segmenter,
        lexicon=lexicon,
    )


def _extract_partition_list(records: Iterable[Record], **options) -> list["Document"]:
    return list(extract_partition(records, **options))
