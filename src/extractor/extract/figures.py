"""Figures: placeholder until the figures extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import Figure
from ..segment import SegmentedText
from . import ExtractContext


def find_figures(segmented: SegmentedText, context: ExtractContext) -> list[Figure]:
    return []
