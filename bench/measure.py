"""Run a command and measure its wall time and the peak memory of its process tree.

CPU time (user + system, from the kernel's accounting of waited-for
children) is given beside the wall time: on a machine shared with other work
it shows what the run itself cost. Memory is sampled (every 20 ms) as the RSS summed over the process and all
its children (the worker pool), and as the RSS of the largest one. The sum
counts pages that forked workers share with their parent once per process,
so it is an upper bound of what the run takes from the machine.

>>> run_measured(["true"]).returncode  # doctest: +SKIP
0
"""

from __future__ import annotations

import resource
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from time import perf_counter

import psutil

__all__ = ["Measured", "run_measured"]

_SAMPLE_SECONDS = 0.02


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float  # user + system time of the process and the children it waited for
    returncode: int
    peak_rss_total_mb: float
    peak_rss_largest_mb: float
    stderr: str


def _tree_rss(process: psutil.Process) -> tuple[int, int]:
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = []
    for member in members:
        try:
            sizes.append(member.memory_info().rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return sum(sizes), max(sizes, default=0)


def run_measured(command: list[str], stdout=subprocess.DEVNULL) -> Measured:
    """Run ``command`` to its end; stderr is kept (for error messages), stdout discarded."""
    peaks = [0, 0]
    with tempfile.TemporaryFile() as errors:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = perf_counter()
        process = psutil.Popen(command, stdout=stdout, stderr=errors)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                total, largest = _tree_rss(process)
                peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
                done.wait(_SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = process.wait()
        seconds = perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        done.set()
        sampler.join()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measured(seconds, cpu, returncode, peaks[0] / 1e6, peaks[1] / 1e6, stderr)
