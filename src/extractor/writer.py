"""Write: documents as deterministic UTF-8 JSON, atomically, a piece at a time.

The same document always gives the same bytes (field order from the models,
no ASCII escapes, a final newline). A document is rendered article by article
(:func:`iter_document_json`), so a huge input never needs its whole output in
memory. A file is written to a temporary name in the same folder
(``.<name>.<pid>-<random>.tmp``), then renamed: a reader, or
a run that is killed halfway, never sees half a file. A temporary file left
by a killed process is removed by the next run (:func:`remove_stale_temporaries`).

>>> output_path(Path("data/raw/a/b.txt"), Path("data/raw"), Path("data/out"))
PosixPath('data/out/a/b.json')
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import regex
from pydantic_core import to_json

from .models import SCHEMA_VERSION, Article, Document, Source

__all__ = [
    "article_jsonl", "document_json", "iter_article_jsonl", "iter_document_json", "matches_file", "output_path",
    "remove_stale_temporaries", "write_atomic", "write_if_changed",
]

# Output up to this size is compared and written from memory; beyond it, it streams through a temporary file.
_IN_MEMORY_BYTES = 8 << 20
_TEMP_NAME = regex.compile(r"^\..*\.(\d+)-[0-9a-f]{8}\.tmp$", regex.S)
_TEMP_NAME_BYTES = 100  # of the output's name kept in the temporary name: names stay under 255 bytes


def document_json(document: Document) -> bytes:
    return b"".join(iter_document_json(document.source, document.articles))


def iter_document_json(source: Source, articles: Iterable[Article]) -> Iterator[bytes]:
    """The bytes of ``Document(source, articles).model_dump_json(indent=2)`` plus a newline, article by article.

    >>> source = Source(path="a.txt", sha256="0", encoding="utf-8", bytes=0)
    >>> b"".join(iter_document_json(source, [])) == document_json(Document(source=source, articles=[]))
    True
    """
    empty = to_json(Document(source=source, articles=[]), indent=2)
    opening = empty[: empty.rindex(b"[]")]  # everything up to the articles' list
    separator = b"[\n    "
    for article in articles:
        # An article nested in the document is indented by two more levels; JSON strings hold no raw
        # line break. Bytes straight from pydantic-core: no round trip through str.
        yield opening + separator + to_json(article, indent=2).replace(b"\n", b"\n    ")
        opening, separator = b"", b",\n    "
    yield opening + (b"[]\n}\n" if opening else b"\n  ]\n}\n")


def article_jsonl(document: Document) -> bytes:
    """One line per article, each carrying its source, for streaming tools."""
    return b"".join(iter_article_jsonl(document.source, document.articles, document.schema_version))


def iter_article_jsonl(
    source: Source, articles: Iterable[Article], schema_version: str | None = None
) -> Iterator[bytes]:
    """One line per article, each carrying its source, for streaming tools."""
    version = schema_version or SCHEMA_VERSION
    head = f'{{"schema_version":"{version}","source":{source.model_dump_json()},"article":'.encode("utf-8")
    for article in articles:
        yield head + to_json(article) + b"}\n"


def output_path(input_path: Path, input_root: Path, out_dir: Path, suffix: str = ".json") -> Path:
    """Where the document of ``input_path`` goes: always inside ``out_dir``.

    The input's folders below ``input_root`` are kept; anything that would
    climb out of ``out_dir`` (``..``, an absolute name) is flattened.
    """
    try:
        relative = input_path.relative_to(input_root) if input_root.is_dir() else Path(input_path.name)
    except ValueError:
        relative = Path(input_path.name)
    parts = [part for part in relative.parts if part not in ("", ".", "..", "/")]
    if not parts:
        parts = [input_path.name or "input"]
    stem = Path(parts[-1]).stem
    parts[-1] = (stem if stem.strip(".") else parts[-1]) + suffix
    return out_dir.joinpath(*parts)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either complete or absent."""
    _write_through_temporary(path, [data])


def write_if_changed(path: Path, pieces: Iterable[bytes]) -> bool:
    """Write the concatenated ``pieces`` to ``path`` atomically unless it holds them already; True when written.

    Small output is compared in memory; big output streams into the
    temporary file and is compared with the existing file on the way.
    """
    pieces = iter(pieces)
    held: list[bytes] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size > _IN_MEMORY_BYTES:
            return _write_through_temporary(path, chain(held, pieces), compare=True)
    data = b"".join(held)
    if _holds(path, data):
        return False
    write_atomic(path, data)
    return True


def matches_file(path: Path, pieces: Iterable[bytes]) -> bool:
    """Does ``path`` hold exactly the concatenated ``pieces``? Reads both a piece at a time."""
    try:
        with open(path, "rb") as existing:
            return all(existing.read(len(piece)) == piece for piece in pieces) and existing.read(1) == b""
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False


def _holds(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _write_through_temporary(path: Path, pieces: Iterable[bytes], compare: bool = False) -> bool:
    """Write into a temporary file beside ``path``, then rename; with ``compare``, keep an identical file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary: str | None = None
    try:
        # Named before it is made: a signal that lands just after the file is created still finds it below.
        while temporary is None:
            temporary = _temporary_name(path)
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
            except FileExistsError:
                temporary = None  # not ours: draw another name
        with os.fdopen(handle, "wb") as stream, _open_existing(path, compare) as existing:
            same = existing is not None
            for piece in pieces:
                stream.write(piece)
                same = same and existing.read(len(piece)) == piece  # type: ignore[union-attr]
            same = same and existing.read(1) == b""  # type: ignore[union-attr]
            # No fsync: the rename alone makes a killed run leave each file complete or absent, and
            # syncing every file cost more than extracting it on a busy disk (power loss is not covered).
        if same:
            os.unlink(temporary)
            return False
        os.replace(temporary, path)
        return True
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: leave no temporary file behind.
        if temporary is not None:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
        raise


def _temporary_name(path: Path) -> str:
    name = os.fsdecode(os.fsencode(path.name)[:_TEMP_NAME_BYTES])
    return os.path.join(path.parent, f".{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


@contextmanager
def _open_existing(path: Path, wanted: bool) -> Iterator[BinaryIO | None]:
    try:
        existing = open(path, "rb") if wanted else None
    except OSError:
        existing = None
    try:
        yield existing
    finally:
        if existing is not None:
            existing.close()


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files in ``folder`` that a process no longer running left behind; how many.

    A kill -9 leaves them; a process that is still writing keeps its own.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no such folder yet
        return 0
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match and not _is_running(int(match.group(1))):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    try:  # a killed process not yet reaped (a zombie) answers kill(pid, 0) but writes nothing more
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True
