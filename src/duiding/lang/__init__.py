"""Language knowledge as data, one module per language (``nl``, ``en``).

``for_language(code)`` returns the module for an ISO 639-1 code, typed as :class:`Language`: the
tables every rule reads (speech verbs, hedges, number words, date phrases, role nouns, ...). Adding
a language means adding a module that defines every name below; ``tests/test_lang_data.py`` checks
that each module does, and mypy checks the types (a module satisfies a Protocol structurally).
The rules never branch on the language code: what differs between languages is in these tables.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol, cast

from ..errors import ConfigError

_AVAILABLE = ("nl", "en")


class Language(Protocol):
    """What a language module provides (read-only). Grouped by the stage that reads it:
    cleaning (CAPTION_*, STATUS_PREFIXES, TRAILER_LINES, SECTION_LABELS), names and resolution
    (NAME_PARTICLES, ORG_HEADS, KNOWN_TYPES, ALIASES, TRANSLITERATION, GENITIVE_SUFFIXES), quotes and
    speakers (QUOTE_PAIRS, SPEECH_*, REPORTING_VERBS, ACCORDING_TO, PRONOUNS, role and person nouns,
    CUE_FILLERS, CLAUSE_*), numbers (NUMBER_WORDS, MULTIPLIERS, HEDGES, UNITS, PEOPLE_*, the claim
    cues) and time (MONTHS, WEEKDAYS, SEASONS, RELATIVE_*, NEXT/LAST/THIS_WORDS, holidays, the
    timex grammar's function words in TIMEX_WORDS)."""

    def __hash__(self) -> int: ...  # grammars and name keys are cached per language

    @property
    def ACCORDING_TO(self) -> tuple[str, ...]: ...

    @property
    def AFFILIATION_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def AFTER_NOW_WORDS(self) -> tuple[str, ...]: ...

    @property
    def AGE_ADJECTIVE_ENDINGS(self) -> tuple[str, ...]: ...

    @property
    def ALIASES(self) -> Mapping[str, str]: ...

    @property
    def ALIGN_STOP_LEMMAS(self) -> frozenset[str]: ...

    @property
    def BEFORE_NOW_WORDS(self) -> tuple[str, ...]: ...

    @property
    def CAPTION_CREDIT_WORDS(self) -> tuple[str, ...]: ...

    @property
    def CAPTION_OPENERS(self) -> tuple[str, ...]: ...

    @property
    def CENTURY_NOUNS(self) -> tuple[str, ...]: ...

    @property
    def CHANGE_CUES(self) -> frozenset[str]: ...

    @property
    def CLAUSE_BREAKS(self) -> frozenset[str]: ...

    @property
    def CLAUSE_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def COMPARABLE_KINDS(self) -> frozenset[str]: ...

    @property
    def CONTINUATION_CHARS(self) -> int: ...

    @property
    def CUE_FILLERS(self) -> frozenset[str]: ...

    @property
    def DATE_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def DAY_ORDINAL_FOLLOWERS(self) -> tuple[str, ...]: ...

    @property
    def DECADE_NOUNS(self) -> tuple[str, ...]: ...

    @property
    def DECADE_WORDS(self) -> Mapping[str, int]: ...

    @property
    def DESCRIPTION_NOUNS(self) -> frozenset[str]: ...

    @property
    def DETERMINERS(self) -> frozenset[str]: ...

    @property
    def DURATION_UNITS(self) -> Mapping[str, str]: ...

    @property
    def EASTER_HOLIDAYS(self) -> Mapping[str, int]: ...

    @property
    def FIXED_HOLIDAYS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def FORECAST_CUES(self) -> frozenset[str]: ...

    @property
    def GENERIC_EXPERTS(self) -> frozenset[str]: ...

    @property
    def GENITIVE_SUFFIXES(self) -> tuple[str, ...]: ...

    @property
    def HALF_WORDS(self) -> tuple[str, ...]: ...

    @property
    def HEDGES(self) -> Mapping[str, float]: ...

    @property
    def INSTITUTION_NOUNS(self) -> frozenset[str]: ...

    @property
    def KNOWN_TYPES(self) -> Mapping[str, str]: ...

    @property
    def LAST_WORDS(self) -> tuple[str, ...]: ...

    @property
    def LATTER_WORDS(self) -> frozenset[str]: ...

    @property
    def MID_SEASONS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def MIN_QUOTE_WORDS(self) -> int: ...

    @property
    def MONTHS(self) -> Mapping[str, int]: ...

    @property
    def MULTIPLIERS(self) -> Mapping[str, int]: ...

    @property
    def NAME_PARTICLES(self) -> frozenset[str]: ...

    @property
    def NAMING_WORDS(self) -> frozenset[str]: ...

    @property
    def NEXT_WORDS(self) -> tuple[str, ...]: ...

    @property
    def NOT_A_COUNT(self) -> frozenset[str]: ...

    @property
    def NOT_A_MEASURE_AFTER(self) -> frozenset[str]: ...

    @property
    def NOT_A_NAME_SUFFIXES(self) -> tuple[str, ...]: ...

    @property
    def NOT_DATES(self) -> frozenset[str]: ...

    @property
    def NOT_NAMES(self) -> frozenset[str]: ...

    @property
    def NOW_WORDS(self) -> Mapping[str, int]: ...

    @property
    def NUMBER_WORDS(self) -> Mapping[str, int]: ...

    @property
    def ORDINAL_NOUNS(self) -> tuple[str, ...]: ...

    @property
    def ORDINAL_SUFFIXES(self) -> tuple[str, ...]: ...

    @property
    def ORDINAL_WORDS(self) -> Mapping[str, int]: ...

    @property
    def ORG_HEADS(self) -> frozenset[str]: ...

    @property
    def ORIGIN_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def PARTICLE_SPEECH_FORMS(self) -> frozenset[str]: ...

    @property
    def PAST_CUES(self) -> frozenset[str]: ...

    @property
    def PEOPLE_LEMMAS(self) -> frozenset[str]: ...

    @property
    def PEOPLE_NOUNS(self) -> frozenset[str]: ...

    @property
    def PERFECT_AUXILIARIES(self) -> frozenset[str]: ...

    @property
    def PERIOD_PARTS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def PERSON_NOUNS(self) -> frozenset[str]: ...

    @property
    def PERSON_SUFFIXES(self) -> tuple[str, ...]: ...

    @property
    def POSSESSIVES(self) -> frozenset[str]: ...

    @property
    def PRONOUNS(self) -> frozenset[str]: ...

    @property
    def QUARTER_LETTERS(self) -> tuple[str, ...]: ...

    @property
    def QUARTER_WORDS(self) -> tuple[str, ...]: ...

    @property
    def QUOTE_PAIRS(self) -> Mapping[str, str]: ...

    @property
    def RELATIVE_DAYS(self) -> Mapping[str, int]: ...

    @property
    def RELATIVE_UNITS(self) -> Mapping[str, str]: ...

    @property
    def REPORTING_VERBS(self) -> frozenset[str]: ...

    @property
    def REST_WORDS(self) -> tuple[str, ...]: ...

    @property
    def ROLE_NOUNS(self) -> frozenset[str]: ...

    @property
    def ROLE_SUFFIXES(self) -> tuple[str, ...]: ...

    @property
    def SAME_WORDS(self) -> tuple[str, ...]: ...

    @property
    def SEASONS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def SECTION_LABELS(self) -> tuple[str, ...]: ...

    @property
    def SINCE_WORDS(self) -> tuple[str, ...]: ...

    @property
    def SPEAKER_ORIGIN_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def SPEECH_FORMS(self) -> frozenset[str]: ...

    @property
    def SPEECH_LEMMAS(self) -> frozenset[str]: ...

    @property
    def SPEECH_NOUNS(self) -> frozenset[str]: ...

    @property
    def SPOKESPERSON_NOUNS(self) -> frozenset[str]: ...

    @property
    def STATUS_PREFIXES(self) -> tuple[str, ...]: ...

    @property
    def STOP_CAPITALISED(self) -> frozenset[str]: ...

    @property
    def STOP_LEMMAS(self) -> frozenset[str]: ...

    @property
    def SUBJECT_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def SUBJECT_PRONOUNS(self) -> frozenset[str]: ...

    @property
    def THAT_WORDS(self) -> frozenset[str]: ...

    @property
    def THEN_CUES(self) -> frozenset[str]: ...

    @property
    def THIS_WORDS(self) -> tuple[str, ...]: ...

    @property
    def TRAILER_LINES(self) -> tuple[str, ...]: ...

    @property
    def TRANSLITERATION(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def UNITS(self) -> Mapping[str, tuple[str, str]]: ...

    @property
    def VAGUE_COUNTS(self) -> Mapping[str, float]: ...

    @property
    def WEEKDAYS(self) -> Mapping[str, int]: ...

    @property
    def WEEKDAY_ABBREVIATIONS(self) -> Mapping[str, int]: ...

    @property
    def WEEKDAY_HOLIDAYS(self) -> Mapping[str, tuple[int, int, int]]: ...

    @property
    def WEEKDAY_SHORT_ALONE(self) -> Mapping[str, int]: ...

    @property
    def WEEK_OF_VERBS(self) -> tuple[str, ...]: ...

    @property
    def WEEK_PARTS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def WITHIN_WORDS(self) -> tuple[str, ...]: ...

    @property
    def YEAR_FOLLOWERS(self) -> frozenset[str]: ...

    @property
    def YEAR_PARTS(self) -> Mapping[str, tuple[int, int]]: ...

    @property
    def TIMEX_WORDS(self) -> Mapping[str, str]: ...

    @property
    def TIMEX_NEEDS(self) -> Mapping[str, str]: ...

    @property
    def TIMEX_BACKWARD(self) -> frozenset[str]: ...

    @property
    def TIMEX_ANCHORED(self) -> frozenset[str]: ...

    @property
    def TIMEX_FROM_NOW(self) -> frozenset[str]: ...

    @property
    def MONTH_BEFORE_DAY(self) -> bool: ...

    @property
    def NUMBER_SEPARATORS(self) -> tuple[str, str]: ...

    @property
    def NUMBER_COMPOUND(self) -> tuple[str, bool]: ...

    @property
    def RANGE_OPENERS(self) -> frozenset[str]: ...

    @property
    def RANGE_JOINERS(self) -> frozenset[str]: ...

    @property
    def MEASURED_FROM(self) -> frozenset[str]: ...

    @property
    def ARTICLES(self) -> frozenset[str]: ...

    @property
    def FEATURE_TAGS(self) -> tuple[str, ...]: ...

    @property
    def SUBJECT_BEFORE_CUE(self) -> bool: ...

    @property
    def POSTPOSED_CUES(self) -> frozenset[str]: ...

    @property
    def PLURAL_PRONOUNS(self) -> frozenset[str]: ...

    @property
    def ROLE_NAME_LINKS(self) -> frozenset[str]: ...

    @property
    def DEFINITE_DETERMINERS(self) -> frozenset[str]: ...

    @property
    def ROLE_OF_PREPOSITIONS(self) -> frozenset[str]: ...

    @property
    def RELATIVE_PRONOUNS(self) -> frozenset[str]: ...

    @property
    def SPEECH_NOUN_LINKS(self) -> frozenset[str]: ...

    @property
    def COMPLEMENTIZERS(self) -> frozenset[str]: ...


if TYPE_CHECKING:  # mypy checks that each module provides every table with its type
    from . import en, nl

    _NL: Language = nl
    _EN: Language = en


def for_language(code: str) -> Language:
    """The data module for ``code``; an unknown language is a configuration error, not a crash."""
    if code not in _AVAILABLE:
        raise ConfigError(f"no language data for {code!r}; available: {', '.join(_AVAILABLE)}")
    return cast(Language, importlib.import_module(f"{__name__}.{code}"))


def has_language(code: str | None) -> bool:
    return code in _AVAILABLE


def primary(codes: str | Iterable[str]) -> Language:
    """The first of the configured languages (``languages`` setting, "nl,en,...") that has language data:
    what cross-article stages use for an article whose own language has none (names, stop words)."""
    listed = [c.strip().lower() for c in (codes.split(",") if isinstance(codes, str) else codes)]
    return for_language(next((c for c in listed if c in _AVAILABLE), _AVAILABLE[0]))


def of_article(code: str | None, default: Language) -> Language:
    """An article's own language data, or ``default`` when its language has none (or is unknown)."""
    return for_language(code) if code in _AVAILABLE else default


def available() -> tuple[str, ...]:
    return _AVAILABLE
