"""People: placeholder until the people extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import Person
from ..segment import SegmentedText
from . import ExtractContext


def find_people(segmented: SegmentedText, context: ExtractContext) -> list[Person]:
    return []
