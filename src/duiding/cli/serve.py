"""``duiding serve``: the web UI and JSON API on the store, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import os

import click

from .common import config, db_option, open_store, out


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more use more cores for many readers (each keeps its own report cache).")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, workers: int) -> None:
    """Browse stories, articles, quotes and search in a browser; the JSON API and its docs are at /api and /docs."""
    import uvicorn

    from ..web import create_app

    path = config(ctx, db=db).db
    with open_store(ctx, db, readonly=True):
        pass  # a missing or broken store is a one-line error now, not a server that fails on every request
    out.print(f"duiding on http://{host}:{port}/ (store {path}); Ctrl-C stops it", markup=False)
    if workers == 1:
        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
        return
    # Several processes need the app by import path; each builds it from the store path.
    os.environ["DUIDING_SERVE_DB"] = str(path)
    uvicorn.run("duiding.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


COMMANDS = [serve]
