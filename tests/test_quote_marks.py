"""Quotation-mark pairing details: the regional ,,…'' style, apostrophes, unpaired marks."""

from __future__ import annotations

from duiding.enrich.quote_marks import find_quotes
from duiding.lang import nl


def _texts(text: str) -> list[str]:
    marked, _ = find_quotes(text, nl)
    return [text[m.start:m.end] for m in marked]


def test_regional_double_comma_style() -> None:
    text = ",,We hebben een ereschuld aan de Groningers,'' zei Segers gisteren. Hij bleef erbij."
    assert _texts(text) == ["We hebben een ereschuld aan de Groningers"]


def test_apostrophes_in_words_are_not_marks() -> None:
    text = "Zo'n vijftig auto's stonden 's avonds bij Hoekstra's garage. 'Dat is veel', zegt hij."
    assert _texts(text) == ["Dat is veel"]


def test_an_unpaired_mark_skips_only_its_quote() -> None:
    text = "“Dit citaat sluit nooit, zegt Jan.\n\nDaarna sprak Piet. “Dit wel”, zegt hij."
    marked, issues = find_quotes(text, nl)
    assert [text[m.start:m.end] for m in marked] == ["Dit wel"]
    assert len(issues) == 1 and issues[0].position == 0


def test_a_quote_over_two_paragraphs_is_two_parts() -> None:
    text = "“Eerste deel van het citaat.\n\n“Tweede deel van hetzelfde citaat.”"
    marked, issues = find_quotes(text, nl)
    assert [m.continues_previous for m in marked] == [False, True]
    assert not issues
