"""The command line: ``extractor run | validate | schema | eval …``.

Exit codes: 0 success; 1 some inputs failed, an output would change
(``--check``), a file is invalid or a floor is not reached; 2 usage error.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__

app = typer.Typer(
    name="extractor",
    help="Turn Chinese news articles into validated, structured JSON.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Turn Chinese news articles into validated, structured JSON."""


def _parse_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2024-07-09") from None


def _default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., help="Files or folders to read (folders recursively)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output folder; without it, print to stdout."),
    glob: str = typer.Option("*.txt", "--glob", help="Which files to take from folders."),
    format: str = typer.Option("json", "--format", help="json: one document per file; jsonl: one article per line."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 naming each output that would change."),
    resume: bool = typer.Option(False, "--resume", help="Skip inputs whose output is complete and up to date."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first file that fails."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Processes to use (0: all cores)."),
    reference_date: Optional[str] = typer.Option(
        None, "--reference-date", help="YYYY-MM-DD that relative dates (去年, 上月) resolve against."
    ),
    segmenter: str = typer.Option("rjieba", "--segmenter", help="Segmenter backend: rjieba (fast) or jieba."),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of your own vocabulary files."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Run on Dask: a scheduler address (tcp://host:8786), or 'local' for a local cluster."
    ),
) -> None:
    """Extract every input file into one JSON document (data/raw → data/out)."""
    from .cluster import ClusterError
    from .lexicon import LexiconError, load_lexicon
    from .pipeline import Options
    from .runner import Interrupted, RunConfig, discover_inputs, handle_interruptions
    from .segment import SEGMENTERS

    if format not in ("json", "jsonl"):
        raise typer.BadParameter("--format is json or jsonl")
    if segmenter not in SEGMENTERS:
        raise typer.BadParameter(f"--segmenter is one of {', '.join(SEGMENTERS)}")
    if check and out is None:
        raise typer.BadParameter("--check needs --out")
    try:
        load_lexicon(lexicon)
    except LexiconError as error:
        err.print(f"[red]lexicon:[/] {error}")
        raise typer.Exit(2)
    options = Options.make(_parse_date(reference_date), segmenter, lexicon)
    config = RunConfig(out=out, format=format, check=check, resume=resume, options=options)  # type: ignore[arg-type]
    files = discover_inputs(inputs, glob)
    if not files:
        err.print(f"no input files matching {glob!r}")
        raise typer.Exit(1)
    show_progress = out is not None and not quiet
    try:
        with handle_interruptions():
            summary = _run_with_progress(files, config, jobs or _default_jobs(), fail_fast, show_progress, scheduler)
    except ClusterError as error:
        err.print(f"--scheduler: {error}", markup=False)
        raise typer.Exit(2)
    except Interrupted as stop:  # a signal outside the batch itself (run_batch reports its own in the summary)
        _say(f"interrupted by signal {stop.signum}; run again with --resume to finish")
        raise typer.Exit(128 + stop.signum)
    if show_progress:
        _print_summary(summary)
    if summary.interrupted:
        # Every output is complete or absent: a rerun with --resume picks up where this one stopped.
        _say(f"interrupted by signal {summary.interrupted} after {len(summary.results)} of {len(files)} files; "
             "run again with --resume to finish")
        raise typer.Exit(128 + summary.interrupted)
    if summary.failures or summary.changed:
        raise typer.Exit(1)


def _say(line: str) -> None:
    """One line on stderr, as is: no markup, no emoji codes, never wrapped (file names can be anything)."""
    err.print(line, markup=False, emoji=False, highlight=False, soft_wrap=True)


def _run_with_progress(files, config, jobs, fail_fast, show_progress, scheduler=None):
    from functools import partial

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .runner import run_batch

    if scheduler is not None:
        from .cluster import run_on_dask

        run_batch = partial(run_on_dask, scheduler=scheduler)

    stdout = sys.stdout.buffer

    def emit(result) -> bool:
        if result.payload is not None:
            stdout.write(result.payload)
            stdout.flush()
        if result.failed:  # said at once, one line each: a long batch shows its bad files as it goes
            _say(f"{result.path}: {result.reason}")
        elif result.status == "would change":
            _say(f"would change: {result.output}")
        return fail_fast and result.failed

    if not show_progress:
        return run_batch(files, config, jobs, emit)
    columns = (TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("files", total=len(files))

        def advance(result) -> bool:
            progress.advance(task)
            return emit(result)

        return run_batch(files, config, jobs, advance)


def _print_summary(summary) -> None:
    from rich.table import Table

    from .models import ITEM_KINDS

    counts = summary.item_counts()
    table = Table(title="extractor run", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    results = summary.results
    table.add_row("files", str(len(results)))
    for status in ("written", "unchanged", "would change", "skipped"):
        n = sum(1 for r in results if r.status == status)
        if n:
            table.add_row(f"  {status}", str(n))
    table.add_row("files failed", str(len(summary.failures)), style="red" if summary.failures else None)
    table.add_row("articles", str(sum(r.articles for r in results)))
    warnings = sum(r.warnings for r in results)
    if warnings:  # an extractor that ran out of time, an article cut for its length: see article.warnings
        table.add_row("  with warnings", str(warnings), style="yellow")
    for kind in ITEM_KINDS:
        table.add_row(kind, str(counts.get(kind, 0)))
    table.add_row("time", f"{summary.seconds:.2f} s")
    err.print(table)


@app.command()
def validate(
    paths: List[Path] = typer.Argument(..., help="Output files or folders (*.json, *.jsonl) to check."),
) -> None:
    """Check output files against the models; one line per violation."""
    from .validation import validate_paths

    problems, checked = validate_paths(paths)
    for problem in problems:
        typer.echo(problem)
    if not checked:
        err.print("no JSON files found")
        raise typer.Exit(1)
    if problems:
        raise typer.Exit(1)
    err.print(f"{checked} file(s) valid")


@app.command()
def schema(
    out: Path = typer.Option(Path("schemas"), "--out", "-o", help="Folder to write the JSON Schema files into."),
) -> None:
    """Write the JSON Schema of the output (document.schema.json, article-record.schema.json)."""
    from .validation import schema_files
    from .writer import write_atomic

    for name, data in schema_files().items():
        write_atomic(out / name, data)
        err.print(f"wrote {out / name}")


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., help="A gold file or a folder of *.gold.json files."),
    raw: Path = typer.Option(Path("data/raw"), "--raw", help="Where the raw files the gold names are."),
    pred: Optional[Path] = typer.Option(
        None, "--pred", help="Score these existing output files instead of running the pipeline."
    ),
    show: List[str] = typer.Option([], "--show", help="List details: misses, alarms or values (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
    floors: List[str] = typer.Option(
        [], "--min", help="KIND=F1: exit 1 when a lenient F1 falls below it (repeatable; KIND may be all)."
    ),
    reference_date: Optional[str] = typer.Option(
        None, "--reference-date", help="Override the gold's reference date when running the pipeline."
    ),
    segmenter: str = typer.Option("rjieba", "--segmenter", help="Segmenter backend: rjieba or jieba."),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of your own vocabulary files."),
) -> None:
    """Score extractions against gold files (ANNOTATION.md, "How a result is scored")."""
    from rich.console import Console as RichConsole

    from .evaluate import (
        SHOW_CHOICES,
        GoldFormatError,
        check_floors,
        find_gold_files,
        load_gold,
        pair_documents,
        render_report,
        score_documents,
    )

    wanted_floors = _parse_floors(floors)
    for name in show:
        if name not in SHOW_CHOICES:
            raise typer.BadParameter(f"--show takes {', '.join(SHOW_CHOICES)}")
    try:
        golds = [load_gold(path) for path in find_gold_files(gold)]
    except (FileNotFoundError, GoldFormatError) as error:
        err.print(f"gold: {error}", markup=False)
        raise typer.Exit(2)
    if not golds:
        err.print(f"no *.gold.json files in {gold}")
        raise typer.Exit(2)
    if pred is not None:
        predicted = _load_predictions(pred)
    else:
        predicted = [_predict(g, raw, reference_date, segmenter, lexicon) for g in golds]
        predicted = [p for p in predicted if p is not None]
    report = score_documents(pair_documents(golds, predicted))
    if as_json:
        typer.echo(report.to_json())
    else:
        render_report(report, RichConsole(), show)
    try:
        violations = check_floors(report, wanted_floors)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    for violation in violations:
        err.print(violation, markup=False)
    if violations:
        raise typer.Exit(1)


def _parse_floors(floors: List[str]) -> dict:
    wanted = {}
    for floor in floors:
        kind, _, value = floor.partition("=")
        try:
            wanted[kind.strip()] = float(value)
        except ValueError:
            raise typer.BadParameter(f"--min takes KIND=F1, such as figures=0.97, not {floor!r}") from None
    return wanted


def _predict(gold: dict, raw: Path, reference_date, segmenter, lexicon):
    from .pipeline import extract_file

    path = raw / gold["file"]
    if not path.exists():
        err.print(f"{path}: raw file named by the gold is missing; its items count as misses", markup=False)
        return None
    when = reference_date or gold.get("reference_date")
    document = extract_file(path, reference_date=when, segmenter=segmenter, lexicon=lexicon)
    return json.loads(document.model_dump_json())


def _load_predictions(pred: Path) -> list:
    files = sorted(pred.rglob("*.json")) if pred.is_dir() else [pred]
    documents = []
    for path in files:
        if path.name.startswith("_"):
            continue
        try:
            documents.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            err.print(f"{path}: cannot read: {error}", markup=False)
            raise typer.Exit(2)
    return documents


@app.command()
def show(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A raw page (extracted now) or an output file."),
    kinds: List[str] = typer.Option([], "--kind", "-k", help="Show only this kind (repeatable): figures, dates …"),
    width: Optional[int] = typer.Option(None, "--width", help="Width in characters (default: the terminal's)."),
    reference_date: Optional[str] = typer.Option(
        None, "--reference-date", help="YYYY-MM-DD that relative dates resolve against (raw pages)."
    ),
    segmenter: str = typer.Option("rjieba", "--segmenter", help="Segmenter backend: rjieba or jieba (raw pages)."),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Folder of your own vocabulary files."),
) -> None:
    """Show one page in the terminal: its text with items coloured by kind, then a table per kind."""
    from .models import ITEM_KINDS
    from .pipeline import extract_file
    from .reading import InputError
    from .report import ReportError, read_document, render_terminal

    for kind in kinds:
        if kind not in ITEM_KINDS:
            raise typer.BadParameter(f"--kind is one of {', '.join(ITEM_KINDS)}")
    try:
        if path.suffix in (".json", ".jsonl"):
            documents = read_document(path)
        else:
            documents = [extract_file(path, reference_date=_parse_date(reference_date), segmenter=segmenter,
                                      lexicon=lexicon)]
    except (ReportError, InputError, OSError) as error:
        err.print(f"{path}: {error}", markup=False)
        raise typer.Exit(1)
    render_terminal(documents, Console(width=width, highlight=False), kinds or ITEM_KINDS)


@app.command()
def report(
    paths: List[Path] = typer.Argument(..., exists=True, help="Output folders or files (*.json, *.jsonl) of a run."),
    html: Path = typer.Option(..., "--html", help="The HTML file to write: one self-contained page."),
    title: str = typer.Option("extractor report", "--title", help="The page's title."),
) -> None:
    """Write an HTML report of a batch: index, awards, figures, timeline, and every article highlighted."""
    from .report import ReportError, load_outputs, render_html
    from .writer import write_atomic

    try:
        documents, errors = load_outputs(paths)
    except ReportError as error:
        err.print(str(error), markup=False)
        raise typer.Exit(1)
    if not documents:
        err.print("no output files (*.json, *.jsonl) found")
        raise typer.Exit(1)
    write_atomic(html, render_html(documents, errors, title).encode("utf-8"))
    articles = sum(len(document.articles) for document in documents)
    err.print(f"wrote {html}: {articles} articles from {len(documents)} files", markup=False)


lexicon_app = typer.Typer(help="Inspect and check vocabulary files (packaged and your own).", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("show")
def lexicon_show(
    kind: str = typer.Argument(..., help="Which list: units, approx, surnames, userdict …"),
    lexicon: Optional[Path] = typer.Option(None, "--lexicon", help="Your vocabulary folder, added on top."),
    tsv: bool = typer.Option(False, "--tsv", help="Print a loadable TSV file instead of a table."),
) -> None:
    """List the effective vocabulary of one kind and where each entry came from."""
    from rich.table import Table

    from .lexicon import ROW_MODELS, LexiconError, format_lexicon_file, load_lexicon

    if kind not in ROW_MODELS:
        raise typer.BadParameter(f"unknown kind {kind!r}; known: {', '.join(sorted(ROW_MODELS))}")
    try:
        loaded = load_lexicon(lexicon)
    except LexiconError as error:
        err.print(str(error), markup=False)
        raise typer.Exit(1)
    entries = loaded.entries(kind)
    if tsv:
        sys.stdout.write(format_lexicon_file(kind, [entry.row for entry in entries]))
        return
    table = Table(title=f"{kind}: {len(entries)} entries")
    columns = list(ROW_MODELS[kind].model_fields)
    for column in columns + ["source"]:
        table.add_column(column)
    for entry in entries:
        values = entry.row.model_dump()
        table.add_row(*[("" if values[c] is None else str(values[c])) for c in columns], entry.source)
    Console().print(table)


@lexicon_app.command("check")
def lexicon_check(folder: Path = typer.Argument(..., help="Your vocabulary folder (files named <kind>.tsv).")) -> None:
    """Validate a folder of vocabulary files; exit 1 with file:line: reason on the first error."""
    from .lexicon import LexiconError, load_lexicon

    try:
        loaded = load_lexicon(folder)
    except LexiconError as error:
        err.print(str(error), markup=False)
        raise typer.Exit(1)
    user = sum(1 for kind in loaded.entries_by_kind for e in loaded.entries_by_kind[kind] if e.source != "package")
    err.print(f"{folder}: valid ({user} entries of yours in effect)", markup=False)


def main() -> None:
    app()
