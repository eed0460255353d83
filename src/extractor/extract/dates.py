"""Dates: placeholder until the dates extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import DateItem
from ..segment import SegmentedText
from . import ExtractContext


def find_dates(segmented: SegmentedText, context: ExtractContext) -> list[DateItem]:
    return []


def find_dateline(text: str):
    """The date an article states about itself (发布日期:2024-07-09), or None."""
    return None
