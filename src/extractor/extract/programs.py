"""Programs: placeholder until the programs extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import Program
from ..segment import SegmentedText
from . import ExtractContext


def find_programs(segmented: SegmentedText, context: ExtractContext) -> list[Program]:
    return []
