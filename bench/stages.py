"""Time each pipeline stage of an in-process run, without touching the product code.

The stage functions are looked up where the runner and the pipeline call
them (``extractor.pipeline.segment_text`` …) and wrapped with a timer for
the duration of a ``with`` block. A wrapper costs well under a microsecond
per call, against milliseconds of work per article. When a name moves, the
stage is reported as missing and its time lands in "other", rather than
the benchmark failing.

>>> with StageTimer() as timer:  # doctest: +SKIP
...     run_batch(files, config)
>>> timer.shares()["segment"]  # doctest: +SKIP
0.41
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from time import perf_counter
from typing import Any, Callable

__all__ = ["StageTimer"]

# (module, attribute, stage): inclusive timers, where the runner and the pipeline look them up.
# The runner streams: writing pulls rendered pieces, rendering pulls articles, articles pull
# drafts, drafts pull paragraphs. So most timers include the stages upstream of them, and
# shares() takes those out again.
_STAGES = (
    ("extractor.runner", "process_file", "file"),
    ("extractor.runner", "decode_bytes", "read.decode"),
    ("extractor.runner", "scan_stream", "read.decode"),
    ("extractor.runner", "write_if_changed", "write+"),
    ("extractor.runner", "matches_file", "write+"),
    ("extractor.pipeline", "extract_draft", "article"),
    ("extractor.pipeline", "segment_text", "segment"),
    ("extractor.pipeline", "link_items", "extract.links"),
    ("extractor.extract.dates", "find_dateline", "extract.dateline"),
    ("extractor.pipeline", "Article", "validate"),
)
# Generators, timed on each step.
_GENERATOR_STAGES = (
    ("extractor.runner", "iter_text", "read.decode"),
    ("extractor.runner", "iter_document_json", "render+"),
    ("extractor.runner", "iter_article_jsonl", "render+"),
    ("extractor.pipeline", "iter_paragraphs", "read.layout"),
    ("extractor.pipeline", "iter_article_drafts", "split+"),
)


class StageTimer:
    """Inclusive seconds per stage, gathered while the ``with`` block runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.missing: list[str] = []
        self._restore: list[tuple[Any, str, Any]] = []

    def _timed(self, function: Callable, stage: str) -> Callable:
        seconds, calls = self.seconds, self.calls

        def timed(*args, **kwargs):
            started = perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[stage] += perf_counter() - started
                calls[stage] += 1

        return timed

    def _timed_steps(self, function: Callable, stage: str) -> Callable:
        seconds, calls = self.seconds, self.calls

        def timed(*args, **kwargs):
            steps = function(*args, **kwargs)
            while True:
                started = perf_counter()
                try:
                    item = next(steps)
                except StopIteration:
                    return
                finally:
                    seconds[stage] += perf_counter() - started
                    calls[stage] += 1
                yield item

        return timed

    def _patch(self, module: Any, name: str, replacement: Any) -> None:
        self._restore.append((module, name, getattr(module, name)))
        setattr(module, name, replacement)

    def __enter__(self) -> "StageTimer":
        for stages, wrap in ((_STAGES, self._timed), (_GENERATOR_STAGES, self._timed_steps)):
            for module_name, name, stage in stages:
                self._wrap(module_name, name, stage, wrap)
        from extractor.extract import EXTRACTORS

        # One timer per extractor kind, on the function its module exports (looked up per call).
        for kind, spec in EXTRACTORS.items():
            module_name, name = spec.split(":")
            self._wrap(f"extractor.extract.{module_name}", name, f"extract.{kind}", self._timed)
        return self

    def _wrap(self, module_name: str, name: str, stage: str, wrap: Callable) -> None:
        module = importlib.import_module(module_name)
        if hasattr(module, name):
            self._patch(module, name, wrap(getattr(module, name), stage))
        else:
            self.missing.append(f"{module_name}.{name}")

    def __exit__(self, *exc: object) -> None:
        for module, name, value in reversed(self._restore):
            setattr(module, name, value)
        self._restore.clear()

    def shares(self) -> dict[str, float]:
        """Exclusive seconds per stage: read, split, segment, extract.<kind>, validate, write …

        For a run that writes its outputs (``RunConfig.out`` set), in one process.
        """
        s = self.seconds
        extract = {k: v for k, v in s.items() if k.startswith("extract.")}
        inside_article = s["segment"] + sum(extract.values()) + s["validate"]
        return {
            # Opening and reading the file, hashing it, its output path, its Source.
            "read.file": s["file"] - s["read.decode"] - s["write+"],
            "read.decode": s["read.decode"],
            "read.layout": s["read.layout"],
            "split": s["split+"] - s["read.layout"],
            "segment": s["segment"],
            **dict(sorted(extract.items())),
            "validate": s["validate"],
            # The pipeline's glue around one article: reference date, contexts, guards.
            "article.other": s["article"] - inside_article,
            # JSON of each article and the document, and counting the items.
            "write.render": s["render+"] - s["split+"] - s["article"],
            "write.file": s["write+"] - s["render+"],
        }
