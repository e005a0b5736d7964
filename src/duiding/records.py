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


# --- what the analysis stages read back from the store ------------------------------------------
# The store's query functions (``store/``) return these; the analysis modules (features, sentences,
# compare, timeline, summarise, claims, report.model) are pure functions over them, so they are tested
# without a database.

TokenRow = tuple[int, int, str, str, str]  # a stored token: start, end, lemma, the backend's tag, the coarse tag


@dataclass(frozen=True)
class StoredArticle:
    """An article as the analysis stages read it back: its text, dates and who published it."""

    id: str
    source: str
    title: str | None
    outlet: str | None  # the outlet's display name
    published: str | None
    published_start: str | None
    published_end: str | None
    text: str
    nlp_status: str | None = None
    language: str | None = None  # ISO 639-1, as detected or given; the analysis reads this language's data


@dataclass(frozen=True)
class StoredSentence:
    """One analysed sentence: its span in the article text and its tokens as stored."""

    article_id: str
    index: int
    start: int
    end: int
    tokens: tuple[TokenRow, ...]


@dataclass(frozen=True)
class EntityMention:
    """A mention linked to a cross-article entity (what clustering and the report count)."""

    article_id: str
    entity_id: str
    start: int
    type: str
    name: str = ""  # the entity's name, where the query joined it


@dataclass(frozen=True)
class ArticleMaterial:
    """One article with its sentences and resolved mentions: what its story features are made of."""

    article: StoredArticle
    sentences: tuple[StoredSentence, ...]
    mentions: tuple[EntityMention, ...]


@dataclass(frozen=True)
class StoredClaim:
    """A numeric claim as stored, with the display name of its article's outlet."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    hedge: str | None
    about: str
    anchors: str
    sentence: int
    outlet: str | None


@dataclass(frozen=True)
class StoredTimex:
    """A time expression as stored, with the display name of its article's outlet."""

    article_id: str
    start: int
    end: int
    text: str
    value_start: str
    value_end: str
    precision: str
    relative: bool
    outlet: str | None


@dataclass(frozen=True)
class StoryRef:
    """A storyline or an event as stored (an event's ``storyline`` is the line it belongs to)."""

    id: str
    kind: Literal["storyline", "event"]
    label: str
    start: str | None
    end: str | None
    storyline: str | None = None


@dataclass(frozen=True)
class StoryMaterial:
    """Everything a story's report is computed from, read in one go.

    ``sentences`` is the one fetch of the story's sentences that the outlet comparison, the summary
    and the timeline share. ``group_claims``, ``group_timexes`` and ``contexts`` resolve the members
    of the claim groups that touch the story (a member may be a claim of an article outside it).
    """

    head: StoryRef
    events: tuple[tuple[StoryRef, tuple[str, ...]], ...]  # each event with its article ids, by date
    articles: tuple[StoredArticle, ...]  # by publication date
    sentences: tuple[StoredSentence, ...]  # in article order of ``article_ids``, then by index
    speakers: tuple[tuple[str, str], ...]  # (article id, speaker) of attributed direct/partial quotes
    entity_names: tuple[tuple[str, str], ...]  # (article id, entity name) of non-MISC mentions
    claims: tuple[StoredClaim, ...]  # ordered by what they are about
    timexes: tuple[StoredTimex, ...]  # ordered by start date
    quotes: tuple[dict[str, Any], ...]  # store.quotes rows (direct and partial)
    claim_groups: tuple[dict[str, Any], ...]  # the stored claim groups with a member in the story
    group_claims: dict[str, StoredClaim]  # every claim those groups name
    group_timexes: dict[tuple[str, int], StoredTimex]  # every time expression they name
    contexts: dict[tuple[str, int], str]  # (article, position) -> the sentence there, for each member
    entities: tuple[dict[str, Any], ...]  # the story's most mentioned entities

    @property
    def article_ids(self) -> list[str]:
        return [a for _, ids in self.events for a in ids]
