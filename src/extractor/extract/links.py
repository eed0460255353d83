"""Links between items of one article, made after every extractor has run.

An award's recipient that names an organization or a person found in the same
article gets ``recipient_ref`` (the organization's or person's ``text``).

>>> from extractor.models import Award, Organization
>>> org = Organization(text="万盛小学", start=0, end=4, sentence="", rule="org", kind="school")
>>> award = Award(text="示范校", start=6, end=9, sentence="", rule="award", name="示范校", recipient="万盛小学")
>>> link_items({"awards": [award], "organizations": [org], "people": []})["awards"][0].recipient_ref
'万盛小学'
"""

from __future__ import annotations

from ..models import Item

__all__ = ["link_items"]


def link_items(items: dict[str, list[Item]]) -> dict[str, list[Item]]:
    names = [org.text for org in items.get("organizations", [])] + [p.text for p in items.get("people", [])]
    # Longest name first, so that 重庆市黔江民族中学校 wins over 黔江民族中学.
    names.sort(key=len, reverse=True)
    linked = []
    for award in items.get("awards", []):
        recipient = getattr(award, "recipient", None)
        ref = next((name for name in names if recipient and name in recipient), None) if recipient else None
        linked.append(award.model_copy(update={"recipient_ref": ref}) if ref else award)
    return {**items, "awards": linked}
