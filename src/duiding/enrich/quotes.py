"""Who said what: direct, partial and indirect quotes, each attributed to a speaker.

Attribution follows the patterns Dutch news uses, tried in this order for each quote:

- after the quote, in its sentence: ``“…”, zegt/stelt/denkt X``, ``“…,” vertelt X``, ``aldus X``,
  ``“…”, laat de politie weten``;
- before it, with a colon: ``X: “…”``, ``De expert vervolgt: “…”``, ``volgens haar …: “…”``;
- in the reporter's sentence around a partial quote: ``Blinken zei er toen “…”``,
  ``Een woordvoerder van het Witte Huis meldt dat “…”``;
- the previous sentence, when it introduces a speaker: ``…, legt Salemon uit. “…”``,
  ``… zegt volgens Koreadeskundige Remco Breuker … “…”``; or a quote paragraph that continues the
  last speaker.

Pronouns and descriptions (``ze``, ``de expert``, ``de kenner``) resolve to the last fitting
speaker. Scare quotes and quoted names (``de ‘overwinning’``, ``‘The New York Times’``) are not
quotes: fewer than ``lang.MIN_QUOTE_WORDS`` words without an attribution next to them, or a
run of capitalised words, is skipped. All word lists live in ``lang/nl.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from types import ModuleType

from ..records import Mention, Quote, Sentence, Speaker
from .chains import surname
from .quote_marks import Issue, Marked, find_quotes
from .roles import is_role_word, role_of

_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")


@dataclass
class _Context:
    text: str
    sentences: tuple[Sentence, ...]
    mentions: list[Mention]
    lang: ModuleType
    starts: list[int] = field(default_factory=list)
    history: list[Speaker] = field(default_factory=list)  # attributed speakers, in text order
    said_at: list[int] = field(default_factory=list)  # where each of them was quoted
    quoted: list[tuple[int, int]] = field(default_factory=list)  # spans inside quotation marks
    position: int = 0  # the quote being attributed

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def span_of(self, si: int) -> tuple[int, int]:
        s = self.sentences[si]
        return s.start, s.end


def extract_quotes(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                   lang: ModuleType) -> tuple[list[Quote], list[Issue]]:
    """Direct and partial quotes (with marks) and indirect speech, in text order."""
    ctx = _Context(text, sentences, mentions, lang)
    marked, issues = find_quotes(text, lang)
    ctx.quoted = [(m.opener, m.closer if m.closer is not None else m.end) for m in marked]
    quotes: list[Quote] = []
    part = 0
    for m in marked:
        part = part + 1 if m.continues_previous else 0
        ctx.position = m.opener
        quote = _attribute(m, ctx, part)
        if quote is not None:
            quotes.append(quote)
            if quote.speaker.kind != "unknown":
                ctx.history.append(quote.speaker)
                ctx.said_at.append(quote.end)
    quotes += _indirect(ctx, marked)
    return sorted(quotes, key=lambda q: q.start), issues


# --- one quote ---------------------------------------------------------------------------------


def _attribute(m: Marked, ctx: _Context, part: int) -> Quote | None:
    text, lang = ctx.text, ctx.lang
    words = text[m.start:m.end].split()
    si_open, si_close = ctx.sentence_at(m.opener), ctx.sentence_at(m.closer if m.closer is not None else m.end)
    sent_lo = ctx.span_of(si_open)[0]
    sent_hi = ctx.span_of(si_close)[1]
    pre = text[max(sent_lo, _paragraph_start(text, m.opener)):m.opener]
    post = text[(m.closer + 1) if m.closer is not None else m.end:sent_hi]
    found = _after(post, (m.closer or m.end) + 1, ctx) or _colon(pre, m.opener - len(pre), ctx)
    partial = bool(pre.strip()) and not pre.rstrip().endswith(":")
    if _is_title(words):
        return None  # a quoted name or title is not speech, whoever is near it
    if len(words) < lang.MIN_QUOTE_WORDS and found is None and not m.continues_previous:
        return None  # a scare quote or a quoted term ("zijn “vrienden”"): no attribution right next to it
    if found is None and partial:
        found = _around(pre, m.opener - len(pre), post, ctx)
    if found is None and part > 0 and ctx.history:
        found = (ctx.history[-1], "continuation")
    if found is None and not partial:
        found = _previous(si_open, ctx) or _continuation(m, ctx) or _same_voice(m, ctx)
    speaker, cue = found if found is not None else (Speaker(None), "none")
    kind = "partial" if partial and text[m.start:m.start + 1].islower() else ("partial" if partial else "direct")
    return Quote(m.start, m.end, text[m.start:m.end], kind, _with_role(speaker, ctx), cue, si_open, part)


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _is_title(words: list[str]) -> bool:
    """‘The New York Times’, ‘KCNA’, "De Aanslag": a short run of capitalised words, no sentence."""
    if not words or len(words) > 6 or words[-1][-1:] in ".!?":
        return False
    content = [w for w in words if w.lower() not in ("de", "het", "van", "der", "en", "of", "the", "of", "and")]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


# --- cues --------------------------------------------------------------------------------------

def _tokens(s: str, offset: int) -> list[tuple[str, int, int]]:
    return [(t.group(), offset + t.start(), offset + t.end()) for t in _TOKEN.finditer(s)]


def _is_speech(word: str, ctx: _Context, pos: int | None = None) -> bool:
    low = word.lower()
    if low in ctx.lang.SPEECH_FORMS or low in ctx.lang.ACCORDING_TO:
        return True
    if pos is not None:
        tok = _token_at(ctx, pos)
        return tok is not None and tok.lemma.lower() in ctx.lang.SPEECH_LEMMAS and tok.pos.startswith("WW")
    return False


def _token_at(ctx: _Context, pos: int):
    s = ctx.sentences[ctx.sentence_at(pos)]
    for t in s.tokens:
        if t.start == pos:
            return t
    return None


def _after(post: str, offset: int, ctx: _Context) -> tuple[Speaker, str] | None:
    """``“…”, zegt X`` / ``aldus X`` / ``“…”, laat de politie weten``."""
    toks = _tokens(post, offset)
    i = 0
    while i < len(toks) and toks[i][0] in ",…–—-":
        i += 1
    if i >= len(toks) or not _is_speech(toks[i][0], ctx, toks[i][1]):
        return None
    return _speaker_from(toks[i + 1:], ctx, "after")


def _colon(pre: str, offset: int, ctx: _Context) -> tuple[Speaker, str] | None:
    """``X: “…”`` and ``De expert vervolgt: “…”``."""
    stripped = pre.rstrip()
    if not stripped.endswith(":"):
        return None
    clause = stripped[:-1]
    start = offset
    mention = _last_mention_ending(ctx, start + len(clause))
    if mention is not None and mention.type in ("PER", "ORG"):
        return _person(mention, ctx, mention.text), "colon"
    bare = clause.strip()
    if 0 < len(bare.split()) <= 3 and bare[:1].isupper():
        known = _known_person(bare, ctx)  # "De Wit: „…”" with the name untagged
        if known is not None:
            return _person(known, ctx, bare), "colon"
    toks = _tokens(clause, start)
    speech = [i for i, t in enumerate(toks) if _is_speech(t[0], ctx, t[1])]
    if speech:
        k = speech[-1]
        if toks[k][0].lower() in ctx.lang.ACCORDING_TO:
            return _speaker_from(toks[k + 1:], ctx, "colon")
        return _speaker_from(toks[k + 1:], ctx, "colon") or _subject(toks[:k], ctx, "colon")
    return None


def _around(pre: str, offset: int, post: str, ctx: _Context) -> tuple[Speaker, str] | None:
    """A partial quote: the speaker is the subject of the speech verb in the reporter's sentence."""
    toks = _tokens(pre, offset)
    speech = [i for i, t in enumerate(toks) if _is_speech(t[0], ctx, t[1])]
    if not speech:
        return None
    k = speech[-1]
    if toks[k][0].lower() in ctx.lang.ACCORDING_TO:
        return _speaker_from(toks[k + 1:], ctx, "according")
    return _subject(toks[:k], ctx, "before") or _speaker_from(toks[k + 1:], ctx, "before")


def _previous(si: int, ctx: _Context) -> tuple[Speaker, str] | None:
    """A sentence just before introduces the speaker (``…, legt Salemon uit.``, ``volgens haar …``,
    ``ziet de kenner``), or holds the last attributed quote, whose speaker goes on talking."""
    para = _paragraph_start(ctx.text, ctx.span_of(si)[0])
    for back in (1, 2, 3):
        if si - back < 0:
            return None
        lo, hi = ctx.span_of(si - back)
        if back > 1 and lo < para:
            return None  # look further back only within the quote's own paragraph
        sentence = ctx.text[lo:hi]
        if any(ch in sentence for ch in "“”„\"«»'’") and any(lo <= q0 < hi for q0, _ in ctx.quoted):
            # a sentence with a quote in it: someone introduced after that quote speaks next, else the same voice
            last_end = max(q1 for q0, q1 in ctx.quoted if lo <= q0 < hi)
            after = [m for m in ctx.mentions if m.type == "PER" and last_end < m.start < hi]
            if after:
                return _person(after[0], ctx, after[0].text), "introduced"
            if ctx.history:
                return ctx.history[-1], "continuation"
        toks = _tokens(sentence, lo)
        speech = [i for i, t in enumerate(toks) if _is_speech(t[0], ctx, t[1])]
        for k in speech:
            found = _speaker_from(toks[k + 1:k + 8], ctx, "previous")
            if found:
                return found
        if speech:
            found = _subject(toks[:speech[0]], ctx, "previous")
            if found:
                return found
        if back == 1:
            subject = _introduced(toks, ctx)
            if subject is not None:
                return subject, "introduced"
    return None


def _introduced(toks: list[tuple[str, int, int]], ctx: _Context) -> Speaker | None:
    """``Conservator Ilona Brink van Rijksmuseum Twenthe stuitte er bij toeval op. “…”``: the person the
    sentence before is about (its first person, near its start) is who speaks next."""
    for j, (word, start, end) in enumerate(toks[:6]):
        mention = _mention_at(ctx, start)
        if mention is not None and mention.type == "PER":
            return _person(mention, ctx, mention.text)
        known = _known_person(word, ctx) if word[:1].isupper() else None
        if known is not None:
            return _person(known, ctx, word, start=start, end=end)
        if mention is not None and j > 0:
            return None
    return None


def _continuation(m: Marked, ctx: _Context) -> tuple[Speaker, str] | None:
    """A paragraph that is a quote, after a paragraph whose quote had a speaker."""
    para_start = _paragraph_start(ctx.text, m.opener)
    if ctx.text[para_start:m.opener].strip() or not ctx.history:
        return None
    last = ctx.history[-1]
    if last.start is not None and last.start < para_start - 600:
        return None  # too far back to be the same voice
    return last, "continuation"


def _same_voice(m: Marked, ctx: _Context) -> tuple[Speaker, str] | None:
    """No cue at all, and nobody else named since the last attributed quote: that speaker goes on."""
    if not ctx.history:
        return None
    since = ctx.said_at[-1]
    if m.opener - since > 800:
        return None
    other = _last_person_before(m.opener, ctx)
    if other is not None and other.start > since and other.name != ctx.history[-1].name:
        return None
    return ctx.history[-1], "continuation"


# --- speakers ----------------------------------------------------------------------------------

def _plural_verb_before(toks: list[tuple[str, int, int]], j: int, ctx: _Context) -> bool:
    tok = _token_at(ctx, toks[j - 1][1]) if j > 0 else None
    return tok is not None and "mv" in tok.pos and tok.pos.startswith("WW")


def _speaker_from(toks: list[tuple[str, int, int]], ctx: _Context, cue: str,
                  strict: bool = False) -> tuple[Speaker, str] | None:
    """The speaker named right after a speech verb: a name, a pronoun, a description or an institution."""
    lang = ctx.lang
    role_words: list[str] = []
    for j, (word, start, end) in enumerate(toks[:8]):
        if word in ".!?;":
            break
        mention = _mention_at(ctx, start)
        if mention is not None and mention.type in ("PER", "ORG"):
            return _person(mention, ctx, mention.text, " ".join(role_words) or None), cue
        low = word.lower()
        if low in lang.PRONOUNS and j <= 1 and not strict:
            if low in ("ze", "zij") and _plural_verb_before(toks, j, ctx):
                return None  # "vertellen ze": more than one speaker, not a person to resolve
            return _resolve(word, start, end, ctx, None), cue
        if low in ("de", "het", "een") and j + 1 < len(toks):
            noun = toks[j + 1][0].lower()
            if noun in lang.DESCRIPTION_NOUNS or is_role_word(noun, lang):
                return _role_phrase(toks[j:], ctx, cue, strict)
            if noun in lang.INSTITUTION_NOUNS:
                return Speaker(toks[j + 1][0], toks[j + 1][0], toks[j + 1][1], toks[j + 1][2],
                               organisation=toks[j + 1][0], kind="organisation"), cue
        if is_role_word(word, lang):
            role_words.append(word)
            continue
        if word[:1].isupper() and low not in lang.NAME_PARTICLES:
            known = _known_person(word, ctx)
            if known:
                return _person(known, ctx, word, " ".join(role_words) or None, start, end), cue
        if j >= 2 and not role_words:
            break
    return None


def _role_phrase(toks: list[tuple[str, int, int]], ctx: _Context, cue: str,
                 strict: bool) -> tuple[Speaker, str] | None:
    """``de expert`` (-> the last fitting speaker) or ``een woordvoerder van het Witte Huis`` (a new one)."""
    det, noun = toks[0][0].lower(), toks[1]
    org = None
    for k, (word, start, _) in enumerate(toks[2:9], 2):
        mention = _mention_at(ctx, start)
        if mention is not None and mention.type in ("ORG", "LOC"):
            org = mention.name
            break
        if word.lower() in ctx.lang.INSTITUTION_NOUNS and toks[k - 1][0].lower() in ("de", "het"):
            org = word
            break
        if word in ".,;:!?":
            break
    if det == "de" and org is None and not strict:
        return _resolve(noun[0], noun[1], noun[2], ctx, noun[0].lower()), cue
    if org is None and strict:
        return None
    return Speaker(None, ctx.text[toks[0][1]:noun[2]], toks[0][1], noun[2], role=noun[0], organisation=org,
                   kind="role"), cue


def _subject(toks: list[tuple[str, int, int]], ctx: _Context, cue: str) -> tuple[Speaker, str] | None:
    """The speaker before the verb: the clause's first person (its subject, before any apposition),
    else the nearest organisation, a pronoun, or a role phrase at the clause start."""
    for _word, start, _ in toks:
        mention = _mention_at(ctx, start)
        if mention is not None and mention.type == "PER" and not _possessive(mention):
            return _person(mention, ctx, mention.text), cue
    for word, start, end in reversed(toks):
        mention = _mention_at(ctx, start, containing=True)
        if mention is not None and mention.type in ("PER", "ORG"):
            if mention.type == "ORG" and _role_before_org(toks, start, ctx):
                break
            return _person(mention, ctx, mention.text), cue
        if word.lower() in ctx.lang.PRONOUNS and word.lower() not in ("die", "deze"):
            nxt = [t for t in toks if t[1] > start][:1]
            verb = _token_at(ctx, nxt[0][1]) if nxt else None
            if word.lower() in ("ze", "zij") and verb is not None and "mv" in verb.pos and verb.pos.startswith("WW"):
                return None  # "Ze vertellen dat …": a group, not the last person
            return _resolve(word, start, end, ctx, None), cue
    for j, (word, _, _) in enumerate(toks[:3]):
        low = word.lower()
        if low in ("de", "het", "een") and j + 1 < len(toks):
            noun = toks[j + 1][0].lower()
            if noun in ctx.lang.DESCRIPTION_NOUNS or is_role_word(noun, ctx.lang):
                return _role_phrase(toks[j:], ctx, cue, strict=False)
            if noun in ctx.lang.INSTITUTION_NOUNS:
                w = toks[j + 1]
                return Speaker(w[0], w[0], w[1], w[2], organisation=w[0], kind="organisation"), cue
    return None


def _possessive(m: Mention) -> bool:
    """"Bijlevelds voorganger …": a genitive names whose something it is, not who speaks."""
    return m.text != m.name and m.text.rstrip("'’s") == m.name.split()[-1].rstrip("'’s") and m.text[-1:] in "s'’"


def _role_before_org(toks: list[tuple[str, int, int]], org_start: int, ctx: _Context) -> bool:
    """``Een woordvoerder van het Witte Huis``: the organisation belongs to a role phrase."""
    before = [w for w, s, _ in toks if s < org_start][-4:]
    return any(is_role_word(w, ctx.lang) for w in before)


def _resolve(word: str, start: int, end: int, ctx: _Context, description: str | None) -> Speaker:
    """A pronoun or description -> the person it points back at.

    A description (``de burgemeester``) picks the most recent person the article gave that role
    (any expert role for ``de expert``/``de kenner``); a pronoun picks whoever came last: the last
    quoted speaker, or a person named after that quote (``Tom Verhaeghe … “…”, zegt hij``).
    """
    said = ctx.text[start:end]
    if description:
        person = _person_with_role(description, ctx) or _person_with_role(None, ctx)
        if person is not None:
            return _person(person, ctx, said, start=start, end=end)
    last_quote = ctx.said_at[-1] if ctx.said_at else -1
    person = _last_person_before(ctx.position, ctx)
    if person is not None and (person.start > last_quote or not ctx.history):
        return _person(person, ctx, said, start=start, end=end)
    for sp in reversed(ctx.history):
        if sp.kind in ("person", "role") or description is None:
            return Speaker(sp.name, said, start, end, sp.role, sp.organisation, sp.kind)
    return Speaker(None, said, start, end, role=description, kind="unknown")


def _last_person_before(pos: int, ctx: _Context) -> Mention | None:
    """The last person named outside quotation marks before ``pos``."""
    best = None
    for m in ctx.mentions:
        if m.type == "PER" and m.end <= pos and not any(lo <= m.start < hi for lo, hi in ctx.quoted):
            best = m
    return best


def _person_with_role(description: str | None, ctx: _Context) -> Mention | None:
    """The last person before the quote whose role fits ``description`` (None: who has any role)."""
    generic = description is None or description in ctx.lang.GENERIC_EXPERTS
    best = None
    for m in ctx.mentions:
        if m.type != "PER" or m.end > ctx.position or any(lo <= m.start < hi for lo, hi in ctx.quoted):
            continue
        role = (role_of(m.name, ctx.mentions, ctx.text, ctx.lang).role or "").lower()
        if not role:
            continue
        stem = (description[:-1] if description.endswith("e") else description) if description else None
        if (stem and stem in role) or (generic and any(is_role_word(w, ctx.lang) for w in role.split())):
            best = m
    return best


def _person(m: Mention, ctx: _Context, said_as: str, role_hint: str | None = None, start: int | None = None,
            end: int | None = None) -> Speaker:
    # a role word before the name ("zei commissievoorzitter Anouk Verbeek") makes it a person whatever the tagger said
    kind = "person" if m.type == "PER" or role_hint else "organisation"
    return Speaker(m.name, said_as, m.start if start is None else start, m.end if end is None else end,
                   role=role_hint, organisation=m.name if kind == "organisation" else None, kind=kind)


def _with_role(sp: Speaker, ctx: _Context) -> Speaker:
    if sp.kind != "person" or sp.name is None:
        return sp
    r = role_of(sp.name, ctx.mentions, ctx.text, ctx.lang)
    return Speaker(sp.name, sp.text, sp.start, sp.end, r.role or sp.role, r.organisation or sp.organisation, sp.kind)


def _known_person(word: str, ctx: _Context) -> Mention | None:
    """A person of this article called ``word``: their full name, surname (with particles) or first name."""
    low = word.lower()
    for m in ctx.mentions:
        if m.type != "PER":
            continue
        words = m.name.split()
        if m.text == word or words[-1:] == [word] or surname(m.name, ctx.lang).lower() == low:
            return m
    return None


def _mention_at(ctx: _Context, pos: int, containing: bool = False) -> Mention | None:
    for m in ctx.mentions:
        if m.start == pos or (containing and m.start <= pos < m.end):
            return m
    return None


def _last_mention_ending(ctx: _Context, pos: int) -> Mention | None:
    for m in ctx.mentions:
        if m.end == pos or (m.end < pos and not ctx.text[m.end:pos].strip()):
            return m
    return None


# --- indirect speech ---------------------------------------------------------------------------

def _indirect(ctx: _Context, marked: list[Marked]) -> list[Quote]:
    """``X zegt dat …`` and ``Volgens X …`` without quotation marks: reported speech."""
    out = []
    inside = [(m.opener, m.closer if m.closer is not None else m.end) for m in marked]
    for si, s in enumerate(ctx.sentences):
        if any(lo < s.end and s.start < hi for lo, hi in inside):
            continue
        toks = [(t.text, t.start, t.end) for t in s.tokens]
        found = _reported(toks, ctx)
        if found is None:
            continue
        speaker, clause_start = found
        end = s.end - (1 if ctx.text[s.end - 1:s.end] in ".!?" else 0)
        if end - clause_start < 15:
            continue
        out.append(Quote(clause_start, end, ctx.text[clause_start:end], "indirect", _with_role(speaker, ctx),
                         "indirect", si))
    return out


def _reported(toks: list[tuple[str, int, int]], ctx: _Context) -> tuple[Speaker, int] | None:
    if len(toks) > 2 and toks[0][0].lower() in ctx.lang.ACCORDING_TO:
        mention = _mention_at(ctx, toks[1][1])
        if mention is None and len(toks) > 2 and is_role_word(toks[1][0], ctx.lang):
            mention = _mention_at(ctx, toks[2][1])
        if mention is not None and mention.type in ("PER", "ORG"):
            rest = [t for t in toks if t[1] >= mention.end]
            if len(rest) > 2 and rest[0][0].lower() in ctx.lang.AFFILIATION_PREPOSITIONS:
                affiliation = _mention_at(ctx, rest[2][1]) or _mention_at(ctx, rest[1][1])
                if affiliation is not None:  # "Volgens viroloog X van het Erasmus MC is …"
                    rest = [t for t in rest if t[1] >= affiliation.end]
            if rest and rest[0][0] == ",":
                rest = rest[1:]
            if rest:
                return _person(mention, ctx, mention.text), rest[0][1]
    for k, (word, start, _) in enumerate(toks[:-1]):
        if toks[k + 1][0].lower() == "dat" and _is_speech(word, ctx, start) \
                and word.lower() not in ("aldus", "volgens"):
            subject = _subject(toks[:k], ctx, "indirect")
            if subject is not None and k + 2 < len(toks):
                return subject[0], toks[k + 2][1]
    return None
