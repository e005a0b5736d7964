"""Fakes for the language-analysis tests: a tiny backend that can fail on purpose, and hand-built tokens.

``FakeBackend`` plugs in through ``DUIDING_BACKEND_NL=tests.nlp_fakes:FakeBackend``. It tokenises on
whitespace, ends a sentence after ``.``/``!``/``?``, tags capitalised words ``SPEC(deeleigen)`` and
never finds a name
(coarse tags as Frog's backend maps them). It raises ``RuntimeError`` on a text containing ``ONTPLOF`` and kills its own
process (``os._exit(3)``, like a crash in C code) on a text containing ``CRASH``.

``tagged`` builds Sentences with chosen POS and NER tags, to unit-test one repair rule at a time
without depending on what the real tagger happens to say.
"""

from __future__ import annotations

import os
import re

from duiding.nlp.frog import coarse_tag
from duiding.records import Mention, Sentence, Token

PROPER_TAG = "SPEC(deeleigen)"
NOUN_TAG = "N(soort,ev,basis,zijd,stan)"

# Short names for the CGN tags the hand-built sentences use.
POS = {
    "P": PROPER_TAG,
    "N": NOUN_TAG,
    "Nmv": "N(soort,mv,basis)",
    "A": "ADJ(prenom,basis,met-e,stan)",
    "V": "WW(pv,tgw,met-t)",
    "Vd": "WW(pv,verl,ev)",
    "L": "LET()",
    "D": "LID(bep,stan,rest)",
    "Z": "VZ(init)",
    "B": "BW()",
    "T": "TW(hoofd,prenom,stan)",
    "VNW": "VNW(pers,pron,nomin,vol,3,ev,masc)",
    "VG": "VG(neven)",
}


class FakeBackend:
    name = "fake"
    language = "nl"

    def __init__(self, **options: str) -> None:
        self.options = options
        self.first_names: frozenset[str] = frozenset()

    def analyse(self, text: str) -> tuple[Sentence, ...]:
        if "ONTPLOF" in text:
            raise RuntimeError("the fake backend refuses this article (ONTPLOF)")
        if "CRASH" in text:
            os._exit(3)  # no exception, no cleanup: the worker process is gone
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        for m in re.finditer(r"\S+", text):
            word = m.group()
            pos = PROPER_TAG if word[:1].isupper() else NOUN_TAG
            tokens.append(Token(m.start(), m.end(), word, word.lower(), pos, "O", coarse_tag(pos)))
            if word.endswith((".", "!", "?")):
                sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
                tokens = []
        if tokens:
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
        return tuple(sentences)


def _guess(word: str) -> str:
    if not any(ch.isalnum() for ch in word):
        return POS["L"]
    return PROPER_TAG if word[:1].isupper() else NOUN_TAG


def tagged(text: str, *sentences: str) -> tuple[Sentence, ...]:
    """Sentences over ``text`` from specs like ``"zegt/V/B-per Jansen/P/I-per ./L"``.

    Each whitespace-separated item is ``word[/POS[/NER]]``; POS is a key of :data:`POS` or a full
    CGN tag (guessed from the word when left out), NER defaults to ``O``. Words are found in
    ``text`` left to right, so every span indexes into it.
    """
    out: list[Sentence] = []
    pos = 0
    for spec in sentences:
        tokens: list[Token] = []
        for item in spec.split():
            word, _, rest = item.partition("/")
            tag, _, ner = rest.partition("/")
            start = text.index(word, pos)
            end = start + len(word)
            cgn = POS.get(tag, tag) or _guess(word)
            tokens.append(Token(start, end, word, word.lower(), cgn, ner or "O", coarse_tag(cgn)))
            pos = end
        out.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
    return tuple(out)


def mention(text: str, surface: str, type_: str, sentence: int = 0, nth: int = 0) -> Mention:
    """A Mention of the ``nth`` occurrence of ``surface`` in ``text`` (name = surface, as the tagger gives it)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), surface, type_, sentence, surface)
