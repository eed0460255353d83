"""extractor: Chinese news articles to validated, structured JSON.

>>> from extractor import extract_text
>>> extract_text("共有7所学校参加。").articles[0].figures[0].value  # doctest: +SKIP
7
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Document", "__version__", "extract_file", "extract_text"]

if TYPE_CHECKING:
    from .models import Document
    from .pipeline import extract_file, extract_text


def __getattr__(name: str):
    # Imported on first use, so that `import extractor` (and `extractor --help`) stays fast.
    if name in ("extract_text", "extract_file"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Document":
        from .models import Document

        return Document
    raise AttributeError(name)
