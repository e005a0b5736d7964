"""``duiding serve``: the web UI and JSON API on the store, bound to 127.0.0.1 unless told otherwise.

Writes need a token: ``--token``, else the setting ``token`` (``DUIDING_TOKEN``), else a new random
one printed at start. ``--read-only`` serves no write route at all. Bound beyond loopback, the
server says what that exposes.
"""

from __future__ import annotations

import os

import click

from ..web.security import is_loopback, is_wildcard, new_token
from .common import config, db_option, err, open_store, out


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more use more cores for many readers (each keeps its own report cache).")
@click.option("--read-only", is_flag=True, help="No write routes at all (no uploads, no /ingest page).")
@click.option("--token", default=None, metavar="TOKEN",
              help="Token writes must present (default: setting token, else a new random one, printed).")
@click.option("--private", is_flag=True, help="Reading needs the token too (the printed link, or the bearer header).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A name clients use to reach the server (Host header), besides localhost; repeatable.")
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int, workers: int, read_only: bool,
          token: str | None, private: bool, allowed_hosts: tuple[str, ...]) -> None:
    """Browse stories, articles, quotes and search in a browser; the JSON API and its docs are at /api and /docs."""
    import uvicorn

    from ..web import create_app

    cfg = config(ctx, db=db)
    path = cfg.db
    with open_store(ctx, db, readonly=True):
        pass  # a missing or broken store is a one-line error now, not a server that fails on every request
    token = token or cfg.token or new_token()
    if token and len(token) < 16:
        raise click.BadParameter("a token of fewer than 16 characters is too easy to guess", param_hint="--token")
    hosts = [*allowed_hosts, *([] if is_wildcard(host) else [host])]
    any_host = is_wildcard(host) and not allowed_hosts
    shown = host if not is_wildcard(host) else (allowed_hosts[0] if allowed_hosts else "127.0.0.1")
    if not is_loopback(host):
        err.print(f"warning: listening on {host}: every machine that can reach this one can read the whole store "
                  f"({path}): articles, quotes, reports" + ("" if read_only else
                  "; writes need the token, which travels unencrypted over plain http (use --read-only, "
                  "or put a TLS proxy in front)") + ("; reading needs the token too (--private)" if private else
                  "; add --private to make reading need the token too") +
                  ("; any Host name is accepted: name the server with --allowed-host" if any_host else ""),
                  markup=False, highlight=False, soft_wrap=True)
    out.print(f"duiding on http://{shown}:{port}/ (store {path}); Ctrl-C stops it", markup=False)
    if read_only:
        out.print("read-only: no uploads, no write routes", markup=False)
        if private:
            out.print(f"private: open http://{shown}:{port}/?token={token} to read", markup=False, soft_wrap=True)
    else:
        out.print(f"to add articles, open http://{shown}:{port}/ingest?token={token} "
                  f"(scripts: Authorization: Bearer {token})", markup=False, soft_wrap=True)
    if workers == 1:
        uvicorn.run(create_app(path, cfg, token=token, read_only=read_only, allowed_hosts=hosts, any_host=any_host,
                               private=private), host=host, port=port, log_level="warning")
        return
    # Several processes need the app by import path; each builds it from the store path.
    os.environ["DUIDING_SERVE_DB"] = str(path)
    os.environ["DUIDING_SERVE_TOKEN"] = token
    os.environ["DUIDING_SERVE_READ_ONLY"] = "1" if read_only else ""
    os.environ["DUIDING_SERVE_HOSTS"] = "\n".join(hosts)
    os.environ["DUIDING_SERVE_ANY_HOST"] = "1" if any_host else ""
    os.environ["DUIDING_SERVE_PRIVATE"] = "1" if private else ""
    uvicorn.run("duiding.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


COMMANDS = [serve]
