"""Bytes to text: detect the encoding, or say exactly why the bytes are not text.

Order matters: a byte-order mark is a statement by the writer, so it wins; strict UTF-8 comes
next because valid UTF-8 is almost never an accident; only then do we guess among the legacy
single-byte encodings Dutch sources actually use (Windows-1252, Latin-1/-9).
"""

from __future__ import annotations

import codecs
import re

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
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise BinaryFileError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if _has_utf8_sequences(data):
            return data.decode("utf-8", errors=MIXED_HANDLER), MIXED
        return _guess_legacy(data, name, utf8_error)


MIXED = "utf-8+cp1252"  # valid UTF-8 with some Windows-1252 bytes mixed in (pasted text, a joined file)
MIXED_HANDLER = "duiding-cp1252-fallback"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 rejected as Windows-1252 (undefined bytes as Latin-1), byte by byte."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                   else chr(b) for b in bad), error.end


codecs.register_error(MIXED_HANDLER, _cp1252_fallback)


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether the bytes hold real UTF-8 multi-byte characters (then a cp1252 guess would garble them).

    Decoding such a file as Windows-1252 stored ``Ã©`` for every ``é`` — mojibake, silently.
    """
    return len(_UTF8_MULTIBYTE.findall(data[:200_000])) >= 2


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark (NUL in every other byte of ASCII), else None.

    Such a file was called "binary"; it is what some Windows tools save.
    """
    head = data[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                text = data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:4000])
            if printable >= 0.95 * min(len(text), 4000):
                return text, encoding
    return None


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
