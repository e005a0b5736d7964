"""Cross-article resolution: mentions from many articles into entities with one canonical name.

Names are compared on a transliteration key (Dutch ``oe``/``sj``/``j`` against English
``u``/``sh``/``y``: Sjojgoe ~ Shoigu, Poetin ~ Putin) and, for multi-word names, word by word
with rapidfuzz, so ``Kim Jong-il`` and ``Kim Jong-un`` (one word apart) never merge. A single
word joins a full name only when that full name is the only one it fits, or dominates the ones
it fits (Kim -> Kim Jong-un, not the rarely named Kim Jong-il); otherwise it stays its own
entity, so common surnames do not collapse different people. Types must agree, except that a
short name fitting a person becomes that person (taggers often call a surname ORG or LOC).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..lang import Language
from .chains import name_parts, strip_genitive, surname

WORD_SIMILARITY = 90  # rapidfuzz ratio per word on the transliteration key
DOMINANCE = 3  # a bare name joins the commonest full name it fits when that is this many times commoner


@dataclass(frozen=True)
class Occurrence:
    """One mention as resolution sees it."""

    article: str
    start: int
    end: int
    text: str
    name: str
    type: str


@dataclass
class Entity:
    id: str
    name: str
    type: str
    members: list[Occurrence] = field(default_factory=list)

    @property
    def variants(self) -> list[str]:
        counts = Counter(o.text for o in self.members) + Counter(o.name for o in self.members)
        return [v for v, _ in counts.most_common()]


@lru_cache(maxsize=200_000)
def translit_key(name: str, lang: Language) -> str:
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w\s-]", "", s).replace("-", " ")
    words = []
    for w in s.split():
        for a, b in lang.TRANSLITERATION:
            w = w.replace(a, b)
        w = re.sub(r"(?<=[aeiou])y(?![aeiou])", "i", w)  # Sergey ~ Sergei, Shoygu ~ Shoigu
        w = re.sub(r"y$", "i", w)
        words.append(w)
    return " ".join(words)


def resolve(occurrences: Iterable[Occurrence], lang: Language) -> list[Entity]:
    occs = [_aliased(o, lang) for o in occurrences]
    known_names = {o.name for o in occs} | {o.text for o in occs} | {p for o in occs for p in o.name.split()}
    occs = [_fold_genitive(o, known_names, lang) for o in occs]
    by_name: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in occs:
        by_name[(o.name, _group_type(o))].append(o)
    groups = _merge_full_names(by_name, lang)
    return _attach_short_names(groups, by_name, lang)


def _aliased(o: Occurrence, lang: Language) -> Occurrence:
    canonical = lang.ALIASES.get(o.name)
    return Occurrence(o.article, o.start, o.end, o.text, canonical, o.type) if canonical else o


def _fold_genitive(o: Occurrence, known: set[str], lang: Language) -> Occurrence:
    base = strip_genitive(o.name, known, lang)
    return o if base == o.name else Occurrence(o.article, o.start, o.end, o.text, base, o.type)


def _group_type(o: Occurrence) -> str:
    return o.type


def _same_full_name(a: str, b: str, lang: Language) -> bool:
    ka, kb = translit_key(a, lang).split(), translit_key(b, lang).split()
    if ka == kb:
        return True
    if len(ka) != len(kb):
        return False
    return all(fuzz.ratio(x, y) >= WORD_SIMILARITY or _one_letter_apart(x, y) for x, y in zip(ka, kb, strict=True))


def _one_letter_apart(x: str, y: str) -> bool:
    return len(x) >= 5 and len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) <= 1


def _merge_full_names(by_name: dict[tuple[str, str], list[Occurrence]], lang: Language) -> list[Entity]:
    """Multi-word names (and all non-person names) grouped by type and key; most frequent variant names it.

    Candidates are blocked by (type, word count, start of the last word) so that the fuzzy,
    word-by-word comparison runs against a handful of entities, not all of them.
    """
    entities: list[Entity] = []
    exact: dict[str, list[Entity]] = defaultdict(list)
    blocks: dict[tuple[str, int, str], list[Entity]] = defaultdict(list)
    for (name, kind), occ in sorted(by_name.items(), key=lambda kv: -len(kv[1])):
        if kind == "PER" and (len(name_parts(name, lang)) < 2 or name.split()[0].lower() in lang.NAME_PARTICLES):
            continue  # "Vries" or "De Vries": a surname, attached to a full name later
        key = translit_key(name, lang)
        words = key.split() or [""]
        block = (kind, len(words), words[-1][:2])
        match = next((e for e in exact[key] if e.type == kind or "PER" in (e.type, kind)), None)
        if match is None:
            match = next((e for e in blocks[block] if _same_full_name(e.name, name, lang)), None)
        if match is not None:
            match.members += occ
            if kind == "PER" and match.type != "PER":
                match.type = "PER"
            continue
        entity = Entity(id="", name=name, type=kind, members=list(occ))
        entities.append(entity)
        exact[key].append(entity)
        blocks[block].append(entity)
    return entities


def _attach_short_names(entities: list[Entity], by_name: dict[tuple[str, str], list[Occurrence]],
                        lang: Language) -> list[Entity]:
    people = [e for e in entities if e.type == "PER"]
    index: dict[str, list[Entity]] = defaultdict(list)
    for e in people:
        ps = [translit_key(p, lang) for p in name_parts(e.name, lang)]
        for p in {ps[0], ps[-1], translit_key(surname(e.name, lang), lang)}:
            index[p].append(e)
    singles: dict[str, Entity] = {}
    for (name, kind), occ in sorted(by_name.items(), key=lambda kv: -len(kv[1])):
        short = kind == "PER" and (len(name_parts(name, lang)) < 2 or name.split()[0].lower() in lang.NAME_PARTICLES)
        if not short and not _fits_person(name, kind, index, lang):
            continue
        key = translit_key(name, lang)
        target = _dominant(index.get(key, []))
        if target is not None and kind != "PER" and len(occ) > len(target.members):
            continue  # "D66" (ORG, 129 times) is not the person "Dijkhoff D66" (one tagging slip)
        if target is not None:
            target.members += occ
            if kind != "PER":  # it was grouped as an ORG/MISC name first; it belongs to the person
                claimed = {(o.article, o.start, o.end) for o in occ}
                for e in entities:
                    if e is not target:
                        e.members = [o for o in e.members if (o.article, o.start, o.end) not in claimed]
            continue
        if kind != "PER":
            continue  # no one person it fits: it stays the non-person entity it is ("Frans" the language, when
            # Frans Timmermans and Frans Bauer are both named: a bare first name typed MISC is not a person)
        single = singles.get(key)
        if single is None:
            single = singles[key] = Entity(id="", name=name, type="PER")
            entities.append(single)
        single.members += occ
    entities = [e for e in entities if e.members]
    by_id: dict[str, Entity] = {}
    for e in entities:
        e.members = _dedupe(e.members)
        e.name = _canonical(e, lang)
        e.id = "e" + hashlib.sha1(f"{e.type}:{translit_key(e.name, lang)}".encode()).hexdigest()[:12]
        if e.id in by_id:  # two groups that end with one name and type (an ORG group retyped PER) are one entity
            first = by_id[e.id]
            first.members = _dedupe(first.members + e.members)
            continue
        by_id[e.id] = e
    return list(by_id.values())


def _fits_person(name: str, kind: str, index: dict[str, list[Entity]], lang: Language) -> bool:
    """A one-word ORG/MISC name that is a known person's first or last name (Town, Watson).

    Not LOC: a place that shares a word with a person ("Rusland") must stay a place; in-article
    chains already retype a surname the tagger called a place when the article names the person.
    """
    if kind in ("PER", "LOC") or len(name.split()) != 1:
        return False
    return bool(index.get(translit_key(name, lang)))


def _dominant(candidates: list[Entity]) -> Entity | None:
    unique = list({id(e): e for e in candidates}.values())
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    ranked = sorted(unique, key=lambda e: -len(e.members))
    return ranked[0] if len(ranked[0].members) >= DOMINANCE * len(ranked[1].members) else None


def _dedupe(members: list[Occurrence]) -> list[Occurrence]:
    seen, out = set(), []
    for o in members:
        if (o.article, o.start, o.end) not in seen:
            seen.add((o.article, o.start, o.end))
            out.append(o)
    return out


def _canonical(e: Entity, lang: Language) -> str:
    """The commonest multi-word name among the members, else the commonest name."""
    names = Counter(o.name for o in e.members)
    full = [(n, c) for n, c in names.most_common() if len(name_parts(n, lang)) >= 2 or e.type != "PER"]
    return (full or names.most_common())[0][0]


# --- keys for resolving batch by batch (enrich.entities) -------------------------------------------

def name_keys(name: str, kind: str, lang: Language, *, person: bool = False) -> set[str]:
    """The keys an entity is found by for each (name, type) of its members: ``k:`` its transliteration key
    (exact matches, genitives), ``b:`` the fuzzy-match block ``_merge_full_names`` compares it in, and for a
    person's full name (``person``: the entity is a person) ``p:`` the keys of the parts a bare name attaches
    by (first, last, surname)."""
    key = translit_key(name, lang)
    words = key.split() or [""]
    keys = {"k:" + key, f"b:{kind}:{len(words)}:{words[-1][:2]}"}
    parts = name_parts(name, lang)
    if person and len(parts) >= 2:
        keys |= {"p:" + translit_key(p, lang) for p in (parts[0], parts[-1], surname(name, lang))}
    return keys


def probe_keys(name: str, kind: str, lang: Language) -> set[str]:
    """The keys under which the entities a new name could join, or change, are stored: its own key and
    those of its genitive and folded forms (``Poetins`` / ``Poetin``); for a one-word name the persons whose
    part it is (``p:``, rivals for "Kim" all among them); for a full name the bare names of its parts
    (``k:``: a "Kim" entity that should now attach to it)."""
    key = translit_key(name, lang)
    out = {"k:" + key}
    for suffix in lang.GENITIVE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            out.add("k:" + translit_key(name[: -len(suffix)], lang))
        out.add("k:" + translit_key(name + suffix, lang))
    parts = name_parts(name, lang)
    if len(parts) < 2 or name.split()[0].lower() in lang.NAME_PARTICLES:
        out.add("p:" + key)
    if len(parts) >= 2:
        out |= {"k:" + translit_key(p, lang) for p in (parts[0], parts[-1], surname(name, lang))}
    return out


def block_key(name: str, kind: str, lang: Language) -> str:
    words = translit_key(name, lang).split() or [""]
    return f"b:{kind}:{len(words)}:{words[-1][:2]}"


def could_merge(a: str, b: str, lang: Language) -> bool:
    """Whether ``_merge_full_names`` could put the two names in one entity (same key, or fuzzy word by word)."""
    return _same_full_name(a, b, lang)


def aliased_name(name: str, lang: Language) -> str:
    return str(lang.ALIASES.get(name) or name)
