"""The server-rendered pages: stories (home), a story, articles, an article, search, speakers, entities,
ingest, and the API docs (Swagger UI) served from the fastapi-offline package (no CDN, so they
work offline).

Every page has the same navigation and a skip link (``base.html.j2``); every piece of article text
reaches HTML through Jinja2's autoescaping. A bad filter value is said on the page, in words.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..errors import NotFoundError, QueryError
from ..report.charts import bars, sparkline
from ..report.render import to_html
from ..store.annotations import article_mentions, entities, entity, entity_articles
from ..store.db import UNKNOWN_OUTLET
from ..store.quotes import quotes, speakers
from ..store.search import MARK_END, MARK_START, choices, find_entities, search_all
from ..store.stories import (
    article_stories,
    count_storylines,
    events,
    storyline_articles,
    storyline_page,
    storyline_span,
)
from .api import clamp
from .ingest import MAX_UPLOAD_BYTES
from .security import COOKIE
from .site import Site

PAGE_HITS = 20  # hits on one search page; the API pages further with limit and offset
PAGE_ROWS = 50  # storylines, articles or entities on one list page
Page = Query(1, ge=1, le=100_000, description="page number")


def _pages(total: int, per: int, current: int) -> dict[str, Any]:
    last = max(1, -(-total // per))
    return {"current": min(current, last), "last": last, "total": total, "per": per,
            "first_item": (min(current, last) - 1) * per + 1 if total else 0,
            "last_item": min(total, min(current, last) * per)}


def _linker(base: str, values: dict[str, Any]) -> Any:
    """A template helper: this page's URL with some values changed (a saved query is just such a URL).

    Changing anything but the page number goes back to page 1.
    """
    def link(**change: Any) -> str:
        merged = {k: v for k, v in (values | change).items() if v not in (None, "")}
        if "page" not in change or merged.get("page") == 1:
            merged.pop("page", None)
        return base + ("?" + urlencode(merged) if merged else "")
    return link


def _date_or_message(value: str | None, name: str) -> tuple[str | None, str | None]:
    """A date box's value for the store, or a sentence saying why it cannot be used."""
    if not value or not value.strip():
        return None, None
    from ..errors import MalformedDateError
    from ..ingest.dates import parse_published

    try:
        parse_published(value.strip())
    except MalformedDateError:
        return None, (f"“{value}” in the {name} box is not a date: write a year (2019), a month (2019-03) "
                      "or a day (2019-03-14)")
    return clamp(value.strip()), None


def _date_bounds(since: str | None, until: str | None, names: tuple[str, str] = ("from", "to"),
                 ) -> tuple[str | None, str | None, list[str]]:
    """Both date boxes of a page: their values for the store and what is wrong with them, in words."""
    since_v, why_since = _date_or_message(since, names[0])
    until_v, why_until = _date_or_message(until, names[1])
    return since_v, until_v, [w for w in (why_since, why_until) if w]


def overview(lines: list[dict[str, Any]], members: list[dict[str, Any]], *, lo: str | None = None,
             hi: str | None = None) -> list[dict[str, Any]]:
    """Storylines (a page of them, in order) with their size, outlets, first and last date and a coverage
    sparkline, all sparklines on one time axis ``lo``–``hi`` (the store's) so that they compare."""
    by_line: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        by_line[m["storyline"]].append(m)
    out = []
    for line in lines:
        arts = by_line.get(line["id"], [])
        days = [a["day"] for a in arts if a["day"]]
        out.append(line | {"n_articles": len({a["article"] for a in arts}),
                           "outlets": sorted({a["outlet"] for a in arts}),
                           "last": max(days) if days else None, "first": min(days) if days else None,
                           "spark": sparkline(days, lo=lo, hi=hi)})
    return out


def page_router(site: Site) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    render = site.render

    @pages.get("/", response_class=HTMLResponse)
    def home(since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
             outlet: str | None = Query(None, max_length=100),
             sort: str = Query("recent", pattern="^(recent|size|start)$"), page: int = Page) -> HTMLResponse:
        since_v, until_v, errors = _date_bounds(since, until)
        with site.store() as s:
            # One page of storylines, read in its order in SQL; the counts of the header are cached
            # per store state (a count over a million articles is not free, and changes only on a write).
            n_lines, n_articles = site.reports.get(("home-counts",), lambda: (count_storylines(s),
                                                                             s.count("articles")))
            menu = site.reports.get(("choices",), lambda: choices(s))
            lo, hi = site.reports.get(("storyline-span",), lambda: storyline_span(s))
            f: dict[str, Any] = {"sort": sort, "since": since_v, "until": until_v, "outlet": outlet or None}
            page_lines, filtered = storyline_page(s, **f, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
            p = _pages(filtered, PAGE_ROWS, page)
            if p["current"] != page:  # past the last page: show the last
                page_lines, filtered = storyline_page(s, **f, limit=PAGE_ROWS, offset=(p["current"] - 1) * PAGE_ROWS)
            rows = overview(page_lines, storyline_articles(s, [line["id"] for line in page_lines]),
                            lo=lo and lo[:10], hi=hi and hi[:10])
            for r in rows:
                r["events"] = events(s, r["id"]) if r.get("n_events", 0) > 1 else []
        values = {"since": since, "until": until, "outlet": outlet, "sort": sort if sort != "recent" else None,
                  "page": page}
        html = render("home.html.j2", lines=rows, n_lines=n_lines, n_articles=n_articles, outlets=menu["outlets"],
                      f=values, pages=p, errors=errors, link=_linker("/", values), filtered=filtered)
        return HTMLResponse(html, status_code=400 if errors else 200)

    @pages.get("/articles", response_class=HTMLResponse)
    def articles_page(since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
                      outlet: str | None = Query(None, max_length=100), page: int = Page) -> HTMLResponse:
        since_v, until_v, errors = _date_bounds(since, until)
        with site.store() as s:
            f = {"outlet": outlet or None, "language": None, "since": since_v, "until": until_v}
            total = s.count_articles(**f)
            p = _pages(total, PAGE_ROWS, page)
            rows = s.articles(**f, limit=PAGE_ROWS, offset=(p["current"] - 1) * PAGE_ROWS)
            menu = site.reports.get(("choices",), lambda: choices(s))
        values = {"since": since, "until": until, "outlet": outlet, "page": page}
        html = render("articles.html.j2", rows=rows, outlets=menu["outlets"], f=values, pages=p, errors=errors,
                      link=_linker("/articles", values))
        return HTMLResponse(html, status_code=400 if errors else 200)

    @pages.get("/story/{story_id}", response_class=HTMLResponse)
    def story(story_id: str) -> str:
        with site.store() as s:
            return site.reports.get(("html", story_id), lambda: to_html(site.report(s, story_id), web=True,
                                                                         nav=site.nav))

    @pages.get("/article/{article_id}", response_class=HTMLResponse)
    def article(article_id: str, quote: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$")) -> str:
        with site.store() as s:
            row = s.article(article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id[:80]!r}")
            mentions = article_mentions(s, row["id"])
            stories = article_stories(s, row["id"])
        span = tuple(int(x) for x in quote.split("-")) if quote else None
        return render("article.html.j2", a=row, parts=_marked(row["text"], mentions, span), stories=stories,
                      unknown=UNKNOWN_OUTLET)

    @pages.get("/search", response_class=HTMLResponse)
    def search_page(q: str = Query("", max_length=500), outlet: str | None = Query(None, max_length=100),
                    since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
                    lang: str | None = Query(None, max_length=8), entity: str | None = Query(None, max_length=200),
                    speaker: str | None = Query(None, max_length=200), page: int = Page) -> HTMLResponse:
        hits: list[dict[str, Any]] = []
        counts: dict[str, Any] = {}
        f = {"q": q, "outlet": outlet, "since": since, "until": until, "lang": lang, "entity": entity,
             "speaker": speaker}
        since_v, until_v, errors = _date_bounds(since, until, ("since", "until"))
        total, p, over, exact = 0, _pages(0, PAGE_HITS, 1), 0, True
        with site.store() as s:
            menu = site.reports.get(("choices",), lambda: choices(s))
            entity_name = entity
            if entity:
                found_entity = find_entities(s, entity, limit=1)
                entity_name = found_entity[0]["name"] if found_entity else entity
            if q.strip() and not errors:
                try:
                    result = search_all(s, q, outlet=outlet or None, language=lang or None, since=since_v,
                                        until=until_v, entity=entity or None, speaker=speaker or None,
                                        limit=PAGE_HITS, offset=(page - 1) * PAGE_HITS)
                    total, over, exact = result.total, result.facets_over, result.total_exact
                    p = _pages(total, PAGE_HITS, page)
                    hits = [{"hit": h, "parts": _snippet_parts(h.snippet)} for h in result.hits]
                    counts = result.facets | {"date": bars(result.facets["date"])}
                except QueryError as e:
                    errors.append(_in_words(str(e)))
        html = render("search.html.j2", q=q, hits=hits, outlets=menu["outlets"], languages=menu["languages"], f=f,
                      facets=counts, entity_name=entity_name, errors=errors, total=total, pages=p, facets_over=over,
                      total_shown=f"{total:,}" + ("" if exact else "+"),
                      link=_linker("/search", f | {"page": page}),
                      export=("/api/search?" + urlencode({k: v for k, v in f.items() if v})) if q.strip() else None)
        return HTMLResponse(html, status_code=400 if errors else 200)

    @pages.get("/speakers", response_class=HTMLResponse)
    def speakers_page(page: int = Page) -> str:
        with site.store() as s:
            rows = speakers(s)
        p = _pages(len(rows), PAGE_ROWS, page)
        return render("speakers.html.j2", rows=rows[(p["current"] - 1) * PAGE_ROWS:p["current"] * PAGE_ROWS],
                      pages=p, link=_linker("/speakers", {"page": page}))

    @pages.get("/speaker", response_class=HTMLResponse)
    def speaker_page(name: str = Query(..., min_length=1, max_length=200)) -> str:
        with site.store() as s:
            rows = quotes(s, speaker=name, kinds=("direct", "partial"))
        if not rows:
            raise NotFoundError(f"no quotes of a speaker called {name!r}")
        return render("speaker.html.j2", name=name, quotes=rows,
                      outlets=sorted({r["outlet"] or UNKNOWN_OUTLET for r in rows}))

    @pages.get("/entities", response_class=HTMLResponse)
    def entities_page(type: str | None = Query(None, pattern="^(PER|ORG|LOC|MISC)?$"), page: int = Page) -> str:
        with site.store() as s:
            rows = entities(s, type_=type or None)
        p = _pages(len(rows), PAGE_ROWS, page)
        values = {"type": type, "page": page}
        return render("entities.html.j2", rows=rows[(p["current"] - 1) * PAGE_ROWS:p["current"] * PAGE_ROWS],
                      pages=p, f=values, link=_linker("/entities", values))

    @pages.get("/entity/{entity_id}", response_class=HTMLResponse)
    def entity_page(entity_id: str) -> str:
        with site.store() as s:
            row = entity(s, entity_id)
            if row is None:
                raise NotFoundError(f"no entity with id {entity_id[:80]!r}")
            arts = entity_articles(s, entity_id)
        return render("entity.html.j2", e=row, articles=arts)

    if not site.read_only:
        @pages.get("/ingest", response_class=HTMLResponse)
        def ingest_page(request: Request) -> str:
            allowed = site.guard._same(request.cookies.get(COOKIE), site.guard.token)
            return render("ingest.html.j2", max_mb=MAX_UPLOAD_BYTES // 1_000_000,
                          csrf=site.guard.csrf if allowed else None)

    @pages.get("/docs", response_class=HTMLResponse)
    def docs() -> str:
        return render("docs.html.j2")
    return pages


def _in_words(message: str) -> str:
    """A store error as a sentence for the search page (no internal prefixes)."""
    return message.replace("bad date filter: ", "").rstrip(".") + "."


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Search snippet as (text, highlighted) pieces: the template marks them, escaping every piece."""
    pieces = snippet.replace(MARK_END, MARK_START).split(MARK_START)
    return [(p, i % 2 == 1) for i, p in enumerate(pieces) if p]


def _marked(text: str, mentions: list[dict[str, Any]],
            quote: tuple[int, ...] | None = None) -> list[tuple[str, dict[str, Any] | str | None]]:
    """The text as (piece, mention | "quote" | None) so the template wraps names and the quote a reader
    followed a link to, without building HTML by hand (every piece is escaped by the template).

    Only the first mention of each entity is a link in the tab order (``first``): a name mentioned twenty
    times is one tab stop, not twenty; the others stay clickable for a mouse.
    """
    if quote is not None and 0 <= quote[0] < quote[1] <= len(text):
        q0, q1 = quote
        mentions = [m for m in mentions if m["end"] <= q0 or m["start"] >= q1]
        mentions = sorted([*mentions, {"start": q0, "end": q1, "quote": True}], key=lambda m: m["start"])
    parts: list[tuple[str, dict[str, Any] | str | None]] = []
    pos = 0
    seen: set[str] = set()
    for m in mentions:
        if m["start"] < pos:
            continue
        parts.append((text[pos:m["start"]], None))
        if m.get("quote"):
            parts.append((text[m["start"]:m["end"]], "quote"))
        else:
            key = m.get("entity_id") or ""
            parts.append((text[m["start"]:m["end"]], m | {"first": bool(key) and key not in seen}))
            seen.add(key)
        pos = m["end"]
    parts.append((text[pos:], None))
    return parts
