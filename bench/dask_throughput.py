"""Throughput through a local Dask cluster, beside the local ``--jobs`` runner (``bench/run.py --dask``).

Two figures for the same corpus and worker count:

- ``cli``: ``extractor run FOLDER --out OUT --scheduler local --jobs N``, as a
  user runs it: cluster start-up, worker warm-up and writing included
  (compare with the pipeline's ``CLI, --jobs N`` line).
- ``warm``: :func:`extractor.cluster.run_on_dask` on a cluster that is already
  up, as on a long-lived cluster: the cost per file of the scheduler round trip.

>>> measure(Path("corpus"), 20_000_000, 2, "rjieba")["mb_per_s"]  # doctest: +SKIP
12.3
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from measure import run_measured

__all__ = ["measure"]


def measure(folder: Path, corpus_bytes: int, workers: int, segmenter: str) -> dict:
    """Run the corpus through a local Dask cluster of ``workers`` processes; MB/s and seconds."""
    from distributed import LocalCluster

    from extractor.cluster import run_on_dask
    from extractor.pipeline import Options
    from extractor.runner import RunConfig, discover_inputs

    out = Path(tempfile.mkdtemp(prefix="extractor-bench-dask-"))
    try:
        command = [str(Path(sys.executable).with_name("extractor")), "run", str(folder), "--out", str(out / "cli"),
                   "--quiet", "--jobs", str(workers), "--segmenter", segmenter, "--scheduler", "local"]
        cli = run_measured(command)
        files = discover_inputs([folder])
        config = RunConfig(out=out / "warm", options=Options(segmenter=segmenter))
        started = time.perf_counter()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
            cluster_seconds = time.perf_counter() - started
            run_on_dask(files[:workers], config, scheduler=cluster.scheduler_address)  # load the segmenters
            shutil.rmtree(config.out, ignore_errors=True)
            started = time.perf_counter()
            summary = run_on_dask(files, config, scheduler=cluster.scheduler_address)
            warm_seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {
        "command": " ".join(["extractor", *command[1:]]),
        "seconds": round(cli.seconds, 3),
        "mb_per_s": _rate(corpus_bytes, cli.seconds),
        "peak_rss_total_mb": round(cli.peak_rss_total_mb, 1),
        "exit_code": cli.returncode,
        "warm": {
            "seconds": round(warm_seconds, 3),
            "mb_per_s": _rate(corpus_bytes, warm_seconds),
            "files_per_s": round(len(files) / warm_seconds, 1),
            "failed_files": len(summary.failures),
            "cluster_start_seconds": round(cluster_seconds, 3),
        },
    }


def _rate(corpus_bytes: int, seconds: float) -> float:
    return round(corpus_bytes / 1e6 / seconds, 3) if seconds > 0 else float("inf")
