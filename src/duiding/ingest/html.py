"""HTML pages through trafilatura: the article body, title, site and full publication timestamp.

trafilatura's date (from htmldate) is cut to the day and cannot say whether the page stated a
time at all, so the timestamp the page itself declares (``article:published_time``, JSON-LD
``datePublished``, ``<time datetime>``) is read first, with its zone; trafilatura's date is the fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from ..errors import BrokenHTMLError
from ..records import RawArticle

if TYPE_CHECKING:
    from trafilatura.settings import Document

_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|og:published_time|datePublished|"""
    r"""pubdate|publishdate|dcterms\.created|DC\.date\.issued)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content=["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_TIME = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"""<time[^>]+datetime=["']([^"']+)["']""", re.IGNORECASE)
MIN_WORDS = 8  # a nav link or a cookie notice is not an article
_LANG = re.compile(r"""<html[^>]*\blang=["']([A-Za-z]{2})""", re.IGNORECASE)


def read_html(html: str, *, source: str, origin: str, url: str | None = None) -> Iterator[RawArticle]:
    """Yield the page's article; raise BrokenHTMLError when no article text can be found."""
    import trafilatura

    if "<" not in html[:2000]:
        raise BrokenHTMLError(f"{source}: does not look like HTML (no markup in its first 2,000 characters)")
    try:
        # a Document (a dict only with as_dict=True, which is not asked for)
        doc = cast("Document | None", trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True))
    except Exception as e:  # lxml raises a zoo of parser errors on truly broken input
        raise BrokenHTMLError(f"{source}: the HTML could not be parsed ({type(e).__name__}: {e})") from e
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        raise BrokenHTMLError(f"{source}: no article text found in the HTML page "
                              "(an index page, a stub, or broken markup)")
    lang = _LANG.search(html[:5000])
    body = doc.text or ""
    first, _, rest = body.partition("\n")
    if doc.title and first.strip() == doc.title.strip() and rest.strip():
        body = rest  # trafilatura sometimes keeps the <h1>; the title is metadata, not body text
    yield RawArticle(
        source=source,
        origin=origin,
        body=body,
        title=doc.title or None,
        url=doc.url or url,
        published=_timestamp(html) or doc.date or None,
        language=lang.group(1).lower() if lang else None,
        extra={"sitename": doc.sitename} if doc.sitename else {},
    )


def _timestamp(html: str) -> str | None:
    """The publication time exactly as the page declares it, preferring explicit metadata."""
    for tag in _META_TIME.finditer(html):
        content = _CONTENT.search(tag.group())
        if content:
            return content.group(1).strip()
    for pattern in (_JSONLD_TIME, _TIME_TAG):
        m = pattern.search(html)
        if m:
            return m.group(1).strip()
    return None
