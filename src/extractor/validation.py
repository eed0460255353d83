"""Validate output files against the models, and export the models as JSON Schema.

>>> sorted(schema_files())
['article-record.schema.json', 'document.schema.json']
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .models import ArticleRecord, Document

__all__ = ["schema_files", "validate_paths"]


def schema_files() -> dict[str, bytes]:
    """File name -> JSON Schema bytes, deterministic."""
    return {
        "document.schema.json": _schema_bytes(Document),
        "article-record.schema.json": _schema_bytes(ArticleRecord),
    }


def _schema_bytes(model) -> bytes:
    return (json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def validate_paths(paths: list[Path]) -> tuple[list[str], int]:
    """``(problems, files checked)``; each problem is ``file: $.json.path: message``."""
    problems: list[str] = []
    checked = 0
    for path in _output_files(paths):
        checked += 1
        problems.extend(_validate_file(path))
    return problems, checked


def _output_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*.json*")) if p.suffix in (".json", ".jsonl"))
        else:
            files.append(path)
    return [f for f in files if not f.name.startswith("_")]


def _validate_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [f"{path}: $: cannot read: {error}"]
    if path.suffix == ".jsonl":
        problems = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                problems.extend(_errors(f"{path}:{number}", ArticleRecord, line))
        return problems
    return _errors(str(path), Document, text)


def _errors(where: str, model, text: str) -> list[str]:
    try:
        model.model_validate_json(text)
    except ValidationError as error:
        return [f"{where}: {_json_path(e['loc'])}: {e['msg']}" for e in error.errors()]
    return []


def _json_path(loc) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path
