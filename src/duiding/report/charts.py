"""Small charts drawn without a network or a JavaScript library: inline SVG and data for HTML grids.

- ``sparkline``: articles per time bin of one storyline, for the home page list.
- ``coverage``: an outlet-by-time grid (how many articles each outlet published in each period).
- ``bars``: heights for a date histogram (search facets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any


def _day(text: str | None) -> date | None:
    """The (first) day of an ISO date, month (``2019-03``) or year (``2019``); None when there is none."""
    if not text:
        return None
    head = text[:10]
    head = head + "-01" * ((10 - len(head)) // 3) if len(head) in (4, 7) else head
    try:
        return date.fromisoformat(head)
    except ValueError:
        return None


def bins(lo: date, hi: date, most: int) -> list[tuple[date, date]]:
    """At most ``most`` equal periods covering lo..hi, each whole days (a day, a week, ...)."""
    days = (hi - lo).days + 1
    width = max(1, -(-days // most))
    if width > 3:  # round to weeks or 30-day periods, so the labels mean something
        width = 7 if width <= 7 else -(-width // 7) * 7 if width <= 28 else -(-width // 30) * 30
    out = []
    start = lo
    while start <= hi:
        end = min(start + timedelta(days=width - 1), hi)
        out.append((start, end))
        start = end + timedelta(days=1)
    return out


def _bin_of(d: date, periods: Sequence[tuple[date, date]]) -> int:
    for i, (a, b) in enumerate(periods):
        if a <= d <= b:
            return i
    return len(periods) - 1 if d > periods[-1][1] else 0


def sparkline(days: Iterable[str | None], *, most: int = 24, width: int = 120, height: int = 26,
              lo: str | None = None, hi: str | None = None) -> str:
    """Articles per period as an inline SVG bar strip; empty string when no article has a date."""
    dated = [d for d in (_day(x) for x in days) if d is not None]
    if not dated:
        return ""
    first, last = _day(lo) or min(dated), _day(hi) or max(dated)
    periods = bins(first, max(last, first), most)
    counts = Counter(_bin_of(d, periods) for d in dated)
    top = max(counts.values())
    bar = width / len(periods)
    parts = [f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{len(dated)} dated articles, {first.isoformat()} to {last.isoformat()}">']
    for i in range(len(periods)):
        n = counts.get(i, 0)
        h = 0 if not n else max(2.0, (height - 2) * n / top)
        parts.append(f'<rect x="{i * bar:.1f}" y="{height - h:.1f}" width="{max(bar - 1, 1):.1f}" height="{h:.1f}" '
                     'fill="#2f6fb3"/>')
    parts.append(f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" stroke="#d0d5dd"/></svg>')
    return "".join(parts)


def _label(a: date, b: date) -> str:
    if a == b:
        return a.strftime("%d %b").lstrip("0")
    if a.year == b.year and a.month == b.month:
        return f"{a.day}–{b.day} {b.strftime('%b')}"
    return f"{a.strftime('%d %b').lstrip('0')} – {b.strftime('%d %b').lstrip('0')}"


def coverage(items: Iterable[tuple[str, str | None]], *, most: int = 12, lo: str | None = None,
             hi: str | None = None) -> dict[str, Any]:
    """Outlet-by-period counts: ``{"columns": [labels], "rows": [(outlet, [n...], total)], "max": n,
    "undated": {outlet: n}}``, outlets with the most articles first."""
    pairs = list(items)
    dated = [(o, d) for o, d in ((o, _day(x)) for o, x in pairs) if d is not None]
    undated = Counter(o for o, x in pairs if _day(x) is None)
    if not dated:
        return {"columns": [], "rows": [], "max": 0, "undated": dict(undated)}
    first = _day(lo) or min(d for _, d in dated)
    last = max(_day(hi) or max(d for _, d in dated), first)
    periods = bins(first, last, most)
    grid: dict[str, Counter[int]] = {}
    for outlet, d in dated:
        grid.setdefault(outlet, Counter())[_bin_of(d, periods)] += 1
    rows = sorted(((o, [c.get(i, 0) for i in range(len(periods))]) for o, c in grid.items()),
                  key=lambda r: (-sum(r[1]), r[0]))
    return {"columns": [_label(a, b) for a, b in periods], "rows": [(o, ns, sum(ns)) for o, ns in rows],
            "max": max(max(ns) for _, ns in rows), "undated": dict(undated)}


def bars(values: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A date facet (``value`` = month or day, ``n``) with each bar's height in percent of the highest."""
    top = max((v["n"] for v in values), default=0)
    return [v | {"pct": round(100 * v["n"] / top) if top else 0} for v in values]
