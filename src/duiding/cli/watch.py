"""``duiding watch``: follow feeds and folders until stopped (Ctrl-C, or SIGTERM from a service manager)."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

import click

from ..errors import InputError
from ..watch import Watcher, parse_interval, parse_sources
from .common import config, db_option, open_store


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--interval", default="5m", show_default=True,
              help="Time between polls of a source (90, 90s, 5m, 2h); per source: SOURCE@10m.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=20, show_default=True,
              help="New articles stored and analysed together.")
@click.option("--host-delay", type=click.FloatRange(0, 3600), default=2.0, show_default=True,
              help="Seconds between two requests to the same host (feeds and followed links).")
@click.option("--max-backoff", default="1h", show_default=True,
              help="Longest wait after repeated errors (the wait doubles with each error in a row).")
@click.option("--settle", type=click.FloatRange(0, 3600), default=2.0, show_default=True,
              help="A file in a watched folder is read once it is this many seconds old (not while written).")
@click.option("--once", is_flag=True, help="Poll each source once and exit (for cron or a systemd timer).")
@click.option("--no-follow", is_flag=True, help="Use feed entries' own text; never download the pages they link.")
@click.option("--no-nlp", is_flag=True, help="Store new articles only; skip language analysis and stories.")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Language-analysis processes (setting workers; 0 = one per core).")
@click.pass_context
def watch(ctx: click.Context, sources: tuple[str, ...], db: str | None, interval: str, batch_size: int,
          host_delay: float, max_backoff: str, settle: float, once: bool, no_follow: bool, no_nlp: bool,
          workers: int | None) -> None:
    """Follow RSS/Atom feeds and folders: poll each (SOURCE or SOURCE@INTERVAL), analyse what is new.

    One log line per poll on stdout. Ctrl-C or SIGTERM stops after the batch in progress; what was
    stored stays, and the next start goes on from the state kept in the store.
    """
    try:
        default = parse_interval(interval)
        backoff = parse_interval(max_backoff)
    except InputError as e:
        raise click.BadParameter(str(e)) from None
    cfg = config(ctx, db=db, workers=workers, analyse=False if no_nlp else None)
    specs = parse_sources(sources, default)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():  # a second Ctrl-C: the user means it
            raise KeyboardInterrupt
        click.echo(f"duiding watch: {signal.Signals(signum).name}, stopping after the batch in progress", err=True)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with open_store(ctx, cfg.db) as store:
            watcher = Watcher(store, cfg, specs, batch_size=batch_size, host_delay=host_delay, max_backoff=backoff,
                              settle=settle, follow=not no_follow, log=lambda line: click.echo(line), stop=stop)
            click.echo(f"duiding watch: {len(specs)} source(s) into {cfg.db}", err=True)
            watcher.run(once=once)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    sys.stdout.flush()


COMMANDS = [watch]
