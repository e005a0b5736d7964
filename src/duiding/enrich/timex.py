"""Time expressions: a small grammar of Dutch date language (words in ``lang/nl.py``), pinned to the calendar.

Each expression is resolved against the article's publication date *range*: an article dated
only ``2023-09`` may have been written on any day of September, so ``volgende week`` is resolved
for the first and the last possible day and the answer is the union, with its precision widened
to match (``month`` instead of ``week``). An expression that depends on an earlier one (``een
paar maanden later``, ``de volgende dag``, ``datzelfde jaar``) is resolved against the last
absolute date the article gave.

The grammar is built from parts, so that forms combine the way Dutch combines them:

- *points*: numeric dates in every common order and separator (``9-4``, ``30/06/2021``,
  ``2022-10``, ``7-okt-2020``), days written out or as ordinals (``zeven mei``, ``de 1e van
  januari``, ``dinsdag de 17e``), years in digits or words, weekdays (the last or the next one by
  the sentence's tense), holidays (fixed, counted from Easter, n-th weekday of a month);
- *periods*: months, seasons, quarters and halves, ISO weeks (``week 27``), the n-th week or
  weekday of a month or year, decades and centuries, ``volgende week``/``vorig jaar``;
- *parts and selections* of a period: ``begin/medio/eind``, ``eerder/later deze maand``, ``rest
  van de week``, ``volgende week vrijdag``, ``de 12e van volgende maand``, ``K2 dit jaar``;
- *offsets*: ``twee dagen na morgen``, ``3 jaar, 2 maanden en 5 dagen geleden``, ``over drie
  weken``, ``binnen tien dagen``, ``de komende 3 maanden``, the period after the next;
- *ranges* of any two points (``tussen 1 maart 2014 en juni 2019``, ``van vandaag tot vrijdag``)
  and ``sinds X`` (from X to the article date).

Candidates of all rules are resolved first and the longest wins an overlap, so ``12 januari
2016 - 22-01-2016`` is one range, not a date and a stray number. ``dateparser`` was measured on
news forms and gets ranges, ``eind juli``, ``afgelopen dinsdag`` and ``over twee weken`` wrong
(../shared/dependencies.md), hence own rules. A single-unit offset keeps the precision of its
unit (``twee jaar geleden`` is that year, ``over twee weken`` a week around that day): news rarely
means the exact day; an offset of several units or from a named day is day arithmetic.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..lang import Language

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
Result = tuple[Range, str]


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> Range:
    return date(y, m, 1), _month_end(y, m)


def _year(y: int) -> Range:
    return date(y, 1, 1), date(y, 12, 31)


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    return date(y, m % 12 + 1, min(d.day, calendar.monthrange(y, m % 12 + 1)[1]))


def _add_years(d: date, n: int) -> date:
    return _add_months(d, 12 * n)


def _precision_of(span: Range) -> str:
    days = (span[1] - span[0]).days + 1
    for name, limit in (("day", 1), ("week", 7), ("month", 45), ("season", 100), ("year", 370), ("decade", 3700)):
        if days <= limit:
            return name
    return "decade"


def _wider(a: str, b: str) -> str:
    return max(a, b, key=PRECISION_ORDER.index)


def _week_of(d: date) -> Range:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _nth_week(first_day: date, n: int, last_day: date) -> Range | None:
    """The n-th week (Monday to Sunday) of a month or year: week 1 holds the period's first Thursday (ISO)."""
    first_thursday = first_day + timedelta(days=(3 - first_day.weekday()) % 7)
    if n > 0:
        monday = first_thursday - timedelta(days=3) + timedelta(weeks=n - 1)
    else:
        last_thursday = last_day - timedelta(days=(last_day.weekday() - 3) % 7)
        monday = last_thursday - timedelta(days=3) + timedelta(weeks=n + 1)
    return monday, monday + timedelta(days=6)


def _nth_weekday(y: int, m: int, weekday: int, n: int) -> date | None:
    if n > 0:
        first = date(y, m, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7) + timedelta(weeks=n - 1)
    else:
        last = _month_end(y, m)
        d = last - timedelta(days=(last.weekday() - weekday) % 7) + timedelta(weeks=n + 1)
    return d if d.month == m else None


def _easter(y: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm of 1876)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, month, day + 1)


def _alt(words: object) -> str:
    """Words as one alternation, written as a trie: scanning every position of an article against a list of
    200 number words is the grammar's main cost, and a trie tests each position's first letter once."""
    trie: dict[str, dict] = {}
    for w in {str(x).lower() for x in words}:  # type: ignore[attr-defined]
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_src(trie)


def _trie_src(node: dict[str, dict]) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        head = r"\s+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_src(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
    if end:
        body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
    return body


def _plain(src: str) -> str:
    """The same pattern without group names, to be embedded in a larger one."""
    return re.sub(r"\(\?P<\w+>", "(?:", src)


_DIGIT_START = re.compile(r"(?<![\w/.,-])\d")
# Kinds of words (or a digit before a separator) that whole families of rules need; each is looked for once
# per text. The patterns are built from the language module in _Grammar.
_FEATURES = {
    "dsep": ("iso", "dmy", "dm", "m/y", "y/m", "mixed", "d-mon-y"),
    "month": ("d-mon-y", "day-month", "month-de-day", "month-year", "year-month", "day-range", "year-month-rel",
              "month-year-rel", "month"),
    "weekday": ("weekday-day", "weekday", "week-weekday", "weekday-week", "week-weekdays", "nth-weekday",
                "nth-weekday-on"),
    "unit": ("ago", "ahead", "from-day", "within", "coming", "after-dur", "recent-days"),
    "season": ("season",),
}


@dataclass
class _Ctx:
    ref: date
    past: bool  # the sentence is in the past tense (a bare weekday is the last one)
    last_absolute: Range | None
    relative: bool = False  # set by any rule that used the reference date
    composed: bool = False  # resolving one end of a range: the words around it were checked already

    def anchor(self) -> date:
        self.relative = True
        return self.ref


Handler = Callable[[re.Match[str], "_Ctx"], "Result | None"]


@dataclass
class _Rule:
    name: str
    src: str
    handler: Handler
    needs: re.Pattern[str] | None = None  # a cheap test: without it in the text the rule cannot match
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.pattern = re.compile(rf"(?<![\w/-])(?:{self.src})(?![\w]|[-/]\w|-\s+(?:of|en)\b)", re.I)


class _Grammar:
    """Patterns built once per language module from its word lists; handlers turn a match into days."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang
        L = lang
        W = L.TIMEX_WORDS  # the grammar's function words ("de", "van", "geleden") as pattern fragments
        de, het, van, jaar, maand, week, dag = W["de"], W["het"], W["van"], W["jaar"], W["maand"], W["week"], W["dag"]
        units4 = rf"{week}|{maand}|{jaar}|{W['weekend']}"
        self.year_word = jaar
        self.cardinals = self._cardinals()
        self.ordinals = self._ordinals()
        full_months = {max((k for k, v in L.MONTHS.items() if v == n), key=len) for n in range(1, 13)}
        self.full_months = full_months
        abbreviations = set(L.MONTHS) - full_months
        mon = rf"(?:(?:{_alt(abbreviations)})\.?|{_alt(full_months)})"  # "jan." has a dot, "juni." ends a sentence
        monfull = rf"(?:{_alt(full_months)})"
        card = _alt(self.cardinals)
        ordw = _alt(k for k, v in self.ordinals.items() if 1 <= v <= 31)
        ordany = rf"(?:{_alt(self.ordinals)}|\d(?:{W['ord_any']}))"  # "het derde kwartaal", "het 1e kwartaal"
        wd = _alt(L.WEEKDAYS)
        wdab = _alt(L.WEEKDAY_ABBREVIATIONS)
        nxt, lst, this = _alt(L.NEXT_WORDS), _alt(L.LAST_WORDS), _alt(L.THIS_WORDS)
        dirw = f"{nxt}|{lst}|{this}"
        teens = _alt(k for k, v in self.cardinals.items() if 10 <= v <= 19 or v == 20)
        wyear = (rf"(?:tweeduizend(?:\s*(?:en\s+)?(?:{card}))?|(?:{card})honderd(?:\s*(?:en\s+)?(?:{card}))?"
                 rf"|(?:{teens})\s*(?:en\s+)?(?:{card}))")
        self.wyear_re = re.compile(wyear, re.I)
        y4 = r"(?:1[0-9]|20)\d\d"
        yearx = rf"(?:\d{{4}}|{wyear}|['’]\d\d)"
        dord = rf"\d{{1,2}}(?:{W['ord']})"
        day = rf"(?:{dord}|\d{{1,2}}|{ordw}|{card})"
        daystrict = rf"(?:{dord}|{ordw})"
        units = _alt(L.RELATIVE_UNITS)
        dur_units = _alt(L.DURATION_UNITS)
        count = rf"(?:\d+(?:[.,]\d+)?|{_alt(L.VAGUE_COUNTS)})"
        dur = rf"(?:{count}\s+(?:{dur_units}))(?:(?:\s*,\s*|\s+{W['en']}\s+|\s+)(?:{count}\s+(?:{dur_units})))*"
        reldays = _alt({**L.RELATIVE_DAYS, **L.NOW_WORDS})
        seasons = _alt(L.SEASONS)
        parts = _alt(L.PERIOD_PARTS.keys() - set(L.BEFORE_NOW_WORDS) - set(L.AFTER_NOW_WORDS))
        holidays = _alt({**L.FIXED_HOLIDAYS, **L.EASTER_HOLIDAYS, **L.WEEKDAY_HOLIDAYS})
        reluw = rf"(?:(?:{dirw})\s+(?:{units4}))"
        ycont = rf"(?:{yearx}|(?:{dirw})\s+{jaar}|{het}\s+{jaar})"
        mcont = rf"(?:{mon}(?:,?\s*{yearx})?|(?:(?:{dirw})\s+)?{maand}|{de}\s+{maand})"
        self.dur_re = re.compile(rf"(?P<n>{count})\s+(?P<u>{dur_units})", re.I)
        self.rules: list[_Rule] = []
        add = self._add

        # --- points: days
        add("iso", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", self._ymd)
        add("dmy", r"(?P<d>\d{1,2})\s?[./-]\s?(?P<m>\d{1,2})\s?(?:[./-]|,\s*)\s?['’]?(?P<y>\d{4}|\d{2})(?![.,]\d)",
            self._dmy)
        add("d-mon-y", rf"(?P<d>\d{{1,2}})[-/](?P<mon>{mon})(?:[-/](?P<y>\d{{4}}))?", self._day_month)
        add("dm", r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?![.,]\d)", self._dm)
        part = rf"(?:{mon}|\d{{1,4}})"
        add("mixed", rf"(?P<p1>{part})[-/.](?P<p2>{part})[-/.](?P<p3>{part})", self._mixed)
        add("day-month", rf"(?:(?P<wd>{wd}|{wdab})\.?,?\s+)?(?:{de}\s+)?(?P<d>{day})\s+(?:{van}\s+)?(?P<mon>{mon})"
                         rf"(?:,?\s*(?P<y>{yearx}|(?:{dirw})\s+{jaar}))?", self._day_month)
        if L.MONTH_BEFORE_DAY:  # "March 5, 2024", "Tuesday, March 5"
            add("month-day", rf"(?:(?P<wd>{wd}|{wdab})\.?,?\s+)?(?P<mon>{mon})\s+(?P<d>{dord}|\d{{1,2}})"
                             rf"(?!\d|[.,:]\d)"
                             rf"(?:,?\s*(?P<y>{yearx}|(?:{dirw})\s+{jaar}))?", self._day_month)
        # "dinsdag de 17e" is a day, "zondag de twaalfde keer" a count: no noun of ranks after an ordinal day
        then = rf"(?!\s+(?:{_alt(L.ORDINAL_NOUNS)})\b)"
        add("month-de-day", rf"(?P<mon>{monfull})\s+{de}\s+(?P<d>{dord})(?:,?\s*(?P<y>{yearx}))?{then}",
            self._month_de_day)
        add("weekday-day", rf"(?P<wd>{wd})\s+{de}\s+(?P<d>{daystrict}){then}", self._weekday_day)
        add("ordinal-day", rf"{de}\s+(?P<d>{daystrict})"
                           rf"(?=\s*$|\s*[.,;:!?)]|\s+(?:{_alt(L.DAY_ORDINAL_FOLLOWERS)})\b)", self._ordinal_day)
        add("relday", rf"(?P<rel>{_alt(L.RELATIVE_DAYS)})", self._relative_day)
        add("weekday", rf"(?:(?P<dir>{dirw})\s+)?(?P<wd>{wd})", self._weekday)
        add("weekday-short", rf"(?<=\b{W['op']}\s)(?P<wd>{_alt(L.WEEKDAY_SHORT_ALONE)})\.?", self._weekday_short)
        add("holiday", rf"(?P<h>{holidays})(?:\s+(?:{van}\s+)?(?P<y>{y4}|(?:{dirw})\s+{jaar}))?", self._holiday)
        add("next-day", W["next_day"], self._next_day)
        # --- points: periods
        add("month-year", rf"(?P<mon>{mon}),?\s*(?P<y>{yearx})", self._month_year)
        add("year-month", rf"(?P<y>{y4})\s?,?\s*(?P<mon>{mon})", self._month_year)
        add("m/y", rf"(?P<m>\d{{1,2}})\s?[/-]\s?(?P<y>{y4})", self._month_year)
        add("y/m", rf"(?P<y>{y4})\s?[/.-]\s?(?P<m>\d{{1,2}})(?!\d)", self._month_year)
        short = rf"(?:{_alt(abbreviations)})\.?"
        add("month", rf"(?P<maand>(?:{de}\s+)?{maand}\s+)?(?:(?P<dir>{dirw})\s+)?(?P<mon>{monfull}|{short})",
            self._bare_month)
        add("year", rf"(?:(?:{het}\s+)?{jaar}\s+(?P<y>\d{{1,4}}|{wyear})|(?P<y2>{y4}))", self._year)
        add("written-year", rf"(?P<wy>{wyear})", self._year)
        add("relunit", rf"(?P<dir>{dirw})\s+(?P<unit>{units})", self._relative_unit)
        add("the-weekend", rf"(?:{W['the_my']})\s+{W['weekend']}", self._this_weekend)
        add("my-period", rf"(?:{W['my']})\s+(?P<unit>{week})", self._my_period)
        add("same", rf"(?P<same>{_alt(L.SAME_WORDS)})\s*(?P<unit>{units4})", self._same)
        add("after-next", rf"(?:{de}|{het})\s+(?P<unit>{units4})\s+{W['after_next']}", self._after_next)
        add("season", rf"(?:(?P<dir>{dirw})\s+)?(?:{de}\s+)?(?P<season>{seasons})"
                      rf"(?:\s+(?:{van}\s+)?(?P<y>{yearx})(?:/\d{{2,4}})?)?",
            self._season)
        add("midseason", rf"(?P<season>{_alt(L.MID_SEASONS)})", self._mid_season)
        add("quarter", rf"(?:(?P<y0>{ycont})\s+)?(?:{het}\s+)?(?:(?P<q>{ordany})\s+(?:{_alt(L.QUARTER_WORDS)})|"
                       rf"[{''.join(L.QUARTER_LETTERS)}](?P<qn>[1-4]))(?:\s+(?:{van}\s+)?(?P<y>{ycont}))?",
            self._quarter)
        add("half", rf"(?:{de}\s+)?(?P<q>{ordany})\s+(?:{_alt(L.HALF_WORDS)})(?:\s+{van})?\s+(?P<y>{ycont})",
            self._half)
        add("iso-week", rf"(?:{de}\s+)?{week}\s+(?P<wn>\d{{1,2}})(?:\s+(?:{van}\s+)?(?P<y>{y4}))?", self._iso_week)
        add("nth-week", rf"(?:(?P<c0>{ycont})\s+)?(?:{de}\s+)?(?P<o>{ordany})\s+{week}(?:\s+(?:{W['of_in']})\s+"
                        rf"(?:{de}\s+|{het}\s+)?(?P<c>{mcont}|{ycont}))?", self._nth_week)
        add("week-of", rf"{de}\s+{week}\s+(?:{W['of_that']})\s+(?:{W['op']}\s+)?(?P<p>{_plain(self._src('day-month'))})"
                       rf"(?:\s+(?:{_alt(L.WEEK_OF_VERBS)}))?", self._week_of)
        add("nth-weekday", rf"(?:{de}\s+)?(?P<o>{ordany}|\d(?:{W['ord_any']}))\s+(?P<wd>{wd})"
                           rf"(?:\s+(?:{W['of_in']})\s+"
                           rf"(?:{de}\s+|{het}\s+)?(?P<c>{mcont}))?", self._nth_weekday)
        add("nth-day", rf"(?:{de}\s+)?(?P<o>{ordany})\s+{dag}\s+{van}\s+(?:{de}\s+|{het}\s+)?"
                       rf"(?P<c>{mcont}|{ycont}|{week})",
            self._nth_day)
        add("day-of-month", rf"(?:{de}\s+)?(?P<d>{daystrict})\s+{van}\s+(?:{de}\s+)?(?P<c>(?:{dirw})\s+{maand})",
            self._day_of_month)
        add("month-days", rf"(?P<c>(?:{dirw})\s+{maand})\s+(?:{van}\s+|{W['tussen']}\s+)?(?P<d1>\d{{1,2}})\s*"
                          rf"(?:{W['to_dash_and']})\s*"
                          rf"(?P<d2>\d{{1,2}})", self._month_days)
        add("week-weekday", rf"(?P<c>(?:{dirw})\s+{week}),?\s+(?:{W['op']}\s+)?(?P<wd>{wd})", self._week_weekday)
        add("weekday-week", rf"(?P<wd>{wd})\s+(?:{van}\s+)?(?P<c>(?:{dirw})\s+{week})", self._week_weekday)
        add("week-weekdays", rf"(?P<c>(?:{dirw})\s+{week})\s+(?:{W['between_from']})\s+(?P<wd>{wd})\s+"
                             rf"(?:{W['and_to']})\s+"
                             rf"(?P<wd2>{wd})", self._week_weekday)
        add("year-month-rel", rf"(?P<c>(?:{dirw})\s+{jaar})\s+(?P<mon>{monfull})", self._year_month_rel)
        add("month-year-rel", rf"(?P<mon>{monfull})\s+(?:{van}\s+)?(?P<c>(?:{dirw})\s+{jaar})", self._year_month_rel)
        add("decade", rf"(?:{de}\s+)?(?:{_alt(L.DECADE_NOUNS)})\s+(?P<dec>['’]?\d0|\d{{4}}|{_alt(L.DECADE_WORDS)}"
                      rf"|{wyear}|(?:{teens}|tweeduizend)\s+(?:{_alt(L.DECADE_WORDS)}))", self._decade)
        add("century", rf"(?:{de}\s+)?(?P<c>\d{{1,2}}(?:{W['ord']})|{ordw})\s+(?:{_alt(L.CENTURY_NOUNS)})",
            self._century)
        # --- parts and selections of a period
        partcont = (rf"(?:{mon}(?:\s+{yearx})?|{yearx}|{reluw}|(?:{dirw})\s+(?:{seasons})"
                    rf"|{de}\s+(?:{week}|{maand})|{het}\s+{jaar})")
        add("part", rf"(?:{W['aan']}\s+)?(?:{het}\s+)?(?P<part>{parts})(?:\s+{van})?\s+(?:{de}\s+|{het}\s+)?"
                    rf"(?P<c>{partcont})",
            self._part)
        add("earlier-later", rf"(?P<el>{_alt(L.BEFORE_NOW_WORDS + L.AFTER_NOW_WORDS)})\s+(?:{W['in']}\s+)?"
                             rf"(?:{this}|{de}|{het})\s+(?P<unit>{week}|{maand}|{jaar})", self._earlier_later)
        add("rest", rf"(?:{de}\s+|{het}\s+)?(?:{_alt(L.REST_WORDS)})\s+{van}\s+"
                    rf"(?:{de}\s+|{het}\s+|{W['mijn']}\s+|{this}\s+)?"
                    rf"(?P<unit>{week}|{maand}|{jaar})", self._rest)
        # --- offsets
        add("ago", rf"(?P<dur>{dur})\s+(?P<dir>{W['ago']})", self._offset)
        add("ahead", rf"{W['ahead']}\s+(?P<dur>{dur})", self._ahead)
        add("from-day", rf"(?P<dur>{dur})\s+(?:{W['reckoned']}\s+)?(?P<dir>{W['from_day']})\s+"
                        rf"(?:{de}\s+{dag}\s+{van}\s+)?(?P<base>{reldays})", self._from_day)
        add("day-after", rf"{de}\s+{dag}\s+(?P<dir>{W['day_after']})\s+(?P<base>{reldays})", self._from_day)
        add("within", rf"(?:{_alt(L.WITHIN_WORDS)})\s+(?:{de}\s+)?(?:(?:{nxt})\s+)?(?P<dur>{dur})"
                      rf"(?:\s+(?:{W['after_from']})\s+(?P<base>{reldays}))?", self._within)
        add("coming", rf"(?:{de}\s+)?(?P<dir>{nxt}|{lst})\s+(?P<dur>{dur})", self._coming)
        add("recent-days", rf"(?:{de}\s+)?(?P<dir>{lst})\s+{W['dagen']}", self._recent_days)
        add("nth-weekday-on", rf"(?P<n>{count})\s+(?P<wd>{wd}){W['weekdays_on']}", self._weekdays_on)
        # --- ranges
        days_range = (rf"(?:(?:{W['range_open']})\s+)?(?:{de}\s+)?(?P<d1>{day})\s*(?:{W['day_joiner']})\s*"
                      rf"(?:{de}\s+)?(?P<d2>{day})\s+(?:{van}\s+)?(?P<mon>{mon})(?:,?\s*(?P<y>{yearx}))?")
        add("day-range", days_range, self._day_range)
        point = "|".join(f"(?:{_plain(r.src)})" for r in self.rules
                         if r.name not in ("day-range", "ordinal-day", "within", "coming", "recent-days"))
        point = rf"(?:{point}|{_alt(L.NOW_WORDS)})"
        joiner = rf"(?:{W['joiner']})"
        add("range", rf"(?:{W['range_open']})\s+(?P<a>{point})\s*{joiner}\s*(?P<b>{point})", self._range)
        add("range-bare", rf"(?P<a>{point})\s*(?:{W['bare_joiner']})\s*(?P<b>{point})", self._range)
        add("since", rf"(?:{_alt(L.SINCE_WORDS)})\s+(?P<a>{point})", self._since)
        self.by_name = {r.name: r for r in self.rules}
        self.features = {
            "dsep": re.compile(r"\d\s?[-/.]\s?[\w']"),
            "month": re.compile(rf"(?<!\w)(?:{_alt(L.MONTHS)})(?!\w)", re.I),
            "weekday": re.compile(rf"(?:{_alt(L.WEEKDAYS)})", re.I),
            "unit": re.compile(rf"(?:{_alt(L.DURATION_UNITS)})", re.I),
            "season": re.compile(rf"(?:{_alt(L.SEASONS)})", re.I),
        }
        self.rule_features: dict[str, tuple[str, ...]] = {}
        for feature, names in _FEATURES.items():
            for name in names:
                self.rule_features[name] = (*self.rule_features.get(name, ()), feature)
        self.point_rules = [r for r in self.rules if r.name not in ("range", "range-bare", "since")]
        self.past_participle = re.compile(W["past_participle"], re.I)

    def _add(self, name: str, src: str, handler: Handler) -> None:
        """Scanning a long article with every rule is the cost; rules whose key words are absent are skipped."""
        needs = self.lang.TIMEX_NEEDS.get(name)
        self.rules.append(_Rule(name, src, handler, re.compile(needs, re.I) if needs else None))


    def _src(self, name: str) -> str:
        return next(r.src for r in self.rules if r.name == name)

    # --- number words ------------------------------------------------------------------------
    def _cardinals(self) -> dict[str, int]:
        words = {w: n for w, n in self.lang.NUMBER_WORDS.items() if 1 <= n <= 99}
        units = {w: n for w, n in words.items() if 1 <= n <= 9 and w not in ("één",)}
        tens = {w: n for w, n in words.items() if n in (20, 30, 40, 50, 60, 70, 80, 90)}
        out = dict(words)
        for uw, u in units.items():
            for tw, t in tens.items():
                for link in ("ën", "en") if uw.endswith("e") else ("en",):
                    out[f"{uw}{link}{tw}"] = u + t
        return out

    def _ordinals(self) -> dict[str, int]:
        out = dict(self.lang.ORDINAL_WORDS)
        for w, n in self.cardinals.items():
            if w in ("een", "drie", "acht"):
                continue
            suffix = "ste" if n >= 20 else "de"
            out.setdefault(w + suffix, n)
        return out  # compounds of een/drie/acht ("eenentwintig") are cardinals here and take -ste above

    def number(self, word: str) -> float | None:
        w = re.sub(r"\s+", " ", word.lower().strip().rstrip("."))
        if re.fullmatch(r"\d+(?:[.,]\d+)?", w):
            return float(w.replace(",", "."))
        m = re.fullmatch(rf"(\d{{1,2}})(?:{self.lang.TIMEX_WORDS['ord']})", w)
        if m:
            return int(m.group(1))
        if w in self.cardinals:
            return self.cardinals[w]
        if w in self.ordinals:
            return self.ordinals[w]
        if w in self.lang.VAGUE_COUNTS:
            return self.lang.VAGUE_COUNTS[w]
        return None

    def year(self, text: str, ctx: _Ctx | None = None) -> int | None:
        w = re.sub(r"\s+", " ", text.lower().strip())
        if re.fullmatch(r"\d{1,4}", w):
            return int(w)
        if re.fullmatch(r"['’]\d\d", w):
            yy = int(w[1:])
            return 2000 + yy if yy <= 40 else 1900 + yy
        m = re.fullmatch(r"tweeduizend(?:\s*(?:en\s+)?(.+))?", w)
        if m:
            rest = self.cardinals.get(m.group(1).strip()) if m.group(1) else 0
            return None if rest is None else 2000 + rest
        m = re.fullmatch(r"(.+?)honderd(?:\s*(?:en\s+)?(.+))?", w)
        if m and m.group(1) in self.cardinals:
            rest = self.cardinals.get(m.group(2).strip()) if m.group(2) else 0
            return None if rest is None else 100 * self.cardinals[m.group(1)] + rest
        for head, n in sorted(self.cardinals.items(), key=lambda kv: -len(kv[0])):
            if 10 <= n <= 20 and w.startswith(head):
                tail = re.sub(r"^\s*(?:en\s+)?", "", w[len(head):])
                if tail in self.cardinals:
                    return 100 * n + self.cardinals[tail]
        return None

    # --- helpers -----------------------------------------------------------------------------
    def _mon(self, text: str) -> int:
        return int(self.lang.MONTHS[text.lower().rstrip(".")])

    def _nearest_year(self, ctx: _Ctx, month: int, day: int = 1) -> int:
        ref = ctx.ref  # a month without a year is not "relative": it names the calendar, the year is context
        candidates = []
        for k in (-1, 0, 1):
            try:
                candidates.append(date(ref.year + k, month, min(day, calendar.monthrange(ref.year + k, month)[1])))
            except ValueError:
                continue
        return min(candidates, key=lambda d: abs((d - ref).days)).year

    def _year_group(self, m: re.Match[str], ctx: _Ctx, month: int, day: int = 1) -> int | None:
        raw = m.groupdict().get("y")
        if raw and raw.lower().endswith(self.year_word):
            return self._container_year(raw, ctx)  # "12 december vorig jaar"
        if raw:
            return self.year(raw)
        return self._nearest_year(ctx, month, day)

    def _dir_step(self, word: str | None) -> int | None:
        if not word:
            return None
        w = word.lower()
        if w in self.lang.NEXT_WORDS:
            return 1
        if w in self.lang.LAST_WORDS:
            return -1
        if w in self.lang.THIS_WORDS:
            return 0
        return None

    def parse_point(self, text: str, ctx: _Ctx, year_hint: int | None = None) -> Result | None:
        """Resolve one point or period said alone (a range's ends)."""
        t = text.strip()
        ctx.composed = True
        if t.lower() in self.lang.NOW_WORDS:
            ref = ctx.anchor()
            return (ref, ref), "day"
        for rule in self.point_rules:
            m = rule.pattern.fullmatch(t) or rule.pattern.fullmatch(t.rstrip("."))
            if m is None:
                continue
            if year_hint is not None and rule.name in ("day-month", "month", "weekday-day") \
                    and not m.groupdict().get("y"):
                hinted = self.parse_point(f"{t} {year_hint}", ctx)
                if hinted is not None:
                    return hinted
            try:
                r = rule.handler(m, ctx)
            except (ValueError, KeyError, OverflowError):
                r = None
            if r is not None:
                return r
        return None

    # --- handlers: days ----------------------------------------------------------------------
    def _ymd(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return (d, d), "day"

    def _dmy(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        a, b, y = int(m.group("d")), int(m.group("m")), m.group("y")
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) <= 40 else 1900 + int(y))
        day, month = (a, b) if b <= 12 else (b, a)
        d = date(year, month, day)
        return (d, d), "day"

    def _mixed(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        """"2021-Mrt-14", "14-2021-maart", "Mrt-14-2021": one month name, one four-digit year, one day."""
        parts = [m.group(k).rstrip(".") for k in ("p1", "p2", "p3")]
        months = [p for p in parts if p.lower() in self.lang.MONTHS]
        years = [p for p in parts if re.fullmatch(r"\d{4}", p)]
        days = [p for p in parts if re.fullmatch(r"\d{1,2}", p)]
        if len(months) != 1 or len(years) != 1 or len(days) != 1:
            return None
        d = date(int(years[0]), self._mon(months[0]), int(days[0]))
        return (d, d), "day"

    def _dm(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group(0) in self.lang.NOT_DATES:
            return None  # "9/11" is an event, "24/7" always
        if m.group("sep") == "." and (not self._after_preposition(m, ctx) or m.group(0).startswith("0")
                                      or m.group("m").startswith("0")
                                      or re.match(r"\s*(?:uur|u\b)", m.string[m.end():])):
            return None  # "17.3" is a decimal unless a date preposition comes before it; "07.45 uur" a time
        if m.group("sep") == "." and re.match(r"\s*(?:%|procent|\w+meter|kilo|euro|miljoen)", m.string[m.end():]):
            return None
        a, b = int(m.group("d")), int(m.group("m"))
        day, month = (a, b) if b <= 12 else (b, a)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if a < 10 and b < 10 and not m.group("d").startswith("0"):
            before = m.string[max(0, m.start() - 12):m.start()].lower().split()
            if not before or before[-1] not in self.lang.DATE_PREPOSITIONS:
                return None  # "2-1" is a score or a ratio more often than a date
        y = self._nearest_year(ctx, month, day)
        d = date(y, month, day)
        return (d, d), "day"

    def _day_month(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        day = self.number(m.group("d"))
        if day is None or day != int(day) or not 1 <= day <= 31:
            return None
        mon = self._mon(m.group("mon"))
        y = self._year_group(m, ctx, mon, int(day))
        if y is None:
            return None
        d = date(y, mon, int(day))
        return (d, d), "day"

    def _day_in_month_near(self, ctx: _Ctx, day: int, weekday: int | None = None) -> date | None:
        ref = ctx.anchor()
        options = []
        for k in (0, -1, 1):
            first = _add_months(date(ref.year, ref.month, 1), k)
            if day <= calendar.monthrange(first.year, first.month)[1]:
                options.append(date(first.year, first.month, day))
        if weekday is not None:
            matching = [d for d in options if d.weekday() == weekday]
            return matching[0] if matching else (options[0] if options else None)
        if not options:
            return None
        d = options[0]
        if ctx.past and d > ref:
            return next((o for o in options if o < d and o <= ref), d)
        return d

    def _weekday_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        day = self.number(m.group("d"))
        if day is None or not 1 <= day <= 31:
            return None
        d = self._day_in_month_near(ctx, int(day), self.lang.WEEKDAYS[m.group("wd").lower()])
        return ((d, d), "day") if d else None

    def _after_preposition(self, m: re.Match[str], ctx: _Ctx) -> bool:
        if ctx.composed:
            return True
        before = m.string[max(0, m.start() - 12):m.start()].lower().split()
        return bool(before) and before[-1] in self.lang.DATE_PREPOSITIONS

    def _month_de_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        if re.search(r"\d\s*$", m.string[max(0, m.start() - 4):m.start()]):
            return None  # "op 9 juni de eerste wedstrijd": the day came before the month
        return self._day_month(m, ctx)

    def _ordinal_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group("d")[0].isupper() or not self._after_preposition(m, ctx):
            return None  # "de 17e" alone is a rank more often than a day
        if not m.group("d")[0].isdigit() and not re.match(r"\s+\w", m.string[m.end():]):
            return None  # "de positie van de tweede, die …": a written ordinal needs a particle or verb after it
        day = self.number(m.group("d"))
        if day is None or not 1 <= day <= 31:
            return None
        d = self._day_in_month_near(ctx, int(day))
        return ((d, d), "day") if d else None

    def _relative_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        d = ctx.anchor() + timedelta(days=self.lang.RELATIVE_DAYS[m.group("rel").lower()])
        return (d, d), "day"

    def _weekday(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        target = self.lang.WEEKDAYS[m.group("wd").lower()]
        ref = ctx.anchor()
        step = self._dir_step(m.group("dir"))
        if step == 1:
            delta = (target - ref.weekday()) % 7 or 7
        elif step == -1:
            delta = -((ref.weekday() - target) % 7 or 7)
        elif step == 0:
            delta = target - ref.weekday()
        elif ctx.past:
            delta = -((ref.weekday() - target) % 7)
        else:
            delta = (target - ref.weekday()) % 7
        d = ref + timedelta(days=delta)
        return (d, d), "day"

    def _weekday_short(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        target = self.lang.WEEKDAY_SHORT_ALONE[m.group("wd").lower()]
        ref = ctx.anchor()
        delta = -((ref.weekday() - target) % 7) if ctx.past else (target - ref.weekday()) % 7
        d = ref + timedelta(days=delta)
        return (d, d), "day"

    def _holiday(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        name = re.sub(r"\s+", " ", m.group("h").lower())
        L = self.lang

        def on(year: int) -> date | None:
            if name in L.FIXED_HOLIDAYS:
                mo, da = L.FIXED_HOLIDAYS[name]
                return date(year, mo, da)
            if name in L.EASTER_HOLIDAYS:
                return _easter(year) + timedelta(days=L.EASTER_HOLIDAYS[name])
            mo, wd, n = L.WEEKDAY_HOLIDAYS[name]
            return _nth_weekday(year, mo, wd, n)

        if m.group("y"):
            y = self._container_year(m.group("y"), ctx)
            d = on(y) if y else None
        else:
            ref = ctx.anchor()
            days = [x for x in (on(ref.year - 1), on(ref.year), on(ref.year + 1)) if x]
            d = min(days, key=lambda x: abs((x - ref).days))
        return ((d, d), "day") if d else None

    def _next_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        base = ctx.last_absolute[1] if ctx.last_absolute else ctx.anchor()
        ctx.relative = True
        d = base + timedelta(days=1)
        return (d, d), "day"

    # --- handlers: periods -------------------------------------------------------------------
    def _month_year(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        g = m.groupdict()
        mon = self._mon(g["mon"]) if g.get("mon") else int(g["m"])
        if not 1 <= mon <= 12:
            return None
        y = self.year(g["y"])
        return (_month(y, mon), "month") if y else None

    def _bare_month(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        word = m.group("mon")
        # "in apr" is a month, "Jan" a name and "mar" a word: a short form alone needs a preposition
        if word.lower().rstrip(".") not in self.full_months and not (m.group("dir") or m.group("maand")) \
                and (word[:1].isupper() or not self._after_preposition(m, ctx)):
            return None
        mon = self._mon(word)
        step = self._dir_step(m.group("dir"))
        ref = ctx.anchor()
        if step == 1:
            y = ref.year if mon > ref.month else ref.year + 1
        elif step == -1:
            y = ref.year if mon < ref.month else ref.year - 1
        elif step == 0:
            y = ref.year
        else:
            y = self._nearest_year(ctx, mon)
        return _month(y, mon), "month"

    def _year(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        g = m.groupdict()
        y: int | None
        if g.get("y2"):
            if not self._bare_year_ok(m):
                return None
            y = int(g["y2"])
        elif g.get("wy"):
            # "negentien" or "tweeduizend" alone is a number, and so is "van driehonderd liter"
            if not self._after_preposition(m, ctx) or not (ctx.composed or self._bare_year_ok(m)):
                return None
            y = self.year(g["wy"])
            if y is None or y < 1000:
                return None
        else:
            y = self.year(g["y"])
        if not y or y < 1:
            return None
        return _year(y), "year"

    def _bare_year_ok(self, m: re.Match[str]) -> bool:
        """A four-digit number is a year after a preposition or before a pause, not in "2000 mensen"."""
        before = m.string[max(0, m.start() - 20):m.start()].lower().split()
        after = m.string[m.end():m.end() + 20]
        nxt = re.match(r"\s*(\w+)", after)
        word = nxt.group(1).lower() if nxt else ""
        too_early = m.group(0).isdigit() and int(m.group(0)) < 1200
        if too_early or word in self.lang.MULTIPLIERS or word in self.lang.UNITS:
            return False  # "tussen de 400 en 1000 miljoen", "1500 meter"
        if before and before[-1].strip("(,") in self.lang.DATE_PREPOSITIONS:
            return True
        if not after.strip() or re.match(r"\s*[.,;:!?)\]'\"”’]", after):
            return True
        return nxt is not None and (nxt.group(1)[0].isupper() or nxt.group(1).lower() in self.lang.YEAR_FOLLOWERS)

    def _relative_unit(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        if self.lang.ORDINAL_WORDS.get(m.group("dir").lower()) == -1 \
                and self.lang.RELATIVE_UNITS.get(m.group("unit").lower()) == "day":
            return None  # "de laatste dag" is the last of something, not yesterday
        step = self._dir_step(m.group("dir")) or 0
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        return self._unit_range(unit, step, ctx.anchor(), m.group("unit").lower())

    def _unit_range(self, unit: str, step: int, ref: date, word: str = "") -> Result | None:
        if unit == "day":
            d = ref + timedelta(days=step)
            return (d, d), "day"
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
            return (monday, monday + timedelta(days=6)), "week"
        if unit == "weekend":
            saturday = ref + timedelta(days=(5 - ref.weekday()) % 7) + timedelta(weeks=min(step, 0) + max(step - 1, 0))
            if step > 0 and ref.weekday() >= 5:
                saturday += timedelta(weeks=1)
            return (saturday, saturday + timedelta(days=1)), "day"
        if unit == "month":
            first = _add_months(date(ref.year, ref.month, 1), step)
            return _month(first.year, first.month), "month"
        if unit == "year":
            return _year(ref.year + step), "year"
        if unit == "quarter":
            q = (ref.month - 1) // 3 + step
            y, q = ref.year + q // 4, q % 4
            return (date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3)), "season"
        if unit == "season":
            return self._season_range(word, step, ref), "season"
        if unit == "decade":
            start = ref.year - ref.year % 10 + 10 * step
            return (date(start, 1, 1), date(start + 9, 12, 31)), "decade"
        if unit == "century":
            start = ref.year - ref.year % 100 + 100 * step
            return (date(max(start, 1), 1, 1), date(start + 99, 12, 31)), "decade"
        return None

    def _my_period(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        return self._unit_range("week", 0, ctx.anchor())

    def _this_weekend(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        return self._unit_range("weekend", 0, ctx.anchor())

    def _same(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        word = m.group("same").lower()
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        if word in ("dat", "die") and unit != "weekend" and not ctx.last_absolute:
            return None  # "dat jaar" with nothing before it to point at
        base = ctx.last_absolute[0] if ctx.last_absolute else ctx.anchor()
        ctx.relative = True
        return self._unit_range(unit, 0, base)

    def _after_next(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        return self._unit_range(unit, 2, ctx.anchor())

    def _season(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        season = m.group("season").lower()
        if m.group("y"):
            y = self.year(m.group("y"))
            if not y:
                return None
            lo, hi = self.lang.SEASONS[season]
            return (date(y, lo, 1), _month_end(y + 1 if hi < lo else y, hi)), "season"
        step = self._dir_step(m.group("dir")) or 0
        return self._season_range(season, step, ctx.anchor()), "season"

    def _mid_season(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        lo, hi = self.lang.MID_SEASONS[m.group("season").lower()]
        y = ctx.anchor().year
        return (date(y, lo, 1), _month_end(y + 1 if hi < lo else y, hi)), "season"

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

    def _container_year(self, text: str | None, ctx: _Ctx) -> int | None:
        if not text:
            return ctx.anchor().year
        t = re.sub(r"\s+", " ", text.lower().strip())
        if t == "het jaar":
            return ctx.anchor().year
        m = re.fullmatch(r"(\S+) jaar", t)
        if m:
            step = self._dir_step(m.group(1))
            return None if step is None else ctx.anchor().year + step
        return self.year(t)

    def _quarter(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        q = int(m.group("qn")) if m.group("qn") else self.number(m.group("q"))
        if m.group("y0") and m.group("y"):
            return None
        y = self._container_year(m.group("y0") or m.group("y"), ctx)
        if q == -1:
            q = 4
        if y is None or q is None or not 1 <= q <= 4:
            return None
        q = int(q)
        return (date(y, 3 * q - 2, 1), _month_end(y, 3 * q)), "season"

    def _half(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        h = self.number(m.group("q"))
        h = 2 if h == -1 else h
        y = self._container_year(m.group("y"), ctx)
        if y is None or h not in (1, 2):
            return None
        return ((date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))), "season"

    def _iso_week(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = int(m.group("wn"))
        y = int(m.group("y")) if m.group("y") else ctx.anchor().year
        if not 1 <= n <= 53:
            return None
        monday = date.fromisocalendar(y, n, 1)
        return (monday, monday + timedelta(days=6)), "week"

    def _container(self, text: str, ctx: _Ctx) -> Range | None:
        """A month or a year that a selection ("de derde week van …") is taken from."""
        t = text.lower().strip()
        if t in ("maand", "de maand"):
            ref = ctx.anchor()
            return _month(ref.year, ref.month)
        m = re.fullmatch(r"(\S+)\s+(maand|jaar)", t)
        if m and self._dir_step(m.group(1)) is not None:
            r = self._unit_range("month" if m.group(2) == "maand" else "year", self._dir_step(m.group(1)) or 0,
                                 ctx.anchor())
            return r[0] if r else None
        if t.rstrip(".") in self.lang.MONTHS:
            mon = self._mon(t)
            return _month(self._nearest_year(ctx, mon), mon)
        y = self._container_year(t, ctx) if re.fullmatch(r"\d{4}|het jaar", t) or self.wyear_re.fullmatch(t) else None
        if y:
            return _year(y)
        r = self.parse_point(text, ctx)
        return r[0] if r else None

    def _nth_week(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = self.number(m.group("o"))
        if n is None or n == 0 or n > 5:
            return None
        if m.group("c0") and m.group("c"):
            return None
        cont = m.group("c0") or m.group("c")
        span = self._container(cont, ctx) if cont else None
        if span is None:
            return None
        r = _nth_week(span[0], int(n), span[1])
        return (r, "week") if r else None

    def _week_of(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        p = self.parse_point(m.group("p"), ctx)
        return (_week_of(p[0][0]), "week") if p else None

    def _nth_weekday(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = self.number(m.group("o"))
        if n is None or n == 0 or n > 5:
            return None
        wd = self.lang.WEEKDAYS[m.group("wd").lower()]
        if m.group("c"):
            span = self._container(m.group("c"), ctx)
        elif n < 0:
            return None  # "de laatste zondag" alone is the last one before now (the weekday rule)
        else:
            ref = ctx.anchor()
            span = _month(ref.year, ref.month)
        if span is None or (span[1] - span[0]).days > 31:
            return None
        d = _nth_weekday(span[0].year, span[0].month, wd, int(n))
        return ((d, d), "day") if d else None

    def _nth_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = self.number(m.group("o"))
        c = m.group("c").lower()
        week = self._unit_range("week", 0, ctx.anchor()) if c == "week" else None
        span = week[0] if week else self._container(m.group("c"), ctx)
        if n is None or span is None or n == 0:
            return None
        d = span[0] + timedelta(days=int(n) - 1) if n > 0 else span[1] + timedelta(days=int(n) + 1)
        return ((d, d), "day") if span[0] <= d <= span[1] else None

    def _day_of_month(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        span = self._container(m.group("c"), ctx)
        day = self.number(m.group("d"))
        if span is None or day is None or not 1 <= day <= calendar.monthrange(span[0].year, span[0].month)[1]:
            return None
        d = date(span[0].year, span[0].month, int(day))
        return (d, d), "day"

    def _month_days(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        span = self._container(m.group("c"), ctx)
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if span is None or not 1 <= d1 <= d2 <= calendar.monthrange(span[0].year, span[0].month)[1]:
            return None
        return (span[0].replace(day=d1), span[0].replace(day=d2)), "day"

    def _week_weekday(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        step = self._dir_step(m.group("c").split()[0]) or 0
        r = self._unit_range("week", step, ctx.anchor())
        if r is None:
            return None
        monday = r[0][0]
        d1 = monday + timedelta(days=self.lang.WEEKDAYS[m.group("wd").lower()])
        wd2 = m.groupdict().get("wd2")
        d2 = monday + timedelta(days=self.lang.WEEKDAYS[wd2.lower()]) if wd2 else d1
        return ((d1, d2), "day") if d1 <= d2 else None

    def _year_month_rel(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        y = self._container_year(m.group("c"), ctx)
        return (_month(y, self._mon(m.group("mon"))), "month") if y else None

    def _decade(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        word = re.sub(r"\s+", " ", m.group("dec").lower().strip("'’"))
        if word.isdigit():
            n = int(word)
            start = n if n >= 100 else (1900 + n if n >= 10 else 2000 + n)  # "jaren '60", "jaren 00"
        elif word in self.lang.DECADE_WORDS:
            tens = self.lang.DECADE_WORDS[word]
            start = (2000 if tens == 0 else 1900) + tens
        else:
            parts = word.split(" ")
            if len(parts) == 2 and parts[1] in self.lang.DECADE_WORDS:
                head = 2000 if parts[0] == "tweeduizend" else 100 * self.cardinals.get(parts[0], 0)
                start = head + self.lang.DECADE_WORDS[parts[1]]
            else:
                y = self.year(word)
                if y is None:
                    return None
                start = y
        if start % 10 or start < 1000:
            return None
        return (date(start, 1, 1), date(start + 9, 12, 31)), "decade"

    def _century(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        c = self.number(m.group("c"))
        if c is None or not 1 <= c <= 22:
            return None
        start = 100 * (int(c) - 1)
        return (date(max(start, 1), 1, 1), date(start + 99, 12, 31)), "decade"

    # --- handlers: parts ---------------------------------------------------------------------
    def _part(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        part = m.group("part").lower()
        c = m.group("c")
        current = {"de week": "week", "de maand": "month", "het jaar": "year"}.get(re.sub(r"\s+", " ", c.lower()))
        span_p: Result | None
        if current:
            span_p = self._unit_range(current, 0, ctx.anchor())  # "halverwege de maand"
        elif re.fullmatch(r"\d{4}", c.strip()):
            span_p = _year(int(c)), "year"
        else:
            span_p = self.parse_point(c, ctx)
        if span_p is None:
            y = self.year(c)
            if y is None:
                return None
            span_p = (_year(y), "year")
        lo, hi = span_p[0]
        days = (hi - lo).days + 1
        if days >= 360:
            a, b = self.lang.YEAR_PARTS[part]
            return (date(lo.year, a, 1), _month_end(lo.year, b)), "season"
        if days >= 28:
            a, b = self.lang.PERIOD_PARTS[part]
            return (lo.replace(day=a), lo.replace(day=min(b, calendar.monthrange(lo.year, lo.month)[1]))), "week"
        if days == 7:
            a, b = self.lang.WEEK_PARTS[part]
            return (lo + timedelta(days=a), lo + timedelta(days=b)), "day"
        if 80 <= days <= 95:  # a season: its first, middle or last month
            k = {"begin": 0, "eind": 2, "einde": 2}.get(part, 1)
            first = _add_months(lo, k)
            return _month(first.year, first.month), "month"
        return None

    def _earlier_later(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        ref = ctx.anchor()
        r = self._unit_range(unit, 0, ref)
        if r is None:
            return None
        (lo, hi), precision = r
        if m.group("el").lower() in self.lang.BEFORE_NOW_WORDS:
            return ((lo, ref - timedelta(days=1)), precision) if ref > lo else None
        return (ref, hi), precision

    def _rest(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        unit = self.lang.RELATIVE_UNITS[m.group("unit").lower()]
        ref = ctx.anchor()
        r = self._unit_range(unit, 0, ref)
        return ((ref, r[0][1]), r[1]) if r else None

    # --- handlers: offsets -------------------------------------------------------------------
    def _duration(self, text: str) -> list[tuple[float, str]] | None:
        out = []
        for dm in self.dur_re.finditer(text):
            n = self.number(dm.group("n"))
            if n is None:
                return None
            out.append((n, self.lang.DURATION_UNITS[dm.group("u").lower()]))
        return out or None

    def _shift_exact(self, ref: date, parts: list[tuple[float, str]], sign: int) -> date:
        d = ref
        for n, unit in parts:
            whole = int(n)
            frac = n - whole
            if unit == "day":
                d += timedelta(days=sign * n)
            elif unit == "week":
                d += timedelta(days=sign * 7 * n)
            elif unit == "month":
                d = _add_months(d, sign * whole) + timedelta(days=sign * round(30 * frac))
            elif unit == "quarter":
                d = _add_months(d, sign * 3 * whole)
            elif unit == "year":
                d = _add_years(d, sign * whole) + timedelta(days=sign * round(365 * frac))
            elif unit == "decade":
                d = _add_years(d, sign * 10 * whole)
            elif unit == "century":
                d = _add_years(d, sign * 100 * whole)
            elif unit == "workday":
                left = whole
                while left > 0:
                    d += timedelta(days=sign)
                    if d.weekday() < 5:
                        left -= 1
            elif unit == "weekend":
                d += timedelta(weeks=sign * whole)
        return d

    def _shift_window(self, ref: date, n: float, unit: str) -> Result:
        """One unit said alone keeps its precision: a week around the day, the month, the year."""
        if unit == "week":
            d = ref + timedelta(days=round(7 * n))
            return (d - timedelta(days=3), d + timedelta(days=3)), "week"
        if unit == "month":
            d = _add_months(ref, int(n))
            return _month(d.year, d.month), "month"
        if unit in ("year", "decade", "century"):
            k = {"year": 1, "decade": 10, "century": 100}[unit]
            return _year(ref.year + int(n) * k), "year"
        d = self._shift_exact(ref, [(abs(n), unit)], 1 if n >= 0 else -1)
        return (d, d), "day"

    def _offset(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        parts = self._duration(m.group("dur"))
        if not parts:
            return None
        direction = re.sub(r"\s+", " ", m.group("dir").lower())
        sign = -1 if direction in self.lang.TIMEX_BACKWARD else 1
        anchored = direction in self.lang.TIMEX_ANCHORED
        ref = ctx.anchor() if anchored or not ctx.last_absolute else ctx.last_absolute[0]
        ctx.relative = True
        if len(parts) == 1 and direction not in self.lang.TIMEX_FROM_NOW:
            return self._shift_window(ref, sign * parts[0][0], parts[0][1])
        d = self._shift_exact(ref, parts, sign)
        return (d, d), "day"

    def _ahead(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        parts = self._duration(m.group("dur"))
        if not parts:
            return None
        ref = ctx.anchor()
        if len(parts) == 1:
            r = self._shift_window(ref, parts[0][0], parts[0][1])
            return (r[0], "month" if r[1] in ("year",) and parts[0][1] == "month" else r[1])
        d = self._shift_exact(ref, parts, 1)
        return (d, d), "day"

    def _base_day(self, word: str, ctx: _Ctx) -> date:
        w = word.lower()
        offset = {**self.lang.RELATIVE_DAYS, **self.lang.NOW_WORDS}[w]
        return ctx.anchor() + timedelta(days=offset)

    def _from_day(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        base = self._base_day(m.group("base"), ctx)
        parts: list[tuple[float, str]] | None = self._duration(m.group("dur")) if m.groupdict().get("dur") \
            else [(1.0, "day")]
        if not parts:
            return None
        sign = -1 if m.group("dir").lower().split()[0] in self.lang.TIMEX_BACKWARD else 1
        d = self._shift_exact(base, parts, sign)
        return (d, d), "day"

    def _within(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        parts = self._duration(m.group("dur"))
        if not parts:
            return None
        base = self._base_day(m.group("base"), ctx) if m.group("base") else ctx.anchor()
        end = self._shift_exact(base, parts, 1)
        return (base, end), _precision_of((base, end))

    def _coming(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        parts = self._duration(m.group("dur"))
        if not parts or len(parts) != 1:
            return None
        n, unit = parts[0]
        ref = ctx.anchor()
        forward = self._dir_step(m.group("dir")) == 1
        if unit in ("decade", "century"):
            k = 10 if unit == "decade" else 100
            cur = ref.year - ref.year % k
            lo_y, hi_y = (cur + k, cur + k + int(n) * k - 1) if forward else (cur - int(n) * k, cur - 1)
            span = (date(lo_y, 1, 1), date(hi_y, 12, 31))
        elif forward:
            span = (ref + timedelta(days=1), self._shift_exact(ref, parts, 1))
        else:
            span = (self._shift_exact(ref, parts, -1), ref - timedelta(days=1))
        return span, _precision_of(span)

    def _recent_days(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        ref = ctx.anchor()
        return (ref - timedelta(days=4), ref), "week"

    def _weekdays_on(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = self.number(m.group("n"))
        if n is None or n < 1:
            return None
        target = self.lang.WEEKDAYS[m.group("wd").lower()]
        ref = ctx.anchor()
        first = ref + timedelta(days=(target - ref.weekday()) % 7 or 7)
        d = first + timedelta(weeks=int(n) - 1)
        return (d, d), "day"

    # --- handlers: ranges --------------------------------------------------------------------
    def _day_range(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        d1, d2 = self.number(m.group("d1")), self.number(m.group("d2"))
        if d1 is None or d2 is None:
            return None
        mon = self._mon(m.group("mon"))
        y = self._year_group(m, ctx, mon, int(d1))
        if y is None:
            return None
        last = calendar.monthrange(y, mon)[1]
        if not (1 <= d1 <= d2 <= last):
            return None
        return (date(y, mon, int(d1)), date(y, mon, int(d2))), "day"

    def _range(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        if re.fullmatch(r"\d+-\d+-\d+", m.group(0)):
            return None  # "2019-14-03" is a broken date, not a year to a day
        b = self.parse_point(m.group("b"), ctx)
        if b is None:
            return None
        hint = None
        if re.search(r"\b\d{4}\b", m.group("b")) and not re.search(r"\d{4}|\d+[./-]\d+[./-]\d+", m.group("a")):
            hint = b[0][0].year
        a = self.parse_point(m.group("a"), ctx, year_hint=hint)
        if a is None:
            return None
        if a[0][0] > b[0][1] and self.by_name["weekday"].pattern.fullmatch(m.group("b").strip()):
            weeks = timedelta(weeks=(a[0][0] - b[0][1]).days // 7 + 1)
            b = ((b[0][0] + weeks, b[0][1] + weeks), b[1])  # "van maandag tot en met vrijdag"
        elif a[0][0] > b[0][1] and not re.search(r"\d{4}", m.group("b")) and (b[0][1] - b[0][0]).days < 40:
            b = ((_add_years(b[0][0], 1), _add_years(b[0][1], 1)), b[1])  # "tussen nu en 20 oktober"
        if a[0][0] > b[0][1]:
            return None
        span = (a[0][0], b[0][1])
        return span, _wider(a[1], b[1]) if a[1] == b[1] else _precision_of(span)

    def _since(self, m: re.Match[str], ctx: _Ctx) -> Result | None:
        a = self.parse_point(m.group("a"), ctx)
        if a is None:
            return None
        ref = ctx.ref
        if a[0][0] > ref:
            return None
        ctx.relative = True
        span = (a[0][0], ref)
        return span, _precision_of(span)


@lru_cache(maxsize=8)
def _grammar(lang: Language) -> _Grammar:
    return _Grammar(lang)


def _is_past(sentence: str, grammar: _Grammar) -> bool:
    words = re.findall(r"\w+", sentence.lower())
    lang = grammar.lang
    if any(w in lang.PAST_CUES for w in words):
        return True
    return any(w in lang.PERFECT_AUXILIARIES for w in words) and bool(grammar.past_participle.search(sentence))


def _sentence_at(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    his = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[lo:min(his) if his else len(text)]


def find_timexes(text: str, anchor: Range | None, lang: Language,
                 past: Sequence[tuple[int, int]] | None = None) -> list[Timex]:
    """Time expressions in ``text``, resolved against the article's date range ``anchor`` (None: absolute only).

    ``past``: character spans of sentences in the past tense, when a tagger knows (Frog tags finite past verbs);
    a bare weekday there is the last one. Without it the tense is guessed from word lists (``lang.PAST_CUES``)."""
    g = _grammar(lang)
    candidates: list[tuple[int, int, int, re.Match[str], _Rule]] = []
    seen: dict[str, bool] = {}

    def has(feature: str) -> bool:
        if feature not in seen:
            seen[feature] = g.features[feature].search(text) is not None
        return seen[feature]

    for order, rule in enumerate(g.rules):
        if rule.needs is not None and not rule.needs.search(text):
            continue
        if not all(has(f) for f in g.rule_features.get(rule.name, ())):
            continue
        if rule.name == "range-bare":  # starts where a point starts: try only there
            starts = sorted({c[0] for c in candidates} | {d.start() for d in _DIGIT_START.finditer(text)})
            found = (rule.pattern.match(text, s) for s in starts)
            matches = [m for m in found if m is not None]
        else:
            matches = list(rule.pattern.finditer(text))
        for m in matches:
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), order, m, rule))
    # resolve each against a neutral anchor to drop what is not a date; then the longest wins each overlap
    probe_ref = anchor[0] if anchor else date(2000, 1, 1)
    valid = []
    for c in candidates:
        ctx = _Ctx(probe_ref, False, None)
        if _call(c[4], c[3], ctx) is not None:
            valid.append(c)
    chosen: list[tuple[int, int, int, re.Match[str], _Rule]] = []
    for c in sorted(valid, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if any(c[0] < e and s < c[1] for s, e, *_ in chosen):
            continue
        chosen.append(c)
    out = []
    last_absolute: Range | None = None
    for start, end, _, m, rule in sorted(chosen, key=lambda c: c[0]):
        past_here = _is_past(_sentence_at(text, start, end), g) or (
            past is not None and any(lo <= start < hi for lo, hi in past))
        resolved = _resolve(rule, m, anchor, past_here, last_absolute)
        if resolved is None:
            continue
        span, precision, relative = resolved
        if relative and anchor is None:
            continue
        if not relative:
            last_absolute = span
        out.append(Timex(start, end, text[start:end], span[0].isoformat(), span[1].isoformat(), precision, relative))
    return out


def _call(rule: _Rule, m: re.Match[str], ctx: _Ctx) -> Result | None:
    try:
        return rule.handler(m, ctx)
    except (ValueError, KeyError, OverflowError, TypeError, StopIteration):
        return None


def _resolve(rule: _Rule, m: re.Match[str], anchor: Range | None, past: bool,
             last_absolute: Range | None) -> tuple[Range, str, bool] | None:
    """Resolve for the first and last day the article may have been written; widen precision to the union."""
    days = [date(2000, 1, 1)] if anchor is None else [anchor[0], anchor[1]]
    spans = []
    precision = "day"
    relative = False
    for day in days:
        ctx = _Ctx(day, past, last_absolute)
        result = _call(rule, m, ctx)
        if result is None:
            return None
        relative = relative or ctx.relative
        spans.append(result[0])
        precision = result[1]
    union = (min(s[0] for s in spans), max(s[1] for s in spans))
    if relative and len(spans) > 1 and spans[0] != spans[1]:
        precision = _wider(precision, _precision_of(union))
    return union, precision, relative
