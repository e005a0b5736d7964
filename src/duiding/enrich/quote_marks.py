"""Find quoted spans: pair quotation marks within paragraphs, tell apostrophes from quotes.

Every style Dutch and Flemish outlets use is paired (“…”, „…”, "…", ‘…’, '…', «…»). An apostrophe
inside a word (zo'n, auto's, Shoigu’s) or before a clipped word ('s avonds, 't) is not a mark. A
quote whose paragraph ends before it closes continues when the next paragraph opens with a
mark again (the Dutch convention for long quotes); otherwise the mark is unpaired, recorded as an
issue, and only that quote is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..lang import Language

_CLIPPED = re.compile(r"['’](?:s|t|n|k|r|m|80|90|70|60|50|00|[0-9]{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Marked:
    start: int  # inner span, without marks
    end: int
    opener: int  # position of the opening mark
    closer: int | None  # position of the closing mark; None when the quote runs on into the next paragraph
    paragraph: int
    continues_previous: bool  # this paragraph part continues a quote opened in the previous paragraph
    open_at: int = -1  # first character of the opening mark (``,,`` is two characters)
    close_end: int = -1  # just after the closing mark (``''`` is two characters); ``end`` when unclosed


@dataclass(frozen=True)
class Issue:
    position: int
    reason: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]*)*", text)]


def _is_apostrophe(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in "'’":
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True  # zo'n, auto's, Shoigu’s
    if before.isalpha() and before.lower() == "s" and not after.isalnum() and i > 1 and text[i - 2].isalpha():
        # a plural genitive ("de ouders' huis") unless a single-quoted quote is open
        return not _single_open_before(text, i)
    return (before.isspace() or i == 0) and bool(_CLIPPED.match(text, i))  # 's avonds, 't, '80


def _single_open_before(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    segment = text[line_start:i]
    opens = sum(1 for j, c in enumerate(segment) if c in "‘'" and (j == 0 or not segment[j - 1].isalnum()))
    closes = sum(1 for j, c in enumerate(segment)
                 if c in "’'" and j + 1 < len(segment) and not segment[j + 1].isalnum())
    return opens > closes


def _can_open(text: str, i: int, lo: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/\x00" or i == lo or before in "“„‘«\"'") and not after.isspace()


def _can_close(text: str, i: int, hi: int) -> bool:
    before = text[i - 1]
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and (after.isspace() or not after.isalnum() or i + 1 >= hi)


def find_quotes(text: str, lang: Language) -> tuple[list[Marked], list[Issue]]:
    # Regional Dutch papers write ,,…'' (two commas, two apostrophes). Scan a copy where those
    # pairs are single marks padded with a NUL, so every offset still indexes into ``text``.
    text = text.replace(",,", "\x00„").replace("''", "”\x00")
    pairs: Mapping[str, str] = lang.QUOTE_PAIRS
    found: list[Marked] = []
    issues: list[Issue] = []
    paras = paragraphs(text)
    carry: str | None = None  # the opener of a quote still open at the end of the previous paragraph
    for pi, (lo, hi) in enumerate(paras):
        i = lo
        continuing = carry is not None and text[lo] in pairs
        if carry is not None and not continuing:
            issues.append(Issue(found[-1].opener if found else lo, "a quote ran to the end of its paragraph "
                                "and the next paragraph does not continue it"))
            found.pop()
        carry = None
        while i < hi:
            ch = text[i]
            if ch in pairs and not _is_apostrophe(text, i) and ((continuing and i == lo) or _can_open(text, i, lo)):
                close = _find_close(text, i, hi, pairs[ch])
                if close is not None:
                    start, first = i, continuing and i == lo
                    for again in _reopened(text, i, close):
                        # flattened paragraphs of one long quote: each reopens with a mark, only the last closes
                        found.append(Marked(start + 1, again - 1, start, None, pi, first))
                        start, first = again, True
                    found.append(Marked(start + 1, close, start, close, pi, first))
                    i = close + 1
                    continuing = False
                    continue
                if _runs_to_end(text, i, hi, paras, pi, pairs):
                    found.append(Marked(i + 1, hi, i, None, pi, continuing and i == lo))
                    carry = ch
                    break
                issues.append(Issue(i, f"unpaired quotation mark {ch!r}: the quote starting here is skipped"))
            i += 1
    if carry is not None and found:
        issues.append(Issue(found[-1].opener, "a quote runs to the end of the article without closing"))
        found.pop()
    return [_trimmed(text, _widened(text, m)) for m in found if m.end > m.start], issues


def _widened(text: str, m: Marked) -> Marked:
    """Where the marks really begin and end: ``,,`` and ``''`` are two characters (a NUL pad in the scan copy)."""
    open_at = m.opener - 1 if m.opener > 0 and text[m.opener - 1] == "\x00" else m.opener
    if m.closer is None:
        close_end = m.end
    else:
        close_end = m.closer + (2 if m.closer + 1 < len(text) and text[m.closer + 1] == "\x00" else 1)
    return Marked(m.start, m.end, m.opener, m.closer, m.paragraph, m.continues_previous, open_at, close_end)


def _find_close(text: str, opener: int, hi: int, closers: str) -> int | None:
    depth_char = text[opener]
    j = opener + 1
    while j < hi:
        c = text[j]
        if c in closers and not _is_apostrophe(text, j) and _can_close(text, j, hi):
            if c == depth_char and c in "\"'" and j + 1 < hi and text[j + 1].isalnum():
                j += 1
                continue
            return j
        j += 1
    return None


def _reopened(text: str, opener: int, close: int) -> list[int]:
    """Opening marks inside a quote that begin a new sentence (``… toe. 'Op die …``): where a long
    quote's paragraphs were run together, each paragraph's reopening mark is still there."""
    mark = text[opener]
    out = []
    for j in range(opener + 2, close - 1):
        if text[j] == mark and text[j - 1] in " \x00" and text[j + 1][:1].isupper():
            k = j - 2 if text[j - 1] == " " else j - 3
            if k >= 0 and text[k] in ".!?":
                out.append(j)
    return out


def _runs_to_end(text: str, i: int, hi: int, paras: list[tuple[int, int]], pi: int, pairs: Mapping[str, str]) -> bool:
    """An unclosed quote that opens a paragraph's text and is continued by the next paragraph's opening mark."""
    if pi + 1 >= len(paras):
        return False
    nxt = paras[pi + 1][0]
    return text[nxt] in pairs and text[nxt] not in "'’"


def _trimmed(text: str, m: Marked) -> Marked:
    start, end = m.start, m.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Marked(start, end, m.opener, m.closer, m.paragraph, m.continues_previous, m.open_at, m.close_end)
