"""Claim alignment: the same quantity of the same thing at the same time, as different articles report it.

Two claims are compared only when everything that decides which figure is meant agrees: the measure
(kind and unit, or the counted noun: ``zetels``; people nouns count alike), the noun after it
(``130 kilometer van de grens``, ``€250 per dag``, ``zes jaar cel``), the named subjects of the
sentence (people, parties, organisations: ``30 zetels`` of two parties together is not
one party's ``12``), the places (scope: Amsterdam's figure is not the national one), whether it is a
poll or expectation and whether it is a change (``vijf zetels erbij``), and the time (the
sentences' own dates overlap, else the articles are at most a week apart). A subject is needed
that is more than one shared place name: a named person or organisation, the measured-from phrase
(``van de Noord-Koreaanse grens``), or two places or more. Articles must share a storyline, or
name the same subjects with two content words in common. A sentence with two figures of one measure
is left out: which is which cannot be told. Where unsure, nothing is flagged.

Groups are built so that every member is comparable with every other (not chains). A group whose
values differ is a discrepancy — ``small`` when the hedges (``ongeveer``, ``zo'n``: ``lang.HEDGES``)
could explain the gap, ``large`` when they cannot — and one whose values agree is an agreement; its
``about`` says what the claims measure and why they were aligned. Time expressions that several
articles give for the same dates (``10 tot 13 september`` / ``tussen 10 en 13 september``) are
agreements too.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from .lang import Language, of_article
from .nlp.tags import has, is_, stored


@dataclass(frozen=True)
class ClaimGroup:
    id: str
    about: str
    status: str  # agreement | discrepancy
    severity: str | None  # small | large (discrepancies)
    claims: tuple[str, ...]  # claim ids, or "t:<article>:<start>" for time expressions


@dataclass(frozen=True)
class _View:
    """What decides which figure a claim is: computed once per claim from its sentence."""

    row: dict[str, Any]
    measure: tuple[str, str]
    qualifier: str | None
    names: frozenset[str]
    subjects: frozenset[str]  # the names before the figure: "VVD krijgt 12 zetels", not "12 zetels in de gemeenteraad"
    places: frozenset[str]
    words: frozenset[str]
    times: tuple[tuple[str, str], ...]
    day: date | None
    forecast: bool
    change: bool
    then: bool
    anchor: str | None  # the measured-from phrase ("Noord-Koreaanse grens")
    shown: dict[str, str]  # entity key -> a name to show


def _tokens_after(view_tokens: list[list[Any]], end: int) -> list[list[Any]]:
    return [t for t in view_tokens if t[0] >= end]


def _view(r: dict[str, Any], lang: Language) -> _View | None:
    if r["kind"] not in lang.COMPARABLE_KINDS:
        return None
    tokens = r["tokens"]
    inside = [t for t in tokens if t[0] >= r["start"] and t[1] <= r["end"]]
    after = _tokens_after(tokens, r["end"])[:4]
    before = [t for t in tokens if t[1] <= r["start"]][-2:]
    unit = (r["unit"] or "").lower()
    if r["kind"] == "count":
        lemma = (inside[-1][2] if inside else unit).lower()
        unit = "people" if unit in lang.PEOPLE_NOUNS or lemma in lang.PEOPLE_LEMMAS else lemma
    qualifier = None
    if any(str(t[2]).lower() in lang.NOT_A_MEASURE_AFTER for t in after[:2]):
        return None  # "drie weken geleden", "een dertien jaar oud voorstel": a time or an age
    for k, t in enumerate(after):
        lemma, tag = str(t[2]).lower(), stored(t)  # tokens are stored as (start, end, lemma, pos, tag)
        if lemma == "per" and k + 1 < len(after):
            qualifier = "per " + str(after[k + 1][2]).lower()
            break
        if is_(tag, "NOUN"):
            qualifier = lemma  # "130 kilometer van de grens", "zes jaar cel", "tien jaar aan de macht"
            break
        if not (is_(tag, "DET", "ADJ", "ADP", "ADV") or (is_(tag, "PRON") and has(tag, "poss"))):
            break
    if r["kind"] == "duration" and qualifier is None:
        return None  # an age, a term, "drie weken geleden": no one quantity
    names = frozenset(str(m[3]).lower() for m in r["mentions"] if m[2] in ("PER", "ORG"))  # not MISC ("Franse")
    subjects = frozenset(str(m[3]).lower() for m in r["mentions"] if m[2] in ("PER", "ORG")
                         and m[1] <= r["start"])
    origin = {t[1] for t in tokens if str(t[2]).lower() in lang.ORIGIN_PREPOSITIONS}
    # where the figure holds (scope), not where a person comes from ("Anna K. uit Tiel")
    places = frozenset(str(m[3]).lower() for m in r["mentions"] if m[2] == "LOC"
                       and not any(0 < m[0] - e <= 1 for e in origin))
    in_names = {i for m in r["mentions"] for i in range(m[0], m[1])}
    skip = lang.STOP_LEMMAS | lang.ALIGN_STOP_LEMMAS | set(lang.NUMBER_WORDS) | {unit, qualifier or ""}
    words = frozenset(str(t[2]).lower() for t in tokens
                      if is_(stored(t), "NOUN", "VERB", "ADJ") and len(str(t[2])) > 2
                      and str(t[2]).lower() not in skip and t[0] not in in_names
                      and not (r["start"] <= t[0] < r["end"]))
    lemmas = {str(t[2]).lower() for t in tokens}
    forecast = bool(lemmas & lang.FORECAST_CUES)
    near = [str(t[2]).lower() for t in before + after[:3]]
    # a change ("vijf zetels erbij") or the end of one ("van 400 naar 350 leden") is not a level
    change = any(w in lang.CHANGE_CUES for w in near) or any(is_(stored(t), "NUM") for t in before)
    then = bool(lemmas & lang.THEN_CUES)  # "toen nog 40 winkels": a figure of an earlier moment
    anchors = json.loads(r["anchors"] or "[]")
    # a measured-from phrase names a subject only when it holds a name ("de Noord-Koreaanse grens"), not
    # when it is a total ("van de stemmen")
    anchor = anchors[1] if len(anchors) > 1 and any(w[:1].isupper() for w in anchors[1].split()) else None
    day = date.fromisoformat(r["published_start"][:10]) if r["published_start"] else None
    return _View(r, (r["kind"], unit), qualifier, names, subjects, places, words,
                 tuple((t[2], t[3]) for t in r["timexes"]), day, forecast, change, then,
                 anchor.lower() if anchor else None, {str(m[3]).lower(): str(m[4]) for m in r["mentions"]})


def _what(v: _View) -> str:
    """The group's label: what is measured, of whom, where, from what ("distance km grens | Kim Jong-un |
    Vladivostok | van noord-koreaanse grens")."""
    kind, unit = v.measure
    head = f"{kind} {unit}" + (f" {v.qualifier}" if v.qualifier else "")
    parts = [_label(v, v.subjects), _label(v, v.places), f"van {v.anchor}" if v.anchor else ""]
    return " | ".join([head, *(x for x in parts if x)])


def _times_agree(a: _View, b: _View) -> str | None:
    if a.times and b.times:
        if any(x0 <= y1 and y0 <= x1 for x0, x1 in a.times for y0, y1 in b.times):
            return "their sentences give overlapping dates"
        return None
    if a.times or b.times:
        dated, other = (a, b) if a.times else (b, a)
        if other.day is None:
            return None
        d = other.day.isoformat()
        if any(x0 <= d <= x1 for x0, x1 in dated.times):
            return "one sentence's date holds the other article's day"
        return None
    if a.day is None or b.day is None or abs((a.day - b.day).days) > 7:
        return None
    return "articles within a week of each other"


def _anchor_named(a: _View, b: _View) -> bool:
    """a's measured-from phrase is a place or name that b's sentence gives another way ("van Venlo" / "in Venlo")."""
    return a.anchor is not None and b.anchor is None and a.anchor in {n.lower() for n in b.shown.values()}


def _label(v: _View, keys: frozenset[str]) -> str:
    return ", ".join(sorted(v.shown.get(k, k) for k in keys))


def _comparable(a: _View, b: _View) -> str | None:
    """Why a and b are the same quantity of the same thing at the same time, or None."""
    ra, rb = a.row, b.row
    if ra["article_id"] == rb["article_id"] or a.measure != b.measure or a.qualifier != b.qualifier:
        return None
    if a.forecast != b.forecast or a.change != b.change or a.then != b.then or a.names != b.names \
            or a.places != b.places:
        return None
    if a.anchor != b.anchor and not _anchor_named(a, b) and not _anchor_named(b, a):
        return None
    subject = []
    if a.subjects != b.subjects:
        return None
    if a.subjects:
        subject.append("about " + _label(a, a.subjects))
    if a.anchor or b.anchor:
        subject.append(f"measured from {a.anchor or b.anchor!r}")
    if len(a.places) >= 2 or (a.places and subject):
        subject.append("places " + _label(a, a.places))
    if not subject:
        return None  # nothing named, or a single shared place name: not enough to know it is one figure
    shared = sorted(a.words & b.words)
    same_line = ra["storyline"] is not None and ra["storyline"] == rb["storyline"]
    dated = bool(a.times and b.times)
    if not same_line and not (a.subjects and (len(shared) >= 2 or (shared and dated))):
        return None
    if not shared and not a.anchor and len(a.places) < 2:
        return None
    when = _times_agree(a, b)
    if when is None:
        return None
    unit = a.measure[1] + (f" {a.qualifier}" if a.qualifier else "")
    return "; ".join([f"same measure ({a.measure[0]}, {unit})", *subject,
                      *(["shared words " + ", ".join(shared[:5])] if shared else []),
                      "same storyline" if same_line else "same subjects", when])


def bucket_of(v: _View) -> str:
    """What two claims must share to be compared at all (``_comparable`` returns None when any of it differs):
    claims of different buckets never meet, so a bucket's groups depend on its claims alone and a batch
    regroups only the buckets its claims fall in (``stories.regroup_claims``)."""
    kind, unit = v.measure
    key = [kind, unit, v.qualifier, sorted(v.names), sorted(v.subjects), sorted(v.places), v.forecast, v.change,
           v.then]
    return "c" + hashlib.sha1(json.dumps(key, ensure_ascii=False).encode()).hexdigest()[:16]


def _views(rows: list[dict[str, Any]], lang: Language) -> list[_View]:
    """The comparable claims' views; a sentence with two figures of one measure is left out (rows hold every
    claim of an article, or claims already known to be kept)."""
    views = [v for v in (_view(r, of_article(r.get("language"), lang)) for r in rows) if v is not None]
    per_sentence: dict[tuple[str, int, tuple[str, str]], int] = defaultdict(int)
    for v in views:
        per_sentence[(v.row["article_id"], v.row["sentence"], v.measure)] += 1
    return [v for v in views if per_sentence[(v.row["article_id"], v.row["sentence"], v.measure)] == 1]


def claim_buckets(rows: list[dict[str, Any]], lang: Language) -> dict[str, str | None]:
    """Claim id -> its bucket (None: a claim never compared). ``rows`` hold whole articles' claims."""
    out: dict[str, str | None] = {r["id"]: None for r in rows}
    out.update({v.row["id"]: bucket_of(v) for v in _views(rows, lang)})
    return out


def align_claims(rows: list[dict[str, Any]], day_timexes: list[tuple[str, int, str, str, str, str]],
                 lang: Language) -> list[ClaimGroup]:
    """Agreements and discrepancies among the claims (``store.claims.claim_contexts``: each claim with its
    sentence's tokens, mentions and time expressions, its article's date and story) and among the explicit
    dates several articles of one event give (``store.claims.day_timexes_by_event``). Pure."""
    return [g for _, g in align_bucketed(rows, day_timexes, lang)]


def align_bucketed(rows: list[dict[str, Any]], day_timexes: list[tuple[str, int, str, str, str, str]],
                   lang: Language) -> list[tuple[str, ClaimGroup]]:
    """``align_claims`` with each group's bucket (``bucket_of``; ``d:<event>`` for date agreements)."""
    by_bucket: dict[str, list[_View]] = defaultdict(list)
    for v in _views(rows, lang):
        by_bucket[bucket_of(v)].append(v)
    out = []
    for bucket, members in by_bucket.items():
        groups: list[list[_View]] = []
        for v in members:
            for group in groups:
                if all(_comparable(v, g) for g in group):  # every member with every other: no chains
                    group.append(v)
                    break
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            why = _comparable(group[0], group[1]) or ""
            rows_ = [g.row for g in group]
            values = {m["value"] for m in rows_}
            status = "agreement" if len(values) == 1 else "discrepancy"
            severity = None if status == "agreement" else _severity(rows_, lang)
            ids = tuple(sorted(m["id"] for m in rows_))
            out.append((bucket, ClaimGroup("g" + hashlib.sha1(":".join(ids).encode()).hexdigest()[:12],
                                           f"{_what(group[0])} — aligned: {why}", status, severity, ids)))
    return out + _date_agreements(day_timexes)


def _severity(members: list[dict[str, Any]], lang: Language) -> str:
    lo = min(m["value"] for m in members)
    hi = max(m["value"] for m in members)
    slack = max(lang.HEDGES.get((m["hedge"] or "").lower().replace("’", "'"), 0.0) for m in members)
    return "small" if hi - lo <= max(slack, 0.05) * hi else "large"


def _date_agreements(day_timexes: list[tuple[str, int, str, str, str, str]]) -> list[tuple[str, ClaimGroup]]:
    """Explicit dates (day precision, a range or a day) that several articles of one event give alike."""
    by_value: dict[tuple[str, str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for article, start, text, v0, v1, event in day_timexes:
        by_value[(event, v0, v1)].append((article, start, text))
    out = []
    for (event, v0, v1), items in by_value.items():
        if len({a for a, _, _ in items}) < 2:
            continue
        ids = tuple(sorted(f"t:{a}:{s}" for a, s, _ in items))
        out.append(("d:" + event, ClaimGroup("g" + hashlib.sha1(":".join(ids).encode()).hexdigest()[:12],
                                             f"dates {v0}/{v1}", "agreement", None, ids)))
    return out
