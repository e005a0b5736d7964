"""ingest.decode: bytes to text, or a specific reason why the bytes are not text.

charset-normalizer runs for real; the legacy-encoded inputs are written as bytes here so the
test says exactly which bytes it feeds in.
"""

from __future__ import annotations

import codecs

import pytest

from duiding.errors import BinaryFileError, EncodingError
from duiding.ingest.decode import decode

TEKST = (
    "De toegangsprijs voor de reünie steeg naar €12,50 per persoon. "
    "„Dat is te duur”, zei de voorzitter, en ook de financiële commissie was kritisch. "
    "Het café aan de Markt blijft wél gewoon open."
)


def test_utf8_is_read_as_utf8():
    text, encoding = decode(TEKST.encode("utf-8"), name="artikel.txt")
    assert text == TEKST
    assert encoding == "utf-8"


def test_utf8_with_bom_drops_the_bom():
    text, encoding = decode(codecs.BOM_UTF8 + TEKST.encode("utf-8"), name="artikel.txt")
    assert text == TEKST
    assert not text.startswith("\ufeff")
    assert encoding == "utf-8-sig"


@pytest.mark.parametrize(
    "data",
    [
        TEKST.encode("utf-16"),  # Python writes a BOM in native order
        codecs.BOM_UTF16_LE + TEKST.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEKST.encode("utf-16-be"),
    ],
    ids=["native", "little-endian", "big-endian"],
)
def test_utf16_with_bom(data):
    text, encoding = decode(data, name="artikel.txt")
    assert text == TEKST
    assert encoding == "utf-16"


def test_cp1252_euro_curly_quotes_and_diaeresis():
    # Written byte by byte: € is 0x80, “ ” are 0x93/0x94, ë is 0xEB and ü 0xFC in Windows-1252.
    data = (
        b"De kaartjes kosten nu \x80 12 per stuk. \x93Dat is veel te duur\x94, zegt de "
        b"voorzitter van de re\xfcnie. Ook de financi\xeble commissie is kritisch over de prijs."
    )
    text, encoding = decode(data, name="oud.txt")
    assert encoding == "cp1252"
    assert "€ 12" in text
    assert "“Dat is veel te duur”" in text
    assert "reünie" in text
    assert "financiële" in text


def test_cp1252_file_written_by_python_round_trips():
    data = TEKST.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test is only meaningful if the bytes are not UTF-8
    text, encoding = decode(data, name="oud.txt")
    assert text == TEKST
    assert encoding == "cp1252"


def test_latin1_text_decodes_to_the_same_characters():
    original = "Zoë en Loïs bezochten het café in Düsseldorf; de crème brûlée was één ramp."
    data = original.encode("latin-1")
    text, encoding = decode(data, name="latin.txt")
    assert text == original
    # Latin-1 and Windows-1252 agree on every letter used here, so either name is correct.
    assert encoding in {"cp1252", "latin_1", "iso8859_15"}


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"Dit lijkt tekst\x00\x00\x00 maar bevat NUL-bytes", "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
    ids=["nul-bytes", "png", "pdf", "zip", "jpeg"],
)
def test_binary_input_raises_binary_file_error(data, what):
    with pytest.raises(BinaryFileError) as info:
        decode(data, name="bijlage.txt")
    message = str(info.value)
    assert "bijlage.txt" in message
    assert what in message
    assert info.value.code == "binary"


def test_undecodable_bytes_raise_encoding_error_with_byte_and_offset():
    # 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252 and control codes in Latin-1.
    data = b"Tekst \x81\x8d\x8f\x90\x9d einde"
    with pytest.raises(EncodingError) as info:
        decode(data, name="kapot.txt")
    message = str(info.value)
    assert message.startswith("kapot.txt:")
    assert "not UTF-8" in message
    assert "0x81" in message
    assert "offset 6" in message
    assert "UTF-8" in message.split(";")[-1]  # says what to do: re-save as UTF-8
    assert info.value.code == "encoding"


def test_bom_that_lies_raises_encoding_error_naming_the_bom():
    data = codecs.BOM_UTF8 + b"Caf\xe9 de Kroon"  # a UTF-8 BOM in front of Latin-1 bytes
    with pytest.raises(EncodingError) as info:
        decode(data, name="gemengd.txt")
    assert "byte-order mark" in str(info.value)
    assert "gemengd.txt" in str(info.value)
