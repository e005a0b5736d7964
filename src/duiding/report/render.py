"""Render a story report model as self-contained HTML (inline CSS and SVG, no network), Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from itertools import groupby
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..store.db import UNKNOWN_OUTLET
from .charts import coverage

_ENV = Environment(loader=PackageLoader("duiding.report", "templates"), autoescape=select_autoescape(["html", "j2"]))


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1)


def to_html(report: dict[str, Any], web: bool = False, nav: Sequence[tuple[str, str]] = ()) -> str:
    """``web``: the page is served by ``duiding serve``, so it has the site's navigation (``nav``) and
    articles, speakers, quotes and events link to their pages; a file report links within itself."""
    quotes = sorted(report["quotes"], key=lambda q: q["speaker"] or "")
    by_speaker = [(k or "(unknown)", list(g)) for k, g in groupby(quotes, key=lambda q: q["speaker"])]
    by_speaker.sort(key=lambda kv: -len(kv[1]))
    counts = [n for row in report["speakers"]["counts"] for n in row]
    focus = timeline_focus(report)
    return _ENV.get_template("report.html.j2").render(
        r=report, quotes_by_speaker=by_speaker, max_count=max(counts or [1]), timeline=focus,
        web=web, nav=nav, coverage=coverage([(a["outlet"] or UNKNOWN_OUTLET, a["published"])
                                             for a in report["articles"]], lo=report["start"], hi=report["end"]),
        outlet_of={a["id"]: a["outlet"] or UNKNOWN_OUTLET for a in report["articles"]},
        title_of={a["id"]: a["title"] or a["id"][:10] for a in report["articles"]},
        href=(lambda article: f"/article/{article}") if web else (lambda article: f"#a-{article}"))


def timeline_focus(report: dict[str, Any]) -> dict[str, Any]:
    """The timeline on the story's own span: entries that start inside it placed on one axis (``left``/
    ``width`` in percent), the rest listed apart and folded away — background (starting before the
    story) and outlook (starting after it).

    The axis used to run over every date mentioned (2006-2024 for a story of two weeks, or "the past
    20 years" stretching it to 1999), squeezing the story into one edge; now it runs from the story's
    first to its last article with a small margin, and a long period that starts inside is cut at the edge.
    """
    entries = report["timeline"]
    start = _date(report["start"]) or min((d for e in entries if (d := _date(e["start"]))), default=None)
    end = _date(report["end"]) or start
    if start is None or end is None:
        return {"inside": [], "before": [], "after": [], "lo": None, "hi": None, "ticks": []}
    pad = timedelta(days=max(1, (end - start).days // 10))
    lo, hi = start - pad, end + pad
    span = max((hi - lo).days, 1)
    inside, before, after = [], [], []
    for e in entries:
        s, t = _date(e["start"]), _date(e["end"])
        if s is None or t is None:
            continue
        if e["background"] or s < lo:
            before.append(e | {"when": _when(e)})
        elif s > hi:
            after.append(e | {"when": _when(e)})
        else:
            left = min(100 * (s - lo).days / span, 98.5)  # an entry on the last day still shows a bar
            width = max(100 * ((min(t, hi) - s).days + 1) / (span + 1), 1.5)
            inside.append(e | {"left": round(left, 1), "width": round(min(width, 100 - left), 1),
                               "when": _when(e), "cut": t > hi})
    ticks = [{"label": _short(d, lo.year != hi.year), "left": round(100 * (d - lo).days / span, 1)}
             for d in (lo, lo + (hi - lo) / 2, hi)]
    return {"inside": inside, "before": before, "after": after, "lo": lo.isoformat(), "hi": hi.isoformat(),
            "ticks": ticks}


def _short(d: date, year: bool = False) -> str:
    return f"{d.day} {d.strftime('%b')}" + (f" {d.year}" if year else "")


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _when(e: dict[str, Any]) -> str:
    return e["start"] + (f" – {e['end']}" if e["end"] != e["start"] else "")


def to_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown; every piece of text from the articles is escaped (``_t``).

    Markdown passes HTML through, so a title like ``<img src=x onerror=…>`` reached any viewer that
    renders the file; now ``<``, ``>`` and ``&`` are entities and show as the characters they are.
    """
    t = _t
    out = [f"# {t(report['label'])}", "",
           f"{report['kind']} `{t(report['id'])}` · {(report['start'] or '')[:10]} – {(report['end'] or '')[:10]} · "
           f"{len(report['articles'])} articles · {len(report['outlets'])} outlets", "", "## Summary", ""]
    out += [f"{i}. {t(s['text'])} [{t(s['outlet'] or UNKNOWN_OUTLET)}, {t((s['published'] or '')[:10])}, "
            f"{t(s['article'][:10])}]" for i, s in enumerate(report["summary"], 1)]
    out += ["", "## Timeline", "", "| when | precision | what | sources |", "|---|---|---|---|"]
    for e in report["timeline"]:
        when = e["start"] + (f" – {e['end']}" if e["end"] != e["start"] else "")
        when += " (background)" if e["background"] else ""
        sources = ", ".join(f"{c['outlet'] or UNKNOWN_OUTLET} ({c['expression']})" for c in e["citations"])
        out.append(f"| {_cell(when)} | {_cell(e['precision'])} | {_cell(e['what'])} | {_cell(sources)} |")
    matrix = report["speakers"]
    out += ["", "## Who is quoted where", "", "| speaker | " + " | ".join(_cell(o) for o in matrix["outlets"]) + " |",
            "|---|" + "---|" * len(matrix["outlets"])]
    out += [f"| {_cell(s)} | " + " | ".join(str(n or "") for n in row) + " |"
            for s, row in zip(matrix["speakers"], matrix["counts"], strict=True)]
    out += ["", "## Numbers", "", "| about | status | outlet | reported |", "|---|---|---|---|"]
    for g in report["claim_groups"]:
        for m in g["members"]:
            status = g["status"] + (f" ({g['severity']})" if g["severity"] else "")
            out.append(f"| {_cell(g['about'])} | {_cell(status)} | {_cell(m['outlet'] or UNKNOWN_OUTLET)} | "
                       f"{_cell(m['text'])} |")
    out += ["", "## Outlets", ""]
    for o in report["outlets"]:
        out.append(f"### {t(o['outlet'])} ({len(o['articles'])} articles, {o['words']} words)")
        if o["speakers"]:
            out.append("Quotes: " + ", ".join(f"{t(s)} ({n})" for s, n in o["speakers"].items()))
        out += [f"- only here: {t(u['text'])}" for u in o["unique"]]
        out.append("")
    out += ["## Entities", ""] + [f"- {t(e['name'])} ({t(e['type'])}): {e['articles']} articles, "
                                  f"{e['mentions']} mentions" for e in report["entities"]]
    return "\n".join(out) + "\n"


def _t(text: Any) -> str:
    """Text from the data as literal Markdown: no HTML, and on one line."""
    return escape(" ".join(str(text).split()), quote=False)


def _cell(text: Any) -> str:
    return _t(text).replace("|", "\\|")
