"""The FastAPI application: a JSON API under ``/api`` and server-rendered pages over one store.

Each request opens the SQLite file read-only (WAL lets readers work while ``analyze`` writes),
so the web process never blocks or corrupts an ingest. Every list is paginated (``limit``,
``offset``); every piece of article text reaches HTML through Jinja2's autoescaping. The one
write, ``POST /api/ingest``, needs the server's token (``security.py``) and does not exist at all
in read-only mode.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel

from ..config import Config, load_config
from ..errors import QueryError
from ..lang import primary
from ..report.model import story_report
from ..report.render import to_html
from ..store import Store
from ..store import search as run_search
from ..store.annotations import article_mentions, entities
from ..store.quotes import quotes, speakers
from ..store.search import facets, fts_query, hit_dict
from ..store.stories import event_articles, events, storylines
from . import errors
from .cache import ReportCache
from .ingest import MAX_FILES, MAX_UPLOAD_BYTES, Ingestor, UploadError
from .security import COOKIE, BodyTooLarge, Guard, GuardMiddleware


class ErrorBody(BaseModel):
    ok: bool = False
    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorBody, "description": why} for code, why in (
    (400, "A value that cannot be used (a malformed date, a query with nothing to search)"),
    (401, "A write without the server's token, or with a wrong one"),
    (403, "A write from another site (Origin), or a browser write without the page's CSRF token"),
    (404, "No such storyline, event, article, entity or job"),
    (411, "A write without a Content-Length"),
    (413, "An upload larger than the limit"),
    (422, "A parameter of the wrong type or out of range"),
)}
DATE = r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
def _pages(read_only: bool) -> Environment:
    """The page templates of one app (read-only mode shows no "add articles" link)."""
    env = Environment(loader=PackageLoader("duiding.web", "templates"), autoescape=select_autoescape(["html", "j2"]))
    env.globals["read_only"] = read_only
    return env
PAGE_HITS = 20  # hits on one search page; the API pages further with limit and offset
NO_FACETS: dict[str, list[Any]] = {"outlet": [], "entity": [], "speaker": []}
Limit = Query(50, ge=1, le=500, description="At most this many items.")
Offset = Query(0, ge=0, le=10_000_000, description="Skip this many items.")
BEARER = HTTPBearer(auto_error=False, description="The token `duiding serve` printed (or the setting token).")
BEARER_DEP = Depends(BEARER)
CSRF_FIELD = Form("", max_length=200, description="CSRF token of the /ingest page (browser writes)")


def create_app(db: str | Path, config: Config | None = None, *, token: str | None = None,
               read_only: bool = False, allowed_hosts: Sequence[str] = (), any_host: bool = False,
               private: bool = False) -> FastAPI:
    """The app on store ``db``.

    ``token`` is what writes must present (None: ``config.token``, else a new random one, found in
    ``app.state.guard.token``). ``read_only`` leaves the write routes out altogether. Requests are
    answered only for loopback names and ``allowed_hosts`` (``any_host`` switches that check off).
    ``private``: reading needs the token too.
    """
    cfg = config or load_config()
    guard = Guard(token or cfg.values.get("token") or None, allowed_hosts, any_host=any_host,
                  max_request_bytes=MAX_UPLOAD_BYTES + 1_000_000, private=private)
    app = FastAPI(title="duiding", version="0.1.0", responses=ERRORS,
                  description="News articles explained: stories, entities, quotes, timelines, numbers.")
    app.state.guard = guard
    app.state.read_only = read_only
    pages = _pages(read_only)
    errors.install(app)
    app.add_middleware(GuardMiddleware, guard=guard)

    @app.exception_handler(BodyTooLarge)
    async def too_large(_: Request, exc: BodyTooLarge) -> Any:
        return errors.error_response(413, str(exc))

    @app.exception_handler(UploadError)
    async def bad_upload(_: Request, exc: UploadError) -> Any:
        return errors.error_response(400, str(exc))

    ingestor = Ingestor(db, cfg.with_overrides(fetch_private=False))

    local = threading.local()

    @contextmanager
    def store() -> Iterator[Store]:
        """A read-only connection per request thread, kept open: opening one per request costs a schema
        parse each time and throws away its page cache. Each statement still sees the latest commit."""
        s = getattr(local, "store", None)
        if s is None:
            s = local.store = Store(db, readonly=True)
        yield s

    reports = ReportCache(db)

    def report(s: Store, story_id: str) -> dict[str, Any]:
        return reports.get(("model", story_id), lambda: story_report(s, story_id, primary(cfg.languages)))

    def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
        return {"ok": True, "items": items, "limit": limit, "offset": offset,
                "total": total if total is not None else None}

    @app.get("/api/storylines", summary="Storylines with their events")
    def api_storylines(limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with store() as s:
            lines = storylines(s)
            items = [line | {"events": [e["id"] for e in events(s, line["id"])]}
                     for line in lines[offset:offset + limit]]
            return page(items, limit, offset, len(lines))

    @app.get("/api/events/{event_id}", summary="One event and its articles")
    def api_event(event_id: str) -> dict[str, Any]:
        with store() as s:
            event = next((e for e in events(s) if e["id"] == event_id), None)
            if event is None:
                raise QueryError(f"no event with id {event_id!r}")
            return {"ok": True, "event": event, "articles": event_articles(s, event_id)}

    @app.get("/api/articles", summary="Articles, oldest first")
    def api_articles(limit: int = Limit, offset: int = Offset, outlet: str | None = Query(None, max_length=100),
                     since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                     lang: str | None = Query(None, max_length=8)) -> dict[str, Any]:
        with store() as s:
            rows = s.articles(outlet=outlet, language=lang, since=_clamp(since), until=_clamp(until), limit=limit,
                              offset=offset)
            return page([{k: v for k, v in r.items() if k not in ("text", "lemmas")} for r in rows], limit, offset,
                        s.count("articles"))

    @app.get("/api/articles/{article_id}", summary="One article with its entity mentions")
    def api_article(article_id: str) -> dict[str, Any]:
        with store() as s:
            row = s.article(article_id)
            if row is None:
                raise QueryError(f"no article with id {article_id[:80]!r}")
            return {"ok": True, "article": {k: v for k, v in row.items() if k != "lemmas"},
                    "mentions": article_mentions(s, row["id"])}

    @app.get("/api/search", summary="Full-text search with snippets")
    def api_search(q: str = Query(..., min_length=1, max_length=500), limit: int = Limit,
                   offset: int = Offset, outlet: str | None = Query(None, max_length=100),
                   since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                   lang: str | None = Query(None, max_length=8),
                   entity: str | None = Query(None, max_length=200, description="entity id or name"),
                   speaker: str | None = Query(None, max_length=200, description="name of a quoted speaker"),
                   ) -> dict[str, Any]:
        try:  # "((( )))" or only "-excluded" words: nothing to search for is an empty result, not an error
            fts_query(q)
        except QueryError as e:
            return page([], limit, offset) | {"note": str(e), "facets": NO_FACETS}
        with store() as s:
            hits = run_search(s, q, outlet=outlet, language=lang, since=_clamp(since), until=_clamp(until),
                              entity=entity, speaker=speaker, limit=limit, offset=offset)
            return page([hit_dict(h) for h in hits], limit, offset) | {"facets": facets(s, [h.id for h in hits])}

    @app.get("/api/quotes", summary="Quotes with speakers")
    def api_quotes(limit: int = Limit, offset: int = Offset, speaker: str | None = None,
                   outlet: str | None = None) -> dict[str, Any]:
        with store() as s:
            rows = quotes(s, speaker=speaker, outlet=outlet, kinds=("direct", "partial"))
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @app.get("/api/speakers", summary="Everyone quoted")
    def api_speakers(limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with store() as s:
            rows = speakers(s)
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @app.get("/api/entities", summary="Entities across spellings")
    def api_entities(limit: int = Limit, offset: int = Offset,
                     type: str | None = Query(None, pattern="^(PER|ORG|LOC|MISC)$")) -> dict[str, Any]:
        with store() as s:
            rows = entities(s, type_=type)
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @app.get("/api/reports/{story_id}", summary="A story explained (the report model)")
    def api_report(story_id: str) -> dict[str, Any]:
        with store() as s:
            return {"ok": True, "report": report(s, story_id)}

    def may_write(request: Request, credentials: HTTPAuthorizationCredentials | None = BEARER_DEP,
                  csrf: str = CSRF_FIELD) -> None:
        """The token check of every write (the bearer dependency is there so /docs shows the scheme)."""
        refused = guard.write_refusal(request.headers, dict(request.cookies), csrf)
        if refused:
            raise HTTPException(*refused)

    if not read_only:
        @app.post("/api/ingest", summary="Upload article files (and/or give feed or page URLs) to analyse",
                  dependencies=[Depends(may_write)])
        async def api_ingest(files: list[UploadFile] | None = None,
                             url: str = Form("", max_length=2000, pattern=r"^(https?://\S+)?$")
                             ) -> dict[str, Any]:
            payload = []
            total = 0
            if len(files or []) > MAX_FILES:
                raise HTTPException(413, f"{len(files or [])} files in one request; at most {MAX_FILES}")
            for f in files or []:
                data = await f.read(MAX_UPLOAD_BYTES + 1)
                await f.close()
                total += len(data)
                if len(data) > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"{f.filename}: larger than {MAX_UPLOAD_BYTES:,} bytes")
                if total > MAX_UPLOAD_BYTES:
                    raise HTTPException(413, f"the files of one request add up to more than {MAX_UPLOAD_BYTES:,} "
                                             "bytes; send them in several requests")
                payload.append((f.filename or "upload.txt", data))
            urls = [url.strip()] if url and url.strip() else []
            if not payload and not urls:
                raise HTTPException(400, "give at least one file or a URL")
            if urls and not urls[0].startswith(("http://", "https://")):
                raise HTTPException(400, "the URL must start with http:// or https://")
            return {"ok": True, "job": ingestor.start(payload, urls).as_dict()}

        @app.get("/api/ingest/{job_id}", summary="Progress of an ingest job")
        def api_ingest_job(job_id: str) -> dict[str, Any]:
            job = ingestor.job(job_id)
            if job is None:
                raise HTTPException(404, f"no ingest job {job_id[:100]!r}")
            return {"ok": True, "job": job.as_dict()}

        @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
        def ingest_page(request: Request) -> str:
            allowed = guard._same(request.cookies.get(COOKIE), guard.token)
            return pages.get_template("ingest.html.j2").render(max_mb=MAX_UPLOAD_BYTES // 1_000_000,
                                                                 csrf=guard.csrf if allowed else None)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> str:
        with store() as s:
            lines = [line | {"events": events(s, line["id"])} for line in storylines(s)]
            return pages.get_template("home.html.j2").render(lines=lines, n_articles=s.count("articles"))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(story_id: str) -> str:
        with store() as s:
            return reports.get(("html", story_id), lambda: to_html(report(s, story_id), web=True))

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article(article_id: str, quote: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$")) -> str:
        with store() as s:
            row = s.article(article_id)
            if row is None:
                raise QueryError(f"no article with id {article_id[:80]!r}")
            mentions = article_mentions(s, row["id"])
        span = tuple(int(x) for x in quote.split("-")) if quote else None
        return pages.get_template("article.html.j2").render(a=row, parts=_marked(row["text"], mentions, span))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=500), outlet: str | None = Query(None, max_length=100),
                    since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
                    lang: str | None = Query(None, max_length=8), entity: str | None = Query(None, max_length=200),
                    speaker: str | None = Query(None, max_length=200)) -> str:
        hits, counts = [], {}
        f = {"q": q, "outlet": outlet, "since": since, "until": until, "lang": lang, "entity": entity,
             "speaker": speaker}
        with store() as s:
            # The choices scan every article (60 ms on 100k); they change only with the store.
            outlets = reports.get(("outlets",), lambda: [r[0] for r in s.conn.execute(
                "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet")])
            languages = reports.get(("languages",), lambda: [r[0] for r in s.conn.execute(
                "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY language")])
            entity_name = entity and next((e["name"] for e in entities(s) if e["id"] == entity), entity)
            if q.strip():
                found = run_search(s, q, outlet=outlet or None, language=lang or None, since=since or None,
                                   until=until or None, entity=entity or None, speaker=speaker or None, limit=PAGE_HITS)
                hits = [{"hit": h, "parts": _snippet_parts(h.snippet)} for h in found]
                counts = facets(s, [h.id for h in found])
        return pages.get_template("search.html.j2").render(
            q=q, hits=hits, outlets=outlets, languages=languages, f=f, facets=counts, entity_name=entity_name,
            link=lambda **change: "/search?" + urlencode({k: v for k, v in (f | change).items() if v}))

    @app.get("/entity/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str) -> str:
        with store() as s:
            row = next((e for e in entities(s) if e["id"] == entity_id), None)
            if row is None:
                raise QueryError(f"no entity with id {entity_id!r}")
            articles = [dict(r) for r in s.conn.execute(
                "SELECT a.id, a.title, a.outlet, a.published, count(*) AS n FROM mentions m "
                "JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? GROUP BY a.id "
                "ORDER BY a.published_start", (entity_id,))]
        return pages.get_template("entity.html.j2").render(e=row, articles=articles)

    @app.get("/speaker", response_class=HTMLResponse, include_in_schema=False)
    def speaker_page(name: str = Query(..., min_length=1, max_length=200)) -> str:
        with store() as s:
            rows = quotes(s, speaker=name, kinds=("direct", "partial"))
        if not rows:
            raise QueryError(f"no quotes of a speaker called {name!r}")
        return pages.get_template("speaker.html.j2").render(name=name, quotes=rows,
                                                              outlets=sorted({r["outlet"] or "?" for r in rows}))

    return app


def _clamp(day: str | None) -> str | None:
    """``2024-02-31`` as a filter bound means the end of February: clamp the day instead of refusing."""
    if not day or len(day) != 10:
        return day
    import calendar

    y, m, d = int(day[:4]), int(day[5:7]), int(day[8:10])
    return f"{y:04d}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Search snippet as (text, highlighted) pieces: the template marks them, escaping every piece."""
    from ..store.search import MARK_END, MARK_START

    pieces = snippet.replace(MARK_END, MARK_START).split(MARK_START)
    return [(p, i % 2 == 1) for i, p in enumerate(pieces) if p]


def _marked(text: str, mentions: list[dict[str, Any]],
            quote: tuple[int, ...] | None = None) -> list[tuple[str, dict[str, Any] | str | None]]:
    """The text as (piece, mention | "quote" | None) so the template wraps names and the quote a reader
    followed a link to, without building HTML by hand (every piece is escaped by the template)."""
    if quote is not None and 0 <= quote[0] < quote[1] <= len(text):
        q0, q1 = quote
        mentions = [m for m in mentions if m["end"] <= q0 or m["start"] >= q1]
        mentions = sorted([*mentions, {"start": q0, "end": q1, "quote": True}], key=lambda m: m["start"])
    parts: list[tuple[str, dict[str, Any] | str | None]] = []
    pos = 0
    for m in mentions:
        if m["start"] < pos:
            continue
        parts.append((text[pos:m["start"]], None))
        parts.append((text[m["start"]:m["end"]], "quote" if m.get("quote") else m))
        pos = m["end"]
    parts.append((text[pos:], None))
    return parts


def app_from_env() -> FastAPI:
    """The app for ``duiding serve --workers N``: each worker process builds its own from the store path."""
    import os

    env = os.environ
    app = create_app(env["DUIDING_SERVE_DB"], token=env.get("DUIDING_SERVE_TOKEN") or None,
                     read_only=bool(env.get("DUIDING_SERVE_READ_ONLY")),
                     allowed_hosts=[h for h in env.get("DUIDING_SERVE_HOSTS", "").split("\n") if h],
                     any_host=bool(env.get("DUIDING_SERVE_ANY_HOST")), private=bool(env.get("DUIDING_SERVE_PRIVATE")))
    pid = str(os.getpid())

    @app.middleware("http")
    async def worker_header(request: Any, call_next: Any) -> Any:  # which process answered, for operators
        response = await call_next(request)
        response.headers["X-Duiding-Worker"] = pid
        return response

    return app
