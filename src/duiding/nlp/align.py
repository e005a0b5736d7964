"""Map a backend's token strings back onto the text they came from, as character spans.

Tokenisers return strings, not offsets, and may normalise a character or two (quotes,
ligatures). Tokens are found left to right: exactly where expected after whitespace (comparing
typographic and ASCII quotes and dashes as equal), else within a short window ahead, else
assumed to occupy their length (counted as a miss, so a systematic misalignment shows up in the
statistics instead of corrupting spans silently).
"""

from __future__ import annotations

WINDOW = 40
# Characters a tokeniser may normalise: compare through this folding before searching further.
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                       "‛": "'", "–": "-", "—": "-", "…": "."})


def _same(a: str, b: str) -> bool:
    return a.translate(_FOLD) == b.translate(_FOLD)


def align(text: str, tokens: list[str], start: int = 0) -> tuple[list[tuple[int, int]], int]:
    """Spans for ``tokens`` in ``text`` from ``start``, and the number of tokens not found verbatim."""
    spans: list[tuple[int, int]] = []
    misses = 0
    pos = start
    n = len(text)
    for tok in tokens:
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith(tok, pos) or _same(text[pos:pos + len(tok)], tok):
            spans.append((pos, pos + len(tok)))
            pos += len(tok)
            continue
        found = text.find(tok, pos, pos + WINDOW + len(tok))
        if found != -1:
            spans.append((found, found + len(tok)))
            pos = found + len(tok)
            continue
        misses += 1
        end = min(n, pos + len(tok))
        spans.append((pos, end))
        pos = end
    return spans, misses
