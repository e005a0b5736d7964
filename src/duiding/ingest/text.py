"""Plain-text articles in the layouts users actually have.

1. ``" date 2023-09 "`` followed by the body on the same line (a month-precision export);
2. a header of title, timestamp and URL lines (in any order after the title), a blank line, the body;
3. no header at all: the whole file is the body (metadata may come from a sidecar or flags).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import RawArticle

_DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_URL = re.compile(r"^https?://\S+$")
_MAX_TITLE = 300


def read_text(text: str, *, source: str, origin: str) -> Iterator[RawArticle]:
    """Yield the one article a text file holds (empty bodies are rejected later, by cleaning)."""
    m = _DATE_PREFIX.match(text)
    if m:
        yield RawArticle(source=source, origin=origin, body=text[m.end():], published=m.group(1))
        return
    header = _header(text)
    if header is not None:
        title, published, url, body = header
        yield RawArticle(source=source, origin=origin, body=body, title=title, published=published, url=url)
        return
    yield RawArticle(source=source, origin=origin, body=text)


def _header(text: str) -> tuple[str, str | None, str | None, str] | None:
    """Title line, then timestamp and/or URL lines, then a blank line; None when it is not that layout."""
    lines = text.lstrip("\ufeff").split("\n")
    if len(lines) < 2:
        return None
    title = lines[0].strip()
    if not title or len(title) > _MAX_TITLE:
        return None
    published = url = None
    i = 1
    while i < len(lines) and i <= 3:
        line = lines[i].strip()
        if _TIMESTAMP.match(line) and published is None:
            published = line
        elif _URL.match(line) and url is None:
            url = line
        else:
            break
        i += 1
    if published is None and url is None:
        return None
    if i < len(lines) and lines[i].strip():
        return None  # the header must end in a blank line
    return title, published, url, "\n".join(lines[i:])
