"""ingest.build.build_article: RawArticle -> Article with a stable id, warnings kept beside it."""

from __future__ import annotations

import pytest

from duiding.errors import EmptyArticleError, MalformedDateError
from duiding.ingest import OutletTable, Overrides, article_id, build_article
from duiding.records import Outlet, Published, RawArticle, Removed

BODY = (
    "De gemeente Utrecht bouwt een nieuwe fietsenstalling bij het centraal station.\n\n"
    "Er komen plekken voor vijfduizend fietsen, verdeeld over twee verdiepingen onder het plein."
)


def _raw(body: str = BODY, **kw) -> RawArticle:
    kw.setdefault("source", "stalling.txt")
    kw.setdefault("origin", "/data/stalling.txt")
    return RawArticle(body=body, **kw)


def _build(raw: RawArticle, overrides: Overrides | None = None):
    return build_article(raw, OutletTable(), overrides or Overrides())


# --- ids ------------------------------------------------------------------------------------


def test_same_text_from_another_origin_has_the_same_id():
    a = _build(_raw(source="a.txt", origin="/map1/a.txt")).article
    b = _build(_raw(source="export.jsonl#7", origin="/map2/export.jsonl#7", title="Andere kop",
                    url="https://nos.nl/artikel/1")).article
    assert a.id == b.id
    assert a.origin != b.origin


def test_different_text_has_a_different_id():
    a = _build(_raw()).article
    b = _build(_raw(BODY.replace("vijfduizend", "zesduizend"))).article
    assert a.id != b.id


@pytest.mark.parametrize(
    "variant",
    [
        "  " + BODY + "  \n",
        BODY.replace(" ", "  "),
        BODY.replace(" ", "\u00a0"),
        BODY.replace("\n\n", "\n\n\n\n"),
        BODY.replace("\n\n", "\r\n\r\n"),
        BODY.replace("bouwt een", "bouwt\teen"),
    ],
    ids=["outer-space", "double-spaces", "nbsp", "extra-blank-lines", "crlf", "tab"],
)
def test_whitespace_only_differences_give_the_same_id(variant):
    assert _build(_raw(variant)).article.id == _build(_raw()).article.id


def test_furniture_does_not_change_the_id():
    with_caption = BODY.replace("\n\n", "\n\nHet plein voor het station. Beeld ANP\n\n") + "\n\nDeel artikel:"
    assert _build(_raw(with_caption)).article.id == _build(_raw()).article.id


def test_id_is_article_id_of_the_cleaned_text():
    article = _build(_raw()).article
    assert article.id == article_id(article.text)
    assert len(article.id) == 16
    assert all(c in "0123456789abcdef" for c in article.id)


# --- empty bodies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("", "empty"),
        ("   \n\n\t ", "empty"),
        ("Deel artikel:", "after removing page furniture"),
        ("Binnenland\n\nDeel artikel:", "after removing page furniture"),
        ("De minister in Brussel. Beeld ANP", "after removing page furniture"),
        ("Volledig scherm Rook boven de haven. © AFP\n\nDeel dit artikel", "after removing page furniture"),
        ("— … —", "empty"),
    ],
    ids=["empty", "whitespace", "share-line", "section-and-share", "caption-only", "viewer-and-share",
         "punctuation-only"],
)
def test_empty_or_furniture_only_body_raises(body, what):
    with pytest.raises(EmptyArticleError) as info:
        _build(_raw(body))
    assert "stalling.txt" in str(info.value)
    assert what in str(info.value)
    assert info.value.code == "empty"


# --- metadata -------------------------------------------------------------------------------


def test_metadata_is_resolved():
    built = _build(_raw(BODY + "\n\nBinnenland\n\nDeel artikel:", title="  Nieuwe   stalling bij station ",
                        url="https://www.nos.nl/artikel/1", published="2024-06-19T21:55:01+0200",
                        language="nl"))
    article = built.article
    assert article.text == BODY
    assert article.title == "Nieuwe stalling bij station"
    assert article.url == "https://www.nos.nl/artikel/1"
    assert article.outlet == Outlet("nos.nl", "NOS")
    assert article.published == Published("2024-06-19T21:55:01+02:00", "second", "+02:00")
    assert article.section == "Binnenland"
    assert [r.kind for r in article.removed] == ["section", "trailer"]
    assert built.declared_language == "nl"
    assert article.language is None  # detection decides later unless the user forces it
    assert built.warnings == []


def test_malformed_date_is_a_warning_and_the_article_is_kept_without_date():
    built = _build(_raw(published="gisteren morgen"))
    assert built.article.published is None
    assert built.article.text == BODY
    assert len(built.warnings) == 1
    (warning,) = built.warnings
    assert warning.severity == "warning"
    assert warning.code == "date"
    assert "gisteren morgen" in warning.reason
    assert warning.origin == "/data/stalling.txt"


def test_month_date_keeps_month_precision():
    assert _build(_raw(published="2023-09")).article.published == Published("2023-09", "month")


def test_overrides_win():
    raw = _raw(title="Kop uit de bron", outlet="nos", published="2020-01-01", language="de",
               url="https://www.ad.nl/utrecht/a")
    overrides = Overrides(outlet="vk", published="2023-09", language="nl", title="Kop van de gebruiker")
    article = _build(raw, overrides).article
    assert article.title == "Kop van de gebruiker"
    assert article.outlet == Outlet("volkskrant.nl", "de Volkskrant")
    assert article.published == Published("2023-09", "month")
    assert article.language == "nl"


def test_explicit_outlet_beats_url_and_sitename_is_the_last_resort():
    assert _build(_raw(outlet="trouw", url="https://nos.nl/a")).article.outlet == Outlet("trouw.nl", "Trouw")
    assert _build(_raw(url="https://nos.nl/a", extra={"sitename": "Het Dijkblad"})).article.outlet == Outlet(
        "nos.nl", "NOS")
    assert _build(_raw(extra={"sitename": "Het Dijkblad"})).article.outlet == Outlet("het-dijkblad", "Het Dijkblad")
    assert _build(_raw()).article.outlet is None


def test_malformed_override_date_is_an_error_not_a_warning():
    with pytest.raises(MalformedDateError):
        _build(_raw(published="2024-06-19"), Overrides(published="ergens in de zomer"))


def test_short_body_is_kept_with_a_warning():
    built = _build(_raw("Brand in Zwolle."))
    assert built.article.text == "Brand in Zwolle."
    assert [(w.code, w.severity) for w in built.warnings] == [("short", "warning")]


def test_removed_furniture_travels_with_the_article():
    raw_body = "UpdateDe trein rijdt weer tussen Utrecht en Arnhem.\n\nReizigers op het perron. Beeld ANP\n\n" \
               "NS verwacht geen nieuwe vertragingen."
    article = _build(_raw(raw_body)).article
    assert article.text == "De trein rijdt weer tussen Utrecht en Arnhem.\n\nNS verwacht geen nieuwe vertragingen."
    assert article.removed == (
        Removed("update-prefix", "Update", 0),
        Removed("caption", "Reizigers op het perron. Beeld ANP", raw_body.index("Reizigers")),
    )
