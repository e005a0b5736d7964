"""The story stage for one batch: what the batch's articles cost, plus bounded look-ups in the store.

After a full build (the first ``analyze``, or ``duiding recluster``) the store keeps what the next
batch needs (``store/incremental.py``): each article's features, the document frequency of each
feature, each article's MinHash signature and band keys and each event's most specific features. A batch then

- reads only its own new articles (those added after the last placed one);
- adds their features to the document frequencies, so IDF needs no pass over the store;
- finds its near-copies by looking up its band keys (the same candidates datasketch's LSH gives),
  rules out on the stored signatures those whose MinHash estimate cannot reach a copy (as the full
  build does: ``dedup.plausible``), verifies the rest on the exact shingles, and merges the groups
  they touch;
- restores only the events whose dates come within ``EVENT_WINDOW_DAYS`` of the batch (an older
  event can take no new article) from the stored features, and assigns the new articles with the
  same ``cluster_events`` as a full run;
- links the events it touched into storylines: candidates are the events holding one of their most
  specific features (``event_keys``), compared as ``link_storylines`` compares them; the storylines
  they join are merged and relabelled, nothing else is rewritten.

How it may differ from ``duiding recluster`` over the same articles, exactly:

1. IDF drifts: a full run weighs every article with the final IDF; here earlier events keep the
   members they were given under the IDF of their time (a later article is assigned under today's).
   The candidates' vectors are recomputed with today's IDF, as a full incremental run does.
2. Candidate caps (``POSTINGS_MAX``, ``CANDIDATES_MAX``) count only events near in time here; a full
   run's index also still counts some that ended (it drops them oldest-first), so when more than 24
   events share an article's features, the two may score a different 24.
3. An undated new article is compared with the events near the batch's dated ones (a full run:
   with every event), and the cores of undated articles placed first (``cluster.CORE_MIN``) are
   found among the batch's undated articles (a full run: among all of them).
4. Storylines only grow: two storylines are merged when a touched event links them, and a link made
   earlier is never undone (``duiding recluster`` could, with IDF changed; a run that reads the whole
   store keeps stored links too). Nor are two events the batch did not touch compared again: a run
   that reads the whole store compares them under today's IDF, and a pair close to
   ``STORYLINE_THRESHOLD`` or ``STORYLINE_PROFILE_MIN`` may cross it there. A touched event finds candidates
   among all stored events by its members' ``QUERY_TERMS`` most specific features; a full run
   looks up only earlier events, by all their members' features.
5. Entity ids that change when resolution renames an entity keep their old document frequency
   under the old key (a full run counts the new key only).

Claim groups are regrouped for the buckets the batch's claims fall in (``stories.regroup_claims``), and
entities resolved for what the batch's mentions touch (``enrich.entities``); each says how it may differ.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .cluster import (
    CANDIDATES_MAX,
    ENTITY_PREFIX,
    EVENT_WINDOW_DAYS,
    POSTINGS_MAX,
    PRIOR_ARTICLES,
    STORYLINE_WINDOW_DAYS,
    Event,
    Features,
    _day,
    _near,
    profile,
    query_keys,
    storyline_link,
)
from .dedup import (
    MIN_SHINGLES,
    Banded,
    Doc,
    Signed,
    band_keys,
    copy_edges,
    estimated,
    packed,
    shingles,
    signature,
    unpacked,
    values,
)
from .embed import wanted
from .features import article_features, features_from, features_json
from .lang import Language
from .store import Store
from .store import incremental as db
from .store.analysis import article_material

if TYPE_CHECKING:
    from .stories import StoryReport


def clear_state(store: Store) -> None:
    db.clear_state(store)


def ready(store: Store) -> bool:
    """Whether the store holds stories and the state a batch needs (else a full build makes both)."""
    st = db.state(store)
    return db.has_stories(store) and "rowid" in st and st.get("format") == db.STATE_FORMAT


def feature_keys(f: Features) -> set[str]:
    return set(f.terms) | {ENTITY_PREFIX + k for k in f.entities}


def event_keys(events: Iterable[Event]) -> list[tuple[str, str]]:
    return sorted({(k, e.id) for e in events for m in e.members for k in query_keys(m)})


def save_full_state(store: Store, features: dict[str, Features], events: Sequence[Event],
                    banded: Banded | None) -> None:
    df: Counter[str] = Counter()
    for f in features.values():
        df.update(feature_keys(f))
    db.save_full(store, features=[(aid, features_json(f)) for aid, f in features.items()], df=dict(df),
                 n_docs=len(features), bands=banded.rows() if banded else (),
                 signed=banded.signed() if banded else (), keys=event_keys(events), rowid=db.max_rowid(store))


def _idf(df: dict[str, int], n: int) -> dict[str, float]:
    """``cluster.idf_table``'s formula over stored counts."""
    return {t: math.log((1 + n + PRIOR_ARTICLES) / (1 + c)) + 1.0 for t, c in df.items()}


def _shifted(iso: str, days: int) -> str:
    day = _day(iso)
    return (day + timedelta(days=days)).isoformat() if day else iso


RETRIES = 5  # batches placed by another writer meanwhile: read again and retry this often


def add_batch(store: Store, lang: Language, *, cluster: Callable[..., list[Event]], clock: Any
              ) -> tuple[StoryReport, list[str], list[str]]:
    """Place the articles added since the last batch; retried when another writer placed a batch meanwhile.
    Returns the report, the events that took new articles, and the events whose storyline changed."""
    from .errors import StoreError

    for _ in range(RETRIES):
        done = _add_batch(store, lang, cluster=cluster, clock=clock)
        if done is not None:
            return done
    raise StoreError("the stories changed under this batch five times in a row (other writers busy); run again")


def _add_batch(store: Store, lang: Language, *, cluster: Callable[..., list[Event]], clock: Any
               ) -> tuple[StoryReport, list[str], list[str]] | None:
    from .stories import StoryReport, _event_label, _restore, _storyline_label

    st = db.state(store)
    rowid, n_docs = int(st["rowid"]), int(st.get("n_docs", "0"))
    top = db.max_rowid(store)  # first: an article added meanwhile waits for the next batch, it is not skipped
    ids = db.new_article_ids(store, rowid, top)
    if not ids:
        if not db.save_batch(store, features=[], df={}, n_docs=n_docs, bands=[], signed=[], keys=[], rowid=top,
                             events=[], removed_lines=[], storylines=[], removed_groups=[], groups=[],
                             expect_rowid=rowid):
            return None
        return StoryReport(*db.counts(store), 0), [], []
    new = {f.id: f for f in article_features(article_material(store, ids), lang)}
    clock.lap("features")

    # document frequencies, with the batch counted
    delta: Counter[str] = Counter()
    for f in new.values():
        delta.update(feature_keys(f))
    n_docs += len(new)

    # events that can take a new article: those within the window of the batch's dates
    dated = [f for f in new.values() if f.start and f.end]
    lo: str | None = None
    hi: str | None = None
    if dated:
        lo = _shifted(min(f.start for f in dated if f.start), -EVENT_WINDOW_DAYS - 1)
        hi = _shifted(max(f.end for f in dated if f.end), EVENT_WINDOW_DAYS + 1)
    members = db.events_near(store, lo, hi)
    stored = {aid: features_from(aid, data)
              for aid, data in db.stored_features(store, [a for m in members.values() for a in m]).items()}
    features = {**stored, **new}
    # lead embeddings, made once per article: across languages, and for undated articles (stories.needs_lead)
    from .stories import needs_lead, with_leads

    multilingual = wanted(db.analysed_languages(store))
    missing = [a for a, f in features.items() if needs_lead(f, multilingual)]
    if missing:
        features = with_leads(features, {a: text for a, (text, _) in db.texts(store, missing).items()}, multilingual)
        new = {a: features[a] for a in new}
        clock.lap("embeddings")
    df = db.document_frequencies(store, {k for f in features.values() for k in feature_keys(f)})
    for k, c in delta.items():
        df[k] = df.get(k, 0) + c
    idf = _idf(df, n_docs)
    clock.lap("idf")
    events = _restore(members, features, idf)
    before = {e.id: len(e.articles) for e in events}
    events = cluster(list(new.values()), idf, events)
    touched = [e for e in events if len(e.articles) != before.get(e.id, 0)]
    clock.lap("events")

    # storylines of the touched events
    lines, event_updates, removed_lines = _link(store, touched, events, idf, n_docs)
    was = {eid: r["storyline"] for eid, r in db.event_rows(store, [e.id for e in touched]).items()}
    moved = sorted({r["id"] for r in event_updates}
                   | {e.id for e in touched if e.id in was and was[e.id] != lines[e.id]})
    clock.lap("storylines")
    names = db.entity_names_for(store, {k for e in touched for k, _ in e.entities.most_common(6)})
    labels = {e.id: _event_label(e, features, idf, names) for e in touched}
    rows: list[dict[str, Any]] = []
    for e in touched:
        rows.append({"id": e.id, "label": labels[e.id], "start": e.start, "end": e.end,
                     "n_articles": len(e.articles), "storyline": lines[e.id],
                     "new": [a for a in e.articles if a in new]})
    by_id = {r["id"]: r for r in rows}
    for r in event_updates:
        if r["id"] not in by_id:
            by_id[r["id"]] = r
            rows.append(r)
    storylines = []
    line_members: dict[str, list[dict[str, Any]]] = {}
    for r in by_id.values():
        line_members.setdefault(str(r["storyline"]), []).append(r)
    untouched = db.storyline_events(store, sorted(line_members))
    for line_id, evs in line_members.items():
        all_events = {e["id"]: e for e in untouched.get(line_id, [])}
        all_events.update({e["id"]: e for e in evs})
        shaped = [Event(id=e["id"], start=e["start"], end=e["end"], articles=[""] * int(e["n_articles"]))
                  for e in all_events.values()]
        storylines.append({"id": line_id, "label": _storyline_label(shaped, {e["id"]: e["label"]
                                                                            for e in all_events.values()}),
                           "start": min((e.start for e in shaped if e.start), default=None),
                           "end": max((e.end for e in shaped if e.end), default=None),
                           "n_events": len(shaped)})
    clock.lap("labels")

    removed_groups, groups, bands, signed = _copies(store, list(new.values()))
    clock.lap("duplicates")
    if not db.save_batch(store, features=[(aid, features_json(f)) for aid, f in new.items()], df=dict(delta),
                         n_docs=n_docs, bands=bands, signed=signed, keys=event_keys(touched), rowid=top, events=rows,
                         removed_lines=removed_lines, storylines=storylines, removed_groups=removed_groups,
                         groups=groups, expect_rowid=rowid):
        return None
    clock.lap("write")
    return StoryReport(*db.counts(store), len(new)), [e.id for e in touched], moved


def _link(store: Store, touched: list[Event], loaded: list[Event], idf: dict[str, float], n_docs: int
          ) -> tuple[dict[str, str], list[dict[str, Any]], list[str]]:
    """Storyline of each touched event; rows of untouched events whose storyline id changed; storylines merged
    away. Union-find over storyline ids: a touched event joins the storylines of the events it links to."""
    current = {eid: r["storyline"] for eid, r in db.event_rows(store, [e.id for e in touched]).items()}
    own = {e.id: current.get(e.id) or "sl" + e.id[2:] for e in touched}
    keys = {e.id: {k for m in e.members for k in query_keys(m)} for e in touched}
    # a feature held by more than POSTINGS_MAX events is skipped: POSTINGS_MAX + 1 holders say so
    holders = db.events_holding(store, sorted({k for ks in keys.values() for k in ks}), limit=POSTINGS_MAX + 1)
    for e in touched:  # the batch's own events hold their keys too
        for k in keys[e.id]:
            if e.id not in holders.setdefault(k, []):
                holders[k].append(e.id)
    wanted: dict[str, list[str]] = {}
    for e in touched:
        found: Counter[str] = Counter()
        for k in keys[e.id]:
            q = holders.get(k, [])
            if len(q) <= POSTINGS_MAX:
                found.update(x for x in q if x != e.id)
        ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES_MAX]
        wanted[e.id] = [x for x, _ in ranked]
    in_memory = {e.id: e for e in loaded}
    missing = sorted({x for xs in wanted.values() for x in xs} - set(in_memory))
    if missing:
        from .stories import _restore

        members = db.members_of(store, missing)
        feats = {aid: features_from(aid, d)
                 for aid, d in db.stored_features(store, [a for m in members.values() for a in m]).items()}
        extra = db.document_frequencies(store, {k for f in feats.values() for k in feature_keys(f)} - set(idf))
        idf = {**idf, **_idf(extra, n_docs)}
        in_memory.update({e.id: e for e in _restore(members, feats, idf)})
    cand_rows = db.event_rows(store, sorted({x for xs in wanted.values() for x in xs}))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def line_of(eid: str) -> str:
        return own.get(eid) or cand_rows.get(eid, {}).get("storyline") or "sl" + eid[2:]

    profiles: dict[str, dict[str, float]] = {}

    def profile_of(e: Event) -> dict[str, float]:  # an event is compared with up to CANDIDATES_MAX others
        if e.id not in profiles:
            profiles[e.id] = profile(e)
        return profiles[e.id]

    for e in touched:
        find(line_of(e.id))
        for x in wanted[e.id]:
            b = in_memory.get(x)
            if b is None or find(line_of(e.id)) == find(line_of(x)):
                continue
            if not _near(e.start, e.end, b.start, b.end, STORYLINE_WINDOW_DAYS):
                continue
            if storyline_link(e, b, (profile_of(e), profile_of(b))):
                parent[find(line_of(e.id))] = find(line_of(x))
    # a merged storyline takes the id of its earliest event, as a full run names it
    groups: dict[str, set[str]] = {}
    for line in list(parent):
        groups.setdefault(find(line), set()).add(line)
    events_of = db.storyline_events(store, sorted(parent))
    final: dict[str, str] = {}
    for lines in groups.values():
        event_ids = {ev["id"] for line in lines for ev in events_of.get(line, [])}
        event_ids |= {e.id for e in touched if line_of(e.id) in lines}
        name = "sl" + min(event_ids)[2:]
        for line in lines:
            final[line] = name
    assigned = {e.id: final[line_of(e.id)] for e in touched}
    updates: list[dict[str, Any]] = []
    removed: list[str] = []
    for line, name in final.items():
        if line == name:
            continue
        removed.append(line)
        for ev in events_of.get(line, []):
            if ev["id"] not in assigned:
                updates.append({**ev, "storyline": name})
    return assigned, updates, removed


def _copies(store: Store, new: Sequence[Features]
            ) -> tuple[list[str], list[dict[str, Any]], list[tuple[int, str]], list[Signed]]:
    """Near-copy groups touched by the batch: (group ids replaced, groups to write, band rows and signatures to
    add). Candidates share a band key with a new article (stored or in the batch); the stored signatures rule
    most of them out (``dedup.plausible``, as in the full build), and only the rest have their texts read."""
    from .dedup import group_copies

    texts = db.texts(store, [f.id for f in new])
    docs = [Doc(f.id, texts[f.id][0], texts[f.id][1]) for f in new if f.id in texts]
    sets = {d.id: shingles(d.text) for d in docs}
    usable = [d for d in docs if len(sets[d.id]) >= MIN_SHINGLES]
    sigs = {d.id: signature(sets[d.id]) for d in usable}
    keys = {aid: band_keys(m) for aid, m in sigs.items()}
    signed: list[Signed] = [(aid, len(sets[aid]), packed(m)) for aid, m in sigs.items()]
    stored = db.band_matches(store, [k for ks in keys.values() for k in ks])
    buckets: dict[int, list[str]] = {}
    for d in usable:
        for k in keys[d.id]:
            buckets.setdefault(k, []).append(d.id)
    candidates: dict[str, set[str]] = {}
    for d in usable:
        found: set[str] = set()
        for k in keys[d.id]:
            found.update(stored.get(k, ()))
            found.update(buckets.get(k, ()))
        found.discard(d.id)
        candidates[d.id] = found
    known = {aid: (len(sets[aid]), values(m)) for aid, m in sigs.items()}
    known.update({aid: (n, unpacked(sig)) for aid, (n, sig) in
                  db.signatures(store, sorted({x for xs in candidates.values() for x in xs} - set(known))).items()})
    kept = estimated({a: {x for x in xs if x in known} for a, xs in candidates.items()}, known)
    old = db.texts(store, sorted({x for xs in kept.values() for x in xs} - set(sets)))
    for aid, (text, _) in old.items():
        sets[aid] = shingles(text)
    edges = copy_edges(usable, {k: [x for x in v if x in sets] for k, v in kept.items()}, sets)
    bands = [(k, d.id) for d in usable for k in keys[d.id]]
    if not edges:
        return [], [], bands, signed
    linked = sorted({x for a, b, _ in edges for x in (a, b)} - set(keys))
    touched = db.groups_of(store, linked)
    member_ids = sorted({a for _, _, ms in touched.values() for a in ms} - set(old) - set(keys))
    dates = {**{aid: v[1] for aid, v in old.items()}, **{d.id: d.published for d in usable},
             **{aid: v[1] for aid, v in db.texts(store, member_ids).items()}}
    group_edges = list(edges)
    for _original, sim, ms in touched.values():
        for a in ms[1:]:
            group_edges.append((ms[0], a, sim))  # an old group holds together at its own lowest score
    nodes = sorted({x for a, b, _ in group_edges for x in (a, b)})
    groups = group_copies([Doc(x, "", dates.get(x)) for x in nodes], group_edges)
    return sorted(touched), [{"id": g.id, "original": g.original, "articles": list(g.articles),
                              "similarity": g.similarity} for g in groups], bands, signed
