"""``duiding claims`` and ``duiding timeline``: the numbers outlets report and the dates they mention."""

from __future__ import annotations

import json

import click
from rich.table import Table

from ..store.claims import claim_groups, sentence_text
from ..store.claims import claims as list_claims
from ..store.db import UNKNOWN_OUTLET
from .common import db_option, open_store, out, story_ids


@click.command()
@db_option
@click.option("--story", help="Only claims in this storyline or event.")
@click.option("--disagreements", is_flag=True, help="Only groups of claims whose values differ.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.pass_context
def claims(ctx: click.Context, db: str | None, story: str | None, disagreements: bool, as_json: bool) -> None:
    """Numeric claims (value, unit, hedge, what they are about), or where outlets agree and disagree."""
    with open_store(ctx, db, readonly=True) as store:
        ids = story_ids(store, story) if story else None
        members = {r["id"]: r for r in list_claims(store, ids)}
        for r in members.values():
            r["outlet"] = r["outlet"] or UNKNOWN_OUTLET
        if disagreements:
            rows = [{"about": g["about"], "severity": g["severity"], "outlet": members[c]["outlet"],
                     "reported": members[c]["text"],
                     "sentence": sentence_text(store, members[c]["article_id"], members[c]["start"])[0]}
                    for g in claim_groups(store, "discrepancy") for c in g["claims"] if c in members]
        else:
            rows = [{"about": r["about"], "outlet": r["outlet"], "value": r["value"], "unit": r["unit"],
                     "hedge": r["hedge"], "reported": r["text"], "article": r["article_id"]}
                    for r in members.values()]
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} {'disagreeing claims' if disagreements else 'claims'}", header_style="bold",
                  expand=True)
    cols = ("about", "severity", "outlet", "reported", "sentence") if disagreements else \
        ("about", "outlet", "reported", "value", "unit", "hedge")
    for col in cols:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(str(r.get(c) if r.get(c) is not None else "—") for c in cols))
    out.print(table)


COMMANDS = [claims]
