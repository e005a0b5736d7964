"""Take page furniture out of an article body and normalise it, keeping what was removed.

Every later offset indexes into the cleaned text, so cleaning is the one place the text may
change: Unicode NFC, one space between words, paragraphs separated by one blank line, and the
furniture below removed. Anything removed is returned as a :class:`Removed` record so that a
reviewer can see (and a test can check) each decision.

Furniture (the word lists live in ``lang/nl.py``):
- caption paragraphs ending in a photo credit (``… Beeld AP``, ``… Beeld Gamma-Rapho via Getty Images``)
  or opening a photo viewer (``Volledig scherm … © AFP``);
- a status label glued to the first word (``UpdateDe Noord-Koreaanse …``);
- trailing share widgets and section labels (``Nieuwsuur`` / ``Buitenland`` / ``Deel artikel:``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..lang import nl
from ..records import Removed

# A credit is a few capitalised words, agencies and connectors: "AP", "Gamma-Rapho via Getty Images",
# "ANP / Robin van Lonkhuijsen", "Reuters/Kim Hong-Ji".
_CREDIT_TOKEN = r"(?:[A-Z0-9À-Ý][\w.'’&-]*|via|en|van|de|and|for|/|&|©|\|)"
_CREDIT = re.compile(
    rf"(?:^|(?<=[.!?…”\"’)\s]))\s*(?:{'|'.join(nl.CAPTION_CREDIT_WORDS)})\s+{_CREDIT_TOKEN}(?:\s*{_CREDIT_TOKEN}){{0,7}}\s*$"
)
_COPYRIGHT_END = re.compile(r"(?:^|\s)©\s*[\w .&/-]{1,40}$")
_STATUS = re.compile(rf"^(?:{'|'.join(map(re.escape, nl.STATUS_PREFIXES))})(?:(?=[A-ZÀ-ÖØ-Þ])|\s*[:|]\s+)")
_CAPTION_MAX = 400  # a caption longer than this is more likely a paragraph with a credit glued on
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removed, ...]
    section: str | None


@dataclass
class _Para:
    text: str
    offset: int  # in the NFC body
    raw: str = ""  # the line as it stood, for mapping positions back


def clean_body(raw: str) -> Cleaned:
    """Return the cleaned text, what was removed and any section label found in the trailer."""
    # Lone CRs (old Mac files) become LFs; CRLF stays, so offsets keep pointing into the raw body.
    body = re.sub(r"\r(?!\n)", "\n", unicodedata.normalize("NFC", raw))
    paras = _paragraphs(body)
    removed: list[Removed] = []
    paras, section = _strip_trailer(paras, removed)
    paras = [p for p in paras if not _is_caption(p, removed)]
    if paras:
        _strip_status_prefix(paras[0], removed)
    text = "\n\n".join(p.text for p in paras if p.text)
    return Cleaned(text=text, removed=tuple(sorted(removed, key=lambda r: r.offset)), section=section)


def _paragraphs(body: str) -> list[_Para]:
    """Split on blank lines; inside a block each line is a paragraph unless the block is hard-wrapped."""
    out: list[_Para] = []
    for block in re.finditer(r"[^\n]+(?:\n(?![ \t\r]*\n)[^\n]*)*", body):
        lines = [(m.group(), block.start() + m.start()) for m in re.finditer(r"[^\n]+", block.group())]
        lines = [(t, o + len(t) - len(t.lstrip())) for t, o in lines if t.strip()]
        if not lines:
            continue
        if _hard_wrapped([t for t, _ in lines]):
            out.append(_Para(_normalise(" ".join(t for t, _ in lines)), lines[0][1]))
        else:
            out.extend(_Para(_normalise(t), o, t.strip()) for t, o in lines)
    return [p for p in out if p.text]


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a fixed width (e-mail, plain-text exports) rather than one paragraph per line."""
    if len(lines) < 3:
        return False
    body = [len(t.rstrip()) for t in lines[:-1]]
    unfinished = sum(1 for t in lines[:-1] if not t.rstrip().endswith((".", "!", "?", ":", "”", '"', "’")))
    return max(body) <= 100 and min(body) >= 40 and unfinished >= len(body) / 2


def _normalise(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _strip_trailer(paras: list[_Para], removed: list[Removed]) -> tuple[list[_Para], str | None]:
    trailer = {t.lower().rstrip(":") for t in nl.TRAILER_LINES}
    labels = {t.lower() for t in nl.SECTION_LABELS}
    end = len(paras)
    while end > 0 and (paras[end - 1].text.lower().rstrip(": ") in trailer | labels):
        end -= 1
    block = paras[end:]
    if not any(p.text.lower().rstrip(": ") in trailer for p in block):
        return paras, None  # section names alone may be the article's last words; only a share line proves a trailer
    sections = []
    for p in block:
        is_share = p.text.lower().rstrip(": ") in trailer
        removed.append(Removed("trailer" if is_share else "section", p.text, p.offset))
        if not is_share:
            sections.append(p.text)
    return paras[:end], (" / ".join(sections) or None)


def _is_caption(para: _Para, removed: list[Removed]) -> bool:
    text = para.text
    if text.startswith(nl.CAPTION_OPENERS):
        removed.append(Removed("caption", text, para.offset))
        return True
    credit = _CREDIT.search(text) or (_COPYRIGHT_END.search(text) if len(text) <= _CAPTION_MAX else None)
    if credit is None:
        return False
    if len(text) <= _CAPTION_MAX:
        removed.append(Removed("caption", text, para.offset))
        return True
    start = credit.start() + len(credit.group()) - len(credit.group().lstrip())
    removed.append(Removed("credit", text[start:].strip(), para.offset + _raw_shift(para, start)))
    para.text = text[: credit.start()].rstrip()
    return False


def _raw_shift(para: _Para, index: int) -> int:
    """Where character ``index`` of the normalised paragraph stood in its raw line (spaces were folded)."""
    if para.raw == para.text:
        return index
    target = _normalise(para.text[:index])
    for i in range(len(para.raw) + 1):
        if len(_normalise(para.raw[:i])) >= len(target) and _normalise(para.raw[:i]) == target:
            return i + len(para.raw[i:]) - len(para.raw[i:].lstrip())
    return index


def _strip_status_prefix(para: _Para, removed: list[Removed]) -> None:
    m = _STATUS.match(para.text)
    if m:
        removed.append(Removed("update-prefix", m.group().strip(), para.offset))
        para.text = para.text[m.end():]
