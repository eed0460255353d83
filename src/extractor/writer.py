"""Write: documents as deterministic UTF-8 JSON, atomically.

The same document always gives the same bytes (field order from the models,
no ASCII escapes, a final newline). A file is written to a temporary name in
the same folder, flushed to disk, then renamed: a reader, or a run that is
killed halfway, never sees half a file.

>>> output_path(Path("data/raw/a/b.txt"), Path("data/raw"), Path("data/out"))
PosixPath('data/out/a/b.json')
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .models import Article, Document

__all__ = ["document_json", "article_jsonl", "output_path", "write_atomic"]


def document_json(document: Document) -> bytes:
    return (document.model_dump_json(indent=2) + "\n").encode("utf-8")


def article_jsonl(document: Document) -> bytes:
    """One line per article, each carrying its source, for streaming tools."""
    source = document.source.model_dump_json()
    lines = [
        f'{{"schema_version":"{document.schema_version}","source":{source},"article":{_article_json(a)}}}'
        for a in document.articles
    ]
    return ("".join(line + "\n" for line in lines)).encode("utf-8")


def _article_json(article: Article) -> str:
    return article.model_dump_json()


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
    parts[-1] = Path(parts[-1]).stem + suffix
    return out_dir.joinpath(*parts)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either complete or absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
