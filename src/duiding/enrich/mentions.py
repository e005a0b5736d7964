"""Named-entity mentions from a backend's IOB tags, with the repairs raw Frog output needs.

Measured on the seeds (see ../shared/dependencies.md), raw Frog swallows speech verbs and role
nouns into names (``zegt Breuker``), splits organisations (``Clingendael`` PER + ``Institute``
ORG) and people (``Jenny`` PER + ``Town`` LOC), tags nationality adjectives as places
(``Russische``), capitalised sentence-initial nouns as names (``Gesprekken``) and fields of
study as people (``Koreastudies``). Each repair below is one small function, in this order:
spans -> trim -> merge neighbours -> drop non-names -> retype.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import ModuleType

from ..records import Mention, Sentence, Token

FROG_TYPES = {"per": "PER", "org": "ORG", "loc": "LOC", "misc": "MISC", "pro": "MISC", "eve": "MISC"}


@dataclass
class Span:
    sentence: int
    first: int  # token indices, inclusive
    last: int
    type: str


def raw_mentions(sentences: tuple[Sentence, ...], text: str) -> list[Mention]:
    """The backend's own mentions, mapped to PER/ORG/LOC/MISC (the baseline for evaluation)."""
    return [_mention(sp, sentences, text, "backend") for sp in _spans(sentences, strict=True)]


def repaired_mentions(sentences: tuple[Sentence, ...], text: str, lang: ModuleType) -> list[Mention]:
    out: list[Mention] = []
    for sp in _spans(sentences, strict=False):
        tokens = sentences[sp.sentence].tokens
        trimmed = _trim(sp, tokens, lang)
        if trimmed is not None:
            out.append(trimmed)
    merged = _merge_neighbours(out, sentences, lang)
    kept = [sp for sp in merged if _is_name(sp, sentences[sp.sentence].tokens, lang)]
    return [_retype(_mention(sp, sentences, text, "backend"), sentences[sp.sentence].tokens[sp.first:sp.last + 1],
                    lang) for sp in kept]


def _spans(sentences: tuple[Sentence, ...], *, strict: bool) -> list[Span]:
    """IOB -> spans. Frog often changes type inside one name (B-per I-loc); unless ``strict`` that continues."""
    spans: list[Span] = []
    for si, sentence in enumerate(sentences):
        current: Span | None = None
        for ti, tok in enumerate(sentence.tokens):
            tag = tok.ner
            kind = FROG_TYPES.get(tag[2:].lower(), "MISC") if len(tag) > 2 else None
            continues = tag.startswith("I-") and current is not None and (not strict or current.type == kind)
            if continues and current is not None:
                current.last = ti
                continue
            if current is not None:
                spans.append(current)
                current = None
            if kind is not None:
                current = Span(si, ti, ti, kind)
        if current is not None:
            spans.append(current)
    return spans


def _edge_junk(tok: Token, lang: ModuleType) -> bool:
    word = tok.text
    if tok.pos.startswith("LET") or not any(ch.isalnum() for ch in word):
        return True
    if word.lower() in lang.REPORTING_VERBS:
        return True
    return word[:1].islower() and not word[:1].isdigit()  # particles only inside a name


def _trim(sp: Span, tokens: tuple[Token, ...], lang: ModuleType) -> Span | None:
    first, last = sp.first, sp.last
    while first <= last and _edge_junk(tokens[first], lang):
        first += 1
    while last >= first and _edge_junk(tokens[last], lang):
        last -= 1
    return Span(sp.sentence, first, last, sp.type) if first <= last else None


def _merge_neighbours(spans: list[Span], sentences: tuple[Sentence, ...], lang: ModuleType) -> list[Span]:
    """Adjacent mentions with nothing between them are one name ("Clingendael" + "Institute")."""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.sentence == sp.sentence and sp.first == prev.last + 1:
            tokens = sentences[sp.sentence].tokens[prev.first:sp.last + 1]
            prev.last = sp.last
            prev.type = _merged_type(prev.type, sp.type, tokens, lang)
            continue
        out.append(replace(sp))
    return out


def _merged_type(a: str, b: str, tokens: tuple[Token, ...], lang: ModuleType) -> str:
    if any(t.text.lower() in lang.ORG_HEADS for t in tokens):
        return "ORG"
    if "PER" in (a, b) and len(tokens) <= 4:
        return "PER"
    return a


def _is_name(sp: Span, tokens: tuple[Token, ...], lang: ModuleType) -> bool:
    span = tokens[sp.first:sp.last + 1]
    if all(t.pos.startswith("ADJ") for t in span):
        return True  # nationality adjectives: kept, retyped MISC as in CoNLL-2002
    if not any(t.pos.startswith(("SPEC(deeleigen", "N(eigen", "SPEC(afk", "SPEC(vreemd")) for t in span):
        return False  # a capitalised common noun ("Gesprekken" at the start of a sentence)
    return not (len(span) == 1 and span[0].text.lower().endswith(lang.NOT_A_NAME_SUFFIXES))


def _retype(m: Mention, tokens: tuple[Token, ...], lang: ModuleType) -> Mention:
    known = lang.KNOWN_TYPES.get(m.text) or lang.KNOWN_TYPES.get(m.name)
    if known:
        return replace(m, type=known)
    if all(t.pos.startswith("ADJ") for t in tokens):
        return replace(m, type="MISC")
    if m.type != "ORG" and tokens[-1].text.lower() in lang.ORG_HEADS and len(tokens) > 1:
        return replace(m, type="ORG")
    return m


def _mention(sp: Span, sentences: tuple[Sentence, ...], text: str, origin: str) -> Mention:
    tokens = sentences[sp.sentence].tokens
    start, end = tokens[sp.first].start, tokens[sp.last].end
    surface = text[start:end]
    return Mention(start=start, end=end, text=surface, type=sp.type, sentence=sp.sentence, name=surface,
                   origin=origin)
