"""ingest.sources: finding inputs and choosing the reader; every problem is one Failure, never an exception."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from duiding.ingest import ReadOptions, Source, discover, read_source
from duiding.records import Failure, RawArticle

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OFFLINE = ReadOptions(fetch=False)


def _read(path: Path, options: ReadOptions = OFFLINE) -> list[RawArticle | Failure]:
    return list(read_source(Source(str(path)), options))


def _copy(name: str, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / name, dest)
    return dest


# --- discover -------------------------------------------------------------------------------


def test_discover_walks_folders_and_skips_hidden_files_sidecars_and_databases(tmp_path):
    root = tmp_path / "nieuws"
    _copy("zonder_kop.txt", root / "a.txt")
    (root / "a.meta.json").write_text('{"title": "Kop"}', encoding="utf-8")
    _copy("nieuwspagina.html", root / "2024" / "maart" / "pagina.html")
    _copy("dpg_export.jsonl", root / "2024" / "export.jsonl")
    (root / ".verborgen.txt").write_text("geheim", encoding="utf-8")
    (root / ".git" / "objects").mkdir(parents=True)
    (root / ".git" / "objects" / "x.txt").write_text("intern", encoding="utf-8")
    (root / "duiding.db").write_bytes(b"SQLite format 3\x00")

    found = list(discover([str(root)]))
    assert all(isinstance(s, Source) for s in found)
    assert sorted(Path(s.location).relative_to(root).as_posix() for s in found) == [
        "2024/export.jsonl",
        "2024/maart/pagina.html",
        "a.txt",
    ]
    assert not any(s.is_url for s in found)


def test_discover_inside_a_hidden_parent_folder_still_finds_files(tmp_path):
    root = tmp_path / ".cache" / "nieuws"
    _copy("zonder_kop.txt", root / "a.txt")
    found = list(discover([str(root)]))
    assert [Path(s.location).name for s in found] == ["a.txt"]


def test_discover_missing_path_is_a_failure_and_the_rest_goes_on(tmp_path):
    present = _copy("zonder_kop.txt", tmp_path / "er.txt")
    missing = tmp_path / "weg.txt"
    found = list(discover([str(missing), str(present)]))
    assert len(found) == 2
    failure, source = found
    assert isinstance(failure, Failure)
    assert failure.code == "unreadable"
    assert failure.origin == str(missing)
    assert "no such file" in failure.reason
    assert source == Source(str(present))


def test_discover_names_a_single_file_and_urls_as_given(tmp_path):
    path = _copy("zonder_kop.txt", tmp_path / "los.txt")
    found = list(discover([str(path), "https://nos.nl/artikel/1"]))
    assert found == [Source(str(path)), Source("https://nos.nl/artikel/1", is_url=True)]
    assert found[1].name == "https://nos.nl/artikel/1"
    assert found[0].name == "los.txt"


# --- choosing the reader --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "name", "titles"),
    [
        ("kop_tijd_url.txt", "artikel.txt", ["Veerdienst naar Vlieland vaart weer volgens dienstregeling"]),
        ("kop_tijd_url.txt", "artikel.md", ["Veerdienst naar Vlieland vaart weer volgens dienstregeling"]),
        ("nieuwspagina.html", "pagina.htm", ["Waterschap sluit dijkweg bij Zalk na vondst van scheuren"]),
        ("polderpost.rss", "feed.rss", ["Gemaal Lely draait weer na storing",
                                        "Nieuwe fietsbrug over de Hoornse Vaart geopend",
                                        "Kermis Schagen gaat door ondanks regen"]),
        ("rivierenland.atom", "feed.xml", ["Veerpont Brakel weer in de vaart", "Kersenpluk begint vroeger dan ooit"]),
        ("jsonld_pagina.html", "pagina.xml", ["Bibliotheek Deventer verlengt openingstijden in de zomer"]),
        ("artikelen_omhuld.json", "export.json", ["Markthal krijgt nieuwe huurders",
                                                  "Haven meldt recordaantal containers"]),
        ("artikelen_komma.csv", "tabel.csv", ["Nieuwe bibliotheek in Almere geopend",
                                              "Trein rijdt weer tussen Zwolle en Kampen"]),
        ("artikelen_puntkomma.csv", "tabel.csv", ["Markt in Gouda trekt veel toeristen",
                                                  "Dijkversterking bij Gorinchem uitgesteld"]),
    ],
    ids=["txt", "md", "htm", "rss", "xml-atom", "xml-html", "json", "csv-comma", "csv-semicolon"],
)
def test_reader_chosen_by_extension(tmp_path, fixture, name, titles):
    items = _read(_copy(fixture, tmp_path / name))
    assert all(isinstance(i, RawArticle) for i in items), items
    assert [i.title for i in items] == titles


@pytest.mark.parametrize(
    ("fixture", "expected_titles"),
    [
        ("kop_tijd_url.txt", ["Veerdienst naar Vlieland vaart weer volgens dienstregeling"]),
        ("nieuwspagina.html", ["Waterschap sluit dijkweg bij Zalk na vondst van scheuren"]),
        ("polderpost.rss", ["Gemaal Lely draait weer na storing", "Nieuwe fietsbrug over de Hoornse Vaart geopend",
                            "Kermis Schagen gaat door ondanks regen"]),
        ("artikelen.json", ["Zwembad De Vijverberg gaat eerder open", "Provincie trekt geld uit voor laadpalen"]),
    ],
    ids=["text", "html", "rss", "json"],
)
def test_reader_chosen_by_sniffing_a_file_without_extension(tmp_path, fixture, expected_titles):
    items = _read(_copy(fixture, tmp_path / "ZONDER_EXTENSIE"))
    assert all(isinstance(i, RawArticle) for i in items), items
    assert [i.title for i in items] == expected_titles


def test_jsonl_without_extension_is_sniffed_as_json_lines(tmp_path):
    path = tmp_path / "export"
    path.write_text('{"id": 7, "text": "Eerste."}\n{"id": 8, "text": "Tweede."}\n', encoding="utf-8")
    items = _read(path)
    assert [(i.source, i.body) for i in items] == [("export#7", "Eerste."), ("export#8", "Tweede.")]


def test_jsonl_file_with_bad_line_yields_failure_with_line_number(tmp_path):
    path = _copy("dpg_export.jsonl", tmp_path / "dpg.jsonl")
    items = _read(path)
    assert [type(i).__name__ for i in items] == ["RawArticle", "Failure", "Failure", "RawArticle"]
    assert items[1].origin == f"{path}#2"
    assert items[1].code == "record"
    assert items[2].code == "column"


def test_legacy_encoded_csv_is_decoded(tmp_path):
    path = tmp_path / "oud.csv"
    path.write_bytes("titel;tekst\nCafé De Kroon dicht;De prijs steeg naar €5 en dat is “te duur”.\n"
                     .encode("cp1252"))
    (item,) = _read(path)
    assert isinstance(item, RawArticle)
    assert item.title == "Café De Kroon dicht"
    assert item.body == "De prijs steeg naar €5 en dat is “te duur”."


def test_utf16_text_file_is_decoded(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Kop in UTF-16\n2024-06-19\n\nDe tekst met ë en €.\n", encoding="utf-16")
    (item,) = _read(path)
    assert isinstance(item, RawArticle)
    assert item.title == "Kop in UTF-16"
    assert "ë en €" in item.body


def test_a_bad_line_late_in_a_large_jsonl_file_is_one_failure(tmp_path):
    lines = [json.dumps({"id": n, "text": f"Artikel {n} over de begroting van de gemeente Zwolle."}).encode()
             for n in range(1, 1501)]
    lines.append(b'{"id": 1501, "text": "Caf\xe9 in Zwolle dicht."}')  # one Latin-1 line after 64 KiB of UTF-8
    lines.append(json.dumps({"id": 1502, "text": "Het laatste artikel."}).encode())
    path = tmp_path / "groot.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert path.stat().st_size > 65536

    items = _read(path)
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(items) == 1502
    assert len(failures) == 1
    assert failures[0].code == "encoding"
    assert failures[0].origin == f"{path}#1501"
    assert items[-1].body == "Het laatste artikel."


# --- sidecars -------------------------------------------------------------------------------


def test_sidecar_overrides_title_outlet_and_published(tmp_path):
    path = _copy("kop_tijd_url.txt", tmp_path / "veer.txt")
    (tmp_path / "veer.meta.json").write_text(
        json.dumps({"title": "Kop uit het zijspan", "outlet": "trouw", "published": "2024-06"}), encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawArticle)
    assert item.title == "Kop uit het zijspan"
    assert item.outlet == "trouw"
    assert item.published == "2024-06"
    assert item.url == "https://nos.nl/artikel/2525001-veerdienst-vlieland"  # not in the sidecar: kept


def test_sidecar_date_alias_and_file_without_extension(tmp_path):
    path = _copy("zonder_kop.txt", tmp_path / "bericht")
    (tmp_path / "bericht.meta.json").write_text('{"date": "19 juni 2024", "lang": "nl"}', encoding="utf-8")
    (item,) = _read(path)
    assert item.published == "19 juni 2024"
    assert item.language == "nl"


def test_sidecar_applies_to_every_record_of_a_multi_record_file(tmp_path):
    path = _copy("artikelen_omhuld.json", tmp_path / "export.json")
    (tmp_path / "export.meta.json").write_text('{"outlet": "AD"}', encoding="utf-8")
    items = _read(path)
    assert [i.outlet for i in items] == ["AD", "AD"]


@pytest.mark.parametrize(
    ("sidecar", "words"),
    [
        ('{"title": "kapot', "not readable JSON"),
        ('["title", "lijst"]', "JSON object"),
        ('{"titel": "Nederlandse sleutel"}', "unknown sidecar fields"),
    ],
    ids=["broken-json", "not-an-object", "unknown-field"],
)
def test_bad_sidecar_gives_a_failure(tmp_path, sidecar, words):
    path = _copy("zonder_kop.txt", tmp_path / "stuk.txt")
    (tmp_path / "stuk.meta.json").write_text(sidecar, encoding="utf-8")
    items = _read(path)
    assert len(items) == 1
    (failure,) = items
    assert isinstance(failure, Failure)
    assert failure.code == "record"
    assert words in failure.reason
    assert "stuk.meta.json" in failure.reason
    assert failure.origin == str(path)


# --- whole-input problems -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read a chmod 000 file, so the failure cannot happen")
def test_unreadable_file_is_one_failure(tmp_path):
    path = _copy("zonder_kop.txt", tmp_path / "geheim.txt")
    path.chmod(0)
    try:
        items = _read(path)
    finally:
        path.chmod(0o644)
    assert len(items) == 1
    assert isinstance(items[0], Failure)
    assert items[0].code == "unreadable"


def test_directory_named_like_a_text_file_is_one_failure(tmp_path):
    folder = tmp_path / "x.txt"
    folder.mkdir()
    items = _read(folder)
    assert len(items) == 1
    (failure,) = items
    assert isinstance(failure, Failure)
    assert failure.code == "unreadable"
    assert failure.source == "x.txt"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "binary"),
        (b"platte tekst\x00\x00\x00met nullen", "binary"),
        (b"Tekst \x81\x8d\x8f\x90\x9d einde", "encoding"),
    ],
    ids=["png", "pdf", "nul-bytes", "undecodable"],
)
def test_non_text_file_named_txt_is_one_failure(tmp_path, data, code):
    path = tmp_path / "bijlage.txt"
    path.write_bytes(data)
    items = _read(path)
    assert len(items) == 1
    (failure,) = items
    assert isinstance(failure, Failure)
    assert failure.code == code
    assert failure.source == "bijlage.txt"
    assert failure.origin == str(path)
    assert failure.severity == "error"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("leeg.json", b"", "record"),
        ("leeg.csv", b"", "column"),
        ("leeg.html", b"", "html"),
        ("leeg.rss", b"", "record"),
        ("geen_tekst.csv", b"titel,datum\nKop,2024-01-01\n", "column"),
        ("kapot.json", b'{"title": ', "record"),
        ("catalogus.rss", (FIXTURES / "geen_feed.xml").read_bytes(), "record"),
        ("lege_pagina.html", b"<html><body><div></div></body></html>", "html"),
    ],
)
def test_unusable_files_are_failures_not_exceptions(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    items = _read(path)
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [("Failure", code)]


def test_url_with_fetching_switched_off_is_a_fetch_failure():
    (source,) = discover(["https://nos.nl/artikel/1"])
    items = list(read_source(source, OFFLINE))
    assert len(items) == 1
    assert isinstance(items[0], Failure)
    assert items[0].code == "fetch"
    assert items[0].origin == "https://nos.nl/artikel/1"
