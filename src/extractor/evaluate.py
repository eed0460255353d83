"""Score predicted documents against gold files, by the rules of ANNOTATION.md.

The scorer knows nothing about how extraction works: predicted documents and
gold files are plain JSON dicts. The rules ("How a result is scored"):

- Both sides are normalized: NFKC, no white space, no quote or book-title
  marks (:func:`normalize_text`). Awards and programs compare the predicted
  ``name`` when present, else its ``text``; every other kind compares ``text``.
- Strict match: equal normalized text. Lenient match: one normalized text
  contains the other (both non-empty).
- ``figures``, ``dates``, ``awards`` are multisets of occurrences;
  ``programs``, ``organizations``, ``people`` are sets of distinct normalized
  names (a gold name is optional only when all its occurrences are).
- Matching is one-to-one and greedy: the strict pass first, then the lenient
  pass on what is left; within a pass required gold items are paired before
  optional ones, and pairs closest in reading order first.
- A prediction matched to an optional gold item counts neither way; an
  unmatched optional gold item is not a miss.
- Strict P/R/F1 come from the strict pass alone, lenient P/R/F1 from both.
- Value accuracy, over lenient-matched pairs whose gold item is required:
  figures need an equal ``value`` (numerically: 7 == 7.0; a range is a
  two-item list) and an equal ``unit``; dates need an equal ``value``. Pairs
  whose gold value is null are not counted.
- Titles are correct when equal after normalization; authors when the
  normalized names are equal as multisets (order-insensitive).
- Articles are paired in order; the items of an unpaired article are all
  misses (gold) or all false alarms (predicted).

>>> gold = {"file": "a.txt", "articles": [{"title": "标题", "authors": [],
...         "figures": [{"text": "7所", "value": 7, "unit": "所"}]}]}
>>> predicted = {"articles": [{"title": "标题", "authors": [],
...              "figures": [{"text": "7 所", "value": 7.0, "unit": "所"}]}]}
>>> report = score_documents([(gold, predicted)])
>>> report.kinds["figures"].lenient.f1, report.kinds["figures"].value_accuracy
(1.0, 1.0)
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, computed_field
from rich.console import Console
from rich.table import Table
from rich.text import Text

MULTISET_KINDS: tuple[str, ...] = ("figures", "dates", "awards")
"""Kinds scored as multisets of occurrences."""

SET_KINDS: tuple[str, ...] = ("programs", "organizations", "people")
"""Kinds scored as sets of distinct normalized names."""

KINDS: tuple[str, ...] = MULTISET_KINDS + SET_KINDS
"""Every item kind, in report order."""

ALL = "all"
"""Key of the micro-summed row over every kind."""

VALUE_KINDS: tuple[str, ...] = ("figures", "dates")
"""Kinds that have a value accuracy."""

NAMED_KINDS: tuple[str, ...] = ("awards", "programs")
"""Kinds whose predicted ``name``, when present, is compared instead of ``text``."""

SHOW_CHOICES: tuple[str, ...] = ("misses", "alarms", "values")
"""Detail tables :func:`render_report` can print."""

GOLD_SUFFIX = ".gold.json"

_QUOTE_MARKS = "“”‘’\"'《》〈〉「」『』"
# White space, the quote and book-title marks, and zero-width characters.
_IGNORED_CHARACTERS = re.compile("[\\s" + re.escape(_QUOTE_MARKS) + "\u200b\u200c\u200d\u2060\ufeff]")


class GoldFormatError(ValueError):
    """A gold file does not have the structure ANNOTATION.md describes."""


# --------------------------------------------------------------------------- report models


class PRF(BaseModel):
    """True positives, false positives and misses, with precision, recall and F1.

    Precision is null when nothing counted was predicted, recall when nothing
    was required. F1 is ``2tp / (2tp + fp + fn)``: 1.0 when there was nothing
    to find and nothing was claimed, 0.0 as soon as one side is empty and the
    other is not.

    >>> PRF(tp=3, fp=1, fn=0).precision, PRF(tp=0, fp=0, fn=2).precision, PRF().f1
    (0.75, None, 1.0)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        errors = self.fp + self.fn
        return 2 * self.tp / (2 * self.tp + errors) if self.tp + errors else 1.0


class KindScore(BaseModel):
    """Scores of one kind (or of all kinds) over every scored document.

    ``gold`` counts required gold items, ``predicted`` every prediction
    (including those matched to optional gold items, which count in neither
    ``fp`` nor ``tp``). ``value_correct``/``value_total`` are null for kinds
    without values.

    >>> KindScore(value_correct=3, value_total=4).value_accuracy
    0.75
    """

    gold: int = 0
    predicted: int = 0
    strict: PRF = Field(default_factory=PRF)
    lenient: PRF = Field(default_factory=PRF)
    value_correct: int | None = None
    value_total: int | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value_accuracy(self) -> float | None:
        if not self.value_total:
            return None
        return (self.value_correct or 0) / self.value_total


class Agreement(BaseModel):
    """How many gold articles have the right title (or authors).

    >>> Agreement(correct=1, total=2).accuracy
    0.5
    """

    correct: int = 0
    total: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


class ItemRecord(BaseModel):
    """One missed gold item or one false alarm; ``article`` is the 0-based index."""

    file: str
    article: int
    kind: str
    text: str


class ValueRecord(BaseModel):
    """A matched pair whose values disagree, or a wrong title or author list.

    ``kind`` is ``figures`` or ``dates`` (``unit`` fields used by figures
    only), or ``title`` / ``authors`` for article metadata.
    """

    file: str
    article: int
    kind: str
    text: str
    predicted_text: str
    gold_value: Any = None
    predicted_value: Any = None
    gold_unit: str | None = None
    predicted_unit: str | None = None


class EvalReport(BaseModel):
    """Everything :func:`score_documents` measured.

    ``kinds`` holds one entry per kind in :data:`KINDS` plus ``"all"`` (the
    micro-sum over kinds). ``titles`` and ``authors`` count gold articles.

    >>> EvalReport().kinds["all"].lenient.f1
    1.0
    """

    files: int = 0
    kinds: dict[str, KindScore] = Field(default_factory=lambda: _empty_kind_scores())
    titles: Agreement = Field(default_factory=Agreement)
    authors: Agreement = Field(default_factory=Agreement)
    misses: list[ItemRecord] = Field(default_factory=list)
    alarms: list[ItemRecord] = Field(default_factory=list)
    values: list[ValueRecord] = Field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-compatible dicts and lists, computed metrics included."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        """The report as a JSON string (UTF-8 text, Chinese not escaped)."""
        return self.model_dump_json(indent=indent)


def _empty_kind_scores() -> dict[str, KindScore]:
    scores = {kind: KindScore() for kind in (*KINDS, ALL)}
    for kind in (*VALUE_KINDS, ALL):
        scores[kind].value_correct = 0
        scores[kind].value_total = 0
    return scores


# --------------------------------------------------------------------------- files


def find_gold_files(path: str | Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or a directory's ``*.gold.json`` files, sorted.

    >>> find_gold_files("/no/such/place")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no gold file or directory at /no/such/place
    """
    path = Path(path)
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(child for child in path.glob(f"*{GOLD_SUFFIX}") if child.is_file())
    raise FileNotFoundError(f"no gold file or directory at {path}")


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file and check the structure the scorer relies on.

    Raises :class:`GoldFormatError` naming the file and the faulty place,
    e.g. ``gold/a.txt.gold.json: articles[0].figures[3]: 'text' must be a non-empty string``.

    >>> try:
    ...     load_gold("/no/such.gold.json")
    ... except GoldFormatError as error:
    ...     print(error)
    /no/such.gold.json: cannot read: No such file or directory
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise GoldFormatError(f"{path}: cannot read: {error.strerror or error}") from error
    try:
        gold = json.loads(raw)
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not valid JSON: {error}") from error
    problem = _gold_problem(gold)
    if problem:
        raise GoldFormatError(f"{path}: {problem}")
    return gold


def _gold_problem(gold: Any) -> str | None:
    """The first structural problem of a gold dict, or None."""
    if not isinstance(gold, dict):
        return "the top level must be a JSON object"
    if not isinstance(gold.get("file"), str) or not gold["file"]:
        return "'file' must be a non-empty string naming the raw file"
    if not isinstance(gold.get("articles"), list):
        return "'articles' must be a list"
    for article_index, article in enumerate(gold["articles"]):
        where = f"articles[{article_index}]"
        if not isinstance(article, dict):
            return f"{where}: must be an object"
        if not isinstance(article.get("title"), str):
            return f"{where}: 'title' must be a string"
        authors = article.get("authors", [])
        if not isinstance(authors, list) or not all(isinstance(name, str) for name in authors):
            return f"{where}: 'authors' must be a list of strings"
        for kind in KINDS:
            items = article.get(kind, [])
            if not isinstance(items, list):
                return f"{where}: '{kind}' must be a list"
            for item_index, item in enumerate(items):
                problem = _gold_item_problem(kind, item)
                if problem:
                    return f"{where}.{kind}[{item_index}]: {problem}"
    return None


def _gold_item_problem(kind: str, item: Any) -> str | None:
    if not isinstance(item, dict):
        return "must be an object"
    if not isinstance(item.get("text"), str) or not item["text"].strip():
        return "'text' must be a non-empty string"
    if not isinstance(item.get("optional", False), bool):
        return "'optional' must be true or false"
    if kind == "figures" and item.get("value") is not None and not _is_figure_value(item["value"]):
        return "'value' must be a number, a [low, high] list or null"
    if kind == "dates" and not isinstance(item.get("value"), (str, type(None))):
        return "'value' must be a string or null"
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_figure_value(value: Any) -> bool:
    if isinstance(value, list):
        return len(value) == 2 and all(_is_number(bound) for bound in value)
    return _is_number(value)


def source_file_name(predicted: Mapping[str, Any]) -> str | None:
    """The raw file name a predicted document was extracted from (``source.path``'s last part).

    >>> source_file_name({"source": {"path": "data/raw/000_x.txt"}})
    '000_x.txt'
    """
    source = predicted.get("source")
    path = source.get("path") if isinstance(source, Mapping) else None
    if not isinstance(path, str) or not path:
        return None
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def pair_documents(
    golds: Sequence[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], Mapping[str, Any] | None]]:
    """Pair each gold dict with the predicted document of the same raw file (None if absent).

    >>> gold = {"file": "a.txt", "articles": []}
    >>> pair_documents([gold], [{"source": {"path": "raw/a.txt"}, "articles": []}])[0][1]["source"]
    {'path': 'raw/a.txt'}
    """
    by_name: dict[str, Mapping[str, Any]] = {}
    for document in predicted:
        name = source_file_name(document)
        if name is None:
            raise ValueError("a predicted document has no source.path to pair it with a gold file")
        if name in by_name:
            raise ValueError(f"two predicted documents come from {name}")
        by_name[name] = document
    return [(gold, by_name.get(gold["file"])) for gold in golds]


# --------------------------------------------------------------------------- scoring


def normalize_text(text: str) -> str:
    """The comparison form of a mention: NFKC, no white space, no quote or book-title marks.

    >>> normalize_text("《律动的 黔江号子》 ９０％")
    '律动的黔江号子90%'
    """
    return _IGNORED_CHARACTERS.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class _Mention:
    """One comparable item: its text as written, its normalized key and the raw dict."""

    text: str
    key: str
    optional: bool
    item: Mapping[str, Any]


@dataclass
class _Tally:
    """Counts of one kind, summed over articles before they become a :class:`KindScore`."""

    gold: int = 0
    predicted: int = 0
    strict_tp: int = 0
    strict_ignored: int = 0
    lenient_tp: int = 0
    lenient_ignored: int = 0
    value_correct: int = 0
    value_total: int = 0

    def to_score(self, has_values: bool) -> KindScore:
        strict_fp = self.predicted - self.strict_tp - self.strict_ignored
        lenient_fp = self.predicted - self.lenient_tp - self.lenient_ignored
        return KindScore(
            gold=self.gold,
            predicted=self.predicted,
            strict=PRF(tp=self.strict_tp, fp=strict_fp, fn=self.gold - self.strict_tp),
            lenient=PRF(tp=self.lenient_tp, fp=lenient_fp, fn=self.gold - self.lenient_tp),
            value_correct=self.value_correct if has_values else None,
            value_total=self.value_total if has_values else None,
        )


def score_documents(
    pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any] | None]],
) -> EvalReport:
    """Score (gold dict, predicted document dict) pairs; a None prediction misses everything.

    A predicted document with a ``source.path`` must come from the gold's ``file``.

    >>> gold = {"file": "a.txt", "articles": [{"title": "T", "people": [{"text": "陶庆明"}]}]}
    >>> score_documents([(gold, None)]).misses[0].text
    '陶庆明'
    """
    tallies = {kind: _Tally() for kind in KINDS}
    report = EvalReport()
    for gold, predicted in pairs:
        file_name = gold["file"]
        predicted_name = source_file_name(predicted) if predicted is not None else None
        if predicted_name is not None and predicted_name != file_name:
            raise ValueError(f"gold file {file_name} is paired with a prediction for {predicted_name}")
        gold_articles = list(gold.get("articles") or [])
        predicted_articles = list((predicted or {}).get("articles") or [])
        for index in range(max(len(gold_articles), len(predicted_articles))):
            gold_article = gold_articles[index] if index < len(gold_articles) else None
            predicted_article = predicted_articles[index] if index < len(predicted_articles) else None
            _score_metadata(report, file_name, index, gold_article, predicted_article)
            for kind in KINDS:
                _score_kind(report, tallies[kind], file_name, index, kind, gold_article, predicted_article)
        report.files += 1
    report.kinds = {kind: tallies[kind].to_score(kind in VALUE_KINDS) for kind in KINDS}
    report.kinds[ALL] = _sum_tallies(tallies).to_score(has_values=True)
    return report


def _sum_tallies(tallies: Mapping[str, _Tally]) -> _Tally:
    total = _Tally()
    for kind, tally in tallies.items():
        for field in ("gold", "predicted", "strict_tp", "strict_ignored", "lenient_tp", "lenient_ignored"):
            setattr(total, field, getattr(total, field) + getattr(tally, field))
        if kind in VALUE_KINDS:
            total.value_correct += tally.value_correct
            total.value_total += tally.value_total
    return total


def _score_metadata(
    report: EvalReport,
    file_name: str,
    index: int,
    gold_article: Mapping[str, Any] | None,
    predicted_article: Mapping[str, Any] | None,
) -> None:
    """Count title and author agreement for one gold article (extra predicted articles are not counted)."""
    if gold_article is None:
        return
    gold_title = gold_article.get("title") or ""
    predicted_title = (predicted_article or {}).get("title") or ""
    report.titles.total += 1
    if predicted_article is not None and normalize_text(gold_title) == normalize_text(predicted_title):
        report.titles.correct += 1
    else:
        report.values.append(
            ValueRecord(file=file_name, article=index, kind="title", text=gold_title,
                        predicted_text=predicted_title, gold_value=gold_title, predicted_value=predicted_title)
        )
    gold_authors = list(gold_article.get("authors") or [])
    predicted_authors = list((predicted_article or {}).get("authors") or [])
    report.authors.total += 1
    if predicted_article is not None and _author_multiset(gold_authors) == _author_multiset(predicted_authors):
        report.authors.correct += 1
    else:
        report.values.append(
            ValueRecord(file=file_name, article=index, kind="authors", text="、".join(gold_authors),
                        predicted_text="、".join(predicted_authors), gold_value=gold_authors,
                        predicted_value=predicted_authors)
        )


def _author_multiset(names: Iterable[Any]) -> Counter[str]:
    return Counter(key for key in (normalize_text(str(name)) for name in names) if key)


def _score_kind(
    report: EvalReport,
    tally: _Tally,
    file_name: str,
    index: int,
    kind: str,
    gold_article: Mapping[str, Any] | None,
    predicted_article: Mapping[str, Any] | None,
) -> None:
    """Match one kind of one article pair and add the counts and detail records."""
    gold = _gold_mentions((gold_article or {}).get(kind) or [])
    predicted = _predicted_mentions(kind, (predicted_article or {}).get(kind) or [])
    if kind in SET_KINDS:
        gold = _distinct_gold(gold)
        predicted = _distinct_predicted(predicted)
    matched_gold: set[int] = set()
    matched_predicted: set[int] = set()
    strict_pairs = _assign(gold, predicted, matched_gold, matched_predicted, _strict_match)
    lenient_pairs = _assign(gold, predicted, matched_gold, matched_predicted, _lenient_match)

    tally.gold += sum(not mention.optional for mention in gold)
    tally.predicted += len(predicted)
    strict_required = sum(not gold[g].optional for g, _ in strict_pairs)
    lenient_required = sum(not gold[g].optional for g, _ in lenient_pairs)
    tally.strict_tp += strict_required
    tally.strict_ignored += len(strict_pairs) - strict_required
    tally.lenient_tp += strict_required + lenient_required
    tally.lenient_ignored += len(strict_pairs) + len(lenient_pairs) - strict_required - lenient_required

    for gold_index, mention in enumerate(gold):
        if gold_index not in matched_gold and not mention.optional:
            report.misses.append(ItemRecord(file=file_name, article=index, kind=kind, text=mention.text))
    for predicted_index, mention in enumerate(predicted):
        if predicted_index not in matched_predicted:
            report.alarms.append(ItemRecord(file=file_name, article=index, kind=kind, text=mention.text))

    if kind not in VALUE_KINDS:
        return
    for gold_index, predicted_index in strict_pairs + lenient_pairs:
        gold_mention, predicted_mention = gold[gold_index], predicted[predicted_index]
        if gold_mention.optional or gold_mention.item.get("value") is None:
            continue
        tally.value_total += 1
        if _values_agree(kind, gold_mention.item, predicted_mention.item):
            tally.value_correct += 1
        else:
            report.values.append(_value_record(file_name, index, kind, gold_mention, predicted_mention))


def _gold_mentions(items: Iterable[Mapping[str, Any]]) -> list[_Mention]:
    mentions = []
    for item in items:
        text = str(item.get("text") or "")
        mentions.append(_Mention(text, normalize_text(text), bool(item.get("optional", False)), item))
    return mentions


def _predicted_mentions(kind: str, items: Iterable[Mapping[str, Any]]) -> list[_Mention]:
    mentions = []
    for item in items:
        name = item.get("name") if kind in NAMED_KINDS else None
        text = str(name or item.get("text") or "")
        mentions.append(_Mention(text, normalize_text(text), False, item))
    return mentions


def _distinct_gold(mentions: Sequence[_Mention]) -> list[_Mention]:
    """One mention per normalized name, optional only when every occurrence is optional."""
    by_key: dict[str, _Mention] = {}
    for mention in mentions:
        kept = by_key.get(mention.key)
        if kept is None or (kept.optional and not mention.optional):
            by_key[mention.key] = mention
    return list(by_key.values())


def _distinct_predicted(mentions: Sequence[_Mention]) -> list[_Mention]:
    """One mention per normalized name, the first occurrence."""
    by_key: dict[str, _Mention] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, mention)
    return list(by_key.values())


def _strict_match(gold_key: str, predicted_key: str) -> bool:
    return gold_key == predicted_key


def _lenient_match(gold_key: str, predicted_key: str) -> bool:
    return gold_key in predicted_key or predicted_key in gold_key


def _assign(
    gold: Sequence[_Mention],
    predicted: Sequence[_Mention],
    matched_gold: set[int],
    matched_predicted: set[int],
    accepts: Callable[[str, str], bool],
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of the still unmatched items; returns (gold, predicted) index pairs.

    Candidate pairs are taken in the order: required gold before optional,
    then the smallest distance between their relative positions in reading
    order, then gold order, then predicted order. Empty keys never match.
    """
    candidates = []
    for gold_index, gold_mention in enumerate(gold):
        if gold_index in matched_gold or not gold_mention.key:
            continue
        gold_position = _relative_position(gold_index, len(gold))
        for predicted_index, predicted_mention in enumerate(predicted):
            if predicted_index in matched_predicted or not predicted_mention.key:
                continue
            if accepts(gold_mention.key, predicted_mention.key):
                distance = abs(gold_position - _relative_position(predicted_index, len(predicted)))
                candidates.append((gold_mention.optional, distance, gold_index, predicted_index))
    candidates.sort()
    pairs = []
    for _, _, gold_index, predicted_index in candidates:
        if gold_index in matched_gold or predicted_index in matched_predicted:
            continue
        matched_gold.add(gold_index)
        matched_predicted.add(predicted_index)
        pairs.append((gold_index, predicted_index))
    return pairs


def _relative_position(index: int, count: int) -> float:
    return index / (count - 1) if count > 1 else 0.0


def _values_agree(kind: str, gold_item: Mapping[str, Any], predicted_item: Mapping[str, Any]) -> bool:
    if kind == "dates":
        predicted_value = predicted_item.get("value")
        return isinstance(predicted_value, str) and predicted_value.strip() == str(gold_item["value"]).strip()
    gold_unit = normalize_text(str(gold_item.get("unit") or ""))
    predicted_unit = normalize_text(str(predicted_item.get("unit") or ""))
    return gold_unit == predicted_unit and _numbers_agree(gold_item.get("value"), predicted_item.get("value"))


def _numbers_agree(gold_value: Any, predicted_value: Any) -> bool:
    """Numeric equality (7 == 7.0, float noise tolerated); ranges are equal [low, high] lists."""
    if isinstance(gold_value, list) or isinstance(predicted_value, list):
        return (
            isinstance(gold_value, list)
            and isinstance(predicted_value, list)
            and len(gold_value) == len(predicted_value)
            and all(_numbers_agree(g, p) for g, p in zip(gold_value, predicted_value))
        )
    if not (_is_number(gold_value) and _is_number(predicted_value)):
        return False
    return math.isclose(gold_value, predicted_value, rel_tol=1e-9, abs_tol=1e-9)


def _value_record(file_name: str, index: int, kind: str, gold: _Mention, predicted: _Mention) -> ValueRecord:
    return ValueRecord(
        file=file_name,
        article=index,
        kind=kind,
        text=gold.text,
        predicted_text=predicted.text,
        gold_value=gold.item.get("value"),
        predicted_value=predicted.item.get("value"),
        gold_unit=gold.item.get("unit") if kind == "figures" else None,
        predicted_unit=predicted.item.get("unit") if kind == "figures" else None,
    )


# --------------------------------------------------------------------------- floors and rendering


def check_floors(report: EvalReport, floors: Mapping[str, float]) -> list[str]:
    """The floors the report falls below (lenient F1 < floor), one message each; [] when all hold.

    Keys are kinds or ``"all"``; an unknown key raises ValueError.

    >>> check_floors(EvalReport(), {"figures": 0.9})
    []
    """
    violations = []
    for kind, floor in floors.items():
        if kind not in report.kinds:
            raise ValueError(f"unknown kind {kind!r} for a floor; expected one of: {', '.join(report.kinds)}")
        f1 = report.kinds[kind].lenient.f1
        if f1 < floor:
            violations.append(f"{kind}: lenient F1 {f1:.3f} is below the floor {floor:.3f}")
    return violations


def render_report(report: EvalReport, console: Console, show: Iterable[str] = ()) -> None:
    """Print the score table, the title/author line and the detail tables named in ``show``.

    ``show`` takes names from :data:`SHOW_CHOICES`: ``misses`` (required gold
    items not found), ``alarms`` (predictions matching nothing), ``values``
    (matched figures/dates with a wrong value or unit, wrong titles and authors).

    >>> render_report(EvalReport(), Console(file=None, width=100, quiet=True), {"misses"})
    """
    show = set(show)
    unknown = show - set(SHOW_CHOICES)
    if unknown:
        raise ValueError(f"unknown detail {sorted(unknown)}; choose from {', '.join(SHOW_CHOICES)}")

    table = Table(title=f"Scores over {report.files} file(s)")
    table.add_column("kind")
    for column in ("gold", "pred", "strict F1", "lenient P", "lenient R", "lenient F1", "value acc"):
        table.add_column(column, justify="right")
    for kind, score in report.kinds.items():
        table.add_row(
            Text(kind, style="bold" if kind == ALL else ""),
            str(score.gold),
            str(score.predicted),
            _format_ratio(score.strict.f1),
            _format_ratio(score.lenient.precision),
            _format_ratio(score.lenient.recall),
            _format_ratio(score.lenient.f1),
            _format_ratio(score.value_accuracy),
            end_section=kind == KINDS[-1],
        )
    console.print(table)
    console.print(
        Text(
            f"titles {report.titles.correct}/{report.titles.total} correct, "
            f"authors {report.authors.correct}/{report.authors.total} correct"
        )
    )
    if "misses" in show:
        console.print(_item_table("Misses: required gold items not found", report.misses))
    if "alarms" in show:
        console.print(_item_table("False alarms: predictions matching no gold item", report.alarms))
    if "values" in show:
        console.print(_value_table(report.values))


def _format_ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.3f}"


def _item_table(title: str, records: Sequence[ItemRecord]) -> Table:
    table = Table(title=f"{title} ({len(records)})")
    for column in ("file", "article", "kind", "text"):
        table.add_column(column, justify="right" if column == "article" else "left")
    for record in records:
        table.add_row(Text(record.file), str(record.article), record.kind, Text(record.text))
    return table


def _value_table(records: Sequence[ValueRecord]) -> Table:
    table = Table(title=f"Wrong values, titles and authors ({len(records)})")
    for column in ("file", "article", "kind", "gold text", "predicted text", "gold", "predicted"):
        table.add_column(column, justify="right" if column == "article" else "left")
    for record in records:
        table.add_row(
            Text(record.file),
            str(record.article),
            record.kind,
            Text(record.text),
            Text(record.predicted_text),
            Text(_format_value(record.gold_value, record.gold_unit)),
            Text(_format_value(record.predicted_value, record.predicted_unit)),
        )
    return table


def _format_value(value: Any, unit: str | None) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return f"{shown} {unit}" if unit else shown
