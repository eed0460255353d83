"""The vocabulary the rules use, as plain TSV data files, validated on load.

Every list an extractor needs (units, award triggers, organization suffixes,
surnames, the jieba user dictionary …) is a ``<kind>.tsv`` file in this
folder. A file starts with ``#`` comments that say where the words come from
and what the columns mean, then one header row naming the columns, then one
entry per row, tab separated. Columns after the first may be left empty.

A user's folder (``--lexicon DIR``) holds files of the same names. Their rows
are added on top of the packaged ones; a row whose first column starts with
``-`` removes that word (``-所``). Each row is validated with the kind's
pydantic model; a malformed file is refused with ``file:line: reason``.

>>> lexicon = load_lexicon()
>>> "王" in lexicon.words("surnames")
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..models import Level, OrganizationKind, ProgramKind

__all__ = [
    "Entry", "Lexicon", "LexiconError", "ROW_MODELS", "format_lexicon_file", "load_lexicon", "parse_lexicon_file",
]

T = TypeVar("T")


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message is ``file:line: reason``."""


class Row(BaseModel):
    """One entry. ``word`` is the first column of every file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    word: str

    @field_validator("word")
    @classmethod
    def _word_is_one_token(cls, word: str) -> str:
        if not word or any(ch.isspace() for ch in word):
            raise ValueError("the word is empty or contains white space")
        return word


class SurnameRow(Row):
    pass


class UserWordRow(Row):
    """A jieba user dictionary word: optional frequency and part-of-speech tag."""

    freq: int | None = None
    tag: str | None = None


UnitKind = Literal["count", "money", "area", "length", "weight", "volume", "percent", "multiple", "time", "other"]


class UnitRow(Row):
    kind: UnitKind


class UnitConversionRow(Row):
    """A unit reported as another one, times a factor (三成 is 30 %: 成 → %, factor 10)."""

    as_unit: str
    factor: int = 1


class FigureContextRow(Row):
    """A word next to a number that decides whether it is a figure (第 makes an ordinal)."""

    role: Literal["ordinal", "rate", "glued", "term_unit", "term_body", "subject_end", "time_count"]


class ApproxRow(Row):
    position: Literal["prefix", "suffix"]
    approx: Literal["over", "about", "under", "none"]


class OrgSuffixRow(Row):
    """A word ending an organization's name, the kind it gives, and what must stand before it."""

    kind: OrganizationKind
    prefix: Literal["place", "name", "any", "none"]


class PlaceRow(Row):
    kind: Literal["name", "suffix", "village"]


class RoleRow(Row):
    kind: Literal["title", "person", "unit", "modifier", "address", "credit", "cue", "follow"]


TimeUnit = Literal["century", "year", "half", "quarter", "month", "week", "day", "hour", "minute", "second"]


class TimeUnitRow(Row):
    """A unit of time after a number (3年) or 每 (每周); ``counting`` says if a bare number counts it."""

    unit: TimeUnit
    counting: Literal["bare", "classifier"]


class TimeRelativeRow(Row):
    """A word naming a period by its distance from the reference date (去年) or from a told event (次日)."""

    unit: TimeUnit
    offset: int
    anchor: Literal["now", "event"]
    day_half: Literal["am", "pm", "noon", "night"] | None = None  # 今晚: a clock hour after it is evening


class TimePartRow(Row):
    """A part of a year (上半年), a month (上旬) or a day (下午); ``part`` as the file explains."""

    of: Literal["year", "month", "day"]
    part: str | None = None


class TimeVagueRow(Row):
    """A time word with no date of its own (近年来, 不久后, 年均)."""

    kind: Literal["vague", "offset", "frequency"]
    unit: TimeUnit | None = None
    resolves: Literal["day"] | None = None


class TimeFestivalRow(Row):
    """A festival on a fixed day of the solar or lunar calendar (国庆节, 春节)."""

    calendar: Literal["solar", "lunar"]
    month: int
    day: int


class AwardTriggerRow(Row):
    """A verb that introduces an honour received; ``form`` and ``strength`` as the file explains."""

    form: Literal["plain", "passive", "active", "after"]
    strength: Literal["strong", "weak"]


class AwardWrapperRow(Row):
    """A word around an honour's name that is not the honour (称号, 名单, 的好成绩, 颁发的)."""

    role: Literal["closing", "suffix", "stop", "conferral", "lead"]


class AwardGenericRow(Row):
    """A word that says "an honour" without naming one (奖项), or a thing won that is no honour (专利)."""

    role: Literal["generic", "not_honour"]


class AwardHeadRow(Row):
    """A word an honour ends (…示范校) or starts with (最佳…); ``joins`` when two may be joined by 和."""

    joins: bool
    at: Literal["end", "start"] = "end"


class AwardRankRow(Row):
    """A prize rank (一等奖); ``rank`` is the form reported when it differs from the word."""

    rank: str | None = None


class LevelCueRow(Row):
    """A word that tells an honour's level (全国: national), counted anywhere or only at the name's start."""

    level: Level
    scope: Literal["anywhere", "start"]


class ProgramHeadRow(Row):
    """A head that makes a name a program (…工程: project); ``unquoted`` as the file explains."""

    kind: ProgramKind | Literal["none"]
    unquoted: Literal["named", "short", "cue", "never"]


class ProgramCueRow(Row):
    """A word before or after a quote that tells a program (开展“X”) from emphasis (当好“X”)."""

    position: Literal["before", "after", "end"]
    signal: Literal["program", "emphasis"]
    kind: ProgramKind | None = None


# kind (file stem) -> the model of its rows. Column order is the model's field order.
ROW_MODELS: dict[str, type[Row]] = {
    "surnames": SurnameRow,
    "userdict": UserWordRow,
    "units": UnitRow,
    "approx": ApproxRow,
    "org_suffixes": OrgSuffixRow,
    "org_stopwords": Row,
    "org_trades": Row,
    "places": PlaceRow,
    "roles": RoleRow,
    "non_names": Row,
    "time_units": TimeUnitRow,
    "time_relative": TimeRelativeRow,
    "time_parts": TimePartRow,
    "time_vague": TimeVagueRow,
    "time_festivals": TimeFestivalRow,
    "time_exclusions": Row,
    "figure_context": FigureContextRow,
    "figure_exclusions": Row,
    "unit_conversions": UnitConversionRow,
    "award_triggers": AwardTriggerRow,
    "award_wrappers": AwardWrapperRow,
    "award_generic": AwardGenericRow,
    "award_heads": AwardHeadRow,
    "award_ranks": AwardRankRow,
    "award_contests": Row,
    "award_fillers": Row,
    "level_cues": LevelCueRow,
    "municipalities": Row,
    "program_heads": ProgramHeadRow,
    "program_cues": ProgramCueRow,
    "program_generic": Row,
}


@dataclass(frozen=True)
class Entry:
    row: Row
    source: str  # "package" or the user's file path, with the line number


@dataclass
class Lexicon:
    """The effective vocabulary: packaged entries plus a user's additions and removals."""

    entries_by_kind: dict[str, list[Entry]]
    fingerprint: str
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def entries(self, kind: str) -> list[Entry]:
        _check_kind(kind)
        return self.entries_by_kind.get(kind, [])

    def rows(self, kind: str) -> list[Row]:
        return [entry.row for entry in self.entries(kind)]

    def words(self, kind: str) -> frozenset[str]:
        return self.memo(f"words:{kind}", lambda: frozenset(row.word for row in self.rows(kind)))

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """Build a derived structure (a compiled pattern, a lookup table) once per lexicon."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def __hash__(self) -> int:
        return hash(self.fingerprint)


def _check_kind(kind: str) -> None:
    if kind not in ROW_MODELS:
        raise KeyError(f"unknown lexicon kind {kind!r}; known: {', '.join(sorted(ROW_MODELS))}")


def parse_lexicon_file(kind: str, text: str, source: str) -> list[tuple[Row, bool, int]]:
    """Parse one TSV file into ``(row, is_removal, line_number)`` triples.

    >>> parse_lexicon_file("units", "word\\tkind\\n头\\tcount\\n", "units.tsv")[0][0].word
    '头'
    """
    model = ROW_MODELS[kind]
    columns = list(model.model_fields)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    rows: list[tuple[Row, bool, int]] = []
    header_seen = False
    seen: dict[tuple[bool, tuple[str, ...]], int] = {}  # an exact repeat is a slip, not a second meaning
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            header_seen = True
            if cells != columns:
                expected = "\\t".join(columns)
                raise LexiconError(f"{source}:{number}: the header row should be {expected!r}")
            continue
        if len(cells) > len(columns):
            raise LexiconError(f"{source}:{number}: {len(cells)} columns, expected at most {len(columns)}")
        removal = cells[0].startswith("-") and len(cells[0]) > 1
        if removal:
            cells[0] = cells[0][1:]
        values = {name: cell for name, cell in zip(columns, cells) if cell != ""}
        if removal:
            values = {"word": cells[0]}
            model_for_row: type[Row] = Row
        else:
            model_for_row = model
        if (removal, tuple(cells)) in seen:
            raise LexiconError(f"{source}:{number}: the same row as line {seen[(removal, tuple(cells))]}")
        seen[(removal, tuple(cells))] = number
        try:
            rows.append((model_for_row(**values), removal, number))
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "row"
            raise LexiconError(f"{source}:{number}: {where}: {problem['msg']}") from None
    if not header_seen:
        raise LexiconError(f"{source}: empty file (no header row)")
    return rows


def format_lexicon_file(kind: str, rows: list[Row]) -> str:
    """Rows as a TSV file that :func:`parse_lexicon_file` reads back unchanged.

    >>> format_lexicon_file("units", [UnitRow(word="头", kind="count")])
    '# units.tsv, written by extractor lexicon show --tsv\\nword\\tkind\\n头\\tcount\\n'
    """
    columns = list(ROW_MODELS[kind].model_fields)
    lines = [f"# {kind}.tsv, written by extractor lexicon show --tsv", "\t".join(columns)]
    for row in rows:
        values = row.model_dump()
        lines.append("\t".join("" if values[c] is None else str(values[c]) for c in columns))
    return "\n".join(lines) + "\n"


def _packaged_text(kind: str) -> str:
    return resources.files(__package__).joinpath(f"{kind}.tsv").read_text(encoding="utf-8")


def _load(user_dir: Path | None) -> Lexicon:
    entries: dict[str, list[Entry]] = {}
    digest = hashlib.sha256()
    for kind in ROW_MODELS:
        text = _packaged_text(kind)
        digest.update(text.encode())
        entries[kind] = [Entry(row, "package") for row, _, _ in parse_lexicon_file(kind, text, f"{kind}.tsv")]
    if user_dir is not None:
        if not user_dir.is_dir():
            raise LexiconError(f"{user_dir}: not a folder")
        for path in sorted(user_dir.glob("*.tsv")):
            kind = path.stem
            if kind not in ROW_MODELS:
                raise LexiconError(f"{path}: unknown lexicon file; known: {', '.join(sorted(ROW_MODELS))}")
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                raise LexiconError(f"{path}: not UTF-8 ({error.reason} at byte {error.start})") from None
            digest.update(path.name.encode() + text.encode())
            for row, removal, number in parse_lexicon_file(kind, text, str(path)):
                current = entries[kind]
                if removal:
                    entries[kind] = [entry for entry in current if entry.row.word != row.word]
                else:
                    # A user's row replaces a packaged row for the same word.
                    entries[kind] = [entry for entry in current if entry.row.word != row.word]
                    entries[kind].append(Entry(row, f"{path}:{number}"))
    return Lexicon(entries, digest.hexdigest()[:16])


@lru_cache(maxsize=8)
def _load_cached(user_dir: str | None) -> Lexicon:
    return _load(Path(user_dir) if user_dir else None)


def load_lexicon(user_dir: str | Path | None = None) -> Lexicon:
    """The packaged vocabulary, plus the files in ``user_dir`` when given (loaded once)."""
    return _load_cached(str(Path(user_dir).resolve()) if user_dir else None)
