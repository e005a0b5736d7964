"""ingest.text.read_text: the plain-text layouts users actually have."""

from __future__ import annotations

from pathlib import Path

import pytest

from duiding.ingest.text import read_text
from duiding.records import RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _read(text: str, name: str = "artikel.txt") -> RawArticle:
    articles = list(read_text(text, source=name, origin=f"/data/{name}"))
    assert len(articles) == 1
    return articles[0]


def test_date_prefix_with_body_on_the_same_line():
    text = (FIXTURES / "maand_export.txt").read_text(encoding="utf-8")
    article = _read(text, "maand_export.txt")
    assert article.published == "2023-09"
    assert article.body.startswith("De gemeenteraad van Leeuwarden heeft ingestemd")
    assert "date" not in article.body.split()[0:2]
    assert article.body.rstrip().endswith("wil de raad de regeling daarna voortzetten.")
    assert article.title is None
    assert article.url is None
    assert article.source == "maand_export.txt"
    assert article.origin == "/data/maand_export.txt"


@pytest.mark.parametrize(("line", "published"), [
    (" date 2019-02-12 Het nieuws van de dag.", "2019-02-12"),
    ("date 2023 Het nieuws van het jaar.", "2023"),
])
def test_date_prefix_precisions(line, published):
    article = _read(line)
    assert article.published == published
    assert article.body.startswith("Het nieuws van")


def test_title_timestamp_url_header():
    text = (FIXTURES / "kop_tijd_url.txt").read_text(encoding="utf-8")
    article = _read(text, "kop_tijd_url.txt")
    assert article.title == "Veerdienst naar Vlieland vaart weer volgens dienstregeling"
    assert article.published == "2024-06-19T21:55:01+0200"
    assert article.url == "https://nos.nl/artikel/2525001-veerdienst-vlieland"
    body = article.body.strip()
    assert body.startswith("De veerdienst tussen Harlingen en Vlieland")
    assert body.endswith("bijna twee keer zo lang duurde.")
    assert "https://" not in article.body
    assert article.title not in article.body


def test_header_lines_after_the_title_may_come_in_any_order():
    text = "Kop van het stuk\nhttps://www.trouw.nl/a/1\n2024-06-19\n\nDe tekst van het stuk.\n"
    article = _read(text)
    assert article.title == "Kop van het stuk"
    assert article.url == "https://www.trouw.nl/a/1"
    assert article.published == "2024-06-19"
    assert article.body.strip() == "De tekst van het stuk."


@pytest.mark.parametrize("ending", ["\n", ""], ids=["with-final-newline", "without-final-newline"])
def test_title_and_url_only(ending):
    text = "Raad stemt in met nieuw fietsplan\nhttps://nos.nl/artikel/123" + ending
    article = _read(text)
    assert article.title == "Raad stemt in met nieuw fietsplan"
    assert article.url == "https://nos.nl/artikel/123"
    assert article.published is None
    assert article.body.strip() == ""


def test_title_and_url_with_body():
    text = "Raad stemt in met nieuw fietsplan\nhttps://nos.nl/artikel/123\n\nDe raad stemde unaniem in.\n"
    article = _read(text)
    assert article.title == "Raad stemt in met nieuw fietsplan"
    assert article.url == "https://nos.nl/artikel/123"
    assert article.body.strip() == "De raad stemde unaniem in."


def test_no_header_whole_file_is_body():
    text = (FIXTURES / "zonder_kop.txt").read_text(encoding="utf-8")
    article = _read(text, "zonder_kop.txt")
    assert article.body == text
    assert article.title is None
    assert article.published is None
    assert article.url is None


def test_long_prose_first_line_is_not_a_title():
    first = (
        "De gemeente Groningen gaat de komende jaren honderden extra woningen bouwen op het terrein van "
        "de oude suikerfabriek, zo heeft de gemeenteraad woensdagavond besloten na een debat dat tot diep in "
        "de nacht duurde en waarin vooral de hoogte van de geplande torens en het aantal sociale huurwoningen "
        "het onderwerp van gesprek waren, want omwonenden vrezen voor hun uitzicht en voor de drukte."
    )
    assert len(first) > 300
    text = f"{first}\nhttps://www.dvhn.nl/groningen/suikerfabriek\n\nDe bouw begint in 2026.\n"
    article = _read(text)
    assert article.title is None
    assert article.body == text


def test_prose_lines_without_timestamp_or_url_are_not_a_header():
    text = "De raad vergaderde gisteren.\nHet ging over de begroting.\n\nDaarna volgde een stemming.\n"
    article = _read(text)
    assert article.title is None
    assert article.body == text


def test_header_must_end_in_a_blank_line():
    text = "Korte kop\n2024-06-19\nDe tekst begint meteen zonder witregel.\n"
    article = _read(text)
    assert article.title is None
    assert article.published is None
    assert article.body == text


def test_header_with_bom_and_crlf():
    text = "\ufeffKop met BOM\r\n2024-06-19\r\n\r\nDe tekst.\r\n"
    article = _read(text)
    assert article.title == "Kop met BOM"
    assert article.published == "2024-06-19"
    assert article.body.strip() == "De tekst."
