"""The real Frog backend: sentences, token spans into the text, lemmas, paragraph breaks, NER.

Frog is loaded once for the whole test session (``backend_for`` keeps it per process).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from duiding.enrich.mentions import raw_mentions
from duiding.errors import ConfigError
from duiding.nlp.backend import backend_for
from duiding.nlp.frog import FrogBackend, parse_columns

PARAGRAPHS = (
    "“We hadden zo'n storm nog nooit gezien”, zegt havenmeester Wilma Brouwer. De auto's op de kade "
    "stonden tot hun wielen in het water.\n\n"
    "In de regio wonen ruim 300.000 mensen. Volgens het waterschap steeg het peil 3,5 meter boven "
    "normaal, ‘een record’ voor deze tijd van het jaar.\n\n"
    "Burgemeester Joost Hendriks (62) sprak van „een zware nacht”. Maandag beslist de gemeenteraad "
    "over extra geld: 1,2 miljoen euro.\n"
)


@pytest.fixture(scope="session")
def frog():
    return backend_for("nl")


def _tokens(sentences):
    return [t for s in sentences for t in s.tokens]


def test_every_token_span_indexes_into_the_text(frog) -> None:
    before = frog.misaligned
    sentences = frog.analyse(PARAGRAPHS)
    tokens = _tokens(sentences)
    assert len(tokens) > 60
    for t in tokens:
        assert PARAGRAPHS[t.start:t.end] == t.text, t
    assert frog.misaligned == before  # nothing had to be guessed
    words = {t.text for t in tokens}
    for word in ("zo'n", "auto's", "300.000", "3,5", "1,2", "“", "”", "‘", "’", "„"):
        assert word in words, f"{word!r} is not one token"


def test_tokens_are_in_order_and_do_not_overlap(frog) -> None:
    tokens = _tokens(frog.analyse(PARAGRAPHS))
    for a, b in itertools.pairwise(tokens):
        assert a.end <= b.start
    assert all(t.text.strip() == t.text and t.text for t in tokens)


def test_sentence_spans_cover_their_tokens(frog) -> None:
    sentences = frog.analyse(PARAGRAPHS)
    assert len(sentences) >= 6
    for s in sentences:
        assert s.start == s.tokens[0].start and s.end == s.tokens[-1].end
    for a, b in itertools.pairwise(sentences):
        assert a.end <= b.start
    firsts = [PARAGRAPHS[s.start:s.end].split()[0] for s in sentences]
    assert "In" in firsts and "Burgemeester" in firsts and "Maandag" in firsts


def test_lemmas(frog) -> None:
    text = "De douane vond twaalf wapens in de vrachtwagen. De chauffeur reisde daarna door naar Venlo."
    lemma = {t.text: t.lemma for t in _tokens(frog.analyse(text))}
    assert lemma["wapens"] == "wapen"
    assert lemma["reisde"] == "reizen"
    assert lemma["vond"] == "vinden"


def test_paragraph_breaks_end_sentences(frog) -> None:
    text = "De trein naar Groningen had een uur vertraging\n\nReizigers klaagden op het perron\n\nDe NS zwijgt."
    sentences = frog.analyse(text)
    for s in sentences:
        assert "\n\n" not in text[s.start:s.end], text[s.start:s.end]
    starts = [text[s.start:s.end].split()[0] for s in sentences]
    assert starts[:3] == ["De", "Reizigers", "De"]


def test_ner_finds_people_and_places(frog) -> None:
    text = "Mark Rutte sprak dinsdag in Brussel met Emmanuel Macron over de oorlog in Oekraïne."
    found = {(m.text, m.type) for m in raw_mentions(frog.analyse(text), text)}
    people = {m for m, t in found if t == "PER"}
    places = {m for m, t in found if t == "LOC"}
    assert any("Rutte" in p for p in people), found
    assert any("Macron" in p for p in people), found
    assert "Brussel" in places or "Oekraïne" in places, found


def test_empty_and_whitespace_text(frog) -> None:
    assert frog.analyse("") == ()
    assert frog.analyse("   \n\n ") == ()


def test_parse_columns_maps_frog_rows_onto_the_text() -> None:
    text = "“Goed zo”, zei Els."
    raw = ("1\t“\t“\t\tLET()\t1.0\tO\n"
           "2\tGoed\tgoed\t\tADJ(vrij,basis,zonder)\t0.9\tO\n"
           "3\tzo\tzo\t\tBW()\t0.9\tO\n"
           "4\t”\t”\t\tLET()\t1.0\tO\n"
           "5\t,\t,\t\tLET()\t1.0\tO\n"
           "6\tzei\tzeggen\t\tWW(pv,verl,ev)\t0.9\tO\n"
           "7\tEls\tEls\t\tSPEC(deeleigen)\t0.9\tB-per\n"
           "8\t.\t.\t\tLET()\t1.0\tO\n\n")
    (sentence,) = parse_columns(raw, text)
    assert [(t.text, t.lemma, t.ner) for t in sentence.tokens][-2:] == [("Els", "Els", "B-per"), (".", ".", "O")]
    assert all(text[t.start:t.end] == t.text for t in sentence.tokens)
    assert (sentence.start, sentence.end) == (0, len(text))
    assert sentence.tokens[5].lemma == "zeggen"


def test_an_explicit_frogdata_folder_without_data_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "geen-frogdata"
    empty.mkdir()
    with pytest.raises(ConfigError, match="frogdata"):
        FrogBackend(frogdata=str(empty))


def test_an_unknown_ner_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match="ner = 'spacy'"):
        FrogBackend(ner="spacy")


def test_ner_frog_keeps_frogs_own_tags_and_e5_replaces_them(frog) -> None:
    """``ner = e5`` (the default): duiding's model tags Frog's tokens; ``ner = frog`` keeps Frog's NER
    (same tokens, lemmas)."""
    text = "Premier Mark Rutte sprak in Den Haag met de Amsterdamse burgemeester."
    own, e5 = FrogBackend(ner="frog"), FrogBackend(ner="e5")
    assert own.ner is None and frog.ner is not None and e5.ner is not None
    ours, frogs = e5.analyse(text), own.analyse(text)
    assert [(t.text, t.lemma, t.pos) for s in ours for t in s.tokens] == \
        [(t.text, t.lemma, t.pos) for s in frogs for t in s.tokens]
    assert {(m.text, m.type) for m in raw_mentions(ours, text)} >= {("Mark Rutte", "PER"), ("Den Haag", "LOC")}
    assert any(t.ner != "O" for s in frogs for t in s.tokens)
