"""align(): a backend's token strings mapped back onto the text as character spans."""

from __future__ import annotations

from duiding.nlp.align import WINDOW, align


def _surfaces(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_exact_tokens_get_their_own_spans() -> None:
    text = "De veerpont vaart weer."
    tokens = ["De", "veerpont", "vaart", "weer", "."]
    spans, misses = align(text, tokens)
    assert spans == [(0, 2), (3, 11), (12, 17), (18, 22), (22, 23)]
    assert misses == 0


def test_extra_whitespace_newlines_and_tabs_are_skipped() -> None:
    text = "  De   veerpont\n\n\tvaart \u00a0weer ."
    tokens = ["De", "veerpont", "vaart", "weer", "."]
    spans, misses = align(text, tokens)
    assert _surfaces(text, spans) == tokens
    assert spans[0] == (2, 4)
    assert misses == 0


def test_start_offset_is_respected() -> None:
    text = "Eerste zin. Tweede zin."
    spans, misses = align(text, ["Tweede", "zin", "."], start=11)
    assert spans == [(12, 18), (19, 22), (22, 23)]
    assert misses == 0


def test_same_word_twice_gets_two_different_spans() -> None:
    text = "Het dorp en het dorp."
    spans, _ = align(text, ["Het", "dorp", "en", "het", "dorp", "."])
    assert spans[1] == (4, 8) and spans[4] == (16, 20)


def test_a_dropped_character_is_skipped_by_the_window() -> None:
    text = "De kade — zegt de dijkgraaf — blijft dicht."
    tokens = ["De", "kade", "zegt", "de", "dijkgraaf", "blijft", "dicht", "."]  # dashes dropped
    spans, misses = align(text, tokens)
    assert _surfaces(text, spans) == tokens
    assert misses == 0


def test_a_normalised_quote_matches_in_place() -> None:
    text = "“Ja”, zei hij."
    tokens = ['"', "Ja", '"', ",", "zei", "hij", "."]  # the backend wrote ASCII quotes
    spans, misses = align(text, tokens)
    assert misses == 0  # a typographic quote the backend wrote as ASCII is the same character, folded
    assert spans[0] == (0, 1) and spans[2] == (3, 4)  # the typographic quotes themselves
    assert _surfaces(text, spans)[1] == "Ja"
    assert _surfaces(text, spans)[3:] == [",", "zei", "hij", "."]


def test_a_normalised_quote_does_not_jump_to_a_later_ascii_quote() -> None:
    # The text mixes quote styles: the first token (a normalised “) must not be matched with the
    # ASCII quote further on, which would shift every following span.
    text = '“Ja”, zei de "baas".'
    tokens = ['"', "Ja", '"', ",", "zei", "de", '"', "baas", '"', "."]
    spans, _ = align(text, tokens)
    assert spans[0] == (0, 1)
    assert _surfaces(text, spans)[1] == "Ja"
    assert _surfaces(text, spans)[3:] == [",", "zei", "de", '"', "baas", '"', "."]


def test_a_token_that_is_not_in_the_text_counts_as_a_miss_and_alignment_recovers() -> None:
    text = "De ﬁets staat buiten."  # the text has the ligature ﬁ, the backend expanded it
    tokens = ["De", "fiets", "staat", "buiten", "."]
    spans, misses = align(text, tokens)
    assert misses == 1
    assert spans[1][0] == 3  # assumed to start where it should
    assert _surfaces(text, spans)[2:] == ["staat", "buiten", "."]


def test_a_token_far_beyond_the_window_is_not_found() -> None:
    text = "Begin " + "x" * (WINDOW + 20) + " einde"
    spans, misses = align(text, ["Begin", "einde"])
    assert misses == 1
    assert spans[0] == (0, 5)
    assert text[spans[1][0]:spans[1][1]] != "einde"


def test_tokens_past_the_end_stay_within_the_text() -> None:
    text = "Kort."
    spans, misses = align(text, ["Kort", ".", "extra"])
    assert misses == 1
    assert all(0 <= s <= e <= len(text) for s, e in spans)
