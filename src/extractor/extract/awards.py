"""Awards: placeholder until the awards extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import Award
from ..segment import SegmentedText
from . import ExtractContext


def find_awards(segmented: SegmentedText, context: ExtractContext) -> list[Award]:
    return []
