"""The plain records that flow between stages.

No library object (an lxml tree, a feedparser entry, a Frog result) crosses a stage or store
boundary: readers turn what they parsed into a :class:`RawArticle`, cleaning turns that into an
:class:`Article`, and every later offset indexes into ``Article.text``. Keeping these as frozen
dataclasses of plain values is what lets the SQLite store, the JSON export and a Spark
``mapPartitions`` be thin adapters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["year", "month", "day", "minute", "second"]
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day", "minute", "second")


@dataclass(frozen=True)
class Published:
    """A publication date as precise as the source gave it, never more.

    ``iso`` is the date cut to its precision (``2023-09``, ``2019-02-12``,
    ``2024-06-19T21:55:01+02:00``) so that a month-only date is never mistaken for the 1st.
    """

    iso: str
    precision: Precision
    timezone: str | None = None  # "+02:00", "Europe/Amsterdam" or None when the source gave none


@dataclass(frozen=True)
class Removed:
    """A piece of page furniture the cleaner took out, kept so the decision can be checked."""

    kind: str  # caption | update-prefix | trailer | share
    text: str
    offset: int  # where it stood in the raw body


@dataclass(frozen=True)
class RawArticle:
    """What a reader found, before cleaning: the body as read and metadata as given."""

    source: str  # the input's file name, or the URL
    origin: str  # full path or URL, plus ``#N`` for the Nth record of a multi-record file
    body: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as the source wrote it; parsed by ingest.dates
    outlet: str | None = None
    language: str | None = None
    section: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outlet:
    """Who published an article. ``key`` is stable for grouping (the domain where known)."""

    key: str
    name: str


@dataclass(frozen=True)
class Article:
    """A cleaned article; its ``id`` is a hash of the normalised body, so re-ingesting is a no-op."""

    id: str
    source: str
    origin: str
    text: str
    title: str | None
    url: str | None
    outlet: Outlet | None
    published: Published | None
    language: str | None
    removed: tuple[Removed, ...] = ()
    section: str | None = None


@dataclass(frozen=True)
class Failure:
    """One input that could not become an article, with the specific reason as data."""

    source: str
    origin: str
    code: str
    reason: str
    stage: str = "ingest"
    severity: str = "error"  # error: nothing stored for it; warning: stored, something missing


@dataclass(frozen=True)
class Token:
    """One token with its character span in ``Article.text``."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str  # the backend's own tag, e.g. Frog's CGN tag "N(soort,ev,basis,zijd,stan)", spaCy's "NNS"
    ner: str = "O"  # the backend's raw IOB tag in Frog's spelling ("B-per"), kept for evaluation against raw output
    tag: str = "X"  # the coarse tag rules read ("NOUN:plur", "VERB:fin,past"; nlp/tags.py), set by the backend


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Mention:
    """A named-entity mention: a span of the cleaned text, its type and the name it stands for.

    ``name`` is the in-article referent (``Breuker`` -> ``Remco Breuker``, ``Poetins`` -> ``Poetin``);
    cross-article resolution maps names to entities.
    """

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | MISC
    sentence: int
    name: str
    origin: str = "backend"  # backend | chain (found by matching a known name) | repaired


@dataclass(frozen=True)
class Annotation:
    """What a language backend (plus duiding's repairs) says about one article."""

    article_id: str
    language: str
    backend: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    raw_mentions: tuple[Mention, ...] = ()  # the backend's own mentions, before repair (for evaluation)
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Any, ...] = ()  # enrich.numbers.Claim
    timexes: tuple[Any, ...] = ()  # enrich.timex.Timex
    issues: tuple[str, ...] = ()  # quotes skipped (an unpaired mark), as readable reasons


@dataclass(frozen=True)
class Speaker:
    """Who a quote is attributed to, as the article names them."""

    name: str | None  # the person or organisation ("Remco Breuker"), resolved within the article
    text: str | None = None  # the words that named them at the quote ("ze", "de expert", "Breuker")
    start: int | None = None  # span of those words
    end: int | None = None
    role: str | None = None  # "hoogleraar Koreastudies"
    organisation: str | None = None  # "Universiteit Leiden"
    kind: str = "unknown"  # person | organisation | role | unknown


@dataclass(frozen=True)
class Quote:
    start: int  # span of the quoted words, without the quotation marks
    end: int
    text: str
    kind: str  # direct | partial | indirect
    speaker: Speaker
    cue: str  # how the speaker was found: after, colon, before, previous, continuation, according, none
    sentence: int
    part: int = 0  # 0 for a quote's first paragraph, 1, 2, … for paragraphs that continue it
