"""Links between items of one article, made after every extractor has run.

An award's recipient that names an organization or a person found in the same
article gets ``recipient_ref``: the ``text`` of that item. The longest name
written in the recipient wins (重庆市黔江民族中学校 over 黔江民族中学); a recipient
that is a short form of a longer name (万盛职教中心 for 万盛经开区职教中心) points
to the item it abbreviates.

>>> from extractor.models import Award, Organization
>>> org = Organization(text="万盛小学", start=0, end=4, sentence="", rule="org", kind="school")
>>> award = Award(text="示范校", start=6, end=9, sentence="", rule="award", name="示范校", recipient="万盛小学")
>>> link_items({"awards": [award], "organizations": [org], "people": []})["awards"][0].recipient_ref
'万盛小学'
"""

from __future__ import annotations

from ..models import Item

__all__ = ["find_reference", "link_items"]

# A recipient shorter than this is a bare reference (学校, 该校), never a short form of a name.
_MIN_SHORT_FORM_CHARS = 4


def link_items(items: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """The same items, with ``recipient_ref`` set on the awards whose recipient is a named item."""
    names = [item.text for kind in ("organizations", "people") for item in items.get(kind, [])]
    # Longest name first, so that 重庆市黔江民族中学校 wins over 黔江民族中学.
    names.sort(key=len, reverse=True)
    linked = []
    for award in items.get("awards", []):
        recipient = getattr(award, "recipient", None)
        ref = find_reference(recipient, names) if recipient else None
        linked.append(award.model_copy(update={"recipient_ref": ref}) if ref else award)
    return {**items, "awards": linked}


def find_reference(recipient: str, names: list[str]) -> str | None:
    """The name ``recipient`` refers to: the longest name written in it, else a name it abbreviates.

    >>> find_reference("重庆市第一〇四中学、和平小学", ["重庆市第一〇四中学", "和平小学"])
    '重庆市第一〇四中学'
    >>> find_reference("万盛职教中心", ["万盛经开区职教中心"])
    '万盛经开区职教中心'
    >>> find_reference("7所学校", ["新华小学"]) is None
    True
    """
    written = next((name for name in names if name in recipient), None)
    if written or len(recipient) < _MIN_SHORT_FORM_CHARS:
        return written
    return next((name for name in names if _abbreviates(recipient, name)), None)


def _abbreviates(short: str, full: str) -> bool:
    """Is ``short`` the name ``full`` with words left out (万盛职教中心 ← 万盛经开区职教中心)?

    Both end alike (黔江民族中学 ← 重庆市黔江民族中学校 allows one character more): the place
    万盛经开区 abbreviates no 万盛经开区教师进修校.
    """
    at = full.rfind(short)
    if at >= 0:
        return len(full) - (at + len(short)) <= 1
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if position == 0:
            return False
    return True
