"""ingest.dates: publication dates keep the precision the source gave, never more."""

from __future__ import annotations

import pytest

from duiding.errors import MalformedDateError
from duiding.ingest.dates import date_range, parse_published
from duiding.records import Published


@pytest.mark.parametrize(
    ("value", "iso", "precision", "timezone"),
    [
        ("2023-09", "2023-09", "month", None),
        ("2023", "2023", "year", None),
        ("2019-02-12", "2019-02-12", "day", None),
        ("2024-06-19T21:55:01+0200", "2024-06-19T21:55:01+02:00", "second", "+02:00"),
        ("2024-06-19T21:55:01+02:00", "2024-06-19T21:55:01+02:00", "second", "+02:00"),
        ("2024-06-19T19:55:01Z", "2024-06-19T19:55:01+00:00", "second", "+00:00"),
        ("2024-06-19T21:55:01.250+02:00", "2024-06-19T21:55:01+02:00", "second", "+02:00"),
        ("2024-06-19T21:55", "2024-06-19T21:55", "minute", None),
        ("2024-06-19 21:55:01", "2024-06-19T21:55:01", "second", None),
        ("Wed, 19 Jun 2024 21:55:01 +0200", "2024-06-19T21:55:01+02:00", "second", "+02:00"),
        ("Tue, 05 Mar 2024 08:30:00 +0100", "2024-03-05T08:30:00+01:00", "second", "+01:00"),
        ("19 juni 2024", "2024-06-19", "day", None),
        ("19 Juni 2024", "2024-06-19", "day", None),
        ("woensdag 19 juni 2024", "2024-06-19", "day", None),
        ("19 juni 2024 om 21:55", "2024-06-19T21:55", "minute", None),
        ("2 mrt. 2024", "2024-03-02", "day", None),
        ("juni 2024", "2024-06", "month", None),
        ("19-06-2024", "2024-06-19", "day", None),
        ("02-03-2024", "2024-03-02", "day", None),  # day first, as Dutch writes it
        ("19.06.2024", "2024-06-19", "day", None),
        ("  2023-09  ", "2023-09", "month", None),
    ],
)
def test_parse_published(value, iso, precision, timezone):
    assert parse_published(value) == Published(iso=iso, precision=precision, timezone=timezone)


def test_month_precision_is_not_the_first_of_the_month():
    published = parse_published("2023-09")
    assert published is not None
    assert published.iso == "2023-09"
    assert not published.iso.endswith("-01")


@pytest.mark.parametrize("value", [None, "", "   ", "\t\n"])
def test_missing_date_is_none(value):
    assert parse_published(value) is None


@pytest.mark.parametrize(
    "value",
    ["gisteren morgen", "2019-13-45", "32 juni 2024", "2023-02-30", "31-02-2024", "2024-00", "geen idee"],
)
def test_nonsense_raises_malformed_date_error(value):
    with pytest.raises(MalformedDateError) as info:
        parse_published(value)
    assert info.value.code == "date"


def test_malformed_date_message_names_the_input():
    with pytest.raises(MalformedDateError, match="gisteren morgen"):
        parse_published("gisteren morgen")


@pytest.mark.parametrize(
    "value",
    [
        "13:45",  # a clock time: no date at all
        "om 14:00",
        "15 maart",  # no year: any year would be invented
        "vrijdag 13",  # neither month nor year
        "3 dagen geleden",  # relative to the day of the run, not of the article
    ],
)
def test_no_date_is_invented_for_incomplete_input(value):
    """A date the source did not give must not be made up (e.g. from today's date)."""
    with pytest.raises(MalformedDateError):
        parse_published(value)


def test_quarter_is_not_turned_into_a_day():
    """'Q3 2023' may be read as the year 2023, but never as one made-up day."""
    try:
        published = parse_published("Q3 2023")
    except MalformedDateError:
        return
    assert published == Published(iso="2023", precision="year"), f"invented precision: {published}"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2024-02", "2024-02-01T00:00:00", "2024-02-29T23:59:59"),  # leap year
        ("2023-02", "2023-02-01T00:00:00", "2023-02-28T23:59:59"),
        ("2023-09", "2023-09-01T00:00:00", "2023-09-30T23:59:59"),
        ("2023-12", "2023-12-01T00:00:00", "2023-12-31T23:59:59"),
        ("2023", "2023-01-01T00:00:00", "2023-12-31T23:59:59"),
        ("2019-02-12", "2019-02-12T00:00:00", "2019-02-12T23:59:59"),
        ("2024-06-19T21:55", "2024-06-19T21:55:00", "2024-06-19T21:55:59"),
        ("2024-06-19T21:55:01+0200", "2024-06-19T21:55:01", "2024-06-19T21:55:01"),
    ],
)
def test_date_range(value, start, end):
    published = parse_published(value)
    assert published is not None
    assert date_range(published) == (start, end)
