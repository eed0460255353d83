"""Organizations: placeholder until the organizations extractor lands (returns nothing)."""

from __future__ import annotations

from ..models import Organization
from ..segment import SegmentedText
from . import ExtractContext


def find_organizations(segmented: SegmentedText, context: ExtractContext) -> list[Organization]:
    return []
