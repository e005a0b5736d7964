"""In-article name chains: a surname or first name refers to the full name the article introduced.

``Breuker`` -> ``Remco Breuker``; ``Kim`` -> ``Kim Jong-un`` (the more frequent of the article's
full names that fit, so a passing ``Kim Jong-il`` does not capture them); genitives fold in
(``Poetins``, ``Shoigu's``); a short name the tagger mistyped (``Town`` as ORG, ``Salemon`` as LOC)
becomes PER when it is part of a person's full name. Full names are never merged with each
other here: ``Kim Jong-il`` stays itself even in the same article as ``Kim Jong-un``.
Also recovers mentions the tagger missed: a token equal to a known part of a full name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import replace

from ..lang import Language
from ..records import Mention, Sentence


def name_parts(name: str, lang: Language) -> list[str]:
    return [p for p in name.split() if p.lower() not in lang.NAME_PARTICLES]


def surname(name: str, lang: Language) -> str:
    """The last name with its particles: "Marieke de Vries" -> "de Vries"."""
    words = name.split()
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in lang.NAME_PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _particle_key(word: str) -> str:
    """"De Vries" at a sentence start (or Flemish style) and "de Vries" are one surname."""
    return word[:1].lower() + word[1:] if " " in word else word


def strip_genitive(word: str, known: set[str], lang: Language) -> str:
    """``Poetins`` -> ``Poetin`` when ``Poetin`` is known; ``Shoigu's`` -> ``Shoigu`` always."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)]
    for suffix in lang.GENITIVE_SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] in known:
            return word[: -len(suffix)]
    return word


def chain(mentions: list[Mention], sentences: tuple[Sentence, ...], lang: Language,
          first_names: Collection[str] = (), tagger: str = "frog") -> list[Mention]:
    """``tagger="e5"`` (duiding's own Dutch tagger) skips the fix for raw Frog's person typing (on
    CoNLL-2002 testa it cost that tagger 0.004 F1); splitting "Kim Shoigu" is needed by both."""
    mentions = _promote_people(mentions, lang, first_names, strict=tagger != "frog")
    mentions = _split_pairs(mentions, lang)
    full = [m for m in mentions if m.type == "PER" and len(name_parts(m.text, lang)) >= 2]
    frequency = Counter(m.text for m in full)
    parts: dict[str, list[Mention]] = {}
    for m in full:
        ps = name_parts(m.text, lang)
        for p in {ps[0], ps[-1], _particle_key(surname(m.text, lang))}:
            parts.setdefault(p, []).append(m)
    known = set(parts) | {m.text for m in mentions}
    votes = Counter((m.text, m.type) for m in mentions)
    out = [_link(m, parts, frequency, known, votes, lang, first_names) for m in mentions]
    out += _recover(out, sentences, parts, frequency, known, lang)
    return sorted(_short_organisations(out), key=lambda m: (m.start, m.end))


def _short_organisations(mentions: list[Mention]) -> list[Mention]:
    """"Forum" after "Forum voor Democratie": an organisation called by the first word of its name.

    Only names of three or more words whose second word is lower case ("X voor Y", "X van Y"): their
    first word is the name people shorten to; "Europese Commissie" is not shortened to "Europese". And
    only when one such name in the article starts with that word.
    """
    owners: dict[str, set[str]] = {}
    for m in mentions:
        words = m.text.split()
        if m.type == "ORG" and len(words) >= 3 and words[1].islower() and words[0][:1].isupper():
            owners.setdefault(words[0], set()).add(m.text)
    out = []
    for m in mentions:
        names = owners.get(m.text)
        if names and len(names) == 1 and m.type in ("ORG", "MISC") and m.name == m.text:
            m = replace(m, name=next(iter(names)), type="ORG")
        out.append(m)
    return out


def _promote_people(mentions: list[Mention], lang: Language, first_names: Collection[str],
                    strict: bool = False) -> list[Mention]:
    """A multi-word name typed LOC/ORG/MISC is a person when its last word recurs alone (people are
    called by their surname; places and organisations rarely by their last word) and either the
    tagger calls that surname a person more often than not, or the name starts with a known first
    name ("Sergei Shoigu" LOC then "Shoigu" PER; "Jarne Vanhoutte" ORG then "Vanhoutte" ORG).

    ``strict`` (duiding's own tagger, which types far better than raw Frog) needs both: a known first
    name and the surname alone tagged as a person ("Wendelien Terpstra" ORG, then "Terpstra" PER)."""
    person_words = Counter(m.text for m in mentions if m.type == "PER" and len(m.text.split()) == 1)
    other_words = Counter(m.text for m in mentions if m.type != "PER" and len(m.text.split()) == 1)
    out = []
    for m in mentions:
        ps = name_parts(m.text, lang)
        if strict and not (ps and ps[0] in first_names and person_words[ps[-1]] > 0):
            out.append(m)
            continue
        if m.type in ("LOC", "ORG", "MISC") and 2 <= len(ps) <= 3 and all(p[:1].isupper() for p in ps) \
                and (person_words[ps[-1]] > 0 or (other_words[ps[-1]] > 0 and ps[0] in first_names)) \
                and (person_words[ps[-1]] > other_words[ps[-1]] or ps[0] in first_names) \
                and not any(p.lower() in lang.ORG_HEADS for p in ps):
            m = replace(m, type="PER")
        out.append(m)
    return out


def _split_pairs(mentions: list[Mention], lang: Language) -> list[Mention]:
    """"Kim Shoigu" ("nam Kim Shoigu mee") is two people when each word belongs to another full name."""
    full = {m.text for m in mentions if m.type == "PER" and len(name_parts(m.text, lang)) >= 2}
    owners: dict[str, set[str]] = {}
    for name in full:
        ps = name_parts(name, lang)
        for p in (ps[0], ps[-1]):
            owners.setdefault(p, set()).add(name)
    out: list[Mention] = []
    for m in mentions:
        words = m.text.split()
        if m.type == "PER" and len(words) == 2 and all(owners.get(w, set()) - {m.text} for w in words):
            second = m.start + m.text.index(words[1], len(words[0]))
            out.append(replace(m, end=m.start + len(words[0]), text=words[0], name=words[0]))
            out.append(replace(m, start=second, text=words[1], name=words[1]))
        else:
            out.append(m)
    return out


def _link(m: Mention, parts: dict[str, list[Mention]], frequency: Counter[str], known: set[str],
          votes: Counter[tuple[str, str]], lang: Language, first_names: Collection[str]) -> Mention:
    base = strip_genitive(m.text, known, lang)
    candidates = parts.get(_particle_key(base))
    if len(name_parts(base, lang)) >= 2 and not candidates:
        return replace(m, name=base)
    if not candidates or (m.type == "MISC" and m.text[:1].islower()):
        return replace(m, name=base)
    best = _pick(m, candidates, frequency)
    person_like = best.text.split()[0] in first_names
    if m.type != "PER" and not person_like and votes[(m.text, m.type)] > frequency[best.text]:
        return replace(m, name=base)  # "Swissair" (ORG five times) is not the person "Londen Swissair" (once)
    return replace(m, name=best.text, type="PER")


def _pick(m: Mention, candidates: list[Mention], frequency: Counter[str]) -> Mention:
    """The most frequent full name that fits; among equals, the nearest one before the mention."""
    def score(c: Mention) -> tuple[int, int]:
        return frequency[c.text], -abs(m.start - c.start) + (0 if c.start <= m.start else -10**6)
    return max(candidates, key=score)


def _recover(mentions: list[Mention], sentences: tuple[Sentence, ...], parts: dict[str, list[Mention]],
             frequency: Counter[str], known: set[str], lang: Language) -> list[Mention]:
    covered = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    for si, sentence in enumerate(sentences):
        for tok in sentence.tokens:
            if not tok.text[:1].isupper() or any(s <= tok.start < e for s, e in covered):
                continue
            base = strip_genitive(tok.text, known, lang)
            if base in parts:
                best = _pick(Mention(tok.start, tok.end, tok.text, "PER", si, base), parts[base], frequency)
                found.append(Mention(tok.start, tok.end, tok.text, "PER", si, best.text, origin="chain"))
    return found
