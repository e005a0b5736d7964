"""Render a story report model as self-contained HTML (inline CSS and SVG, no network), Markdown or JSON."""

from __future__ import annotations

import json
from datetime import date
from html import escape
from itertools import groupby
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

_ENV = Environment(loader=PackageLoader("duiding.report", "templates"), autoescape=select_autoescape(["html", "j2"]))


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1)


def to_html(report: dict[str, Any], web: bool = False) -> str:
    """``web``: the page is served by ``duiding serve``, so speakers and quotes link to their pages."""
    quotes = sorted(report["quotes"], key=lambda q: q["speaker"] or "")
    by_speaker = [(k or "(unknown)", list(g)) for k, g in groupby(quotes, key=lambda q: q["speaker"])]
    by_speaker.sort(key=lambda kv: -len(kv[1]))
    counts = [n for row in report["speakers"]["counts"] for n in row]
    return _ENV.get_template("report.html.j2").render(
        r=report, quotes_by_speaker=by_speaker, max_count=max(counts or [1]), timeline_svg=timeline_svg(report),
        web=web, outlet_of={a["id"]: a["outlet"] or "outlet unknown" for a in report["articles"]})


def timeline_svg(report: dict[str, Any], width: int = 1080) -> str:
    """The dated happenings on one time axis: a bar per entry, grey for background, one lane each."""
    entries = report["timeline"][:40]
    if not entries:
        return ""
    starts = [date.fromisoformat(e["start"]) for e in entries]
    ends = [date.fromisoformat(e["end"]) for e in entries]
    lo, hi = min(starts), max(ends)
    span = max((hi - lo).days, 1)
    left, right, lane = 150, 20, 18
    height = 30 + lane * len(entries)

    def x(d: date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="timeline" id="timeline-svg" data-lane="{lane}" data-width="{width}">']
    for year in range(lo.year, hi.year + 1):
        d = max(lo, date(year, 1, 1))
        parts.append(f'<line x1="{x(d):.1f}" y1="14" x2="{x(d):.1f}" y2="{height}" stroke="#e4e7ec"/>'
                     f'<text x="{x(d) + 3:.1f}" y="11">{year}</text>')
    for i, (e, s, t) in enumerate(zip(entries, starts, ends, strict=True)):
        y = 20 + i * lane
        colour = "#98a2b3" if e["background"] else "#2f6fb3"
        w = max(x(t) - x(s), 4)
        label = escape(f"{e['start']}" + (f" – {e['end']}" if e["end"] != e["start"] else ""))
        sources = len(e["citations"])
        # One group per lane, tagged with its articles, so the story page can filter and re-stack lanes.
        articles = escape(" ".join(sorted({c["article"] for c in e["citations"]})))
        parts.append(f'<g class="lane{" bg" if e["background"] else ""}" data-i="{i}" data-articles="{articles}">'
                     f'<text x="4" y="{y + 11}">{label}</text>'
                     f'<rect x="{x(s):.1f}" y="{y + 2}" width="{w:.1f}" height="{lane - 6}" rx="3" fill="{colour}">'
                     f'<title>{escape(e["what"][:200])} ({sources} source{"s" if sources != 1 else ""})</title></rect>'
                     '</g>')
    parts.append("</svg>")
    return "".join(parts)


def to_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown; every piece of text from the articles is escaped (``_t``).

    Markdown passes HTML through, so a title like ``<img src=x onerror=…>`` reached any viewer that
    renders the file; now ``<``, ``>`` and ``&`` are entities and show as the characters they are.
    """
    t = _t
    out = [f"# {t(report['label'])}", "",
           f"{report['kind']} `{t(report['id'])}` · {(report['start'] or '')[:10]} – {(report['end'] or '')[:10]} · "
           f"{len(report['articles'])} articles · {len(report['outlets'])} outlets", "", "## Summary", ""]
    out += [f"{i}. {t(s['text'])} [{t(s['outlet'] or 'outlet unknown')}, {t((s['published'] or '')[:10])}, "
            f"{t(s['article'][:10])}]" for i, s in enumerate(report["summary"], 1)]
    out += ["", "## Timeline", "", "| when | precision | what | sources |", "|---|---|---|---|"]
    for e in report["timeline"]:
        when = e["start"] + (f" – {e['end']}" if e["end"] != e["start"] else "")
        when += " (background)" if e["background"] else ""
        sources = ", ".join(f"{c['outlet'] or 'outlet unknown'} ({c['expression']})" for c in e["citations"])
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
            out.append(f"| {_cell(g['about'])} | {_cell(status)} | {_cell(m['outlet'] or 'outlet unknown')} | "
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
