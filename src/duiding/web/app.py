"""The FastAPI application: a JSON API under ``/api`` (``api.py``) and server-rendered pages (``pages.py``)
over one store.

Each request opens the SQLite file read-only (WAL lets readers work while ``analyze`` writes),
so the web process never blocks or corrupts an ingest. Every list is paginated (``limit``,
``offset``); every piece of article text reaches HTML through Jinja2's autoescaping. The one
write, ``POST /api/ingest``, needs the server's token (``security.py``) and does not exist at all
in read-only mode. Errors are JSON for the API and an HTML page for a browser (``errors.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from ..config import Config, load_config
from . import errors
from .api import api_router
from .ingest import MAX_UPLOAD_BYTES, UploadError
from .pages import page_router
from .security import BodyTooLarge, Guard, GuardMiddleware
from .site import Site


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
DOCS_ASSETS = "/docs-assets"


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
    # /docs and /redoc are served by pages.py from the fastapi-offline package: FastAPI's own load from a CDN.
    app = FastAPI(title="duiding", version="0.1.0", responses=ERRORS, docs_url=None, redoc_url=None,
                  description="News articles explained: stories, entities, quotes, timelines, numbers.")
    site = Site(db, cfg, guard, read_only=read_only)
    app.state.guard = guard
    app.state.read_only = read_only
    app.state.site = site
    errors.install(app, site.pages)

    @app.exception_handler(BodyTooLarge)
    async def too_large(_: Request, exc: BodyTooLarge) -> Any:
        return errors.error_response(413, str(exc))

    @app.exception_handler(UploadError)
    async def bad_upload(_: Request, exc: UploadError) -> Any:
        return errors.error_response(400, str(exc))

    app.add_middleware(GuardMiddleware, guard=guard)
    app.include_router(api_router(site))
    app.include_router(page_router(site))
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(_swagger_assets())), name="docs-assets")
    return app


def _swagger_assets() -> Path:
    """Swagger UI 5's and ReDoc's files from the fastapi-offline wheel (MIT), so /docs needs no network.

    (swagger-ui-bundle ships Swagger UI 4, which cannot read FastAPI's OpenAPI 3.1 schema.)
    """
    import importlib.resources

    return Path(str(importlib.resources.files("fastapi_offline") / "static"))


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
