"""Extract: one module per kind of item, behind one small interface.

An extractor is a function ``(SegmentedText, ExtractContext) -> list[Item]``:
a segmented article in, pydantic models out. Extractors do not see each
other's results; links between items (an award's recipient that is an
organization) are made afterwards by :mod:`extractor.extract.links`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Callable

from ..lexicon import Lexicon
from ..models import Item
from ..segment import SegmentedText

__all__ = ["EXTRACTORS", "ExtractContext", "Extractor", "get_extractor"]


@dataclass(frozen=True)
class ExtractContext:
    """What an extractor may know besides the text."""

    lexicon: Lexicon
    reference_date: date | None = None
    title: str = ""


Extractor = Callable[[SegmentedText, ExtractContext], list[Item]]

# kind -> "module:function"; modules are imported on first use, not at start-up.
EXTRACTORS: dict[str, str] = {
    "figures": "figures:find_figures",
    "dates": "dates:find_dates",
    "awards": "awards:find_awards",
    "programs": "programs:find_programs",
    "organizations": "organizations:find_organizations",
    "people": "people:find_people",
}


def get_extractor(kind: str) -> Extractor:
    module_name, function_name = EXTRACTORS[kind].split(":")
    return getattr(import_module(f"{__name__}.{module_name}"), function_name)
