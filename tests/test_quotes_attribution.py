"""Attribution patterns of real Dutch news, one behaviour per test, on sentences written for these tests.

Each runs the NLP worker's own function (Frog, mention repairs, chains, quotes) on a short text, so
a test fails when Frog's tags and the rules stop fitting together, not only when a rule changes.
The quality figures on real articles are in ``test_quotes_dpg.py``.
"""

from __future__ import annotations

import pytest

from duiding.nlp.annotate import Job, annotate
from duiding.records import Quote

pytestmark = pytest.mark.slow


def quotes(text: str, title: str | None = None) -> list[Quote]:
    ann = annotate(Job("t", "t.txt", text, "nl", title=title))
    return [q for q in ann.quotes if q.kind in ("direct", "partial")]


def speaker_of(qs: list[Quote], starts: str) -> str:
    q = next(q for q in qs if q.text.startswith(starts))
    sp = q.speaker
    return " ".join(x for x in (sp.name, sp.role, sp.organisation) if x)


def test_two_comma_marks_closed_by_two_apostrophes_or_a_straight_quote() -> None:
    qs = quotes("De gemeente wil de markt verplaatsen. ,,Dat gaat veel te snel'', concludeert wethouder Johan "
                "de Groot. ,,We hebben nog geen plan voor de kramen\", zegt marktmeester Ria Kuipers.")
    assert "Groot" in speaker_of(qs, "Dat gaat")
    assert "Kuipers" in speaker_of(qs, "We hebben")
    assert all(q.kind == "direct" for q in qs)


def test_colon_after_a_bare_name_and_after_a_clause() -> None:
    text = ("De vakbond is boos over het besluit van de directie. Jansen: ,,Niemand heeft ons iets gevraagd.'' "
            "Ook Pieter Bakker van de ondernemingsraad is kritisch. Daarin is Bakker heel duidelijk: "
            ",,Dit pikken we niet.''")
    qs = quotes("Karin Jansen leidt de vakbond in de regio. " + text)
    assert "Jansen" in speaker_of(qs, "Niemand")
    assert "Bakker" in speaker_of(qs, "Dit pikken")


def test_a_quote_without_cue_belongs_to_the_person_the_sentence_before_introduces() -> None:
    qs = quotes("\"Het water stond tot aan de drempel\", zegt Tom Peeters (54). Zijn buurvrouw Els Maes (61) "
                "woont al dertig jaar aan de dijk. \"Zo erg heb ik het nooit gezien.\" Ze wil verhuizen.")
    assert "Peeters" in speaker_of(qs, "Het water")
    assert "Maes" in speaker_of(qs, "Zo erg")


def test_the_speaker_goes_on_until_someone_new_is_named() -> None:
    qs = quotes("Trainer Marco Visser is tevreden. 'We speelden goed', zegt Visser. 'De tweede helft was "
                "minder.' Het team staat nu derde. 'Maar we blijven rustig.'")
    assert all("Visser" in speaker_of(qs, q.text[:8]) for q in qs)


def test_a_pronoun_after_the_quote_points_at_the_last_person_named() -> None:
    qs = quotes("Jeroen Smit sprak de raad toe. Daarna nam Anna de Boer het woord. \"Dit plan kost te veel\", "
                "zei ze.")
    assert "Boer" in speaker_of(qs, "Dit plan")


def test_an_unnamed_spokesperson_speaks_for_the_organisation_just_named() -> None:
    qs = quotes("De gemeente Utrecht wil het plein autovrij maken. 'Daar is breed draagvlak voor', zegt een "
                "woordvoerder.")
    said = speaker_of(qs, "Daar is")
    assert "woordvoerder" in said and "Utrecht" in said


def test_a_partial_quote_belongs_to_the_subject_of_the_speech_verb() -> None:
    qs = quotes("Minister Karel Vos reageerde fel. Hij noemde het rapport 'onzorgvuldig en eenzijdig'.")
    assert "Vos" in speaker_of(qs, "onzorgvuldig")
    assert qs[0].kind == "partial"


def test_scare_quotes_and_named_things_are_not_quotes() -> None:
    qs = quotes("Het 'succes' van de actie bleef uit. De actie heet 'Schoon Strand' en loopt als "
                "'proefproject' tot de zomer.")
    assert qs == []


def test_flattened_paragraphs_of_one_long_quote_reopen_their_mark() -> None:
    text = ("Onderzoeker Lisa Vermeer volgt de bijen al jaren. 'De winter was te zacht. De bijen vlogen te "
            "vroeg uit. 'Daardoor vonden ze geen voedsel. Veel volken stierven.'")
    qs = quotes(text)
    starts = [q.text[:12] for q in qs]
    assert any(s.startswith("De winter") for s in starts) and any(s.startswith("Daardoor") for s in starts)
    assert all("Vermeer" in speaker_of(qs, q.text[:8]) for q in qs)


def test_a_teaser_quote_takes_the_speaker_it_is_repeated_with() -> None:
    text = ("'We zien steeds meer mensen met schulden bij de voedselbank.' In Deventer groeit de rij. "
            "Coördinator Sandra Mulder (48): 'We zien steeds meer mensen met schulden, ook werkenden.'")
    qs = quotes(text)
    assert "Mulder" in speaker_of(qs, "We zien steeds meer mensen met schulden bij")


def test_a_columnist_saying_ik_is_the_writer_the_title_names() -> None:
    qs = quotes("Gisteren schreef ik al over de trein. Ik zei toen: 'Dit gaat mis.' Niemand luisterde.",
                title="Het spoor knarst. Jan Vermeulen column")
    assert "Jan Vermeulen" in speaker_of(qs, "Dit gaat")
