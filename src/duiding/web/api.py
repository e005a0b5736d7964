"""The JSON API under ``/api``: storylines, events, articles, search, quotes, speakers, entities, reports,
table exports (CSV, XLSX, JSON) and, unless read-only, the one write (``POST /api/ingest``).

Every list is paginated (``limit``, ``offset``) and says its ``total``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import NotFoundError, QueryError
from ..report.tables import csv_text, json_rows, xlsx_bytes
from ..store.annotations import article_mentions, entities
from ..store.quotes import quotes, speakers
from ..store.search import hit_dict, search_all
from ..store.stories import count_storylines, event_articles, events, storylines
from ..store.tables import TABLES
from .ingest import MAX_FILES, MAX_UPLOAD_BYTES
from .site import Site

DATE = r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
Limit = Query(50, ge=1, le=500, description="At most this many items.")
Offset = Query(0, ge=0, le=10_000_000, description="Skip this many items.")
BEARER = HTTPBearer(auto_error=False, description="The token `duiding serve` printed (or the setting token).")
BEARER_DEP = Depends(BEARER)
CSRF_FIELD = Form("", max_length=200, description="CSRF token of the /ingest page (browser writes)")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    return {"ok": True, "items": items, "limit": limit, "offset": offset, "total": total}


def clamp(day: str | None) -> str | None:
    """``2024-02-31`` as a filter bound means the end of February: clamp the day instead of refusing."""
    if not day or len(day) != 10:
        return day
    import calendar

    y, m, d = int(day[:4]), int(day[5:7]), int(day[8:10])
    return f"{y:04d}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


def exported(site: Site, table: str, fmt: str, article_ids: list[str] | None = None,
             name: str = "duiding") -> Response:
    """One table (or, for ``xlsx`` and table ``all``, every table) as a download."""
    with site.store() as s:
        if fmt == "xlsx":
            body = xlsx_bytes(s, TABLES if table == "all" else [table], article_ids)
            return Response(body, media_type=XLSX,
                            headers={"Content-Disposition": f'attachment; filename="{name}-{table}.xlsx"'})
        if table == "all":
            raise QueryError("table all is a workbook: use format xlsx, or export one table as csv or json")
        if fmt == "csv":
            return Response(csv_text(s, table, article_ids), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}-{table}.csv"'})
        import json

        return Response(json.dumps({"ok": True, "items": json_rows(s, table, article_ids)}, ensure_ascii=False),
                        media_type="application/json")


def api_router(site: Site) -> APIRouter:
    api = APIRouter(prefix="/api")
    guard, ingestor = site.guard, site.ingestor

    @api.get("/storylines", summary="Storylines with their events")
    def api_storylines(limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with site.store() as s:
            items = [line | {"events": [e["id"] for e in events(s, line["id"])]}
                     for line in storylines(s, limit, offset)]  # a page read in SQL: a store may hold 250k
            return page(items, limit, offset, count_storylines(s))

    @api.get("/events/{event_id}", summary="One event and its articles")
    def api_event(event_id: str) -> dict[str, Any]:
        with site.store() as s:
            event = next((e for e in events(s) if e["id"] == event_id), None)
            if event is None:
                raise NotFoundError(f"no event with id {event_id[:80]!r}")
            return {"ok": True, "event": event, "articles": event_articles(s, event_id)}

    @api.get("/articles", summary="Articles, oldest first")
    def api_articles(limit: int = Limit, offset: int = Offset,
                     outlet: str | None = Query(None, max_length=100, description="outlet, or `unknown`"),
                     since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                     lang: str | None = Query(None, max_length=8)) -> dict[str, Any]:
        with site.store() as s:
            f = {"outlet": outlet, "language": lang, "since": clamp(since), "until": clamp(until)}
            rows = s.articles(**f, limit=limit, offset=offset)
            return page([{k: v for k, v in r.items() if k not in ("text", "lemmas")} for r in rows], limit, offset,
                        s.count_articles(**f))

    @api.get("/articles/{article_id}", summary="One article with its entity mentions")
    def api_article(article_id: str) -> dict[str, Any]:
        with site.store() as s:
            row = s.article(article_id)
            if row is None:
                raise NotFoundError(f"no article with id {article_id[:80]!r}")
            return {"ok": True, "article": {k: v for k, v in row.items() if k != "lemmas"},
                    "mentions": article_mentions(s, row["id"])}

    @api.get("/search", summary="Full-text search: a page of hits, the total (exact up to 10,000, then "
                                 "total_exact is false), and facets over the newest 2,000 matches")
    def api_search(q: str = Query(..., min_length=1, max_length=500,
                                  description="words, \"a phrase\", word*, OR, -word, title:word, "
                                              "NEAR(a b, 5), outlet:x, speaker:x, entity:x"),
                   limit: int = Limit, offset: int = Offset, outlet: str | None = Query(None, max_length=100),
                   since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                   lang: str | None = Query(None, max_length=8),
                   entity: str | None = Query(None, max_length=200, description="entity id or any of its names"),
                   speaker: str | None = Query(None, max_length=200, description="name of a quoted speaker"),
                   ) -> dict[str, Any]:
        with site.store() as s:
            try:
                found = search_all(s, q, outlet=outlet, language=lang, since=clamp(since), until=clamp(until),
                                   entity=entity, speaker=speaker, limit=limit, offset=offset)
            except QueryError as e:
                if "nothing to search" not in str(e):
                    raise
                # "((( )))" or only "-excluded" words: nothing to search for is an empty result, not an error
                return page([], limit, offset, 0) | {"note": str(e), "total_exact": True,
                                                     "facets": search_all_empty(), "facets_over": 0}
            # total_exact false: more than COUNT_LIMIT match and total is that lower bound ("10,000+")
            return page([hit_dict(h) for h in found.hits], limit, offset, found.total) | {
                "total_exact": found.total_exact, "facets": found.facets, "facets_over": found.facets_over}

    @api.get("/quotes", summary="Quotes with speakers, articles, outlets and dates")
    def api_quotes(limit: int = Limit, offset: int = Offset, speaker: str | None = None,
                   outlet: str | None = None) -> dict[str, Any]:
        with site.store() as s:
            rows = quotes(s, speaker=speaker, outlet=outlet, kinds=("direct", "partial"))
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @api.get("/speakers", summary="Everyone quoted")
    def api_speakers(limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
        with site.store() as s:
            rows = speakers(s)
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @api.get("/entities", summary="Entities across spellings")
    def api_entities(limit: int = Limit, offset: int = Offset,
                     type: str | None = Query(None, pattern="^(PER|ORG|LOC|MISC)$")) -> dict[str, Any]:
        with site.store() as s:
            rows = entities(s, type_=type)
            return page(rows[offset:offset + limit], limit, offset, len(rows))

    @api.get("/reports/{story_id}", summary="A story explained (the report model)")
    def api_report(story_id: str) -> dict[str, Any]:
        with site.store() as s:
            return {"ok": True, "report": site.report(s, story_id)}

    @api.get("/export/{table}", summary="A table as CSV, XLSX or JSON (rows with article id, outlet and date)",
             responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
    def api_export(table: str, format: str = Query("csv", pattern="^(csv|xlsx|json)$"),
                   story: str | None = Query(None, max_length=80, description="only this storyline's or event's "
                                                                                "articles")) -> Response:
        if table not in (*TABLES, "all"):
            raise NotFoundError(f"no table {table[:40]!r}; one of {', '.join(TABLES)} (or all, as xlsx)")
        ids = None
        if story:
            with site.store() as s:
                ids = [a["id"] for a in site.report(s, story)["articles"]]
        return exported(site, table, format, ids, name=f"duiding-{story}" if story else "duiding")

    def may_write(request: Request, credentials: HTTPAuthorizationCredentials | None = BEARER_DEP,
                  csrf: str = CSRF_FIELD) -> None:
        """The token check of every write (the bearer dependency is there so /docs shows the scheme)."""
        refused = guard.write_refusal(request.headers, dict(request.cookies), csrf)
        if refused:
            raise HTTPException(*refused)

    if not site.read_only:
        @api.post("/ingest", summary="Upload article files (and/or give feed or page URLs) to analyse",
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

        @api.get("/ingest/{job_id}", summary="Progress of an ingest job")
        def api_ingest_job(job_id: str) -> dict[str, Any]:
            job = ingestor.job(job_id)
            if job is None:
                raise NotFoundError(f"no ingest job {job_id[:100]!r}")
            return {"ok": True, "job": job.as_dict()}

    return api


def search_all_empty() -> dict[str, list[Any]]:
    return {"outlet": [], "date": [], "person": [], "organisation": [], "entity": [], "speaker": []}
