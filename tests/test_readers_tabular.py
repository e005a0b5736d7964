"""ingest.tabular: JSON, JSON Lines and CSV files of many articles, one Failure per bad record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duiding.errors import MalformedRecordError, MissingColumnError
from duiding.ingest.tabular import read_csv, read_json, read_jsonl, resolve_columns
from duiding.records import Failure, RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines(keepends=True)


# --- JSON -----------------------------------------------------------------------------------


def test_read_json_list_of_objects_with_varied_column_names():
    text = (FIXTURES / "artikelen.json").read_text(encoding="utf-8")
    items = list(read_json(text, source="artikelen.json", origin="/data/artikelen.json"))
    assert all(isinstance(i, RawArticle) for i in items)
    first, second = items
    assert first.title == "Zwembad De Vijverberg gaat eerder open"
    assert first.body.startswith("Het openluchtzwembad De Vijverberg in Ede opent")
    assert "\n\nHet bestuur wil inspelen" in first.body
    assert first.published == "2024-04-02"
    assert first.url == "https://www.ad.nl/ede/zwembad-vijverberg-eerder-open"
    assert first.origin == "/data/artikelen.json#1"
    assert first.source == "artikelen.json#1"
    # headline / body / datum / krant are recognised as title / text / published / outlet
    assert second.title == "Provincie trekt geld uit voor laadpalen"
    assert second.body.startswith("De provincie Gelderland trekt vier miljoen euro uit")
    assert second.published == "april 2024"
    assert second.outlet == "de Gelderlander"
    assert second.origin == "/data/artikelen.json#2"


def test_read_json_object_wrapping_an_articles_list():
    text = (FIXTURES / "artikelen_omhuld.json").read_text(encoding="utf-8")
    items = list(read_json(text, source="omhuld.json", origin="/data/omhuld.json"))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    assert [i.title for i in items] == ["Markthal krijgt nieuwe huurders", "Haven meldt recordaantal containers"]
    assert items[0].body == "In de Markthal in Rotterdam openen deze zomer vier nieuwe kramen."
    assert items[0].published == "2023-06-01T10:00:00+02:00"
    assert [i.source for i in items] == ["omhuld.json#a-17", "omhuld.json#a-18"]


def test_read_json_single_article_object():
    text = json.dumps({"title": "Eén stuk", "text": "Alleen dit ene artikel."})
    (item,) = read_json(text, source="een.json", origin="/een.json")
    assert isinstance(item, RawArticle)
    assert item.title == "Eén stuk"
    assert item.body == "Alleen dit ene artikel."


def test_read_json_non_object_records_become_failures():
    items = list(read_json('[{"text": "Goed."}, 42, "los"]', source="mix.json", origin="/mix.json"))
    assert isinstance(items[0], RawArticle)
    assert [(i.code, i.origin) for i in items[1:]] == [("record", "/mix.json#2"), ("record", "/mix.json#3")]


@pytest.mark.parametrize("text", ['{"title": "kapot", ', '"alleen een string"', "12"])
def test_read_json_unusable_file_raises_malformed_record(text):
    with pytest.raises(MalformedRecordError) as info:
        list(read_json(text, source="kapot.json", origin="/kapot.json"))
    assert "kapot.json" in str(info.value)


# --- JSON Lines -----------------------------------------------------------------------------


def test_read_jsonl_bad_line_and_missing_text_are_failures_and_the_rest_is_read():
    items = list(read_jsonl(_lines("dpg_export.jsonl"), source="dpg_export.jsonl", origin="/data/dpg_export.jsonl"))
    articles = [i for i in items if isinstance(i, RawArticle)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.title for a in articles] == ["Gemeente Tilburg plant meer groen", "Nieuwe school in Breda"]
    assert len(failures) == 2

    bad_json, no_text = failures
    assert bad_json.code == "record"
    assert bad_json.origin == "/data/dpg_export.jsonl#2"
    assert "line 2" in bad_json.reason
    assert bad_json.severity == "error"

    assert no_text.code == "column"
    assert no_text.origin == "/data/dpg_export.jsonl#3"
    assert "line 3" in no_text.reason
    assert "title" in no_text.reason  # says which fields the record does have


def test_dpg_like_records_map_published_at_id_and_publisher():
    items = list(read_jsonl(_lines("dpg_export.jsonl"), source="file.jsonl", origin="/data/file.jsonl"))
    first = items[0]
    assert isinstance(first, RawArticle)
    assert first.source == "file.jsonl#1"
    assert first.origin == "/data/file.jsonl#1"
    assert first.published == "2019-02-12"
    assert first.title == "Gemeente Tilburg plant meer groen"
    assert first.body == "De gemeente Tilburg wil de komende vijf jaar duizend bomen planten in de binnenstad."
    assert first.outlet == "bd"
    last = items[-1]
    assert isinstance(last, RawArticle)
    assert last.source == "file.jsonl#4"
    assert last.origin == "/data/file.jsonl#5"  # line 5: the blank line 4 still counts
    assert last.published == "2019-02-14"


def test_read_jsonl_passes_decoder_failures_through():
    decoder_failure = Failure(source="x.jsonl", origin="/x.jsonl#1", code="encoding",
                              reason="x.jsonl line 1: not utf-8")
    items = list(read_jsonl([decoder_failure, '{"text": "Tweede regel."}\n'], source="x.jsonl", origin="/x.jsonl"))
    assert items[0] is decoder_failure
    assert isinstance(items[1], RawArticle)
    assert items[1].origin == "/x.jsonl#2"


# --- CSV ------------------------------------------------------------------------------------


def test_read_csv_comma_with_quoted_multiline_body():
    items = list(read_csv(_lines("artikelen_komma.csv"), source="komma.csv", origin="/data/komma.csv"))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    first, second = items
    assert first.title == "Nieuwe bibliotheek in Almere geopend"
    assert first.body == (
        "De nieuwe bibliotheek in het centrum van Almere is zaterdag geopend door de burgemeester. "
        "Honderden bezoekers kwamen kijken.\n\n"
        "Het gebouw heeft vijf verdiepingen, een leescafé en een makerspace voor jongeren."
    )
    assert first.published == "2024-02-10"
    assert first.outlet == "nos"
    assert first.source == "komma.csv#101"
    assert second.published == "2024-02-11T14:20:00+01:00"
    assert second.outlet == "de Volkskrant"


def test_read_csv_semicolon_delimiter_with_commas_inside_fields():
    items = list(read_csv(_lines("artikelen_puntkomma.csv"), source="pk.csv", origin="/data/pk.csv"))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    first, second = items
    assert first.title == "Markt in Gouda trekt veel toeristen"  # kop
    assert first.body == (
        "De kaasmarkt in Gouda trok donderdag, ondanks de kou, ruim drieduizend bezoekers. "
        "Marktmeesters, kaasdragers en handelaren waren tevreden.\n"
        "Volgende week is de laatste markt van het seizoen."
    )
    assert first.published == "14-09-2023"  # datum
    assert first.outlet == "AD"  # krant
    assert first.origin == "/data/pk.csv#2"
    assert second.title == "Dijkversterking bij Gorinchem uitgesteld"
    assert second.published == "september 2023"
    assert second.origin == "/data/pk.csv#3"


def test_read_csv_tab_separated():
    lines = ["titel\ttekst\n", "Kop een\tDe raad, de burgemeester; en de wethouders.\n",
             "Kop twee\tTweede tekst.\n"]
    items = list(read_csv(lines, source="a.tsv", origin="/a.tsv"))
    assert [i.body for i in items] == ["De raad, de burgemeester; en de wethouders.", "Tweede tekst."]


def test_csv_without_text_column_names_the_columns_found():
    lines = ["titel,datum,auteur\n", "Een kop,2024-01-02,Jan\n"]
    with pytest.raises(MissingColumnError) as info:
        list(read_csv(lines, source="zonder.csv", origin="/zonder.csv"))
    message = str(info.value)
    assert "zonder.csv" in message
    assert "titel, datum, auteur" in message
    assert "--column text=" in message
    assert info.value.code == "column"


def test_column_override_picks_the_named_body_column():
    lines = ["titel,inhoud_body,tekst\n", "Kop,De echte tekst van het artikel.,samenvatting\n"]
    (item,) = read_csv(lines, source="o.csv", origin="/o.csv", columns={"text": "inhoud_body"})
    assert isinstance(item, RawArticle)
    assert item.body == "De echte tekst van het artikel."
    assert item.title == "Kop"


def test_column_override_that_is_missing_says_so():
    lines = ["titel,tekst\n", "Kop,Tekst.\n"]
    with pytest.raises(MissingColumnError, match="inhoud_body") as info:
        list(read_csv(lines, source="o.csv", origin="/o.csv", columns={"text": "inhoud_body"}))
    assert "titel, tekst" in str(info.value)


def test_column_override_works_for_json_records():
    text = json.dumps([{"kopregel": "Kop", "inhoud_body": "Tekst uit een eigen kolom.", "text": "niet deze"}])
    (item,) = read_json(text, source="o.json", origin="/o.json", columns={"text": "inhoud_body", "title": "kopregel"})
    assert item.body == "Tekst uit een eigen kolom."
    assert item.title == "Kop"


def test_resolve_columns_is_case_insensitive():
    mapping = resolve_columns(["Titel", "TEKST", "Published_At"])
    assert mapping == {"title": "Titel", "text": "TEKST", "published": "Published_At"}


def test_empty_values_become_none():
    lines = ["title,text,date\n", ',"Tekst zonder kop of datum.",  \n']
    (item,) = read_csv(lines, source="leeg.csv", origin="/leeg.csv")
    assert item.title is None
    assert item.published is None
    assert item.body == "Tekst zonder kop of datum."
