"""The Dutch date grammar on sentences of our own (not from any test set): each form, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from duiding.enrich.timex import find_timexes
from duiding.lang import nl

THU = (date(2024, 3, 14), date(2024, 3, 14))  # a Thursday


def one(sentence: str, anchor: tuple[date, date] | None = THU) -> tuple[str, str, str]:
    found = find_timexes(sentence, anchor, nl)
    assert len(found) == 1, [t.text for t in found]
    return found[0].text, found[0].value_start, found[0].value_end


@pytest.mark.parametrize(("sentence", "text", "start", "end"), [
    # numeric dates, every order and separator
    ("De zitting is verplaatst naar 3-11-2023.", "3-11-2023", "2023-11-03", "2023-11-03"),
    ("Het contract liep af op 30/06/2021.", "30/06/2021", "2021-06-30", "2021-06-30"),
    ("De deadline is 2024-05-01.", "2024-05-01", "2024-05-01", "2024-05-01"),
    ("De raad vergadert op 9-4 opnieuw.", "9-4", "2024-04-09", "2024-04-09"),
    ("De cijfers over 2022-10 volgen later.", "2022-10", "2022-10-01", "2022-10-31"),
    ("Hij tekende op 7-okt-2020 bij.", "7-okt-2020", "2020-10-07", "2020-10-07"),
    # written and ordinal days
    ("De stembus sluit op zeven mei.", "zeven mei", "2024-05-07", "2024-05-07"),
    ("De markt opent de 3e van april weer.", "de 3e van april", "2024-04-03", "2024-04-03"),
    ("Op vrijdag de 8ste kwam het bericht.", "vrijdag de 8ste", "2024-03-08", "2024-03-08"),
    ("Het pand werd op dertig november negentienvierenzeventig gebouwd.",
     "dertig november negentienvierenzeventig", "1974-11-30", "1974-11-30"),
    # weekdays by tense
    ("De minister trad dinsdag af.", "dinsdag", "2024-03-12", "2024-03-12"),
    ("De minister treedt dinsdag af.", "dinsdag", "2024-03-19", "2024-03-19"),
    ("Het kabinet beslist volgende week woensdag.", "volgende week woensdag", "2024-03-20", "2024-03-20"),
    # periods, parts and selections
    ("De brug gaat in het tweede kwartaal van 2025 open.", "het tweede kwartaal van 2025", "2025-04-01", "2025-06-30"),
    ("De staking is in week 12 voorbij.", "week 12", "2024-03-18", "2024-03-24"),
    ("De cijfers komen de tweede dinsdag van mei.", "de tweede dinsdag van mei", "2024-05-14", "2024-05-14"),
    ("Eerder deze maand sloot de fabriek.", "Eerder deze maand", "2024-03-01", "2024-03-13"),
    ("Later dit jaar volgt een besluit.", "Later dit jaar", "2024-03-14", "2024-12-31"),
    ("De rest van de week blijft het droog.", "De rest van de week", "2024-03-14", "2024-03-17"),
    ("Aan het begin van 2023 begon de bouw.", "Aan het begin van 2023", "2023-01-01", "2023-04-30"),
    ("De oogst viel tegen in de zomer van 2018.", "de zomer van 2018", "2018-06-01", "2018-08-31"),
    ("Dat speelde in de jaren tachtig al.", "de jaren tachtig", "1980-01-01", "1989-12-31"),
    ("Het klooster stamt uit de 14e eeuw.", "de 14e eeuw", "1300-01-01", "1399-12-31"),
    # offsets
    ("Vijf dagen na morgen valt het besluit.", "Vijf dagen na morgen", "2024-03-20", "2024-03-20"),
    ("Een jaar, twee maanden en drie dagen geleden begon het.", "Een jaar, twee maanden en drie dagen geleden",
     "2023-01-11", "2023-01-11"),
    ("De komende 10 dagen blijft de weg dicht.", "De komende 10 dagen", "2024-03-15", "2024-03-24"),
    ("Binnen drie weken moet er een plan liggen.", "Binnen drie weken", "2024-03-14", "2024-04-04"),
    # ranges, open ranges, holidays
    ("Het festival duurt van 28 juni tot 2 juli.", "van 28 juni tot 2 juli", "2024-06-28", "2024-07-02"),
    ("Tussen maart 2019 en juni 2020 daalde het aantal.", "Tussen maart 2019 en juni 2020", "2019-03-01",
     "2020-06-30"),
    ("Sinds februari staat het huis leeg.", "Sinds februari", "2024-02-01", "2024-03-14"),
    ("Met Pinksteren is het museum dicht.", "Pinksteren", "2024-05-19", "2024-05-19"),
    ("Op Tweede Kerstdag 2022 brandde de schuur af.", "Tweede Kerstdag 2022", "2022-12-26", "2022-12-26"),
])
def test_dutch_date_forms(sentence: str, text: str, start: str, end: str) -> None:
    assert one(sentence) == (text, start, end)


@pytest.mark.parametrize("sentence", [
    "Ajax won met 2-1 van Feyenoord.",  # a score
    "Er kwamen 2000 mensen naar het plein.",  # a count, not the year 2000
    "De tank is van driehonderd liter.",  # a number word, not a year
    "Hij eindigde op de 15e plaats.",  # a rank
    "Zij werd gekozen in de Eerste Kamer.",  # a name
    "Het kabinet kiest tussen zomer- en wintertijd.",  # part of a compound
])
def test_what_is_not_a_date(sentence: str) -> None:
    assert find_timexes(sentence, THU, nl) == []


def test_a_later_offset_counts_from_the_date_before_it() -> None:
    found = find_timexes("Op 3 mei 2019 vertrok hij. De volgende dag kwam hij aan.", THU, nl)
    assert [(t.text, t.value_start) for t in found] == [("3 mei 2019", "2019-05-03"), ("De volgende dag", "2019-05-04")]


def test_the_taggers_past_tense_makes_a_bare_weekday_the_last_one() -> None:
    sentence = "De bezoekers veroorzaakten zaterdag overlast."
    assert find_timexes(sentence, THU, nl)[0].value_start == "2024-03-16"  # no past cue among the words
    assert find_timexes(sentence, THU, nl, past=[(0, len(sentence))])[0].value_start == "2024-03-09"


def test_a_large_number_in_a_list_is_no_year() -> None:
    assert find_timexes("De schade ligt tussen de 400 en 1000 miljoen.", THU, nl) == []
