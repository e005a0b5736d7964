"""Events and storylines: incremental clustering of articles in time order.

An article is described by TF-IDF weights of its content lemmas (nouns and verbs, title words
counted double) and of its *specific* resolved entities: an entity's weight is its salience in the
article (lead and title mentions count more) times its rarity in the store (IDF), so ``Nederland``
or ``Amsterdam``, named in a quarter of all articles, weigh next to nothing while ``Guaidó`` or
``Haga Lyceum`` carry the match. Only the ``VECTOR_TERMS`` heaviest features are kept: they are
what makes the article this article, and they bound the memory an event holds.

An article joins the event holding the member most similar to it (article-to-article cosine,
the best over the event's members), among events whose dates lie within ``EVENT_WINDOW_DAYS``
of its own, when that similarity reaches ``EVENT_THRESHOLD``; otherwise it starts a new event.
Comparing with members rather than with an event's summed profile is what keeps an event one
happening: a summed profile drifts as articles join and, on real news, swallowed unrelated
articles through the common words they all share ("Scepsis", 20 articles of six stories).

Candidates come from an inverted index: an article is compared only with the events that hold
one of its ``QUERY_TERMS`` most specific features, and a feature found in more than
``POSTINGS_MAX`` active events says nothing specific, so it is not used to look up candidates.
That keeps the work per article nearly constant however large the stream.

Digests (a page of letters, "kort nieuws": several short unrelated items in one article) are
found by their lack of cohesion: the vector of their opening item barely resembles the rest of the
text (``features.py`` sets ``Features.digest`` and gives such an article the lead's vector). A
digest is matched on its first item only and never becomes a member others are compared with, so
it can join an event but cannot glue two events together.

Across languages (a store holding, say, Dutch and English articles) lemmas share nothing: an article
with a lead embedding (``Features.embedding``, set by ``stories.py`` in a multilingual store) is
also compared with the members of events in another language by the calibrated e5 cosine of their
leads (``cross_lingual``), and those events are candidates whatever features they share.

Without a publication date the window cannot keep apart two happenings of one kind (two earthquakes,
two arrests of players of one club): their reports share the event words, the kind's places and
organisations, and single-link matching chains them. An undated article is therefore embedded too, and
compared with same-language members by the lexical cosine plus the agreement of their e5 leads above
``LEAD_FLOOR`` (who did what, where and when, read as a whole), against a threshold ``UNDATED_MARGIN``
higher: lexical overlap alone must be clearer, a matching lead makes up for less of it. Undated articles are
visited in no meaningful order, so a batch's undated articles first form cores at a still higher bar
(``CORE_MARGIN``): groups that clearly agree are placed whole before the rest join one by one, easiest (closest
to an event) first, and one pair that happens to come early cannot chain two happenings.

Events whose members are similar at the lower ``STORYLINE_THRESHOLD`` within
``STORYLINE_WINDOW_DAYS`` are linked into storylines (union-find over indexed candidates: every
event is in exactly one storyline), unless what the two events are about, their profiles (the sum
of their members' vectors), is further apart than ``STORYLINE_PROFILE_MIN``: one reportage on
Venezuela that compares Maduro with Trump is a close pair with a column on US politics, but the
Venezuela event as a whole is not.

The thresholds were swept on the hand-grouped DPG Media week 2019-W10 (benchmarks/stories.py
``--dpg``); the sweep is documented next to each constant.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

# Swept on 2019-W10 (234 articles, 188 gold events; benchmarks/stories.py --dpg), entity weight 0.75: event
# B-cubed F1 0.937 / 0.945 / 0.944 / 0.944 at 0.16 / 0.20 / 0.24 / 0.26 (precision 0.94 -> 1.0 as it rises).
# 0.20 also keeps the seeds' four 2023 reports of one summit in one event (their closest pairs: 0.21-0.31).
EVENT_THRESHOLD = 0.20
EVENT_WINDOW_DAYS = 7
# Storylines link events whose closest members reach this, their shared entities counted STORYLINE_ENTITY_BOOST
# times: a longer story keeps its people and organisations while its words change from event to event. Same
# week (names from Frog), storyline F1 (boost 1 / 1.25 / 1.5) at 0.14: 0.901 / 0.898 / 0.899; 0.15: 0.900 /
# 0.898 / 0.901; 0.16: 0.889 / 0.896 / 0.893; 0.18: 0.873 / 0.890 / 0.896. The example corpus keeps its three
# storylines (its June inquiry reaches the January flood at 0.17).
STORYLINE_THRESHOLD = 0.15
# ... and whose profiles (members' unit vectors summed, unit length; entities boosted alike) reach this. Same
# week, storyline F1 with names from duiding's tagger (ner = e5) / from Frog: without it 0.8995 / 0.902; at
# 0.10: 0.902 / 0.902; 0.11 to 0.13: 0.907 / 0.902; 0.135: 0.907 / 0.901. Linking on profiles alone (no
# closest pair) peaks higher on this week (0.910 / 0.909 at 0.145) but falls off steeply on both sides
# (0.893 / 0.881 at 0.13) and is not monotone in an event's members, so batches and full runs would disagree.
STORYLINE_PROFILE_MIN = 0.125
STORYLINE_ENTITY_BOOST = 1.5
STORYLINE_WINDOW_DAYS = 540
# An entity's weight next to a lemma's, before both are multiplied by their IDF. Same week, event F1 at 0.20:
# 0.944 without entities, 0.946 at 0.5, 0.945 at 0.75, 0.941 at 1.0 (heavier, entities pull columns about a
# person into that person's news: precision 0.996 / 0.979 / 0.956). 0.75 is the lightest weight that keeps
# the seeds' 2023 reports together (at 0.5 one of them is only 0.12-0.16 from the others).
ENTITY_WEIGHT = 0.75
VECTOR_TERMS = 60  # features kept per article (30 / 40 / 60 / all: event F1 0.947 / 0.946 / 0.945 / 0.952)
QUERY_TERMS = 10  # the most specific of them look up candidate events
# A feature held by more active events than this is not specific enough to look up with. Never reached on the
# dev week; on the 20k synthetic stream 400 left 130 candidates per article (278 s), 50 gives the same events
# in 15 s: a word that many events share does not find an article's event, its rarer words do.
POSTINGS_MAX = 50
# At most this many candidate events are scored per article (those sharing most of its specific features).
# Never reached on the dev week; on a dense synthetic stream (100k a year) it bounds the work per article.
CANDIDATES_MAX = 24
PRIOR_ARTICLES = 200  # see idf_table
MEMBERS_MAX = 16  # members an article is compared with per event: its first 8 and its latest 8
ENTITY_PREFIX = "\x00"  # entity features share the vector with lemmas, kept apart by this prefix
# Across languages the lemmas share nothing and only names (resolved across spellings: Poetin = Putin) overlap,
# so an article is also compared with members in another language by the multilingual-e5 cosine of their leads
# (``embed.py``). Those cosines are compressed (NL<->EN translations 0.88-0.95, unrelated news 0.74-0.80): the
# part above CROSS_FLOOR is scaled so that CROSS_FLOOR + CROSS_SPAN reaches 1. On the mixed test corpus
# (tests/fixtures/mixed) reports of one happening in the two languages score 0.88-0.91, other pairs <= 0.79.
CROSS_FLOOR = 0.83
CROSS_SPAN = 0.12
# Undated articles (ECB+ topics 1-35: 772 English documents, 66 happenings of 33 kinds; ../shared/tools/score_ecb.py):
# within one kind, the pairs of one happening and of the other are told apart by the lexical cosine with AUC 0.88,
# by the e5 lead cosine 0.91, by the two together 0.93. Event B-cubed F1, dev topics / all of 1-35, at weight,
# floor, margin: lexical only 0.836 / 0.858; 6, 0.87, 0.10: 0.921 / 0.914; around it 5, 0.87, 0.10: 0.902 / 0.907;
# 8, 0.87, 0.10: 0.921 / 0.915; 6, 0.875, 0.10: 0.902 / 0.906; 6, 0.87, 0.05: 0.908 / 0.904; 6, 0.87, 0: 0.887 /
# 0.865. Taking the best member still beats averaging over members with leads (top-2, top-3, mean: 0.89-0.91).
# Dated articles are not affected: the window separates their happenings.
LEAD_WEIGHT = 6.0
LEAD_FLOOR = 0.87
UNDATED_MARGIN = 0.10
# Visited one by one, undated articles chain: the second report of a kind may resemble the first just enough
# though it tells the other happening, and every later report of its happening follows it into the first one's
# event (six topics of ECB+ 1-35 merged whole through one such pair; over random visiting orders F1 on 1-35
# ranged 0.88-0.91). So the batch's undated articles are first clustered alone at a bar CORE_MARGIN higher; the
# groups of at least CORE_MIN found there (cores: reports that agree clearly) are placed first, each as a
# whole, and the others then join one by one. Dev topics / all of 1-35 at margin, size: without cores 0.921 /
# 0.914; 0.15, 5: 0.965 / 0.943; 0.10, 5: 0.965 / 0.942; 0.175, 5: 0.965 / 0.940; 0.20, 5: 0.942 / 0.934;
# 0.15, 4: 0.951 / 0.933; 0.15, 6: 0.960 / 0.939; 0.15, 3: 0.951 / 0.928; 0.15, 8: 0.930 / 0.921. The order is
# the articles' ids; over six other orders (ids hashed anew) the mean rises from 0.880 / 0.894 to 0.938 / 0.932.
# Then the others join easiest first: in the order of their closeness to an event once the cores are placed
# (the best similarity found, reaching the bar or not), so a doubtful article meets the events grown around it;
# ids break ties. Dev / 1-35: 0.965 / 0.951 (in id order: 0.965 / 0.943); over the six other orders 0.938 / 0.935.
CORE_MARGIN = 0.15
CORE_MIN = 5


@dataclass(frozen=True)
class Features:
    """What clustering knows of an article (built by ``features.py`` from the store)."""

    id: str
    start: str | None  # published range, ISO
    end: str | None
    title: str | None
    terms: dict[str, float]  # term -> count (before IDF)
    entities: dict[str, float]  # entity id -> salience
    digest: bool = False  # several unrelated short items: matched on its lead, never a bridge
    language: str | None = None
    embedding: tuple[float, ...] | None = None  # unit e5 vector of title + lead: multilingual store, or undated


@dataclass
class Event:
    id: str
    start: str | None
    end: str | None
    articles: list[str] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)  # summed weights of members (labels, storylines)
    entities: Counter[str] = field(default_factory=Counter)
    members: list[dict[str, float]] = field(default_factory=list)  # unit vectors of non-digest members
    # (language, lead embedding or None) of each member, in step with ``members``
    voices: list[tuple[str | None, tuple[float, ...] | None]] = field(default_factory=list)

    def add(self, f: Features, vec: dict[str, float]) -> None:
        self.articles.append(f.id)
        self.terms.update({t: w for t, w in vec.items() if not t.startswith(ENTITY_PREFIX)})
        self.entities.update(_unit(f.entities))
        if not f.digest:
            if len(self.members) >= MEMBERS_MAX:  # keep the founders and the latest: bounded work and memory
                del self.members[MEMBERS_MAX // 2]
                del self.voices[MEMBERS_MAX // 2]
            self.members.append(vec)
            self.voices.append((f.language, f.embedding))
        if f.start and (self.start is None or f.start < self.start):
            self.start = f.start
        if f.end and (self.end is None or f.end > self.end):
            self.end = f.end
        if len(self.terms) > VECTOR_TERMS * 4:
            self.terms = Counter(dict(self.terms.most_common(VECTOR_TERMS * 2)))


def idf_table(all_terms: Iterable[dict[str, float]], prior: int | None = None) -> dict[str, float]:
    """IDF over the store, as if ``prior`` (default ``PRIOR_ARTICLES``) more articles without the term were
    there. IDF estimates how common a word is in news at large; a store of five articles on one story cannot
    tell that, and would count the words all five share (the story's own names) as worthless."""
    prior = PRIOR_ARTICLES if prior is None else prior
    df: Counter[str] = Counter()
    n = 0
    for terms in all_terms:
        n += 1
        df.update(terms.keys())
    return {t: math.log((1 + n + prior) / (1 + c)) + 1.0 for t, c in df.items()}


def feature_idf(articles: Iterable[Features]) -> dict[str, float]:
    """One IDF table over lemmas and entities (entity keys carry ``ENTITY_PREFIX``)."""
    return idf_table({**f.terms, **{ENTITY_PREFIX + k: v for k, v in f.entities.items()}} for f in articles)


def tfidf(terms: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in terms.items() if c > 0}
    return _unit(weights)


def vector(f: Features, idf: dict[str, float]) -> dict[str, float]:
    """The article's unit vector: its ``VECTOR_TERMS`` heaviest lemma and entity features, TF-IDF weighted.

    An entity's IDF is its rarity in the store: the generic ones (a country, the capital) weigh
    little, a person or organisation named in few articles weighs much.
    """
    weights = {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in f.terms.items() if c > 0}
    for k, s in f.entities.items():
        if s > 0:
            key = ENTITY_PREFIX + k
            weights[key] = weights.get(key, 0.0) + ENTITY_WEIGHT * (1 + math.log(1 + s)) * idf.get(key, 1.0)
    if len(weights) > VECTOR_TERMS:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:VECTOR_TERMS])
    return _unit(weights)


def query_keys(vec: dict[str, float], n: int = QUERY_TERMS) -> list[str]:
    """The article's most specific features, which look up candidate events."""
    return [k for k, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


class _Index:
    """Inverted index: feature -> events whose members hold it, in creation order (oldest first)."""

    def __init__(self) -> None:
        self.postings: dict[str, deque[int]] = {}
        self.held: dict[int, set[str]] = {}  # event -> the features it is already listed under

    def add(self, event_index: int, vec: dict[str, float]) -> None:
        held = self.held.setdefault(event_index, set())
        for k in vec:
            if k not in held:
                held.add(k)
                self.postings.setdefault(k, deque()).append(event_index)

    def candidates(self, keys: Iterable[str], events: Sequence[Event], begin: datetime | None) -> list[int]:
        found: Counter[int] = Counter()
        for k in keys:
            q = self.postings.get(k)
            if not q:
                continue
            if begin is not None:  # the oldest events ended long before: they can take nothing more
                while q and _ended_before(events[q[0]], begin):
                    q.popleft()
            if len(q) > POSTINGS_MAX:
                continue
            found.update(q)
        return _most_shared(found)


def _most_shared(found: Counter[int]) -> list[int]:
    """The ``CANDIDATES_MAX`` events sharing most of the article's specific features, in creation order."""
    if len(found) > CANDIDATES_MAX:
        return sorted(i for i, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES_MAX])
    return sorted(found)


def best_member(vec: dict[str, float], e: Event, f: Features | None = None) -> float:
    """Similarity of an article to an event: the cosine with its closest member; for a member in another
    language than ``f``'s, the calibrated e5 cosine of their leads when that is higher; for an undated ``f``
    and a member in its language, the cosine plus ``lead_bonus`` (see ``UNDATED_MARGIN``)."""
    if f is None or f.embedding is None:
        return max((_dot(vec, m) for m in e.members), default=0.0)
    best = 0.0
    for m, (language, emb) in zip(e.members, e.voices, strict=True):
        sim = _dot(vec, m)
        if emb is not None:
            if language != f.language:
                sim = max(sim, cross_lingual(f.embedding, emb))
            elif not _dated(f):
                sim += lead_bonus(f.embedding, emb)
        best = max(best, sim)
    return best


def lead_bonus(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """What two leads' agreement adds to the lexical cosine of two articles in one language (``LEAD_FLOOR``)."""
    return LEAD_WEIGHT * max(0.0, sum(x * y for x, y in zip(a, b, strict=True)) - LEAD_FLOOR)


def cross_lingual(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The e5 cosine of two unit vectors, rescaled to the lexical cosine's range (see CROSS_FLOOR)."""
    cos = sum(x * y for x, y in zip(a, b, strict=True))
    return max(0.0, (cos - CROSS_FLOOR) / CROSS_SPAN)


def cluster_events(articles: Sequence[Features], idf: dict[str, float], events: list[Event] | None = None,
                   threshold: float = EVENT_THRESHOLD, cores: bool = True) -> list[Event]:
    """Assign ``articles`` (in time order) to ``events``, creating new ones; returns all events.

    Each article is compared with the events the index finds for its most specific features and
    that lie within the window; ties go to the earliest event, so the result does not depend on
    the order in which candidates are found.
    """
    events = list(events or [])
    index = _Index()
    for i, e in enumerate(events):
        for m in e.members:
            index.add(i, m)
    ordered = sorted(articles, key=lambda a: (a.start or "9999", a.id))
    dated = [f for f in ordered if _dated(f)]
    undated = [f for f in ordered if not _dated(f)]
    # other-language events are looked up only where there are two languages with leads (an undated article
    # has a lead in a store of one language too)
    crossing = len({lang for e in events for lang, emb in e.voices if emb is not None}
                   | {f.language for f in ordered if f.embedding is not None}) > 1
    for phase, group in ((0, dated), (1, undated)):
        if phase == 1 and group:  # an undated article is near every event: look them all up again
            if cores:
                group = _place_cores(group, idf, events, threshold, crossing)
            index = _Index()
            for i, e in enumerate(events):
                for m in e.members:
                    index.add(i, m)
            if cores:  # easy first: the articles closest to an event now join before the doubtful ones
                closest = {f.id: _best_event(f, vector(f, idf), events, index, 1, threshold, crossing)[1]
                           for f in group}
                group = sorted(group, key=lambda f: (-closest[f.id], f.id))
        for f in group:
            vec = vector(f, idf)
            best = _best_event(f, vec, events, index, phase, threshold, crossing)[0]
            if best is None:
                events.append(Event(id="ev" + hashlib.sha1(f.id.encode()).hexdigest()[:10], start=f.start, end=f.end))
                best = len(events) - 1
            events[best].add(f, vec)
            if not f.digest:
                index.add(best, vec)
    return events


def _best_event(f: Features, vec: dict[str, float], events: Sequence[Event], index: _Index, phase: int,
                threshold: float, crossing: bool, among: int | None = None) -> tuple[int | None, float]:
    """The event ``f`` joins (the first ``among`` events only, if given), or None for a new one; and the highest
    similarity to an event found, whether or not it reaches the threshold."""
    begin = _day(f.start) if phase == 0 else None
    # undated, with a lead: the lexical match must be clearer, a matching lead makes up for it
    best, best_sim = None, threshold + (UNDATED_MARGIN if phase == 1 and f.embedding is not None else 0.0)
    found = index.candidates(query_keys(vec), events, begin)
    if crossing and f.embedding is not None:  # another language shares no lemmas: found by language
        found = sorted(set(found) | set(_other_language_events(events, f)))
    top = 0.0
    for i in found:
        if among is not None and i >= among:
            continue
        e = events[i]
        if phase == 0 and not _near(f.start, f.end, e.start, e.end, EVENT_WINDOW_DAYS):
            continue
        sim = best_member(vec, e, f)
        top = max(top, sim)
        if sim >= best_sim and (best is None or sim > best_sim):
            best, best_sim = i, sim
    return best, top


def _place_cores(group: Sequence[Features], idf: dict[str, float], events: list[Event], threshold: float,
                 crossing: bool) -> list[Features]:
    """Place the batch's cores of undated articles into ``events``; returns the articles left to assign.

    A core is a group of at least ``CORE_MIN`` articles clustered at a bar ``CORE_MARGIN`` higher. Each core
    joins the earlier event its first article would join, or starts one; the others then join one by one."""
    found = cluster_events(group, idf, threshold=threshold + CORE_MARGIN, cores=False)
    by_id = {f.id: f for f in group}
    index = _Index()
    for i, e in enumerate(events):
        for m in e.members:
            index.add(i, m)
    before = len(events)
    placed: set[str] = set()
    for core in found:
        if len(core.articles) < CORE_MIN:
            continue
        members = [by_id[a] for a in core.articles]
        vecs = [vector(f, idf) for f in members]
        best = _best_event(members[0], vecs[0], events, index, 1, threshold, crossing, among=before)[0]
        if best is None:
            events.append(Event(id="ev" + hashlib.sha1(members[0].id.encode()).hexdigest()[:10],
                                start=None, end=None))
            best = len(events) - 1
        for f, vec in zip(members, vecs, strict=True):
            events[best].add(f, vec)
            placed.add(f.id)
    return [f for f in group if f.id not in placed]


def _other_language_events(events: Sequence[Event], f: Features) -> list[int]:
    """The latest ``CANDIDATES_MAX`` events holding a member in another language than ``f``'s."""
    found = [i for i in range(len(events) - 1, -1, -1)
             if any(lang != f.language and emb is not None for lang, emb in events[i].voices)]
    return found[:CANDIDATES_MAX]


def _dated(f: Features) -> bool:
    return f.start is not None and f.end is not None


def _ended_before(e: Event, day: datetime) -> bool:
    end = _day(e.end)
    if e.start is None or end is None:  # an undated event is near anything: it stays
        return False
    return (day - end).total_seconds() > EVENT_WINDOW_DAYS * 86400


def similarity(vec: dict[str, float], entities: dict[str, float], e: Event) -> float:
    """How close an article's vector is to an event (``entities`` are already inside ``vec``)."""
    del entities
    return best_member(vec, e)


def event_similarity(a: Event, b: Event, entity_boost: float = 1.0) -> float:
    """The closest pair of members of two events: their cosine, with the shared entities' part of it
    multiplied by ``entity_boost``."""
    return max((_split_dot(x, y, entity_boost) for x in a.members for y in b.members), default=0.0)


def storyline_link(a: Event, b: Event, profiles: tuple[dict[str, float], dict[str, float]] | None = None,
                   threshold: float = STORYLINE_THRESHOLD) -> bool:
    """Whether two events belong to one storyline: their closest members reach ``threshold`` and their
    profiles ``STORYLINE_PROFILE_MIN`` (shared entities counted ``STORYLINE_ENTITY_BOOST`` times). The profiles
    are compared first: one product instead of one per pair of members, and most candidates fail it."""
    pa, pb = profiles or (profile(a), profile(b))
    if _split_dot(pa, pb, STORYLINE_ENTITY_BOOST) < STORYLINE_PROFILE_MIN:
        return False
    return event_similarity(a, b, STORYLINE_ENTITY_BOOST) >= threshold


def profile(e: Event) -> dict[str, float]:
    """What an event is about: the unit sum of its members' (unit) vectors, so a word or name one member
    adds on the side weighs a member's share and what all members share weighs most."""
    total: Counter[str] = Counter()
    for m in e.members:
        total.update(m)
    return _unit(dict(total))


def _split_dot(a: dict[str, float], b: dict[str, float], entity_boost: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    common = a.keys() & b.keys()
    total = 0.0
    for k, x in a.items():
        if k in common:
            y = b[k]
            if y:
                total += x * y * (entity_boost if k.startswith(ENTITY_PREFIX) else 1.0)
    return total


def link_storylines(events: Sequence[Event], threshold: float = STORYLINE_THRESHOLD,
                    stored: dict[str, str] | None = None) -> list[list[Event]]:
    """Events linked (``storyline_link``) within the storyline window; candidates from an inverted index
    over members' specific features; each event in exactly one storyline.

    ``stored`` (event id -> storyline id) are links made before: they are kept. A profile changes as an
    event grows, so two events linked once may no longer reach ``STORYLINE_PROFILE_MIN``; a storyline
    does not fall apart for that, as it does not batch by batch (``duiding recluster`` links afresh)."""
    parent = list(range(len(events)))
    profiles = [profile(e) for e in events]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[str, int] = {}  # stored storyline -> its first event here
    for i, e in enumerate(events):
        line = (stored or {}).get(e.id)
        if line is not None:
            parent[find(i)] = find(first_of.setdefault(line, i))
    postings: dict[str, list[int]] = {}  # feature -> earlier events holding it in any member
    for i, e in enumerate(events):
        found: Counter[int] = Counter()
        for k in {k for m in e.members for k in query_keys(m)}:  # looked up by its members' most specific
            q = postings.get(k, [])
            if len(q) <= POSTINGS_MAX:
                found.update(q)
        candidates = _most_shared(found)
        for k in {k for m in e.members for k in m}:
            postings.setdefault(k, []).append(i)
        for j in sorted(candidates):
            if find(i) == find(j):
                continue
            b = events[j]
            if not _near(e.start, e.end, b.start, b.end, STORYLINE_WINDOW_DAYS):
                continue
            if storyline_link(e, b, (profiles[i], profiles[j]), threshold):
                parent[find(i)] = find(j)
    groups: dict[int, list[Event]] = {}
    for i, e in enumerate(events):
        groups.setdefault(find(i), []).append(e)
    return sorted(groups.values(), key=lambda g: min(e.start or "9999" for e in g))


def _unit(v: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / norm for k, x in v.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product, summed over the shared keys in ``a``'s order: bit for bit the sum over all of ``a``
    (the others add 0.0), ~2x faster, since the shared keys are found in C (the hot loop of clustering)."""
    if len(a) > len(b):
        a, b = b, a
    common = a.keys() & b.keys()
    if not common:
        return 0.0
    return sum([x * b[k] for k, x in a.items() if k in common])


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(k, 0.0) for k, x in a.items())
    nb = math.sqrt(sum(x * x for x in b.values()))
    na = math.sqrt(sum(x * x for x in a.values()))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=65536)  # the same few thousand dates are compared millions of times
def _day(iso: str | None) -> datetime | None:
    if not iso:
        return None
    try:
        return datetime.fromisoformat(iso[:19])
    except ValueError:
        return None


def _near(a_start: str | None, a_end: str | None, b_start: str | None, b_end: str | None, days: int) -> bool:
    """Whether two date ranges come within ``days`` of each other (unknown dates are near anything)."""
    a0, a1, b0, b1 = _day(a_start), _day(a_end), _day(b_start), _day(b_end)
    if None in (a0, a1, b0, b1):
        return True
    gap = max((b0 - a1).total_seconds(), (a0 - b1).total_seconds(), 0.0)  # type: ignore[operator]
    return gap <= days * 86400
