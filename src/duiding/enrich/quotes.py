"""Who said what: direct, partial and indirect quotes, each attributed to a speaker.

Real Dutch news is the measure (hand-labelled DPG Media articles, ``tests/test_quotes_dpg.py``):
texts are often flattened (no paragraph breaks), marks are mixed (``,,…''``, ``,,…"``, ``'…'``,
``"…"``), and half of all quotes have no cue in their own sentence. Attribution therefore reads
the quote's surroundings in this order and takes the first that names someone:

1. a cue after the closing mark, in the quote's last sentence: ``,,…'', zegt/concludeert/weet X``,
   ``'…', aldus de woordvoerder``, ``"…," moedigt de docent aan`` — any finite verb right after
   the quote followed by a speaker phrase, so the lexicon need not list every verb;
2. a colon: ``Kanne: ,,…''``, ``Daarin is Schotpoort nuchter: ,,…''``, ``Ze zegt: "…"``;
3. the reporter's own sentence around a partial quote: the subject of its speech verb
   (``Hij noemde de EU een 'vijand'``, ``Tegen Sky News zei hij dat iedereen '…' is``) or
   ``volgens X``;
4. the sentence after it when that opens with ``Dat zegt X``;
5. the sentences before the quote: a person the previous sentence is about or introduces (``Ben
   Hallozi woont pal naast het gebouw. "…"``), else the speaker of the last quote when nobody new
   was named since (``…'', weet Slot. ,,…''``), else the person the article is about (an interview:
   its title). A quote teased in the lead and repeated later takes the later speaker; a column's
   ``ik`` is the writer its title names.

A speaker is a person, an organisation or a described role (``een woordvoerder van de gemeente
Amsterdam``), never a place. Pronouns and descriptions (``hij``, ``ze``, ``de docent``) resolve to
the last fitting person named outside quotation marks. Names the tagger missed right after a cue
(``aldus Mazdaverkoper Song Miao``) are read from capitalisation. Scare quotes and quoted names
(``de ‘overwinning’``, ``‘The New York Times’``) are not quotes. All word lists live in ``lang/nl.py``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field

from ..lang import Language
from ..nlp.tags import NOUNS, UNANALYSED, has, is_
from ..records import Mention, Quote, Sentence, Speaker, Token
from .chains import surname
from .quote_marks import Issue, Marked, find_quotes
from .roles import is_role_word, role_of

_Found = tuple[Speaker, str]
_GENITIVE_ENDINGS = ("s", "'s", "’s", "'", "’")
_WORDS = re.compile(r"\w+")


@dataclass
class _Context:
    text: str
    sentences: tuple[Sentence, ...]
    mentions: list[Mention]
    lang: Language
    title: str | None = None
    first_names: Collection[str] = ()
    tokens: list[Token] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    by_start: dict[int, Mention] = field(default_factory=dict)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # spans inside quotation marks, marks included
    history: list[tuple[int, Speaker]] = field(default_factory=list)  # (quote end, speaker), in text order
    position: int = 0  # the opening mark of the quote being attributed

    def __post_init__(self) -> None:
        self.starts = [s.start for s in self.sentences]
        for s in self.sentences:
            self.tokens.extend(s.tokens)
        self.token_starts = [t.start for t in self.tokens]
        for m in self.mentions:
            self.by_start.setdefault(m.start, m)

    def sentence_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def token_index(self, pos: int) -> int:
        """Index of the first token that starts at or after ``pos``."""
        return bisect_right(self.token_starts, pos - 1)

    def inside_quote(self, pos: int) -> bool:
        return any(lo <= pos < hi for lo, hi in self.quoted)

    def last_speaker(self) -> Speaker | None:
        return self.history[-1][1] if self.history else None


def extract_quotes(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                   lang: Language, title: str | None = None,
                   first_names: Collection[str] = ()) -> tuple[list[Quote], list[Issue]]:
    """Direct and partial quotes (with marks) and indirect speech, in text order.

    ``title`` names who an interview is with; ``first_names`` lets names the tagger missed
    (``Emilie Ruiter``, tagged as proper nouns but not as a person) still be speakers."""
    people = [_as_person(m, first_names, lang) for m in mentions if m.name.lower() not in lang.NOT_NAMES]
    people += _untagged_people(sentences, mentions, first_names, lang)
    ctx = _Context(text, sentences, sorted(people, key=lambda m: (m.start, -m.end)), lang, title, first_names)
    marked, issues = find_quotes(text, lang)
    ctx.quoted = [(m.open_at, m.close_end) for m in marked]
    quotes: list[Quote] = []
    part = 0
    for m in marked:
        part = part + 1 if m.continues_previous else 0
        ctx.position = m.open_at
        quote = _attribute(m, ctx, part)
        if quote is not None:
            quotes.append(quote)
            if quote.speaker.kind != "unknown":
                ctx.history.append((m.close_end, quote.speaker))
    quotes = _repeated(quotes)
    quotes += _indirect(ctx, marked)
    return sorted(quotes, key=lambda q: q.start), issues


def _repeated(quotes: list[Quote]) -> list[Quote]:
    """A quote in the lead that the article repeats later with its speaker (``'We zien ze …'`` …
    ``X en Y: "We zien ze vooral …"``) is that speaker's: papers tease a quote before they attribute it."""
    out = []
    for q in quotes:
        if q.speaker.kind == "unknown" and q.kind == "direct":
            words = set(_WORDS.findall(q.text.lower()))
            for later in quotes:
                if later.start > q.end and later.speaker.kind != "unknown" and words:
                    shared = len(words & set(_WORDS.findall(later.text.lower()))) / len(words)
                    if shared >= 0.7 and len(words) >= 5:
                        q = Quote(q.start, q.end, q.text, q.kind, later.speaker, "repeated", q.sentence, q.part)
                        break
        out.append(q)
    return out


def _as_person(m: Mention, first_names: Collection[str], lang: Language) -> Mention:
    """``Emilie Ruiter`` tagged as a place: a name of two or more words that opens with a first name
    (and does not end in an organisation word, as ``Sky News``) is a person."""
    words = m.name.split()
    if m.type in ("LOC", "MISC") and len(words) >= 2 and words[0].split("-")[0] in first_names \
            and all(w[:1].isupper() for w in words) and words[-1].lower() not in lang.ORG_HEADS:
        return Mention(m.start, m.end, m.text, "PER", m.sentence, m.name)
    return m


def _untagged_people(sentences: tuple[Sentence, ...], mentions: list[Mention], first_names: Collection[str],
                     lang: Language) -> list[Mention]:
    """Runs of proper nouns that start with a known first name and no mention covers: people."""
    covered = [(m.start, m.end) for m in mentions]
    out = []
    for si, s in enumerate(sentences):
        toks = s.tokens
        i = 0
        while i < len(toks):
            j = i
            while j < len(toks) and ((toks[j].text[:1].isupper()
                                      and (is_(toks[j].tag, *UNANALYSED) or (j > i and is_(toks[j].tag, *NOUNS))))
                                     or (j > i and toks[j].text in lang.NAME_PARTICLES and j + 1 < len(toks)
                                         and toks[j + 1].text[:1].isupper())):
                j += 1
            if j - i >= 2 and toks[i].text.split("-")[0] in first_names \
                    and not any(a < toks[j - 1].end and toks[i].start < b for a, b in covered):
                name = " ".join(t.text for t in toks[i:j])
                out.append(Mention(toks[i].start, toks[j - 1].end, name, "PER", si, name))
            i = max(j, i + 1)
    return out


# --- one quote ---------------------------------------------------------------------------------


def _attribute(m: Marked, ctx: _Context, part: int) -> Quote | None:
    text, lang = ctx.text, ctx.lang
    words = text[m.start:m.end].split()
    si_open = ctx.sentence_at(m.open_at)
    si_close = ctx.sentence_at(max(m.open_at, m.close_end - 1))
    lo = max(ctx.sentences[si_open].start if ctx.sentences else 0, _paragraph_start(text, m.open_at),
             _previous_quote_end(ctx, m.open_at))
    hi = ctx.sentences[si_close].end if ctx.sentences else len(text)
    pre = text[lo:m.open_at]
    if pre.rstrip()[-1:] in (".", "!", "?") and pre.endswith(" "):
        pre = ""  # "… 30 km/h. "Hoe meer …": a sentence the splitter did not end opens with the quote
    partial = _has_words(pre) and not pre.rstrip().endswith(":")
    if _is_title(words) or _named_thing(pre, ctx):
        return None  # a quoted name or title is not speech, whoever is near it
    found = _after(m.close_end, hi, ctx) or _colon(lo, m.open_at, ctx)
    short = len(words) < lang.MIN_QUOTE_WORDS
    if found is None and partial:
        found = _around(lo, m.open_at, m.close_end, hi, ctx, short)
    if found is None:
        found = _said_after(si_close, ctx)
    if short and found is None and not m.continues_previous:
        return None  # a scare quote or a quoted term ("zijn “vrienden”"): nobody is said to say it
    if found is None and part > 0 and ctx.last_speaker() is not None:
        found = (ctx.last_speaker(), "continuation")  # type: ignore[assignment]
    if found is None and not partial:
        found = _from_context(m, si_open, ctx)
    speaker, cue = found if found is not None else (Speaker(None), "none")
    kind = "partial" if partial else "direct"
    return Quote(m.start, m.end, text[m.start:m.end], kind, _with_role(speaker, ctx), cue, si_open, part)


def _has_words(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _previous_quote_end(ctx: _Context, pos: int) -> int:
    """The reporter's words before a quote start after the quote before it (``'…' zegt X. '…'``)."""
    ends = [hi for lo, hi in ctx.quoted if hi <= pos]
    end = max(ends) if ends else 0
    if end and ctx.sentence_at(end) == ctx.sentence_at(pos):
        rest = ctx.text[end:pos]
        # "'…', zegt hij, 'en …'": a quote in two parts; the cue between belongs to the first
        if rest.strip() == ":":
            return 0  # "… in het programma ‘De Ochtend’: ‘…’": the colon clause is the whole sentence
        if not _has_words(rest) or rest.strip().startswith((",", "en ", "maar ")):
            return end
    return 0


def _next_quote_start(ctx: _Context, pos: int, hi: int) -> int:
    """The reporter's words after a quote end where the next quote opens (``'Nee…' 'Zeer…', zegt X``)."""
    return min([lo for lo, _ in ctx.quoted if pos <= lo < hi] + [hi])


def _is_title(words: list[str]) -> bool:
    """‘The New York Times’, ‘KCNA’, "De Aanslag": a short run of capitalised words, no sentence."""
    if not words or len(words) > 6 or words[-1][-1:] in ".!?":
        return False
    content = [w for w in words if w.lower() not in ("de", "het", "van", "der", "en", "of", "the", "and", "een")]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _named_thing(pre: str, ctx: _Context) -> bool:
    """``als 'vroemvroemorganisatie'``, ``het programma 'Zomergasten'``: the quote names, nobody speaks."""
    words = pre.rstrip().rstrip(":").split()
    return bool(words) and words[-1].lower().strip(",") in ctx.lang.NAMING_WORDS


# --- tokens ------------------------------------------------------------------------------------


def _tokens_between(ctx: _Context, lo: int, hi: int) -> list[Token]:
    """The tokens from ``lo`` to ``hi`` outside quotation marks (marks themselves dropped)."""
    i = ctx.token_index(lo)
    out = []
    while i < len(ctx.tokens) and ctx.tokens[i].start < hi:
        t = ctx.tokens[i]
        if not ctx.inside_quote(t.start) and t.text not in ("''", ",,") and t.text not in ctx.lang.QUOTE_PAIRS:
            out.append(t)
        i += 1
    return out


def _is_verb(t: Token) -> bool:
    return is_(t.tag, "VERB")


def _is_speech(t: Token, ctx: _Context) -> bool:
    low = t.text.lower()
    if low in ctx.lang.SPEECH_FORMS or low in ctx.lang.ACCORDING_TO:
        return True
    return t.lemma.lower() in ctx.lang.SPEECH_LEMMAS and _is_verb(t)


def _is_filler(t: Token, ctx: _Context) -> bool:
    """Words between a cue verb and its subject: ``zegt ook X``, ``weet Slot nog``, ``aldus dan X``."""
    low = t.text.lower()
    if low in ctx.lang.PRONOUNS or low in ctx.lang.SUBJECT_PRONOUNS:
        return False
    return low in ctx.lang.CUE_FILLERS or is_(t.tag, "ADV")


# --- 1. a cue after the quote ------------------------------------------------------------------


def _after(close_end: int, hi: int, ctx: _Context) -> _Found | None:
    """``,,…'', zegt X`` / ``'…', aldus X`` / ``"…", weet Slot`` / ``,,…'', moedigt de docent aan``."""
    toks = _tokens_between(ctx, close_end, _next_quote_start(ctx, close_end, hi))
    i = 0
    while i < len(toks) and toks[i].text in ",…–—-":
        i += 1
    if i >= len(toks):
        return None
    verb = toks[i]
    low = verb.text.lower()
    if low in ctx.lang.ACCORDING_TO or low in ctx.lang.POSTPOSED_CUES or _is_speech(verb, ctx):
        return _speaker_np(toks[i + 1:], ctx, "after")
    if _is_verb(verb) and has(verb.tag, "fin"):
        # any finite verb right after a quote, followed by who: "…'', kreunt de ANWB", "…'', weet Slot"
        return _speaker_np(toks[i + 1:], ctx, "after", strict=True)
    if ctx.lang.SUBJECT_BEFORE_CUE:
        found = _subject_then_verb(toks[i:], ctx)
        if found is not None:
            return found
    if i == 0 or toks[i - 1].text != ",":
        return None
    # "'…', Slot zegt." / "'…', vertelt hij" handled above; "'…', zo zegt X" with a filler first
    j = i
    while j < len(toks) and _is_filler(toks[j], ctx):
        j += 1
    if j < len(toks) and j > i and (_is_speech(toks[j], ctx) or toks[j].text.lower() in ctx.lang.POSTPOSED_CUES):
        return _speaker_np(toks[j + 1:], ctx, "after")
    return None


def _subject_then_verb(toks: list[Token], ctx: _Context) -> _Found | None:
    """``“…,” Mayor Linda Carver said`` / ``“…,” he said in a statement``: in languages whose speaker
    comes before the cue verb after a quote (``lang.SUBJECT_BEFORE_CUE``), the words up to the speech verb."""
    for k, t in enumerate(toks[:8]):
        if t.text in ".!?;:“”\"‘’(" or (t.text == "," and k > 0):
            return None
        if k > 0 and _is_speech(t, ctx) and _is_verb(t):
            return _speaker_np(toks[:k], ctx, "after", skip=0)
    return None


# --- 2. a colon --------------------------------------------------------------------------------


def _colon(lo: int, open_at: int, ctx: _Context) -> _Found | None:
    """``X: ,,…''`` and ``De expert vervolgt: “…”`` and ``Daarin is Schotpoort nuchter: ,,…''``."""
    pre = ctx.text[lo:open_at].rstrip()
    if not pre.endswith(":"):
        return None
    toks = _tokens_between(ctx, lo, lo + len(pre) - 1)
    toks = [t for t in toks if t.text != ":"]
    if not toks:
        return None
    whole = _speaker_np(toks, ctx, "colon", strict=True, skip=0)
    if whole is not None and len(toks) <= 8 and not any(_is_verb(t) and has(t.tag, "fin") for t in toks):
        return whole  # "Edwin Mulder van de GGD: ,,…''" (a clause with a verb says more: "Daarin is X nuchter:")
    if len(toks) <= 3 and all((t.text[:1].isupper() and is_(t.tag, *UNANALYSED, *NOUNS))
                              or t.text.lower() in ctx.lang.NAME_PARTICLES for t in toks) \
            and toks[0].text.lower() not in ctx.lang.STOP_CAPITALISED:
        # "Kalverboer: ,,…''": a bare name before the colon, whatever the tagger made of it
        name = ctx.text[toks[0].start:toks[-1].end]
        known = _known_person(toks[-1].text, ctx)
        if known is not None:
            return _person(known, ctx, name, start=toks[0].start, end=toks[-1].end), "colon"
        return Speaker(name, name, toks[0].start, toks[-1].end, kind="person"), "colon"
    speech = [k for k, t in enumerate(toks) if _is_speech(t, ctx)]
    for k in reversed(speech):
        if toks[k].text.lower() in ctx.lang.ACCORDING_TO:
            return _speaker_np(toks[k + 1:], ctx, "colon")
        inverted = k == 0 or toks[k - 1].text == ","  # "Kim koos voor …, zegt Town: ,,…''"
        after = _speaker_np(toks[k + 1:], ctx, "colon", strict=True)
        found = (after if inverted else None) or _subject(toks[:k], ctx, "colon") or after
        if found:
            return found
    return _subject(toks, ctx, "colon") or whole


# --- 3. the reporter's sentence around a partial quote -----------------------------------------


def _around(lo: int, open_at: int, close_end: int, hi: int, ctx: _Context, short: bool) -> _Found | None:
    """A partial quote: the subject of the speech verb in the reporter's sentence (or ``volgens X``).

    A quote of a word or two (``noemde de EU een 'vijand'``) needs that verb in its own clause
    (no colon between) and not a verb that speaks only with its particle (``legde … vast``)."""
    sent_lo = ctx.sentences[ctx.sentence_at(open_at)].start if ctx.sentences else lo
    before = _tokens_between(ctx, sent_lo, open_at)
    speech = [k for k, t in enumerate(before) if _is_speech(t, ctx)]
    if short:
        speech = [k for k in speech if before[k].text.lower() not in ctx.lang.PARTICLE_SPEECH_FORMS
                  and not any(t.text in ":;" for t in before[k:])]
    for k in reversed(speech):
        if before[k].text.lower() in ctx.lang.ACCORDING_TO:
            found = _speaker_np(before[k + 1:], ctx, "according")
        else:
            clause = _clause_before(before, k, ctx)
            found = _subject(clause, ctx, "before") or _speaker_np(before[k + 1:], ctx, "before", strict=True) \
                or _subject(before[:k], ctx, "before")
        if found:
            return found
    after = _tokens_between(ctx, close_end, _next_quote_start(ctx, close_end, hi))
    if not short and any(_is_speech(t, ctx) for t in after[:6]):
        return _subject(before, ctx, "before")
    return None


def _clause_before(toks: list[Token], k: int, ctx: _Context) -> list[Token]:
    """The words of the verb's own clause before it (after the last comma or conjunction)."""
    j = k - 1
    while j >= 0 and toks[j].text not in (",", ";", ":") and toks[j].text.lower() not in ctx.lang.CLAUSE_BREAKS:
        j -= 1
    return toks[j + 1:k]


def _said_after(si: int, ctx: _Context) -> _Found | None:
    """``… in de 'snelle vangst', maar in de samenwerking. Dat zegt Arjen Gerritsen, …``: the next
    sentence says whose words these were."""
    if si + 1 >= len(ctx.sentences):
        return None
    toks = [t for t in ctx.sentences[si + 1].tokens if not ctx.inside_quote(t.start)]
    if len(toks) < 3 or toks[0].text.lower() not in ctx.lang.THAT_WORDS or not _is_speech(toks[1], ctx):
        return None
    return _speaker_np(toks[2:], ctx, "next")


# --- 4. the sentences before -------------------------------------------------------------------


def _from_context(m: Marked, si: int, ctx: _Context) -> _Found | None:
    """No cue in the quote's sentence: who the text was just about, else who spoke last, else the
    person the article is about."""
    last = ctx.history[-1] if ctx.history else None
    for back in (0, 1, 2, 3):  # 0: the words before the quote in a sentence the splitter ran on
        if si - back < 0:
            break
        s = ctx.sentences[si - back]
        if last is not None and s.end <= last[0]:
            break  # reached the last attributed quote: nobody new was introduced since
        lo = max(s.start, last[0] if last is not None else 0)
        toks = _tokens_between(ctx, lo, min(s.end, m.open_at))
        if not toks:
            continue
        found = _topic(toks, ctx)
        if found is not None and found.kind == "organisation" and last is not None \
                and m.open_at - last[0] < ctx.lang.CONTINUATION_CHARS:
            return last[1], "continuation"  # "GroenLinks is de grootste. '…'": the expert goes on, not the party
        if found is not None:
            return found, "previous"
    if last is not None and m.open_at - last[0] < ctx.lang.CONTINUATION_CHARS:
        return last[1], "continuation"
    person = _main_person(ctx)
    if person is not None:
        return person, "article"
    return None


def _topic(toks: list[Token], ctx: _Context) -> Speaker | None:
    """The person (or organisation) a sentence is about: its first named person, else a subject
    pronoun or role at its start."""
    for k, t in enumerate(toks):
        if _is_speech(t, ctx) or t.text.lower() in ctx.lang.POSTPOSED_CUES:
            # "Dat Kim … komt, zegt volgens Koreadeskundige Remco Breuker veel": who the cue introduces
            j = k + 1
            while j < len(toks) and (toks[j].text.lower() in ctx.lang.ACCORDING_TO or _is_filler(toks[j], ctx)):
                j += 1
            introduced = _speaker_np(toks[j:], ctx, "previous", strict=True, skip=0)
            if introduced is not None and introduced[0].kind == "person":
                return introduced[0]
    verb = next((k for k, t in enumerate(toks) if _is_verb(t) and has(t.tag, "fin")), None)
    if verb is not None and 0 < verb <= 5 and toks[0].text.lower() in ctx.lang.DETERMINERS:
        opening = _description(toks[:verb], 0, ctx, "previous", strict=True)
        if opening is not None and opening[0].kind == "role":
            return opening[0]  # "De advocaat vreest dat Stanley …": the lawyer, not Stanley
    for t in toks:
        mention = _mention_at(ctx, t.start)
        if mention is not None and _is_person(mention, ctx) and not _possessive(mention) \
                and not _after_preposition(toks, t, ctx):
            return _person(mention, ctx, mention.text)
    found = _subject(toks[:6], ctx, "previous", people_only=True)
    if found is None:
        found = _subject(toks[:4], ctx, "previous")  # "De machtige ANWB hoeft …": an organisation as subject
    return found[0] if found else None


def _writer(ctx: _Context) -> str | None:
    """A columnist's name in the title: a first name and the capitalised words after it, nobody the
    text itself names."""
    words = (ctx.title or "").replace(".", " ").split()
    for i, w in enumerate(words[:-1]):
        if w in ctx.first_names and words[i + 1][:1].isupper() and words[i + 1].lower() not in ctx.lang.DETERMINERS:
            name = f"{w} {words[i + 1]}"
            if name not in ctx.text:
                return name
    return None


def _main_person(ctx: _Context) -> Speaker | None:
    """The person an interview or portrait is about: named in the title, else the most named person."""
    people = [m for m in ctx.mentions if m.type == "PER" and not ctx.inside_quote(m.start)]
    if not people:
        return None
    if ctx.title:
        for m in people:
            if any(part in ctx.title for part in m.name.split() if len(part) > 2 and part[:1].isupper()):
                return _person(m, ctx, m.text)
    counts: dict[str, int] = {}
    for m in people:
        counts[m.name] = counts.get(m.name, 0) + 1
    name, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 3 or n * 2 < len(people):
        return None  # nobody dominates: better unknown than a guess
    return _person(next(m for m in people if m.name == name), ctx, name)


# --- speakers ----------------------------------------------------------------------------------


def _speaker_np(toks: list[Token], ctx: _Context, cue: str, strict: bool = False, skip: int = 3) -> _Found | None:
    """The speaker phrase at the start of ``toks``: a name, a pronoun, a description or an institution.

    ``strict`` accepts only phrases that can only be a speaker (a person, an organisation, a role),
    for places where the verb is not known to be a speech verb.
    """
    lang = ctx.lang
    j = 0
    while j < len(toks) and j < skip and _is_filler(toks[j], ctx):
        j += 1
    roles: list[str] = []
    while j < len(toks) and j < 12:
        t = toks[j]
        low = t.text.lower()
        if t.text in ".!?;:,()" and not roles:
            return None
        mention = _mention_at(ctx, t.start)
        nxt = _mention_at(ctx, toks[j + 1].start) if mention is not None and j + 1 < len(toks) else None
        if mention is not None and mention.type != "PER" and nxt is not None and nxt.type == "PER" \
                and ctx.text[mention.end:nxt.start] == " ":
            roles.append(mention.text)  # "VVD-Europarlementariër Caroline Nagtegaal", "Ajax-trainer Erik ten Hag"
            j += 1
            continue
        if mention is not None and is_role_word(mention.text, lang) \
                and " " not in mention.text and _name_follows(toks, j, lang):
            roles.append(t.text)  # "FNV-bestuurder Kemal Yildiz" with the role tagged as a name
            j += 1
            continue
        if mention is not None and mention.type == "PER":
            group = _coordinated(mention, ctx)
            if group is not None:
                return group, cue
            return _person(mention, ctx, mention.text, " ".join(roles) or None), cue
        if mention is not None and mention.type == "ORG":
            if roles:
                return _role_speaker(toks, j - len(roles), j, ctx, org=mention.name), cue
            return _person(mention, ctx, mention.text), cue
        if mention is not None and roles:
            # "woordvoerder Limburg": a role tied to a place is a role, the place its organisation
            return _role_speaker(toks, j - len(roles), j, ctx, org=mention.name), cue
        if mention is not None and ((mention.type == "MISC" and not strict) or _age_follows(mention, ctx)):
            # "zegt Song Miao (30)": right after a speech verb a name the tagger called MISC is a person
            return Speaker(mention.name, mention.text, mention.start, mention.end, kind="person"), cue
        if mention is not None:
            return None  # a place or a thing does not speak
        if low in lang.SUBJECT_PRONOUNS and not roles:
            if low in lang.PLURAL_PRONOUNS and j > 0 and has(toks[j - 1].tag, "plur"):
                return None  # "vertellen ze": a group
            return _resolve(t, ctx, None), cue
        if low in lang.DETERMINERS and not roles and not is_(t.tag, "CONJ"):
            return _description(toks, j, ctx, cue, strict)  # not "vreest dat Stanley …": a conjunction
        if low in lang.POSSESSIVES and not roles and j + 1 < len(toks) and _person_noun(toks[j + 1], lang):
            owner = _last_person_before(min(ctx.position, t.start), ctx)  # "legt zijn advocaat uit"
            noun = toks[j + 1].text
            role = f"{noun} van {owner.name}" if owner is not None else noun
            return Speaker(None, ctx.text[t.start:toks[j + 1].end], t.start, toks[j + 1].end, role=role,
                           kind="role"), cue
        if is_(t.tag, *NOUNS) and not t.text[:1].isupper() \
                and (is_role_word(t.text, lang) or _name_follows(toks, j, lang)):
            roles.append(t.text)  # "ontwikkelaar Erwin Slot", "student bouwkunde Yousef Koja"
            j += 1
            continue
        if (t.text[:1].isupper() and low not in lang.NAME_PARTICLES and not _is_verb(t)) \
                or (roles and low in lang.NAME_PARTICLES):
            name = _untagged_name(toks, j, ctx, " ".join(roles) or None)
            if name is not None:
                return name, cue
        if roles:
            return _role_speaker(toks, j - len(roles), j, ctx), cue
        return None
    if roles:
        return _role_speaker(toks, len(toks) - len(roles), len(toks), ctx), cue
    return None


def _name_follows(toks: list[Token], j: int, lang: Language) -> bool:
    """A lower-case noun before a name within two words is the name's role (``student bouwkunde X``)."""
    for t in toks[j + 1:j + 4]:
        if is_(t.tag, *UNANALYSED):
            return True
        if t.text.lower() in lang.ROLE_NAME_LINKS:
            continue  # "carnavalswinkel 't Mooswief"
        if not is_(t.tag, *NOUNS) or t.text[:1].isupper():
            return False
    return False


def _is_person(m: Mention, ctx: _Context) -> bool:
    """A person, whatever the tagger's type, when the text gives an age: ``de 13-jarige Gwen Bogaart``,
    ``Ben Hallozi (62)``."""
    if m.type == "PER":
        return True
    before = ctx.text[max(0, m.start - 14):m.start].split()
    return _age_follows(m, ctx) or bool(before and before[-1].lower().endswith(ctx.lang.AGE_ADJECTIVE_ENDINGS))


def _age_follows(m: Mention, ctx: _Context) -> bool:
    """``Ben Hallozi (62)``: a name followed by an age in brackets is a person."""
    after = ctx.text[m.end:m.end + 6]
    return after.startswith(" (") and after[2:4].isdigit()


def _coordinated(m: Mention, ctx: _Context) -> Speaker | None:
    """``Anissa El Abbassi (23) en Maryam Belkadi (23)``: two people speak as one."""
    after = ctx.text[m.end:m.end + 12]
    gap = 0
    if after.startswith(" (") and ")" in after:
        gap = after.index(")") + 1
    rest = ctx.text[m.end + gap:m.end + gap + 4]
    if rest != " en ":
        return None
    other = _mention_at(ctx, m.end + gap + 4)
    if other is None or not _is_person(other, ctx):
        return None
    name = f"{m.name} en {other.name}"
    return Speaker(name, ctx.text[m.start:other.end], m.start, other.end, kind="person")


def _untagged_name(toks: list[Token], j: int, ctx: _Context, role: str | None = None) -> Speaker | None:
    """``aldus Mazdaverkoper Song Miao``, ``weet carnavalswinkel 't Mooswief in Maastricht``: capitalised
    words the tagger did not take for a name (a place right after them says where they are from)."""
    parts: list[str] = []
    k = j
    while k < len(toks) and ((toks[k].text[:1].isupper() and is_(toks[k].tag, *UNANALYSED, *NOUNS))
                             or (toks[k].text.lower() in ctx.lang.NAME_PARTICLES
                                 and k + 1 < len(toks) and toks[k + 1].text[:1].isupper())):
        parts.append(toks[k].text)
        k += 1
    if not parts or len(parts) > 4:
        return None
    known = _known_person(parts[-1], ctx) or _known_person(" ".join(parts), ctx)
    if known is not None:
        return _person(known, ctx, " ".join(parts), start=toks[j].start, end=toks[k - 1].end)
    if not any(is_(t.tag, *UNANALYSED) for t in toks[j:k]) or parts[0].lower() in ctx.lang.STOP_CAPITALISED:
        return None  # capitalised because it starts a sentence, not because it is a name
    name = " ".join(parts)
    if role is not None and k + 1 < len(toks) and toks[k].text.lower() in ctx.lang.SPEAKER_ORIGIN_PREPOSITIONS:
        place = _mention_at(ctx, toks[k + 1].start)
        if place is not None and place.type == "LOC":
            role = f"{role} {toks[k].text} {place.name}"
    return Speaker(name, name, toks[j].start, toks[k - 1].end, role=role, kind="person")


def _person_noun(t: Token, lang: Language) -> bool:
    """A noun for a person: a role (also in the plural, by its lemma), or a word for people."""
    low, lemma = t.text.lower(), t.lemma.lower()
    return is_(t.tag, *NOUNS) and any(
        is_role_word(w, lang) or w in lang.DESCRIPTION_NOUNS or w in lang.PERSON_NOUNS
        or w.endswith(lang.PERSON_SUFFIXES) for w in (low, lemma))


def _description(toks: list[Token], j: int, ctx: _Context, cue: str, strict: bool) -> _Found | None:
    """``de docent`` (-> the docent the article named), ``een woordvoerder van de gemeente Amsterdam``
    (a new, unnamed speaker), ``de politie`` (an institution)."""
    lang = ctx.lang
    det = toks[j].text.lower()
    k = j + 1
    while k < len(toks) and (is_(toks[k].tag, "ADJ", "NUM") or toks[k].text.lower() in lang.CUE_FILLERS):
        k += 1
    if det in lang.DEFINITE_DETERMINERS and k > j + 1 and toks[k - 1].text.lower() in lang.LATTER_WORDS:
        latter = _last_person_before(min(ctx.position, toks[j].start), ctx)  # "zei die laatste"
        if latter is not None:
            return _person(latter, ctx, ctx.text[toks[j].start:toks[k - 1].end], start=toks[j].start,
                           end=toks[k - 1].end), cue
    if k >= len(toks):
        return None
    mention = _mention_at(ctx, toks[k].start)
    if mention is not None and mention.type != "ORG" and _longer_organisation(mention, ctx) is not None:
        mention = _longer_organisation(mention, ctx)  # "de Unie" (tagged MISC) after "de Unie van Waterschappen"
    if mention is not None and (mention.type in ("ORG", "PER") or _is_person(mention, ctx)):
        # "de ANWB", "de 12-jarige Lynn van der Loo"
        return _person(mention, ctx, ctx.text[toks[j].start:mention.end]), cue
    if not is_(toks[k].tag, *NOUNS):
        return None
    noun = toks[k]
    low = noun.text.lower()
    person_noun = is_role_word(low, lang) or low in lang.DESCRIPTION_NOUNS or low in lang.PERSON_NOUNS \
        or low.endswith(lang.PERSON_SUFFIXES)
    institution = low in lang.INSTITUTION_NOUNS
    if not (person_noun or institution or (not strict and det in ("de", "een"))):
        return None  # right after a speech verb any "een demonstrante", "de organisatie" is who speaks
    end = k + 1
    org = None
    if end + 1 < len(toks) and toks[end].text.lower() in lang.AFFILIATION_PREPOSITIONS:
        q = end + 1
        if q < len(toks) and toks[q].text.lower() in lang.DETERMINERS:
            q += 1
        last = q
        while last < len(toks) and (toks[last].text[:1].isupper() or is_(toks[last].tag, *NOUNS, *UNANALYSED)) \
                and toks[last].text not in ".,;:!?":
            last += 1
        if last > q:
            org = ctx.text[toks[q].start:toks[last - 1].end]
            end = last
    said = ctx.text[toks[j].start:toks[end - 1].end]
    if institution and not person_noun:
        name = org if org else noun.text
        return Speaker(name, said, toks[j].start, toks[end - 1].end, organisation=org or noun.text,
                       kind="organisation"), cue
    if det in lang.DEFINITE_DETERMINERS and org is None and person_noun:
        resolved = _resolve(noun, ctx, low)
        if resolved.kind != "unknown":
            return Speaker(resolved.name, said, toks[j].start, noun.end, resolved.role, resolved.organisation,
                           resolved.kind), cue
    phrase = ctx.text[toks[j + 1].start:toks[end - 1].end]
    if org is None and low in lang.SPOKESPERSON_NOUNS:
        org = _organisation_before(toks[j].start, ctx)  # "De gemeente X … '…', zegt een woordvoerder."
        if org is not None:
            phrase = f"{phrase} van {org}"
    return Speaker(None, said, toks[j].start, toks[end - 1].end, role=phrase, organisation=org, kind="role"), cue


def _extended(m: Mention, ctx: _Context) -> Mention:
    """``de Unie van Waterschappen`` where the tagger stopped at ``Unie``: the name runs on over
    ``van`` and capitalised words."""
    if m.type == "PER":
        return _longer_name(m, ctx)
    if m.type != "ORG":
        return m
    longer = _longer_organisation(m, ctx)
    if longer is not None:
        return longer
    rest = ctx.text[m.end:m.end + 60].split()
    if len(rest) >= 2 and rest[0] in ctx.lang.ROLE_OF_PREPOSITIONS and rest[1][:1].isupper():
        word = rest[1].rstrip(".,;:!?'\"")
        name = f"{m.name} {rest[0]} {word}"
        return Mention(m.start, m.end + 2 + len(rest[0]) + len(word), name, m.type, m.sentence, name)
    return m


def _organisation_before(pos: int, ctx: _Context) -> str | None:
    """The organisation the sentences before ``pos`` (this one and the one before) are about:
    its last organisation, or an institution with its place (``de gemeente Amsterdam``)."""
    si = ctx.sentence_at(pos)
    lo = ctx.sentences[max(0, si - 1)].start if ctx.sentences else 0
    toks = _tokens_between(ctx, lo, pos)
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        mention = _mention_at(ctx, t.start)
        if mention is not None and mention.type == "ORG":
            return _extended(mention, ctx).name
        if t.text.lower() in ctx.lang.INSTITUTION_NOUNS:
            nxt = _mention_at(ctx, toks[k + 1].start) if k + 1 < len(toks) else None
            if nxt is not None:
                return f"{t.text.lower()} {nxt.name}"
            if k + 1 < len(toks) and toks[k + 1].text[:1].isupper() and is_(toks[k + 1].tag, *UNANALYSED):
                return f"{t.text.lower()} {toks[k + 1].text}"  # "de gemeente Utrecht", the place untagged
            return t.text.lower()
    return None


def _longer_organisation(m: Mention, ctx: _Context) -> Mention | None:
    """``de Unie`` after ``de Unie van Waterschappen``: a short form of an organisation named before."""
    for other in ctx.mentions:
        if other.start >= m.start:
            break
        if other.type == "ORG" and other.name.startswith(m.name + " "):
            return Mention(m.start, m.end, m.text, "ORG", m.sentence, other.name)
    return None


def _longer_name(m: Mention, ctx: _Context) -> Mention:
    """``aldus Jolanda Zondag`` where the tagger took only ``Jolanda``: proper nouns (with name
    particles) right after a one-word name belong to it."""
    if " " in m.name:
        return m
    i = ctx.token_index(m.end)
    parts: list[Token] = []
    while i < len(ctx.tokens) and len(parts) < 4:
        t = ctx.tokens[i]
        gap = ctx.text[(parts[-1].end if parts else m.end):t.start]
        if gap != " " or ctx.by_start.get(t.start) is not None:
            break
        if t.text.lower() in ctx.lang.NAME_PARTICLES or (is_(t.tag, *UNANALYSED) and t.text[:1].isupper()):
            parts.append(t)
            i += 1
            continue
        break
    while parts and not is_(parts[-1].tag, *UNANALYSED):
        parts.pop()  # never end on a particle
    if not parts:
        return m
    name = ctx.text[m.start:parts[-1].end]
    return Mention(m.start, parts[-1].end, name, m.type, m.sentence, name)


def _role_speaker(toks: list[Token], a: int, b: int, ctx: _Context, org: str | None = None) -> Speaker:
    role = " ".join(t.text for t in toks[a:b])
    return Speaker(None, role, toks[a].start, toks[b - 1].end, role=role, organisation=org, kind="role")


def _subject(toks: list[Token], ctx: _Context, cue: str, people_only: bool = False) -> _Found | None:
    """The subject of a clause: its first person not behind a preposition, else a subject pronoun,
    a role or institution phrase, or an organisation."""
    for t in toks:
        mention = _mention_at(ctx, t.start)
        if mention is not None and mention.type == "PER" and not _possessive(mention) \
                and not _after_preposition(toks, t, ctx):
            return _coordinated(mention, ctx) or _person(mention, ctx, mention.text), cue
    for j, t in enumerate(toks):
        low = t.text.lower()
        if _after_preposition(toks, t, ctx):
            continue
        if low in ctx.lang.SUBJECT_PRONOUNS:
            if low in ctx.lang.PLURAL_PRONOUNS and j + 1 < len(toks) and has(toks[j + 1].tag, "plur") \
                    and _is_verb(toks[j + 1]):
                return None  # "Ze vertellen dat …": a group, not the last person
            return _resolve(t, ctx, None), cue
        if low in ctx.lang.DETERMINERS:
            found = _description(toks, j, ctx, cue, strict=True)
            if found is not None and not (people_only and found[0].kind == "organisation"):
                return _with_relative_clause(found, toks, ctx), found[1]
        if (j == 0 or all(is_(x.tag, "ADJ") for x in toks[:j])) and _person_noun(t, ctx.lang) \
                and not t.text[:1].isupper() and has(t.tag, "plur"):
            phrase = ctx.text[toks[0].start:t.end]  # "Roemeense diplomaten spreken over een '…'"
            return Speaker(None, phrase, toks[0].start, t.end, role=phrase, kind="role"), cue
        mention = _mention_at(ctx, t.start)
        if mention is not None and mention.type == "ORG" and not people_only:
            return _person(mention, ctx, mention.text), cue
    return None


def _with_relative_clause(found: _Found, toks: list[Token], ctx: _Context) -> Speaker:
    """``Een vriend die politicologie doceert aan de universiteit vertelt …``: an unnamed speaker is
    described by the relative clause that runs up to the verb."""
    sp = found[0]
    if sp.kind != "role" or sp.end is None:
        return sp
    rest = [t for t in toks if t.start >= sp.end]
    if len(rest) >= 2 and rest[0].text.lower() in ctx.lang.RELATIVE_PRONOUNS and not any(t.text in ",;:" for t in rest):
        role = f"{sp.role} {ctx.text[rest[0].start:rest[-1].end]}"
        return Speaker(None, ctx.text[(sp.start or rest[0].start):rest[-1].end], sp.start, rest[-1].end, role,
                       sp.organisation, "role")
    return sp


def _after_preposition(toks: list[Token], t: Token, ctx: _Context) -> bool:
    """``met Mays handreiking``, ``tegen Sky News``: a name behind a preposition is not the subject."""
    i = toks.index(t)
    if i > 0 and toks[i - 1].text.lower() in ctx.lang.POSSESSIVES:
        return True  # "zijn Vespa": a thing someone has, not who speaks
    j = i - 1
    while j >= 0 and (toks[j].text.lower() in ctx.lang.DETERMINERS or is_(toks[j].tag, "ADJ")
                      or is_role_word(toks[j].text, ctx.lang)):
        j -= 1
    if j >= 1 and toks[j].text.lower() in ctx.lang.SPEECH_NOUN_LINKS \
            and toks[j - 1].text.lower() in ctx.lang.SPEECH_NOUNS:
        return False  # "de uitspraak van John Cleese:", "een tweet van X": whose words they are
    return j >= 0 and is_(toks[j].tag, "ADP") and toks[j].text.lower() not in ctx.lang.SUBJECT_PREPOSITIONS


def _possessive(m: Mention) -> bool:
    """"Bijlevelds voorganger …": a genitive names whose something it is, not who speaks."""
    last = m.name.split()[-1]
    return m.text not in (m.name, last) and m.text.startswith(last) and m.text[len(last):] in _GENITIVE_ENDINGS


def _resolve(t: Token, ctx: _Context, description: str | None) -> Speaker:
    """A pronoun or description -> the person it points back at.

    A description (``de burgemeester``) picks the most recent person the article gave that role
    (any expert role for ``de expert``/``de kenner``); a pronoun picks the last person named outside
    quotation marks before the quote, or the last speaker when nobody was named since.
    """
    said = t.text
    if said.lower() == "ik":
        # the writer of a column (named in its title: "… Max Pam Beweringen & Bewijzen"), not the last person named
        writer = _writer(ctx)
        return Speaker(writer, said, t.start, t.end, role="auteur" if writer else None,
                       kind="person" if writer else "unknown")
    if description:
        person = _person_with_role(description, ctx)
        if person is not None:
            return _person(person, ctx, said, start=t.start, end=t.end)
        for _, sp in reversed(ctx.history):  # "legt zijn advocaat uit" … "De advocaat vreest …"
            if sp.role and sp.name is None and sp.role.lower().split()[0] == description:
                return Speaker(None, said, t.start, t.end, sp.role, sp.organisation, sp.kind)
    last = ctx.history[-1] if ctx.history else None
    person = _last_person_before(min(ctx.position, t.start), ctx)
    if description is None:
        since = max(person.end if person is not None else 0, last[0] if last is not None else 0,
                    ctx.sentences[max(0, ctx.sentence_at(t.start) - 2)].start if ctx.sentences else 0)
        role = _role_referent(since, min(ctx.position, t.start), ctx)
        if role is not None:  # "… verspreidde de Amerikaanse ambassadeur bij de EU een verklaring. Hij noemde …"
            return Speaker(role.name, said, t.start, t.end, role.role, role.organisation, role.kind)
    if person is not None and (last is None or person.start > last[0] or description is not None):
        return _person(person, ctx, said, start=t.start, end=t.end)
    if last is not None and last[1].kind in ("person", "role"):
        sp = last[1]
        return Speaker(sp.name, said, t.start, t.end, sp.role, sp.organisation, sp.kind)
    if person is not None:
        return _person(person, ctx, said, start=t.start, end=t.end)
    return Speaker(None, said, t.start, t.end, role=description, kind="unknown")


def _role_referent(lo: int, hi: int, ctx: _Context) -> Speaker | None:
    """The last described person (``de Amerikaanse ambassadeur bij de EU``) between ``lo`` and ``hi``,
    outside quotation marks and not behind a preposition: who a pronoun after it points at."""
    toks = _tokens_between(ctx, lo, hi)
    best = None
    for j, t in enumerate(toks):
        if t.text.lower() in ("de", "een") and not _after_preposition(toks, t, ctx):
            found = _description(toks, j, ctx, "previous", strict=True)
            if found is not None and found[0].kind in ("role", "person") and found[0].organisation:
                best = found[0]
    return best


def _last_person_before(pos: int, ctx: _Context) -> Mention | None:
    """The last person named outside quotation marks before ``pos`` (not a genitive)."""
    best = None
    for m in ctx.mentions:
        if m.start >= pos:
            break
        if _is_person(m, ctx) and not ctx.inside_quote(m.start) and not _possessive(m) and _plausible_person(m, ctx) \
                and not _behind_preposition(m, ctx):
            best = m
    return best


def _behind_preposition(m: Mention, ctx: _Context) -> bool:
    """``aan het adres van Baudet``: a person named behind a preposition is seldom who ``hij`` means."""
    i = ctx.token_index(m.start) - 1
    while i >= 0 and (ctx.tokens[i].text.lower() in ctx.lang.DETERMINERS or is_role_word(ctx.tokens[i].text, ctx.lang)):
        i -= 1
    if i < 0:
        return False
    t = ctx.tokens[i]
    return is_(t.tag, "ADP") and t.text.lower() not in ctx.lang.SUBJECT_PREPOSITIONS \
        and t.text.lower() not in ctx.lang.CLAUSE_PREPOSITIONS


def _plausible_person(m: Mention, ctx: _Context) -> bool:
    """A pronoun points back at people: not at an acronym (``PKK``) nor at a one-word name the article
    never repeats or gives a first name (``Spotify`` mistagged as a person)."""
    if m.name.isupper() and len(m.name) > 1:
        return False
    if " " in m.name or (_is_person(m, ctx) and m.type != "PER"):
        return True
    return sum(1 for other in ctx.mentions if other.name == m.name) > 1 or any(
        m.name in other.name.split() for other in ctx.mentions if other.type == "PER" and other.name != m.name)


def _person_with_role(description: str, ctx: _Context) -> Mention | None:
    """The last person before the quote whose role fits ``description``."""
    generic = description in ctx.lang.GENERIC_EXPERTS
    stem = description[:-1] if description.endswith("e") else description
    best = None
    for m in ctx.mentions:
        if m.start >= ctx.position:
            break
        if m.type != "PER" or ctx.inside_quote(m.start):
            continue
        role = (role_of(m.name, ctx.mentions, ctx.text, ctx.lang).role or "").lower()
        if not role:
            continue
        if stem in role or (generic and any(is_role_word(w, ctx.lang) for w in role.split())):
            best = m
    return best


def _person(m: Mention, ctx: _Context, said_as: str, role_hint: str | None = None, start: int | None = None,
            end: int | None = None) -> Speaker:
    # a role word before the name ("zei commissievoorzitter Anouk Verbeek") makes it a person whatever the tagger said
    kind = "person" if m.type == "PER" or role_hint or _is_person(m, ctx) else "organisation"
    m = _extended(m, ctx)
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
        if m.text == word or m.name == word or words[-1:] == [word] or surname(m.name, ctx.lang).lower() == low:
            return m
    return None


def _mention_at(ctx: _Context, pos: int) -> Mention | None:
    return ctx.by_start.get(pos)


# --- indirect speech ---------------------------------------------------------------------------

def _indirect(ctx: _Context, marked: list[Marked]) -> list[Quote]:
    """``X zegt dat …`` and ``Volgens X …`` without quotation marks: reported speech."""
    out = []
    inside = [(m.open_at, m.close_end) for m in marked]
    for si, s in enumerate(ctx.sentences):
        if any(lo < s.end and s.start < hi for lo, hi in inside):
            continue
        found = _reported(list(s.tokens), ctx)
        if found is None:
            continue
        speaker, clause_start = found
        end = s.end - (1 if ctx.text[s.end - 1:s.end] in ".!?" else 0)
        if end - clause_start < 15:
            continue
        out.append(Quote(clause_start, end, ctx.text[clause_start:end], "indirect", _with_role(speaker, ctx),
                         "indirect", si))
    return out


def _reported(toks: list[Token], ctx: _Context) -> tuple[Speaker, int] | None:
    if len(toks) > 2 and toks[0].text.lower() in ctx.lang.ACCORDING_TO:
        found = _speaker_np(toks[1:], ctx, "indirect")
        if found is not None and found[0].kind != "unknown" and found[0].end is not None:
            rest = [t for t in toks if t.start >= found[0].end]
            if len(rest) > 2 and rest[0].text.lower() in ctx.lang.AFFILIATION_PREPOSITIONS:
                k = next((i for i, t in enumerate(rest) if t.text == "," or _is_verb(t)), None)
                rest = rest[k:] if k is not None else rest
            if rest and rest[0].text == ",":
                rest = rest[1:]
            if rest:
                return found[0], rest[0].start
    for k, t in enumerate(toks[:-1]):
        if toks[k + 1].text.lower() in ctx.lang.COMPLEMENTIZERS and _is_speech(t, ctx) \
                and t.text.lower() not in ctx.lang.POSTPOSED_CUES and t.text.lower() not in ctx.lang.ACCORDING_TO:
            subject = _subject(toks[:k], ctx, "indirect") or _speaker_np(toks[k + 1:k + 1], ctx, "indirect")
            if subject is not None and k + 2 < len(toks):
                return subject[0], toks[k + 2].start
    return None
