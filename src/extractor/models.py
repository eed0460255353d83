"""The output contract: pydantic models, the single source of truth.

The JSON Schema in ``schemas/`` is generated from :class:`Document`; the
evaluation, the report and users' own code read these field names.

>>> Figure(text="7所", start=0, end=2, sentence="7所学校入选。", rule="figure.count",
...        value=7, unit="所").value
7
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

Number = Union[int, float]
Approx = Literal["over", "about", "under"]
Level = Literal["international", "national", "provincial", "municipal", "district", "school"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """One occurrence of a mention: ``article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Item(_Model):
    """Fields every extracted item carries, so it is grounded in the text."""

    text: str = Field(description="The mention as it reads in the repaired article text.")
    start: int = Field(ge=0, description="Offset of the mention in article.text.")
    end: int = Field(ge=0, description="End offset (exclusive): article.text[start:end] == text.")
    sentence: str = Field(description="The sentence the mention stands in.")
    rule: str = Field(description="Short stable name of the rule that produced the item.")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> "Item":
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError("end - start differs from len(text)")
        return self


class Figure(Item):
    value: Union[Number, Annotated[list[Number], Field(min_length=2, max_length=2)]] = Field(
        description="The number as written times its multiplier; a range is [low, high]."
    )
    unit: str = Field(description="Measure word or unit without the multiplier: 所, 元, 人次, %.")
    approx: Approx | None = None
    subject: str | None = Field(default=None, description="The head noun the unit counts.")
    unit_kind: str | None = Field(
        default=None, description="Family of the unit: count, money, area, length, weight, percent, multiple …"
    )


DateKind = Literal["absolute", "relative", "vague", "duration", "range", "frequency", "offset"]
Granularity = Literal["year", "half", "quarter", "month", "week", "day", "time", "period"]


class DateItem(Item):
    value: str | None = Field(
        description="ISO-style partial date (2022, 2022-08, XXXX-01-08, 2023-Q1, 2022/2024, P3Y) or null."
    )
    kind: DateKind
    granularity: Granularity | None = None
    approx: bool = Field(default=False, description="True when the value is only approximate (近日).")


class Award(Item):
    name: str = Field(description="The honour itself, without trigger verb, wrappers or quote marks.")
    recipient: str | None = None
    recipient_ref: str | None = Field(
        default=None, description="Name of the organization or person item the recipient is."
    )
    level: Level | None = None
    rank: str | None = None
    contest: str | None = None
    date: str | None = Field(default=None, description="Value of a date stated in the same sentence.")


ProgramKind = Literal[
    "document", "course", "platform", "project", "campaign", "brand", "model", "pilot", "base", "other"
]


class Program(Item):
    name: str = Field(description="The name without quote or book-title marks.")
    kind: ProgramKind
    mentions: list[Span] = Field(default_factory=list, description="Every occurrence in the article.")


OrganizationKind = Literal["school", "government", "party", "court", "company", "association", "other"]


class Organization(Item):
    kind: OrganizationKind
    alias_of: str | None = Field(default=None, description="Full name this short form abbreviates.")
    mentions: list[Span] = Field(default_factory=list)


class Person(Item):
    role: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Section(_Model):
    title: str
    start: int = Field(ge=0, description="Offset of the heading in article.text.")


# given: by the caller; article: a date the article states about itself (a publish line, a dateline);
# page: stated by an earlier article of the same page, for an article that states none.
ReferenceOrigin = Literal["given", "article", "page"]


class Article(_Model):
    title: str
    subtitle: str | None = None
    authors: list[str] = Field(default_factory=list)
    photo_credit: str | None = None
    captions: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    reference_date: str | None = Field(default=None, description="ISO date relative dates resolved against.")
    reference_date_origin: ReferenceOrigin | None = None
    text: str
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateItem] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _offsets_slice_text(self) -> "Article":
        text = self.text
        for kind in ITEM_KINDS:
            items = getattr(self, kind)
            for index, item in enumerate(items):
                if text[item.start : item.end] != item.text:
                    raise ValueError(f"{kind}[{index}]: text[{item.start}:{item.end}] is not {item.text!r}")
            if kind in _KINDS_WITH_MENTIONS:  # asking another item for `mentions` is slow in pydantic
                for index, item in enumerate(items):
                    if any(mention.end > len(text) for mention in item.mentions):
                        raise ValueError(f"{kind}[{index}]: mention ends past the text")
        return self


ITEM_KINDS: tuple[str, ...] = ("figures", "dates", "awards", "programs", "organizations", "people")
_KINDS_WITH_MENTIONS = frozenset({"programs", "organizations", "people"})


class Source(_Model):
    path: str = Field(description="Path of the input file as given to the extractor.")
    sha256: str = Field(description="SHA-256 of the input bytes.")
    encoding: str = Field(description="Encoding the bytes were decoded with.")
    bytes: int = Field(ge=0)
    replaced_chars: int = Field(default=0, ge=0, description="Undecodable bytes replaced by U+FFFD.")


class Document(_Model):
    """One output file: everything extracted from one input file."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    articles: list[Article]


class ErrorRecord(_Model):
    """One line of ``<out>/_errors.jsonl``: an input that produced no document."""

    path: str
    reason: str


class ArticleRecord(_Model):
    """One line of ``--format jsonl`` output: one article with its source."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    article: Article
