"""The coarse part-of-speech tag every backend puts on ``Token.tag``, so rules never read a tag set.

Frog speaks CGN (``WW(pv,verl,ev)``), spaCy speaks Penn Treebank (``VBD``); the enrich modules,
features and claims need only a handful of distinctions, named here once. A tag is a word class,
optionally followed by features: ``VERB:fin,past``, ``NOUN:plur``, ``PRON:poss``. Each backend maps
its own tags (``nlp/frog.py``, ``nlp/spacy_en.py``); nothing else knows a backend's tag set.

Word classes (Universal Dependencies where one fits):
NOUN (common noun), PROPN (a proper noun as such, CGN's ``N(eigen)``), NAME (a word of a multi-word
name: CGN's ``SPEC(deeleigen)``, English NNP), ABBR, FOREIGN, SYM, X (other unanalysed words),
VERB, ADJ, ADV, ADP, CONJ, DET, PRON, NUM, PUNCT, INTJ, PART.
Features: ``fin`` (finite verb), ``past`` (finite past), ``plur``, ``prenom`` (a participle used
before a noun), ``poss`` (possessive).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

NOUNS = frozenset({"NOUN", "PROPN"})
PROPER = frozenset({"NAME", "PROPN", "ABBR", "FOREIGN"})  # what can stand in a name
UNANALYSED = frozenset({"NAME", "ABBR", "FOREIGN", "SYM", "X"})  # a name part or a word the tagger left alone


@lru_cache(maxsize=4096)
def _split(tag: str) -> tuple[str, frozenset[str]]:
    word_class, _, feats = tag.partition(":")
    return word_class, frozenset(feats.split(",")) if feats else frozenset()


def word_class(tag: str) -> str:
    return _split(tag)[0]


def is_(tag: str, *classes: str) -> bool:
    """Whether ``tag``'s word class is one of ``classes``."""
    return _split(tag)[0] in classes


def has(tag: str, feature: str) -> bool:
    return feature in _split(tag)[1]


def make(word_class: str, *features: str) -> str:
    kept = [f for f in features if f]
    return f"{word_class}:{','.join(kept)}" if kept else word_class


def stored(row: Sequence[Any]) -> str:
    """The coarse tag of a stored token ``[start, end, lemma, pos, tag]``; rows written before tags were
    stored hold only Frog's tag, mapped here (every such row came from Frog)."""
    if len(row) > 4:
        return str(row[4])
    from .frog import coarse_tag

    return coarse_tag(str(row[3]))
