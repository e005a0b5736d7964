"""In-article name chains (enrich.chains.chain): short names point at the full name the article introduced."""

from __future__ import annotations

import itertools

import pytest

from duiding.enrich.chains import chain, strip_genitive
from duiding.lang import for_language
from duiding.nlp.annotate import Job, annotate
from duiding.nlp.backend import backend_for
from duiding.records import Mention

from .nlp_fakes import mention, tagged

NL = for_language("nl")


@pytest.fixture(scope="session")
def frog():
    return backend_for("nl")


def _words(text: str) -> str:
    """A tagging spec with every word untagged (chain only reads tokens to recover missed names)."""
    return " ".join(text.replace(".", " .").replace(",", " ,").split())


def _chain(text: str, mentions: list[Mention]) -> list[Mention]:
    return chain(mentions, tagged(text, _words(text)), NL)


def _names(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.type) for m in mentions]


def _real(frog, text: str) -> list[Mention]:
    assert backend_for("nl") is frog
    mentions = list(annotate(Job("a1", "test.txt", text, "nl")).mentions)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return mentions


# --- surnames and first names ------------------------------------------------------------------

def test_surname_points_at_the_full_name() -> None:
    text = "Jorien Zuidema leidt de dienst. Zuidema is tevreden."
    out = _chain(text, [mention(text, "Jorien Zuidema", "PER"), mention(text, "Zuidema", "PER", 1, nth=1)])
    assert _names(out) == [("Jorien Zuidema", "Jorien Zuidema", "PER"), ("Zuidema", "Jorien Zuidema", "PER")]


def test_first_name_points_at_the_full_name() -> None:
    text = "Jorien Zuidema leidt de dienst. Jorien is tevreden."
    out = _chain(text, [mention(text, "Jorien Zuidema", "PER"), mention(text, "Jorien", "PER", 1, nth=1)])
    assert _names(out)[1] == ("Jorien", "Jorien Zuidema", "PER")


def test_a_name_with_no_full_name_stays_itself() -> None:
    text = "Zuidema is tevreden. Ook Hilversum is blij."
    out = _chain(text, [mention(text, "Zuidema", "PER"), mention(text, "Hilversum", "LOC", 1)])
    assert _names(out) == [("Zuidema", "Zuidema", "PER"), ("Hilversum", "Hilversum", "LOC")]


@pytest.mark.parametrize(("full", "short"), [
    ("Marieke de Vries", "De Vries"),
    ("Kees van der Linden", "Van der Linden"),
])
def test_surname_with_a_particle_points_at_the_full_name(full: str, short: str) -> None:
    text = f"{full} leidt de dienst. Volgens {short} gaat het goed."
    out = _chain(text, [mention(text, full, "PER"), mention(text, short, "PER", 1)])
    assert _names(out) == [(full, full, "PER"), (short, full, "PER")]


def test_surname_chain_in_real_frog_output(frog) -> None:
    text = ("Hanneke Stoop leidt het onderzoek. “De cijfers zijn slecht”, zegt Stoop. Het klimaat verandert "
            "snel, aldus Stoop. Volgens Stoop is er weinig tijd.")
    people = [m for m in _real(frog, text) if m.type == "PER"]
    assert [m.text for m in people] == ["Hanneke Stoop", "Stoop", "Stoop", "Stoop"]
    assert {m.name for m in people} == {"Hanneke Stoop"}


def test_first_name_chain_in_real_frog_output(frog) -> None:
    text = ("Remco Hoogland is hoogleraar in Groningen. Hoogland denkt dat het regime stabiel is. "
            "Remco schreef er een boek over.")
    people = {m.text: m.name for m in _real(frog, text) if m.type == "PER"}
    assert people == {"Remco Hoogland": "Remco Hoogland", "Hoogland": "Remco Hoogland", "Remco": "Remco Hoogland"}


# --- genitives ---------------------------------------------------------------------------------

def test_genitives_fold_into_the_known_name() -> None:
    text = ("Vladimir Poetin en Sergej Sjojgoe en Sergei Shoigu kwamen. Poetins plan, Sjojgoes leger "
            "en Shoigu's vloot.")
    mentions = [mention(text, n, "PER") for n in ("Vladimir Poetin", "Sergej Sjojgoe", "Sergei Shoigu")]
    mentions += [mention(text, n, "PER", 1) for n in ("Poetins", "Sjojgoes", "Shoigu's")]
    out = {m.text: m.name for m in _chain(text, mentions)}
    assert out["Poetins"] == "Vladimir Poetin"
    assert out["Sjojgoes"] == "Sergej Sjojgoe"
    assert out["Shoigu's"] == "Sergei Shoigu"


def test_genitive_of_a_bare_name_folds_into_that_name() -> None:
    text = "Poetin sprak. Poetins woorden waren hard."
    out = _chain(text, [mention(text, "Poetin", "PER"), mention(text, "Poetins", "PER", 1)])
    assert [m.name for m in out] == ["Poetin", "Poetin"]


def test_a_final_s_is_kept_when_the_base_is_unknown() -> None:
    text = "Lars Andersson kwam. Niels was er ook."
    out = _chain(text, [mention(text, "Lars Andersson", "PER"), mention(text, "Niels", "PER", 1)])
    assert [m.name for m in out] == ["Lars Andersson", "Niels"]
    assert strip_genitive("Lars", set(), NL) == "Lars"
    assert strip_genitive("Niels", {"Niel"}, NL) == "Niel"  # only because "Niel" is known
    assert strip_genitive("Shoigu's", set(), NL) == "Shoigu"


def test_genitives_in_real_frog_output(frog) -> None:
    text = ("Vladimir Poetin sprak in Moskou. Poetins toespraak duurde twee uur. Minister Sergej Sjojgoe "
            "bezocht de vloot. Sjojgoes bezoek was kort.")
    names = {m.text: m.name for m in _real(frog, text)}
    assert names["Poetins"] == "Vladimir Poetin"
    assert names["Sjojgoes"] == "Sergej Sjojgoe"


# --- the Kim trap ------------------------------------------------------------------------------

KIM = ("Kim Jong-un bezocht een fabriek. Kim Jong-un liet raketten zien. Zijn vader Kim Jong-il deed dat "
       "ook. Kim lachte. Volgens Kim is het land sterk. Kim Jong-un vertrok daarna. Kim zwaaide.")


def _kim_mentions() -> list[Mention]:
    out = [mention(KIM, "Kim Jong-un", "PER", nth=i) for i in range(3)]
    out.append(mention(KIM, "Kim Jong-il", "PER"))
    starts = {m.start for m in out}
    i = -1
    while (i := KIM.find("Kim", i + 1)) != -1:
        if i not in starts:
            out.append(Mention(i, i + 3, "Kim", "PER", 0, "Kim"))
    return sorted(out, key=lambda m: m.start)


def test_the_kim_trap() -> None:
    out = _chain(KIM, _kim_mentions())
    bare = [m for m in out if m.text == "Kim"]
    assert len(bare) == 3
    assert {m.name for m in bare} == {"Kim Jong-un"}
    assert [m.name for m in out if m.text == "Kim Jong-il"] == ["Kim Jong-il"]
    assert [m.name for m in out if m.text == "Kim Jong-un"] == ["Kim Jong-un"] * 3


def test_the_kim_trap_in_real_frog_output(frog) -> None:
    out = _real(frog, KIM)
    assert [m.name for m in out if m.text == "Kim"] == ["Kim Jong-un"] * 3
    assert [m.name for m in out if m.text == "Kim Jong-il"] == ["Kim Jong-il"]
    assert [m.name for m in out if m.text == "Kim Jong-un"] == ["Kim Jong-un"] * 3


# --- two people in one mention -----------------------------------------------------------------

PAIR = "Bij de parade waren Kim Jong-un en Sergej Shoigu aanwezig. Later nam Kim Shoigu mee naar de haven."


def test_two_people_in_one_mention_are_split() -> None:
    mentions = [mention(PAIR, "Kim Jong-un", "PER"), mention(PAIR, "Sergej Shoigu", "PER"),
                mention(PAIR, "Kim Shoigu", "PER", 1)]
    out = _chain(PAIR, mentions)
    assert _names(out) == [("Kim Jong-un", "Kim Jong-un", "PER"), ("Sergej Shoigu", "Sergej Shoigu", "PER"),
                           ("Kim", "Kim Jong-un", "PER"), ("Shoigu", "Sergej Shoigu", "PER")]
    for m in out:
        assert PAIR[m.start:m.end] == m.text


def test_two_people_split_in_real_frog_output(frog) -> None:
    out = [(m.text, m.name) for m in _real(frog, PAIR) if m.type == "PER"]
    assert out == [("Kim Jong-un", "Kim Jong-un"), ("Sergej Shoigu", "Sergej Shoigu"),
                   ("Kim", "Kim Jong-un"), ("Shoigu", "Sergej Shoigu")]


# --- mistyped and missed surnames --------------------------------------------------------------

@pytest.mark.parametrize("wrong", ["ORG", "LOC", "MISC"])
def test_surname_typed_as_something_else_becomes_the_person(wrong: str) -> None:
    text = "Piet Bos ziet weinig kans. Volgens Bos duurt het lang."
    out = _chain(text, [mention(text, "Piet Bos", "PER"), mention(text, "Bos", wrong, 1, nth=1)])
    assert _names(out)[1] == ("Bos", "Piet Bos", "PER")


def test_a_place_that_is_no_part_of_a_name_keeps_its_type() -> None:
    text = "Piet Bos woont in Zwolle. Zwolle is mooi."
    out = _chain(text, [mention(text, "Piet Bos", "PER"), mention(text, "Zwolle", "LOC"),
                        mention(text, "Zwolle", "LOC", 1, nth=1)])
    assert [(m.text, m.type) for m in out][1:] == [("Zwolle", "LOC"), ("Zwolle", "LOC")]


def test_a_missed_surname_is_recovered() -> None:
    text = ("De regering twijfelt, aldus Wubbo Okkema. “We moeten sneller handelen”, vervolgt Okkema. "
            "Okkema's plan ligt klaar.")
    out = _chain(text, [mention(text, "Wubbo Okkema", "PER")])
    assert _names(out) == [("Wubbo Okkema", "Wubbo Okkema", "PER"), ("Okkema", "Wubbo Okkema", "PER"),
                           ("Okkema's", "Wubbo Okkema", "PER")]
    assert [m.origin for m in out] == ["backend", "chain", "chain"]
    assert [text[m.start:m.end] for m in out] == [m.text for m in out]


def test_recovery_ignores_lower_case_words_and_covered_tokens() -> None:
    text = "Piet Bos liep door het bos. Bos was moe."
    out = _chain(text, [mention(text, "Piet Bos", "PER")])
    assert _names(out) == [("Piet Bos", "Piet Bos", "PER"), ("Bos", "Piet Bos", "PER")]
    assert out[1].start == text.index("Bos was")
    spans = [(m.start, m.end) for m in out]
    assert spans == sorted(spans) and all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_mistyped_and_missed_surnames_in_real_frog_output(frog) -> None:
    text = ("“Dit is een keerpunt”, zegt Noord-Korea-expert Jeroen Kleinhout. “Pyongyang wil aandacht”, "
            "aldus Kleinhout. De regering twijfelt, aldus Wubbo Okkema. “We moeten sneller handelen”, "
            "vervolgt Okkema.")
    out = _real(frog, text)
    found = {(m.text, m.name, m.type) for m in out}
    assert ("Kleinhout", "Jeroen Kleinhout", "PER") in found
    assert ("Okkema", "Wubbo Okkema", "PER") in found
    assert ("Pyongyang", "Pyongyang", "LOC") in found


# --- organisations called by their first word --------------------------------------------------

def test_an_organisation_called_by_its_first_word_is_that_organisation() -> None:
    text = "De Partij voor Vogels won. Partij is blij. De Europese Commissie zweeg. Europese landen ook."
    out = _chain(text, [mention(text, "Partij voor Vogels", "ORG"), mention(text, "Partij", "MISC", 1, nth=1),
                        mention(text, "Europese Commissie", "ORG", 2), mention(text, "Europese", "MISC", 3, nth=1)])
    assert _names(out)[1] == ("Partij", "Partij voor Vogels", "ORG")
    assert _names(out)[3] == ("Europese", "Europese", "MISC")  # two-word names are not shortened to an adjective


def test_a_first_word_two_organisations_share_stays_itself() -> None:
    text = "Raad van Advies en Raad van Toezicht praten. Raad zwijgt."
    out = _chain(text, [mention(text, "Raad van Advies", "ORG"), mention(text, "Raad van Toezicht", "ORG"),
                        mention(text, "Raad", "ORG", 1, nth=2)])
    assert _names(out)[2] == ("Raad", "Raad", "ORG")
