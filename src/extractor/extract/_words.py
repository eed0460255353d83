"""A word list as one fast pattern: the words merged into a prefix tree.

A plain alternation (``小学|中学|中学校|…``) makes the regex engine try every word at every
character; the tree form (``中(?:学(?:校)?)|小(?:学)…``) tries each first character once, which
scans an article several times faster. The standard library's ``re`` runs this pattern
faster than ``regex``, and the pattern needs nothing beyond it. At one position the
longest word matches.

The engine still tries the tree's first-level branches one by one wherever a first character
stands. Lists whose words share few last characters (organization suffixes end in 校, 院, 会 …)
are scanned faster backwards: :func:`word_ends` runs the tree of the reversed words over the
reversed text (4 times faster on news text) and reports where the words end.

>>> word_alternation(["中学", "中学校", "小学"])
'(?:中(?:学(?:校)?)|小(?:学))'
>>> pattern = word_pattern(["中学", "中学校", "小学"])
>>> [m.group() for m in pattern.finditer("重庆市中学校与万盛小学")]
['中学校', '小学']
>>> text = "重庆市中学校与万盛小学"
>>> list(word_ends(reversed_word_pattern(["中学", "中学校", "小学"]), text, text[::-1]))
[(11, '小学'), (6, '中学校'), (5, '中学')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["HAN", "reversed_word_pattern", "word_alternation", "word_ends", "word_pattern"]

# One Han character, as a class for ``re`` (which has no \p{Han}): the ranges of the Unicode
# Han script, the same characters as ``regex``'s \p{Han} (tests/test_people.py checks it).
HAN = (
    "[\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
    "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479]"
)

_END = ""  # marks the end of a word in the tree


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled pattern matching any of ``words`` (the longest at a position)."""
    return re.compile(word_alternation(words))


def reversed_word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """The pattern of ``words`` written backwards, for :func:`word_ends`."""
    return word_pattern(word[::-1] for word in words)


def word_ends(pattern: re.Pattern[str], text: str, reversed_text: str) -> Iterator[tuple[int, str]]:
    """``(end, word)`` for every offset of ``text`` where a word of the list ends, from the last.

    ``pattern`` comes from :func:`reversed_word_pattern`, ``reversed_text`` is ``text[::-1]``;
    at each end the longest word is given (shorter words ending there are its tails).
    """
    length = len(text)
    match = pattern.search(reversed_text)
    while match:
        yield length - match.start(), match.group()[::-1]
        match = pattern.search(reversed_text, match.start() + 1)


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
