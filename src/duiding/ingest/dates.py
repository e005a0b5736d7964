"""Publication dates with honest precision.

A source that says ``2023-09`` published in September, not on the 1st: the precision travels
with the date so that later stages (time expressions, event clustering) treat it as a range.
Structured forms (ISO 8601, RFC 2822 from feeds, Dutch ``19 juni 2024``) are parsed by hand
because each pins its own precision; ``dateparser`` is the fallback for the long tail and is
imported only when needed (it costs ~0.3 s to load).
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from ..errors import MalformedDateError
from ..lang import nl
from ..records import Precision, Published

_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?)?)?$"
)
_DMY = re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?:[ T,]+(?P<H>\d{1,2})[:.](?P<M>\d{2}))?$")
_WORDS = re.compile(
    r"^(?:(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag),?\s+)?"
    r"(?:(?P<d>\d{1,2})\s+)?(?P<mon>[a-z]+)\.?\s+(?P<y>\d{4})(?:,?\s+(?:om\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2}))?$",
    re.IGNORECASE,
)


def parse_published(value: str | None) -> Published | None:
    """Parse a publication date; ``None``/blank gives ``None``, nonsense raises MalformedDateError."""
    if value is None or not str(value).strip():
        return None
    text = " ".join(str(value).split())
    text, zone = _zone_name(text)
    for parse in (_parse_iso, _parse_dmy, _parse_words, _parse_rfc2822, _parse_fallback):
        result = parse(text)
        if result is not None:
            if zone and result.timezone is None and result.precision in ("minute", "second"):
                result = Published(result.iso + zone, result.precision, zone)
            return result
    raise MalformedDateError(f"cannot read the date {text!r} (expected e.g. 2024-06-19, 2023-09 or 19 juni 2024)")


# Zone abbreviations seen in news feeds, as fixed offsets (an abbreviation names the offset in force).
ZONES = {"UTC": "+00:00", "UT": "+00:00", "GMT": "+00:00", "Z": "+00:00", "WET": "+00:00", "WEST": "+01:00",
         "BST": "+01:00", "CET": "+01:00", "MET": "+01:00", "CEST": "+02:00", "MEST": "+02:00", "EET": "+02:00",
         "EEST": "+03:00", "MSK": "+03:00", "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00",
         "MST": "-07:00", "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00"}
_ZONE_NAME = re.compile(r"\s+\(?([A-Z]{1,5})\)?$")


def _zone_name(text: str) -> tuple[str, str | None]:
    """``10:00 CEST`` -> the text without the name, and its offset; an unknown name is an error.

    ``CEST`` used to be dropped without a word, turning a time into a bare day.
    """
    m = _ZONE_NAME.search(text)
    if not m or not re.search(r"\d{1,2}[:.]\d{2}", text[:m.start()]):
        return text, None
    name = m.group(1)
    if name not in ZONES:
        raise MalformedDateError(f"unknown time zone {name!r} in {text!r}; give a UTC offset such as +02:00")
    return text[:m.start()], ZONES[name]


def date_range(published: Published) -> tuple[str, str]:
    """First and last moment the date can stand for, as sortable ISO strings (local time)."""
    iso = published.iso
    y = int(iso[:4])
    if published.precision == "year":
        return f"{y:04d}-01-01T00:00:00", f"{y:04d}-12-31T23:59:59"
    m = int(iso[5:7])
    if published.precision == "month":
        last = calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}-01T00:00:00", f"{y:04d}-{m:02d}-{last:02d}T23:59:59"
    day = iso[:10]
    if published.precision == "day":
        return f"{day}T00:00:00", f"{day}T23:59:59"
    clock = iso[11:19] if published.precision == "second" else iso[11:16] + ":00"
    end = clock if published.precision == "second" else iso[11:16] + ":59"
    return f"{day}T{clock}", f"{day}T{end}"


def _make(y: int, m: int = 1, d: int = 1, hh: int | None = None, mm: int | None = None,
          ss: int | None = None, tz: str | None = None, precision: Precision = "day") -> Published:
    try:
        moment = datetime(y, m, d, hh or 0, mm or 0, ss or 0)
    except ValueError as e:
        raise MalformedDateError(f"impossible date {y:04d}-{m:02d}-{d:02d}: {e}") from e
    iso = {
        "year": f"{moment:%Y}",
        "month": f"{moment:%Y-%m}",
        "day": f"{moment:%Y-%m-%d}",
        "minute": f"{moment:%Y-%m-%dT%H:%M}",
        "second": f"{moment:%Y-%m-%dT%H:%M:%S}",
    }[precision]
    if tz and precision in ("minute", "second"):
        iso += tz
    return Published(iso=iso, precision=precision, timezone=tz)


def _norm_tz(tz: str | None) -> str | None:
    if not tz:
        return None
    if tz == "Z":
        return "+00:00"
    sign, digits = tz[0], tz[1:].replace(":", "")
    digits = digits.ljust(4, "0")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if minutes >= 60 or hours > 14 or (sign == "-" and hours > 12):
        raise MalformedDateError(f"time zone {tz} is not a UTC offset (they run from -12:00 to +14:00)")
    return f"{sign}{digits[:2]}:{digits[2:]}"


def _parse_iso(text: str) -> Published | None:
    m = _ISO.match(text)
    if not m:
        return None
    g = m.groupdict()
    y = int(g["y"])
    if g["m"] is None:
        return _make(y, precision="year")
    if g["d"] is None:
        return _make(y, int(g["m"]), precision="month")
    if g["H"] is None:
        return _make(y, int(g["m"]), int(g["d"]), precision="day")
    precision: Precision = "second" if g["S"] is not None else "minute"
    return _make(y, int(g["m"]), int(g["d"]), int(g["H"]), int(g["M"]), int(g["S"] or 0),
                 _norm_tz(g["tz"]), precision)


def _parse_dmy(text: str) -> Published | None:
    m = _DMY.match(text)
    if not m:
        return None
    if m["H"] is not None:
        return _make(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"]), int(m["M"]), precision="minute")
    return _make(int(m["y"]), int(m["m"]), int(m["d"]))


def _parse_words(text: str) -> Published | None:
    m = _WORDS.match(text)
    if not m:
        return None
    month = nl.MONTHS.get(m["mon"].lower()) or _ENGLISH_MONTHS.get(m["mon"].lower()[:3])
    if month is None:
        return None
    if m["d"] is None:
        return _make(int(m["y"]), month, precision="month")
    if m["H"] is not None:
        return _make(int(m["y"]), month, int(m["d"]), int(m["H"]), int(m["M"]), precision="minute")
    return _make(int(m["y"]), month, int(m["d"]))


_ENGLISH_MONTHS = {calendar.month_abbr[i].lower(): i for i in range(1, 13)}


def _parse_rfc2822(text: str) -> Published | None:
    if not re.search(r"\d{1,2}:\d{2}", text) or not re.search(r"[A-Za-z]{3}", text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    offset = moment.utcoffset()
    tz = None
    if offset is not None:
        minutes = int(offset / timedelta(minutes=1))
        sign = "+" if minutes >= 0 else "-"
        tz = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    precision: Precision = "second" if re.search(r"\d{1,2}:\d{2}:\d{2}", text) else "minute"
    return _make(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second, tz, precision)


_PERIOD_PRECISION: dict[str, Precision] = {"year": "year", "month": "month", "day": "day", "time": "minute"}


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)")
_QUARTER = re.compile(r"\b[QK][1-4]\b|kwartaal|quarter", re.IGNORECASE)


def _parse_fallback(text: str) -> Published | None:
    # dateparser fills gaps from today ("15 maart" -> this year, "13:45" -> today): a publication
    # date must state its year, and quarters are not days.
    if len(text) > 60 or not _YEAR.search(text) or _QUARTER.search(text):
        return None
    import dateparser.date

    parser = dateparser.date.DateDataParser(languages=["nl", "en", "fr", "de"],
                                            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    moment = data.date_obj
    precision = _PERIOD_PRECISION.get(data.period or "day", "day")
    without_year = _YEAR.sub(" ", text)
    if precision in ("day", "minute") and not re.search(r"(?<!\d)\d{1,2}(?!\d)", without_year):
        precision = "month"  # dateparser says "day" for "March 2019": no day number, no day precision
    return _make(moment.year, moment.month, moment.day, moment.hour, moment.minute, None, None, precision)
