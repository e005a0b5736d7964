"""Named-entity mentions from a backend's IOB tags, with the repairs raw Frog output needs.

Measured on the seeds (see ../shared/dependencies.md), raw Frog swallows speech verbs and role
nouns into names (``zegt Breuker``, ``Koreadeskundige Remco Breuker``), splits organisations
(``Clingendael`` PER + ``Institute`` ORG) and people (``Jenny`` PER + ``Town`` LOC), tags
nationality adjectives as places (``Russische``), capitalised sentence-initial nouns as names
(``Gesprekken``) and fields of study as people (``Koreastudies``). Each repair is one small
function, applied in this order: spans -> trim -> split adjectives -> extend with a first name ->
merge neighbours -> drop non-names -> retype.

With duiding's own Dutch tagger (``tagger="e5"``, ``nlp/ner.py``) the repairs aimed at raw Frog's
mistakes are skipped (trim but for speech verbs and role nouns, merge neighbours, drop non-names):
that tagger rarely makes them, and on
CoNLL-2002 testa each of them removed more right names than wrong ones (tagger alone 0.880, with
every repair and chain fix 0.852, without these three and chains.py's person promotion 0.881).
Splitting adjectives off, first names, retyping and the name chains stay.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from ..ingest.outlets import publication_names
from ..lang import Language
from ..nlp.tags import PROPER, is_
from ..records import Mention, Sentence, Token

FROG_TYPES = {"per": "PER", "org": "ORG", "loc": "LOC", "misc": "MISC", "pro": "MISC", "eve": "MISC"}
QUOTE_CHARS = "‘’'\"“”„«»‚‛`"
LEADING_DASHES = "-–—•·"
ROMAN_NUMERALS = frozenset({"I", "II", "III", "IV", "V", "VI"})
PUBLICATIONS = publication_names()


@dataclass
class Span:
    sentence: int
    first: int  # token indices, inclusive
    last: int
    type: str
    raw: str = ""  # the backend's own type (pro, eve, ...), finer than ours


def raw_mentions(sentences: tuple[Sentence, ...], text: str) -> list[Mention]:
    """The backend's own mentions, mapped to PER/ORG/LOC/MISC (the baseline for evaluation).

    A span ``_mention`` cannot place is left out, as in ``repaired_mentions``: it used to be a
    ``None`` in the tuple, which the checked Spark payloads (``codec``) rightly refuse.
    """
    return [m for sp in _spans(sentences, strict=True) if (m := _mention(sp, sentences, text)) is not None]


def repaired_mentions(sentences: tuple[Sentence, ...], text: str, lang: Language,
                      first_names: Collection[str] = (), tagger: str = "frog") -> list[Mention]:
    """``tagger``: "frog" (all repairs) or "e5" (duiding's tagger: only the repairs that help it)."""
    frog = tagger == "frog"
    spans = [t for sp in _spans(sentences, strict=not frog)
             if (t := _trim(sp, sentences[sp.sentence].tokens, lang, full=frog)) is not None]
    spans = [part for sp in spans for part in _split_adjective(sp, sentences[sp.sentence].tokens, lang)]
    spans = [_extend_first_name(sp, sentences[sp.sentence].tokens, first_names) for sp in spans]
    if frog:
        spans = _merge_neighbours(spans, sentences, lang, first_names)
        spans = [sp for sp in spans if _is_name(sp, sentences[sp.sentence].tokens, lang)]
    out = []
    for sp in spans:
        m = _mention(sp, sentences, text)
        if m is not None:
            out.append(_retype(m, sentences[sp.sentence].tokens[sp.first:sp.last + 1], lang, first_names))
    return out


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
                current = Span(si, ti, ti, kind, tag[2:].lower())
        if current is not None:
            spans.append(current)
    return spans


def _is_role(word: str, lang: Language) -> bool:
    """A role noun: "Koreadeskundige", or a compound whose last part is lower case ("SP-politicus", "Likoed-man")."""
    head = word.rsplit("-", 1)[-1]
    return word.lower().endswith(lang.ROLE_SUFFIXES) or ("-" in word and head[:1].islower() and len(head) > 2)


def _speech_or_role(tok: Token, lang: Language, alone: bool = False) -> bool:
    word = tok.text.strip(QUOTE_CHARS)
    return word.lower() in lang.REPORTING_VERBS or (_is_role(word, lang) and not alone)


def _edge_junk(tok: Token, lang: Language, alone: bool = False) -> bool:
    word = tok.text.strip(QUOTE_CHARS)
    if is_(tok.tag, "PUNCT") or not any(ch.isalnum() for ch in word):
        return True
    if word.lower() in lang.REPORTING_VERBS or (_is_role(word, lang) and not alone):
        return True
    return word[:1].islower() and not word[:1].isdigit()  # particles only inside a name


def _trim(sp: Span, tokens: tuple[Token, ...], lang: Language, full: bool = True) -> Span | None:
    """Speech verbs and role nouns off a name's edges ("Kamerlid De Groot"); ``full`` (raw Frog) also
    punctuation, lower-case words and a capitalised common noun before a proper name."""
    junk = _edge_junk if full else _speech_or_role
    first, last = sp.first, sp.last
    while first <= last and junk(tokens[first], lang, alone=first == last):
        first += 1
    while last >= first and junk(tokens[last], lang, alone=first == last):
        last -= 1
    if not full:
        return Span(sp.sentence, first, last, sp.type, sp.raw) if first <= last else None
    # a capitalised common noun before a proper name is a title or role ("Defensie Sjojgoe"), not the name
    while (first < last and is_(tokens[first].tag, "NOUN") and tokens[first].text.lower() not in lang.ORG_HEADS
           and any(is_(t.tag, *PROPER) for t in tokens[first + 1:last + 1])):
        first += 1
    return Span(sp.sentence, first, last, sp.type, sp.raw) if first <= last else None


def _split_adjective(sp: Span, tokens: tuple[Token, ...], lang: Language) -> list[Span]:
    """"Canadese Gander", "Russische Vladivostok": the adjective is its own (MISC) mention, the name keeps its type."""
    if " ".join(t.text for t in tokens[sp.first:sp.last + 1]) in lang.KNOWN_TYPES:
        return [sp]  # "Witte Huis" is one name
    first = sp.first
    while first < sp.last and is_(tokens[first].tag, "ADJ"):
        first += 1
    rest = tokens[first:sp.last + 1]
    if first == sp.first or sp.type == "ORG" or not all(is_(t.tag, "NAME") for t in rest):
        return [sp]  # "Vlaamse Gemeenschap", "Militaire Inlichtingendienst" are one name
    return [Span(sp.sentence, sp.first, first - 1, "MISC", "adj"), Span(sp.sentence, first, sp.last, sp.type, sp.raw)]


def _extend_first_name(sp: Span, tokens: tuple[Token, ...], first_names: Collection[str]) -> Span:
    """An untagged first name just before a tagged surname belongs to it ("Adrienne" + "Watson")."""
    before = tokens[sp.first - 1] if sp.first > 0 else None
    # the tagger calls a sentence-initial first name a common noun ("Adrienne" N(soort)); function words
    # that happen to be names too ("Dat", "En", "In") have other tags
    if before is not None and before.ner == "O" and before.text in first_names and \
            is_(before.tag, *PROPER, "NOUN"):
        return Span(sp.sentence, sp.first - 1, sp.last, "PER" if sp.first == sp.last else sp.type, sp.raw)
    return sp


def _merge_neighbours(spans: list[Span], sentences: tuple[Sentence, ...], lang: Language,
                      first_names: Collection[str]) -> list[Span]:
    """Adjacent mentions the tagger typed differently may be one split name, in two shapes only:
    a name + an organisation head word ("Clingendael" PER + "Institute" ORG), or a lone first name +
    a surname ("Jenny" PER + "Town" LOC). Anything else stays apart: "minister van Binnenlandse
    Zaken Otto Schily" is an organisation next to a person, and an adjective is a modifier.
    """
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        tokens = sentences[sp.sentence].tokens
        if prev is not None and prev.sentence == sp.sentence and _particle_gap(prev, sp, tokens, lang) \
                and prev.type == "PER" and sp.last - sp.first < 2 and (prev.first == prev.last or sp.type == "PER"):
            prev.last, prev.type = sp.last, "PER"  # "Sarah" + "de" + "Lange", "Ursula" + "von der" + "Leyen"
            continue
        if (prev is not None and prev.sentence == sp.sentence and sp.first == prev.last + 1 and prev.raw != sp.raw
                and not _adjectives(prev, tokens) and not _adjectives(sp, tokens)
                and (tokens[sp.last].text.lower() in lang.ORG_HEADS
                     or (prev.first == prev.last and tokens[prev.first].text in first_names and sp.first == sp.last))):
            prev.type = _merged_type(prev.type, sp.type, tokens[prev.first:sp.last + 1], lang)
            prev.last = sp.last
            continue
        out.append(replace(sp))
    return out


def _particle_gap(prev: Span, sp: Span, tokens: tuple[Token, ...], lang: Language) -> bool:
    gap = tokens[prev.last + 1:sp.first]
    return bool(gap) and len(gap) <= 3 and all(t.text.lower() in lang.NAME_PARTICLES for t in gap)


def _adjectives(sp: Span, tokens: tuple[Token, ...]) -> bool:
    return all(is_(t.tag, "ADJ") for t in tokens[sp.first:sp.last + 1])


def _merged_type(a: str, b: str, tokens: tuple[Token, ...], lang: Language) -> str:
    if any(t.text.lower() in lang.ORG_HEADS for t in tokens):
        return "ORG"
    if "PER" in (a, b) and len(tokens) <= 4:
        return "PER"
    return a


def _is_name(sp: Span, tokens: tuple[Token, ...], lang: Language) -> bool:
    span = tokens[sp.first:sp.last + 1]
    if len(span) == 1 and "-" not in span[0].text and _is_role(span[0].text, lang):
        return False  # "Klimaatdeskundige" alone is a role, not a name
    if all(is_(t.tag, "ADJ") for t in span):
        return True  # nationality adjectives: kept, retyped MISC as in CoNLL-2002
    opening = next((i for i, t in enumerate(tokens) if any(c.isalnum() for c in t.text)), 0)
    if not any(is_(t.tag, *PROPER) for t in span) and sp.first <= opening:
        return False  # capitalised only because it starts the sentence ("Gesprekken over …", "“Gesprekken …")
    return not (len(span) == 1 and span[0].text.lower().endswith(lang.NOT_A_NAME_SUFFIXES))


def _retype(m: Mention, tokens: tuple[Token, ...], lang: Language, first_names: Collection[str]) -> Mention:
    known = lang.KNOWN_TYPES.get(m.text) or ("ORG" if m.text in PUBLICATIONS else None)
    if known:
        return replace(m, type=known)
    words = m.text.replace("-", " ").split()
    if m.type == "PER" and len(words) == 2 and words[1] in ROMAN_NUMERALS and words[0] not in first_names:
        return replace(m, type="MISC")  # "Rutte III", "Rutte-II": a cabinet, not the person ("Willem II" is)
    if all(is_(t.tag, "ADJ") for t in tokens):
        return replace(m, type="MISC")
    if m.type != "ORG" and len(tokens) > 1 and any(t.text.lower() in lang.ORG_HEADS for t in tokens):
        return replace(m, type="ORG")
    if len(tokens) == 1 and "-" in tokens[0].text and _is_role(tokens[0].text, lang):
        return replace(m, type="MISC")  # "Noord-Korea-expert", "VRT-journalist": a compound that names something
    return m


def _mention(sp: Span, sentences: tuple[Sentence, ...], text: str) -> Mention | None:
    tokens = sentences[sp.sentence].tokens
    start, end = tokens[sp.first].start, tokens[sp.last].end
    while start < end and (text[start] in QUOTE_CHARS or text[start] in LEADING_DASHES):
        start += 1  # a list bullet or dash glued to a name ("-Donald Trump") is not part of it
    while end > start and text[end - 1] in QUOTE_CHARS:
        end -= 1
    if end > start + 1 and text[end - 1] == "." and text[start:end - 1].replace("-", "").isupper():
        end -= 1  # "VS." at a sentence end is the abbreviation VS
    if end - start < 2 or not any(c.isalpha() for c in text[start:end]):
        return None  # "O." in dialogue, a lone initial: not a name to resolve
    surface = text[start:end]
    return Mention(start=start, end=end, text=surface, type=sp.type, sentence=sp.sentence, name=surface)
