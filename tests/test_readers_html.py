"""ingest.html.read_html on saved news pages; trafilatura runs for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from duiding.errors import BrokenHTMLError
from duiding.ingest.dates import parse_published
from duiding.ingest.html import read_html
from duiding.records import RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _read(name: str, url: str | None = None) -> RawArticle:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    articles = list(read_html(html, source=name, origin=str(FIXTURES / name), url=url))
    assert len(articles) == 1
    return articles[0]


ARTICLE_SENTENCES = [
    "Het waterschap Drents Overijsselse Delta heeft donderdagochtend de dijkweg tussen Zalk en Veecaten",
    "„We nemen het zekere voor het onzekere”, zegt zij.",
    "Agrariërs die hun land aan de rivierkant hebben liggen",
    "Het waterschap verwacht binnen twee weken te kunnen beginnen met het herstel.",
]
FURNITURE = [
    "cookies",  # cookie banner
    "Alle cookies accepteren",
    "Voorpagina",  # navigation
    "Sportuitslagen van het weekend",
    "Word nu abonnee",
    "Alle rechten voorbehouden",  # footer
    "nieuwsbrief",
    "Vrijwilligers vullen zandzakken",  # "Lees ook" aside
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_body_has_the_article_paragraphs(sentence):
    assert sentence in _read("nieuwspagina.html").body


@pytest.mark.parametrize("furniture", FURNITURE)
def test_body_has_no_page_furniture(furniture):
    assert furniture not in _read("nieuwspagina.html").body


def test_paragraphs_stay_in_order_and_separate():
    body = _read("nieuwspagina.html").body
    positions = [body.index(s) for s in ARTICLE_SENTENCES]
    assert positions == sorted(positions)
    lines = [line for line in body.splitlines() if line.strip()]
    assert any(line.startswith("Agrariërs die hun land") for line in lines)


def test_title_timestamp_url_language_and_site():
    article = _read("nieuwspagina.html")
    assert article.title == "Waterschap sluit dijkweg bij Zalk na vondst van scheuren"
    assert article.published == "2024-03-14T07:42:10+01:00"
    assert article.url == "https://www.dijkblad.nl/regio/waterschap-sluit-dijkweg-bij-zalk"
    assert article.language == "nl"
    assert article.extra.get("sitename") == "Het Dijkblad"
    assert article.source == "nieuwspagina.html"


def test_declared_timestamp_keeps_second_precision_and_zone():
    published = parse_published(_read("nieuwspagina.html").published)
    assert published is not None
    assert published.precision == "second"
    assert published.timezone == "+01:00"
    assert published.iso == "2024-03-14T07:42:10+01:00"


def test_jsonld_date_published():
    article = _read("jsonld_pagina.html")
    assert article.published == "2023-07-02T09:15:00+02:00"  # not dateModified
    assert article.title == "Bibliotheek Deventer verlengt openingstijden in de zomer"
    assert "scholieren en studenten een koele plek" in article.body
    assert "Contact met de redactie" not in article.body
    assert "Adverteren" not in article.body
    assert article.language == "nl"  # from lang="nl-NL"


def test_given_url_is_kept_when_page_has_no_canonical():
    article = _read("jsonld_pagina.html", url="https://stadsnieuws.example/bibliotheek")
    assert article.url == "https://stadsnieuws.example/bibliotheek"


def test_time_tag_is_used_when_there_is_no_meta():
    paragraphs = "".join(
        f"<p>{s} De raad van de gemeente Zwolle vergaderde tot laat in de avond over de nieuwe begroting.</p>"
        for s in ("Eerst sprak de burgemeester.", "Daarna de wethouder.", "Tot slot de oppositie.")
    )
    html = (
        '<html lang="nl"><head><title>Raad Zwolle</title></head><body><article><h1>Raad Zwolle</h1>'
        f'<time datetime="2022-11-08T20:30">8 november</time>{paragraphs}</article></body></html>'
    )
    article = next(read_html(html, source="raad.html", origin="/raad.html"))
    assert article.published == "2022-11-08T20:30"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div></div></body></html>",
        "<html><head><title>Nieuws</title></head><body><div class=\"artikel\"><p",
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"></head><body>",
        "<html><body><nav><a href=\"/\">Home</a></nav></body></html>",
        "<",
    ],
    ids=["empty-div", "truncated", "head-only", "nav-only", "lone-bracket"],
)
def test_page_without_article_text_raises_broken_html(html):
    with pytest.raises(BrokenHTMLError) as info:
        list(read_html(html, source="stuk.html", origin="/stuk.html"))
    assert "stuk.html" in str(info.value)
    assert info.value.code == "html"


@pytest.mark.parametrize(
    "text",
    [
        "Dit is gewoon een tekst zonder enige opmaak.\n\nEen tweede alinea over de gemeenteraad.",
        "",
    ],
    ids=["plain-text", "empty"],
)
def test_plain_text_passed_as_html_raises_broken_html(text):
    with pytest.raises(BrokenHTMLError, match="does not look like HTML"):
        list(read_html(text, source="tekst.html", origin="/tekst.html"))
