"""The ``duiding`` command: thin wrappers over the library, one module per command group.

Every DuidingError becomes one line on stderr and exit status 2, and so does every failure of the
environment (a read-only or full disk, a folder that cannot be written: ``OSError`` and SQLite's
operational errors); nothing else is caught, so a real bug still shows its traceback to whoever
must fix it.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Any

import click

from ..errors import DuidingError
from . import browse, claims, entities, export, ingest, quotes, reports, serve, settings, stories, train, watch


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DuidingError as e:
            click.echo(f"duiding: error: {e}", err=True)
            sys.exit(2)
        except (sqlite3.OperationalError, sqlite3.DatabaseError) as e:  # a write that the machine refused
            from ..store.db import sqlite_error

            click.echo(f"duiding: error: {sqlite_error(None, e)}", err=True)
            sys.exit(2)
        except OSError as e:
            if isinstance(e, BrokenPipeError):
                sys.exit(0)
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"duiding: error: {where}{e.strerror or e}", err=True)
            sys.exit(2)
        except BrokenPipeError:  # `duiding export | head` is fine
            sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="duiding")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="TOML settings file (default: $DUIDING_CONFIG, else ./duiding.toml when present).")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """duiding: turn a pile of news articles into an explained story."""
    ctx.obj = {"config_path": config_path}


for module in (ingest, browse, stories, reports, entities, quotes, claims, export, serve, settings, train, watch):
    for command in module.COMMANDS:
        main.add_command(command)
main.add_command(browse.article, name=browse.ARTICLE_ALIAS)
