"""Language identification with lingua, restricted to the configured languages.

Restricting the candidate set is what makes lingua both fast (hundreds of documents per second)
and accurate on news text; the first few hundred characters decide as well as the whole
body. Batches go through ``detect_languages_in_parallel_of``, which spreads over the cores in
Rust without Python processes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..errors import ConfigError

SAMPLE_CHARS = 600  # measured on DPG: 2.7k docs/s, 4158/4158 right; 2,000 chars: 1.2k docs/s, same answers


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError) as e:
            raise ConfigError(f"languages: {code!r} is not an ISO 639-1 code lingua knows") from e
    if len(languages) < 2:
        raise ConfigError("languages: name at least two languages for the detector to choose among")
    return LanguageDetectorBuilder.from_languages(*languages).build()


def known_code(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 code of a language lingua knows (``--lang xx`` is a typo, not a language)."""
    from lingua import IsoCode639_1

    return len(code) == 2 and code.isalpha() and getattr(IsoCode639_1, code.upper(), None) is not None


def parse_codes(setting: str) -> tuple[str, ...]:
    return tuple(sorted({c.strip().lower() for c in setting.split(",") if c.strip()}))


def detect_languages(texts: Sequence[str], codes: tuple[str, ...]) -> list[str | None]:
    """ISO 639-1 code per text, ``None`` where lingua cannot decide."""
    detector = _detector(codes)
    found = detector.detect_languages_in_parallel_of([t[:SAMPLE_CHARS] for t in texts])
    return [lang.iso_code_639_1.name.lower() if lang is not None else None for lang in found]
