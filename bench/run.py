#!/usr/bin/env python
"""The extractor benchmark: throughput, stage shares, scaling, start-up and memory, in one run.

    .venv/bin/python bench/run.py                 # 20 MB corpus, both segmenters, all cores
    .venv/bin/python bench/run.py --mb 5 --segmenters rjieba --compare bench/baseline.json
    .venv/bin/python bench/run.py --memory-mb 200 --large-mb 20

Every figure is measured in the same run as its reference, ``jieba.lcut`` on
the same corpus, so the ratios hold across machines even when MB/s do not.
Results are printed and written as JSON (bench/results/<timestamp>.json, or
``--json PATH``); bench/baseline.json is the committed reference run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import Corpus, build_corpus, build_large_file  # noqa: E402
from measure import run_measured  # noqa: E402
from stages import StageTimer  # noqa: E402

from extractor.segment import DEFAULT_SEGMENTER  # noqa: E402

# Targets of the performance issue; each is checked and printed at the end of a run.
TARGETS = {
    "e2e_jieba_vs_lcut": 0.6,   # our code adds at most two thirds on top of jieba's own segmenting
    "e2e_rjieba_vs_lcut": 4.0,  # all extraction faster than jieba can merely segment
    "jobs_scaling": 1.7,        # 2 processes vs 1, on the corpus
    "startup_seconds": 1.5,     # `extractor run` on one small file
    "peak_rss_mb": 500.0,       # whole process tree, on the --memory-mb folder
}


def _default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _cli() -> list[str]:
    """The installed ``extractor`` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("extractor")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from extractor.cli import main; main()"]


def _best(repeat: int, measure, *args) -> dict:
    """The fastest of ``repeat`` runs: other load on the machine only ever slows a run down."""
    return min((measure(*args) for _ in range(max(repeat, 1))), key=lambda run: run["seconds"])


def _rate(corpus_bytes: int, seconds: float) -> float:
    return round(corpus_bytes / 1e6 / seconds, 3) if seconds > 0 else float("inf")


# --- references: the segmenters alone ----------------------------------------------------


def measure_segmenters_alone(corpus: Corpus, repeat: int = 1) -> dict:
    """``jieba.lcut`` (the reference of every ratio) and ``rjieba.cut`` on each file's text."""
    import logging

    import jieba
    import rjieba

    texts = [path.read_text(encoding="utf-8") for path in corpus.files]
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    fast = rjieba.Jieba()
    results = {}
    for name, cut in (("jieba.lcut", jieba.lcut), ("rjieba.cut", fast.cut)):
        results[name] = _best(repeat, _time_cut, cut, texts, corpus.bytes)
    return results


def _time_cut(cut, texts: list[str], corpus_bytes: int) -> dict:
    started = time.perf_counter()
    for text in texts:
        cut(text)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "mb_per_s": _rate(corpus_bytes, seconds)}


# --- the pipeline, in process, with stage timers -----------------------------------------


def measure_in_process(corpus: Corpus, segmenter: str, out: Path) -> dict:
    """One process, segmenter already loaded (as for jieba.lcut): run_batch over every file."""
    from extractor.pipeline import Options
    from extractor.runner import RunConfig, discover_inputs, run_batch
    from extractor.segment import get_segmenter

    options = Options(segmenter=segmenter)
    get_segmenter(segmenter, options.load_lexicon())
    config = RunConfig(out=out, options=options)
    files = discover_inputs([corpus.folder])
    with StageTimer() as timer:
        started = time.perf_counter()
        summary = run_batch(files, config, jobs=1)
        seconds = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    failed = [f"{r.path}: {r.reason}" for r in summary.failures]
    articles = sum(r.articles for r in summary.results)
    stages = timer.shares()
    total = sum(stages.values())
    return {
        "seconds": round(seconds, 3),
        "mb_per_s": _rate(corpus.bytes, seconds),
        "articles": articles,
        "articles_per_s": round(articles / seconds, 1),
        "failed_files": len(failed),
        "first_failures": failed[:3],
        "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "stage_shares": {k: round(v / total, 4) for k, v in stages.items()} if total else {},
        "stages_not_found": timer.missing,
    }


# --- the CLI, as users run it: start-up, workers and writing included -----------------------


def measure_cli(folder: Path, corpus_bytes: int, segmenter: str, jobs: int, out: Path) -> dict:
    command = [*_cli(), "run", str(folder), "--out", str(out), "--quiet", "--jobs", str(jobs),
               "--segmenter", segmenter]
    measured = run_measured(command)
    shutil.rmtree(out, ignore_errors=True)
    result = {
        "command": " ".join(["extractor", *command[len(_cli()):]]),
        "seconds": round(measured.seconds, 3),
        "cpu_seconds": round(measured.cpu_seconds, 3),
        "mb_per_s": _rate(corpus_bytes, measured.seconds),
        "peak_rss_total_mb": round(measured.peak_rss_total_mb, 1),
        "peak_rss_largest_mb": round(measured.peak_rss_largest_mb, 1),
        "exit_code": measured.returncode,
    }
    if measured.returncode != 0:
        result["stderr_tail"] = measured.stderr[-2000:]
    return result


def measure_startup(small_file: Path, segmenter: str, repeats: int = 5) -> dict:
    """Wall time of ``extractor run FILE`` printing to stdout, from a warm disk cache."""
    command = [*_cli(), "run", str(small_file), "--segmenter", segmenter]
    run_measured(command)  # warm the disk cache and jieba's dictionary cache file
    runs = [run_measured(command) for _ in range(repeats)]
    seconds = sorted(r.seconds for r in runs)
    return {
        "command": f"extractor run {small_file.name} --segmenter {segmenter}",
        "median_seconds": round(statistics.median(seconds), 3),
        "min_seconds": round(seconds[0], 3),
        "median_cpu_seconds": round(statistics.median(r.cpu_seconds for r in runs), 3),
        "peak_rss_mb": round(max(r.peak_rss_total_mb for r in runs), 1),
        "exit_codes": sorted({r.returncode for r in runs}),
    }


def measure_import_time(small_file: Path, top: int = 12) -> list[dict]:
    """The slowest imports of ``extractor run FILE`` (``python -X importtime``), cumulative."""
    command = [sys.executable, "-X", "importtime", "-c", "from extractor.cli import main; main()",
               "run", str(small_file)]
    stderr = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    imports = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
            continue
        _, cumulative, name = line.split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        imports.append({"module": name.strip(), "cumulative_ms": round(int(cumulative) / 1000, 1),
                        "depth": depth})
    return sorted(imports, key=lambda i: -i["cumulative_ms"])[:top]


# --- hook: throughput through a local Dask cluster -----------------------------------------
#
# The Dask work adds bench/dask_throughput.py with
#
#     def measure(folder: Path, corpus_bytes: int, workers: int, segmenter: str) -> dict
#
# that runs the corpus through a local Dask cluster of ``workers`` processes and returns at
# least {"seconds": float, "mb_per_s": float} (plus anything useful: peak memory, tasks/s).
# ``--dask`` calls it once per segmenter and stores the dicts under results["dask"][segmenter];
# the report and the JSON pick them up. Nothing else in this file needs to change.


def measure_dask(corpus: Corpus, workers: int, segmenter: str) -> dict:
    try:
        from dask_throughput import measure  # bench/dask_throughput.py, see above
    except ImportError as error:
        raise SystemExit(f"--dask: bench/dask_throughput.py is not there yet ({error})") from None
    return measure(corpus.folder, corpus.bytes, workers, segmenter)


# --- report -------------------------------------------------------------------------------


def check_targets(results: dict) -> list[dict]:
    checks = []
    reference = results["segmenters_alone"]["jieba.lcut"]["mb_per_s"]

    def add(name: str, value: float, target: float, higher_is_better: bool = True) -> None:
        ok = value >= target if higher_is_better else value < target
        checks.append({"target": name, "value": round(value, 3), "bound": target, "ok": ok})

    for backend, runs in results["pipeline"].items():
        key = f"e2e_{backend}_vs_lcut"
        if key in TARGETS:
            add(key, runs["in_process"]["mb_per_s"] / reference, TARGETS[key])
        cli = runs.get("cli", {})
        if "1" in cli and len(cli) > 1:
            best = max(cli, key=int)
            add(f"jobs_scaling_{backend}_{best}_vs_1", cli["1"]["seconds"] / cli[best]["seconds"],
                TARGETS["jobs_scaling"])
    for backend, startup in results.get("startup", {}).items():
        add(f"startup_seconds_{backend}", startup["median_seconds"], TARGETS["startup_seconds"], False)
    if "memory" in results:
        add("peak_rss_mb", results["memory"]["peak_rss_total_mb"], TARGETS["peak_rss_mb"], False)
    return checks


def _print_report(results: dict) -> None:
    corpus = results["corpus"]
    print(f"\ncorpus: {corpus['files']} files, {corpus['megabytes']:.1f} MB, "
          f"{results['machine']['cores']} cores, commit {results['machine']['commit']}")
    reference = results["segmenters_alone"]["jieba.lcut"]["mb_per_s"]
    print("\nsegmenters alone (1 core)")
    for name, run in results["segmenters_alone"].items():
        print(f"  {name:<28}{run['mb_per_s']:>8.2f} MB/s   x{run['mb_per_s'] / reference:5.2f} jieba.lcut")
    print("\npipeline end to end                MB/s   ×lcut  articles/s  peak RSS MB  wall s   CPU s")
    for backend, runs in results["pipeline"].items():
        run = runs["in_process"]
        print(f"  {backend:<7} in process, 1 job  {run['mb_per_s']:8.2f}  {run['mb_per_s'] / reference:6.2f}"
              f"  {run['articles_per_s']:10.1f}  {'':>11}  {run['seconds']:6.1f}")
        for jobs, cli in runs.get("cli", {}).items():
            print(f"  {backend:<7} CLI, --jobs {jobs:<7}  {cli['mb_per_s']:8.2f}  {cli['mb_per_s'] / reference:6.2f}"
                  f"  {'':>10}  {cli['peak_rss_total_mb']:11.0f}  {cli['seconds']:6.1f}  {cli['cpu_seconds']:6.1f}"
                  + ("" if cli["exit_code"] == 0 else f"   EXIT {cli['exit_code']}"))
    for backend, runs in results["pipeline"].items():
        shares = runs["in_process"]["stage_shares"]
        print(f"\nstage shares, {backend} (in process, 1 job)")
        for stage, share in shares.items():
            print(f"  {stage:<24}{share * 100:6.1f} %   {runs['in_process']['stage_seconds'][stage]:7.2f} s")
        if runs["in_process"]["stages_not_found"]:
            print(f"  (not timed, moved or renamed: {', '.join(runs['in_process']['stages_not_found'])})")
    for backend, startup in results.get("startup", {}).items():
        print(f"\nstart-up, {startup['command']}: median {startup['median_seconds']:.2f} s "
              f"(min {startup['min_seconds']:.2f} s, CPU {startup['median_cpu_seconds']:.2f} s), "
              f"peak RSS {startup['peak_rss_mb']:.0f} MB")
    if results.get("import_time"):
        print("slowest imports (cumulative ms): " + ", ".join(
            f"{i['module']} {i['cumulative_ms']:.0f}" for i in results["import_time"][:8]))
    for name in ("memory", "large_file"):
        if name in results:
            run = results[name]
            print(f"\n{name}: {run['megabytes']:.0f} MB, {run['command']}: {run['mb_per_s']:.2f} MB/s, "
                  f"peak RSS {run['peak_rss_total_mb']:.0f} MB (largest process {run['peak_rss_largest_mb']:.0f} MB)")
    for backend, run in results.get("dask", {}).items():
        print(f"\ndask, {backend}: {run.get('mb_per_s')} MB/s")
    print("\ntargets")
    for check in results["targets"]:
        relation = "≥" if check["target"].startswith(("e2e", "jobs")) else "<"
        print(f"  {'ok  ' if check['ok'] else 'MISS'} {check['target']:<32}{check['value']:>9.3f} "
              f"{relation} {check['bound']}")


def _compare(results: dict, baseline_path: Path) -> None:
    """Key figures against an earlier run: ratios to jieba.lcut travel across machines."""
    baseline = json.loads(baseline_path.read_text(encoding="utf-8"))
    print(f"\nagainst {baseline_path} (commit {baseline['machine']['commit']}):")
    for check in results["targets"]:
        before = next((c for c in baseline.get("targets", []) if c["target"] == check["target"]), None)
        if before:
            print(f"  {check['target']:<32}{before['value']:>9.3f} → {check['value']:.3f}")


def _git_commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
        return commit + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20, help="Corpus size in MB (default 20).")
    parser.add_argument("--raw", type=Path, default=REPO / "data" / "raw", help="Pages to build it from.")
    parser.add_argument("--jobs", type=int, default=_default_jobs(), help="Processes for the parallel run.")
    parser.add_argument("--segmenters", default="jieba,rjieba", help="Backends to run, comma separated.")
    parser.add_argument("--no-cli", action="store_true", help="Skip the CLI runs (--jobs 1 and --jobs N).")
    parser.add_argument("--memory-mb", type=float, default=0,
                        help="Also run the CLI on a folder of this many MB and record peak RSS.")
    parser.add_argument("--large-mb", type=float, default=0, help="Also run one file of this many MB.")
    parser.add_argument("--dask", action="store_true", help="Also measure a local Dask cluster.")
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run each throughput measurement this many times and keep the fastest.")
    parser.add_argument("--seed", type=int, default=0, help="Shuffle seed of the corpus.")
    parser.add_argument("--workdir", type=Path, help="Where to build corpora (default: a temp folder).")
    parser.add_argument("--keep", action="store_true", help="Keep the corpus and outputs.")
    parser.add_argument("--json", type=Path, help="Where to write the results (default bench/results/).")
    parser.add_argument("--compare", type=Path, help="An earlier results file to compare with.")
    args = parser.parse_args(argv)
    segmenters = [name.strip() for name in args.segmenters.split(",") if name.strip()]

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="extractor-bench-"))
    try:
        started = time.perf_counter()
        corpus = build_corpus(args.raw, workdir / "corpus", args.mb, args.seed)
        print(f"built {len(corpus.files)} files, {corpus.megabytes:.1f} MB in {workdir} "
              f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        results: dict = {
            "machine": {"cores": _default_jobs(), "python": platform.python_version(),
                        "platform": platform.platform(), "commit": _git_commit(),
                        "when": time.strftime("%Y-%m-%dT%H:%M:%S")},
            "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
            "corpus": {"files": len(corpus.files), "megabytes": round(corpus.megabytes, 3), "seed": args.seed},
        }
        print("segmenters alone …", file=sys.stderr)
        results["segmenters_alone"] = measure_segmenters_alone(corpus, args.repeat)
        results["pipeline"] = {}
        for segmenter in segmenters:
            print(f"pipeline, {segmenter} …", file=sys.stderr)
            runs = {"in_process": _best(args.repeat, measure_in_process, corpus, segmenter, workdir / "out")}
            if not args.no_cli:
                runs["cli"] = {
                    str(jobs): _best(args.repeat, measure_cli, corpus.folder, corpus.bytes, segmenter, jobs,
                                     workdir / "out")
                    for jobs in sorted({1, args.jobs})
                }
            results["pipeline"][segmenter] = runs
        print("start-up …", file=sys.stderr)
        small = min(corpus.files[:50], key=lambda p: p.stat().st_size)
        results["startup"] = {name: measure_startup(small, name) for name in segmenters}
        results["import_time"] = measure_import_time(small)
        if args.memory_mb:
            print(f"memory, {args.memory_mb:.0f} MB folder …", file=sys.stderr)
            big = build_corpus(args.raw, workdir / "memory", args.memory_mb, args.seed + 1)
            run = measure_cli(big.folder, big.bytes, DEFAULT_SEGMENTER, args.jobs, workdir / "out")
            results["memory"] = {"megabytes": round(big.megabytes, 1), "files": len(big.files), **run}
            shutil.rmtree(big.folder, ignore_errors=True)
        if args.large_mb:
            print(f"one {args.large_mb:.0f} MB file …", file=sys.stderr)
            large = build_large_file(args.raw, workdir / "large" / "issue.txt", args.large_mb, args.seed + 2)
            run = measure_cli(large.folder, large.bytes, DEFAULT_SEGMENTER, args.jobs, workdir / "out")
            results["large_file"] = {"megabytes": round(large.megabytes, 1), **run}
        if args.dask:
            results["dask"] = {name: measure_dask(corpus, args.jobs, name) for name in segmenters}
        results["targets"] = check_targets(results)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)

    _print_report(results)
    if args.compare:
        _compare(results, args.compare)
    target = args.json or HERE / "results" / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
