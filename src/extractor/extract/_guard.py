"""Guard: run each extractor on an article with a time limit; a failure becomes a warning.

A pattern that backtracks catastrophically on some input, or a bug that
raises, must cost one kind of items on one article, never the file or the
batch. Two limits work together:

* :data:`PATTERN_TIMEOUT` is the ``timeout=`` extractors pass to their
  ``regex`` calls over article text (``pattern.finditer(text,
  timeout=PATTERN_TIMEOUT)``); the call then raises :class:`TimeoutError`.
* :data:`EXTRACTOR_TIME_LIMIT` bounds a whole extractor call, whatever it
  does, with a ``SIGALRM`` timer (the ``regex`` module checks for signals
  while it matches). It works in a process's main thread when nobody else
  uses ``SIGALRM``; elsewhere only the pattern timeouts apply.

Either way the article keeps its other kinds and records in
``article.warnings`` which kind is missing and why.

>>> def explode(segmented, context): raise TimeoutError("regex timed out")
>>> items, warnings = run_guarded({"figures": explode}, None, None)
>>> items, warnings
({'figures': []}, ['figures: skipped on this article: regex timed out'])
"""

from __future__ import annotations

import signal
import threading
from typing import Callable, Mapping, TypeVar

__all__ = ["EXTRACTOR_TIME_LIMIT", "PATTERN_TIMEOUT", "call_guarded", "run_guarded"]

# Seconds one regex call may run. An ordinary article needs milliseconds per pattern.
PATTERN_TIMEOUT = 2.0
# Seconds one extractor may spend on one article (articles are at most 200 000 characters).
EXTRACTOR_TIME_LIMIT = 20.0

T = TypeVar("T")


def run_guarded(
    extractors: Mapping[str, Callable[..., list]], segmented, context, time_limit: float | None = None
) -> tuple[dict[str, list], list[str]]:
    """Every kind's items, and one warning per extractor that timed out or failed."""
    warnings: list[str] = []
    items = {
        kind: call_guarded(kind, lambda find=find: find(segmented, context), [], warnings, time_limit)
        for kind, find in extractors.items()
    }
    return items, warnings


def call_guarded(
    what: str, call: Callable[[], T], fallback: T, warnings: list[str], time_limit: float | None = None
) -> T:
    """``call()``, or ``fallback`` with a warning when it runs too long or raises.

    ``time_limit`` defaults to :data:`EXTRACTOR_TIME_LIMIT`.
    """
    try:
        with _alarm(EXTRACTOR_TIME_LIMIT if time_limit is None else time_limit):
            return call()
    except TimeoutError as error:
        warnings.append(f"{what}: skipped on this article: {error}")
    except RecursionError:
        warnings.append(f"{what}: skipped on this article: nested too deeply")
    except Exception as error:  # a bug of one extractor must not cost the article
        warnings.append(f"{what}: internal error: {type(error).__name__}: {_one_line(str(error))}")
    return fallback


def _one_line(message: str, limit: int = 300) -> str:
    return " ".join(message.split())[:limit]


class _alarm:
    """Raise :class:`TimeoutError` in the main thread after ``seconds``, if ``SIGALRM`` is free."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._armed = False
        self._previous: object = None

    def __enter__(self) -> None:
        if (
            self._seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, _raise_timeout)
        ):
            self._previous = signal.signal(signal.SIGALRM, _raise_timeout)
            signal.setitimer(signal.ITIMER_REAL, self._seconds)
            self._armed = True

    def __exit__(self, *exc_info: object) -> None:
        if self._armed:
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
            finally:  # the alarm may still fire right here: restore the handler all the same
                signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]


def _raise_timeout(signum: int, frame: object) -> None:
    raise TimeoutError("over its time limit")
