"""Numeric claims: a quantity, its unit, its hedge and what it is about.

``ongeveer 132 kilometer van de Noord-Koreaanse grens`` -> 132 km, hedge ``ongeveer``, about
``distance | Vladivostok | Noord-Koreaanse grens``. Digits use Dutch separators (``300.000``,
``3,5``); number words (``twintig``, ``vijfentwintig``, ``zeventigste``) and multipliers
(``2,3 miljoen``) are read; a counted noun is the unit when there is no unit word
(``twintig Noord-Koreaanse functionarissen`` -> ``functionarissen``). Years, dates and clock times
are time expressions, not claims. Word lists and separators live in ``lang/`` (English: ``3.5 million``,
``$1.2 billion``, ``300,000``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang import Language
from ..nlp.tags import NOUNS, UNANALYSED, has, is_
from ..records import Mention, Sentence, Token

_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}$")
_CURRENCY = {"€": "EUR", "$": "USD", "£": "GBP"}


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str  # distance | duration | speed | share | money | count | ordinal | ...
    hedge: str | None
    about: str  # "distance | Vladivostok | Noord-Koreaanse grens"
    anchors: tuple[str, ...]  # entity names and measured-from phrases, for aligning claims across articles
    sentence: int


def parse_number(word: str, lang: Language) -> tuple[float, bool] | None:
    """(value, is_ordinal) for ``300.000``, ``3,5``, ``twintig``, ``vijfentwintig``, ``zeventigste``."""
    w = word.lower()
    thousands, decimal = lang.NUMBER_SEPARATORS
    if _digits(thousands, decimal).match(w):
        return float(w.replace(thousands, "").replace(decimal, ".")), False
    ordinal = False
    for suffix in lang.ORDINAL_SUFFIXES:
        if w.endswith(suffix) and _word_value(w[: -len(suffix)], lang) is not None and len(w) > 5:
            w, ordinal = w[: -len(suffix)], True
            break
    value = _word_value(w, lang)
    return (float(value), ordinal) if value is not None and value > 1 else None


@lru_cache(maxsize=8)
def _digits(thousands: str, decimal: str) -> re.Pattern[str]:
    t, d = re.escape(thousands), re.escape(decimal)
    return re.compile(rf"^\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?$|^\d+(?:{d}\d+)?$")


def _word_value(w: str, lang: Language) -> int | None:
    """Number words, compounds included: "vijfentwintig", "tweehonderd", "drieduizend", "twenty-five"."""
    if w in lang.NUMBER_WORDS and lang.NUMBER_WORDS[w] != 1:  # "een"/"one" is an article as often as a number
        return lang.NUMBER_WORDS[w]
    bigs = [(b, f) for f in (1000, 100) for b, v in lang.NUMBER_WORDS.items() if v == f]
    for big, factor in bigs:
        if big in w and w != big:
            head, _, tail = w.partition(big)
            h = lang.NUMBER_WORDS.get(head) if head else 1
            t = _word_value(tail, lang) if tail else 0
            if h is not None and t is not None:
                return h * factor + t
    link, units_first = lang.NUMBER_COMPOUND
    if link in w:
        unit, _, tens = w.partition(link)
        if not units_first:
            unit, tens = tens, unit
        u, t = lang.NUMBER_WORDS.get(unit.rstrip("ë")), lang.NUMBER_WORDS.get(tens)
        if u is not None and t is not None and u < 10 and t % 10 == 0 and t >= 20:
            return t + u
    return None


def find_claims(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                lang: Language) -> list[Claim]:
    out: list[Claim] = []
    for si, sentence in enumerate(sentences):
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            claim, used = _claim_at(tokens, i, si, text, mentions, lang)
            if claim is not None:
                out.append(claim)
            i += max(used, 1)
    return out


def _claim_at(tokens: tuple[Token, ...], i: int, si: int, text: str, mentions: list[Mention],
              lang: Language) -> tuple[Claim | None, int]:
    tok = tokens[i]
    word, currency = tok.text, None
    if word[:1] in _CURRENCY and len(word) > 1:  # "€4.750" as one token
        word, currency = word[1:], _CURRENCY[word[0]]
    elif i > 0 and tokens[i - 1].text in _CURRENCY:  # "€ 4,5 miljoen"
        currency = _CURRENCY[tokens[i - 1].text]
    parsed = parse_number(word, lang)
    if parsed is None or _is_time(tokens, i, lang):
        return None, 1
    value, ordinal = parsed
    j = i + 1
    if j < len(tokens) and tokens[j].text.lower() in lang.MULTIPLIERS:
        value *= lang.MULTIPLIERS[tokens[j].text.lower()]
        j += 1
    unit, kind, j = _unit(tokens, j, lang)
    if (currency and unit is None) or (currency and kind == "count"):
        unit, kind, j = currency, "money", (j if unit is None else j - 1)
    if ordinal:
        kind = "ordinal"
    if unit is None:
        return None, j - i  # a bare number: not a claim about anything we can name
    if kind == "count" and value < 3 and not tok.text[:1].isdigit():
        return None, j - i  # "twee leiders": a number word for a pair is not a figure anyone reports
    hedge, first = _hedge(tokens, i - (1 if currency and tokens[i - 1].text in _CURRENCY else 0), lang)
    start, end = tokens[first].start, tokens[j - 1].end
    anchors = _anchors(tokens, i, j, mentions, text, lang)
    about = " | ".join([kind if kind not in ("count", "ordinal") else f"{kind} {unit}", *anchors])
    return Claim(start, end, text[start:end], value, unit, kind, hedge, about, tuple(anchors), si), j - i


def _is_time(tokens: tuple[Token, ...], i: int, lang: Language) -> bool:
    word = tokens[i].text
    nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    prev = tokens[i - 1].text.lower() if i > 0 else ""
    if _CLOCK.match(word) or nxt.rstrip(".") in lang.MONTHS:
        return True  # 10.30 uur, 13 september
    if re.fullmatch(r"(?:1[89]|20)\d\d", word) and nxt not in lang.UNITS:
        return True  # a year
    return prev in lang.RANGE_OPENERS and nxt in lang.RANGE_JOINERS and i + 3 < len(tokens) and \
        tokens[i + 3].text.lower().rstrip(".") in lang.MONTHS


def _unit(tokens: tuple[Token, ...], j: int, lang: Language) -> tuple[str | None, str, int]:
    """The unit word(s) after the number, or the counted noun (skipping adjectives)."""
    words = [t.text.lower() for t in tokens[j:j + 3]]
    for n in (3, 2, 1):
        phrase = " ".join(words[:n])
        if len(words) >= n and phrase in lang.UNITS:
            unit, kind = lang.UNITS[phrase]
            return unit, kind, j + n
    k = j
    while k < len(tokens) and k < j + 3 and (is_(tokens[k].tag, "ADJ") or has(tokens[k].tag, "prenom")):
        k += 1
    if k < len(tokens) and is_(tokens[k].tag, *NOUNS) and tokens[k].text.lower() not in lang.NOT_A_COUNT:
        return tokens[k].text, "count", k + 1
    return None, "count", j


def _hedge(tokens: tuple[Token, ...], i: int, lang: Language) -> tuple[str | None, int]:
    for n in (2, 1):
        if i - n >= 0:
            phrase = " ".join(t.text.lower() for t in tokens[i - n:i]).replace("’", "'")
            if phrase in lang.HEDGES:
                return " ".join(t.text for t in tokens[i - n:i]), i - n
    return None, i


def _anchors(tokens: tuple[Token, ...], i: int, j: int, mentions: list[Mention], text: str,
             lang: Language) -> list[str]:
    """What the number is about: the nearest named place or thing before it in its clause, and a
    "van/vanaf/tot (de) X" phrase after it (``130 kilometer van de Noord-Koreaanse grens``)."""
    anchors = []
    clause_start = tokens[0].start
    for k in range(i - 1, -1, -1):
        if tokens[k].text in (";", ":") or (tokens[k].text == "," and k < i - 6):
            clause_start = tokens[k].end
            break
    before = [m for m in mentions if clause_start <= m.start < tokens[i].start and m.type in ("LOC", "ORG", "PER")]
    if not before:
        before = [m for m in mentions if tokens[0].start <= m.start < tokens[i].start and m.type == "LOC"]
    if before:
        anchors.append(before[-1].name)
    if j < len(tokens) and tokens[j].text.lower() in lang.MEASURED_FROM:
        k = j + 1
        if k < len(tokens) and tokens[k].text.lower() in lang.ARTICLES:
            k += 1
        phrase: list[Token] = []
        while k < len(tokens) and len(phrase) < 4 and not is_(tokens[k].tag, "PUNCT", "VERB", "ADP", "CONJ"):
            phrase.append(tokens[k])
            if is_(tokens[k].tag, *NOUNS, *UNANALYSED):
                break
            k += 1
        if phrase:
            anchors.append(text[phrase[0].start:phrase[-1].end])
    return anchors
