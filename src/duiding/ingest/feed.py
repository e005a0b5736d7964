"""RSS and Atom feeds through feedparser, one article per entry.

A feed entry often carries only a teaser. When fetching is allowed and the entry's own text is
short, the entry's link is followed and the page read with the HTML reader; when that fails
(offline, 404) the entry's own text is used and the fetch failure is reported beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from ..errors import FetchError, InputError, MalformedRecordError
from ..records import Failure, RawArticle
from .html import read_html

TEASER_CHARS = 600  # entries shorter than this are teasers worth following to the page


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed(data: bytes | str, *, source: str, origin: str, fetch: Callable[[str], str] | None = None,
              keyed: bool = False, skip: Callable[[str], bool] | None = None) -> Iterator[RawArticle | Failure]:
    """One raw article per entry (a teaser followed to its page when ``fetch`` is given).

    ``keyed`` names each entry's origin by its id (``<guid>``/``<id>``, else its link) instead of its
    position: a feed that is polled again puts new entries on top, and by position every older
    entry would look new. ``skip(origin)`` drops an entry before its link is followed (``watch``
    passes "already stored").
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        detail = f" ({problem})" if problem else ""
        raise MalformedRecordError(f"{source}: not a readable RSS/Atom feed, or a feed with no entries{detail}")
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        entry_origin = f"{origin}#{entry_key(entry, n) if keyed else n}"
        if skip is not None and skip(entry_origin):
            continue
        body = _entry_text(entry)
        page: RawArticle | None = None
        if fetch is not None and link and len(body) < TEASER_CHARS:
            try:
                page = next(read_html(fetch(link), source=link, origin=link, url=link))
            except (FetchError, InputError) as e:
                yield Failure(source=link, origin=entry_origin, code=e.code,
                              reason=f"feed entry {n}: could not follow its link, used the feed text instead: {e}",
                              severity="warning")
        yield RawArticle(
            source=page.source if page else f"{source}#{n}",
            origin=entry_origin,
            body=page.body if page else body,
            title=entry.get("title") or (page.title if page else None),
            url=link,
            published=entry.get("published") or entry.get("updated") or (page.published if page else None),
            outlet=(page.outlet if page else None) or _outlet_hint(link, feed_title),
            language=(page.language if page else None) or _lang(entry, parsed),
        )


def entry_key(entry: dict, n: int) -> str:
    """What identifies an entry across polls: its id, else its link, else its title, else its position."""
    for key in ("id", "link", "title"):
        value = entry.get(key)
        if value and str(value).strip():
            return str(value).strip()[:500]
    return str(n)


_BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "section",
           "article", "figure", "figcaption", "table", "tr", "pre"}


def _entry_text(entry: dict) -> str:
    """The entry's HTML as plain paragraphs: block elements end paragraphs, <br> ends a line."""
    from lxml import html as lxml_html

    contents = entry.get("content") or []
    raw = contents[0].get("value", "") if contents else entry.get("summary", "") or ""
    if "<" not in raw:
        return raw
    try:
        tree = lxml_html.fragment_fromstring(raw, create_parent="div")
    except Exception:  # lxml rejects some fragments; their plain text is still the content
        return raw
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    text = tree.text_content()
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def _outlet_hint(link: str | None, feed_title: str | None) -> str | None:
    # The domain wins (metadata.outlet_for maps it through the outlet table); the title is a fallback.
    try:
        if link and urlsplit(link).hostname:
            return None
    except ValueError:  # a malformed link ("http://[") names no domain
        pass
    return feed_title


def _lang(entry: dict, parsed: object) -> str | None:
    value = entry.get("language") or getattr(parsed, "feed", {}).get("language")
    return value[:2].lower() if value else None
