"""Time expressions: found by Dutch rules (word lists in ``lang/nl.py``), pinned to the calendar.

Each expression is resolved against the article's publication date *range*: an article dated
only ``2023-09`` may have been written on any day of September, so ``volgende week`` is resolved
for the first and the last possible day and the answer is the union, with its precision widened
to match (``month`` instead of ``week``). An expression that depends on an earlier one (``een
paar maanden later``) is resolved against the last absolute date the article gave.

Covered: ``10 tot 13 september``, ``tussen 10 en 13 september``, ``13 september (2023)``,
``februari 2019``, ``in juli``, ``in 2019``, ``tussen 2006 en 2017``, ``begin/eind/medio juli``,
``eind dit jaar``, ``deze zomer``, ``vandaag``, ``gisteren``, ``volgende week``, ``vorig jaar``,
``afgelopen woensdag``, ``vier jaar geleden``, ``over twee weken``, ``een paar maanden later``,
``de afgelopen dagen``. ``dateparser`` was measured on these and gets ranges, ``eind juli``,
``afgelopen dinsdag`` and ``over twee weken`` wrong (../shared/dependencies.md), hence own rules.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from types import ModuleType

PRECISION_ORDER = ("day", "week", "month", "season", "year", "decade")


@dataclass(frozen=True)
class Timex:
    start: int  # character span in the article text
    end: int
    text: str
    value_start: str  # ISO date
    value_end: str
    precision: str  # day | week | month | season | year | decade
    relative: bool  # resolved against the article date (or an earlier expression)


Range = tuple[date, date]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> Range:
    return date(y, m, 1), _month_end(y, m)


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    return date(y, m % 12 + 1, min(d.day, calendar.monthrange(y, m % 12 + 1)[1]))


def _precision_of(span: Range) -> str:
    days = (span[1] - span[0]).days + 1
    for name, limit in (("day", 1), ("week", 7), ("month", 45), ("season", 100), ("year", 370), ("decade", 3700)):
        if days <= limit:
            return name
    return "decade"


def _wider(a: str, b: str) -> str:
    return max(a, b, key=PRECISION_ORDER.index)


class _Rules:
    def __init__(self, lang: ModuleType) -> None:
        self.lang = lang
        months = "|".join(sorted(lang.MONTHS, key=len, reverse=True))
        wd = "|".join(lang.WEEKDAYS)
        units = "|".join(sorted(lang.RELATIVE_UNITS, key=len, reverse=True))
        dur = "|".join(sorted(lang.DURATION_UNITS, key=len, reverse=True))
        count = "|".join(sorted(lang.VAGUE_COUNTS, key=len, reverse=True))
        nxt, lst, this = ("|".join(x) for x in (lang.NEXT_WORDS, lang.LAST_WORDS, lang.THIS_WORDS))
        parts = "|".join(sorted(lang.PERIOD_PARTS, key=len, reverse=True))
        rel_days = "|".join(sorted(lang.RELATIVE_DAYS, key=len, reverse=True))
        seasons = "|".join(lang.SEASONS)
        y = r"(?P<y>(?:19|20)\d\d)"
        Handler = Callable[[re.Match[str], Range], tuple[Range, str] | None]
        self.patterns: list[tuple[re.Pattern[str], Handler, bool]] = [
            (re.compile(rf"\b(?:tussen|van)\s+(?P<d1>\d{{1,2}})\s+(?:en|tot(?:\s+en\s+met)?|t/m|-|–)\s+"
                        rf"(?P<d2>\d{{1,2}})\s+(?P<mon>{months})\.?(?:\s+{y})?\b", re.I), self._day_range, False),
            (re.compile(rf"\b(?P<d1>\d{{1,2}})\s*(?:-|–|tot|t/m)\s*(?P<d2>\d{{1,2}})\s+(?P<mon>{months})\.?"
                        rf"(?:\s+{y})?\b", re.I), self._day_range, False),
            # "and" too: a source wrote "tussen 2006 and 2017"
            (re.compile(r"\b(?:tussen|van)\s+(?P<y1>(?:19|20)\d\d)\s+(?:en|and|tot|-|–)\s+"
                        r"(?P<y2>(?:19|20)\d\d)\b", re.I), self._year_range, False),
            (re.compile(rf"\b(?P<part>{parts})\s+(?P<mon>{months})(?:\s+{y})?\b", re.I), self._part_month, False),
            (re.compile(rf"\b(?P<part>{parts})\s+(?:(?P<this>dit|vorig|volgend)\s+jaar|{y})\b", re.I),
             self._part_year, False),
            (re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{months})\.?(?:\s+{y})?\b", re.I), self._day, False),
            (re.compile(rf"\b(?P<mon>{months})\s+{y}\b", re.I), self._month_year, False),
            (re.compile(rf"\b(?:in|sinds|vanaf|tot|rond|na|voor)\s+(?P<mon>{months})\b(?!\s+(?:19|20)\d\d)", re.I),
             self._bare_month, True),
            (re.compile(rf"\b(?P<rel>{rel_days})\b", re.I), self._relative_day, True),
            (re.compile(rf"\b(?P<dir>{nxt}|{lst}|{this})\s+(?P<wd>{wd})\b", re.I), self._weekday, True),
            (re.compile(rf"\b(?P<dir>{nxt}|{lst}|{this})\s+(?P<unit>{units})\b", re.I), self._relative_unit, True),
            (re.compile(rf"\b(?P<dir>{lst})\s+dagen\b", re.I), self._recent_days, True),
            (re.compile(rf"\b(?P<n>\d+|{count})\s+(?P<unit>{dur})\s+(?P<dir>geleden|later|eerder|daarna|daarvoor)\b",
                        re.I), self._offset, True),
            (re.compile(rf"\bover\s+(?P<n>\d+|{count})\s+(?P<unit>{dur})\b", re.I), self._ahead, True),
            (re.compile(rf"\b(?:in|sinds|vanaf|tot|rond|voor|na|begin|eind)\s+{y}\b", re.I), self._year, False),
            (re.compile(r"\bjaren\s+(?P<dec>['’]?\d0|" + "|".join(lang.DECADE_WORDS) + r")\b", re.I), self._decade,
             False),
            (re.compile(rf"\b(?:deze|dit|vorige|vorig|afgelopen|komende|komend|volgende|volgend)\s+(?P<season>{seasons})\b",
                        re.I), None, True),
        ]
        self.last_absolute: Range | None = None

    # each rule returns (range, natural precision) for one anchor day range
    def _year_of(self, m: re.Match[str], anchor: Range, month: int) -> int:
        if m.groupdict().get("y"):
            return int(m.group("y"))
        ref = anchor[0]
        candidates = [date(ref.year + k, month, 1) for k in (-1, 0, 1)]
        return min(candidates, key=lambda d: abs((d - ref).days)).year  # the nearest such month

    def _mon(self, m: re.Match[str]) -> int:
        return int(self.lang.MONTHS[m.group("mon").lower().rstrip(".")])

    def _day_range(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        mon = self._mon(m)
        y = self._year_of(m, anchor, mon)
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        last = calendar.monthrange(y, mon)[1]
        if not (1 <= d1 <= d2 <= last):
            return None
        return (date(y, mon, d1), date(y, mon, d2)), "day"

    def _year_range(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        return ((date(y1, 1, 1), date(y2, 12, 31)), "year") if y1 <= y2 else None

    def _part_month(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        mon = self._mon(m)
        y = self._year_of(m, anchor, mon)
        lo, hi = self.lang.PERIOD_PARTS[m.group("part").lower()]
        last = calendar.monthrange(y, mon)[1]
        return (date(y, mon, lo), date(y, mon, min(hi, last))), "week"

    def _part_year(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        if m.group("y"):
            y = int(m.group("y"))
        else:
            y = anchor[0].year + {"dit": 0, "vorig": -1, "volgend": 1}[m.group("this").lower()]
        lo, hi = self.lang.YEAR_PARTS[m.group("part").lower()]
        return (date(y, lo, 1), _month_end(y, hi)), "season"

    def _day(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        mon = self._mon(m)
        y = self._year_of(m, anchor, mon)
        d = int(m.group("d"))
        if not 1 <= d <= calendar.monthrange(y, mon)[1]:
            return None
        return (date(y, mon, d), date(y, mon, d)), "day"

    def _month_year(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        return _month(int(m.group("y")), self._mon(m)), "month"

    def _bare_month(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        mon = self._mon(m)
        return _month(self._year_of(m, anchor, mon), mon), "month"

    def _year(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        y = int(m.group("y"))
        return (date(y, 1, 1), date(y, 12, 31)), "year"

    def _relative_day(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        d = anchor[0] + timedelta(days=self.lang.RELATIVE_DAYS[m.group("rel").lower()])
        return (d, d), "day"

    def _weekday(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        target = self.lang.WEEKDAYS[m.group("wd").lower()]
        ref = anchor[0]
        direction = m.group("dir").lower()
        if direction in self.lang.NEXT_WORDS:
            delta = (target - ref.weekday()) % 7 or 7
        elif direction in self.lang.LAST_WORDS:
            delta = -((ref.weekday() - target) % 7 or 7)
        else:
            delta = target - ref.weekday()
        d = ref + timedelta(days=delta)
        return (d, d), "day"

    def _relative_unit(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        word = m.group("dir").lower()
        step = 1 if word in self.lang.NEXT_WORDS else -1 if word in self.lang.LAST_WORDS else 0
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        ref = anchor[0]
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
            return (monday, monday + timedelta(days=6)), "week"
        if unit == "weekend":
            saturday = ref + timedelta(days=(5 - ref.weekday()) % 7) + timedelta(weeks=min(step, 0))
            return (saturday, saturday + timedelta(days=1)), "day"
        if unit == "month":
            first = _add_months(date(ref.year, ref.month, 1), step)
            return _month(first.year, first.month), "month"
        if unit == "year":
            return (date(ref.year + step, 1, 1), date(ref.year + step, 12, 31)), "year"
        if unit == "season":
            return self._season_range(m.group("unit").lower(), step, ref), "season"
        if unit == "decade":
            start = ref.year - ref.year % 10 + 10 * step
            return (date(start, 1, 1), date(start + 9, 12, 31)), "decade"
        return None

    def _recent_days(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        return (anchor[0] - timedelta(days=4), anchor[0]), "week"

    def _count(self, m: re.Match[str]) -> int:
        n = m.group("n").lower()
        return int(n) if n.isdigit() else self.lang.VAGUE_COUNTS.get(n, 2)

    def _shift(self, ref: date, n: int, unit: str) -> Range:
        if unit == "day":
            d = ref + timedelta(days=n)
            return (d, d)
        if unit == "week":
            d = ref + timedelta(weeks=n)
            return (d - timedelta(days=3), d + timedelta(days=3))
        if unit == "month":
            d = _add_months(ref, n)
            return _month(d.year, d.month)
        if unit == "century":
            return (date(ref.year + 100 * n, 1, 1), date(ref.year + 100 * n, 12, 31))
        return (date(ref.year + n, 1, 1), date(ref.year + n, 12, 31))

    def _offset(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        unit = self.lang.DURATION_UNITS[m.group("unit").lower()]
        n = self._count(m)
        direction = m.group("dir").lower()
        sign = -1 if direction in ("geleden", "eerder", "daarvoor") else 1
        ref = anchor[0] if direction == "geleden" else (self.last_absolute or anchor)[0]
        span = self._shift(ref, sign * n, unit)
        return span, {"day": "day", "week": "week", "month": "month"}.get(unit, "year")

    def _ahead(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        unit = self.lang.DURATION_UNITS[m.group("unit").lower()]
        return self._shift(anchor[0], self._count(m), unit), {"day": "day", "week": "week"}.get(unit, "month")

    def _season(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        word = m.group(0).split()[0].lower()
        step = 1 if word in ("komende", "komend", "volgende", "volgend") else \
            -1 if word in ("vorige", "vorig", "afgelopen") else 0
        return self._season_range(m.group("season").lower(), step, anchor[0]), "season"

    def _season_range(self, season: str, step: int, ref: date) -> Range:
        """``deze zomer``: this year's; ``komende winter``: the next one to start; ``vorige zomer``: the last to end."""
        lo, hi = self.lang.SEASONS[season]

        def of(year: int) -> Range:
            return date(year, lo, 1), _month_end(year + 1 if hi < lo else year, hi)

        if step > 0:
            return next(of(y) for y in (ref.year - 1, ref.year, ref.year + 1) if of(y)[0] > ref)
        if step < 0:
            return next(of(y) for y in (ref.year + 1, ref.year, ref.year - 1, ref.year - 2) if of(y)[1] < ref)
        return of(ref.year)

    def _decade(self, m: re.Match[str], anchor: Range) -> tuple[Range, str] | None:
        word = m.group("dec").lower().strip("'’")
        tens = int(word) if word.isdigit() else self.lang.DECADE_WORDS.get(word)
        if tens is None:
            return None
        start = (2000 if tens == 0 else 1900) + tens
        return (date(start, 1, 1), date(start + 9, 12, 31)), "decade"


def find_timexes(text: str, anchor: Range | None, lang: ModuleType) -> list[Timex]:
    """Time expressions in ``text``, resolved against the article's date range ``anchor`` (None: absolute only)."""
    rules = _Rules(lang)
    rules.patterns[-1] = (rules.patterns[-1][0], rules._season, True)  # seasons resolve relative to the anchor
    found: list[tuple[int, int, re.Match[str], Callable, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern, handler, relative in rules.patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # a longer rule already covers these words
            found.append((m.start(), m.end(), m, handler, relative))
            taken.append((m.start(), m.end()))
    out = []
    for start, end, m, handler, relative in sorted(found, key=lambda x: x[0]):
        if relative and anchor is None:
            continue
        resolved = _resolve(handler, m, anchor, relative)
        if resolved is None:
            continue
        span, precision = resolved
        if not relative:
            rules.last_absolute = span
        out.append(Timex(start, end, text[start:end], span[0].isoformat(), span[1].isoformat(), precision, relative))
    return out


def _resolve(handler: Callable, m: re.Match[str], anchor: Range | None, relative: bool) -> tuple[Range, str] | None:
    """Resolve for the first and last day the article may have been written; widen precision to the union."""
    days = [anchor] if anchor is None else [(anchor[0], anchor[0]), (anchor[1], anchor[1])]
    spans = []
    precision = "day"
    for day in days:
        ref = day if day is not None else (date(2000, 1, 1), date(2000, 1, 1))
        try:
            result = handler(m, ref)
        except (ValueError, KeyError, OverflowError):
            return None
        if result is None:
            return None
        spans.append(result[0])
        precision = result[1]
    union = (min(s[0] for s in spans), max(s[1] for s in spans))
    if relative and len(spans) > 1 and spans[0] != spans[1]:
        precision = _wider(precision, _precision_of(union))
    return union, precision
