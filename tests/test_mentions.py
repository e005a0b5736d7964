"""Mention repairs (enrich.mentions.repaired_mentions), rule by rule.

Each rule is tested twice: on hand-built tokens with chosen tags (a unit test of the rule, which
does not depend on what the tagger says today) and on real Frog output for our own sentences
(the result users get; the assertion is on the final mention, whatever the raw tags were).
"""

from __future__ import annotations

import pytest

from duiding.enrich.mentions import QUOTE_CHARS, raw_mentions, repaired_mentions
from duiding.lang import for_language
from duiding.nlp.frog import FrogBackend

from .nlp_fakes import tagged

NL = for_language("nl")


@pytest.fixture(scope="session")
def frog():
    """Frog with its own NER: these tests are about the repairs raw Frog output needs (``ner = frog``)."""
    return FrogBackend(ner="frog")


def _repair(text: str, sentences, first_names=()) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in repaired_mentions(sentences, text, NL, first_names)]


def _frog(frog, text: str) -> list[tuple[str, str]]:
    sentences = frog.analyse(text)
    mentions = repaired_mentions(sentences, text, NL, frog.first_names)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.type) for m in mentions]


# --- speech verbs ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "spec"), [
    ("“Het klopt”, zegt Jansen.", "“/L Het/D klopt/V ”/L ,/L zegt/V/B-per Jansen/P/I-per ./L"),
    ("Het klopt, aldus Jansen.", "Het/D klopt/V ,/L aldus/B/B-per Jansen/P/I-per ./L"),
    ("Volgens Jansen klopt het.", "Volgens/Z/B-per Jansen/P/I-per klopt/V het/D ./L"),
    ("Het klopt, vertelde Jansen gisteren.", "Het/D klopt/V ,/L vertelde/Vd/B-per Jansen/P/I-per gisteren/B ./L"),
    ("Jansen zegt dat het klopt.", "Jansen/P/B-per zegt/V/I-per dat/VG het/D klopt/V ./L"),
])
def test_speech_verb_is_trimmed_from_the_name(text: str, spec: str) -> None:
    sentences = tagged(text, spec)
    mentions = repaired_mentions(sentences, text, NL)
    assert [(m.text, m.type) for m in mentions] == [("Jansen", "PER")]
    assert text[mentions[0].start:mentions[0].end] == "Jansen"


def test_raw_mentions_keep_the_backend_output_for_evaluation() -> None:
    text = "Het klopt, zegt Jansen."
    sentences = tagged(text, "Het/D klopt/V ,/L zegt/V/B-per Jansen/P/I-per ./L")
    assert [m.text for m in raw_mentions(sentences, text)] == ["zegt Jansen"]


@pytest.mark.parametrize("text", [
    "Hanneke Stoop leidt het onderzoek. “De cijfers zijn slecht”, zegt Stoop. Het klimaat verandert snel, "
    "aldus Stoop. Volgens Stoop is er weinig tijd.",
    "Geert Mulder woont in Zwolle. Het is te laat, zegt Mulder. Volgens Mulder moet het anders.",
])
def test_speech_verbs_are_trimmed_in_real_frog_output(frog, text: str) -> None:
    found = _frog(frog, text)
    people = [m for m, t in found if t == "PER"]
    surname = people[0].split()[-1]
    assert people[0] in ("Hanneke Stoop", "Geert Mulder")
    assert people[1:] == [surname] * (len(people) - 1)
    assert len(people) == text.count(surname)
    for m, _ in found:
        assert not set(m.lower().split()) & {"zegt", "aldus", "volgens"}, m


# --- role nouns --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "spec", "name"), [
    ("Klimaatdeskundige Marieke de Vries waarschuwt.",
     "Klimaatdeskundige/A/B-per Marieke/P/I-per de/D/I-per Vries/P/I-per waarschuwt/V ./L", "Marieke de Vries"),
    ("Rusland-kenner Piet Bos twijfelt.", "Rusland-kenner/N/B-per Piet/P/I-per Bos/P/I-per twijfelt/V ./L",
     "Piet Bos"),
    ("Dat zegt dijkgraaf Thijs Wolters.", "Dat/VNW zegt/V/B-per dijkgraaf/N/I-per Thijs/P/I-per Wolters/P/I-per ./L",
     "Thijs Wolters"),
])
def test_role_noun_is_trimmed_from_the_name(text: str, spec: str, name: str) -> None:
    assert _repair(text, tagged(text, spec)) == [(name, "PER")]


def test_a_capitalised_common_noun_before_a_name_is_not_part_of_it() -> None:
    text = "Justitie Yesilgöz reageert niet."
    sentences = tagged(text, "Justitie/N/B-per Yesilgöz/P/I-per reageert/V niet/B ./L")
    assert _repair(text, sentences) == [("Yesilgöz", "PER")]


def test_a_field_of_study_is_not_a_person() -> None:
    text = "Zij is hoogleraar Afrikastudies in Leiden."
    sentences = tagged(text, "Zij/VNW is/V hoogleraar/N Afrikastudies/P/B-per in/Z Leiden/P/B-loc ./L")
    assert _repair(text, sentences) == [("Leiden", "LOC")]


@pytest.mark.parametrize(("text", "role", "name"), [
    ("Klimaatdeskundige Marieke de Vries waarschuwt voor droogte.", "Klimaatdeskundige", "Marieke de Vries"),
    ("Rusland-kenner Piet Bos ziet weinig kans op vrede.", "Rusland-kenner", "Piet Bos"),
    ("Economisch historicus Gerrit Haaksma schreef een boek over schulden.", "historicus", "Gerrit Haaksma"),
    ("Burgemeester Karin Dijkstra opende de nieuwe brug.", "Burgemeester", "Karin Dijkstra"),
])
def test_role_nouns_are_trimmed_in_real_frog_output(frog, text: str, role: str, name: str) -> None:
    found = _frog(frog, text)
    assert (name, "PER") in found
    assert not [m for m, _ in found if role in m and name in m], found


def test_a_role_noun_that_names_nothing_is_not_a_mention() -> None:
    text = "Klimaatdeskundige Marieke de Vries waarschuwt."
    sentences = tagged(text, "Klimaatdeskundige/A/B-org Marieke/P/B-per de/D/I-per Vries/P/I-per waarschuwt/V ./L")
    assert _repair(text, sentences) == [("Marieke de Vries", "PER")]


def test_a_role_noun_that_names_nothing_is_not_a_mention_in_real_frog_output(frog) -> None:
    found = _frog(frog, "Klimaatdeskundige Marieke de Vries waarschuwt voor droogte.")
    assert found == [("Marieke de Vries", "PER")]


# --- nationality adjectives --------------------------------------------------------------------

def test_nationality_adjective_is_misc_not_a_place() -> None:
    text = "De Duitse bondskanselier zweeg."
    sentences = tagged(text, "De/D Duitse/A/B-loc bondskanselier/N/I-loc zweeg/Vd ./L")
    assert _repair(text, sentences) == [("Duitse", "MISC")]


def test_adjective_before_a_place_is_its_own_mention() -> None:
    text = "Het Poolse Gdańsk viert feest."
    sentences = tagged(text, "Het/D Poolse/A/B-loc Gdańsk/P/I-loc viert/V feest/N ./L")
    assert _repair(text, sentences) == [("Poolse", "MISC"), ("Gdańsk", "LOC")]


def test_nationality_adjectives_in_real_frog_output(frog) -> None:
    found = _frog(frog, "De Duitse bondskanselier bezocht maandag Parijs. Hij sprak er met de Franse president.")
    assert ("Duitse", "MISC") in found and ("Franse", "MISC") in found
    assert ("Parijs", "LOC") in found
    assert not [m for m, t in found if t == "LOC" and m in ("Duitse", "Franse")]


# --- capitalised common nouns at the start of a sentence ---------------------------------------

def test_sentence_initial_common_noun_is_not_a_name() -> None:
    text = "Gesprekken tussen de partijen liepen vast."
    sentences = tagged(text, "Gesprekken/Nmv/B-misc tussen/Z/I-misc de/D/I-misc partijen/Nmv/I-misc "
                             "liepen/Vd vast/B ./L")
    assert _repair(text, sentences) == []


def test_common_noun_opening_a_quoted_sentence_is_not_a_name() -> None:
    text = "“Gesprekken hebben geen zin”, zegt Jansen."
    sentences = tagged(text, "“/L Gesprekken/Nmv/B-misc hebben/V geen/B zin/N ”/L ,/L zegt/V Jansen/P/B-per ./L")
    assert _repair(text, sentences) == [("Jansen", "PER")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gesprekken tussen de partijen liepen vast. Verkiezingen volgen in het voorjaar.", []),
    ("“Gesprekken hebben geen zin”, zegt Jansen. “Verkiezingen lossen niets op.”", [("Jansen", "PER")]),
])
def test_sentence_initial_nouns_in_real_frog_output(frog, text: str, expected: list) -> None:
    assert _frog(frog, text) == expected


# --- well-known names with a fixed type --------------------------------------------------------

@pytest.mark.parametrize("spec", [
    "Het/D Witte/A/B-loc Huis/N/I-loc bevestigt/V het/D ./L",
    "Het/D Witte/A/B-loc Huis/P/I-loc bevestigt/V het/D ./L",
    "Het/D Witte/P/B-loc Huis/P/I-loc bevestigt/V het/D ./L",
])
def test_white_house_is_an_organisation(spec: str) -> None:
    text = "Het Witte Huis bevestigt het."
    assert _repair(text, tagged(text, spec)) == [("Witte Huis", "ORG")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Het Witte Huis bevestigt dat de president naar Berlijn reist.", [("Witte Huis", "ORG"), ("Berlijn", "LOC")]),
    ("Het Witte Huis meldt dat de top doorgaat.", [("Witte Huis", "ORG")]),
    ("Volgens het Witte Huis komt er snel een verklaring.", [("Witte Huis", "ORG")]),
    ("Het Kremlin ontkent elke betrokkenheid.", [("Kremlin", "ORG")]),
])
def test_known_types_in_real_frog_output(frog, text: str, expected: list) -> None:
    assert _frog(frog, text) == expected


# --- split names -------------------------------------------------------------------------------

def test_organisation_split_by_the_tagger_is_one_organisation() -> None:
    text = "Dat zegt onderzoeker Anna Vos (Rathenau Instituut)."
    sentences = tagged(text, "Dat/VNW zegt/V onderzoeker/N Anna/P/B-per Vos/P/I-per (/L Rathenau/P/B-per "
                             "Instituut/P/B-org )/L ./L")
    assert _repair(text, sentences, {"Anna"}) == [("Anna Vos", "PER"), ("Rathenau Instituut", "ORG")]


def test_person_split_by_the_tagger_is_one_person() -> None:
    text = "Daarna sprak Sietske Wolthuis."
    sentences = tagged(text, "Daarna/B sprak/Vd Sietske/P/B-per Wolthuis/P/B-loc ./L")
    assert _repair(text, sentences, {"Sietske"}) == [("Sietske Wolthuis", "PER")]


def test_person_with_a_particle_split_by_the_tagger_is_one_person() -> None:
    text = "Daarna sprak Sarah de Lange."
    sentences = tagged(text, "Daarna/B sprak/Vd Sarah/P/B-per de/D/I-per Lange/P/B-loc ./L")
    assert _repair(text, sentences, {"Sarah"}) == [("Sarah de Lange", "PER")]


def test_untagged_first_name_joins_the_surname() -> None:
    text = "Femke Wolters opende de vergadering."
    sentences = tagged(text, "Femke/N Wolters/P/B-per opende/Vd de/D vergadering/N ./L")
    assert _repair(text, sentences, {"Femke", "Dat"}) == [("Femke Wolters", "PER")]
    text2 = "Dat Wolters won, verbaasde niemand."
    sentences2 = tagged(text2, "Dat/VG Wolters/P/B-per won/Vd ,/L verbaasde/Vd niemand/VNW ./L")
    assert _repair(text2, sentences2, {"Femke", "Dat"}) == [("Wolters", "PER")]


def test_place_names_starting_with_a_first_name_stay_places() -> None:
    text = "Hij reisde van Den Haag naar Den Helder."
    sentences = tagged(text, "Hij/VNW reisde/Vd van/Z Den/P/B-loc Haag/P/I-loc naar/Z Den/P/B-loc Helder/P/I-loc ./L")
    assert _repair(text, sentences, {"Den", "Helder"}) == [("Den Haag", "LOC"), ("Den Helder", "LOC")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dat zegt onderzoeker Anna Vos (Rathenau Instituut) in een interview.",
     [("Anna Vos", "PER"), ("Rathenau Instituut", "ORG")]),
    ("Politicoloog Sarah de Lange (Universiteit van Amsterdam) ziet een trend.",
     [("Sarah de Lange", "PER"), ("Universiteit van Amsterdam", "ORG")]),
    ("Mark Rutte reisde naar Brussel voor overleg met Ursula von der Leyen.",
     [("Mark Rutte", "PER"), ("Brussel", "LOC"), ("Ursula von der Leyen", "PER")]),
    ("De premier reisde van Den Haag naar Den Helder.", [("Den Haag", "LOC"), ("Den Helder", "LOC")]),
])
def test_split_names_in_real_frog_output(frog, text: str, expected: list) -> None:
    assert _frog(frog, text) == expected


# --- quotes and punctuation never inside a mention ---------------------------------------------

def test_quotes_are_trimmed_from_mention_edges() -> None:
    text = "Hij noemde “Jansen” een held, en ‘Pietersen’ ook."
    sentences = tagged(text, "Hij/VNW noemde/Vd “/L/B-per Jansen/P/I-per ”/L/I-per een/D held/N ,/L en/VG "
                             "‘Pietersen’/P/B-per ook/B ./L")
    mentions = repaired_mentions(sentences, text, NL)
    assert [(m.text, m.type) for m in mentions] == [("Jansen", "PER"), ("Pietersen", "PER")]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_abbreviation_at_a_sentence_end_loses_the_full_stop() -> None:
    text = "De minister vloog naar de VS."
    sentences = tagged(text, "De/D minister/N vloog/Vd naar/Z de/D VS./SPEC(afk)/B-loc")
    assert _repair(text, sentences) == [("VS", "LOC")]


def test_no_quote_character_inside_any_mention_in_real_frog_output(frog) -> None:
    text = ("“Rotterdam is klaar voor de storm”, zei havenwethouder Lotte van Hulst. ‘Amsterdam ook’, "
            "antwoordde Bart Smit van Rijkswaterstaat. In „De Telegraaf” reageerde Shell.\n\n"
            "“Wij volgen Van Hulst”, liet de Vereniging van Waterbedrijven weten. 'Niemand anders', aldus Smit.")
    sentences = frog.analyse(text)
    mentions = repaired_mentions(sentences, text, NL, frog.first_names)
    assert len(mentions) >= 5
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert not set(m.text) & set(QUOTE_CHARS), m
    names = {m.text for m in mentions}
    assert {"Rotterdam", "Amsterdam"} <= names
    assert "Lotte van Hulst" in names and "Bart Smit" in names


# --- cabinets ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tagger", ["frog", "e5"])
def test_a_cabinet_named_after_its_premier_is_not_the_person(tagger: str) -> None:
    text = "Rutte III viel. Rutte-II regeerde. Willem II won."
    sentences = tagged(text, "Rutte/P/B-per III/P/I-per viel/V ./L", "Rutte-II/P/B-per regeerde/V ./L",
                       "Willem/P/B-per II/P/I-per won/V ./L")
    out = [(m.text, m.type) for m in repaired_mentions(sentences, text, NL, {"Willem"}, tagger)]
    assert out == [("Rutte III", "MISC"), ("Rutte-II", "MISC"), ("Willem II", "PER")]


def test_e5_tags_lose_role_nouns_and_speech_verbs_at_the_edges() -> None:
    text = "Volgens Koreadeskundige Remco Breuker klopt het, zegt Jansen."
    sentences = tagged(text, "Volgens/Z Koreadeskundige/N/B-per Remco/P/I-per Breuker/P/I-per klopt/V het/D ,/L "
                             "zegt/V/B-per Jansen/P/I-per ./L")
    assert _names_e5(text, sentences) == [("Remco Breuker", "PER"), ("Jansen", "PER")]


def _names_e5(text: str, sentences) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in repaired_mentions(sentences, text, NL, (), "e5")]


# --- outlets and list bullets ------------------------------------------------------------------

@pytest.mark.parametrize("tagger", ["frog", "e5"])
def test_a_newspaper_named_in_the_text_is_an_organisation(tagger: str) -> None:
    """The outlet table knows "Trouw" is a paper; a tagger often calls a one-word title a person or place."""
    text = "Dat zei hij tegen Trouw en de Volkskrant."
    sentences = tagged(text, "Dat/VNW zei/Vd hij/VNW tegen/Z Trouw/P/B-per en/VG de/D Volkskrant/P/B-loc ./L")
    out = [(m.text, m.type) for m in repaired_mentions(sentences, text, NL, (), tagger)]
    assert out == [("Trouw", "ORG"), ("Volkskrant", "ORG")]


def test_a_list_dash_glued_to_a_name_is_not_part_of_it() -> None:
    text = "-Jansen won."
    sentences = tagged(text, "-Jansen/P/B-per won/V ./L")
    assert _names_e5(text, sentences) == [("Jansen", "PER")]
