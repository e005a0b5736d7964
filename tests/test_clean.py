"""ingest.clean.clean_body: page furniture out, text normalised, every removal recorded."""

from __future__ import annotations

import unicodedata

import pytest

from duiding.ingest.clean import clean_body
from duiding.records import Removed

EERSTE = "Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de wachtlijsten in de zorg te verkorten."
LAATSTE = "De oppositie noemt het plan te vaag en wil volgende week een debat in de Tweede Kamer."


def _body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


# --- captions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    [
        "Minister Kuipers spreekt de pers toe na afloop van de ministerraad. Beeld ANP",
        "Demonstranten trekken door de straten van Parijs. Beeld Gamma-Rapho via Getty Images",
        "Hulpverleners bij de ingestorte brug in Genua. Foto ANP / Robin van Lonkhuijsen",
        "Een soldaat bij de grens in Panmunjom. Beeld Reuters/Kim Hong-Ji",
        "Volledig scherm Brandweerlieden blussen het vuur in het bos bij Marseille. © AFP",
        "Foto: de uitgebrande bus op de A2 bij Maarssen.",
    ],
    ids=["beeld-anp", "gamma-rapho-via-getty", "foto-anp-slash-name", "reuters-slash", "volledig-scherm",
         "foto-colon-opener"],
)
def test_caption_paragraph_is_removed_whole(caption):
    cleaned = clean_body(_body(EERSTE, caption, LAATSTE))
    assert cleaned.text == _body(EERSTE, LAATSTE)
    assert len(cleaned.removed) == 1
    removed = cleaned.removed[0]
    assert removed.kind == "caption"
    assert removed.text == caption
    assert removed.offset == len(EERSTE) + 2


@pytest.mark.parametrize(
    "paragraph",
    [
        "Dat geeft een beeld van de schade.",
        "De foto van het ongeluk ging rond op sociale media, waarna de politie om beelden vroeg.",
        "Foto ANP laat zien dat de dijk bij Zalk het nog houdt, ondanks het hoge water.",
        "Volgens de burgemeester is het beeld dat de stad onveilig is niet juist.",
    ],
)
def test_ordinary_sentence_about_images_is_kept(paragraph):
    cleaned = clean_body(_body(EERSTE, paragraph, LAATSTE))
    assert cleaned.text == _body(EERSTE, paragraph, LAATSTE)
    assert cleaned.removed == ()


def test_long_paragraph_ending_in_credit_keeps_its_text_and_loses_only_the_credit():
    paragraph = (
        "De storm trok zaterdagnacht urenlang over het noorden van het land. In Groningen en Friesland "
        "waaiden tientallen bomen om, raakten daken beschadigd en moesten wegen worden afgesloten. De "
        "brandweer rukte honderden keren uit, vooral voor losgeraakte dakpannen en omgevallen hekken. "
        "In Delfzijl liep een deel van de boulevard onder water, en in Harlingen voeren de veerboten naar "
        "de eilanden de hele zondag niet. Het KNMI had code oranje afgegeven voor de kustprovincies."
    )
    assert len(paragraph) > 400
    cleaned = clean_body(_body(EERSTE, paragraph + " Beeld ANP", LAATSTE))
    assert cleaned.text == _body(EERSTE, paragraph, LAATSTE)
    assert [(r.kind, r.text) for r in cleaned.removed] == [("credit", "Beeld ANP")]


# --- status prefixes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "prefix", "rest"),
    [
        ("UpdateDe Noord-Koreaanse leider is in Moskou aangekomen.", "Update",
         "De Noord-Koreaanse leider is in Moskou aangekomen."),
        ("LiveblogOekraïne meldt nieuwe aanvallen op Charkiv.", "Liveblog",
         "Oekraïne meldt nieuwe aanvallen op Charkiv."),
        ("Update: De trein rijdt weer tussen Utrecht en Arnhem.", "Update:",
         "De trein rijdt weer tussen Utrecht en Arnhem."),
        ("UpdateÉén dode bij woningbrand in Zwolle.", "Update", "Één dode bij woningbrand in Zwolle."),
    ],
    ids=["update-glued", "liveblog-glued", "update-colon", "update-accented-capital"],
)
def test_glued_status_prefix_is_stripped(first, prefix, rest):
    cleaned = clean_body(_body(first, LAATSTE))
    assert cleaned.text == _body(rest, LAATSTE)
    assert cleaned.removed == (Removed("update-prefix", prefix, 0),)


@pytest.mark.parametrize(
    "first",
    [
        "Update van de gemeente: het kraanwater in Arnhem is weer veilig.",
        "Live muziek is vanaf volgende maand weer toegestaan in de binnenstad.",
        "Analyse van de cijfers laat zien dat de werkloosheid daalt.",
    ],
)
def test_prefix_word_followed_by_a_space_and_normal_word_is_kept(first):
    cleaned = clean_body(_body(first, LAATSTE))
    assert cleaned.text == _body(first, LAATSTE)
    assert cleaned.removed == ()


def test_status_prefix_only_stripped_from_first_paragraph():
    second = "UpdateDe tweede alinea begint toevallig ook zo."
    cleaned = clean_body(_body(EERSTE, second))
    assert cleaned.text == _body(EERSTE, second)


# --- trailers -------------------------------------------------------------------------------


def test_trailing_section_label_and_share_line_are_removed_and_section_returned():
    raw = _body(EERSTE, LAATSTE, "Binnenland", "Deel artikel:")
    cleaned = clean_body(raw)
    assert cleaned.text == _body(EERSTE, LAATSTE)
    assert cleaned.section == "Binnenland"
    assert [(r.kind, r.text) for r in cleaned.removed] == [("section", "Binnenland"), ("trailer", "Deel artikel:")]
    for r in cleaned.removed:
        assert raw[r.offset:r.offset + len(r.text)] == r.text


def test_several_section_labels_are_all_returned():
    cleaned = clean_body(_body(EERSTE, LAATSTE, "Nieuwsuur", "Buitenland", "Deel artikel:"))
    assert cleaned.text == _body(EERSTE, LAATSTE)
    assert cleaned.section == "Nieuwsuur / Buitenland"


@pytest.mark.parametrize("trailer", ["Deel artikel:", "Deel artikel", "Deel dit artikel", "Deel via WhatsApp"])
def test_share_widget_line_at_the_end_is_removed(trailer):
    cleaned = clean_body(_body(EERSTE, LAATSTE, trailer))
    assert cleaned.text == _body(EERSTE, LAATSTE)
    assert [r.kind for r in cleaned.removed] == ["trailer"]
    assert cleaned.section is None


def test_section_word_inside_the_article_is_kept():
    middle = "Binnenland"
    cleaned = clean_body(_body(EERSTE, middle, LAATSTE))
    assert cleaned.text == _body(EERSTE, middle, LAATSTE)
    assert cleaned.section is None


# --- normalisation --------------------------------------------------------------------------


def test_nfc_normalisation_composes_accents():
    raw = "Het cafe\u0301 van Rene\u0301e en Zoe\u0308 in Delft is heropend."
    cleaned = clean_body(raw)
    assert cleaned.text == "Het café van Renée en Zoë in Delft is heropend."
    assert cleaned.text == unicodedata.normalize("NFC", cleaned.text)
    assert "\u0301" not in cleaned.text


def test_whitespace_is_normalised_but_words_are_unchanged():
    raw = "  De\tgemeente  Utrecht\u00a0bouwt   een\u202fnieuwe fietsenstalling.  "
    cleaned = clean_body(raw)
    assert cleaned.text == "De gemeente Utrecht bouwt een nieuwe fietsenstalling."
    assert cleaned.text.split() == raw.split()


def test_invisible_characters_are_removed_without_splitting_words():
    cleaned = clean_body("De ver\u00adkeers\u200bregelaars stonden klaar.")
    assert cleaned.text == "De verkeersregelaars stonden klaar."


def test_paragraphs_are_joined_with_exactly_one_blank_line():
    raw = "Eerste alinea.\n\n\n\nTweede alinea.\n   \n\t\nDerde alinea.\r\n\r\nVierde alinea."
    cleaned = clean_body(raw)
    assert cleaned.text == "Eerste alinea.\n\nTweede alinea.\n\nDerde alinea.\n\nVierde alinea."


def test_one_paragraph_per_line_becomes_separate_paragraphs():
    raw = f"{EERSTE}\n{LAATSTE}"
    assert clean_body(raw).text == _body(EERSTE, LAATSTE)


def test_hard_wrapped_plain_text_is_joined_into_one_paragraph():
    wrapped = (
        "De gemeenteraad van Deventer heeft donderdagavond na een lang\n"
        "debat ingestemd met de bouw van een nieuw zwembad aan de rand van\n"
        "de stad. Het oude bad aan de IJssel is volgens de wethouder niet\n"
        "meer te redden en gaat over twee jaar definitief dicht."
    )
    second = "De bouw begint volgend voorjaar."
    cleaned = clean_body(wrapped + "\n\n" + second)
    joined = " ".join(wrapped.split("\n"))
    assert cleaned.text == joined + "\n\n" + second
    assert "\n" not in cleaned.text.split("\n\n")[0]


def test_empty_and_whitespace_bodies_clean_to_empty_text():
    assert clean_body("").text == ""
    assert clean_body(" \n\t\n\u00a0 ").text == ""


# --- offsets --------------------------------------------------------------------------------

LONG = (
    "De storm trok zaterdagnacht urenlang over het noorden van het land. In Groningen en Friesland "
    "waaiden tientallen bomen om, raakten daken beschadigd en moesten wegen worden afgesloten. De "
    "brandweer rukte honderden keren uit, vooral voor losgeraakte dakpannen en omgevallen hekken. "
    "In Delfzijl liep een deel van de boulevard onder water, en in Harlingen voeren de veerboten naar "
    "de eilanden de hele zondag niet. Het KNMI had code oranje afgegeven voor de kustprovincies."
)


@pytest.mark.parametrize(
    "raw",
    [
        _body(EERSTE, "De premier in Brussel. Beeld ANP", LAATSTE),
        _body("Re\u0301gine de Vries opende de expositie.", "De premier in Brussel. Beeld ANP", LAATSTE),
        _body("UpdateDe trein rijdt weer.", LAATSTE, "Binnenland", "Deel artikel:"),
        _body(EERSTE, LONG + " Beeld ANP", LAATSTE),
        _body(EERSTE, "   De premier in Brussel. Beeld ANP", LAATSTE),
        "\r\n\r\n".join([EERSTE, "De premier in Brussel. Beeld ANP", LAATSTE]),
    ],
    ids=["caption", "after-decomposed-accent", "prefix-and-trailer", "credit-in-long-paragraph",
         "indented-caption", "crlf-line-ends"],
)
def test_removed_offset_points_at_the_removed_text_in_the_nfc_raw_body(raw):
    cleaned = clean_body(raw)
    assert cleaned.removed, "expected something to be removed"
    nfc = unicodedata.normalize("NFC", raw)
    for r in cleaned.removed:
        assert nfc[r.offset:r.offset + len(r.text)] == r.text, (r, nfc[r.offset:r.offset + len(r.text)])


def test_removed_records_are_sorted_by_offset():
    cleaned = clean_body(_body("UpdateDe trein rijdt weer.", "Reizigers op het perron. Beeld ANP", LAATSTE,
                               "Binnenland", "Deel artikel:"))
    offsets = [r.offset for r in cleaned.removed]
    assert offsets == sorted(offsets)
    assert [r.kind for r in cleaned.removed] == ["update-prefix", "caption", "section", "trailer"]
