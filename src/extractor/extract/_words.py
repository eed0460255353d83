"""A word list as one fast pattern: the words merged into a prefix tree.

A plain alternation (``小学|中学|中学校|…``) makes the regex engine try every word at every
character; the tree form (``中(?:学(?:校)?)|小(?:学)…``) tries each first character once, which
scans an article several times faster. The standard library's ``re`` runs this pattern
faster than ``regex``, and the pattern needs nothing beyond it. At one position the
longest word matches.

>>> word_alternation(["中学", "中学校", "小学"])
'(?:中(?:学(?:校)?)|小(?:学))'
>>> pattern = word_pattern(["中学", "中学校", "小学"])
>>> [m.group() for m in pattern.finditer("重庆市中学校与万盛小学")]
['中学校', '小学']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["word_alternation", "word_pattern"]

_END = ""  # marks the end of a word in the tree


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern matching any of ``words`` (the longest at a position)."""
    return re.compile(word_alternation(words))


def word_alternation(words: Iterable[str]) -> str:
    """The tree of ``words`` as one group, to use inside a larger pattern; never matches when empty."""
    tree: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    body = _branches(tree)
    return f"(?:{body})" if body else r"(?!)"


def _branches(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _tail(child) for char, child in sorted(node.items()) if char != _END]
    return "|".join(branches)


def _tail(node: dict[str, dict]) -> str:
    body = _branches(node)
    if not body:
        return ""
    group = f"(?:{body})"
    return f"{group}?" if _END in node else group
