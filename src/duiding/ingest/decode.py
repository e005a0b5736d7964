"""Bytes to text: detect the encoding, or say exactly why the bytes are not text.

Order matters: a byte-order mark is a statement by the writer, so it wins; strict UTF-8 comes
next because valid UTF-8 is almost never an accident; only then do we guess among the legacy
single-byte encodings Dutch sources actually use (Windows-1252, Latin-1/-9).
"""

from __future__ import annotations

import codecs

from ..errors import BinaryFileError, EncodingError

# Magic numbers of formats people drop into news folders by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ["cp1252", "latin_1", "iso8859_15"]


def decode(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`BinaryFileError` or :class:`EncodingError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise EncodingError(f"{name}: starts with a {encoding} byte-order mark "
                                    f"but is not {encoding}: {e.reason}") from e
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryFileError(f"{name}: binary file ({what}), not an article")
    if b"\x00" in data[:8192]:
        raise BinaryFileError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        return _guess_legacy(data, name, utf8_error)


def _guess_legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    for encoding in ("cp1252",):  # charset-normalizer declined; cp1252 decodes most Western text
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    raise EncodingError(
        f"{name}: not UTF-8 (byte {data[utf8_error.start]:#04x} at offset {utf8_error.start}) "
        f"and not Windows-1252/Latin-1 text either; re-save it as UTF-8"
    )
