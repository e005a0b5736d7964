"""ingest.feed.read_feed: RSS and Atom through the real feedparser.

The only test double is a small ``fetch`` callable standing in for the network; a socket
tripwire makes sure nothing is downloaded when no fetch is given.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from duiding.errors import FetchError, MalformedRecordError
from duiding.ingest.feed import read_feed
from duiding.records import Failure, RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GEMAAL_URL = "https://www.polderpost.nl/nieuws/gemaal-lely-draait-weer"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the feed reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _items(name: str, fetch=None) -> list[RawArticle | Failure]:
    data = (FIXTURES / name).read_bytes()
    return list(read_feed(data, source=name, origin=f"/feeds/{name}", fetch=fetch))


def _articles(items) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


# --- RSS ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
def test_rss_entries_become_raw_articles():
    items = _items("polderpost.rss")
    assert all(isinstance(i, RawArticle) for i in items)
    assert [a.title for a in items] == [
        "Gemaal Lely draait weer na storing",
        "Nieuwe fietsbrug over de Hoornse Vaart geopend",
        "Kermis Schagen gaat door ondanks regen",
    ]
    assert [a.url for a in items] == [
        GEMAAL_URL,
        "https://www.polderpost.nl/nieuws/fietsbrug-hoornse-vaart",
        "https://www.polderpost.nl/nieuws/kermis-schagen",
    ]
    assert [a.published for a in items] == [
        "Tue, 05 Mar 2024 08:30:00 +0100",
        "Mon, 04 Mar 2024 16:05:00 +0100",
        "Sun, 03 Mar 2024 12:00:00 +0100",
    ]
    assert [a.origin for a in items] == [f"/feeds/polderpost.rss#{n}" for n in (1, 2, 3)]
    assert items[0].language == "nl"


@pytest.mark.usefixtures("no_network")
def test_rss_content_encoded_html_becomes_plain_paragraphs():
    first = _items("polderpost.rss")[0]
    assert first.body == (
        "Het historische gemaal Lely bij Medemblik pompt sinds maandagavond weer water uit de polder. "
        "Een kapotte schakelkast had de pompen twee dagen lang stilgelegd.\n\n"
        "Monteurs van het waterschap werkten het hele weekend door om een nieuwe schakelkast te plaatsen. "
        "„Het waterpeil is nergens gevaarlijk hoog geworden”, meldt een woordvoerder."
    )
    assert "<" not in first.body
    assert "strong" not in first.body


@pytest.mark.usefixtures("no_network")
def test_rss_list_items_become_paragraphs():
    second = _items("polderpost.rss")[1]
    assert second.body.split("\n\n") == [
        "Wethouder Sanne de Ruijter heeft maandagmiddag de nieuwe fietsbrug over de Hoornse Vaart geopend.",
        "De brug verbindt twee woonwijken en scheelt scholieren een omweg van bijna twee kilometer.",
        "Lengte: 48 meter",
        "Kosten: 2,1 miljoen euro",
    ]


@pytest.mark.usefixtures("no_network")
def test_rss_entry_without_content_uses_description():
    third = _items("polderpost.rss")[2]
    assert third.body == "De kermis in Schagen gaat dit weekend gewoon door, ondanks de voorspelde regenbuien."


# --- Atom -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
def test_atom_entries_become_raw_articles():
    items = _items("rivierenland.atom")
    assert len(items) == 2
    assert all(isinstance(i, RawArticle) for i in items)
    first, second = items
    assert first.title == "Veerpont Brakel weer in de vaart"
    assert first.url == "https://rivierenlandvandaag.nl/artikel/veerpont-brakel"
    assert first.published == "2024-05-21T06:45:00+02:00"  # published wins over updated
    assert first.body == (
        "Na drie weken onderhoud vaart de veerpont tussen Brakel en Herwijnen sinds dinsdagochtend weer.\n\n"
        "De pont kreeg een nieuwe motor die minder brandstof verbruikt en stiller is."
    )
    assert second.published == "2024-05-20T14:30:00+02:00"  # only <updated> given
    assert second.url == "https://rivierenlandvandaag.nl/artikel/kersenpluk"
    assert "<p>" not in second.body
    assert first.language == "nl"


# --- HTML in entry content ------------------------------------------------------------------


def _rss_with_content(html: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Testkrant</title><link>https://testkrant.example/</link><description>x</description>"
        "<item><title>Stuk</title><link>https://testkrant.example/stuk</link>"
        f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
        "</channel></rss>"
    ).encode()


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        ("<p>De dijk houdt.</p><p>Het water zakt.</p>", ["De dijk houdt.", "Het water zakt."]),
        ("<h2>Tussenkop</h2><p>De tekst eronder.</p>", ["Tussenkop", "De tekst eronder."]),
        ("<p>Intro van het stuk.</p><blockquote><p>„Dit is een citaat.”</p></blockquote>",
         ["Intro van het stuk.", "„Dit is een citaat.”"]),
        ("<ul><li><p>Punt een.</p></li><li><p>Punt twee.</p></li></ul>", ["Punt een.", "Punt twee."]),
        ("<p>Eerste alinea.</p>Losse tekst zonder alinea-element.", ["Eerste alinea.",
                                                                     "Losse tekst zonder alinea-element."]),
    ],
    ids=["paragraphs", "heading", "blockquote-with-p", "list-with-p", "loose-text-after-p"],
)
def test_entry_html_becomes_plain_paragraphs_without_loss_or_duplication(html, paragraphs):
    (article,) = read_feed(_rss_with_content(html), source="test.rss", origin="/test.rss")
    assert isinstance(article, RawArticle)
    assert article.body.split("\n\n") == paragraphs


@pytest.mark.usefixtures("no_network")
def test_line_break_in_entry_html_does_not_glue_words():
    (article,) = read_feed(_rss_with_content("Tekst met<br>een regelafbreking erin."),
                           source="test.rss", origin="/test.rss")
    assert "meteen" not in article.body
    assert article.body.split() == ["Tekst", "met", "een", "regelafbreking", "erin."]


# --- fetching -------------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
def test_without_fetch_nothing_is_downloaded_and_feed_text_is_used():
    items = _items("polderpost.rss", fetch=None)
    assert not any(isinstance(i, Failure) for i in items)
    assert items[0].body.startswith("Het historische gemaal Lely")
    assert items[0].source == "polderpost.rss#1"


@pytest.mark.usefixtures("no_network")
def test_fetch_error_gives_warning_and_still_the_feed_article():
    asked: list[str] = []

    def offline(url: str) -> str:
        asked.append(url)
        raise FetchError(f"{url}: could not download (offline)")

    items = _items("polderpost.rss", fetch=offline)
    failures = [i for i in items if isinstance(i, Failure)]
    articles = _articles(items)
    assert asked == [a.url for a in articles]  # every teaser-length entry was followed
    assert len(articles) == 3
    assert len(failures) == 3
    for failure, article in zip(failures, articles, strict=True):
        assert failure.severity == "warning"
        assert failure.code == "fetch"
        assert failure.origin == article.origin
        assert "offline" in failure.reason
    assert articles[0].body.startswith("Het historische gemaal Lely bij Medemblik")
    assert articles[0].title == "Gemaal Lely draait weer na storing"
    # the warning comes before the article it belongs to
    assert items.index(failures[0]) < items.index(articles[0])


@pytest.mark.usefixtures("no_network")
def test_fetched_page_body_replaces_the_teaser():
    page = (FIXTURES / "polderpost_gemaal.html").read_text(encoding="utf-8")

    def fetch(url: str) -> str:
        if url == GEMAAL_URL:
            return page
        raise FetchError(f"{url}: HTTP 404 Not Found")

    items = _items("polderpost.rss", fetch=fetch)
    articles = _articles(items)
    gemaal = articles[0]
    assert "Het onderdeel moest uit Duitsland komen" in gemaal.body  # only on the page
    assert "rijksmonument" in gemaal.body
    assert len(gemaal.body) > len(_items("polderpost.rss")[0].body)
    assert "Weerbericht voor de kop van Noord-Holland" not in gemaal.body  # page navigation
    assert gemaal.title == "Gemaal Lely draait weer na storing"
    assert gemaal.url == GEMAAL_URL
    assert gemaal.published == "Tue, 05 Mar 2024 08:30:00 +0100"
    assert gemaal.origin == "/feeds/polderpost.rss#1"
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.origin for f in failures] == ["/feeds/polderpost.rss#2", "/feeds/polderpost.rss#3"]
    assert all(f.severity == "warning" for f in failures)


@pytest.mark.usefixtures("no_network")
def test_fetched_page_without_article_gives_warning_and_feed_text():
    def fetch(url: str) -> str:
        return "<html><body><div></div></body></html>"

    items = _items("rivierenland.atom", fetch=fetch)
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.code for f in failures] == ["html", "html"]
    assert all(f.severity == "warning" for f in failures)
    assert _articles(items)[0].body.startswith("Na drie weken onderhoud vaart de veerpont")


# --- not a feed -----------------------------------------------------------------------------


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize(
    "data",
    [
        (FIXTURES / "geen_feed.xml").read_bytes(),
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Leeg</title></channel></rss>',
        b"Dit is helemaal geen XML.",
    ],
    ids=["catalogue-xml", "feed-without-entries", "plain-text"],
)
def test_non_feed_raises_malformed_record(data):
    with pytest.raises(MalformedRecordError) as info:
        list(read_feed(data, source="bestand.xml", origin="/bestand.xml"))
    assert "bestand.xml" in str(info.value)
    assert info.value.code == "record"
